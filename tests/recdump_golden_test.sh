#!/bin/sh
# A reader's records of a hand-written fixture, as recdump prints them,
# against the reviewed golden output.
# usage: recdump_golden_test.sh RECDUMP FIXTURE GOLDEN
set -u
OUT=$(mktemp /tmp/bs_recdump.XXXXXX)
trap 'rm -f "$OUT"' EXIT
"$1" "$2" > "$OUT" || { echo "FAIL: recdump $2"; exit 1; }
if diff -u "$3" "$OUT"; then
	echo "ok   $2: $(wc -l < "$OUT") records as $3"
else
	echo "FAIL $2 differs from $3"
	exit 1
fi
