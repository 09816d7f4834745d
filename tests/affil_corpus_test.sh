#!/bin/sh
# Countries on the shared Web of Science and Scopus exports: how many
# addresses get a country, and bibscope's top-10 countries by papers
# against an independent count over the raw C1 fields
# (affil_corpus_check.py).  Skipped (exit 77) without the shared corpus.
# usage: affil_corpus_test.sh BIBSCOPE TEST_AFFIL SHARED_DIR
set -u
BS=$1
AFFIL=$2
SHARED=$3
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/affil_corpus_check.py"
need "$SHARED/corpus/wos"
need "$SHARED/corpus/scopus"
WORK=$(mktemp -d /tmp/bs_affil.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/w.db"

# share of addresses with a country, in per mille; prints the others
coverage() {
	python3 "$CHECK" addresses "$SHARED" "$1" > "$WORK/$1.txt"
	"$AFFIL" --lines < "$WORK/$1.txt" > "$WORK/$1.out"
	paste "$WORK/$1.out" "$WORK/$1.txt" | grep '^	' | sed "s/^/no country ($1): /" | head -20
	awk -F'\t' '$1 != "" { n++ } END { print ((NR && 1000 * n >= '"$2"' * NR) ? "ok" : "low " n "/" NR) }' \
		"$WORK/$1.out"
}
check "wos addresses with a country (>= 99%)" ok "$(coverage wos 990)"
check "scopus addresses with a country (>= 95%)" ok "$(coverage scopus 950)"

"$BS" ingest --explain --db "$DB" "$SHARED/corpus/wos" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }
# the records merged into an earlier one, as "path:line"
sed -n 's/^\(.*:[0-9]*\): duplicate of paper .*/\1/p' "$WORK/ingest.txt" > "$WORK/dups.txt"
check "records merged as duplicates" 5 "$(wc -l < "$WORK/dups.txt" | tr -d ' ')"
# the stored rows: those of bibscope's own ingest, with their country
check "stored affiliation rows with a country (>= 99%)" ok "$(python3 -c '
import sqlite3, sys
n, k = sqlite3.connect(sys.argv[1]).execute(
    "SELECT count(*), count(country) FROM affiliations").fetchone()
print("ok" if n and k * 100 >= n * 99 else "low %d/%d" % (k, n))
print("%d of %d rows" % (k, n), file=sys.stderr)' "$DB")"
check "top-10 countries by papers (country,papers,scp,mcp)" \
	"$(python3 "$CHECK" top "$SHARED" 10 "$WORK/dups.txt" | tr '\n' ' ')" \
	"$("$BS" countries --db "$DB" --top 10 --format csv | tail -n +2 | cut -d, -f2-5 | tr '\n' ' ')"
check "collaboration edges and the top 5" \
	"$(python3 "$CHECK" edges "$SHARED" 5 "$WORK/dups.txt")" \
	"$("$BS" countries --db "$DB" --network --top 0 --format csv | tail -n +2 | wc -l | tr -d ' ') edges: $("$BS" countries --db "$DB" --network --top 5 --format csv | tail -n +2 | tr '\n' ' ')"
check "top-12 institutions by papers" \
	"$(python3 "$CHECK" institutions "$SHARED" 12 "$WORK/dups.txt" | tr '\n' ' ')" \
	"$("$BS" institutions --db "$DB" --top 12 --format csv | tail -n +2 | cut -d, -f2,4 | tr '\n' ' ')"
exit $fail
