cli_graph_runs
cli_community_runs
cli_homonyms_bib
quiet "$BS" ingest -q --db hz.db homonyms.bib
# the keyword tables as author.sh leaves them (a profile builds them)
quiet "$BS" author --db hz.db "lei zhang 0006"
run "$BS" topics --db hz.db --author "Lei Zhang"
run "$BS" topics --db hz.db --author "Lei Zhang 0002" --top 3
# an unknown venue: exit 1 and the nearest spellings
run "$BS" topics --db t.db --venue CPVR
run "$BS" topics --db t.db --community 999
# topic analytics on the example
run "$BS" topics --db t.db --top 8
run "$BS" topics --db t.db --top 5 --kind phrases --years 2023 --format csv
run "$BS" topics --db t.db --top 5 --kind phrases --no-fragments
run "$BS" topics --db t.db --author "Grace Hopper" --rank tfidf --top 5
run "$BS" topics --db t.db --community 0 --rank lift --top 5
run "$BS" topics --db t.db --rank bogus
