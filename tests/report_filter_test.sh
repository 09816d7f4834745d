#!/bin/sh
# A filtered report (--venue, --years) is of its selection: the title
# page's numbers are those `stats` gives for the same filter, the manifest
# names the filter, every chart's data come from the selected papers only
# (papers per year, authors, phrases, trends, bursts, thematic map), and a
# selection of no papers is an error that writes nothing.
# With SHARED_DIR, the same on the real corpus (CVPR 2023).
# usage: report_filter_test.sh BIBSCOPE [SHARED_DIR]
set -u
BS=$1
SHARED=${2:-}
case $SHARED in ""|/*) ;; *) SHARED=$PWD/$SHARED ;; esac
for tool in gnuplot pdftotext sqlite3; do
	command -v $tool > /dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
WORK=$(mktemp -d /tmp/bs_rfilter.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# gnuplot that keeps a copy of the script it is sent: the charts' data
printf '#!/bin/sh\ntee "%s/script.gp" | gnuplot\n' "$WORK" > tee-gnuplot.sh
chmod +x tee-gnuplot.sh

# the names of the papers-per-year series, the top authors' names, and
# the labels of the term charts, from a captured script
series() {   # series CHART: the chart's datablock and label lines
	sed -n "/@@chart $1'/,/@@chart /p" script.gp
}

if [ -n "$SHARED" ]; then
	PL="$SHARED/corpus/paperlists"
	[ -d "$PL" ] || { echo "SKIP: $PL not present"; exit 77; }
	"$BS" ingest -q --db c.db "$PL" > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
	# the selection counted in SQL, and by stats
	want=$(sqlite3 c.db "SELECT COUNT(*) FROM papers p JOIN venues v ON v.id = p.venue_id WHERE v.key = 'cvpr' AND p.year = 2023")
	got=$("$BS" stats --db c.db --venue cvpr --years 2023 --format json 2> /dev/null |
	      "$PY" -c 'import json, sys; print(json.load(sys.stdin)["summary"]["papers"])' 2> /dev/null)
	[ "$want" = 2353 ] && [ "$got" = "$want" ] && ok "stats --venue cvpr --years 2023: $got papers, as SQL counts" ||
		bad "stats cvpr 2023: '$got', SQL '$want', expected 2353"
	BIBSCOPE_GNUPLOT=$WORK/tee-gnuplot.sh "$BS" report --db c.db -o rep --venue cvpr --years 2023 --format png \
		> out.txt 2> err.txt || { bad "report: $(cat err.txt)"; exit 1; }
	# --format png has no PDF: the title page of a PDF report
	"$BS" report --db c.db -o reppdf --venue cvpr --years 2023 --format pdf > /dev/null 2>&1
	pdftotext -layout -f 1 -l 1 reppdf/report.pdf title.txt
	grep -q "Selection: venue cvpr, year 2023: $want of the 23467 papers" title.txt &&
		ok "title page: $(grep 'Selection:' title.txt)" || bad "title page selection: $(head -8 title.txt)"
	[ "$(awk '$1 == "papers" && NF == 2 {print $2; exit}' title.txt)" = "$want" ] &&
	[ "$(awk '$1 == "venues" && NF == 2 {print $2; exit}' title.txt)" = 1 ] &&
	[ "$(awk '$1 == "years" && NF == 2 {print $2; exit}' title.txt)" = 2023 ] &&
		ok "title page: $want papers, 1 venue, year 2023" || bad "title page numbers: $(sed -n '/Selected papers/,/Parameters/p' title.txt)"
	got=$(series papers-per-year | sed -n '/^\$d << EOD/,/^EOD/p' |
	      awk -F'\t' '/^EOD/ {exit} NF > 1 {for (i = 3; i <= NF; i++) s += $i; y = y $1 " "} END {print s, y}')
	[ "$got" = "$want 2023 " ] && ok "papers per year: $got" || bad "papers per year: '$got', expected '$want 2023 '"
	# one year: no window for trends or bursts, and the charts say so
	# (regression: trends compared 2023 with itself and listed "2d", "3d"...)
	series trends | grep -q "no emerging terms: the selection has fewer than two years" &&
	series bursts | grep -q "no bursts: the selection has fewer than two years" &&
		ok "one year: trends and bursts say there is nothing to compare" ||
		bad "one year: $(series trends | grep -m3 "^T\[\|label 1")"
	# the map of CVPR 2023's themes leaves out its one-term themes linked
	# to no other term, and says how many (regression: their bubbles and
	# labels piled up at the origin); how many depends on the term keys
	hidden=$(series thematic-map | grep -o "[0-9]* terms\{0,1\} linked to no other \(is\|are\) not shown" | cut -d' ' -f1)
	if [ -n "$hidden" ] && [ "$hidden" -gt 0 ]; then
		ok "thematic map: $(series thematic-map | grep -c '^T\[') themes, $hidden unlinked terms left out"
	else
		bad "thematic map of CVPR 2023: $(series thematic-map | grep -c '^T\[') themes, $(series thematic-map | grep -o "'[0-9]* terms linked[^']*'")"
	fi
	"$PY" - rep/manifest.json "$want" <<'PYEOF' && ok "manifest.json: filter, selection, runs of the selection" || bad "manifest.json"
import json, sys
m = json.load(open(sys.argv[1]))
f, s = m["parameters"]["filter"], m["selection"]
assert f == {"venue": "cvpr", "venue_key": "cvpr", "venue_name": "cvpr", "year_from": 2023, "year_to": 2023}, f
assert s["papers"] == int(sys.argv[2]) and s["database_papers"] == 23467 and s["filtered"], s
for r in m["analysis_runs"]:
    if r["kind"] in ("graph", "communities", "themes"):
        assert r["params"]["venue"] == "cvpr" and r["params"]["year_from"] == 2023, r
PYEOF
	exit $fail
fi

# two venues, two years: alpha writes about image synthesis, beta about
# graphs; in 2022 every beta paper is about quantum annealing (a term that
# emerges and bursts in beta, and that alpha never uses)
A1="diffusion model|image synthesis" A2="score matching|noise schedule" A3="latent space|text prompt"
A4="video generation|motion prior" A5="style transfer|color palette" A6="super resolution|texture detail"
B1="graph neural|message passing" B2="node classification|label propagation" B3="link prediction|edge sampling"
B4="knowledge graph|entity alignment" B5="graph pooling|readout function" B6="spectral filter|graph laplacian"
i=0
: > two.md
for venue in alpha beta; do
	for year in 2021 2022; do
		for k in $(seq 1 36); do
			i=$((i + 1))
			g=$((k % 6 + 1))
			if [ $venue = alpha ]; then eval "pair=\$A$g"; else eval "pair=\$B$g"; fi
			p1=${pair%%|*} p2=${pair#*|}
			extra=""
			[ $venue = beta ] && [ $year = 2022 ] && extra=" We use quantum annealing throughout."
			printf '## [%d] On %s and %s, part %d\n\n**Authors**: *%s Author %d, %s Author %d*\n\n' \
				$i "$p1" "$p2" $i $venue $((k % 9)) $venue $((k % 5 + 20)) >> two.md
			printf '**Conference**: *%s %d*\n\n**URL**: [https://example.org/%d](https://example.org/%d)\n\n' \
				$venue $year $i $i >> two.md
			printf '**Abstract**:\n\nWe study %s with %s in setting %d.%s\n\n----\n\n' "$p1" "$p2" $k "$extra" >> two.md
		done
	done
done
"$BS" ingest -q --db two.db two.md > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
cp two.db fresh.db

# stats of the selection
"$BS" stats --db two.db --venue ALPHA --years 2021-2022 --format json > stats.json 2> err.txt ||
	bad "stats --venue --years: $(cat err.txt)"
want=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"]["papers"])' stats.json)
[ "$want" = 72 ] && ok "stats --venue ALPHA --years 2021-2022: $want papers" || bad "stats of the selection: '$want', expected 72"
"$BS" stats --db two.db --years 2022 --format csv > y.csv
[ "$(cat y.csv | tr '\n' ' ')" = "venue,year,papers alpha,2022,36 beta,2022,36 " ] && ok "stats --years 2022: venue-years of 2022" ||
	bad "stats --years 2022: $(cat y.csv | tr '\n' ' ')"

# the filtered report
if BIBSCOPE_GNUPLOT=$WORK/tee-gnuplot.sh "$BS" report --db two.db -o rep --venue ALPHA --years 2021-2022 \
	> out.txt 2> err.txt; then
	ok "report --venue ALPHA --years 2021-2022: $(cat out.txt)"
else
	bad "report: $(cat err.txt)"
	exit 1
fi
pdftotext -layout -f 1 -l 1 rep/report.pdf title.txt
grep -q "Selection: venue alpha, years 2021-2022: 72 of the 144 papers in the database" title.txt &&
	ok "title page: $(grep 'Selection:' title.txt)" || bad "title page selection: $(head -8 title.txt)"
head -1 title.txt | grep -q "bibscope report: venue alpha, years 2021-2022" && ok "title names the selection" ||
	bad "title: $(head -1 title.txt)"
nums=$(awk 'NF == 2 && ($1 == "papers" || $1 == "authorships" || $1 == "venues" || $1 == "years") {printf "%s=%s ", $1, $2}' title.txt)
[ "$nums" = "papers=72 authorships=144 venues=1 years=2021-2022 " ] && ok "title page numbers: $nums" ||
	bad "title page numbers: '$nums'"
[ "$(grep -c '^ *beta' title.txt)" = 0 ] && [ "$(grep -c '^ *alpha  *202[12]  *36' title.txt)" = 2 ] &&
	ok "title page venue table: alpha's two years only" || bad "venue table: $(sed -n '/Papers per venue/,$p' title.txt)"
pdftotext -layout rep/report.pdf all.txt
grep -q "beta Author" all.txt && bad "report text names beta's authors" || ok "no author of beta in the report's text"
grep -q "graph neural\|quantum annealing" all.txt && bad "report text shows beta's phrases" || ok "no phrase of beta in the report's text"
grep -q "Selection: venue alpha, years 2021-2022: 72 of the 144 papers" rep/index.html &&
	ok "index.html states the selection" || bad "index.html: $(grep -o '<p class="selection">.*</p>' rep/index.html)"

# the charts' data: every series of the selection
got=$(series papers-per-year | sed -n '/^\$d << EOD/,/^EOD/p' |
      awk -F'\t' '/^EOD/ {exit} NF > 1 {for (i = 3; i <= NF; i++) s += $i; y = y $1 " "} END {print s, y}')
[ "$got" = "72 2021 2022 " ] && ok "papers per year: $got" || bad "papers per year: '$got', expected '72 2021 2022 '"
for chart in papers-per-year top-authors network top-terms trends bursts thematic-map; do
	if series $chart | grep -q "beta\|graph neural\|message passing\|quantum annealing\|knowledge graph"; then
		bad "chart $chart draws papers outside the selection: $(series $chart | grep -m3 'beta\|graph\|quantum')"
	else
		ok "chart $chart: only the selection"
	fi
done
series top-terms | grep -q "diffusion model" && series top-authors | grep -q "alpha Author" &&
	ok "top phrases and authors are alpha's" || bad "top phrases: $(series top-terms | grep '^T\[' | head -3 | tr '\n' ' ')"
series thematic-map | grep -q "^T\[1\] = " && ok "thematic map of the selection has themes: $(series thematic-map | grep -c '^T\[')" ||
	bad "thematic map of the selection: no themes"
series authors-per-paper | sed -n '/^\$d << EOD/,/^EOD/p' | grep -q "^2	72$" && ok "authors per paper: 72 papers of 2" ||
	bad "authors per paper: $(series authors-per-paper | sed -n '/^\$d << EOD/,/^EOD/p' | tr '\n' ' ')"

# the same selection from beta: quantum annealing emerges there (and did
# in every report, of any venue, before trends and bursts took the venue)
BIBSCOPE_GNUPLOT=$WORK/tee-gnuplot.sh "$BS" report --db two.db -o repb --venue beta --format png > /dev/null 2>&1
series trends | grep -q "quantum annealing" && ok "beta's report: quantum annealing emerges" ||
	bad "beta's trends: $(series trends | grep '^T\[' | tr '\n' ' ')"

# emerging terms of one year: nothing to compare, a clear error
# (regression: 2022 against itself, every G2 0, terms in name order)
"$BS" trends --db two.db --emerging --years 2022 > out.txt 2> err.txt
rc=$?
[ $rc = 1 ] && grep -q "growth needs at least two years of papers (have 2022-2022)" err.txt && [ ! -s out.txt ] &&
	ok "trends --emerging --years 2022: $(cat err.txt)" || bad "trends of one year: exit $rc, $(head -3 out.txt) $(cat err.txt)"

# the manifest
"$PY" - rep/manifest.json <<'PYEOF' && ok "manifest.json: filter, selection, runs of the selection" || bad "manifest.json: $(head -c 600 rep/manifest.json)"
import json, sys
m = json.load(open(sys.argv[1]))
f, s = m["parameters"]["filter"], m["selection"]
assert f == {"venue": "ALPHA", "venue_key": "alpha", "venue_name": "alpha", "year_from": 2021, "year_to": 2022}, f
assert s == {"filtered": True, "description": "venue alpha, years 2021-2022", "papers": 72, "database_papers": 144}, s
assert m["parameters"]["title"] == "bibscope report: venue alpha, years 2021-2022"
kinds = sorted(r["kind"] for r in m["analysis_runs"])
assert kinds == ["communities", "graph", "terms", "themes"], kinds
for r in m["analysis_runs"]:
    if r["kind"] != "terms":
        assert r["params"]["venue"] == "alpha" and r["params"]["year_from"] == 2021, r
PYEOF
# the selection's runs are the same whatever the venue's spelling: a
# second report of "alpha" computes none
n0=$(sqlite3 two.db "SELECT COUNT(*) FROM runs")
"$BS" report --db two.db -o rep2 --venue alpha --years 2021-2022 --format svg > /dev/null 2>&1
n1=$(sqlite3 two.db "SELECT COUNT(*) FROM runs")
[ "$n0" = "$n1" ] && ok "--venue alpha reuses the runs of --venue ALPHA ($n1 runs)" || bad "--venue alpha: runs $n0 -> $n1"
# an unfiltered report says so
"$BS" report --db fresh.db -o all --format png > /dev/null 2>&1
"$PY" -c 'import json, sys; m = json.load(open(sys.argv[1])); assert m["selection"]["papers"] == 144 and not m["selection"]["filtered"] and m["parameters"]["filter"]["venue"] is None' all/manifest.json &&
	ok "unfiltered manifest: selection of all 144 papers, open filter" || bad "unfiltered manifest"

# a selection of no papers: exit 1, a message, nothing written
"$BS" report --db two.db -o none --venue alpha --years 2030 > out.txt 2> err.txt
rc=$?
if [ $rc = 1 ] && grep -q "no papers match the selection venue alpha, year 2030 (of the 144 papers" err.txt &&
   [ ! -e none ] && ! ls none.tmp-* > /dev/null 2>&1; then
	ok "empty selection: $(cat err.txt)"
else
	bad "empty selection: exit $rc, $(cat err.txt), $(ls -d none* 2>/dev/null)"
fi
"$BS" report --db two.db -o none --venue gamma > out.txt 2> err.txt
rc=$?
[ $rc = 1 ] && grep -q "unknown venue 'gamma'" err.txt && [ ! -e none ] && ok "unknown venue: $(cat err.txt)" ||
	bad "unknown venue: exit $rc, $(cat err.txt)"
exit $fail
