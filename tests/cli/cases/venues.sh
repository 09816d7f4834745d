cli_formula_bib
quiet "$BS" ingest -q --db fg.db formula.bib
run "$BS" venues --db fg.db --format csv --no-formula-guard
# venues and the spellings merged into each; --venue takes any spelling
printf '@inproceedings{g1, title={One}, author={Ann Able}, year={2013},\n booktitle={Genetic and Evolutionary Computation Conference, GECCO 2013, Proceedings, Amsterdam}}\n@inproceedings{g2, title={Two}, author={Ann Able}, year={2019}, booktitle={GECCO}}\n@inproceedings{g3, title={Three}, author={Bob Burr}, year={2019}, booktitle={GECCO}}\n' > gecco.bib
run "$BS" ingest -q --db gv.db sample.md gecco.bib
run "$BS" venues --db gv.db
run "$BS" venues --db gv.db --venue "GECCO 2019" --spellings --format csv
run "$BS" venues --db gv.db --venue "no such venue"
run "$BS" venues --db gv.db --top 0
# an unknown venue: exit 1 and the nearest spellings
run "$BS" venues --db t.db --venue nipz
