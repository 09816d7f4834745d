#!/bin/sh
# One golden-output case file of the bibscope command line.
# usage: run_case.sh BIBSCOPE SOURCE_DIR NAME
# Runs tests/cli/cases/NAME.sh in a fresh directory holding sample.md and
# t.db (its database) and diffs what it prints against NAME.out;
# UPDATE_GOLDEN=1 rewrites NAME.out instead.  The case files are shell
# fragments using the helpers of tests/lib.sh (run, head1, quiet, ...).
set -u
BS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
NAME=$3
CASE="$SRC/tests/cli/cases/$NAME.sh"
GOLDEN="$SRC/tests/cli/cases/$NAME.out"
. "$SRC/tests/lib.sh"
[ -f "$CASE" ] || { echo "no case file $CASE"; exit 1; }
WORK=$(mktemp -d /tmp/bs_cli.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
unset BIBSCOPE_DB

cp "$SRC/examples/sample.md" sample.md
"$BS" ingest -q --db t.db sample.md >fixture.log 2>&1 || { cat fixture.log; exit 1; }
rm -f fixture.log
. "$CASE" > actual.txt 2>&1

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	cp actual.txt "$GOLDEN"
	echo "updated $GOLDEN"
	exit 0
fi
if diff -u "$GOLDEN" actual.txt; then
	echo "cli_$NAME: golden output matches"
	exit 0
fi
echo "cli_$NAME: output differs from $GOLDEN (UPDATE_GOLDEN=1 to accept)"
exit 1
