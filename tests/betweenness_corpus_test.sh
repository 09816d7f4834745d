#!/bin/sh
# Betweenness on the corpus co-authorship graphs: the default is exact
# while affordable (NeurIPS 2023, each venue alone) and, when sampled (all
# paper lists together), its top 20 authors agree with exact's in at least
# 19 places; the output says which it is.  Skipped (exit 77) when the
# shared corpus is absent.
# usage: betweenness_corpus_test.sh BIBSCOPE SHARED_DIR
set -u
BS=$1
SHARED=$2
PL="$SHARED/corpus/paperlists"
if [ ! -d "$PL" ]; then
	echo "SKIP: $PL not present"
	exit 77
fi
command -v sqlite3 > /dev/null || { echo "SKIP: sqlite3 not installed"; exit 77; }
WORK=$(mktemp -d /tmp/bs_betw.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/c.db"
fail=0
"$BS" ingest -q --db "$DB" "$PL" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }

run_of() {   # run_of ARGS...: the run id of `graph ARGS --format json`
	"$BS" graph --db "$DB" --format json "$@" | sed -n 's/^  "run": \([0-9]*\).*/\1/p'
}
mode_of() {   # mode_of RUN: "exact" or "sampled k"
	sqlite3 "$DB" "SELECT json_extract(summary, '\$.betweenness') || CASE json_extract(summary, '\$.betweenness')
	  WHEN 'sampled' THEN ' ' || json_extract(summary, '\$.betweenness_k') ELSE '' END FROM runs WHERE id = $1"
}
top20() {   # top20 RUN: the 20 authors of highest betweenness (ties by id)
	sqlite3 "$DB" "SELECT author_id FROM author_metrics WHERE run_id = $1 ORDER BY betweenness DESC, author_id LIMIT 20"
}
# check NAME EXPECTED_MODE ARGS...: the default run's mode and its top 20
# against an exact run's
check() {
	name=$1 want=$2
	shift 2
	d=$(run_of "$@")
	x=$(run_of --exact "$@")
	mode=$(mode_of "$d")
	top20 "$d" | sort > "$WORK/d"
	top20 "$x" | sort > "$WORK/x"
	common=$(comm -12 "$WORK/d" "$WORK/x" | wc -l | tr -d ' ')
	case $mode in
	$want) ;;
	*) echo "FAIL $name: betweenness '$mode', expected '$want'"; fail=1 ;;
	esac
	if [ "$common" -ge 19 ]; then
		echo "ok   $name: $mode, top 20 in common with exact: $common"
	else
		echo "FAIL $name: $mode, top 20 in common with exact: $common (< 19)"
		fail=1
	fi
}
check "NeurIPS 2023" "exact" --venue nips --years 2023
check "CVPR, both years" "exact" --venue cvpr
check "all paper lists" "sampled *" 
# the table says how betweenness was computed
"$BS" graph --db "$DB" > "$WORK/t.txt"
grep -q '^betweenness, harmonic *sampled, k=[0-9]* sources (exact: ~[0-9]* s of CPU, --exact)$' "$WORK/t.txt" ||
	{ echo "FAIL table row:"; grep '^betweenness' "$WORK/t.txt"; fail=1; }
# so does a ranking by betweenness that reuses the stored sampled run
# (regression: only a ranking that computed the run said it was sampled)
"$BS" authors --db "$DB" --by betweenness --top 3 > /dev/null 2> "$WORK/a.txt"
if grep -q 'betweenness is sampled, k=[0-9]* sources' "$WORK/a.txt"; then
	echo "ok   authors --by betweenness on a stored run says it is sampled"
else
	echo "FAIL authors --by betweenness on a stored run: '$(cat "$WORK/a.txt")'"; fail=1
fi
exit $fail
