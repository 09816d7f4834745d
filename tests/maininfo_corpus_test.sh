#!/bin/sh
# The main information of ../shared/corpus/wos (bibscope stats) against an
# independent count over the raw export (maininfo_corpus_check.py):
# documents, timespan, sources, document types, distinct author keywords,
# citations per document, single-authored documents.  Skipped when the
# corpus is absent.
# usage: maininfo_corpus_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
BS=$1
SRC=$2
WOS="$3/corpus/wos"
[ -d "$WOS" ] || { echo "SKIP: $WOS not present"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
WORK=$(mktemp -d /tmp/bs_maininfo.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BS" ingest -q --db "$WORK/w.db" "$WOS"/*.txt > /dev/null || exit 1
"$BS" stats --db "$WORK/w.db" --format json > "$WORK/stats.json" || exit 1
"$PY" "$SRC/tests/maininfo_corpus_check.py" "$WORK/stats.json" "$WOS"/*.txt
