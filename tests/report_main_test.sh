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
for p in "Authors by h-index" "Countries" "Top author keywords"; do
	grep -q "^$p: no page, as no paper of the selection" all.txt && ok "paper list: '$p' left out, with the reason" ||
		bad "paper list: no reason line for '$p'"
	grep -q "<p>$p: no page" repp/index.html && ok "paper list: index.html says why '$p' is left out" ||
		bad "paper list: index.html has no reason for '$p'"
done
"$BS" report --db p.db -o reppng --format png > /dev/null 2>&1
[ ! -e reppng/countries.png ] && ! grep -q countries reppng/manifest.json && [ ! -e reppng/keyword-trends.png ] &&
	ok "paper list: no countries or keyword chart" || bad "paper list: a countries or keyword chart"

# the rich pages on the hand-written WoS files: wos-countries.txt (six
# papers: China+Japan, China, United States+China+Scotland, United States
# twice, Scotland+England+Japan, none) and wos-keywords.txt (eight papers,
# seven with author keywords)
"$BS" ingest -q --db r.db "$SRC/tests/fixtures/wos-countries.txt" "$SRC/tests/fixtures/wos-keywords.txt" > /dev/null ||
	{ echo "ingest failed"; exit 1; }
"$BS" report --db r.db -o repr > /dev/null 2> err.txt || { echo "report: $(cat err.txt)"; exit 1; }
pdftotext -layout repr/report.pdf - | tr -d "\f" > r.txt
heads=$(grep -E '^(Most cited papers|Authors by h-index|Countries|Top author keywords|Top authors)|Countries by papers' r.txt |
	sed 's/^ *//; s/ *(.*//; s/:.*//' | tr '\n' '|')
[ "$heads" = "Most cited papers|Authors by h-index|Countries|Countries by papers|Top author keywords|Top authors|" ] &&
	ok "rich pages after the most cited papers, in order" || bad "page order: $heads"
row() { sed -n "/^$1\$/,/^$2/p" r.txt | grep "^ *$3 " | sed 's/  */ /g; s/^ //'; }
for want in "1 China 3 1 2 66.7" "2 Japan 2 0 2 100.0" "3 United Kingdom 2 0 2 100.0" "4 United States 2 1 1 50.0"; do
	got=$(row Countries "A paper counts" "${want%% *}")
	[ "$got" = "$want" ] && ok "countries: $want" || bad "countries: '$got', expected '$want'"
done
[ "$(sed -n '/^Country collaboration/,/Countries by papers/p' r.txt | grep -c '^ *[0-9] ')" = 5 ] &&
	ok "countries: 5 collaboration pairs" || bad "countries: pairs $(sed -n '/^Country collaboration/,/Countries by papers/p' r.txt)"
got=$(row "Authors by h-index" "Citation counts" 1)
[ "$got" = "1 Bo Chen 4 19 3 4 0.600" ] && ok "h-index: $got" || bad "h-index first row: '$got'"
grep -q "^Citation counts: wos, export date unknown (13 papers); no count (1 paper)." r.txt &&
	ok "h-index: the counts' source" || bad "h-index: $(grep '^Citation counts' r.txt)"
for want in "1 Bibliometrics 5 71.4" "2 Citation analysis 3 42.9" "5 Co-word analysis 2 28.6"; do
	got=$(row "Top author keywords" "7 of the" "${want%% *}")
	[ "$got" = "$want" ] && ok "keywords: $want" || bad "keywords: '$got', expected '$want'"
done
grep -q "^7 of the 14 papers (50.0%) list author keywords" r.txt && ok "keywords: coverage" || bad "keywords: coverage"
[ -s repr/countries.png ] && [ -s repr/countries.svg ] && grep -q '"countries.png"' repr/manifest.json &&
	ok "countries chart: PNG, SVG, manifest" || bad "countries chart files"
for kind in countries keyword-trends; do
	"$BS" plot --db r.db $kind -o c.svg > /dev/null 2>&1 && cmp -s c.svg repr/$kind.svg &&
		ok "$kind chart: the report's is plot's" || bad "$kind chart: the report's differs from plot's"
done
# the keyword chart: no year of the fixture has 5 papers with keywords
grep -q "no year has 5 papers listing author keywords" repr/keyword-trends.svg &&
	ok "keyword-trends: too few papers a year, said" || bad "keyword-trends: no note"
grep -q "every address of a paper counts" repr/countries.svg && ok "countries chart: says every address counts" ||
	bad "countries chart subtitle"
python3 -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" repr/index.html &&
	grep -q "<h2>Authors by h-index</h2>" repr/index.html && grep -q '<img src="countries.png"' repr/index.html &&
	ok "index.html: the rich tables and the chart, well-formed" || bad "index.html rich pages"
exit $fail
