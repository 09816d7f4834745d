#!/bin/sh
# The other formats on ../shared/corpus: record counts from the corpus
# README, and cross-source dedup (issue 6).  Skipped when absent.
# usage: readers_corpus_test.sh BIBSCOPE SHARED_DIR
set -u
BS=$1
C="$2/corpus"
[ -d "$C/ris" ] || { echo "SKIP: $C not present"; exit 77; }
WORK=$(mktemp -d /tmp/bs_readers.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
check() {
	if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: expected '$2', got '$3'"; fail=1; fi
}
read_count() {   # read_count DB PATH...: records read
	db=$1; shift
	"$BS" ingest -q --db "$db" "$@" | sed -n 's/.*s: \([0-9]*\) records read.*/\1/p'
}
check "ris/ieee-example.ris records (mixed CR/LF/CRLF)" 25 "$(read_count "$WORK/r.db" "$C/ris/ieee-example.ris")"
check "wos/*.txt records" 4071 "$(read_count "$WORK/w.db" "$C/wos")"
check "scopus/*.csv records" 66 "$(read_count "$WORK/s.db" "$C/scopus")"
check "csl-json/*.json.gz records" 24345 "$(read_count "$WORK/c.db" "$C/csl-json")"
check "bibtex/dblp-ai-venues-2016.bib.gz entries" 86164 "$(read_count "$WORK/b.db" "$C/bibtex/dblp-ai-venues-2016.bib.gz")"
check "DBLP homonym suffix hidden in the name, kept in the key" "Richard Roberts|richard roberts 0001" \
	"$(sqlite3 "$WORK/b.db" "SELECT name || '|' || key FROM authors WHERE key = 'richard roberts 0001'")"
"$BS" ingest -q --db "$WORK/i.db" "$C/bibtex/iridia" > /dev/null
check "iridia articles (all files loaded together)" 1509 \
	"$(sqlite3 "$WORK/i.db" "SELECT COUNT(*) FROM paper_sources s JOIN ingest_files f ON f.id = s.file_id WHERE f.path LIKE '%articles.bib'")"
check "iridia articles without a year (crossref fills them)" 0 \
	"$(sqlite3 "$WORK/i.db" "SELECT COUNT(*) FROM paper_sources s JOIN ingest_files f ON f.id = s.file_id JOIN papers p ON p.id = s.paper_id WHERE f.path LIKE '%articles.bib' AND p.year IS NULL")"
# the whole RIS folder: every file but the WoS plain-text one is RIS
out=$("$BS" ingest --db "$WORK/r2.db" "$C/ris" 2>&1)
check "ris/ folder: files read" "ingested 15 files" "$(echo "$out" | grep -o 'ingested [0-9]* files')"
# the same ICLR 2021 papers from the paper list and from CSL-JSON: a union,
# not a sum, and the merge keeps the abstracts
if [ -d "$C/paperlists/ICLR/2021" ]; then
	"$BS" ingest -q --db "$WORK/u.db" "$C/paperlists/ICLR/2021" > /dev/null
	"$BS" ingest -q --db "$WORK/u.db" "$C/csl-json/iclr-2021.json.gz" > /dev/null
	n=$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM papers")
	if [ "$n" -le 862 ]; then echo "ok   ICLR 2021 paper list + CSL-JSON: $n papers (860 + 860 records)"; else
		echo "FAIL ICLR 2021 union: $n papers"; fail=1; fi
	check "ICLR 2021 union: papers without abstract" 0 \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM papers WHERE abstract IS NULL OR abstract = ''")"
	check "ICLR 2021 union: every merged paper has both sources" \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM paper_sources WHERE format = 'csljson' AND match != 'new'")" \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM (SELECT paper_id FROM paper_sources GROUP BY paper_id HAVING COUNT(DISTINCT format) = 2)")"
fi
exit $fail
