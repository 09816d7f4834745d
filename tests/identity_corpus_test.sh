#!/bin/bash
# Author identity against DBLP's own person numbers: ingest the DBLP export
# of ../shared/corpus/bibtex/dblp-ai-venues-2016.bib.gz with its numbers,
# export every byline with its person, and check with an independent parse
# of the .bib (identity_corpus_check.py) that the numbers were followed.
# Skipped (exit 77) when the shared corpus is absent.
# usage: identity_corpus_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -euo pipefail
BS=$1
SRC=$2
BIB="$3/corpus/bibtex/dblp-ai-venues-2016.bib.gz"
if [ ! -e "$BIB" ]; then
	echo "SKIP: $BIB not present"
	exit 77
fi
WORK=$(mktemp -d /tmp/bs_idcorpus.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$BS" ingest -q --db "$WORK/d.db" "$BIB" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }
"$BS" identity --db "$WORK/d.db" --format tsv
"$BS" export mentions --db "$WORK/d.db" -o "$WORK/mentions.csv"
python3 "$SRC/tests/identity_corpus_check.py" "$BIB" "$WORK/mentions.csv"
