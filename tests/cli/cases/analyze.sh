run "$BS" ingest -q --db an.db sample.md
run "$BS" analyze --db an.db
run "$BS" analyze --db an.db
run "$BS" communities --db an.db --top 2
run "$BS" analyze --db an.db --format csv
run "$BS" ingest -q --db an1.db sample.md
BIBSCOPE_PARALLEL_MAX_PAPERS=1 run "$BS" analyze --db an1.db
# the power iterations waiting for Leiden (large graphs): same runs
run "$BS" ingest -q --db an2.db sample.md
BIBSCOPE_WCSR_AFTER_SIDE_ENDS=0 run "$BS" analyze --db an2.db
run "$BS" authors --db an2.db --by pagerank --top 3
run "$BS" analyze --db missing.db
# runs replaced (their stores turn foreign keys off and delete the old
# run's rows table by table, all at once when no other run has rows
# there): no row without its run, the other graph run (--samples 7)
# kept whole, foreign keys on again
for c in "graph --force" "communities --force" "graph --samples 7" "analyze --force" \
	 "themes --min-cooc 1 --terms 30" "themes --min-cooc 1 --terms 30 --force"; do
	"$BS" $c --db an.db >/dev/null 2>&1 || echo "failed: $c"
done
run sqlite3 an.db "PRAGMA foreign_key_check; SELECT kind, count(*) FROM runs GROUP BY kind; SELECT (SELECT count(*) FROM author_metrics) = 2 * (SELECT count(*) FROM authors), (SELECT count(DISTINCT run_id) FROM author_metrics), (SELECT count(*) FROM communities) = (SELECT count(*) FROM authors), (SELECT count(DISTINCT run_id) FROM community_summary)"
# author ids far apart (the graph build's sort + search path, not its
# dense table): the same graph as an.db's
run "$BS" ingest -q --db sparse.db sample.md
sqlite3 sparse.db "PRAGMA foreign_keys = OFF; UPDATE authorship SET author_id = author_id * 1000000007;
	UPDATE authors SET id = id * 1000000007;"
run "$BS" graph --db sparse.db
run "$BS" authors --db sparse.db --by pagerank --top 3
run "$BS" authors --db an.db --by pagerank --top 3
