# the references of invented Web of Science records (tests/fixtures/wos-impact.txt)
quiet "$BS" ingest -q --db w.db "$SRC/tests/fixtures/wos-impact.txt"
run "$BS" references --db w.db
run "$BS" references --db w.db --top 2 --format csv
run "$BS" references --db w.db --years 2021 --format json
run "$BS" references --db t.db
run "$BS" references --db w.db --top x
# OpenAlex references are work ids: W9000000002 is in the database, W9000000077 is not
quiet "$BS" ingest -q --db o.db "$SRC/tests/fixtures/openalex-two.json"
run "$BS" references --db o.db --format csv
