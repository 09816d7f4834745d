#!/bin/sh
# The report's rich pages on the shared Web of Science export: the
# countries, collaboration pairs, author keywords and h-indices the PDF
# shows against counts made from the raw files by richpages_check.py;
# and, on a paper list (ICLR 2021), the one line for each page left out.
# Skipped (exit 77) without the shared corpus or gnuplot/pdftotext.
# usage: richpages_corpus_test.sh BIBSCOPE SHARED_DIR
set -u
BS=$1
SHARED=$2
. "$(dirname "$0")/lib.sh"
CHECK="$(dirname "$0")/richpages_check.py"
need "$SHARED/corpus/wos"
need "$SHARED/corpus/paperlists/ICLR/2021"
for tool in gnuplot pdftotext; do
	command -v $tool > /dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
WORK=$(mktemp -d /tmp/bs_richpages.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

"$BS" ingest --explain --db "$WORK/w.db" "$SHARED/corpus/wos" > "$WORK/ingest.txt" 2>&1 || { cat "$WORK/ingest.txt"; exit 1; }
# the independent script counts names as written: one person per name
"$BS" identity --db "$WORK/w.db" --names-only > /dev/null || exit 1
grep ': duplicate of paper ' "$WORK/ingest.txt" > "$WORK/dups.txt"
"$BS" report --db "$WORK/w.db" -o "$WORK/rep" --format pdf > /dev/null 2> "$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
pdftotext -layout "$WORK/rep/report.pdf" "$WORK/rep.txt"
# what the keyword chart sends gnuplot
printf '#!/bin/sh\ncat > "%s/kw.gp"\n' "$WORK" > "$WORK/capture.sh"
chmod +x "$WORK/capture.sh"
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db "$WORK/w.db" keyword-trends -o "$WORK/kw.png" > /dev/null 2>&1
python3 "$CHECK" "$SHARED" "$WORK/dups.txt" "$WORK/rep.txt" "$WORK/kw.gp" || fail=1

# a paper list: no counts, addresses or keywords; the lines say why
"$BS" ingest -q --db "$WORK/p.db" "$SHARED/corpus/paperlists/ICLR/2021" > /dev/null || exit 1
"$BS" report --db "$WORK/p.db" -o "$WORK/repp" --format pdf > /dev/null 2> "$WORK/err.txt" || { cat "$WORK/err.txt"; exit 1; }
pdftotext -layout "$WORK/repp/report.pdf" "$WORK/p.txt"
check "paper list: skip lines" 3 "$(grep -c -e '^Authors by h-index: no page' -e '^Countries: no page' \
	-e '^Top author keywords: no page' "$WORK/p.txt")"
exit $fail
