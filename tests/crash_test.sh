#!/bin/sh
# Crash consistency: SIGKILL `bibscope ingest` at several points of a large
# ingest.  A new database (built aside) must not appear half-built; an
# existing one must pass PRAGMA integrity_check and hold only complete files
# (the ingest log matches the stored papers).  Every time, a rerun must
# reach exactly the counts of a clean run.
# usage: crash_test.sh BIBSCOPE SHARED_DIR   (skips when the corpus is absent)
set -u
BS=$1
PL="$2/corpus/paperlists"
if [ ! -d "$PL" ]; then
	echo "SKIP: $PL not present"
	exit 77
fi
WORK=$(mktemp -d /tmp/bs_crash.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
counts() {   # papers authors authorships, a digest of the display names, index count
	# name rows: person rows ("key#k") depend on which blocks a rerun
	# resolved, not on what the store kept
	sqlite3 "$1" "SELECT (SELECT COUNT(*) FROM papers) || ' ' || (SELECT COUNT(*) FROM authors WHERE instr(key, '#') = 0)
		|| ' ' || (SELECT COUNT(*) FROM authorship)" | tr '\n' ' '
	sqlite3 "$1" "SELECT key || '=' || name FROM authors WHERE instr(key, '#') = 0 ORDER BY key" | cksum | cut -d' ' -f1 | tr '\n' ' '
	sqlite3 "$1" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
}
"$BS" ingest -q --db "$WORK/clean.db" "$PL" > /dev/null || exit 1
clean=$(counts "$WORK/clean.db")
echo "clean run: papers authors authorships names-digest indexes = $clean"
rnd=$(awk 'BEGIN { srand(); printf "%.2f", 0.05 + rand() * 0.8 }')
# 1. A new database is built aside (<db>.bulk-PID) and only appears when
#    complete: a kill leaves no database; the next ingest removes the dead
#    build file and completes.
for delay in 0.05 0.3 $rnd; do
	db="$WORK/n.db"
	rm -f "$db" "$db-wal" "$db-shm" "$db".bulk-*
	"$BS" ingest -q --db "$db" "$PL" > /dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -f "$db" ]; then
		ic=$(sqlite3 "$db" "PRAGMA integrity_check")
		[ "$ic" = ok ] || { echo "FAIL kill of a new build at ${delay}s: integrity=$ic"; fail=1; }
		state="database complete before the kill"
	else
		state="no database"
	fi
	left=$(ls "$db".bulk-* 2>/dev/null | wc -l)
	"$BS" ingest -q --db "$db" "$PL" > /dev/null 2>&1
	after=$(counts "$db")
	stale=$(ls "$db".bulk-* 2>/dev/null | wc -l)
	if [ "$after" = "$clean" ] && [ "$stale" = 0 ]; then
		echo "ok   kill of a new build at ${delay}s: $state, $left build file(s) left, rerun removes them and reaches $after"
	else
		echo "FAIL kill of a new build at ${delay}s: after rerun=$after (clean $clean), $stale build file(s) remain"
		fail=1
	fi
done
# 2. Into an existing database, one transaction per file: a kill leaves
#    complete files only and a rerun completes it.
"$BS" ingest -q --db "$WORK/base.db" "$PL/AAAI" > /dev/null || exit 1
for delay in 0.05 0.2 0.5 0.9 $rnd; do
	db="$WORK/k.db"
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$WORK/base.db" "$db"
	"$BS" ingest -q --db "$db" "$PL" > /dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	ic=$(sqlite3 "$db" "PRAGMA integrity_check")
	consistent=$(sqlite3 "$db" "SELECT (SELECT COALESCE(SUM(new), 0) FROM ingest_files) = (SELECT COUNT(*) FROM papers)
		AND (SELECT COALESCE(SUM(read), 0) FROM ingest_files) = (SELECT COUNT(*) FROM paper_sources)
		AND (SELECT COUNT(*) FROM ingest_files WHERE finished_at IS NULL) = 0")
	files=$(sqlite3 "$db" "SELECT COUNT(*) FROM ingest_files")
	"$BS" ingest -q --db "$db" "$PL" > /dev/null 2>&1
	after=$(counts "$db")
	if [ "$ic" = ok ] && [ "$consistent" = 1 ] && [ "$after" = "$clean" ]; then
		echo "ok   kill at ${delay}s: $files complete files, integrity ok, log consistent, rerun reaches $after"
	else
		echo "FAIL kill at ${delay}s: integrity=$ic consistent=$consistent after rerun=$after (clean $clean)"
		fail=1
	fi
done
exit $fail
