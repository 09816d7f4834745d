# document ages count from SOURCE_DATE_EPOCH's year (2026-01-01)
export SOURCE_DATE_EPOCH=1767225600
# t.db ingested a second time, as ingest.sh leaves it: "files ingested 2"
quiet "$BS" ingest --db t.db sample.md
run "$BS" stats --db t.db
run "$BS" stats --db t.db --format json
# papers without a venue: "(no venue)" in the table view, the empty
# string in CSV (regression: the table showed a blank first column)
printf '@misc{a, title={A Study of Things}, author={Ann Able and Bob Burr}, year={2021}}\n' > novenue.bib
run "$BS" ingest -q --db nv.db novenue.bib
run "$BS" stats --db nv.db
run "$BS" stats --db nv.db --format csv
# the summary as a CSV/TSV table of its own (measure,value)
run "$BS" stats --db nv.db --format csv --summary
run "$BS" stats --db t.db --format tsv --summary
# the formula guard: the same in CSV and TSV, off with --no-formula-guard
# (regression: TSV wrote the cell unguarded)
cli_formula_bib
run "$BS" ingest -q --db fg.db formula.bib
run "$BS" stats --db fg.db --format csv
run "$BS" stats --db fg.db --format tsv
run "$BS" stats --db fg.db --format tsv --no-formula-guard
# the main information of rich records: types, counts, keywords,
# references (tests/fixtures/maininfo-wos.txt; test_maininfo.c has the
# arithmetic of every measure)
cp "$SRC/tests/fixtures/maininfo-wos.txt" wos.txt
run "$BS" ingest -q --db w.db wos.txt
run "$BS" stats --db w.db --summary
run "$BS" stats --db w.db --years 2022 --format csv --summary
run "$BS" stats --db w.db --format json
