# institutions of a hand-written Web of Science file (tests/fixtures/wos-countries.txt):
# "TSINGHUA UNIV" and "Tsinghua Univ" are one institution, shown as the more used
# spelling; two authors at one address count the paper once
quiet "$BS" ingest -q --db w.db "$SRC/tests/fixtures/wos-countries.txt"
run "$BS" institutions --db w.db
run "$BS" institutions --db w.db --country USA --format csv
run "$BS" institutions --db w.db --country "united kingdom" --top 1
run "$BS" institutions --db w.db --years 2023 --format json
run "$BS" institutions --db w.db --country Narnia
run "$BS" institutions --db w.db --country ""
