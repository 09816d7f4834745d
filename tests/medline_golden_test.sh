#!/bin/sh
# The MEDLINE reader on the hand-written two-record fixture: recdump's
# JSON lines against tests/golden/medline-two.jsonl, and no warnings.
# Regenerate (after checking the difference by hand):
#   build/tests/recdump tests/fixtures/medline-two.txt > tests/golden/medline-two.jsonl
# usage: medline_golden_test.sh RECDUMP SRC_DIR
set -u
RECDUMP=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
. "$SRC/tests/lib.sh"
WORK=$(mktemp -d /tmp/bs_medline_golden.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# from the fixture's directory, so that the file name in warnings is stable
(cd "$SRC/tests/fixtures" && "$RECDUMP" medline-two.txt > "$WORK/out" 2> "$WORK/err")
check "recdump exit" 0 $?
if diff -u "$SRC/tests/golden/medline-two.jsonl" "$WORK/out"; then
	echo "ok   records as in tests/golden/medline-two.jsonl"
else
	echo "FAIL records differ from tests/golden/medline-two.jsonl"
	fail=1
fi
check "warnings" "" "$(cat "$WORK/err")"
# the same with CRLF line ends and a BOM: the same records
printf '\357\273\277' > "$WORK/crlf.txt"
sed 's/$/\r/' "$SRC/tests/fixtures/medline-two.txt" >> "$WORK/crlf.txt"
"$RECDUMP" "$WORK/crlf.txt" > "$WORK/out2" 2> "$WORK/err2"
if cmp -s "$WORK/out" "$WORK/out2"; then
	echo "ok   CRLF + BOM copy gives the same records"
else
	echo "FAIL CRLF + BOM copy gives other records"
	diff "$WORK/out" "$WORK/out2" | head -5
	fail=1
fi
exit $fail
