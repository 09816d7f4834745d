#!/bin/sh
# Numbers bibscope must reproduce on ../shared/corpus/paperlists.
# Skipped (exit 77) when the shared corpus is absent.
# usage: corpus_test.sh BIBSCOPE SHARED_DIR
set -u
BS=$1
SHARED=$2
PL="$SHARED/corpus/paperlists"
. "$(dirname "$0")/lib.sh"
need "$PL"
WORK=$(mktemp -d /tmp/bs_corpus.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/c.db"

"$BS" ingest -q --db "$DB" "$PL" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }
# the independent counts below are of names as written: one person per
# name (persons are checked by identity_corpus and bench/identity)
"$BS" identity --db "$DB" --names-only > /dev/null || exit 1
check "ingest summary" "23467 records read, 23467 new, 0 duplicate, 0 skipped, 2 warnings" \
	"$(sed -n 's/.*s: \(.*\)$/\1/p' "$WORK/ingest.txt")"
# a new database is built aside with foreign keys unchecked: they must hold
check "built database: integrity, foreign keys, journal, no build file left" "ok 0 wal 0" \
	"$(sqlite3 "$DB" "PRAGMA integrity_check") $(sqlite3 "$DB" "PRAGMA foreign_key_check" | wc -l | tr -d ' ') $(sqlite3 "$DB" "PRAGMA journal_mode") $(ls "$DB".bulk-* 2>/dev/null | wc -l)"
check papers 23467 "$("$BS" stats --db "$DB" --format json | sed -n 's/.*"papers": \([0-9]*\),/\1/p' | head -1)"
"$BS" stats --db "$DB" --format csv > "$WORK/vy.csv"
for vy in "aaai,2022,1624" "aaai,2023,2021" "cvpr,2022,2072" "cvpr,2023,2353" \
	  "iclr,2021,860" "icml,2021,1183" "icml,2022,1234" "icml,2023,1828" \
	  "ijcai,2021,721" "ijcai,2022,863" "nips,2021,2334" "nips,2022,2834" "nips,2023,3540"; do
	check "venue-year ${vy%,*}" "$vy" "$(grep -x "$vy" "$WORK/vy.csv")"
done
check "top authors" "1,Bo Li,100 2,Yang Liu,89 3,Dacheng Tao,84 4,Zhangyang Wang,78 5,Sergey Levine,76" \
	"$("$BS" authors --db "$DB" --top 5 --format csv | tail -n +2 | cut -d, -f1-3 | tr '\n' ' ' | sed 's/ $//')"
# the graph summary in its three regimes: a small giant component measured
# exactly; exact betweenness with a large giant component (distances from
# every source of the pass, exact too); sampled betweenness (distances
# from its sources in the giant component).  Seeded, so the numbers are
# fixed.
gsum() { "$BS" graph --db "$DB" "$@" | sed -n 's/^\(mean distance (giant)\|betweenness, harmonic\) *//p' | tr '\n' ' ' | sed 's/ $//'; }
check "graph summary, iclr (small giant)" "8.07 exact" "$(gsum --venue iclr)"
check "graph summary, aaai exact (large giant)" "7.05 exact" "$(gsum --venue aaai --exact)"
check "graph summary, everything (sampled)" "5.35 (sampled, 7757 sources) sampled, k=7757 sources (exact: ~78 s of CPU, --exact)" "$(gsum)"
# the network chart picks its authors with its own query: the top 5 by papers
if command -v gnuplot > /dev/null; then
	"$BS" plot network --top 5 --db "$DB" -o "$WORK/net.svg" > /dev/null 2>&1
	check "network chart, top 5 authors" "Bo Li Yang Liu Dacheng Tao Zhangyang Wang Sergey Levine" \
		"$(for a in "Bo Li" "Yang Liu" "Dacheng Tao" "Zhangyang Wang" "Sergey Levine"; do grep -q ">$a<" "$WORK/net.svg" && printf '%s ' "$a"; done | sed 's/ $//')"
fi
# the NUL byte and the empty author list are warned about, with file:line
"$BS" ingest --db "$WORK/w.db" "$PL/ICLR/2021/ICLR-2021-list04.md" "$PL/CVPR/2022/CVPR-2022-list10.md" \
	> /dev/null 2> "$WORK/warn.txt"
check "NUL warning" 1 "$(grep -c 'ICLR-2021-list04.md:1336: warning: 1 NUL' "$WORK/warn.txt")"
check "no-author warning" 1 "$(grep -c 'CVPR-2022-list10.md:951: warning: .*has no authors' "$WORK/warn.txt")"
# the NUL record is kept whole: its abstract goes on after the U+FFFD
check "NUL record kept" 1 "$(sqlite3 "$WORK/w.db" "SELECT COUNT(*) FROM papers WHERE abstract LIKE '%representations in deep models' || char(65533) || ' thereby making Shapley%'")"
# the indented seed adds nothing new
check "seed re-ingest" "200 records read, 0 new, 200 duplicate, 0 skipped, 0 warnings" \
	"$("$BS" ingest -q --db "$DB" "$SHARED/corpus/seed-CVPR-2023-list10-indented.md" | sed -n 's/.*s: \(.*\)$/\1/p')"
# re-ingesting everything adds nothing
check "full re-ingest" "23467 records read, 0 new, 23467 duplicate, 0 skipped, 2 warnings" \
	"$("$BS" ingest -q --db "$DB" "$PL" | sed -n 's/.*s: \(.*\)$/\1/p')"
check "papers after re-ingest" 23467 "$("$BS" stats --db "$DB" --format json | sed -n 's/.*"papers": \([0-9]*\),/\1/p' | head -1)"
exit $fail
