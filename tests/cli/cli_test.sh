#!/bin/sh
# Golden-output tests of the bibscope command line.
# usage: cli_test.sh BIBSCOPE SOURCE_DIR   (UPDATE_GOLDEN=1 rewrites expected.txt)
set -u
BS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$2" && pwd)
GOLDEN="$SRC/tests/cli/expected.txt"
WORK=$(mktemp -d /tmp/bs_cli.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
unset BIBSCOPE_DB

# run CMD...: print the command, its output (timings masked) and exit code
run() {
	echo "\$ $*" | sed "s|$BS|bibscope|"
	"$@" >out.txt 2>err.txt
	rc=$?
	sed -e 's/ in [0-9.]* s:/ in T s:/' -e 's/computed in [0-9.]* s/computed in T s/' out.txt
	sed -e 's/^/[stderr] /' -e 's/ in [0-9.]* s/ in T s/g' err.txt
	echo "[exit $rc]"
	echo
}

# head1 CMD...: the first line of CMD's output (a profile's heading)
head1() {
	"$@" | head -n 1
}

cp "$SRC/examples/sample.md" sample.md
{
	run "$BS" --help
	run "$BS" nosuchcommand
	# an unknown command: the nearest ones (edits or a prefix), exit 2
	run "$BS" atuhors
	run "$BS" comm
	run "$BS" authors --top abc
	run "$BS" authors --years 2023-2021
	run "$BS" authors --db missing.db
	run "$BS" ingest
	run "$BS" ingest --format nosuch sample.md
	# --dry-run parses without a database (regression: it once crashed)
	run "$BS" ingest --dry-run --db dry.db sample.md
	run test -e dry.db
	run "$BS" ingest --db t.db sample.md
	run "$BS" ingest --db t.db sample.md
	run "$BS" authors --db t.db --top 5
	run "$BS" authors --db t.db --top 5 --count fractional
	run "$BS" authors --db t.db --top 3 --venue NIPS --years 2022-2023 --format csv
	run "$BS" authors --db t.db --top 2 --format json
	BIBSCOPE_DB=t.db run "$BS" authors --top 2 --format tsv
	run "$BS" authors --db t.db --venue "x' OR 1=1; --"
	run "$BS" stats --db t.db
	run "$BS" stats --db t.db --format json
	# papers without a venue: "(no venue)" in the table view, the empty
	# string in CSV (regression: the table showed a blank first column)
	printf '@misc{a, title={A Study of Things}, author={Ann Able and Bob Burr}, year={2021}}\n' > novenue.bib
	run "$BS" ingest -q --db nv.db novenue.bib
	run "$BS" stats --db nv.db
	run "$BS" stats --db nv.db --format csv
	# the summary as a CSV/TSV table of its own (measure,value)
	run "$BS" stats --db nv.db --format csv --summary
	run "$BS" stats --db t.db --format tsv --summary
	# the formula guard: the same in CSV and TSV, off with --no-formula-guard
	# (regression: TSV wrote the cell unguarded)
	printf '@inproceedings{f1, title={Formula}, author={Ann Able}, year={2021}, booktitle={=1+2}}\n' > formula.bib
	run "$BS" ingest -q --db fg.db formula.bib
	run "$BS" stats --db fg.db --format csv
	run "$BS" stats --db fg.db --format tsv
	run "$BS" stats --db fg.db --format tsv --no-formula-guard
	run "$BS" venues --db fg.db --format csv --no-formula-guard
	run "$BS" authors --db fg.db --format csv --no-formula-guard --top 1
	# venues and the spellings merged into each; --venue takes any spelling
	printf '@inproceedings{g1, title={One}, author={Ann Able}, year={2013},\n booktitle={Genetic and Evolutionary Computation Conference, GECCO 2013, Proceedings, Amsterdam}}\n@inproceedings{g2, title={Two}, author={Ann Able}, year={2019}, booktitle={GECCO}}\n@inproceedings{g3, title={Three}, author={Bob Burr}, year={2019}, booktitle={GECCO}}\n' > gecco.bib
	run "$BS" ingest -q --db gv.db sample.md gecco.bib
	run "$BS" venues --db gv.db
	run "$BS" venues --db gv.db --venue "GECCO 2019" --spellings --format csv
	run "$BS" venues --db gv.db --venue "no such venue"
	run "$BS" venues --db gv.db --top 0

	# gzip input gives the same records
	gzip -c sample.md > sample.md.gz
	run "$BS" ingest --db gz.db sample.md.gz
	# a gzip file cut short is an error, nothing of it stored (regression:
	# it was read as if complete)
	head -c 900 sample.md.gz > cut.md.gz
	run "$BS" ingest --db cut.db cut.md.gz
	# bad input: every failure names the file; good files still go in
	mkdir mixed
	cp sample.md mixed/good.md
	: > mixed/empty.md
	printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000\002\000' > mixed/binary.bin
	printf 'just some notes\nnothing bibliographic here\n' > mixed/notes.txt
	run "$BS" ingest --db mixed.db mixed
	run "$BS" ingest --db bad.db does-not-exist.md
	run "$BS" ingest --db bad.db mixed/binary.bin
	run "$BS" ingest --db bad.db mixed/notes.txt
	run "$BS" ingest --db bad.db mixed/empty.md
	# a path that holds no records (an empty directory, one of files in no
	# known format, a missing path): a warning naming it, exit 1, and no
	# database made, not even an empty one (regression: exit 0 and an
	# empty database); an existing database is left as it was
	mkdir emptydir nodata
	cp mixed/notes.txt mixed/empty.md nodata/
	run "$BS" ingest --db none1.db emptydir
	run "$BS" ingest --db none2.db nodata
	run "$BS" ingest --db none3.db no-such-dir/
	run "$BS" ingest --dry-run emptydir
	run ls -a emptydir
	cp mixed.db keep.db
	touch -d '2020-01-02 03:04:05' keep.db
	run "$BS" ingest --db keep.db emptydir no-such-file.bib
	run cmp keep.db mixed.db
	run stat -c '%y' keep.db
	rm keep.db
	head -c 10485760 /dev/zero | tr '\0' 'a' > longline.md
	run "$BS" ingest --db bad.db longline.md
	run "$BS" ingest --db bad.db --format paperlist longline.md
	# an entry the parser gives up on: the warning names no "(null)" file
	printf '@misc{b1, title = {A} junk\n  year = 2020}\n@misc{b2, title = {B}, author = {Bo Bee}, year = 2021}\n' > broken.bib
	run "$BS" ingest --db br.db broken.bib
	# encodings: UTF-16 (EndNote, Excel) decoded; Latin-1 RIS and WoS read as
	# Windows-1252 with one warning; NUL bytes in RIS and CSL-JSON repaired
	# with a warning naming the line (regressions: refused as binary data,
	# or names silently mangled to U+FFFD)
	printf 'TY  - JOUR\r\nAU  - M\374ller, Hans\r\nAU  - Gon\347alves, Ana\r\nTI  - Encoded things\r\nPY  - 2020\r\nER  - \r\n' > latin1.ris
	printf 'PT\tAU\tAF\tTI\tSO\tPY\r\nJ\tM\374ller, H\tM\374ller, Hans; Gon\347alves, Ana\tEncoded WoS things\tJ TEST\t2019\r\n' > latin1.txt
	run "$BS" ingest --db enc.db latin1.ris latin1.txt
	iconv -f ISO-8859-1 -t UTF-16 latin1.ris > utf16.ris
	iconv -f ISO-8859-1 -t UTF-16BE latin1.txt | { printf '\376\377'; cat; } > utf16be.txt
	run "$BS" ingest --db enc16.db utf16.ris utf16be.txt
	run sqlite3 enc16.db "SELECT name FROM authors ORDER BY name; SELECT title FROM papers ORDER BY title"
	printf 'TY  - JOUR\nAU  - Smith, Ann\nTI  - Zero\000\000\000\000\000\000\000\000\000\000 bytes\nER  - \n' > nul.ris
	printf '[{"title": "Zero\000\000\000\000\000\000\000\000\000\000 json", "author": [{"family": "Smith"}]}]\n' > nul.json
	run "$BS" ingest --db nul.db nul.ris nul.json
	# Web of Science BibTeX: "{{...}}" values and field names with spaces
	# ("Early Access Date"); every entry and every DOI is stored
	# (regressions: 8 entries skipped with 15 warnings; DOIs dropped)
	cp "$SRC/tests/fixtures/wos-savedrecs.bib" wos.bib
	run "$BS" ingest -v --db wos.db wos.bib
	run sqlite3 wos.db "SELECT count(*), count(doi), count(DISTINCT doi), count(year), count(venue_id) FROM papers; SELECT doi FROM papers ORDER BY doi"
	printf 'garbage' > notadb.db
	run "$BS" ingest --db notadb.db sample.md
	run "$BS" ingest --db t.db --explain sample.md

	# co-authorship graph analytics
	run "$BS" graph --db t.db
	run "$BS" graph --db t.db
	run "$BS" graph --db t.db --weight fractional --format json --exact-limit 0 --samples 5
	run "$BS" graph --db t.db --samples 5
	run "$BS" graph --db t.db --exact --samples 5
	run "$BS" authors --db t.db --by betweenness --top 5
	run "$BS" authors --db t.db --by pagerank --top 3 --format csv
	run "$BS" authors --db t.db --by closeness
	run "$BS" communities --db t.db
	run "$BS" communities --db t.db --algorithm lpa --seed 7 --format csv
	run "$BS" communities --db t.db --algorithm louvain --resolution 0.5 --top 3
	run "$BS" communities --db t.db --algorithm nope
	# igraph's Leiden, the reference: same communities on the fixture
	run "$BS" communities --db t.db --algorithm leiden-igraph --top 3
	run "$BS" communities --db t.db --iterations 1 --top 3
	run "$BS" communities --db t.db --iterations 0
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
	printf '%s\n' \
	 '@inproceedings{h1, author = {Lei Zhang 0001 and Rui Cai}, title = {Web Image Search}, booktitle = {CVPR}, year = {2010}}' \
	 '@inproceedings{h2, author = {Lei Zhang 0001 and Rui Cai}, title = {Image Annotation}, booktitle = {CVPR}, year = {2011}}' \
	 '@inproceedings{h3, author = {Lei Zhang 0001 and Wei-Ying Ma}, title = {Web Mining}, booktitle = {WWW}, year = {2012}}' \
	 '@inproceedings{h4, author = {Lei Zhang and Enhong Chen}, title = {Recommendation}, booktitle = {AAAI}, year = {2015}}' \
	 '@inproceedings{h5, author = {Lei Zhang 0006 and David Zhang}, title = {Sparse Coding}, booktitle = {ICCV}, year = {2013}}' \
	 '@inproceedings{h6, author = {Lei Zhang 0006 and David Zhang}, title = {Denoising}, booktitle = {ECCV}, year = {2014}}' \
	 '@inproceedings{h7, author = {Lei Zhang 0002 and Dimitris Samaras}, title = {Face Shape}, booktitle = {CVPR}, year = {2004}}' \
	 > homonyms.bib
	run "$BS" ingest -q --db hz.db homonyms.bib
	run "$BS" author --db hz.db "Lei Zhang"
	run "$BS" author --db hz.db "LEI ZHANG" --format json
	run head1 "$BS" author --db hz.db "lei zhang 0006"
	run head1 "$BS" author --db hz.db --id "$(sqlite3 hz.db "SELECT id FROM authors WHERE key = 'lei zhang'")"
	run head1 "$BS" author --db hz.db "#6"
	run "$BS" author --db hz.db "Lei Zhang 0003"
	run "$BS" topics --db hz.db --author "Lei Zhang"
	run "$BS" topics --db hz.db --author "Lei Zhang 0002" --top 3
	run "$BS" export graph --db hz.db --format csv -o ego.csv --ego "lei zhang"
	# an unknown venue: exit 1 and the nearest spellings, in every command
	# that takes --venue (regression: authors, topics and plot printed an
	# empty result and exited 0); a known venue matching nothing else is
	# an empty listing, exit 0
	run "$BS" authors --db t.db --venue nipz
	run "$BS" authors --db t.db --venue nipz --by pagerank
	run "$BS" authors --db t.db --venue nipz --ambiguous
	run "$BS" topics --db t.db --venue CPVR
	run "$BS" plot top-authors --db t.db --venue NIPZ -o nipz.svg
	run "$BS" report --db t.db --venue nipz -o nipz-report
	run "$BS" graph --db t.db --venue nipz
	run "$BS" communities --db t.db --venue nipz
	run "$BS" export graph --db t.db --format csv -o nipz.csv --venue nipz
	run "$BS" venues --db t.db --venue nipz
	run "$BS" authors --db t.db --venue "no such venue at all"
	run "$BS" authors --db t.db --venue "..."
	run "$BS" authors --db t.db --venue NeurIPS --years 1990
	run "$BS" topics --db t.db --community 999
	run "$BS" graph --db mixed.db --venue nosuchvenue
	run "$BS" authors --db t.db --ambiguous
	run "$BS" export graph --db t.db --format gexf -o net.gexf --top 5
	run "$BS" export graph --db t.db --format csv -o net.csv --ego "Jiri Matas" --depth 1
	run cat net.csv
	run "$BS" export graph --db t.db --format vosviewer -o vos.txt --community 1 --min-papers 5
	run cat vos.txt vos-network.txt
	run "$BS" export graph --db t.db --format pajek -o /nonexistent-dir/x.net
	run "$BS" export graph --db t.db --format dot -o x.dot
	run "$BS" export graph --db t.db --format gexf -o x.gexf --min-papers 1000
	run ls

	# topic analytics on the example
	run "$BS" topics --db t.db --top 8
	run "$BS" topics --db t.db --top 5 --kind phrases --years 2023 --format csv
	run "$BS" topics --db t.db --top 5 --kind phrases --no-fragments
	run "$BS" topics --db t.db --author "Grace Hopper" --rank tfidf --top 5
	run "$BS" topics --db t.db --community 0 --rank lift --top 5
	run "$BS" topics --db t.db --rank bogus
	run "$BS" trends --db t.db "diffusion models" "graph neural networks"
	run "$BS" trends --db t.db "diffusion models" --by-venue --format csv
	run "$BS" trends --db t.db --emerging --min-support 2 --top 5
	run "$BS" trends --db t.db --declining --min-support 2 --top 5
	run "$BS" trends --db t.db --bursts --min-papers 3 --top 5
	run "$BS" trends --db t.db "difusion modls"
	# the term with id 0 (regression: "no such term", its id read as absent)
	run "$BS" trends --db t.db "$(sqlite3 t.db 'SELECT display FROM terms WHERE id = 0')"
	run "$BS" trends --db t.db "the of"
	run "$BS" trends --db t.db
	run "$BS" themes --db t.db --min-cooc 1 --terms 30
	run "$BS" themes --db t.db --terms 2
	printf 'nerf\tneural radiance fields\n' > syn.tsv
	run "$BS" trends --db t.db --synonyms syn.tsv nerf
	run "$BS" trends --db t.db --synonyms missing.tsv nerf
	# a term counts its plural, not the other words of its stem
	# (regression: all three were the stem "transform", 4 papers each)
	printf '@misc{t1, title={Transformers for Vision}, author={Ann Able}, year={2020}}\n@misc{t2, title={A Transformer Model of Text}, author={Bob Burr}, year={2020}}\n@misc{t3, title={Learning to Transform Images}, author={Cy Cole}, year={2020}}\n@misc{t4, title={Image Transformation by Transforms}, author={Di Dunn}, year={2020}}\n' > tf.bib
	run "$BS" ingest -q --db tf.db tf.bib
	run "$BS" trends --db tf.db transformer transform transformation

	run "$BS" ingest -q --db an.db sample.md
	run "$BS" analyze --db an.db
	run "$BS" analyze --db an.db
	run "$BS" communities --db an.db --top 2
	run "$BS" analyze --db an.db --format csv
	run "$BS" ingest -q --db an1.db sample.md
	BIBSCOPE_PARALLEL_MAX_PAPERS=1 run "$BS" analyze --db an1.db
	# the power iterations waiting for Leiden (large graphs): same runs
	run "$BS" ingest -q --db an2.db sample.md
	BIBSCOPE_WCSR_AFTER_SIDE_ENDS=0 run "$BS" analyze --db an2.db
	run "$BS" authors --db an2.db --by pagerank --top 3
	run "$BS" analyze --db missing.db
	# runs replaced (their stores turn foreign keys off and delete the old
	# run's rows table by table, all at once when no other run has rows
	# there): no row without its run, the other graph run (--samples 7)
	# kept whole, foreign keys on again
	for c in "graph --force" "communities --force" "graph --samples 7" "analyze --force" \
		 "themes --min-cooc 1 --terms 30" "themes --min-cooc 1 --terms 30 --force"; do
		"$BS" $c --db an.db >/dev/null 2>&1 || echo "failed: $c"
	done
	run sqlite3 an.db "PRAGMA foreign_key_check; SELECT kind, count(*) FROM runs GROUP BY kind; SELECT (SELECT count(*) FROM author_metrics) = 2 * (SELECT count(*) FROM authors), (SELECT count(DISTINCT run_id) FROM author_metrics), (SELECT count(*) FROM communities) = (SELECT count(*) FROM authors), (SELECT count(DISTINCT run_id) FROM community_summary)"
	# author ids far apart (the graph build's sort + search path, not its
	# dense table): the same graph as an.db's
	run "$BS" ingest -q --db sparse.db sample.md
	sqlite3 sparse.db "PRAGMA foreign_keys = OFF; UPDATE authorship SET author_id = author_id * 1000000007;
		UPDATE authors SET id = id * 1000000007;"
	run "$BS" graph --db sparse.db
	run "$BS" authors --db sparse.db --by pagerank --top 3
	run "$BS" authors --db an.db --by pagerank --top 3

	# cross-source dedup (tests/fixtures/dedup): CVPR 2023 records of a
	# paper list against a CSL-JSON export spelling them otherwise ("360deg",
	# "Towards", "R²", a typo, "Fnu" before a mononym): 6 merges, and 5 near
	# misses that are other papers; recurring columns of one venue stay
	# apart, a paper and its same-year preprint merge, the DBLP XML copies
	# merge one to one, and a rerun adds nothing
	cp "$SRC"/tests/fixtures/dedup/* .
	run "$BS" ingest --explain --db dd.db cvpr2023.md cvpr2023.json
	run "$BS" ingest --explain --db dc.db columns.bib columns.xml
	run "$BS" ingest --db dc.db columns.bib columns.xml
	run sqlite3 dc.db "SELECT count(*), group_concat(DISTINCT title) FROM papers GROUP BY title ORDER BY title"
} > actual.txt 2>&1

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	cp actual.txt "$GOLDEN"
	echo "updated $GOLDEN"
	exit 0
fi
if diff -u "$GOLDEN" actual.txt; then
	echo "cli: golden output matches"
	exit 0
fi
echo "cli: output differs from $GOLDEN (UPDATE_GOLDEN=1 to accept)"
exit 1
