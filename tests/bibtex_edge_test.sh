#!/bin/sh
# The BibTeX edge-case corpus (238 files from other parsers' test suites):
# every file ingests without a crash, and each file's outcome (records read,
# new, duplicate, skipped chunks, or why it was skipped) matches the reviewed
# golden file tests/golden/bibtex-edge-cases.txt (UPDATE_GOLDEN=1 rewrites).
# usage: bibtex_edge_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
BS=$1
SRC=$2
E="$3/corpus/bibtex/edge-cases"
[ -d "$E" ] || { echo "SKIP: $E not present"; exit 77; }
GOLDEN="$SRC/tests/golden/bibtex-edge-cases.txt"
WORK=$(mktemp -d /tmp/bs_edge.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$E/.." || exit 1
"$BS" ingest -v --db "$WORK/e.db" edge-cases > "$WORK/out.txt" 2> "$WORK/err.txt"
rc=$?
if [ $rc -gt 1 ] || grep -qi "sanitizer\|segmentation\|abort" "$WORK/err.txt"; then
	echo "FAIL ingest crashed (exit $rc)"; tail -20 "$WORK/err.txt"; exit 1
fi
{
	grep -v '^ingested\|^[0-9]* files\? skipped\|^identity:' "$WORK/out.txt"
	grep '^bibscope: skipped:' "$WORK/err.txt" | sed 's/^bibscope: //'
	grep '^ingested' "$WORK/out.txt" | sed 's/ in [0-9.]* s:/:/'
} | sort > "$WORK/outcome.txt"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$WORK/outcome.txt" "$GOLDEN"
	echo "updated $GOLDEN"
	exit 0
fi
if diff -u "$GOLDEN" "$WORK/outcome.txt"; then
	echo "ok   $(grep -c . "$GOLDEN") outcomes match the golden file; exit status $rc"
else
	echo "FAIL outcomes differ from $GOLDEN"
	exit 1
fi
