#!/bin/sh
# A database that the user can read but not write, in a directory the user
# cannot write, with no -wal or -shm beside it (a shared or archived copy):
# the read-only commands answer from it (regression: every command failed
# with "attempt to write a readonly database", since SQLite cannot make the
# -shm of a WAL database there), and an older schema, which must be
# migrated, says so.  Runs the commands as "nobody", so it needs root and
# is skipped (77) otherwise.
# usage: readonly_test.sh BIBSCOPE SOURCE_DIR
set -u
BS=$1
SRC=$2
[ "$(id -u)" = 0 ] || { echo "not root: skipped"; exit 77; }
command -v su > /dev/null && id nobody > /dev/null 2>&1 || { echo "no su or nobody: skipped"; exit 77; }
command -v sqlite3 > /dev/null || { echo "no sqlite3: skipped"; exit 77; }
WORK=$(mktemp -d /tmp/bs_ro.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
as_nobody() { su nobody -s /bin/sh -c "$*"; }
as_nobody "'$BS' --version" > /dev/null 2>&1 || { echo "nobody cannot run $BS: skipped"; exit 77; }
fail=0
check() {
	if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: expected '$2', got '$3'"; fail=1; fi
}

mkdir "$WORK/ro"
"$BS" ingest -q --db "$WORK/ro/t.db" "$SRC/examples/sample.md" > /dev/null 2>&1
cp "$WORK/ro/t.db" "$WORK/ro/old.db"
sqlite3 "$WORK/ro/old.db" "PRAGMA user_version = 10"
chmod 444 "$WORK/ro/t.db" "$WORK/ro/old.db"
chmod 555 "$WORK/ro"
check "no -wal or -shm beside the files" "old.db t.db" "$(ls "$WORK/ro" | tr '\n' ' ' | sed 's/ $//')"

as_nobody "'$BS' stats --db '$WORK/ro/t.db'" > "$WORK/stats.out" 2> "$WORK/stats.err"
check "stats exit status" 0 "$?"
check "stats answers" "papers 30" "$(grep '^papers  ' "$WORK/stats.out" | tr -s ' ')"
as_nobody "'$BS' authors --db '$WORK/ro/t.db' --top 1 --format csv" > "$WORK/a.out" 2>&1
check "authors answers" 2 "$(wc -l < "$WORK/a.out" | tr -d ' ')"
as_nobody "'$BS' venues --db '$WORK/ro/t.db' --format csv" > "$WORK/v.out" 2>&1
check "venues answers" "venue,key,papers,first,last,spellings" "$(head -1 "$WORK/v.out")"
check "nothing written beside the files" "old.db t.db" "$(ls "$WORK/ro" | tr '\n' ' ' | sed 's/ $//')"

as_nobody "'$BS' stats --db '$WORK/ro/old.db'" > /dev/null 2> "$WORK/old.err"
check "an older schema read-only: exit status" 1 "$?"
check "an older schema read-only: says why" 1 \
	"$(grep -c "schema version 10 needs migrating to 1[0-9]*, which needs write access (copy the file somewhere writable)" "$WORK/old.err")"
chmod 755 "$WORK/ro"
exit $fail
