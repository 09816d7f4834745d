#!/bin/sh
# Data integrity under concurrency, reruns, faults and foreign files.
# Each check names the promise it holds (docs/dev/reliability.md):
#   1. two ingests at once end as if run one after the other (an ingest
#      stopped between two of its files while another one writes);
#      a second writer waits, says so, and does not time out
#   2. ingesting a file again adds nothing, also for records that have
#      no DOI, no URL, and no title or neither authors nor a venue
#   3. an analysis that an ingest overtakes stores the data version it
#      read, so its results are stale, not current
#   4. a new database whose build hit write errors is never published
#   5. commands other than ingest refuse a database that is not
#      bibscope's and leave it byte for byte unchanged
# usage: integrity_test.sh BIBSCOPE [TRIALS]
set -u
BS=$1
TRIALS=${2:-2}
WORK=$(mktemp -d /tmp/bs_integrity.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
fails=0
# LeakSanitizer cannot stop a process that strace already traces
NOLEAK="${ASAN_OPTIONS:-}:detect_leaks=0"
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
papers() { sqlite3 "$1" "SELECT count(*) FROM papers"; }

# records without DOIs: matched by title + year + first author
mkdir A B
i=0
while [ $i -lt 120 ]; do
	f=$(printf 'f%02d.md' $i)
	j=0
	: > "A/$f"
	while [ $j -lt 10 ]; do
		n=$((i * 10 + j))
		printf '## [%d] A study of widget %d\n\n**Authors**: *Alice Smith, Bob Jones%d*\n\n**Conference**: *nips 2022*\n\n----\n\n' \
			"$n" "$n" $((n % 7)) >> "A/$f"
		j=$((j + 1))
	done
	cp "A/$f" "B/$f"
	i=$((i + 1))
done

# 1. concurrent ingests.  The first ingest is held for 2 s right after it
# commits its third file (strace delays the write of its third "file
# committed" trace line: outside any transaction, its dedup keys loaded);
# the second one starts meanwhile.
"$BS" ingest -q --db seq.db A > /dev/null && "$BS" ingest -q --db seq.db B > /dev/null
want=$(papers seq.db)
if command -v strace > /dev/null; then
	"$BS" ingest -q --db c0.db A/f00.md > /dev/null
	cp c0.db c.db
	BIBSCOPE_TRACE=1 "$BS" ingest -q --db c.db A > /dev/null 2> trace.txt
	K=$(grep -n "file committed" trace.txt | sed -n 3p | cut -d: -f1)
	t=1
	while [ $t -le "$TRIALS" ]; do
		rm -f c.db*
		cp c0.db c.db
		BIBSCOPE_TRACE=1 ASAN_OPTIONS=$NOLEAK strace -f -o /dev/null -e trace=write -e inject=write:delay_exit=2000000:when=$K \
			"$BS" ingest -q --db c.db A > /dev/null 2> a.out &
		pa=$!
		sleep 0.5
		"$BS" ingest --db c.db B > b.out 2>&1 &
		pb=$!
		sleep 0.5
		if kill -0 $pb 2>/dev/null; then waited=1; else waited=0; fi
		wait $pa; ra=$?
		wait $pb; rb=$?
		got=$(papers c.db)
		if [ $ra = 0 ] && [ $rb = 0 ] && [ "$got" = "$want" ]; then
			ok "concurrent ingests, trial $t: both exit 0, $got papers as one after the other"
		else
			bad "concurrent ingests, trial $t: exits $ra $rb, $got papers, $want one after the other"
		fi
		if [ $waited = 1 ] && grep -q "waiting for another bibscope process (pid [0-9]*) to finish writing c.db" b.out; then
			ok "the second ingest waited for the first and said so"
		else
			bad "the second ingest did not wait for the first"
		fi
		t=$((t + 1))
	done
else
	echo "note: strace not installed: concurrent ingests not tested"
fi
# two builds of one new database at once: both succeed, nothing lost
rm -f n.db*
"$BS" ingest -q --db n.db A > /dev/null 2> n1.err &
p1=$!
"$BS" ingest -q --db n.db B > /dev/null 2> n2.err
r2=$?
wait $p1; r1=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && [ "$(papers n.db)" = "$want" ] &&
	ok "two ingests creating one new database: both exit 0, $(papers n.db) papers" ||
	bad "two ingests creating one new database: exits $r1 $r2, $(papers n.db) papers, want $want"
[ -z "$(ls n.db.bulk-* n.db-lock 2>/dev/null)" ] && ok "no build or lock file left" || bad "left: $(ls n.db.*)"

# 2. reruns add nothing, keyless records included
cat > keyless.ris <<'EOF'
TY  - JOUR
AU  - Doe, Jane
PY  - 2020
ER  - 

TY  - JOUR
AU  - Doe, Jane
PY  - 2020
ER  - 

TY  - JOUR
TI  - A title with no authors and no venue
PY  - 2019
ER  - 

TY  - JOUR
AU  - Roe, Richard
JO  - Journal of Things
ER  - 
EOF
cp keyless.ris copy.ris
"$BS" ingest -q --db k.db keyless.ris > /dev/null
first=$(papers k.db)
"$BS" ingest -q --db k.db keyless.ris > /dev/null
"$BS" ingest -q --db k.db "$WORK/keyless.ris" > /dev/null
[ "$first" = 4 ] && [ "$(papers k.db)" = 4 ] &&
	ok "keyless records: 4 papers (two identical entries of a file stay two), still 4 after two reruns" ||
	bad "keyless records: $first papers, then $(papers k.db) after reruns (want 4, 4)"
n=$(sqlite3 k.db "SELECT count(*) FROM authorship s JOIN authors a ON a.id = s.author_id WHERE a.name = 'Jane Doe'")
[ "$n" = 2 ] && ok "Jane Doe has 2 papers after three ingests" || bad "Jane Doe has $n papers (want 2)"
"$BS" ingest -q --db k.db copy.ris > /dev/null
[ "$(papers k.db)" = 8 ] && ok "the same entries in another file are other papers" ||
	bad "another file's identical entries: $(papers k.db) papers (want 8)"

# 3. an analysis overtaken by an ingest stores the version it read
rm -f v.db*
"$BS" ingest -q --db v.db A > /dev/null
v0=$(sqlite3 v.db "SELECT max(id) FROM ingest_files")
BIBSCOPE_TRACE=1 "$BS" topics --db v.db --force > /dev/null 2> trace.txt &
pt=$!
k=0
until grep -q "terms: tokenized" trace.txt 2>/dev/null || [ $k -ge 1000 ]; do sleep 0.005; k=$((k + 1)); done
kill -STOP $pt
"$BS" ingest -q --db v.db B/f00.md "$WORK/keyless.ris" > /dev/null
kill -CONT $pt
wait $pt
v=$(sqlite3 v.db "SELECT data_version FROM runs WHERE kind = 'terms'")
[ "$v" = "$v0" ] && ok "terms computed before an ingest are stored with the version they read ($v0)" ||
	bad "terms stored with version $v; they read version $v0"
"$BS" topics --db v.db > /dev/null 2>&1
n=$(sqlite3 v.db "SELECT json_extract(summary, '$.papers') FROM runs WHERE kind = 'terms'")
[ "$n" = "$(papers v.db)" ] && ok "the next topics recomputes them ($n papers)" ||
	bad "the next topics serves terms of $n papers for $(papers v.db)"

# 4. write errors during a new database's build: nothing is published
if command -v strace > /dev/null; then
	# the number of writes a clean run makes; faults start half-way
	pwrites() { ASAN_OPTIONS=$NOLEAK strace -f -o st.txt -e trace=pwrite64 "$@" > /dev/null 2>&1; grep -c 'pwrite64(' st.txt; }
	rm -f f.db*
	half=$(( $(pwrites "$BS" ingest -q --db f.db A) / 2 ))
	rm -f f.db*
	ASAN_OPTIONS=$NOLEAK strace -f -o /dev/null -e trace=pwrite64 -e inject=pwrite64:error=ENOSPC:when=$half+ \
		"$BS" ingest -q --db f.db A > f.out 2>&1
	rc=$?
	[ $rc != 0 ] && [ ! -e f.db ] && [ -z "$(ls f.db.bulk-* 2>/dev/null)" ] &&
		ok "a build with write errors from write $half on exits $rc, publishes no database, leaves no build file" ||
		bad "a build with write errors: exit $rc, left $(ls f.db* 2>/dev/null | tr '\n' ' ')"
	# (a build commits its files in groups: the write that fails may be
	# a file's, named, or the group's at the end, after every file)
	[ "$(grep -c . f.out)" -le 3 ] && grep -q "f.db: not created: .*full.*nothing was stored" f.out &&
		{ ! grep -q "not stored" f.out || grep -q "A/f[0-9]*.md: not stored: f.db: database or disk is full" f.out; } &&
		ok "one clear message: $(tail -1 f.out)" || { bad "messages:"; head -5 f.out; }
	"$BS" ingest -q --db f.db A > /dev/null && [ "$(papers f.db)" = 1200 ] &&
		ok "the next ingest builds the database" || bad "the next ingest failed"
	# into an existing database: the first failing file stops the run
	cp f.db g.db
	half=$(( $(pwrites "$BS" ingest -q --db g.db B) / 2 ))
	ASAN_OPTIONS=$NOLEAK strace -f -o /dev/null -e trace=pwrite64 -e inject=pwrite64:error=ENOSPC:when=$half+ \
		"$BS" ingest -q --db f.db B > f2.out 2>&1
	rc=$?
	[ $rc != 0 ] && [ "$(grep -c "error" f2.out)" = 1 ] && grep -q "error: B/f[0-9]*.md: not stored: f.db: " f2.out &&
		grep -q "stopped: the database cannot be written; [0-9]* more files not read" f2.out &&
		ok "a full disk into an existing database: exit $rc, one error naming the file, the run stops" ||
		{ bad "a full disk into an existing database: exit $rc"; head -5 f2.out; }
	[ "$(sqlite3 f.db "PRAGMA integrity_check")" = ok ] && ok "the database is intact" || bad "integrity_check failed"
	"$BS" ingest -q --db f.db B > /dev/null && [ "$(papers f.db)" = 1200 ] &&
		ok "a rerun completes it" || bad "a rerun: $(papers f.db) papers"
else
	echo "note: strace not installed: fault injection skipped"
fi

# 5. a database that is not bibscope's
sqlite3 other.sqlite "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES('keep me');"
sum0=$(sha256sum other.sqlite)
for c in stats authors "author X" graph communities topics "trends x" themes venues analyze \
	 "export graph --format csv -o out.csv" "report -o rep" "plot papers-per-year -o p.png" "ingest keyless.ris"; do
	# shellcheck disable=SC2086
	"$BS" $c --db other.sqlite > o.out 2>&1 && bad "$c accepted another program's database"
	grep -q "not a bibscope database" o.out || { bad "$c: $(head -1 o.out)"; }
done
[ "$(sha256sum other.sqlite)" = "$sum0" ] && [ ! -e other.sqlite-wal ] &&
	[ "$(sqlite3 other.sqlite "PRAGMA journal_mode")" = delete ] &&
	ok "every command refused other.sqlite, unchanged (same bytes, journal mode, no WAL)" ||
	bad "other.sqlite was changed"
: > empty.db
"$BS" stats --db empty.db > o.out 2>&1
[ $? = 1 ] && grep -q "no bibscope data" o.out && [ ! -s empty.db ] &&
	ok "stats on an empty file: '$(head -1 o.out)', file untouched" || bad "stats on an empty file: $(cat o.out)"
"$BS" ingest -q --db empty.db keyless.ris > /dev/null && [ "$(papers empty.db)" = 4 ] &&
	ok "ingest makes an empty file a database" || bad "ingest into an empty file failed"

# 6. a one-paper database: every chart that has too little data says so,
# and the report frees what it built (LeakSanitizer in the ASan suite)
printf '## [1] One paper\n\n**Authors**: *Ann Author*\n\n**Conference**: *x 2020*\n\n----\n' > one.md
"$BS" ingest -q --db one.db one.md > /dev/null 2>&1
"$BS" report --db one.db -o onerep > one.out 2>&1 && [ -s onerep/report.pdf ] &&
	ok "a report of one paper" || { bad "a report of one paper: exit $?"; tail -5 one.out; }

[ $fails = 0 ] || { echo "$fails checks failed"; exit 1; }
