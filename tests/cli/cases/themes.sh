cli_graph_runs
cli_community_runs
cli_topic_runs
run "$BS" themes --db t.db --min-cooc 1 --terms 30
run "$BS" themes --db t.db --terms 2
