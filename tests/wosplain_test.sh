#!/bin/sh
# One record in both Web of Science exports (tests/fixtures/wos-one.txt,
# tab-delimited as exported; wos-one.isi, the same record written by hand
# in the plain-text layout: wrapped TI, DE and WC, one AU/AF/C1/CR/RI item
# a line): the readers must yield the same record (its line aside), and an
# ingest of each the same rows in every table the rich record fills.
# usage: wosplain_test.sh BIBSCOPE RECDUMP SOURCE_ROOT
set -u
BS=$1
RECDUMP=$2
SRC=$3
. "$SRC/tests/lib.sh"
WORK=$(mktemp -d /tmp/bs_wosone.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
TAB="$SRC/tests/fixtures/wos-one.txt"
PLAIN="$SRC/tests/fixtures/wos-one.isi"

"$RECDUMP" "$TAB" > "$WORK/tab.jsonl" 2> "$WORK/tab.err" || fail=1
"$RECDUMP" "$PLAIN" > "$WORK/plain.jsonl" 2> "$WORK/plain.err" || fail=1
check "tab record line" '"line":2' "$(grep -o '"line":[0-9]*' "$WORK/tab.jsonl")"
check "plain record line (its PT line)" '"line":3' "$(grep -o '"line":[0-9]*' "$WORK/plain.jsonl")"
check "one record each" "1 1" "$(wc -l < "$WORK/tab.jsonl" | tr -d ' ') $(wc -l < "$WORK/plain.jsonl" | tr -d ' ')"
check "no warnings" "" "$(cat "$WORK/tab.err" "$WORK/plain.err")"
sed 's/"line":[0-9]*//' "$WORK/tab.jsonl" > "$WORK/tab.rec"
sed 's/"line":[0-9]*//' "$WORK/plain.jsonl" > "$WORK/plain.rec"
if cmp -s "$WORK/tab.rec" "$WORK/plain.rec"; then
	echo "ok   recdump: same record from both exports"
else
	echo "FAIL recdump: the records differ"; diff "$WORK/tab.rec" "$WORK/plain.rec"; fail=1
fi
gzip -c "$PLAIN" > "$WORK/wos-one.isi.gz"
"$RECDUMP" "$WORK/wos-one.isi.gz" 2>&1 | sed 's/"line":[0-9]*//' > "$WORK/gz.rec"
check "gzipped: the same record" "$(cat "$WORK/plain.rec")" "$(cat "$WORK/gz.rec")"
for kind in refs keywords index_keywords ids affils; do
	check "the record has $kind" 1 "$(grep -c "\"$kind\":\[{*\"" "$WORK/plain.jsonl")"
done

"$BS" ingest -q --db "$WORK/tab.db" "$TAB" > /dev/null || fail=1
"$BS" ingest -q --db "$WORK/plain.db" "$PLAIN" > /dev/null || fail=1
# every column but the ids the store assigns (one paper in each store)
for q in \
	"SELECT title, title_key, year, doi, url, url_key, abstract, n_authors, content_key, volume, issue, pages,
		doc_type, language, times_cited, cited_source, cited_as_of FROM papers" \
	"SELECT name FROM venues" \
	"SELECT position, name FROM authorship ORDER BY position" \
	"SELECT kind, key, keyword, position FROM paper_keywords ORDER BY kind, position" \
	"SELECT position, raw, first_author, year, source, volume, page, doi, ref_key FROM paper_refs ORDER BY position" \
	"SELECT position, seq, address, institution, country FROM affiliations ORDER BY seq, position" \
	"SELECT position, scheme, value FROM author_ids ORDER BY position, scheme, value" \
	"SELECT scheme, value FROM paper_ids ORDER BY scheme, value" \
	"SELECT record_key FROM paper_sources"; do
	t=$(sqlite3 "$WORK/tab.db" "$q")
	p=$(sqlite3 "$WORK/plain.db" "$q")
	what=$(echo "$q" | sed -n 's/.* FROM \([a-z_]*\).*/\1/p')
	check "$what rows equal ($(echo "$t" | grep -c .) rows)" "$t" "$p"
done
check "papers with the rich fields" 1 \
	"$(sqlite3 "$WORK/plain.db" "SELECT COUNT(*) FROM papers WHERE times_cited = 65 AND doc_type = 'Article' AND cited_as_of = '2026-04-02'")"
exit $fail
