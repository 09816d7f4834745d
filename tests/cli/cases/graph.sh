# co-authorship graph analytics
run "$BS" graph --db t.db
run "$BS" graph --db t.db
run "$BS" graph --db t.db --weight fractional --format json --exact-limit 0 --samples 5
run "$BS" graph --db t.db --samples 5
run "$BS" graph --db t.db --exact --samples 5
# an unknown venue: exit 1 and the nearest spellings
run "$BS" graph --db t.db --venue nipz
cli_mixed_dir
quiet "$BS" ingest --db mixed.db mixed
run "$BS" graph --db mixed.db --venue nosuchvenue
