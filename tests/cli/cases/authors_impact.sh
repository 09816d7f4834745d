# authors by citation metrics over invented Web of Science records
# (tests/fixtures/wos-impact.txt): John Smith's papers are cited 40, 25,
# 10, 2 and 0 times (h 3, g 5, m 3 / (2022 - 2018 + 1) = 0.6)
quiet "$BS" ingest -q --db w.db "$SRC/tests/fixtures/wos-impact.txt"
run "$BS" authors --db w.db --by h-index
run "$BS" authors --db w.db --by citations --format csv
run "$BS" authors --db w.db --by g-index --top 2 --format json
run "$BS" authors --db w.db --by m-index --years 2019-
run "$BS" authors --db w.db --by h-index --by papers --top 2
run "$BS" authors --db t.db --by h-index --top 2
