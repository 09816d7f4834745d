#!/bin/sh
# The report's main-information and most-cited pages: on the hand-written
# WoS fixture (tests/fixtures/maininfo-wos.txt, whose numbers
# test_maininfo.c derives) page 2 holds the main information and page 3
# the papers by citation count; on a paper list, which has no counts, the
# most cited page is left out and page 2 says why.
# usage: report_main_test.sh BIBSCOPE SOURCE_DIR
set -u
BS=$1
SRC=$2
for tool in gnuplot pdftotext; do
	command -v $tool > /dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
WORK=$(mktemp -d /tmp/bs_repmain.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
export SOURCE_DATE_EPOCH=1767225600   # ages from 2026

"$BS" ingest -q --db w.db "$SRC/tests/fixtures/maininfo-wos.txt" > /dev/null || { echo "ingest failed"; exit 1; }
"$BS" report --db w.db -o rep --format pdf > /dev/null 2> err.txt || { echo "report: $(cat err.txt)"; exit 1; }
pdftotext -layout -f 2 -l 2 rep/report.pdf p2.txt
pdftotext -layout -f 3 -l 3 rep/report.pdf p3.txt
m() { grep "^ *$1  " p2.txt | sed 's/  */ /g; s/^ //'; }
[ "$(head -1 p2.txt | sed 's/^ *//')" = "Main information" ] && ok "page 2: Main information" || bad "page 2: $(head -3 p2.txt)"
for want in "timespan 2020-2022" "sources 2" "documents 5" "documents: Article 2" "documents: unknown 1" \
	    "annual growth rate % 22.47" "document average age 4.80" "average citations per document 5.25" \
	    "references 2" "author keywords 2" "single-authored documents 2" "co-authors per document 1.80" \
	    "international co-authorship % -" "citation counts: wos as of 2026-04-02 4"; do
	measure=${want% *}
	got=$(m "$measure")
	[ "$got" = "$want" ] && ok "main information: $want" || bad "main information: '$got', expected '$want'"
done
grep -q "Most cited papers" p3.txt && ok "page 3: most cited papers" || bad "page 3: $(head -3 p3.txt)"
first=$(grep '^ *1 ' p3.txt | sed 's/  */ /g; s/^ //')
case "$first" in
"1 Alpha study of graph things Ann Able 2020 10 wos 2026-04-02") ok "most cited: $first";;
*) bad "most cited first row: '$first'";;
esac
[ "$(grep -c '^ *[0-9]  *[A-Z]' p3.txt)" = 4 ] && ok "most cited: the 4 papers with a count" ||
	bad "most cited rows: $(grep -c '^ *[0-9]  *[A-Z]' p3.txt)"

# a selection: the main information of its papers alone, headed with it
"$BS" report --db w.db -o reps --years 2022 --format pdf > /dev/null 2> err.txt || { echo "report: $(cat err.txt)"; exit 1; }
pdftotext -layout -f 2 -l 2 reps/report.pdf p2.txt
[ "$(head -1 p2.txt | sed 's/^ *//')" = "Main information: year 2022" ] && ok "selection: page 2 headed with it" ||
	bad "selection heading: $(head -1 p2.txt)"
for want in "timespan 2022" "documents 3" "annual growth rate % -" "average citations per document 3.50" \
	    "author keywords -" "single-authored documents 1"; do
	got=$(m "${want% *}")
	[ "$got" = "$want" ] && ok "selection: $want" || bad "selection: '$got', expected '$want'"
done

# a paper list: no counts, no most cited page, and a line saying why
"$BS" ingest -q --db p.db "$SRC/examples/sample.md" > /dev/null || { echo "ingest failed"; exit 1; }
"$BS" report --db p.db -o repp --format pdf > /dev/null 2> err.txt || { echo "report: $(cat err.txt)"; exit 1; }
pdftotext -layout repp/report.pdf all.txt
grep -q "Most cited papers: no page, as no paper of the selection has a citation count" all.txt &&
	ok "paper list: the most cited page is left out, with the reason" || bad "paper list: no reason line"
! grep -q "Most cited papers (citation" all.txt && ok "paper list: no most cited page" || bad "paper list: a most cited page"
pdftotext -layout -f 2 -l 2 repp/report.pdf p2.txt
[ "$(m 'average citations per document')" = "average citations per document -" ] &&
	ok "paper list: citations per document missing, not 0" || bad "paper list: $(m 'average citations per document')"
exit $fail
