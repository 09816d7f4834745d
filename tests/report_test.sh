#!/bin/sh
# Charts and reports: every chart renders in each format; the report has its
# pages, names and files; hostile labels are printed, never executed;
# gnuplot missing or failing is a clear error naming the package or chart.
# usage: report_test.sh BIBSCOPE SOURCE_DIR
set -u
BS=$1
SRC=$2
for tool in gnuplot pdfinfo pdftotext; do
	command -v $tool > /dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
WORK=$(mktemp -d /tmp/bs_report.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# a corpus with hostile titles and names, next to the bundled example
CANARY=$WORK/pwned
cat "$SRC/examples/sample.md" > hostile.md
i=100
for who in "O'Brien \"Quote\" Smith" "Back\`tick\` \$(touch $CANARY) Jones" "system(\"touch $CANARY\") Lee" \
	   "At@Sign 100% Percent" "At@Home 100% Kim" "Mc'Apostrophe' Ng"; do
	i=$((i + 1))
	for k in 1 2 3 4 5 6; do
		printf '## [%d] Title %d with '"'"'quote'"'"' `cmd` system("touch %s") @x %%s\n\n' $((i * 10 + k)) $k "$CANARY" >> hostile.md
		printf '**Authors**: *%s, Grace Hopper*\n\n**Conference**: *nips %d*\n\n' "$who" $((2020 + k % 4)) >> hostile.md
		printf '**URL**: [https://example.org/h%d](https://example.org/h%d)\n\n**Abstract**:\n\n' $((i * 10 + k)) $((i * 10 + k)) >> hostile.md
		printf 'Diffusion models and graph neural networks, with `rm -rf /` and $(touch %s).\n\n----\n\n' "$CANARY" >> hostile.md
	done
done
"$BS" ingest -q --db h.db hostile.md > /dev/null || { echo "ingest failed"; exit 1; }
# a newline inside a name, which no input format can carry but SQL can
sqlite3 h.db "UPDATE authors SET name = 'Newline' || char(10) || 'Name' WHERE key = 'at sign 100 percent'"
cp h.db fresh.db   # no stored runs yet: for the report without a second thread

# every chart, every format
for kind in $("$BS" plot --help | awk '/^  [a-z]/ {print $1}'); do
	for ext in png pdf svg; do
		if "$BS" plot --db h.db "$kind" -o "c-$kind.$ext" > /dev/null 2> err.txt; then :; else
			bad "plot $kind as $ext: $(cat err.txt)"
			continue
		fi
	done
	if [ "$(head -c 8 "c-$kind.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] &&
	   [ "$(stat -c %s "c-$kind.png")" -gt 5000 ]; then ok "plot $kind: PNG signature and size"; else bad "plot $kind PNG"; fi
	[ "$(pdfinfo "c-$kind.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')" = 1 ] && ok "plot $kind: PDF" || bad "plot $kind PDF"
	"$PY" -c "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])" "c-$kind.svg" && ok "plot $kind: SVG well-formed" || bad "plot $kind SVG"
done

# filters
if "$BS" plot --db h.db top-authors --venue NIPS --years 2022-2023 -o filtered.svg > /dev/null 2>&1 &&
   grep -q "Grace Hopper" filtered.svg; then ok "plot with --venue and --years"; else bad "plot with filters"; fi
for k in lotka authors-per-paper top-authors papers-per-year; do
	"$BS" plot --db h.db $k --years 2030 -o empty-$k.png > /dev/null 2>&1 && ok "plot $k of an empty selection" || bad "plot $k of an empty selection"
done
"$BS" plot --db h.db nosuchchart > /dev/null 2>&1; [ $? = 2 ] && ok "unknown chart: usage error" || bad "unknown chart"
"$BS" plot --db h.db lotka -o chart.gif > /dev/null 2>&1; [ $? = 2 ] && ok "unknown extension: usage error" || bad "unknown extension"

# papers per year with 70 venues (regression: the chart took the first 64
# venues by name and left the other venues' papers out): the 10 largest by
# name, the rest summed as "other venues", every paper counted, and every
# year from the first to the last on the axis
i=0
: > venues.md
for v in $(seq 1 70); do
	for k in $(seq 1 $((v % 3 + 1))); do
		i=$((i + 1))
		printf '## [%d] Graph study %d\n\n**Authors**: *Author %d*\n\n**Conference**: *venue%02d %d*\n\n' $i $i $i $v $((2000 + (v + k) % 3 * 5)) >> venues.md
		printf '**URL**: [https://example.org/v%d](https://example.org/v%d)\n\n**Abstract**:\n\nx\n\n----\n\n' $i $i >> venues.md
	done
done
"$BS" ingest -q --db v.db venues.md > /dev/null
printf '#!/bin/sh\ncat > "%s/ppy.gp"\n' "$WORK" > capture.sh
chmod +x capture.sh
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db v.db papers-per-year -o ppy.png > /dev/null 2>&1
got=$(sed -n '/^\$d << EOD/,/^EOD/p' ppy.gp | awk -F'\t' 'NF > 1 {for (i = 3; i <= NF; i++) s += $i; y[n++] = $1} END {print s, n, y[0], y[n - 1]}')
[ "$got" = "$i 11 2000 2010" ] && ok "papers per year, 70 venues: every paper, 11 years: $got" || bad "papers per year, 70 venues: '$got', expected '$i 11 2000 2010'"
grep -q "^array V\[11\]" ppy.gp && grep -q "'other venues'" ppy.gp && ok "papers per year: 10 venues and 'other venues'" ||
	bad "papers per year series: $(grep '^array V' ppy.gp)"
# a long sparse past is one bar "<Y", every paper still counted
# (regression: one paper of 1781 stretched the axis over 230 years of
# empty slots, and the bars of the real years were slivers)
cp v.db anc.db
printf '## [1] Theory of Moral Sentiments\n\n**Authors**: *Adam Smith*\n\n**Conference**: *book 1781*\n\n**URL**: [https://example.org/tms](https://example.org/tms)\n\n**Abstract**:\n\nx\n\n----\n\n' > anc.md
"$BS" ingest -q --db anc.db anc.md > /dev/null
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db anc.db papers-per-year -o anc.png > /dev/null 2>&1
got=$(sed -n '/^\$d << EOD/,/^EOD/p' ppy.gp | awk -F'\t' 'NF > 1 {for (i = 3; i <= NF; i++) s += $i; y[n++] = $2} END {print s, n, y[0], y[1], y[n - 1]}')
[ "$got" = "$((i + 1)) 31 <1981 1981 2010" ] && ok "papers per year, one paper of 1781: folded into '<1981': $got" ||
	bad "papers per year, one paper of 1781: '$got', expected '$((i + 1)) 31 <1981 1981 2010'"

# uneven abstract coverage (a titles-only export beside paper lists) is
# said by trends and on the charts, and the emerging window skips years of
# fewer than 20 papers (regression: it compared a single book of 1781)
: > cov.md
for k in $(seq 1 25); do
	printf '## [%d] Graph method %d\n\n**Authors**: *Old Author %d*\n\n**Conference**: *venue01 2000*\n\n**URL**: [https://example.org/c%d](https://example.org/c%d)\n\n----\n\n' $k $k $k $k $k >> cov.md
	printf '## [%d] Graph method %d b\n\n**Authors**: *New Author %d*\n\n**Conference**: *venue01 2010*\n\n**URL**: [https://example.org/d%d](https://example.org/d%d)\n\n**Abstract**:\n\nA diffusion model of graphs.\n\n----\n\n' $k $k $k $k $k >> cov.md
done
printf '## [99] Old Book\n\n**Authors**: *Adam Smith*\n\n**Conference**: *book 1781*\n\n**URL**: [https://example.org/ob](https://example.org/ob)\n\n----\n\n' >> cov.md
"$BS" ingest -q --db cov.db cov.md > /dev/null
"$BS" trends --db cov.db --emerging --min-support 5 --format csv > em.csv 2> em.err
grep -q "warning: abstracts cover 0% of the papers of 2000 but 100% of 2010" em.err &&
	ok "trends: uneven abstract coverage is a warning" || bad "trends coverage warning: $(cat em.err)"
[ "$(sed -n 2p em.csv | cut -d, -f3,5)" = "2000,2010" ] && ok "emerging window: years of 20 papers or more (2000-2010)" ||
	bad "emerging window: $(sed -n 2p em.csv)"
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db cov.db bursts -o bu.png > /dev/null 2>&1
grep -q "abstracts cover 0% of the papers of 2000, 100% of 2010" ppy.gp && ok "bursts chart: the coverage note" ||
	bad "bursts chart: no coverage note"
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db v.db trends -o tr0.png > /dev/null 2>&1
! grep -q "abstracts cover" ppy.gp && ok "trends chart: no coverage note where abstracts cover every year" ||
	bad "trends chart: a coverage note for even coverage"

# trends: a year with a single paper next to years of ~47 would draw a 0% or
# 100% share; it is left out, and the chart says so
printf '## [9999] Graph alone\n\n**Authors**: *Solo Author*\n\n**Conference**: *venue01 2020*\n\n**URL**: [https://example.org/solo](https://example.org/solo)\n\n**Abstract**:\n\nx\n\n----\n\n' > solo.md
"$BS" ingest -q --db v.db solo.md > /dev/null
# a term made of stopwords only is a clear error (regression: a crash
# releasing the uninitialised list of near terms)
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db v.db trends --term the -o tr.png > out.txt 2> err.txt
rc=$?
[ $rc = 1 ] && grep -q "no words to look up" err.txt && ok "trends of a stopword: $(cat err.txt)" ||
	bad "trends of a stopword: exit $rc, $(cat err.txt)"
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db v.db trends --term graph -o tr.png > /dev/null 2>&1
if sed -n '/^\$d0 << EOD/,/^EOD/p' ppy.gp | grep -q '^2010' && ! sed -n '/^\$d0 << EOD/,/^EOD/p' ppy.gp | grep -q '^2020' &&
   grep -q "years with fewer than 2 papers are not shown" ppy.gp; then
	ok "trends: a year with one paper is left out, with a note"
else
	bad "trends thin years: $(sed -n '/^\$d0 << EOD/,/^EOD/p' ppy.gp | tr '\n' ' ') $(grep 'set label 2' ppy.gp)"
fi

# the years 2001-2004 and 2006-2009 have no papers: the line breaks there
# (a blank line in the datablock) instead of joining 2000 to 2005
# (regression: on corpus + DBLP the trends lines crossed 2016-2020)
blocks=$(sed -n '/^\$d0 << EOD/,/^EOD/p' ppy.gp | awk 'NF == 0 {printf "|"; next} /EOD/ {next} {printf "%s ", $1}')
[ "$blocks" = "2000 |2005 |2010 " ] && ok "trends: a line breaks across years without data: $blocks" ||
	bad "trends gaps: '$blocks', expected '2000 |2005 |2010 '"

# emerging terms on a small selection (the bundled example: 30 papers): the
# support scales down, so the chart shows terms instead of "no emerging terms"
"$BS" ingest -q --db ex.db "$SRC/examples/sample.md" > /dev/null
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db ex.db trends -o ex.png > /dev/null 2>&1
grep -q "^T\[1\] = " ppy.gp && ! grep -q "no emerging terms" ppy.gp && ok "trends of the 30-paper example: $(grep -c '^T\[' ppy.gp) terms" ||
	bad "trends of the example: $(grep "label 1\|^T\[" ppy.gp | head -3)"

# thematic map bubbles scale to the largest theme (regression: an absolute
# scale drew 1M-paper themes a third of the chart wide)
BIBSCOPE_GNUPLOT=$WORK/capture.sh "$BS" plot --db ex.db thematic-map -o tm.png > /dev/null 2>&1
pmax=$(sed -n '/^\$d << EOD/,/^EOD/p' ppy.gp | awk -F'\t' 'NF >= 3 && $3 + 0 > m {m = $3 + 0} END {print m}')
scale=$(grep -o 'sqrt(\$3/[0-9.e+]*)' ppy.gp | head -1 | sed 's/sqrt(\$3\///; s/)//')
[ -n "$pmax" ] && [ "$(awk -v a="$pmax" -v b="$scale" 'BEGIN {print (a == b)}')" = 1 ] &&
	ok "thematic map: bubbles scaled to the largest theme ($pmax papers)" ||
	bad "thematic map bubble scale: '$scale', largest theme '$pmax'"
# and its axes do not go below 0 (regression: the margins took both to
# about -0.2; centrality and density are never negative)
{ sed '/^quit$/d' ppy.gp; echo 'set print "tm.range"'; echo 'print GPVAL_X_MIN, GPVAL_Y_MIN'; } | gnuplot > /dev/null 2>&1
xmin=-1 ymin=-1
[ -f tm.range ] && read -r xmin ymin < tm.range
[ "$(awk -v a="$xmin" -v b="$ymin" 'BEGIN {print (a != "" && b != "" && a + 0 >= 0 && b + 0 >= 0)}')" = 1 ] &&
	ok "thematic map axes start at or above 0 ($xmin, $ymin)" ||
	bad "thematic map axes below 0: '$xmin' '$ymin'"

# the report
if "$BS" report --db h.db -o rep --title "Report of O'Brien's \`corpus\` \$(touch $CANARY)" > out.txt 2> err.txt; then
	ok "report: $(cat out.txt)"
else
	bad "report: $(cat err.txt)"
fi
pages=$(pdfinfo rep/report.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "$pages" = 15 ] && ok "report.pdf has 15 pages" || bad "report.pdf pages: $pages"
pdftotext -layout rep/report.pdf rep.txt
# more than 40 venue-years: the title page shows the 25 largest venues and
# one row for the others, with the parameters before it (regressions: the
# title page cut the text at 60 lines, so a 3M-paper report lost half its
# venue-year rows and the parameters; then the DBLP export's 974
# venue-years went on over 17 pages); these titles make no phrase,
# and the top-phrases chart says so (regression: its empty datablock made
# gnuplot fail, and the report)
for i in $(seq 1 70); do
	printf '@inproceedings{k%d, title={Paper number %d about things}, author={Ann Able and Bob Burr%d},\n  booktitle={Venue Number %d}, year={2021}}\n' "$i" "$i" "$i" "$i"
done > manyv.bib
"$BS" ingest -q --db manyv.db manyv.bib > /dev/null 2>&1
"$BS" report --db manyv.db -o repv --format pdf > /dev/null 2>&1
pdftotext -layout repv/report.pdf repv.txt
vpages=$(pdfinfo repv/report.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
if [ "$vpages" = 15 ] && grep -q "Parameters:" repv.txt && ! grep -q "(continued)" repv.txt &&
   grep -q "Papers per venue (the 25 largest; all 70 venue-years" repv.txt &&
   [ "$(pdftotext -layout -f 1 -l 1 repv/report.pdf - | grep -c 'Venue Number')" = 25 ] && grep -q "(45 other venues) *45 *2021 *2021" repv.txt &&
   grep -q "no phrases in this selection" repv.txt; then
	ok "70 venues, no phrases: 25 venues and the others on the title page ($vpages pages)"
else
	bad "70 venues: $vpages pages; $(grep -c 'Venue Number' repv.txt) venue rows; $(grep -c 'Parameters' repv.txt) parameters"
fi
# --seed is the network layout's seed: the title page names the seed the
# communities were computed with (the default run's), not --seed
# (regression: it said "Leiden communities (..., seed 7)" for communities of seed 42)
"$BS" report --db h.db -o rep7 --format pdf --seed 7 > /dev/null 2>&1
pdftotext -layout rep7/report.pdf rep7.txt
grep -q "Leiden communities (resolution 1, seed 42).*layout seed 7" rep7.txt &&
	ok "report --seed 7: $(grep -o 'Leiden communities.*' rep7.txt | head -1)" ||
	bad "report --seed 7 parameters: $(grep -A1 'Parameters' rep7.txt)"
for name in "Grace Hopper" "Bernhard Schölkopf" "O'Brien \"Quote\" Smith" "Back\`tick\` \$(touch" "system(\"touch" \
	    "Newline Name" "Mc'Apostrophe' Ng" "At@Home 100% Kim" "张伟" "Paul Erdős" "Report of O'Brien's"; do
	grep -qF "$name" rep.txt && ok "report text shows: $name" || bad "report text lacks: $name"
done
for f in index.html manifest.json report.pdf network.png network.svg thematic-map.png; do
	[ -s "rep/$f" ] && ok "report file $f" || bad "report file $f missing"
done
"$PY" -c "import json, sys; m = json.load(open(sys.argv[1])); assert m['inputs'][0]['sha256'] and m['parameters']['seed'] == 42 and 'report.pdf' in m['files']" rep/manifest.json \
	&& ok "manifest.json: inputs with hashes, seed, files" || bad "manifest.json"
grep -q "O&#39;Brien &quot;Quote&quot; Smith" rep/index.html && ! grep -q '<script' rep/index.html \
	&& ok "index.html escapes names" || bad "index.html escaping"
[ -e "$CANARY" ] && bad "something was executed: $CANARY exists" || ok "nothing in the data was executed"

# each chart of the report is the chart `plot` draws alone: no chart depends
# on those drawn before it (regression: community-sizes took the network's
# colours in the PNG and SVG, not in the PDF)
same=1
# (a paper list has no addresses or keywords: the report leaves their charts out)
[ ! -e rep/countries.svg ] && [ ! -e rep/keyword-trends.svg ] && ok "paper list: no countries or keyword chart in the report" ||
	bad "paper list: a countries or keyword chart"
for kind in $("$BS" plot --help | awk '/^  [a-z]/ && $1 != "countries" && $1 != "keyword-trends" {print $1}'); do
	cmp -s "c-$kind.svg" "rep/$kind.svg" || { same=0; bad "report's $kind.svg differs from plot's"; }
done
[ $same = 1 ] && ok "every report chart is byte-identical to plot's"

# past the parallel threshold the keyword tables come after the graph, in
# the main thread: the same report, computing every run on a fresh database
if BIBSCOPE_PARALLEL_MAX_PAPERS=0 "$BS" report --db fresh.db -o rep-seq --format svg > /dev/null 2>&1; then
	same=1
	for kind in $("$BS" plot --help | awk '/^  [a-z]/ && $1 != "countries" && $1 != "keyword-trends" {print $1}'); do
		cmp -s "rep/$kind.svg" "rep-seq/$kind.svg" || same=0
	done
	[ $same = 1 ] && ok "report without the second thread: the same charts" || bad "report without the second thread differs"
else
	bad "report without the second thread failed"
fi

# a second report into the same directory replaces the files
"$BS" report --db h.db -o rep --format png > /dev/null 2>&1 && [ -s rep/lotka.png ] && ok "report into an existing directory" || bad "report into an existing directory"

# gnuplot missing: a message naming the package, exit 1, nothing left behind
BIBSCOPE_GNUPLOT=no-such-gnuplot "$BS" report --db h.db -o missing > out.txt 2> err.txt
rc=$?
if [ $rc = 1 ] && grep -q "gnuplot-nox" err.txt && [ ! -e missing ] && ! ls missing.tmp-* > /dev/null 2>&1; then
	ok "gnuplot missing: $(cat err.txt)"
else
	bad "gnuplot missing: exit $rc, $(cat err.txt)"
fi
# a chart failing: the message names it, no partial report
cat > fakegp.sh <<'FAKE'
#!/bin/sh
# prints the chart markers like gnuplot and fails inside the 'lotka' chart
while IFS= read -r line; do
	case "$line" in
	"print '@@chart "*) m=${line#print \'}; echo "${m%\'}" >&2
		case "$line" in *lotka*) echo '         line 7: simulated gnuplot failure' >&2; exit 1;; esac;;
	esac
done
exit 0
FAKE
chmod +x fakegp.sh
BIBSCOPE_GNUPLOT=$WORK/fakegp.sh "$BS" report --db h.db -o failing > out.txt 2> err.txt
rc=$?
if [ $rc = 1 ] && grep -q "chart 'lotka' failed" err.txt && [ ! -e failing ]; then
	ok "failing chart named: $(cat err.txt)"
else
	bad "failing chart: exit $rc, $(cat err.txt)"
fi
exit $fail
