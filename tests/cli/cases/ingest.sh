# the fixture's t.db is made here, from nothing
rm -f t.db
run "$BS" ingest
run "$BS" ingest --format nosuch sample.md
# --dry-run parses without a database (regression: it once crashed)
run "$BS" ingest --dry-run --db dry.db sample.md
run test -e dry.db
run "$BS" ingest --db t.db sample.md
run "$BS" ingest --db t.db sample.md
# gzip input gives the same records
gzip -c sample.md > sample.md.gz
run "$BS" ingest --db gz.db sample.md.gz
# a gzip file cut short is an error, nothing of it stored (regression:
# it was read as if complete)
head -c 900 sample.md.gz > cut.md.gz
run "$BS" ingest --db cut.db cut.md.gz
# bad input: every failure names the file; good files still go in
cli_mixed_dir
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
