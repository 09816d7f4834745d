run "$BS" authors --top abc
run "$BS" authors --years 2023-2021
run "$BS" authors --db missing.db
run "$BS" authors --db t.db --top 5
run "$BS" authors --db t.db --top 5 --count fractional
run "$BS" authors --db t.db --top 3 --venue NIPS --years 2022-2023 --format csv
run "$BS" authors --db t.db --top 2 --format json
BIBSCOPE_DB=t.db run "$BS" authors --top 2 --format tsv
run "$BS" authors --db t.db --venue "x' OR 1=1; --"
cli_formula_bib
quiet "$BS" ingest -q --db fg.db formula.bib
run "$BS" authors --db fg.db --format csv --no-formula-guard --top 1
cli_graph_runs
run "$BS" authors --db t.db --by betweenness --top 5
run "$BS" authors --db t.db --by pagerank --top 3 --format csv
run "$BS" authors --db t.db --by closeness
# an unknown venue: exit 1 and the nearest spellings, in every command
# that takes --venue (regression: authors, topics and plot printed an
# empty result and exited 0); a known venue matching nothing else is
# an empty listing, exit 0
run "$BS" authors --db t.db --venue nipz
run "$BS" authors --db t.db --venue nipz --by pagerank
run "$BS" authors --db t.db --venue nipz --ambiguous
run "$BS" authors --db t.db --venue "no such venue at all"
run "$BS" authors --db t.db --venue "..."
run "$BS" authors --db t.db --venue NeurIPS --years 1990
run "$BS" authors --db t.db --ambiguous
