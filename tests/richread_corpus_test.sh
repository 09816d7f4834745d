#!/bin/sh
# The rich fields of the RIS, BibTeX and DBLP XML readers on ../shared/corpus,
# against independent counts over the raw files (richread_check.py,
# dblp_ids_check.py).  Skipped when the corpus is absent.
# usage: richread_corpus_test.sh RECDUMP BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
RD=$1
BS=$2
T="$3/tests"
C="$4/corpus"
[ -d "$C/ris" ] || { echo "SKIP: $C not present"; exit 77; }
WORK=$(mktemp -d /tmp/bs_richread.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
fail=0
check() {
	if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: expected '$2', got '$3'"; fail=1; fi
}
# dump FILE...: every record the readers yield, JSON lines
dump() {
	for f in "$@"; do "$RD" "$f" 2>/dev/null; done
}
sum_list() {   # sum_list FIELD: records with the list, and its entries
	python3 -c "import sys, json
r = [json.loads(l).get('$1', []) for l in sys.stdin]
print(sum(1 for x in r if x), sum(len(x) for x in r))"
}

# RIS: each KW line one author keyword
for f in "$C"/ris/*.ris; do
	head -c 400 "$f" | grep -q 'TY  -' && echo "$f"
done > "$WORK/ris.list"
check "ris/*.ris KW keywords" "$(xargs python3 "$T/richread_check.py" ris < "$WORK/ris.list")" \
	"$(xargs sh -c 'for f; do "$0" "$f" 2>/dev/null; done' "$RD" < "$WORK/ris.list" | sum_list keywords | cut -d' ' -f2)"

# BibTeX: iridia's keywords fields (the files that have them)
set -- "$C/bibtex/iridia/articles.bib" "$C/bibtex/iridia/biblio.bib" "$C/bibtex/iridia/crossref.bib"
check "iridia keywords (entries, keywords)" "$(python3 "$T/richread_check.py" bibkw "$@")" \
	"$(dump "$@" | sum_list keywords)"

# BibTeX: arXiv e-prints (archivePrefix or eprinttype) in the edge cases
E="$C/bibtex/edge-cases"
set -- "$E/better-bibtex/Unabbreviate_on_import_1436-1.bib" "$E/better-bibtex/Unabbreviate_on_import_1436-2.bib" \
	"$E/better-bibtex/Unabbreviate_on_import_1436-3.bib" "$E/others/orcid-orcid-arXiv.bib" \
	"$E/biblatex/biblatex-examples.bib"
check "edge-cases arXiv ids" "$(python3 "$T/richread_check.py" arxiv "$@")" \
	"$(dump "$@" | python3 -c "import sys, json
print(sum(1 for l in sys.stdin for i in json.loads(l).get('ids', []) if i['scheme'] == 'arxiv'))")"

# DBLP XML: <author orcid="..."> attributes
check "dblp-xml orcid attributes" "$(python3 "$T/richread_check.py" orcid "$C/dblp-xml/dblp-excerpt.xml")" \
	"$(dump "$C/dblp-xml/dblp-excerpt.xml" | python3 -c "import sys, json
print(sum(1 for l in sys.stdin for i in json.loads(l).get('ids', []) if i['scheme'] == 'orcid' and i['author'] >= 0))")"

# DBLP BibTeX: a person number ("Wei Wang 0001") is the author's 'dblp' id
B="$C/bibtex/dblp-ai-venues-2016.bib.gz"
"$BS" ingest -q --db "$WORK/d.db" "$B" > /dev/null
check "dblp-ai-venues-2016 author_ids 'dblp' rows" \
	"$(python3 "$T/dblp_ids_check.py" "$B" "$WORK/d.db" | cut -d' ' -f3)" \
	"$(sqlite3 "$WORK/d.db" "SELECT COUNT(*) FROM author_ids WHERE scheme = 'dblp'")"
exit $fail
