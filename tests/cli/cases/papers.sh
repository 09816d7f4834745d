# invented Web of Science records with times cited (TC) and cited
# references (CR): papers 1-3 are cited by later ones, by DOI or by first
# author, year, volume and page
quiet "$BS" ingest -q --db w.db "$SRC/tests/fixtures/wos-impact.txt"
run "$BS" papers --db w.db
run "$BS" papers --db w.db --by local-citations --top 3 --format csv
run "$BS" papers --db w.db --by year --years 2021- --format tsv
run "$BS" papers --db w.db --per-year
run "$BS" papers --db w.db --venue sensors --format json --top 1
run "$BS" papers --db w.db --by stars
run "$BS" papers --db w.db --venue nosuch
run "$BS" papers --db t.db --top 2
# invented OpenAlex works (tests/fixtures/openalex-two.json): W9000000001
# lists W9000000002 among its referenced works, an id, not a DOI
quiet "$BS" ingest -q --db o.db "$SRC/tests/fixtures/openalex-two.json"
# (title and local citations only: W9000000002's count is dated by the ingest)
openalex_local() { "$BS" papers --db o.db --by local-citations --format csv | cut -d, -f1,6; }
run openalex_local
