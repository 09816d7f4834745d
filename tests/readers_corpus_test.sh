#!/bin/sh
# The other formats on ../shared/corpus: record counts from the corpus
# README, and cross-source dedup.  Skipped when absent.
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
# DBLP XML: named entities come from the DTD beside the file; external
# entities that point elsewhere are never fetched, and entity expansion
# bombs are refused with an error naming the file.
check "dblp-xml/dblp-excerpt.xml records" 131 "$(read_count "$WORK/x.db" "$C/dblp-xml/dblp-excerpt.xml")"
check "DBLP XML: &uuml; from the DTD decoded in an author name" 0 \
	"$(sqlite3 "$WORK/x.db" "SELECT COUNT(*) FROM authors WHERE name LIKE '%&%'")"
check "DBLP XML: no undecoded entity in a title" 0 \
	"$(sqlite3 "$WORK/x.db" "SELECT COUNT(*) FROM papers WHERE title LIKE '%&%;%'")"
check "DBLP XML: DTD found through a relative path with .. (regression)" 131 \
	"$(cd "$C/dblp-xml" && read_count "$WORK/x2.db" ../dblp-xml/dblp-excerpt.xml)"
mkdir -p "$WORK/xxe"
cp "$C/dblp-xml/dblp.dtd" "$WORK/xxe/"
cat > "$WORK/xxe/xxe.xml" <<'XEOF'
<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE dblp [
<!ENTITY leak SYSTEM "file:///etc/passwd">
<!ENTITY net SYSTEM "http://127.0.0.1:9/x">
]>
<dblp>
<article key="journals/x/A1"><author>Ann Example</author><title>leak:&leak;&net;</title><year>2020</year><journal>X</journal></article>
</dblp>
XEOF
"$BS" ingest -q --db "$WORK/xxe.db" "$WORK/xxe/xxe.xml" > /dev/null 2>&1
check "DBLP XML: the record with external entities is kept, entities empty" "leak:" \
	"$(sqlite3 "$WORK/xxe.db" "SELECT title FROM papers")"
check "DBLP XML: external entities are not loaded (XXE)" "0" \
	"$(sqlite3 "$WORK/xxe.db" "SELECT COUNT(*) FROM papers WHERE title LIKE '%root%'")"
cat > "$WORK/xxe/bomb.xml" <<'XEOF'
<?xml version="1.0"?>
<!DOCTYPE dblp [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<dblp><article key="k"><author>A B</author><title>&g;</title><year>2020</year></article></dblp>
XEOF
"$BS" ingest -q --db "$WORK/bomb.db" "$WORK/xxe/bomb.xml" > "$WORK/bomb.out" 2>&1
rc=$?
check "DBLP XML: entity expansion bomb refused (exit 1)" 1 "$rc"
check "DBLP XML: bomb error names the file" 1 "$(grep -c 'bomb.xml' "$WORK/bomb.out" | head -1 | sed 's/^[1-9][0-9]*$/1/')"
# the whole RIS folder: every file is RIS but example_wos.ris, a WoS
# plain-text export (two records) read as one
out=$("$BS" ingest --db "$WORK/r2.db" "$C/ris" 2>&1)
check "ris/ folder: files read" "ingested 16 files" "$(echo "$out" | grep -o 'ingested [0-9]* files')"
check "ris/example_wos.ris: read as wos-plain" "wos-plain|2" \
	"$(sqlite3 "$WORK/r2.db" "SELECT s.format || '|' || COUNT(*) FROM paper_sources s JOIN ingest_files f ON f.id = s.file_id WHERE f.path LIKE '%example_wos.ris' GROUP BY s.format")"
# the same ICLR 2021 papers from the paper list and from CSL-JSON: a union,
# not a sum, and the merge keeps the abstracts
if [ -d "$C/paperlists/ICLR/2021" ]; then
	"$BS" ingest -q --db "$WORK/u.db" "$C/paperlists/ICLR/2021" > /dev/null
	"$BS" ingest -q --db "$WORK/u.db" "$C/csl-json/iclr-2021.json.gz" > /dev/null
	# every pair merges (regression: "$\ell_p$" and "ℓp" kept one apart)
	check "ICLR 2021 paper list + CSL-JSON (860 + 860 records): papers" 860 \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM papers")"
	check "ICLR 2021 union: papers without abstract" 0 \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM papers WHERE abstract IS NULL OR abstract = ''")"
	check "ICLR 2021 union: every merged paper has both sources" \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM paper_sources WHERE format = 'csljson' AND match != 'new'")" \
		"$(sqlite3 "$WORK/u.db" "SELECT COUNT(*) FROM (SELECT paper_id FROM paper_sources GROUP BY paper_id HAVING COUNT(DISTINCT format) = 2)")"
fi
exit $fail
