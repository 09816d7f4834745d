#!/bin/sh
# Golden dumps of the readers' rich fields on hand-written fixtures: a Web
# of Science and a Scopus BibTeX export, and RIS records as Scopus, Web of
# Science and a PubMed catalogue write them.  recdump's JSON lines must
# equal tests/golden/<fixture>.jsonl (UPDATE_GOLDEN=1 rewrites them).
# usage: richread_golden_test.sh RECDUMP SOURCE_DIR
set -u
RD=$1
T="$2/tests"
WORK=$(mktemp -d /tmp/bs_richgold.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
for f in wos-savedrecs.bib scopus-export.bib rich.ris; do
	if ! "$RD" "$T/fixtures/$f" > "$WORK/out.jsonl" 2> "$WORK/err.txt"; then
		echo "FAIL $f: recdump failed"; cat "$WORK/err.txt"; fail=1; continue
	fi
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$WORK/out.jsonl" "$T/golden/$f.jsonl"; echo "updated golden/$f.jsonl"; continue
	fi
	if diff -u "$T/golden/$f.jsonl" "$WORK/out.jsonl"; then
		echo "ok   $f: $(grep -c . "$WORK/out.jsonl") records match"
	else
		echo "FAIL $f: differs from golden/$f.jsonl"; fail=1
	fi
done
exit $fail
