# Shared by the shell tests: source it with . "$(dirname "$0")/lib.sh".
# check NAME EXPECTED ACTUAL: prints ok or FAIL and sets fail=1 on a
# mismatch, so that a test reports every check before it exits.
fail=0
check() {
	if [ "$2" = "$3" ]; then
		echo "ok   $1: $3"
	else
		echo "FAIL $1: expected '$2', got '$3'"
		fail=1
	fi
}
# need PATH: skip the test (exit 77) when the shared corpus part is absent
need() {
	[ -e "$1" ] && return 0
	echo "SKIP: $1 not present"
	exit 77
}

# --- The golden command-line tests (tests/cli/run_case.sh) ---------------
# They run in a fresh directory holding sample.md (examples/) and t.db, the
# database ingested from it; $BS is the bibscope under test, $SRC the
# source tree.

# run CMD...: print the command, its output (timings masked) and exit code
run() {
	echo "\$ $*" | sed "s|$BS|bibscope|"
	"$@" >out.txt 2>err.txt
	rc=$?
	sed -e 's/ in [0-9.]* s:/ in T s:/' -e 's/computed in [0-9.]* s/computed in T s/' \
	    -e 's/^\(identity: .*\) in [0-9.]* s$/\1 in T s/' out.txt
	sed -e 's/^/[stderr] /' -e 's/ in [0-9.]* s/ in T s/g' err.txt
	echo "[exit $rc]"
	echo
}

# head1 CMD...: the first line of CMD's output (a profile's heading)
head1() {
	"$@" | head -n 1
}

# quiet CMD...: run a setup step whose output is not part of the case
quiet() {
	"$@" >/dev/null 2>&1 || echo "setup failed: $*"
}

# The inputs several cases share.
cli_formula_bib() {
	printf '@inproceedings{f1, title={Formula}, author={Ann Able}, year={2021}, booktitle={=1+2}}\n' > formula.bib
}

cli_homonyms_bib() {
	printf '%s\n' \
	 '@inproceedings{h1, author = {Lei Zhang 0001 and Rui Cai}, title = {Web Image Search}, booktitle = {CVPR}, year = {2010}}' \
	 '@inproceedings{h2, author = {Lei Zhang 0001 and Rui Cai}, title = {Image Annotation}, booktitle = {CVPR}, year = {2011}}' \
	 '@inproceedings{h3, author = {Lei Zhang 0001 and Wei-Ying Ma}, title = {Web Mining}, booktitle = {WWW}, year = {2012}}' \
	 '@inproceedings{h4, author = {Lei Zhang and Enhong Chen}, title = {Recommendation}, booktitle = {AAAI}, year = {2015}}' \
	 '@inproceedings{h5, author = {Lei Zhang 0006 and David Zhang}, title = {Sparse Coding}, booktitle = {ICCV}, year = {2013}}' \
	 '@inproceedings{h6, author = {Lei Zhang 0006 and David Zhang}, title = {Denoising}, booktitle = {ECCV}, year = {2014}}' \
	 '@inproceedings{h7, author = {Lei Zhang 0002 and Dimitris Samaras}, title = {Face Shape}, booktitle = {CVPR}, year = {2004}}' \
	 > homonyms.bib
}

# mixed/: one good paper list and three files that are not bibliographies
cli_mixed_dir() {
	mkdir mixed
	cp sample.md mixed/good.md
	: > mixed/empty.md
	printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000\002\000' > mixed/binary.bin
	printf 'just some notes\nnothing bibliographic here\n' > mixed/notes.txt
}

# The runs the analysis cases find in t.db: the graph runs of graph.sh,
# the community runs of communities.sh, the term tables of topics.sh, made
# in the same order so that run ids and reuse read the same.
cli_graph_runs() {
	quiet "$BS" graph --db t.db
	quiet "$BS" graph --db t.db --weight fractional --format json --exact-limit 0 --samples 5
	quiet "$BS" graph --db t.db --samples 5
}

cli_community_runs() {
	quiet "$BS" communities --db t.db
	quiet "$BS" communities --db t.db --algorithm lpa --seed 7 --format csv
	quiet "$BS" communities --db t.db --algorithm louvain --resolution 0.5 --top 3
	quiet "$BS" communities --db t.db --algorithm leiden-igraph --top 3
	quiet "$BS" communities --db t.db --iterations 1 --top 3
}

cli_topic_runs() {
	quiet "$BS" topics --db t.db --top 8
}
