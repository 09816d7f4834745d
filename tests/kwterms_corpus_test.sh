#!/bin/sh
# Keywords as terms on the real WoS exports of ../shared (kwterms_corpus_check.py
# counts them from the raw files): the top 10 author keywords (DE) and
# indexed keywords (ID) by papers, and every author keyword's count.
# usage: kwterms_corpus_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
BS=$1
SRC=$2
WOS=$3/corpus/wos
[ -d "$WOS" ] || { echo "SKIP: $WOS absent"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
WORK=$(mktemp -d /tmp/bs_kwterms.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BS" ingest -q --db "$WORK/w.db" "$WOS" > /dev/null 2> "$WORK/err.txt" ||
	{ echo "FAIL ingest: $(cat "$WORK/err.txt")"; exit 1; }
fail=0
# topics TERMS-FROM FIELD N
topics() {
	echo "== $1 (WoS $2), top $3"
	"$BS" topics --db "$WORK/w.db" --terms-from "$1" --top "$3" --format json > "$WORK/t.json" 2> "$WORK/err.txt" ||
		{ echo "FAIL topics: $(cat "$WORK/err.txt")"; fail=1; return; }
	"$PY" "$SRC/tests/kwterms_corpus_check.py" "$WOS" "$WORK/w.db" "$WORK/t.json" "$2" "$3" > "$WORK/check.txt" ||
		fail=1
	if [ "$3" -gt 10 ]; then grep -v '^     top:' "$WORK/check.txt"; else cat "$WORK/check.txt"; fi
}
topics author-keywords DE 10
topics indexed-keywords ID 10
topics author-keywords DE 100000
exit $fail
