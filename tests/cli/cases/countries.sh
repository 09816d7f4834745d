# countries of a hand-written Web of Science file (tests/fixtures/wos-countries.txt):
# paper 1 China+Japan, 2 China, 3 US+China+UK, 4 US (two addresses), 5 UK+Japan
# (two UK addresses), 6 no address
quiet "$BS" ingest -q --db w.db "$SRC/tests/fixtures/wos-countries.txt"
run "$BS" countries --db w.db
run "$BS" countries --db w.db --by citations --format csv
run "$BS" countries --db w.db --years 2022 --format json
run "$BS" countries --db w.db --venue "Invented Transactions on Radio" --format tsv
run "$BS" countries --db w.db --network
run "$BS" countries --db w.db --network --top 1 --format csv
# the sample paper list has no addresses
run "$BS" countries --db t.db
run "$BS" countries --db w.db --by papes
run "$BS" countries --db w.db --venue nosuchvenue
