#!/bin/sh
# Readers during an ingest: `bibscope authors` and `stats` run in a loop
# while a large ingest writes; every run must succeed (WAL + busy timeout:
# never "database is locked") and see a consistent state (the paper count
# never goes down).  Skipped when the corpus is absent.
# usage: concurrency_test.sh BIBSCOPE SHARED_DIR
set -u
BS=$1
PL="$2/corpus/paperlists"
[ -d "$PL" ] || { echo "SKIP: $PL not present"; exit 77; }
WORK=$(mktemp -d /tmp/bs_conc.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/c.db
"$BS" ingest -q --db "$DB" "$PL/AAAI" > /dev/null || exit 1     # a first file set
"$BS" ingest -q --db "$DB" "$PL" > "$WORK/ingest.txt" 2>&1 &
pid=$!
runs=0 fails=0 last=0 back=0
while kill -0 $pid 2>/dev/null; do
	if ! "$BS" authors --db "$DB" --top 3 > "$WORK/a.txt" 2> "$WORK/a.err"; then
		fails=$((fails + 1)); cat "$WORK/a.err"
	fi
	n=$("$BS" stats --db "$DB" --format csv 2> "$WORK/s.err" | awk -F, 'NR > 1 {s += $3} END {print s + 0}')
	[ -s "$WORK/s.err" ] && { fails=$((fails + 1)); cat "$WORK/s.err"; }
	[ "$n" -lt "$last" ] && back=$((back + 1))
	last=$n
	runs=$((runs + 1))
done
wait $pid || { echo "FAIL the ingest failed"; cat "$WORK/ingest.txt"; exit 1; }
echo "queries during the ingest: $runs (paper counts seen up to $last)"
[ $fails = 0 ] && echo "ok   no query failed (no 'database is locked')" || { echo "FAIL $fails queries failed"; exit 1; }
[ $back = 0 ] && echo "ok   the paper count never went down" || { echo "FAIL the paper count went down $back times"; exit 1; }
[ $runs -ge 2 ] || echo "note: the ingest finished before many queries could run"
n=$("$BS" stats --db "$DB" --format csv | awk -F, 'NR > 1 {s += $3} END {print s}')
[ "$n" = 23467 ] && echo "ok   final count 23467" || { echo "FAIL final count $n"; exit 1; }
