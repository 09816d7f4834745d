#!/bin/sh
# bibscope in pipelines:
#  - "ingest -" reads standard input;
#  - a reader that closes the pipe early (| head -1, | head -c 100, one
#    that reads nothing) ends bibscope quietly: empty stderr and death by
#    SIGPIPE (status 141), also when the caller ignored SIGPIPE
#    (regression: "bibscope: error: cannot write output", status 1), while
#    a full disk (/dev/full) stays an error;
#  - "-o -" writes the one file of export (graphml, gexf, pajek) and plot to
#    standard output, the same bytes as -o FILE, and leaves no temporary
#    file; csv and vosviewer exports (two files), a report (a directory)
#    and a PNG or PDF chart to a terminal are refused with a message.
# usage: pipe_test.sh BIBSCOPE
set -u
BS=$1
WORK=$(mktemp -d /tmp/bs_pipe.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
unset BIBSCOPE_DB
mkdir tmp
TMPDIR=$WORK/tmp
export TMPDIR
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# 6,000 papers, 12,050 authors: every listing is larger than a pipe holds
awk 'BEGIN { for (i = 0; i < 6000; i++)
	printf "TY  - JOUR\nAU  - Author%05d, Ann\nAU  - Writer%05d, Bob\nAU  - Common%02d, Cid\n" \
	       "TI  - Paper %d on graph learning and topic models\nT2  - Journal %d\nPY  - %d\nER  - \n\n",
	       i, i, i % 50, i, i % 7, 2000 + i % 20 }' > big.ris
"$BS" ingest -q --db big.db - < big.ris > /dev/null 2> err.txt
n=$("$BS" stats --db big.db --format csv 2>/dev/null | awk -F, 'NR > 1 { s += $NF } END { print s + 0 }')
[ "$n" = 6000 ] && ok "ingest - reads standard input" || { bad "ingest -: $n papers, want 6000"; cat err.txt; }

# closed DESC READER CMD...: run CMD | READER; stderr must be empty, the
# status SIGPIPE's (141)
closed() {
	desc=$1 reader=$2
	shift 2
	{ "$@" 2> err.txt; echo $? > rc.txt; } | $reader > /dev/null
	rc=$(cat rc.txt)
	if [ "$rc" = 141 ] && [ ! -s err.txt ]; then
		ok "$desc"
	else
		bad "$desc: status $rc (want 141), stderr: $(head -3 err.txt)"
	fi
}
for reader in "head -1" "head -c 100" "true"; do
	closed "authors | $reader" "$reader" "$BS" authors --db big.db --top 0
	closed "authors --format csv | $reader" "$reader" "$BS" authors --db big.db --top 0 --format csv
	closed "authors --format json | $reader" "$reader" "$BS" authors --db big.db --top 0 --format json
done
"$BS" graph --db big.db > /dev/null 2>&1   # the metrics, computed with a note on stderr
closed "authors --by degree | head -1" "head -1" "$BS" authors --db big.db --top 0 --by degree
closed "authors --format tsv | head -c 10" "head -c 10" "$BS" authors --db big.db --top 0 --format tsv
closed "export graph -o - | head -1" "head -1" "$BS" export graph --db big.db --format graphml -o -
# a caller that ignores SIGPIPE (a daemon, some CI runners) changes nothing
if command -v python3 > /dev/null; then
	rc=$(python3 -c 'import signal, subprocess, sys
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
p = subprocess.Popen([sys.argv[1], "authors", "--db", "big.db", "--top", "0"], stdout=subprocess.PIPE,
                     stderr=open("err.txt", "w"), restore_signals=False)
p.stdout.readline()
p.stdout.close()
print(p.wait())' "$BS")
	[ "$rc" = -13 ] && [ ! -s err.txt ] && ok "closed pipe with SIGPIPE ignored by the caller" ||
		bad "closed pipe with SIGPIPE ignored by the caller: status $rc (want -13), stderr: $(head -3 err.txt)"
fi

# a full disk is still an error, not a quiet end
"$BS" authors --db big.db --top 0 > /dev/full 2> err.txt
rc=$?
[ $rc = 1 ] && grep -q "cannot write output" err.txt && ok "authors > /dev/full is an error" ||
	bad "authors > /dev/full: status $rc, stderr: $(head -2 err.txt)"
"$BS" export graph --db big.db --format gexf -o - > /dev/full 2> err.txt
rc=$?
[ $rc = 1 ] && grep -q "standard output: cannot write: No space left on device" err.txt &&
	ok "export -o - > /dev/full is an error" || bad "export -o - > /dev/full: status $rc, stderr: $(head -2 err.txt)"

# -o -: the same bytes as -o FILE, nothing else on stdout, no temporary file
printf 'TY  - JOUR\nAU  - Smith, Ann\nAU  - Doe, Bob\nTI  - First paper\nPY  - 2020\nER  - \n\nTY  - JOUR\nAU  - Doe, Bob\nAU  - Roe, Cid\nTI  - Second paper\nPY  - 2021\nER  - \n' > small.ris
"$BS" ingest -q --db s.db small.ris > /dev/null 2>&1
for f in graphml gexf pajek; do
	"$BS" export graph --db s.db --format $f -o file.$f > /dev/null 2> err.txt
	"$BS" export graph --db s.db --format $f -o - > out.$f 2> err2.txt
	rc=$?
	if [ $rc = 0 ] && [ ! -s err2.txt ] && cmp -s file.$f out.$f; then
		ok "export --format $f -o - writes the file's bytes"
	else
		bad "export --format $f -o -: status $rc, $(wc -c < out.$f) bytes, stderr: $(head -2 err2.txt)"
	fi
done
"$BS" export graph --db s.db --format graphml --ego "Nobody Here" -o - > out.txt 2> err.txt
[ $? = 1 ] && [ ! -s out.txt ] && ok "a failed export -o - writes nothing to stdout" ||
	bad "a failed export -o - wrote $(wc -c < out.txt) bytes"
TMPDIR=$WORK/none "$BS" export graph --db s.db --format gexf -o - > out.txt 2> err.txt
rc=$?
[ $rc = 1 ] && [ ! -s out.txt ] && grep -q "standard output: cannot create a temporary file in $WORK/none" err.txt &&
	ok "export -o - with a missing \$TMPDIR says so" || bad "export -o - with a missing \$TMPDIR: status $rc, $(cat err.txt)"
for f in csv vosviewer; do
	"$BS" export graph --db s.db --format $f -o - > out.txt 2> err.txt
	rc=$?
	[ $rc = 2 ] && [ ! -s out.txt ] && grep -q "writes two files" err.txt && ok "export --format $f -o - refused" ||
		bad "export --format $f -o -: status $rc, stderr: $(cat err.txt)"
done
"$BS" report --db s.db -o - > out.txt 2> err.txt
rc=$?
[ $rc = 2 ] && grep -q "a report is a directory" err.txt && [ ! -e ./- ] && ok "report -o - refused" ||
	bad "report -o -: status $rc, stderr: $(cat err.txt)"
if command -v gnuplot > /dev/null; then
	"$BS" plot papers-per-year --db s.db -o file.svg > /dev/null 2>&1
	"$BS" plot papers-per-year --db s.db --format svg -o - > out.svg 2> err.txt
	rc=$?
	[ $rc = 0 ] && [ ! -s err.txt ] && cmp -s file.svg out.svg && ok "plot --format svg -o - writes the file's bytes" ||
		bad "plot --format svg -o -: status $rc, stderr: $(head -2 err.txt)"
	"$BS" plot papers-per-year --db s.db -o - > out.png 2> err.txt
	sig=$(od -An -c -N4 out.png | tr -d ' ')
	[ "$sig" = '211PNG' ] && ok "plot -o - writes a PNG" || bad "plot -o -: starts with '$sig', stderr: $(head -2 err.txt)"
	"$BS" plot papers-per-year --db s.db --format pdf -o - | head -c 5 > out.txt 2>/dev/null
	[ "$(cat out.txt)" = '%PDF-' ] && ok "plot --format pdf -o - writes a PDF" || bad "plot --format pdf -o -: '$(cat out.txt)'"
	# a terminal gets no binary chart (script(1) gives the run one)
	if command -v script > /dev/null; then
		script -qec "'$BS' plot papers-per-year --db s.db -o -" /dev/null > tty.txt 2>&1
		grep -q "not writing a PNG chart to a terminal" tty.txt && ! grep -q PNG.IHDR tty.txt &&
			ok "plot -o - refuses a terminal" || bad "plot -o - to a terminal: $(head -c 300 tty.txt)"
	else
		echo "SKIP plot -o - to a terminal: script(1) not installed"
	fi
else
	echo "SKIP plot -o -: gnuplot not installed"
fi
left=$(ls -A tmp)
[ -z "$left" ] && ok "no temporary file left in \$TMPDIR" || bad "left in \$TMPDIR: $left"

exit $fail
