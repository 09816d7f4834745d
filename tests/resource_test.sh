#!/bin/sh
# Resource bounds: a 100 MB single record and a paper with 100,000
# authors end in bounded time and memory, with truncation warnings naming
# file and line, and nothing silently lost: the abstract keeps its first
# 64 MiB, every author is stored, and the analytics run on the result.
# Then hostile input for every reader, made on the fly (a few MB of gzip
# each): a 72 MB field in Scopus, RIS and WoS files is cut at 64 MiB with
# a warning naming file, line and field, the records after it are read,
# and peak memory stays well below what the field would take whole; a
# BibTeX macro that doubles 40 times is cut, naming the macro.
# (10^6 nested BibTeX braces are covered in tests/test_bibtex.c.)
# usage: resource_test.sh BIBSCOPE
set -u
BS=$1
WORK=$(mktemp -d /tmp/bs_res.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
check() {
	if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: expected '$2', got '$3'"; fail=1; fi
}
F=$WORK/huge.md
{
	printf '## [1] Huge Abstract Paper\n\n**Authors**: *Ann Example, Bob Roe*\n\n'
	printf '**Conference**: *nips 2022*\n\n**URL**: [https://x.org/1](https://x.org/1)\n\n**Abstract**:\n\n'
	yes 'lorem ipsum dolor sit amet' | head -c 104857600 | tr '\n' ' '
	printf '\n\n----\n\n## [2] Many Authors\n\n**Authors**: *'
	seq 1 100000 | sed 's/^/Author Number/' | paste -sd, - | sed 's/,/, /g' | tr -d '\n'
	printf '*\n\n**Conference**: *nips 2022*\n\n**URL**: [https://x.org/2](https://x.org/2)\n\n**Abstract**:\n\nshort.\n\n----\n'
} > "$F"
"$BS" ingest --db "$WORK/h.db" "$F" > "$WORK/out" 2> "$WORK/err"
check "ingest exit status" 0 "$?"
check "records stored" "2 records read, 2 new" "$(grep -o '[0-9]* records read, [0-9]* new' "$WORK/out")"
check "truncation warning names file and line" 1 "$(grep -c "huge.md:11: warning: abstract longer than 64 MiB truncated" "$WORK/err")"
check "abstract keeps its first 64 MiB (less trailing space)" 1 \
	"$(sqlite3 "$WORK/h.db" "SELECT length(abstract) BETWEEN 67108000 AND 67108864 FROM papers WHERE title LIKE 'Huge%'")"
check "100,000 authors stored" "100000|100000" \
	"$(sqlite3 "$WORK/h.db" "SELECT n_authors FROM papers WHERE title = 'Many Authors'; SELECT COUNT(*) FROM authorship a JOIN papers p ON p.id = a.paper_id WHERE p.title = 'Many Authors'" | paste -sd'|' -)"
"$BS" graph --db "$WORK/h.db" > "$WORK/g" 2>&1
check "graph on it (the 100k-author paper adds no edges)" 0 "$?"
"$BS" topics --db "$WORK/h.db" --top 3 > "$WORK/t" 2>&1
check "keyword tables on it" 0 "$?"

# Peak memory (KB) of a command, into $WORK/rss; no limit when /usr/bin/time
# is missing.  Under AddressSanitizer (shadow memory, quarantine) allow more.
LIMIT=600000
if ldd "$BS" 2>/dev/null | grep -q libasan; then LIMIT=1500000; fi
peak() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o "$WORK/rss" "$@"
	else
		"$@"; r=$?; echo 0 > "$WORK/rss"; return $r
	fi
}
check_rss() {
	kb=$(tail -1 "$WORK/rss")
	if [ "$kb" -lt "$LIMIT" ]; then echo "ok   $1: peak $kb KB < $LIMIT KB"
	else echo "FAIL $1: peak $kb KB, limit $LIMIT KB"; fail=1; fi
}
BIG=75000000   # bytes of the huge field: more than 64 MiB (67108864)
big() { head -c $BIG /dev/zero | tr '\0' 'a'; }

# Scopus: libcsv holds a field whole until it ends; it must not hold more
# than the cap (a 3 GB field took 12 GB and the abstract was dropped)
{
	printf 'Authors,Title,Year,Source title,Abstract,EID\n'
	printf '"Doe J.","Huge","2020","V","'
	big
	printf '\n ""q"" end"  ,"e1"\r\n"Roe J.","After","2021","V","short","e2"\r\n'
} | gzip -1 > "$WORK/s.csv.gz"
peak "$BS" ingest --db "$WORK/s.db" "$WORK/s.csv.gz" > "$WORK/out" 2> "$WORK/err"
check "scopus: ingest exit status" 0 "$?"
check_rss "scopus: 72 MB abstract"
check "scopus: warning names file, line and field" 1 \
	"$(grep -c "s.csv.gz:2: warning: field 'Abstract' longer than 64 MiB: cut" "$WORK/err")"
check "scopus: abstract cut to 64 MiB, the rows after it read" "Huge|2020|67108864|After|2021|5" \
	"$(sqlite3 "$WORK/s.db" "SELECT title, year, length(abstract) FROM papers ORDER BY year" | paste -sd'|' -)"
head -c 100000000 /dev/zero | gzip -1 > "$WORK/zeros.gz"
peak "$BS" ingest --format scopus --db "$WORK/z.db" "$WORK/zeros.gz" > "$WORK/out" 2> "$WORK/err"
check "scopus: 100 MB of zeros fails (no Title column)" "1 1" \
	"$? $(grep -c 'zeros.gz:1: no "Title" column' "$WORK/err")"
check_rss "scopus: 100 MB of zeros"

# RIS: a 72 MB line, and a value continued over lines to more than 64 MiB
{
	printf 'TY  - JOUR\nTI  - Long Line\nAB  - '
	big
	printf '\nPY  - 2020\nER  - \nTY  - JOUR\nTI  - Long Value\nAB  - start\n'
	head -c 40000000 /dev/zero | tr '\0' 'b'; printf '\n'
	head -c 40000000 /dev/zero | tr '\0' 'c'; printf '\n'
	printf 'PY  - 2021\nER  - \n'
} | gzip -1 > "$WORK/r.ris.gz"
peak "$BS" ingest --db "$WORK/r.db" "$WORK/r.ris.gz" > "$WORK/out" 2> "$WORK/err"
check "ris: ingest exit status" 0 "$?"
check_rss "ris: 72 MB line, 80 MB value"
check "ris: warnings name file, line and tag" "1 1" \
	"$(grep -c "r.ris.gz:3: warning: line longer than 64 MiB ('AB' value): cut" "$WORK/err") $(grep -c "r.ris.gz:10: warning: 'AB' value longer than 64 MiB: cut" "$WORK/err")"
check "ris: both abstracts cut to about 64 MiB, years kept" "Long Line|2020|1|Long Value|2021|1" \
	"$(sqlite3 "$WORK/r.db" "SELECT title, year, length(abstract) BETWEEN 67108000 AND 67108864 FROM papers ORDER BY year" | paste -sd'|' -)"

# WoS: one record per line; the cut names the column where it falls
{
	printf 'PT\tAU\tAF\tTI\tSO\tAB\tPY\tUT\n'
	printf 'J\tDoe, J\tDoe, Jane\tHuge\tV\t'; big; printf '\t2020\tWOS:1\r\n'
	printf 'J\tRoe, J\tRoe, Jim\tAfter\tV\tshort\t2021\tWOS:2\r\n'
} | gzip -1 > "$WORK/w.txt.gz"
peak "$BS" ingest --format wos --db "$WORK/w.db" "$WORK/w.txt.gz" > "$WORK/out" 2> "$WORK/err"
check "wos: ingest exit status" 0 "$?"
check_rss "wos: 72 MB abstract"
check "wos: warning names file, line and column" 1 \
	"$(grep -c "w.txt.gz:2: warning: record longer than 64 MiB: cut in column 6 ('AB')" "$WORK/err")"
check "wos: the record after it read" "After|2021" \
	"$(sqlite3 "$WORK/w.db" "SELECT title, year FROM papers WHERE year = 2021")"

# BibTeX: m1 = m0 # m0 ... m40 = m39 # m39 would be 2^41 bytes (a 1 KB file
# took 23.7 GB); the run's expansion budget cuts it, naming the macro.  A
# 72 MB value is cut at 64 MiB (it used to cost the entry)
{
	printf '@string{m0 = "xx"}\n'
	i=1
	while [ $i -le 40 ]; do printf '@string{m%d = m%d # m%d}\n' $i $((i - 1)) $((i - 1)); i=$((i + 1)); done
	printf '@article{a, title = {Bomb } # m40, author = {Ann Example}, year = 2000}\n'
	printf '@article{b, title = {After the bomb}, author = {Bob Roe}, year = 2001,\n abstract = {'
	big
	printf '}}\n@article{c, title = {Last}, author = {Cy Dee}, year = 2002}\n'
} | gzip -1 > "$WORK/bomb.bib.gz"
peak "$BS" ingest --db "$WORK/b.db" "$WORK/bomb.bib.gz" > "$WORK/out" 2> "$WORK/err"
check "bibtex bomb: ingest exit status" 0 "$?"
check_rss "bibtex bomb"
check "bibtex bomb: warning names file, line and macro" 1 \
	"$(grep -c "bomb.bib.gz:26: warning: @string 'm25': macro 'm24' cut" "$WORK/err")"
check "bibtex: long value cut with a warning" 1 \
	"$(grep -c "bomb.bib.gz:44: warning: entry 'b', field 'abstract': longer than 64 MiB: cut" "$WORK/err")"
check "bibtex: every entry stored, the abstract cut" "Bomb|0|After the bomb|1|Last|0" \
	"$(sqlite3 "$WORK/b.db" "SELECT title, coalesce(length(abstract), 0) BETWEEN 67108000 AND 67108864 FROM papers ORDER BY year" | paste -sd'|' -)"
exit $fail
