#!/bin/sh
# Rich fields of the Scopus CSV corpus (citations, keywords, references,
# author IDs, addresses) as the reader yields them, against counts an
# independent Python script makes from the raw files.  Skipped when the
# corpus is absent.
# usage: scopus_rich_test.sh RECDUMP SOURCE_ROOT SHARED_DIR
set -u
RD=$1
SRC=$2
C="$3/corpus/scopus"
[ -d "$C" ] || { echo "SKIP: $C not present"; exit 77; }
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
OUT=$(mktemp /tmp/bs_scopus.XXXXXX)
trap 'rm -f "$OUT"' EXIT
"$RD" "$C"/*.csv > "$OUT" || { echo "FAIL: recdump"; exit 1; }
python3 "$SRC/tests/scopus_rich_check.py" "$C" "$OUT"
