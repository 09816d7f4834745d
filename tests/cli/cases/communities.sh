cli_graph_runs
run "$BS" communities --db t.db
run "$BS" communities --db t.db --algorithm lpa --seed 7 --format csv
run "$BS" communities --db t.db --algorithm louvain --resolution 0.5 --top 3
run "$BS" communities --db t.db --algorithm nope
# igraph's Leiden, the reference: same communities on the fixture
run "$BS" communities --db t.db --algorithm leiden-igraph --top 3
run "$BS" communities --db t.db --iterations 1 --top 3
run "$BS" communities --db t.db --iterations 0
# an unknown venue: exit 1 and the nearest spellings
run "$BS" communities --db t.db --venue nipz
