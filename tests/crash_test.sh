#!/bin/sh
# Crash consistency: SIGKILL `bibscope ingest` at several points of a large
# ingest; every time the database must pass PRAGMA integrity_check, hold
# only complete files (the ingest log matches the stored papers), and a
# rerun must reach exactly the counts of a clean run.
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
	sqlite3 "$1" "SELECT (SELECT COUNT(*) FROM papers) || ' ' || (SELECT COUNT(*) FROM authors)
		|| ' ' || (SELECT COUNT(*) FROM authorship)" | tr '\n' ' '
	sqlite3 "$1" "SELECT key || '=' || name FROM authors ORDER BY key" | cksum | cut -d' ' -f1 | tr '\n' ' '
	sqlite3 "$1" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
}
"$BS" ingest -q --db "$WORK/clean.db" "$PL" > /dev/null || exit 1
clean=$(counts "$WORK/clean.db")
echo "clean run: papers authors authorships names-digest indexes = $clean"
rnd=$(awk 'BEGIN { srand(); printf "%.2f", 0.05 + rand() * 1.2 }')
for delay in 0.05 0.2 0.5 0.9 $rnd; do
	db="$WORK/k.db"
	rm -f "$db" "$db-wal" "$db-shm"
	"$BS" ingest -q --db "$db" "$PL" > /dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ ! -f "$db" ]; then
		echo "kill at ${delay}s: before the database was created"
		continue
	fi
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
