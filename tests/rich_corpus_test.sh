#!/bin/sh
# A reader's rich fields over a folder of ../shared/corpus (citations,
# keywords, references, identifiers, addresses), as recdump prints them,
# against the counts an independent Python script makes from the raw
# files.  Skipped when the folder is absent.
# usage: rich_corpus_test.sh RECDUMP CHECK_SCRIPT CORPUS_DIR GLOB
set -u
RD=$1
CHECK=$2
C=$3
[ -d "$C" ] || { echo "SKIP: $C not present"; exit 77; }
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
OUT=$(mktemp /tmp/bs_rich.XXXXXX)
trap 'rm -f "$OUT"' EXIT
# shellcheck disable=SC2086  # GLOB is a pattern
"$RD" "$C"/$4 > "$OUT" || { echo "FAIL: recdump"; exit 1; }
python3 "$CHECK" "$C" "$OUT"
