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
# the collaboration network in every export format
run "$BS" export countries --db w.db --format csv -o cn.csv
run cat cn.csv cn-nodes.csv
run "$BS" export countries --db w.db --format pajek -o - --min-papers 3
run "$BS" export countries --db w.db --format vosviewer -o cn.txt --top 2
run cat cn.txt cn-network.txt cn.json
run "$BS" export countries --db w.db --format graphml -o cn.graphml
run "$BS" export countries --db w.db --format gexf -o cn.gexf
run "$BS" export countries --db t.db --format gexf -o none.gexf
run "$BS" export countries --db w.db --format csv -o -
run "$BS" export countries --db w.db --format csv -o x.csv --ego "Ann Able"
