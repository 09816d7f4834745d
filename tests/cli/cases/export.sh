cli_graph_runs
cli_community_runs
cli_homonyms_bib
quiet "$BS" ingest -q --db hz.db homonyms.bib
run "$BS" export graph --db hz.db --format csv -o ego.csv --ego "lei zhang"
# an unknown venue: exit 1 and the nearest spellings
run "$BS" export graph --db t.db --format csv -o nipz.csv --venue nipz
run "$BS" export graph --db t.db --format gexf -o net.gexf --top 5
run "$BS" export graph --db t.db --format csv -o net.csv --ego "Jiri Matas" --depth 1
run cat net.csv
run "$BS" export graph --db t.db --format vosviewer -o vos.txt --community 1 --min-papers 5
run cat vos.txt vos-network.txt
run "$BS" export graph --db t.db --format pajek -o /nonexistent-dir/x.net
run "$BS" export graph --db t.db --format dot -o x.dot
run "$BS" export graph --db t.db --format gexf -o x.gexf --min-papers 1000
# the failed exports above leave no file; the listing shows the work
# directory as the whole suite fills it, so the other cases' files are
# stood in for by empty ones
mkdir emptydir nodata
cli_mixed_dir
for f in br.db broken.bib cut.md.gz enc.db enc16.db fg.db formula.bib gecco.bib gv.db gz.db \
	 latin1.ris latin1.txt longline.md mixed.db notadb.db novenue.bib nul.db nul.json nul.ris \
	 nv.db sample.md.gz utf16.ris utf16be.txt wos.bib wos.db; do
	: > "$f"
done
run ls
