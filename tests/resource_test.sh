#!/bin/sh
# Resource bounds (issue 8): a 100 MB single record and a paper with 100,000
# authors end in bounded time and memory, with truncation warnings naming
# file and line, and nothing silently lost: the abstract keeps its first
# 64 MiB, every author is stored, and the analytics run on the result.
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
exit $fail
