cli_graph_runs
cli_community_runs
run "$BS" author --db t.db "BERNHARD SCHOLKOPF"
run "$BS" author --db t.db "jiri matas" --format json
run "$BS" author --db t.db li
run "$BS" author --db t.db "Nobody Atall"
run "$BS" author --db t.db --id 2 --top 1 --format json
run "$BS" author --db t.db --id 9999
run "$BS" author --db t.db --id x
run "$BS" author --db t.db --id 2 "Li Wei"
# DBLP homonyms: "Lei Zhang" and "Lei Zhang 0001".. are distinct people
# shown by one name; the name alone lists them all, most papers first,
# ties by id, and exits 1 (regression: one of them shown, exit 0); the
# name with its number, or the id, picks one
cli_homonyms_bib
run "$BS" ingest -q --db hz.db homonyms.bib
run "$BS" author --db hz.db "Lei Zhang"
run "$BS" author --db hz.db "LEI ZHANG" --format json
run head1 "$BS" author --db hz.db "lei zhang 0006"
run head1 "$BS" author --db hz.db --id "$(sqlite3 hz.db "SELECT id FROM authors WHERE key = 'lei zhang'")"
run head1 "$BS" author --db hz.db "#6"
run "$BS" author --db hz.db "Lei Zhang 0003"
