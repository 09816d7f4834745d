#!/bin/sh
# DBLP homonyms on ../shared/corpus/bibtex/dblp-ai-venues-2016.bib.gz: the
# ten authors DBLP tells apart as "Lei Zhang", "Lei Zhang 0001", ... all
# show "Lei Zhang"; 'author "Lei Zhang"' lists them all (most papers first,
# ties by id) and exits 1, each is reached by its number or its id; an
# unknown venue suggests the nearest.  Skipped (exit 77) when the shared
# corpus is absent.
# usage: homonym_corpus_test.sh BIBSCOPE SHARED_DIR
set -u
BS=$1
BIB="$2/corpus/bibtex/dblp-ai-venues-2016.bib.gz"
. "$(dirname "$0")/lib.sh"
need "$BIB"
WORK=$(mktemp -d /tmp/bs_homonym.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/d.db"

"$BS" ingest -q --db "$DB" "$BIB" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }
# DBLP's numbered names as written, one person each (how persons join the
# unnumbered bylines: identity_corpus)
"$BS" identity --db "$DB" --names-only > /dev/null || exit 1

"$BS" author --db "$DB" "Lei Zhang" > "$WORK/out.txt" 2> "$WORK/list.txt"
check "ambiguous name: exit status" 1 $?
check "ambiguous name: no profile" "" "$(cat "$WORK/out.txt")"
check "ambiguous name: message" "bibscope: error: 'Lei Zhang' is ambiguous: 10 authors have this name" \
	"$(head -n 1 "$WORK/list.txt")"
# rows: id, name with its number, papers (tab-separated)
awk 'NR > 2 && $1 ~ /^[0-9]+$/ {
	if ($4 ~ /^[0-9][0-9][0-9][0-9]$/ && $5 ~ /^[0-9]+$/) print $1 "\t" $2 " " $3 " " $4 "\t" $5
	else print $1 "\t" $2 " " $3 "\t" $4 }' "$WORK/list.txt" > "$WORK/rows.txt"
check "ambiguous name: rows" 10 "$(wc -l < "$WORK/rows.txt" | tr -d ' ')"
check "ambiguous name: most papers first" "Lei Zhang 0001 50|Lei Zhang 0006 33|Lei Zhang 27" \
	"$(head -n 3 "$WORK/rows.txt" | cut -f2- | tr '\t' ' ' | paste -sd'|' -)"
# sorted by papers (descending), then id (ascending)
check "ambiguous name: order by papers, then id" "$(sort -t"$(printf '\t')" -k3,3nr -k1,1n "$WORK/rows.txt" | paste -sd'|' -)" \
	"$(paste -sd'|' - < "$WORK/rows.txt")"
check "ambiguous name: pick hint" "pick one: bibscope author --id ID" "$(tail -n 1 "$WORK/list.txt")"
"$BS" author --db "$DB" "Lei Zhang" 2> "$WORK/list2.txt" >/dev/null
cmp -s "$WORK/list.txt" "$WORK/list2.txt"
check "ambiguous name: same list twice" 0 $?

"$BS" author --db "$DB" "lei zhang 0006" > "$WORK/p.txt" 2>&1
check "name with its number: exit status" 0 $?
check "name with its number: profile" "33 papers" "$(head -n 1 "$WORK/p.txt" | sed 's/.*: \([0-9]* papers\).*/\1/')"
id=$(awk '$2 == "Lei" && $3 == "Zhang" && $4 ~ /^[0-9]+$/ && $4 !~ /^0/ { print $1 }' "$WORK/list.txt")
"$BS" author --db "$DB" --id "$id" > "$WORK/p.txt" 2>&1
check "--id of the name without a number: exit status" 0 $?
check "--id of the name without a number: profile" "Lei Zhang (id $id): 27 papers" \
	"$(head -n 1 "$WORK/p.txt" | sed 's/ (fractional.*//')"

"$BS" authors --db "$DB" --venue NIPPS > "$WORK/v.txt" 2>&1
check "unknown venue: exit status" 1 $?
check "unknown venue: suggestion" "bibscope: error: unknown venue 'NIPPS'; did you mean: NIPS?" "$(cat "$WORK/v.txt")"
exit $fail
