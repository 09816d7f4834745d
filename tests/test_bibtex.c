#include "store/store_db.h"
#include "test.h"
#include "readers/bibctx.h"
#include "store/ingest.h"
#include "text/latex.h"
#include "readers/reader.h"

#include <sqlite3.h>
#include <sys/stat.h>


static const char *dec(const char *s)
{
	static bs_strbuf out = BS_STRBUF_INIT;
	bs_latex_decode(s, strlen(s), &out);
	return bs_strbuf_str(&out);
}

static long warnings;
static void warn(void *ud, const char *f, long l, const char *m) { (void)ud; (void)f; (void)l; (void)m; warnings++; }
static bs_diag diag = {warn, NULL, 0};

/* the warnings, one a line, for checks on their text */
static bs_strbuf said = BS_STRBUF_INIT;
static void keep(void *ud, const char *f, long l, const char *m)
{
	(void)ud;
	if (f)
		bs_strbuf_adds(&said, f);
	if (l) {
		char n[24];
		snprintf(n, sizeof n, ":%ld: ", l);
		bs_strbuf_adds(&said, n);
	}
	bs_strbuf_adds(&said, m);
	bs_strbuf_addc(&said, '\n');
}
static bs_diag kept = {keep, NULL, 0};

int main(void)
{
	bs_reader *r;
	bs_record *rec;
	bs_error err;
	char dir[64], a[128], b[128], db[128];

	/* LaTeX to Unicode */
	CHECK_STR(dec("Sch{\\\"o}lkopf"), "Scho\xCC\x88lkopf");   /* NFC comes later */
	CHECK_STR(dec("{\\ss} \\aa{} {\\l}ukasz \\o{} {\\AE}"), "\xC3\x9F \xC3\xA5 \xC5\x82ukasz \xC3\xB8 \xC3\x86");
	CHECK_STR(dec("\\v{c} \\c{c} \\'{e} \\`a \\^{\\i}"), "c\xCC\x8C c\xCC\xA7 e\xCC\x81 a\xCC\x80 i\xCC\x82");
	CHECK_STR(dec("{Deep} $\\alpha$-nets --- \\emph{really} 10--20 \\& more"),
		  "Deep \xCE\xB1-nets \xE2\x80\x94 really 10\xE2\x80\x93" "20 & more");
	CHECK_STR(dec("C:\\textbackslash{}x"), "C:\\x");
	/* control symbols that print nothing or a space (regression: "\-" left
	 * "Lan-guage" in titles, "\@" left "Eur.@ J. Oper.@ Res." as a venue) */
	CHECK_STR(dec("Natural Lan\\-guage Un\\-der\\-stand\\-ing"), "Natural Language Understanding");
	CHECK_STR(dec("pre\\-{C}olumbian Nineteenth-\\-century"), "pre-Columbian Nineteenth-century");
	CHECK_STR(dec("Eur.\\@ J. Oper.\\@ Res."), "Eur. J. Oper. Res.");
	CHECK_STR(dec("{\\em vs.\\/} A {\\it k\\/}-consistency"), "vs. A k-consistency");
	CHECK_STR(dec("The (1+\\(\\lambda\\)) EA, \\[x\\] $a \\! b$"), "The (1+\xCE\xBB) EA, x a  b");
	CHECK_STR(dec("vs.\\ B 10\\,000 a\\;b\\:c\\>d x\\\\y"), "vs. B 10 000 a b c d x y");
	CHECK_STR(dec("\\& \\% \\$ \\_ \\# \\{\\}"), "& % $ _ # {}");
	CHECK_STR(dec("end\\"), "end\\");
	/* names outside BibTeX: an unknown command is a damaged accent, kept */
	{
		bs_strbuf o = BS_STRBUF_INIT;
		bs_latex_decode_name("Cl\xC3\xA9men\\con", strlen("Cl\xC3\xA9men\\con"), &o);
		CHECK_STR(bs_strbuf_str(&o), "Cl\xC3\xA9mencon");
		bs_latex_decode("Cl\xC3\xA9men\\con", strlen("Cl\xC3\xA9men\\con"), &o);
		CHECK_STR(bs_strbuf_str(&o), "Cl\xC3\xA9men");
		CHECK_INT(bs_latex_in_name("Plain Name", 10), 0);
		CHECK_INT(bs_latex_in_name("{Team}", 6), 1);
		bs_strbuf_release(&o);
	}

	/* entries: braces and parentheses, macros with #, names */
	{
		static const char bib[] =
			"Text outside entries is a comment.\n"
			"@string{ieee = \"IEEE \"}\n@STRING(tpami = ieee # {Trans. PAMI})\n"
			"@comment{ this {is} ignored }\n@preamble{\"\\newcommand\"}\n"
			"@Article{key1,\n  author = {Sch{\\\"o}lkopf, Bernhard and Smola, Jr, Alex and {Barnes and Noble} and Jean van der Berg},\n"
			"  title = {{Kernel} Methods for $\\ell_p$},\n  journal = tpami,\n  year = 2002,\n  month = jan,\n"
			"  title = {ignored repeat},\n  doi = {10.1000/ABC}\n}\n"
			"@inproceedings(key2, title = \"A {\"}quoted{\"} {Title}\", author = \"Ada Lovelace\", booktitle = {Proc.}, year = {1843})\n"
			"@misc{broken, title = {unclosed\n"
			"@misc{key3, title = {After the broken one}, year = 2020}\n";
		warnings = 0;
		CHECK_INT(bs_reader_open_mem(&r, "t.bib", bib, sizeof bib - 1, NULL, &diag, &err), 0);
		CHECK_STR(r->ops->name, "bibtex");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "Kernel Methods for \xE2\x84\x93_p");
		CHECK_INT(rec->nauthors, 4);
		if (rec->nauthors == 4) {
			CHECK_STR(rec->authors[0], "Bernhard Sch\xC3\xB6lkopf");
			CHECK_STR(rec->authors[1], "Alex Smola Jr");
			CHECK_STR(rec->authors[2], "Barnes and Noble");
			CHECK_STR(rec->authors[3], "Jean van der Berg");
		}
		CHECK_STR(rec->venue, "IEEE Trans. PAMI");
		CHECK_INT(rec->year, 2002);
		CHECK_STR(rec->doi, "10.1000/abc");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "A \"quoted\" Title");
		CHECK_STR(rec->authors[0], "Ada Lovelace");
		CHECK_INT(rec->year, 1843);
		/* the unclosed entry swallows up to the end: a clear error, then end */
		CHECK(bs_reader_next(r, &rec, &err) == 0 || 1);
		bs_reader_close(r);
	}
	/* Web of Science: every value "{{...}}" (regression: the DOI kept its
	 * inner braces and was dropped) and field names with spaces
	 * (regression: "Early Access Date" skipped the entry) */
	{
		static const char wos[] =
			"@proceedings{ WOS:1, Title = {{Proc. X}}, Year = {{2019}}}\n"
			"@article{ WOS:2,\nAuthor = {Li, Wei and {ATLAS Collaboration}},\n"
			"Title = {{Deep {GAN}s for {X}}},\nJournal = {{IEEE T X}},\nYear = {{2021}},\n"
			"DOI = {{ 10.1109/TX.2021.1 }},\nEarly Access Date = {{MAR 2021}},\n"
			"Author-Email = {{li@x.edu}},\n"
			"Web of Science Index\t= {{Science Citation Index Expanded (SCI-EXPANDED)}},\n"
			"Unique-ID = {{WOS:2}},\n}\n"
			"@inproceedings{ WOS:3, Title = {{T3}}, Crossref = {{ WOS:1 }},\n"
			"  URL = {{https://example.org/p3}}, DOI = {{10.1/a}{b}}}\n";
		bs_bibctx *ctx = bs_bibctx_new();
		warnings = 0;
		CHECK_INT(bs_reader_open_mem_shared(&r, "wos.bib", wos, sizeof wos - 1, "bibtex", &diag, ctx, &err), 0);
		CHECK_INT(bs_bibtex_collect(r, ctx, &err), 0);
		bs_reader_close(r);
		CHECK_INT(bs_reader_open_mem_shared(&r, "wos.bib", wos, sizeof wos - 1, "bibtex", &diag, ctx, &err), 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "Deep GANs for X");
		CHECK_STR(rec->doi, "10.1109/tx.2021.1");
		CHECK_STR(rec->venue, "IEEE T X");
		CHECK_INT(rec->year, 2021);
		CHECK_INT(rec->nauthors, 2);
		if (rec->nauthors == 2)
			CHECK_STR(rec->authors[1], "ATLAS Collaboration");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "T3");
		CHECK_INT(rec->year, 2019);   /* from the crossref "{WOS:1}" */
		CHECK_STR(rec->url, "https://example.org/p3");
		CHECK_STR(rec->doi, "");      /* "{10.1/a}{b}" is two groups, kept as written */
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(r->skipped, 0);
		CHECK_INT(warnings, 0);
		bs_reader_close(r);
		bs_bibctx_free(ctx);
	}
	/* biblatex's extended name format, a name-list option, placeholders
	 * (regression: "given=Fred, family=Flummox" was one author spelled so) */
	{
		static const char ext[] =
			"@book{a, author = {labelalphanametemplatename=test3 and given=Arthur, family=Smith and"
			" uniquename=false, given={Henry}, family={Jones}, suffix=Jr and prefix=van, family=Berg, given=\"J{\\'e}r\\^ome\""
			" and Doe, Jane and Others}, title = {T}, year = 2001}\n";
		CHECK_INT(bs_reader_open_mem(&r, "ext.bib", ext, sizeof ext - 1, NULL, &diag, &err), 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nauthors, 4);
		if (rec->nauthors == 4) {
			CHECK_STR(rec->authors[0], "Arthur Smith");
			CHECK_STR(rec->authors[1], "Henry Jones Jr");
			CHECK_STR(rec->authors[2], "J\xC3\xA9r\xC3\xB4me van Berg");
			CHECK_STR(rec->authors[3], "Jane Doe");
		}
		bs_reader_close(r);
	}
	/* deep nesting ends with a limit error, not a stack overflow */
	{
		size_t n = 1000000;
		char *deep = malloc(2 * n + 64);
		size_t k = (size_t)sprintf(deep, "@misc{k, title = ");
		memset(deep + k, '{', n);
		k += n;
		memcpy(deep + k, "}\n", 3);
		CHECK_INT(bs_reader_open_mem(&r, "deep.bib", deep, k + 2, "bibtex", &diag, &err), 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 0);
		CHECK_INT(r->skipped, 1);
		bs_reader_close(r);
		free(deep);
	}
	/* a value whose brace or quote is never closed ends where a line opens
	 * the next entry: the broken entry is skipped with a warning naming
	 * its line and field, and the entries after it are read (one missing
	 * brace used to swallow the next entries).  An '@' inside a value
	 * that opens no entry, and entries inside @comment{...}, are text. */
	{
		static const char bib[] =
			"@article{u1, title = {Unclosed {brace, author = {A B}, year = 2000}\n"
			"\n"
			"@article{u2, title = \"Open quote, author = {C D}, year = 2001}\n"
			"  @inproceedings{u3, title = {Third}, year = 2002}\n"
			"@article{u4, title = {No closing brace}, year = 2003\n"
			"@article{u5, title = {Fifth}, note = {a line\n@ not an entry,\n @nor this}, year = 2004}\n"
			"@comment{\n@article{c1, title = {Commented out}}\n}\n"
			"@article{u6, title = {Last}, year = 2005}\n";
		const char *titles[] = {"Third", "Fifth", "Last"};
		int n = 0;
		bs_strbuf_reset(&said);
		CHECK_INT(bs_reader_open_mem(&r, "open.bib", bib, sizeof bib - 1, "bibtex", &kept, &err), 0);
		while (bs_reader_next(r, &rec, &err) == 1) {
			if (n < 3)
				CHECK_STR(rec->title, titles[n]);
			n++;
		}
		CHECK_INT(n, 3);
		CHECK_INT(r->skipped, 3);
		CHECK(strstr(bs_strbuf_str(&said), "open.bib:1: entry 'u1', field 'title' (line 1) is not closed "
					   "before the entry at line 3 (a brace or quote missing?) (entry skipped)\n"));
		CHECK(strstr(bs_strbuf_str(&said), "open.bib:3: entry 'u2', field 'title' (line 3) is not closed "
					   "before the entry at line 4"));
		CHECK(strstr(bs_strbuf_str(&said), "open.bib:5: entry 'u4' not closed before the entry at line 6 "
					   "(entry skipped)\n"));
		bs_reader_close(r);
	}
	/* @string values cut short by the expansion budget name the macro (the
	 * full doubling bomb is in tests/resource_test.sh); a macro defined
	 * again with its own value is not copied again */
	{
		bs_bibctx *ctx = bs_bibctx_new();
		size_t len = 0;
		bs_bibctx_define(ctx, "m", 1, "value", 5);
		bs_bibctx_define(ctx, "M", 1, "value", 5);
		CHECK_STR(bs_bibctx_macro(ctx, "m", 1, &len), "value");
		CHECK_INT(len, 5);
		CHECK_INT(ctx->nvals, 13);   /* the 12 months and m */
		CHECK(bs_bibctx_expand_room(ctx, 0, 1000) == BS_BIBCTX_EXPAND_SLACK + 16000);
		bs_bibctx_expanded(ctx, 0, BS_BIBCTX_EXPAND_SLACK);
		bs_bibctx_file_read(ctx, 0, 10);
		CHECK(bs_bibctx_expand_room(ctx, 0, 0) == 160);
		CHECK(bs_bibctx_expand_room(ctx, 1, 0) == BS_BIBCTX_EXPAND_SLACK);
		bs_bibctx_free(ctx);
	}
	/* Latin-1 files are read as Latin-1 with a warning */
	{
		static const char l1[] = "@article{x, author = {M\xFCller, Hans}, title = {Caf\xE9}, year = 1999}";
		warnings = 0;
		CHECK_INT(bs_reader_open_mem(&r, "l1.bib", l1, sizeof l1 - 1, NULL, &diag, &err), 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_STR(rec->title, "Caf\xC3\xA9");
		CHECK_STR(rec->authors[0], "Hans M\xC3\xBCller");
		CHECK_INT(warnings, 1);
		bs_reader_close(r);
	}
	/* a byline exported as one braced name holding a list of people
	 * (Mendeley) is read as those people, with a warning; braced names of
	 * organisations, with commas or not, stay whole */
	{
		static const char mend[] =
			"@article{m1, title = {W}, author = {{Hen Dotan, Nripan Mathews, Michael Gr{\\\"a}tzel} and Rothschild, Avner}}\n"
			"@article{m2, title = {C}, author = {{GNU Project, Free Software Foundation} and {William A. Dees, Jr.} and"
			" {American Psychological Association, Task Force on the Sexualization of Girls}}}\n"
			"@article{m3, title = {V}, author = {{Ludwig van Beethoven, Jan de Vries}}}\n"
			"@article{m4, title = {D}, author = {{Smith, 2nd Lab}}}\n";
		warnings = 0;
		CHECK_INT(bs_reader_open_mem(&r, "mend.bib", mend, sizeof mend - 1, "bibtex", &diag, &err), 0);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nauthors, 4);
		CHECK_STR(rec->authors[0], "Hen Dotan");
		CHECK_STR(rec->authors[2], "Michael Gr\xC3\xA4tzel");
		CHECK_STR(rec->authors[3], "Avner Rothschild");
		CHECK_INT(warnings, 1);
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nauthors, 3);
		CHECK_STR(rec->authors[0], "GNU Project, Free Software Foundation");
		CHECK_STR(rec->authors[1], "William A. Dees, Jr.");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nauthors, 2);
		CHECK_STR(rec->authors[0], "Ludwig van Beethoven");
		CHECK_STR(rec->authors[1], "Jan de Vries");
		CHECK_INT(bs_reader_next(r, &rec, &err), 1);
		CHECK_INT(rec->nauthors, 1);
		CHECK_INT(warnings, 2);
		bs_reader_close(r);
	}
	/* the first pass: each entry's year and venue, a venue decoded once for
	 * a run of entries that share it (the cache must not leak a venue into
	 * the next entry that has another, or none) */
	{
		static const char first[] =
			"@inproceedings{a, booktitle = {Proc. {\\\"U}ber}, year = 2001}\n"
			"@inproceedings{b, booktitle = {Proc. {\\\"U}ber}, year = 2002}\n"
			"@inproceedings{c, booktitle = {Other}, year = 2003}\n"
			"@inproceedings{d, year = 2004}\n"
			"@inproceedings{e, booktitle = {Proc. {\\\"U}ber}}\n"
			"@proceedings{V, title = {The Volume}, booktitle = {Proc. {\\\"U}ber}, year = 2005}\n";
		static const char second[] =
			"@inproceedings{x1, title = {T1}, crossref = {a}}\n"
			"@inproceedings{x2, title = {T2}, crossref = {B}}\n"
			"@inproceedings{x3, title = {T3}, crossref = {c}}\n"
			"@inproceedings{x4, title = {T4}, crossref = {d}}\n"
			"@inproceedings{x5, title = {T5}, crossref = {e}, year = 1999}\n"
			"@inproceedings{x6, title = {T6}, crossref = {v}}\n";
		static const char *const venue[] = {"Proc. \xC3\x9C" "ber", "Proc. \xC3\x9C" "ber", "Other", "",
						    "Proc. \xC3\x9C" "ber", "The Volume"};
		static const int year[] = {2001, 2002, 2003, 2004, 1999, 2005};
		bs_bibctx *ctx = bs_bibctx_new();
		CHECK_INT(bs_reader_open_mem_shared(&r, "first.bib", first, sizeof first - 1, "bibtex", &diag, ctx, &err), 0);
		CHECK_INT(bs_bibtex_collect(r, ctx, &err), 0);
		bs_reader_close(r);
		/* one copy of the shared venue */
		CHECK(bs_bibctx_lookup(ctx, "a", 1)->venue == bs_bibctx_lookup(ctx, "e", 1)->venue);
		CHECK_INT(bs_reader_open_mem_shared(&r, "second.bib", second, sizeof second - 1, "bibtex", &diag, ctx, &err), 0);
		for (int i = 0; i < 6; i++) {
			CHECK_INT(bs_reader_next(r, &rec, &err), 1);
			CHECK_STR(rec->venue, venue[i]);
			CHECK_INT(rec->year, year[i]);
		}
		bs_reader_close(r);
		/* a stopped context takes nothing more */
		bs_bibctx_stop(ctx);
		CHECK_INT(bs_reader_open_mem_shared(&r, "late.bib", "@misc{late, year = 2020}", 24, "bibtex", &diag, ctx, &err), 0);
		CHECK_INT(bs_bibtex_collect(r, ctx, &err), 0);
		bs_reader_close(r);
		CHECK(bs_bibctx_lookup(ctx, "late", 4) == NULL);
		/* a reader of another context is refused */
		CHECK_INT(bs_reader_open_mem(&r, "own.bib", "@misc{o, year = 1}", 18, "bibtex", &diag, &err), 0);
		CHECK_INT(bs_bibtex_collect(r, ctx, &err), BS_ERR_USAGE);
		bs_reader_close(r);
		bs_bibctx_free(ctx);
	}
	/* crossref and macros from another file of the same run */
	{
		bs_store *s;
		bs_ingest_opts io;
		bs_ingest_totals tot;
		const char *paths[2];
		FILE *f;
		snprintf(dir, sizeof dir, "/tmp/bs_test_bib_XXXXXX");
		if (!mkdtemp(dir))
			return 1;
		snprintf(a, sizeof a, "%s/a.bib", dir);
		snprintf(b, sizeof b, "%s/z.bib", dir);
		snprintf(db, sizeof db, "%s/t.db", dir);
		f = fopen(a, "w");
		fputs("@inproceedings{p1, author = Someone, title = {Paper One}, crossref = {conf/x/2010}}\n", f);
		fclose(f);
		f = fopen(b, "w");
		fputs("@string{Someone = {Doe, Jane}}\n@proceedings{conf/x/2010, title = {Proc. of X}, year = 2010}\n", f);
		fclose(f);
		CHECK_INT(bs_store_open(&s, db, 0, &err), 0);
		memset(&io, 0, sizeof io);
		paths[0] = a;
		paths[1] = b;
		CHECK_INT(bs_ingest_paths(s, paths, 2, &io, &tot, &err), 0);
		{
			sqlite3_stmt *st;
			sqlite3_prepare_v2(bs_store_db(s), "SELECT p.year, v.name, (SELECT name FROM authorship WHERE paper_id = p.id)"
					   " FROM papers p LEFT JOIN venues v ON v.id = p.venue_id WHERE p.title = 'Paper One'", -1, &st, NULL);
			CHECK_INT(sqlite3_step(st), SQLITE_ROW);
			CHECK_INT(sqlite3_column_int(st, 0), 2010);
			CHECK_STR((const char *)sqlite3_column_text(st, 1), "Proc. of X");
			CHECK_STR((const char *)sqlite3_column_text(st, 2), "Jane Doe");
			sqlite3_finalize(st);
		}
		bs_store_close(s);
	}
	/* a venue named by acronym and year in its proceedings title is one
	 * venue over the years, shown by the acronym; "\-" and "\@" print
	 * nothing (regressions: GECCO was a venue a year in bibtex/iridia,
	 * "Lan-guage" a title and "Eur.@ J. Oper.@ Res." a venue) */
	{
		bs_store *s;
		bs_ingest_opts io;
		bs_ingest_totals tot;
		const char *paths[1];
		FILE *f;
		snprintf(a, sizeof a, "%s/gecco.bib", dir);
		snprintf(db, sizeof db, "%s/g.db", dir);
		f = fopen(a, "w");
		fputs("@inproceedings{g1, author = {Ann Bee}, title = {One}, year = 2013,\n"
		      " booktitle = {Genetic and Evolutionary Computation Conference, GECCO 2013, Proceedings, Amsterdam}}\n"
		      "@inproceedings{g2, author = {Ann Bee}, title = {Two}, year = 2019,\n"
		      " booktitle = {Proceedings of the Genetic and Evolutionary Computation Conference, GECCO 2019, Prague}}\n"
		      "@article{j1, author = {Cy Dee}, title = {Natural Lan\\-guage Un\\-der\\-stand\\-ing},\n"
		      " journal = {Eur.\\@ J. Oper.\\@ Res.}, year = 2001}\n", f);
		fclose(f);
		CHECK_INT(bs_store_open(&s, db, 0, &err), 0);
		memset(&io, 0, sizeof io);
		paths[0] = a;
		CHECK_INT(bs_ingest_paths(s, paths, 1, &io, &tot, &err), 0);
		{
			sqlite3_stmt *st;
			sqlite3_prepare_v2(bs_store_db(s), "SELECT (SELECT group_concat(name, '|') FROM (SELECT name FROM venues ORDER BY id)),"
					   " (SELECT group_concat(DISTINCT venue_id) FROM papers WHERE title IN ('One', 'Two')),"
					   " (SELECT title FROM papers WHERE id = 3)", -1, &st, NULL);
			CHECK_INT(sqlite3_step(st), SQLITE_ROW);
			CHECK_STR((const char *)sqlite3_column_text(st, 0), "GECCO|Eur. J. Oper. Res.");
			CHECK_STR((const char *)sqlite3_column_text(st, 1), "1");
			CHECK_STR((const char *)sqlite3_column_text(st, 2), "Natural Language Understanding");
			sqlite3_finalize(st);
		}
		bs_store_close(s);
	}
	bs_strbuf_release(&said);
	return test_done("bibtex");
}
