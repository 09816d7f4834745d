#!/bin/sh
# Streams named on the command line: a named pipe (its writer starting
# before or after bibscope), /dev/stdin and "-" from a pipe or a file,
# gzip and BibTeX (read three times: probe, macro pass, records) through a
# pipe; a directory holding a named pipe is walked without opening it; a
# named pipe that never gets a writer is waited for with a notice.
# usage: stream_test.sh BIBSCOPE
set -u
BS=$1
WORK=$(mktemp -d /tmp/bs_stream.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found: skipped"; exit 77; }
command -v timeout >/dev/null 2>&1 || { echo "timeout not found: skipped"; exit 77; }
fail=0

# expect DESC DB PAPERS RC WANT_RC: the run's exit code and paper count
expect() {
	n=$(sqlite3 "$2" 'SELECT count(*) FROM papers' 2>/dev/null || echo none)
	if [ "$4" != "$5" ] || [ "$n" != "$3" ]; then
		echo "FAIL $1: exit $4 (want $5), $n papers (want $3)"
		sed 's/^/  stderr: /' err.txt
		fail=1
	else
		echo "ok   $1"
	fi
}

printf 'TY  - JOUR\nAU  - Smith, Ann\nTI  - First paper\nPY  - 2020\nER  - \n\nTY  - JOUR\nAU  - Doe, Bob\nTI  - Second paper\nPY  - 2021\nER  - \n' > rec.ris
printf '@inproceedings{a, title={Crossref Child}, author={Ann Able}, crossref={p}}\n@proceedings{p, title={Proceedings of Things}, year={2019}, booktitle={Things}}\n' > rec.bib

mkfifo p1
(cat rec.ris > p1) &
timeout 20 "$BS" ingest -q --db a.db p1 >/dev/null 2>err.txt
expect "named pipe, writer first" a.db 2 $? 0
wait

mkfifo p2
(sleep 2; cat rec.ris > p2) &
timeout 20 "$BS" ingest -q --db b.db p2 >/dev/null 2>err.txt
expect "named pipe, writer 2 s later" b.db 2 $? 0
wait

cat rec.ris | timeout 20 "$BS" ingest -q --db c.db /dev/stdin >/dev/null 2>err.txt
expect "/dev/stdin from a pipe" c.db 2 $? 0
timeout 20 "$BS" ingest -q --db d.db /dev/stdin < rec.ris >/dev/null 2>err.txt
expect "/dev/stdin from a file" d.db 2 $? 0
cat rec.ris | timeout 20 "$BS" ingest -q --db e.db - >/dev/null 2>err.txt
expect "- from a pipe" e.db 2 $? 0
timeout 20 "$BS" ingest -q --db f.db - < rec.ris >/dev/null 2>err.txt
expect "- from a file" f.db 2 $? 0
gzip -c rec.bib | timeout 20 "$BS" ingest -q --db g.db - >/dev/null 2>err.txt
expect "gzip BibTeX from a pipe" g.db 2 $? 0
y=$(sqlite3 g.db "SELECT year FROM papers WHERE title = 'Crossref Child'")
[ "$y" = 2019 ] || { echo "FAIL crossref year through a pipe: '$y'"; fail=1; }

# a directory walk skips what is not a regular file: never blocks on it
mkdir dir
cp rec.ris dir/
mkfifo dir/fifo
timeout 20 "$BS" ingest --db h.db dir >/dev/null 2>err.txt
expect "directory holding a named pipe" h.db 2 $? 0
grep -q "skipped: dir/fifo: not a regular file (a named pipe, device or socket): not read" err.txt &&
	echo "ok   the walk says it skipped the named pipe" ||
	{ echo "FAIL the walk skipped the named pipe silently: $(cat err.txt)"; fail=1; }

# no writer ever: bibscope waits, as reading a pipe does, and says so
# (after a second; 5 s leave room for a slow start under sanitizers)
mkfifo p3
timeout 5 "$BS" ingest --db i.db p3 >/dev/null 2>err.txt
rc=$?
[ $rc = 124 ] || { echo "FAIL named pipe without a writer: exit $rc, want the timeout's 124"; fail=1; }
grep -q "waiting for data on p3" err.txt && echo "ok   notice for a named pipe without a writer" ||
	{ echo "FAIL no notice for a named pipe without a writer"; fail=1; }

exit $fail
