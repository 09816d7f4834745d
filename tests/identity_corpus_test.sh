#!/bin/bash
# Author identity against DBLP's own person numbers: ingest the DBLP export
# of ../shared/corpus/bibtex/dblp-ai-venues-2016.bib.gz with its numbers,
# export every byline with its person, and check with an independent parse
# of the .bib (identity_corpus_check.py) that the numbers were followed.
# With "incremental": the same file ingested as its first 80,000 entries
# and then the rest must give, row for row, the export of a --rebuild.
# Skipped (exit 77) when the shared corpus is absent.
# usage: identity_corpus_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR [incremental]
set -euo pipefail
BS=$1
SRC=$2
BIB="$3/corpus/bibtex/dblp-ai-venues-2016.bib.gz"
MODE=${4:-numbers}
if [ ! -e "$BIB" ]; then
	echo "SKIP: $BIB not present"
	exit 77
fi
WORK=$(mktemp -d /tmp/bs_idcorpus.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ "$MODE" = incremental ]; then
	gzip -dc "$BIB" | awk -v a="$WORK/a.bib" -v b="$WORK/b.bib" '/^@/ { n++ } { print > (n <= 80000 ? a : b) }'
	"$BS" ingest -q --db "$WORK/i.db" "$WORK/a.bib" > /dev/null
	"$BS" ingest -q --db "$WORK/i.db" "$WORK/b.bib" > /dev/null
	"$BS" export mentions --db "$WORK/i.db" -o "$WORK/inc.csv"
	"$BS" identity --db "$WORK/i.db" --rebuild --format tsv | grep -E '^(blocks resolved|bylines reassigned)'
	"$BS" export mentions --db "$WORK/i.db" -o "$WORK/full.csv"
	rows=$(($(wc -l < "$WORK/inc.csv") - 1))
	differ=$(diff "$WORK/inc.csv" "$WORK/full.csv" | grep -c '^<' || true)
	if [ "$differ" -eq 0 ]; then
		echo "ok   incremental ingest = --rebuild: $rows export rows the same"
		exit 0
	fi
	echo "FAIL incremental ingest = --rebuild: $differ of $rows export rows differ; names most moved:"
	diff "$WORK/inc.csv" "$WORK/full.csv" | grep '^>' | cut -d, -f3 | sort | uniq -c | sort -rn | head -n 5
	exit 1
fi
"$BS" ingest -q --db "$WORK/d.db" "$BIB" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }
"$BS" identity --db "$WORK/d.db" --format tsv
"$BS" export mentions --db "$WORK/d.db" -o "$WORK/mentions.csv"
python3 "$SRC/tests/identity_corpus_check.py" "$BIB" "$WORK/mentions.csv"
