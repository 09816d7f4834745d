#!/bin/sh
# The MEDLINE reader on the shared PubMed export: what the reader yields
# (recdump) and what the store keeps, against counts made by
# medline_check.py over the raw file.  Skipped when the corpus is absent.
# usage: medline_corpus_test.sh BIBSCOPE RECDUMP SRC_DIR SHARED_DIR
set -u
BS=$1
RECDUMP=$2
SRC=$3
F="$4/corpus/medline/medline_test.medline"
. "$SRC/tests/lib.sh"
need "$F"
WORK=$(mktemp -d /tmp/bs_medline.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

python3 "$SRC/tests/medline_check.py" "$F" > "$WORK/expect" || exit 1
"$RECDUMP" "$F" > "$WORK/recs.jsonl" 2> "$WORK/warn" || { cat "$WORK/warn"; exit 1; }
python3 - "$WORK/recs.jsonl" > "$WORK/got" <<'PYEOF' || exit 1
import collections, json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
years = collections.Counter(r['year'] for r in recs if 'year' in r)
ids = [i for r in recs for i in r.get('ids', [])]
print('records', len(recs))
print('with_doi', sum(1 for r in recs if r.get('doi')))
print('mesh_terms', sum(len(r.get('index_keywords', [])) for r in recs))
print('ot_terms', sum(len(r.get('keywords', [])) for r in recs))
print('distinct_fau', len({a for r in recs for a in r['authors']}))
print('ad_lines', sum(len(r.get('affils', [])) for r in recs))
print('pmc_ids', sum(1 for i in ids if i['scheme'] == 'pmcid'))
print('orcid_auids', sum(1 for i in ids if i['scheme'] == 'orcid' and i['author'] >= 0))
top = sorted(years.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print('top_years', ' '.join('%s:%d' % kv for kv in top))
PYEOF
expect() { sed -n "s/^$1 //p" "$WORK/expect"; }
got() { sed -n "s/^$1 //p" "$WORK/got"; }
for k in records with_doi mesh_terms ot_terms distinct_fau ad_lines pmc_ids orcid_auids top_years; do
	check "reader: $k" "$(expect $k)" "$(got $k)"
done
check "reader: no warnings on the PubMed export" 0 "$(wc -l < "$WORK/warn" | tr -d ' ')"
check "reader: sniffed as medline (every record has the PMID as key)" "$(expect records)" \
	"$(grep -c '"key":"[0-9]*"' "$WORK/recs.jsonl")"

"$BS" ingest -q --db "$WORK/m.db" "$F" > /dev/null || exit 1
q() { sqlite3 "$WORK/m.db" "$1"; }
check "store: papers" "$(expect records)" "$(q 'SELECT COUNT(*) FROM papers')"
check "store: papers with a DOI" "$(expect with_doi)" "$(q "SELECT COUNT(*) FROM papers WHERE doi <> ''")"
check "store: affiliations" "$(expect ad_lines)" "$(q 'SELECT COUNT(*) FROM affiliations')"
check "store: pmid ids" "$(expect records)" "$(q "SELECT COUNT(*) FROM paper_ids WHERE scheme = 'pmid'")"
check "store: indexed keywords" "$(expect mesh_terms)" "$(q "SELECT COUNT(*) FROM paper_keywords WHERE kind = 'indexed'")"
check "store: author keywords" "$(expect ot_terms)" "$(q "SELECT COUNT(*) FROM paper_keywords WHERE kind = 'author'")"
check "store: citation counts (MEDLINE has none)" 0 "$(q 'SELECT COUNT(*) FROM papers WHERE times_cited IS NOT NULL')"
check "store: top years" "$(expect top_years)" \
	"$(q 'SELECT year, COUNT(*) AS n FROM papers GROUP BY year ORDER BY n DESC, year LIMIT 3' | tr '|' ':' | tr '\n' ' ' | sed 's/ $//')"
exit $fail
