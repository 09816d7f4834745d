#!/bin/sh
# Topic analytics on ../shared/corpus/paperlists against an independent
# count (topics_corpus_check.py).  Skipped when the corpus is absent.
# usage: topics_corpus_test.sh BIBSCOPE SOURCE_DIR SHARED_DIR
set -u
BS=$1
SRC=$2
PL="$3/corpus/paperlists"
[ -d "$PL" ] || { echo "SKIP: $PL not present"; exit 77; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
WORK=$(mktemp -d /tmp/bs_topics.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/t.db
"$BS" ingest -q --db "$DB" "$PL" > /dev/null || exit 1
"$BS" trends --db "$DB" "diffusion models" "large language models" "reinforcement learning" \
	--format csv > "$WORK/trends.csv" || exit 1
"$BS" trends --db "$DB" --emerging --years 2021-2023 --top 10 --format csv > "$WORK/emerging.csv" || exit 1
"$PY" "$SRC/tests/topics_corpus_check.py" "$PL" "$WORK/trends.csv" "$WORK/emerging.csv" || exit 1
# the phrases the issue names are detected as terms
for p in "diffusion models" "large language models" "neural radiance fields" "graph neural networks"; do
	"$BS" trends --db "$DB" "$p" > /dev/null 2>&1 || { echo "FAIL phrase not detected: $p"; exit 1; }
	echo "ok   phrase detected: $p"
done
# synonyms rewrite before counting: nerf -> neural radiance fields
printf 'nerf\tneural radiance fields\nnerfs\tneural radiance fields\n' > "$WORK/syn.tsv"
before=$("$BS" trends --db "$DB" "neural radiance fields" --format csv | awk -F, 'NR > 1 {s += $3} END {print s}')
after=$("$BS" trends --db "$DB" --synonyms "$WORK/syn.tsv" "nerf" --format csv | awk -F, 'NR > 1 {s += $3} END {print s}')
if [ "$after" -gt "$before" ]; then
	echo "ok   synonyms: 'nerf' counts as neural radiance fields ($before -> $after papers)"
else
	echo "FAIL synonyms: $before -> $after"
	exit 1
fi
# a theme's papers are distinct papers: at most the corpus, and exactly the
# papers holding one of its terms (they were a sum over its terms: 85,401
# "papers" of 23,467 with --words)
"$BS" themes --db "$DB" --words > /dev/null 2>&1 || { echo "FAIL themes --words"; exit 1; }
n=$(sqlite3 "$DB" "SELECT count(*) FROM papers")
# one pass over the term lists: (theme, paper) pairs, counted per theme (a
# subquery per theme reads every list once per theme: minutes on a busy machine)
bad=$(sqlite3 "$DB" "WITH r AS (SELECT max(id) AS id FROM runs WHERE kind = 'themes'),
  tt AS (SELECT t.theme, t.term_id FROM theme_terms t, r WHERE t.run_id = r.id),
  tp AS (SELECT tt.theme, count(DISTINCT pt.paper_id) AS n FROM paper_terms pt
    JOIN tt ON tt.term_id = pt.term_id GROUP BY tt.theme)
  SELECT count(*) FROM theme_summary s, r LEFT JOIN tp ON tp.theme = s.theme
  WHERE s.run_id = r.id AND (s.papers > $n OR s.papers != coalesce(tp.n, 0))")
[ "$bad" = 0 ] && echo "ok   themes count distinct papers (at most $n, as the term lists say)" ||
	{ echo "FAIL $bad themes count papers other than their distinct papers"; exit 1; }
