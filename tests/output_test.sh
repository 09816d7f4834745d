#!/bin/sh
# Every output is well-formed and published whole:
#  - names, titles and venues holding U+FFFE, U+FFFF, C0 controls, "]]>",
#    "<", "&", '"' and lone surrogates: every GEXF, GraphML, SVG and
#    index.html passes xmllint, the report and each plot succeed, CSV, JSON,
#    Pajek and VOSviewer exports are written (regressions: U+FFFE made GEXF,
#    GraphML and SVG not well-formed and the report fail naming the wrong
#    chart; "]]>" broke the SVG; a control character failed GraphML);
#  - the same over the fuzz seeds of every reader;
#  - exports never follow a symlink planted at a temporary name, and leave
#    no temporary file; the two CSV files carry one modification time;
#  - an unwritable plot output sends nothing to stdout and names the file;
#    a chart gnuplot cannot write whole (ENOSPC injected with strace) is an
#    error naming the file, and nothing is published;
#  - report -o DIR refuses a directory that is no report (--overwrite
#    replaces it), drops the files of an older report, and two reports at
#    once both end whole.
# usage: output_test.sh BIBSCOPE SOURCE_DIR
set -u
BS=$1
SRC=$2
for tool in gnuplot xmllint sqlite3 python3; do
	command -v $tool > /dev/null || { echo "SKIP: $tool not installed (xmllint: libxml2-utils)"; exit 77; }
done
WORK=$(mktemp -d /tmp/bs_output.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
wellformed() {   # FILE...: every file passes xmllint
	for f in "$@"; do
		if xmllint --noout "$f" > xml.err 2>&1; then :; else
			bad "$f is not well-formed XML: $(head -2 xml.err)"
			return 1
		fi
	done
	return 0
}
CHARTS=$("$BS" plot --help | awk '/^  [a-z]/ {print $1}')

# the hostile corpus: what the readers let through (U+FFFE, U+FFFF, "]]>",
# markup characters), then what only a database edit can hold (C0
# controls, a lone surrogate, which the readers repair)
python3 - <<'EOF'
names = ["Ann \ufffe Noncharacter", "Bob \uffff Max", "Cid ]]> Cdata", "Dee <b>&amp; \"Q\" 'S'",
         "Eve Control", "Fay Lone"]
out = ""
for i in range(12):
    a, b = names[i % 6], names[(i + 1) % 6]
    out += ("## [%d] Title %d ]]> <x> & \ufffe \"q\"\n\n**Authors**: *%s, %s, Grace Hopper*\n\n"
            "**Conference**: *Venue ]]> & < \uffff %d*\n\n**URL**: [https://example.org/a%d](https://example.org/a%d)\n\n"
            "**Abstract**:\n\nGraph neural networks and diffusion models ]]> <y> & \ufffe.\n\n----\n\n"
            % (i, i, a, b, 2020 + i % 3, i, i))
open("hostile.md", "w", encoding="utf-8").write(out)
EOF
"$BS" ingest -q --db h.db hostile.md > /dev/null 2>&1 || { echo "ingest failed"; exit 1; }
sqlite3 h.db "UPDATE authors SET name = 'Eve Ctl' || char(1) || char(8) || char(11) || char(27) || char(31) || 'x' WHERE name LIKE 'Eve%';
UPDATE authors SET name = CAST(X'466179204C6F6E65EDA08078' AS TEXT) WHERE name LIKE 'Fay%';
UPDATE venues SET name = name || char(2) || CAST(X'EDBFBF' AS TEXT);
UPDATE papers SET title = title || char(3) || CAST(X'EDBFBF' AS TEXT) WHERE id % 2 = 0;"

for f in gexf graphml pajek csv vosviewer; do
	"$BS" export graph --db h.db --format $f -o "g.$f" > /dev/null 2> err.txt || bad "export $f: $(cat err.txt)"
done
wellformed g.gexf g.graphml && ok "hostile names: GEXF and GraphML well-formed"
grep -q "Ann \\xEF\\xBF\\xBD Noncharacter\|Ann � Noncharacter" g.gexf && grep -q "Cid ]]&gt; Cdata" g.gexf &&
	ok "GEXF: U+FFFE as U+FFFD, ']]>' escaped" || bad "GEXF labels: $(grep -o 'label="[^"]*"' g.gexf | head -3)"
python3 -c "
import csv, sys
n = list(csv.DictReader(open('g-nodes.csv', encoding='utf-8')))
open('g.vosviewer', encoding='utf-8').read()
e = list(csv.DictReader(open('g.csv', encoding='utf-8')))
assert len(n) == 7 and len(e) > 0, (len(n), len(e))
" && ok "CSV export: 7 authors and the edges parse" || bad "CSV export"
[ "$(wc -l < g.vosviewer)" = 8 ] && ok "VOSviewer map: one line per author" || bad "VOSviewer map: $(wc -l < g.vosviewer) lines"
grep -q '^\*Vertices 7' g.pajek && ok "Pajek export" || bad "Pajek: $(head -1 g.pajek)"
"$BS" authors --db h.db --format json > a.json 2> err.txt &&
	python3 -c "import json; a = json.load(open('a.json')); assert all(r['author'] for r in a), a" &&
	ok "authors as JSON: every name kept" || bad "authors JSON: $(cat err.txt)"
mkdir svg
allok=1
for k in $CHARTS; do
	"$BS" plot --db h.db "$k" -o "svg/$k.svg" > /dev/null 2> err.txt || { bad "plot $k: $(cat err.txt)"; allok=0; continue; }
	wellformed "svg/$k.svg" || allok=0
done
[ $allok = 1 ] && ok "hostile labels: every chart's SVG well-formed"
if "$BS" report --db h.db -o rep --title "$(printf 'T ]]> \357\277\276 \001 <&>')" > out.txt 2> err.txt; then
	ok "report of hostile labels: $(cat out.txt)"
	wellformed rep/*.svg rep/index.html && ok "report: every SVG and index.html well-formed"
	python3 -c "import json, sys; json.load(open('rep/manifest.json'))" && ok "report: manifest.json parses" || bad "manifest.json"
else
	bad "report of hostile labels: $(cat err.txt)"
fi

# the fuzz seeds of every reader, through the XML outputs
allok=1
for dir in "$SRC"/tests/fuzz/seeds/*; do
	fmt=${dir##*/}
	case $fmt in text|names) continue;; esac
	for seed in "$dir"/*; do
		[ -f "$seed" ] || continue
		rm -f s.db s.db-wal s.db-shm
		"$BS" ingest -q --db s.db --format "$fmt" "$seed" > /dev/null 2>&1
		[ -f s.db ] || continue
		for f in gexf graphml; do
			"$BS" export graph --db s.db --format $f -o "s.$f" > /dev/null 2>&1 || continue
			wellformed "s.$f" || allok=0
		done
		for k in top-authors; do
			"$BS" plot --db s.db $k -o "s-$k.svg" > /dev/null 2>&1 || continue
			wellformed "s-$k.svg" || allok=0
		done
	done
done
[ $allok = 1 ] && ok "fuzz seeds: GEXF, GraphML and SVG well-formed"

# exports: a symlink planted at the temporary name (the old name was
# FILE.tmpPID: sh -c 'exec ...' runs bibscope with the shell's PID) is
# never followed, and no temporary file stays
echo precious > victim.txt
sh -c 'ln -s victim.txt "e.gexf.tmp$$"; ln -s victim.txt "e-nodes.csv.tmp$$"; ln -s victim.txt "e.csv.tmp$$";
	exec "$0" export graph --db h.db --format gexf -o e.gexf' "$BS" > /dev/null 2>&1
sh -c 'ln -s victim.txt "e-nodes.csv.tmp$$"; ln -s victim.txt "e.csv.tmp$$";
	exec "$0" export graph --db h.db --format csv -o e.csv' "$BS" > /dev/null 2>&1
[ "$(cat victim.txt)" = precious ] && ok "export: a planted symlink is not followed" || bad "export followed a planted symlink"
rm -f e.*.tmp* e-nodes.csv.tmp*
left=$(ls -A | grep -a -c 'tmp' || true)
[ "$left" = 0 ] && ok "export: no temporary file left" || bad "export left: $(ls -A | grep -a tmp)"
[ "$(stat -c %y e.csv)" = "$(stat -c %y e-nodes.csv)" ] && ok "CSV pair: one modification time" ||
	bad "CSV pair times: $(stat -c %y e.csv) $(stat -c %y e-nodes.csv)"
# a dead run's temporary file is removed by the next export
sh -c 'exit 0' & dead=$!
wait $dead
: > ".bibscope-tmp-$dead-abcdef"
"$BS" export graph --db h.db --format gexf -o e.gexf > /dev/null 2>&1
[ ! -e ".bibscope-tmp-$dead-abcdef" ] && ok "export: a dead run's temporary file is removed" || bad "dead temporary file kept"

# an unwritable plot output: an error naming it, nothing on stdout, and an
# older file of that name stays (regression: the chart went to stdout)
"$BS" plot --db h.db lotka -o "$WORK/nodir/x.svg" > out.bin 2> err.txt
rc=$?
[ $rc = 1 ] && [ ! -s out.bin ] && grep -q "nodir/x.svg" err.txt && ok "unwritable plot output: $(cat err.txt)" ||
	bad "unwritable plot output: exit $rc, $(wc -c < out.bin) bytes on stdout, $(cat err.txt)"

# gnuplot cannot write a chart (ENOSPC on its writes to lotka.png): the
# error names the file, nothing is published (regression: gnuplot ignores
# the failed writes; an empty lotka.png was published with exit 0)
if command -v strace > /dev/null && strace -f -o /dev/null true 2> /dev/null; then
	# the build directory is gnuplot's working directory ($PWD); older
	# versions wrote to DIR.tmp-PID in ours, PID being the wrapper's parent
	cat > nospc.sh <<EOF
#!/bin/sh
exec strace -f --seccomp-bpf -o /dev/null -P "\$PWD/lotka.png" -P "$WORK/full.tmp-\$PPID/lotka.png" -e trace=write -e inject=write:error=ENOSPC gnuplot
EOF
	chmod +x nospc.sh
	"$BS" ingest -q --db c.db "$SRC/examples/sample.md" > /dev/null 2>&1
	BIBSCOPE_GNUPLOT=$WORK/nospc.sh "$BS" report --db c.db -o full --format png > out.txt 2> err.txt
	rc=$?
	[ $rc = 1 ] && grep -q "cannot write full/lotka.png" err.txt && [ ! -e full ] &&
		ok "full disk for one chart: $(cat err.txt)" || bad "full disk: exit $rc, $(cat err.txt), $(ls full 2>&1 | head -2)"
else
	echo "skip full-disk check: strace cannot trace here"
fi

# report -o DIR: a directory that is no report is refused, nothing in it
# touched (regression: the user's index.html was overwritten)
mkdir mine
echo "my page" > mine/index.html
"$BS" report --db h.db -o mine --format svg > out.txt 2> err.txt
rc=$?
[ $rc = 1 ] && grep -q "not a bibscope report" err.txt && [ "$(cat mine/index.html)" = "my page" ] &&
	[ "$(ls mine)" = index.html ] && ok "a user's directory is refused: $(cat err.txt)" || bad "user directory: exit $rc, $(cat err.txt)"
"$BS" report --db h.db -o mine --format svg --overwrite > /dev/null 2>&1 && grep -q "bibscope" mine/index.html &&
	ok "--overwrite replaces it" || bad "--overwrite"
# files of an older report go (regression: a PNG report's PNGs stayed
# beside the SVG report that followed)
"$BS" report --db h.db -o rep --format svg > /dev/null 2>&1
ls rep | grep -q '\.png$' && bad "report kept the PNGs of the report before" || ok "a new report drops the older report's files"
python3 -c "
import json, os
m = json.load(open('rep/manifest.json'))
assert sorted(m['files']) == sorted(os.listdir('rep')), (m['files'], os.listdir('rep'))
" && ok "report directory = its manifest's files" || bad "report directory and manifest differ"
# two reports at once into one directory: both exit 0, the directory is
# one whole report (regression: a mix of both)
"$BS" report --db h.db -o two --format png --title first > o1.txt 2>&1 & p1=$!
"$BS" report --db h.db -o two --format svg --title second > o2.txt 2>&1 & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
if [ $r1 = 0 ] && [ $r2 = 0 ] && python3 -c "
import json, os
m = json.load(open('two/manifest.json'))
assert sorted(m['files']) == sorted(os.listdir('two')), (m['files'], os.listdir('two'))
assert m['parameters']['title'] in open('two/index.html').read()
"; then ok "two reports at once: both exit 0, one whole report"; else bad "two reports at once: $r1 $r2 $(cat o1.txt o2.txt)"; fi
[ -z "$(ls -A | grep -a -e '\.bibscope-tmp' -e '\.tmp-')" ] && ok "no build directory left" || bad "left: $(ls -A | grep -a tmp)"
exit $fail
