#!/bin/sh
# valgrind memcheck over the command line on the bundled example: every
# command, including error paths, must report zero errors and no definite or
# indirect leaks.  Skipped when valgrind is not installed.
# usage: valgrind_test.sh BIBSCOPE SOURCE_DIR
set -u
BS=$1
SRC=$2
command -v valgrind > /dev/null || { echo "SKIP: valgrind not installed"; exit 77; }
WORK=$(mktemp -d /tmp/bs_vg.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fail=0 runs=0
vg() {
	runs=$((runs + 1))
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --trace-children=no "$BS" "$@" > out.txt 2> err.txt
	if [ $? = 99 ] || grep -q "==[0-9]*==" err.txt; then
		echo "FAIL valgrind: bibscope $*"
		grep "==[0-9]*==" err.txt | head -20
		fail=1
	else
		echo "ok   bibscope $*"
	fi
}
vg ingest --db v.db "$SRC/examples/sample.md"
vg ingest --db v.db "$SRC/examples/sample.md" --explain
vg ingest --db v.db missing.md
vg stats --db v.db --format json
vg authors --db v.db --count fractional --venue nips --years 2022-2023 --format csv
vg authors --db v.db --by betweenness
vg authors --db v.db --ambiguous
vg graph --db v.db --exact-limit 0 --samples 5
vg communities --db v.db --algorithm louvain
vg author --db v.db "Grace Hopper" --format json
vg author --db v.db Grace Hopper
vg author --db v.db "Nobody Here"
vg export graph --db v.db --format graphml -o g.graphml
vg export graph --db v.db --format vosviewer -o v.txt --ego "Jiri Matas"
vg topics --db v.db --author "Grace Hopper" --rank tfidf
vg trends --db v.db "diffusion models" --by-venue
vg trends --db v.db --bursts --min-papers 2
vg trends --db v.db "no such thing"
vg themes --db v.db --terms 30 --min-cooc 1
vg plot --db v.db network -o n.svg
vg report --db v.db -o rep --format png
vg nosuchcommand
echo "valgrind runs: $runs"
exit $fail
