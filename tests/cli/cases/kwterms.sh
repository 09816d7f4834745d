# keywords as terms (--terms-from) and the keyword co-occurrence network,
# on tests/fixtures/wos-keywords.txt: 8 invented WoS records, 7 with author
# keywords (DE) and indexed keywords (ID), spelled inconsistently on purpose
# ("Bibliometrics", "bibliometrics", "Bibliométrics"; "Co-word analysis" and
# "co-word-analysis" in one paper, counted once)
cp "$SRC/tests/fixtures/wos-keywords.txt" kw.txt
quiet "$BS" ingest -q --db kw.db kw.txt
run "$BS" topics --db kw.db --terms-from author-keywords
run "$BS" topics --db kw.db --terms-from author-keywords --years 2021-2022 --format csv
run "$BS" topics --db kw.db --terms-from indexed-keywords --kind phrases
# the tables of a source are reused: no "built" note the second time
run "$BS" topics --db kw.db --terms-from indexed-keywords --top 2
printf 'graph neural network\tGraph Neural Networks\n' > syn.txt
printf '# keywords left out\nSynonyms\n' > stop.txt
run "$BS" topics --db kw.db --terms-from author-keywords --synonyms syn.txt --stopwords stop.txt --top 7
run "$BS" trends --db kw.db --terms-from author-keywords --synonyms syn.txt --stopwords stop.txt "GRAPH neural network"
run "$BS" trends --db kw.db --terms-from author-keywords bibliometrics "Science-Mapping"
run "$BS" trends --db kw.db --terms-from author-keywords "citation analyses"
run "$BS" trends --db kw.db --terms-from author-keywords --emerging --min-support 1 --top 3
run "$BS" trends --db kw.db --terms-from indexed-keywords --bursts --min-papers 1
run "$BS" themes --db kw.db --terms-from indexed-keywords --min-cooc 1 --max-share 1
run "$BS" topics --db kw.db --terms-from titles
# words again: their own tables, as before
run "$BS" topics --db kw.db --top 3
# no keywords at all in the example's paper list
run "$BS" topics --db t.db --terms-from author-keywords
run "$BS" export graph --db kw.db --network keywords --format csv -o kw.csv
run cat kw.csv kw-nodes.csv
run "$BS" export graph --db kw.db --network keywords --terms-from indexed-keywords --format vosviewer -o vos.txt --min-occurrences 1 --top 4
run cat vos.txt vos-network.txt
run "$BS" export graph --db kw.db --network keywords --format pajek -o - --years 2022
run "$BS" export graph --db kw.db --network keywords --format gexf -o x.gexf --min-occurrences 6
run "$BS" export graph --db kw.db --network keywords --ego Rivera --format gexf -o x.gexf
run "$BS" export graph --db kw.db --min-occurrences 3 --format gexf -o x.gexf
run "$BS" export graph --db kw.db --network words --format gexf -o x.gexf
