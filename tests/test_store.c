#include "store/store_db.h"
#include "test.h"
#include "store/ingest.h"
#include "store/query.h"
#include "readers/reader.h"
#include "store/store.h"
#include "text/keys.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	fputs(text, f);
	fclose(f);
}

static const char *p(const char *name)
{
	static char path[4][256];
	static int i;
	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
	return path[i];
}

static long long q1(bs_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *qs(bs_store *s, const char *sql)
{
	static char buf[512];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

/* what the venue migrations are checked by: the venues as id:name:key,
 * and each paper's venue id, in id order */
#define VENUE_ROWS "SELECT group_concat(id || ':' || name || ':' || key, '|') FROM (SELECT * FROM venues ORDER BY id)"
#define PAPER_VENUES "SELECT group_concat(venue_id, ' ') FROM (SELECT venue_id FROM papers ORDER BY id)"

/* A database as an older bibscope left it (a new one, then sql, which
 * fills it and sets PRAGMA user_version, run straight through SQLite),
 * opened again so that it migrates; NULL when any step fails. */
static bs_store *migrated(const char *path, const char *sql)
{
	bs_store *m;
	sqlite3 *db;
	bs_error e;
	int rc;

	if (bs_store_open(&m, path, 0, &e))
		return NULL;
	bs_store_close(m);
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return NULL;
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	if (rc != SQLITE_OK || bs_store_open(&m, path, 0, &e))
		return NULL;
	if (q1(m, "PRAGMA user_version") != BS_SCHEMA_VERSION) {
		bs_store_close(m);
		return NULL;
	}
	return m;
}

#define REC(title, authors, conf, url, abstract) \
	"## [1] " title "\n**Authors**: *" authors "*\n**Conference**: *" conf "*\n" \
	"**URL**: [" url "](" url ")\n**Abstract**:\n" abstract "\n----\n"

static int ingest(bs_store *s, const char *path, bs_ingest_totals *t)
{
	bs_ingest_opts o;
	bs_error err;
	const char *paths[1] = {path};

	memset(&o, 0, sizeof o);
	bs_error_clear(&err);
	return bs_ingest_paths(s, paths, 1, &o, t, &err);
}

int main(void)
{
	bs_store *s;
	bs_error err;
	bs_ingest_totals t;
	bs_table tab;
	bs_filter f;
	int rc;

	snprintf(dir, sizeof dir, "/tmp/bs_test_store_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	bs_error_clear(&err);
	rc = bs_store_open(&s, p("t.db"), 0, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(q1(s, "PRAGMA user_version"), BS_SCHEMA_VERSION);
	CHECK_STR(qs(s, "PRAGMA journal_mode"), "wal");
	CHECK_INT(q1(s, "PRAGMA foreign_keys"), 1);

	write_file("a.md",
		   REC("Deep Nets", "Ada Lovelace, Bernhard Sch\xC3\xB6lkopf", "nips 2021",
		       "https://doi.org/10.1/A", "short")
		   REC("Graph Things", "Bernhard Scholkopf, Alan Turing", "nips 2022",
		       "https://papers.example.org/g", "abs g")
		   REC("Title Only Match", "Alan Turing", "icml 2022", "", "x")
		   REC("Same Name Twice", "Alan Turing, alan turing", "icml 2022", "", "y"));
	rc = ingest(s, p("a.md"), &t);
	CHECK_INT(rc, 0);
	CHECK_INT(t.new_papers, 4);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers"), 4);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM authors"), 3);
	/* the same person twice in one byline counts once */
	CHECK_INT(q1(s, "SELECT n_authors FROM papers WHERE title = 'Same Name Twice'"), 1);
	/* Schölkopf: 1 accented + 1 plain spelling; ties prefer the longer (accented) form */
	CHECK_STR(qs(s, "SELECT name FROM authors WHERE key = 'bernhard scholkopf'"),
		  "Bernhard Sch\xC3\xB6lkopf");
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM ingest_files WHERE sha256 != '' AND new = 4"), 1);

	/* re-ingest: all duplicates, nothing new */
	rc = ingest(s, p("a.md"), &t);
	CHECK_INT(rc, 0);
	CHECK_INT(t.new_papers, 0);
	CHECK_INT(t.duplicate, 4);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers"), 4);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM paper_sources"), 8);

	/* overlapping file: DOI match (other case), URL match (http vs https,
	 * trailing slash), title+year+first-author match; richer abstract wins */
	write_file("b.md",
		   REC("Deep Nets (extended)", "Ada Lovelace", "nips 2021",
		       "https://doi.org/10.1/a", "a much longer abstract than before")
		   REC("Graph Things", "Bernhard Scholkopf", "nips 2022",
		       "http://papers.example.org/g/", "g")
		   REC("title only   match!", "Alan Turing", "icml 2022", "", "")
		   REC("Title Only Match", "Someone Else", "icml 2022", "", "")
		   REC("Title Only Match", "Alan Turing", "icml 2023", "", "")
		   REC("Kernel Stuff", "Bernhard Scholkopf", "nips 2022", "", "k"));
	rc = ingest(s, p("b.md"), &t);
	CHECK_INT(rc, 0);
	CHECK_INT(t.duplicate, 3);
	CHECK_INT(t.new_papers, 3);
	CHECK_STR(qs(s, "SELECT abstract FROM papers WHERE doi = '10.1/a'"),
		  "a much longer abstract than before");
	CHECK_STR(qs(s, "SELECT title FROM papers WHERE doi = '10.1/a'"), "Deep Nets");
	CHECK_STR(qs(s, "SELECT abstract FROM papers WHERE title = 'Graph Things'"), "abs g");
	/* duplicates add no authorship; the new paper makes the plain spelling
	 * the more frequent one (2 : 1) */
	CHECK_STR(qs(s, "SELECT name FROM authors WHERE key = 'bernhard scholkopf'"),
		  "Bernhard Scholkopf");

	/* a record with a DOI matches a stored paper without one by title (the
	 * 'T' filter), and fills in the DOI; a later record with another DOI
	 * and the same title is a new paper (regression: the filter of
	 * DOI-less papers must not lose or invent matches) */
	write_file("c.md", REC("Doi Less Paper", "Grace Hopper", "icml 2022", "https://example.org/dlp", "a"));
	rc = ingest(s, p("c.md"), &t);
	CHECK_INT(rc, 0);
	CHECK_INT(t.new_papers, 1);
	write_file("d.md",
		   REC("Doi-less paper", "Grace Hopper", "icml 2022", "https://doi.org/10.9/DLP", "b")
		   REC("Doi Less Paper", "Grace Hopper", "icml 2022", "https://doi.org/10.9/other", "c"));
	rc = ingest(s, p("d.md"), &t);
	CHECK_INT(rc, 0);
	CHECK_INT(t.duplicate, 1);
	CHECK_INT(t.new_papers, 1);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers WHERE title_key = 'doilesspaper'"), 2);
	CHECK_STR(qs(s, "SELECT doi FROM papers WHERE url = 'https://example.org/dlp'"), "10.9/dlp");
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers WHERE doi = '10.9/other'"), 1);

	/* a failing file leaves nothing behind: a directory walk with a
	 * good file, a binary file and an unreadable subdirectory */
	{
		char sub[128];
		long long before = q1(s, "SELECT COUNT(*) FROM papers");
		snprintf(sub, sizeof sub, "%s/mix", dir);
		mkdir(sub, 0700);
		write_file("mix/good.md", REC("Fresh Paper", "New Person", "aaai 2022", "", "z"));
		write_file("mix/bad.bin", "\x7f" "ELF\1\1\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
		write_file("mix/empty.md", "");
		rc = ingest(s, sub, &t);
		CHECK_INT(rc, 0);           /* unknown formats found by a walk are skipped */
		CHECK_INT(t.files, 1);
		CHECK_INT(t.files_skipped, 2);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers"), before + 1);
		rc = ingest(s, p("mix/bad.bin"), &t);   /* named explicitly: an error */
		CHECK_INT(rc, BS_ERR_FORMAT);
		CHECK_INT(t.files_failed, 1);
		rc = ingest(s, p("nonexistent.md"), &t);
		CHECK_INT(rc, BS_ERR_IO);
	}

	/* queries */
	memset(&f, 0, sizeof f);
	rc = bs_query_top_authors(s, &f, 0, 2, &tab, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(tab.nrows, 2);
	CHECK_STR(bs_table_get(&tab, 0, 1), "Alan Turing");
	CHECK_STR(bs_table_get(&tab, 0, 2), "4");
	bs_table_release(&tab);
	{
		/* top N unfiltered by papers counts from the index first, then
		 * joins the authors at or above the N-th count: the same rows as
		 * the plain query (top 0, every author), ties at the cut included */
		bs_table all, some;
		rc = bs_query_top_authors(s, &f, 0, 0, &all, &err);
		CHECK_INT(rc, 0);
		for (int n = 1; n <= (int)all.nrows + 2; n++) {
			rc = bs_query_top_authors(s, &f, 0, n, &some, &err);
			CHECK_INT(rc, 0);
			CHECK_INT(some.nrows, n < (int)all.nrows ? n : (int)all.nrows);
			for (size_t r = 0; r < some.nrows; r++)
				for (size_t c = 0; c < 4; c++)
					CHECK_STR(bs_table_get(&some, r, c), bs_table_get(&all, r, c));
			bs_table_release(&some);
		}
		bs_table_release(&all);
	}
	f.venue = "NIPS";
	rc = bs_query_top_authors(s, &f, 1, 0, &tab, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(tab.nrows, 3);
	CHECK_STR(bs_table_get(&tab, 0, 1), "Bernhard Scholkopf");   /* 0.5 + 0.5 */
	CHECK_STR(bs_table_get(&tab, 0, 3), "2.00");
	bs_table_release(&tab);
	memset(&f, 0, sizeof f);
	CHECK_INT(bs_filter_parse_years(&f, "2022-2023", &err), 0);
	CHECK_INT(f.year_from, 2022);
	CHECK_INT(f.year_to, 2023);
	CHECK_INT(bs_filter_parse_years(&f, "2023-2021", &err), BS_ERR_USAGE);
	CHECK_INT(bs_filter_parse_years(&f, "abc", &err), BS_ERR_USAGE);
	f.venue = "x' OR '1'='1";   /* bound, never interpolated */
	rc = bs_query_top_authors(s, &f, 0, 0, &tab, &err);
	CHECK_INT(rc, 0);
	CHECK_INT(tab.nrows, 0);
	bs_table_release(&tab);
	bs_store_close(s);

	/* batched bulk load (regression tests for the row batches and the
	 * filter that answers dedup lookups while the lookup indexes are
	 * deferred) */
	{
		bs_store *b;
		char rec[512], cmd[600];
		FILE *fp;

		/* 1,200 papers: records 1000-1099 repeat 0-99 by DOI (a batch
		 * written long before), record 1100 + k repeats 1100 + k - 1 by
		 * title + first author (still pending in the same batch); five
		 * "Preface" papers share title and year, two of them by the same
		 * first author (one key, several papers: the filter's lists) */
		fp = fopen(p("bulk.md"), "wb");
		for (int i = 0; i < 1200; i++) {
			if (i < 1000)
				snprintf(rec, sizeof rec, REC("Paper %d", "Author %d, Coauthor %d", "icml 2022",
							      "https://doi.org/10.5/p%d", "abstract %d"),
					 i, i, i % 37, i, i, i);
			else if (i < 1100)
				snprintf(rec, sizeof rec, REC("Paper %d again", "Author %d", "icml 2022",
							      "https://doi.org/10.5/P%d", "a longer abstract %d"),
					 i - 1000, i - 1000, i - 1000, i - 1000, i);
			else if (i % 2 == 0)
				snprintf(rec, sizeof rec, REC("Twin %d", "Person %d", "aaai 2021", "", "t"),
					 i, i);
			else
				snprintf(rec, sizeof rec, REC("Twin %d", "Person %d", "aaai 2021", "", "t"),
					 i - 1, i - 1);
			fputs(rec, fp);
		}
		fputs(REC("Preface", "Editor One", "ijcai 2021", "", "")
		      REC("Preface", "Editor Two", "ijcai 2021", "", "")
		      REC("Preface", "Editor Three", "ijcai 2021", "", "")
		      REC("Preface", "Editor Two", "ijcai 2021", "", "the second one again")
		      REC("Preface", "Editor Four", "ijcai 2021", "", ""), fp);
		fclose(fp);
		rc = bs_store_open(&b, p("bulk.db"), BS_STORE_BUILD, &err);
		CHECK_INT(rc, 0);
		rc = ingest(b, p("bulk.md"), &t);
		CHECK_INT(rc, 0);
		CHECK_INT(t.read, 1205);
		CHECK_INT(t.new_papers, 1000 + 50 + 4);
		CHECK_INT(t.duplicate, 100 + 50 + 1);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM papers"), 1054);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM paper_sources"), 1205);
		CHECK_STR(qs(b, "SELECT abstract FROM papers WHERE doi = '10.5/p7'"), "a longer abstract 1007");
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM paper_sources s JOIN papers p ON p.id = s.paper_id"
			       " WHERE s.match = 'doi' AND p.title = 'Paper ' || (s.position - 1001)"), 100);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM paper_sources WHERE match LIKE 'title%'"), 51);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM papers WHERE title = 'Preface'"), 4);
		CHECK_STR(qs(b, "SELECT p.abstract FROM papers p JOIN authorship s ON s.paper_id = p.id"
			       " AND s.position = 0 WHERE p.title = 'Preface' AND s.name = 'Editor Two'"),
			  "the second one again");
		/* ids are dense and every byline points at stored rows */
		CHECK_INT(q1(b, "SELECT max(id) FROM papers"), 1054);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM authorship s LEFT JOIN authors a ON a.id = s.author_id"
			       " LEFT JOIN papers p ON p.id = s.paper_id WHERE a.id IS NULL OR p.id IS NULL"), 0);
		/* the deferred indexes exist once the load is finished */
		bs_store_close(b);
		rc = bs_store_open(&b, p("bulk.db"), 0, &err);
		CHECK_INT(rc, 0);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN"
			       " ('papers_doi', 'papers_url', 'papers_title', 'authorship_author',"
			       " 'papers_venue_year', 'paper_sources_paper')"), 6);
		CHECK_STR(qs(b, "PRAGMA integrity_check"), "ok");

		/* a batch whose only text is an empty title binds '' (regression:
		 * it bound NULL and the file failed on papers.title NOT NULL) */
		write_file("notitle.bib", "@inproceedings{a1,\n  author = {Ann Able},\n  year = {2020}\n}\n");
		{
			bs_store *e;
			CHECK_INT(bs_store_open(&e, p("notitle.db"), BS_STORE_BUILD, &err), 0);
			CHECK_INT(ingest(e, p("notitle.bib"), &t), 0);
			CHECK_INT(t.new_papers, 1);
			bs_store_close(e);
		}

		/* a file that fails part-way (truncated gzip) leaves no row of it,
		 * pending or written; the next file gets the next ids */
		fp = fopen(p("trunc.md"), "wb");
		for (int i = 0; i < 3000; i++) {
			snprintf(rec, sizeof rec, REC("Lost %d", "Nobody %d", "icml 2023", "", "gone %d"), i,
				 i, i);
			fputs(rec, fp);
		}
		fclose(fp);
		snprintf(cmd, sizeof cmd, "gzip -c '%s' | head -c 20000 > '%s'", p("trunc.md"),
			 p("trunc.md.gz"));
		CHECK_INT(system(cmd), 0);
		rc = ingest(b, p("trunc.md.gz"), &t);
		CHECK_INT(rc, BS_ERR_IO);   /* regression: a cut gzip stream read as complete */
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM papers"), 1054);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM authors WHERE name LIKE 'Nobody%'"), 0);
		write_file("after.md", REC("After Failure", "Somebody New", "icml 2023", "", "x"));
		rc = ingest(b, p("after.md"), &t);
		CHECK_INT(rc, 0);
		CHECK_INT(q1(b, "SELECT id FROM papers WHERE title = 'After Failure'"), 1055);
		CHECK_STR(qs(b, "PRAGMA foreign_key_check"), "");
		bs_store_close(b);

		/* migration 6 -> 7: a version-6 database (authors.key UNIQUE
		 * inline) gets the named index, keeping ids and references */
		{
			sqlite3 *db;
			sqlite3_open(p("bulk.db"), &db);
			CHECK_INT(sqlite3_exec(db,
					       "PRAGMA foreign_keys = OFF; BEGIN;"
					       " CREATE TABLE a6(id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE);"
					       " INSERT INTO a6 SELECT * FROM authors; DROP TABLE authors;"
					       " ALTER TABLE a6 RENAME TO authors; DROP TABLE venue_names;"
					       /* version 7's paper_terms: a pair a row */
					       " DROP VIEW paper_terms; DROP TABLE paper_term_lists;"
					       " CREATE TABLE paper_terms(paper_id INTEGER NOT NULL, term_id INTEGER NOT NULL,"
					       "  in_title INTEGER NOT NULL, in_abstract INTEGER NOT NULL,"
					       "  PRIMARY KEY(paper_id, term_id)) WITHOUT ROWID;"
					       " INSERT INTO paper_terms VALUES(2, 7, 0, 1), (1, 5, 1, 0), (1, 3, 0, 12);"
					       " PRAGMA user_version = 6; COMMIT;",
					       NULL, NULL, NULL), SQLITE_OK);
			sqlite3_close(db);
		}
		rc = bs_store_open(&b, p("bulk.db"), 0, &err);
		CHECK_INT(rc, 0);
		CHECK_INT(q1(b, "PRAGMA user_version"), BS_SCHEMA_VERSION);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'authors_key'"), 1);
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_authors%'"), 0);
		CHECK_INT(q1(b, "PRAGMA foreign_keys"), 1);
		CHECK_STR(qs(b, "PRAGMA foreign_key_check"), "");
		CHECK_STR(qs(b, "SELECT a.name FROM authorship s JOIN authors a ON a.id = s.author_id"
			       " JOIN papers p ON p.id = s.paper_id WHERE p.title = 'After Failure'"), "Somebody New");
		/* migration 7 -> 8: the pairs become one list a paper, in term
		 * order, and the view shows them as before */
		CHECK_STR(qs(b, "SELECT group_concat(paper_id || ':' || terms, ' ') FROM"
			       " (SELECT * FROM paper_term_lists ORDER BY paper_id)"), "1:[[3,0,12],[5,1,0]] 2:[[7,0,1]]");
		CHECK_STR(qs(b, "SELECT group_concat(paper_id || '/' || term_id || '/' || in_title || '/' || in_abstract, ' ')"
			       " FROM (SELECT * FROM paper_terms ORDER BY paper_id, term_id)"), "1/3/0/12 1/5/1/0 2/7/0/1");
		CHECK_INT(q1(b, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'paper_terms' AND type = 'view'"), 1);
		bs_store_close(b);
	}

	/* the store's title and URL keys are text/keys.h's (test_keys.c) */
	{
		bs_strbuf k1 = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT;
		bs_store_title_key("$\\alpha$-IoU: A Family", &k1);
		bs_keys_title("$\\alpha$-IoU: A Family", &k2);
		CHECK_STR(bs_strbuf_str(&k1), bs_strbuf_str(&k2));
		CHECK_STR(bs_strbuf_str(&k1), "alphaiouafamily");
		bs_store_url_key("https://www.Example.org/A/", &k1);
		CHECK_STR(bs_strbuf_str(&k1), "example.org/A");
		bs_strbuf_release(&k1);
		bs_strbuf_release(&k2);
	}

	/* author-less records match by title + year only within one venue and
	 * when their URLs do not differ (regression: DBLP's "Front Matter" of
	 * ten ACL 2013 volumes, author-less with their own URLs, was one paper) */
	{
		bs_store *m;
		rc = bs_store_open(&m, p("fm.db"), 0, &err);
		CHECK_INT(rc, 0);
		write_file("fm1.bib",
			   "@inproceedings{a, title = {Front Matter}, year = 2013, booktitle = {ACL (1)},"
			   " url = {http://x.org/P13-1000.pdf}, author = {}}\n"
			   "@inproceedings{b, title = {Front Matter}, year = 2013, booktitle = {ACL (Student Research Workshop)},"
			   " url = {http://x.org/P13-3000.pdf}}\n"
			   "@inproceedings{c, title = {Front Matter}, year = 2013, booktitle = {ACL (2)},"
			   " url = {http://x.org/P13-2000.pdf}}\n"
			   "@inproceedings{d, title = {Front Matter}, year = 2013, booktitle = {EMNLP}}\n"
			   "@inproceedings{e, title = {Front Matter}, year = 2013}\n");
		write_file("fm2.bib",
			   "@inproceedings{a2, title = {Front Matter}, year = 2013, booktitle = {Proceedings of the"
			   " Conference on Empirical Methods in Natural Language Processing}}\n"
			   "@inproceedings{f, title = {Front Matter}, year = 2013, booktitle = {ACL (1)},"
			   " url = {http://x.org/P13-1000.pdf}, author = {Ann Editor}}\n");
		CHECK_INT(ingest(m, p("fm1.bib"), &t), 0);
		CHECK_INT((int)t.new_papers, 5);   /* three ACL volumes, EMNLP, no venue */
		CHECK_INT(ingest(m, p("fm2.bib"), &t), 0);
		CHECK_INT((int)t.duplicate, 2);    /* EMNLP by its long name; the same URL */
		CHECK_INT(q1(m, "SELECT COUNT(*) FROM papers"), 5);
		bs_store_close(m);
	}

	/* a shared URL is one paper only when the years do not differ and the
	 * titles or else the first authors agree (regression: DBLP gives the
	 * papers of a workshop its proceedings' URL; eleven became one) */
	{
		bs_store *m;
		rc = bs_store_open(&m, p("url.db"), 0, &err);
		CHECK_INT(rc, 0);
		write_file("u1.bib",
			   "@inproceedings{a, title = {Enriching Taxonomies}, year = 2011, author = {Si-Chi Chin},"
			   " url = {http://x.org/proceedings.pdf}}\n"
			   "@inproceedings{b, title = {Mining Something Else}, year = 2011, author = {Ann Other},"
			   " url = {http://x.org/proceedings.pdf}}\n"
			   "@inproceedings{c, title = {Spiking Networks}, year = 1994, author = {Wolfgang Maass},"
			   " url = {http://x.org/1158}}\n"
			   "@inproceedings{d, title = {Noisy Spiking Neurons}, year = 1995, author = {Wolfgang Maass},"
			   " url = {http://x.org/1158}}\n");
		CHECK_INT(ingest(m, p("u1.bib"), &t), 0);
		CHECK_INT((int)t.new_papers, 4);
		write_file("u2.bib",
			   "@inproceedings{e, title = {Enriching Taxonomies (extended abstract)}, year = 2011,"
			   " author = {Chin, Si-Chi}, url = {https://x.org/proceedings.pdf}}\n"
			   "@inproceedings{f, title = {Mining Something Else}, author = {Nobody Else},"
			   " url = {http://x.org/proceedings.pdf}}\n");
		CHECK_INT(ingest(m, p("u2.bib"), &t), 0);
		CHECK_INT((int)t.duplicate, 2);   /* the first author; the title */
		CHECK_INT(q1(m, "SELECT COUNT(*) FROM papers"), 4);
		CHECK_INT(q1(m, "SELECT COUNT(*) FROM paper_sources WHERE match = 'url'"), 2);
		bs_store_close(m);
	}

	/* migration 8 -> 9: keys without the nickname in parentheses; an
	 * author whose new key is taken merges into its holder (regression:
	 * "Zhangyang (Atlas) Wang" was a second Zhangyang Wang) */
	{
		bs_store *m;
		m = migrated(p("nick.db"),
				       "BEGIN;"
				       " INSERT INTO venues VALUES (1, 'CVPR (1)', 'cvpr 1'), (2, 'CVPR', 'cvpr'),"
				       "  (3, 'Proceedings of the Fifteenth International Conference on Artificial"
				       " Intelligence and Statistics', 'proceedings of the fifteenth international conference"
				       " on artificial intelligence and statistics'), (4, 'ICML', 'icml');"
				       " INSERT INTO papers(id, title, title_key, n_authors, venue_id) VALUES"
				       "  (1, 'P1', 'p1', 1, 1), (2, 'P2', 'p2', 2, 2), (3, 'P3', 'p3', 3, 3),"
				       "  (4, '\xCE\xB1-IoU', '\xCE\xB1iou', 0, 4);"
				       " INSERT INTO authors VALUES (1, 'Duen Horng Chau', 'duen horng chau'),"
				       "  (2, 'Duen Horng (Polo) Chau', 'duen horng polo chau'),"
				       "  (3, 'Nanyun (Violet) Peng', 'nanyun violet peng'),"
				       "  (4, 'Richard (Rick) Roberts', 'richard rick roberts 0001'), (5, '(Polo)', 'polo');"
				       " INSERT INTO authorship(paper_id, position, author_id, name) VALUES (1, 0, 1, 'Duen Horng Chau'),"
				       "  (2, 0, 2, 'Duen Horng (Polo) Chau'), (2, 1, 4, 'Richard (Rick) Roberts'),"
				       "  (3, 0, 2, 'Duen Horng (Polo) Chau'), (3, 1, 1, 'Duen Horng Chau'),"
				       "  (3, 2, 3, 'Nanyun (Violet) Peng');"
				       " INSERT INTO runs VALUES (1, 'graph', '{}', 1, '{}', '2026-01-01');"
				       " INSERT INTO author_metrics VALUES (1, 2, 2, 1, 1, 1, 0.5, 0, 1, 1, 1, 0, 0);"
				       " PRAGMA user_version = 8; COMMIT;");
		CHECK(m != NULL);
		if (m) {
			CHECK_STR(qs(m, "SELECT group_concat(id || ':' || name || ':' || key, '|') FROM"
				       " (SELECT * FROM authors ORDER BY id)"),
				  "1:Duen Horng Chau:duen horng chau|3:Nanyun (Violet) Peng:nanyun peng|"
				  "4:Richard (Rick) Roberts:richard roberts 0001|5:(Polo):polo");
			CHECK_STR(qs(m, "SELECT group_concat(paper_id || '/' || position || '/' || author_id, ' ') FROM"
				       " (SELECT * FROM authorship ORDER BY paper_id, position)"), "1/0/1 2/0/1 2/1/4 3/1/1 3/2/3");
			CHECK_INT(q1(m, "SELECT n_authors FROM papers WHERE id = 3"), 2);
			CHECK_STR(qs(m, "SELECT title_key FROM papers WHERE id = 4"), "alphaiou");
			/* venues: "CVPR (1)" merges with "CVPR" into the oldest row, shown
			 * as "CVPR"; PMLR's long name is keyed aistats */
			CHECK_STR(qs(m, VENUE_ROWS),
				  "1:CVPR:cvpr|3:International Conference on Artificial Intelligence and Statistics:aistats|"
				  "4:ICML:icml");
			CHECK_STR(qs(m, PAPER_VENUES),
				  "1 1 3 4");
			CHECK_STR(qs(m, "SELECT title_key FROM papers WHERE id = 1"), "p1");
			CHECK_INT(q1(m, "SELECT COUNT(*) FROM runs"), 0);
			CHECK_INT(q1(m, "SELECT COUNT(*) FROM author_metrics"), 0);
			CHECK_STR(qs(m, "PRAGMA foreign_key_check"), "");
			bs_store_close(m);
		}
	}

	/* migration 9 -> 10: journal names and their ISO 4 abbreviations are
	 * one venue (regression: "Appl. Phys. Lett." had 1,043 papers and
	 * "Applied Physics Letters" another 23 in the edge-case files), shown
	 * by the abbreviation; one-word names stay apart; the keyword tables,
	 * which count by venue, are dropped */
	{
		bs_store *m;
		m = migrated(p("iso4.db"),
				       "BEGIN;"
				       " INSERT INTO venues VALUES (1, 'Applied Physics Letters', 'applied physics letters'),"
				       "  (2, 'Appl. Phys. Lett.', 'appl phys lett'), (3, 'Computer', 'computer'),"
				       "  (4, 'Computing', 'computing'), (5, 'J. Phys.', 'j phys'),"
				       "  (6, 'Journal of Physiology', 'journal of physiology');"
				       " INSERT INTO papers(id, title, title_key, n_authors, venue_id) VALUES"
				       "  (1, 'P1', 'p1', 0, 1), (2, 'P2', 'p2', 0, 2), (3, 'P3', 'p3', 0, 3),"
				       "  (4, 'P4', 'p4', 0, 4), (5, 'P5', 'p5', 0, 5), (6, 'P6', 'p6', 0, 6);"
				       " INSERT INTO terms(id, key, display, n, papers, occurrences) VALUES (1, 'x', 'x', 1, 1, 1);"
				       " PRAGMA user_version = 9; COMMIT;");
		CHECK(m != NULL);
		if (m) {
			CHECK_STR(qs(m, VENUE_ROWS),
				  "1:Appl. Phys. Lett.:appl phys lett|3:Computer:computer|4:Computing:computing|"
				  "5:J. Phys.:j phys|6:Journal of Physiology:j physiology");
			CHECK_STR(qs(m, PAPER_VENUES),
				  "1 1 3 4 5 6");
			CHECK_INT(q1(m, "SELECT COUNT(*) FROM terms"), 0);
			CHECK_STR(qs(m, "PRAGMA foreign_key_check"), "");
			bs_store_close(m);
		}
	}

	/* migration 10 -> 11: a proceedings title that names its venue by
	 * acronym and year is that venue (regression: GECCO's 160 papers in
	 * bibtex/iridia were 34 venues, one a year), DBLP's "Vol. 1" goes, each
	 * venue is shown by its display form, and the "@" that "\@" left in
	 * BibTeX venues goes */
	{
		bs_store *m;
		m = migrated(p("acr.db"),
			     "BEGIN;"
			     " INSERT INTO venues VALUES"
			     "  (1, 'Genetic and Evolutionary Computation Conference, GECCO 2013, Proceedings, Amsterdam', 'g13'),"
			     "  (2, 'Proceedings of the Genetic and Evolutionary Computation Conference, GECCO 2019, Prague', 'g19'),"
			     "  (3, 'AAAI/IAAI, Vol. 1', 'aaai iaai vol 1'), (4, 'AAAI/IAAI', 'aaai iaai'),"
			     "  (5, 'Eur.@ J. Oper.@ Res.', 'eur j oper res'), (6, 'ACCV Workshops (1)', 'accv workshops'),"
			     "  (7, 'Language@Internet', 'language internet');"
			     " INSERT INTO papers(id, title, title_key, n_authors, venue_id) VALUES"
			     "  (1, 'P1', 'p1', 0, 1), (2, 'P2', 'p2', 0, 2), (3, 'P3', 'p3', 0, 3),"
			     "  (4, 'P4', 'p4', 0, 4), (5, 'P5', 'p5', 0, 5), (6, 'P6', 'p6', 0, 6), (7, 'P7', 'p7', 0, 7);"
			     " PRAGMA user_version = 10; COMMIT;");
		CHECK(m != NULL);
		if (m) {
			CHECK_STR(qs(m, VENUE_ROWS),
				  "1:GECCO:gecco|3:AAAI/IAAI:aaai|5:Eur. J. Oper. Res.:eur j oper res|"
				  "6:ACCV Workshops:accv workshops|7:Language@Internet:language internet");
			CHECK_STR(qs(m, PAPER_VENUES),
				  "1 1 3 3 5 6 7");
			/* an older database's venue_names: each display name, its papers */
			CHECK_STR(qs(m, "SELECT group_concat(venue_id || ':' || name || ':' || records, '|') FROM"
				       " (SELECT * FROM venue_names ORDER BY venue_id)"),
				  "1:GECCO:2|3:AAAI/IAAI:2|5:Eur. J. Oper. Res.:1|6:ACCV Workshops:1|7:Language@Internet:1");
			CHECK_STR(qs(m, "PRAGMA foreign_key_check"), "");
			bs_store_close(m);
		}
	}

	/* migration 11 -> 12: Web of Science's "NAME, ACRONYM" is the acronym,
	 * every edition at the front goes (regression: EuCAP was 3 venues,
	 * "2023 17TH ...", "2024 18TH ..." and DBLP's "EuCAP"; the IEEE World
	 * Forum on IoT 8), and a merged venue's spellings move with it, the
	 * records of one spelling summed */
	{
		bs_store *m;
		m = migrated(p("wos12.db"),
			     "BEGIN;"
			     " INSERT INTO venues VALUES"
			     "  (1, '2023 17TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP', 'e17'),"
			     "  (2, '2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP', 'e18'),"
			     "  (3, 'EuCAP', 'eucap'), (4, '2019 IEEE SENSORS', 'ieee sensors'),"
			     "  (5, '2016 IEEE INTERNATIONAL CONFERENCE ON RFID TECHNOLOGY AND APPLICATIONS (RFID-TA)', 'r16'),"
			     "  (6, 'RFID-TA', 'x6');"
			     " INSERT INTO papers(id, title, title_key, n_authors, venue_id) VALUES"
			     "  (1, 'P1', 'p1', 0, 1), (2, 'P2', 'p2', 0, 2), (3, 'P3', 'p3', 0, 3),"
			     "  (4, 'P4', 'p4', 0, 4), (5, 'P5', 'p5', 0, 5), (6, 'P6', 'p6', 0, 6);"
			     " INSERT INTO venue_names VALUES (1, '2023 17TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP', 1),"
			     "  (2, '2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP', 1), (3, 'EuCAP', 4),"
			     "  (4, '2019 IEEE SENSORS', 1), (4, '2018 IEEE SENSORS', 2), (5, 'RFID-TA', 2), (6, 'RFID-TA', 3);"
			     " INSERT INTO terms(id, key, display, n, papers, occurrences) VALUES (1, 'x', 'x', 1, 1, 1);"
			     " PRAGMA user_version = 11; COMMIT;");
		CHECK(m != NULL);
		if (m) {
			CHECK_STR(qs(m, VENUE_ROWS), "1:EuCAP:eucap|4:IEEE SENSORS:ieee sensors|5:RFID-TA:rfid ta");
			CHECK_STR(qs(m, PAPER_VENUES), "1 1 1 4 5 5");
			CHECK_STR(qs(m, "SELECT group_concat(venue_id || ':' || name || ':' || records, '|') FROM"
				       " (SELECT * FROM venue_names ORDER BY venue_id, name)"),
				  "1:2023 17TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP:1|"
				  "1:2024 18TH EUROPEAN CONFERENCE ON ANTENNAS AND PROPAGATION, EUCAP:1|1:EuCAP:4|"
				  "4:2018 IEEE SENSORS:2|4:2019 IEEE SENSORS:1|5:RFID-TA:5");
			CHECK_INT(q1(m, "SELECT COUNT(*) FROM terms"), 0);
			CHECK_STR(qs(m, "PRAGMA foreign_key_check"), "");
			bs_store_close(m);
		}
	}

	/* venue_names: every spelling with the records that used it, summed
	 * over files, duplicates included; a file rolled back leaves no count,
	 * here or in the next file's */
	{
		bs_store *vs;
		bs_reader *r;
		bs_record *rec;
		bs_file_counts fc;
		int64_t fid;
		static const char recs[] = REC("Spelling One", "Ann Able", "NIPS 2022", "", "a")
			REC("Spelling Two", "Bob Burr", "NIPS 2022", "", "b")
			REC("Spelling Three", "Cy Dee", "nips 2023", "", "c");
		CHECK_INT(bs_store_open(&vs, p("vn.db"), 0, &err), 0);
		write_file("vn1.md", recs);
		CHECK_INT(ingest(vs, p("vn1.md"), &t), 0);
		CHECK_STR(qs(vs, "SELECT group_concat(name || ':' || records, ' ') FROM"
			       " (SELECT name, records FROM venue_names ORDER BY name)"), "NIPS:2 nips:1");
		/* a rolled-back file */
		memset(&fc, 0, sizeof fc);
		CHECK_INT(bs_store_file_begin(vs, "rolled.md", "paperlist", &fid, &err), 0);
		CHECK_INT(bs_reader_open_mem(&r, "rolled.md", recs, sizeof recs - 1, "paperlist", NULL, &err), 0);
		while (bs_reader_next(r, &rec, &err) == 1)
			CHECK_INT(bs_store_add_record(vs, fid, "paperlist", rec, &fc, NULL, NULL, &err), 0);
		bs_reader_close(r);
		bs_store_file_rollback(vs);
		/* then the same records again, as duplicates */
		write_file("vn2.md", REC("Spelling One", "Ann Able", "NIPS 2022", "", "a"));
		CHECK_INT(ingest(vs, p("vn2.md"), &t), 0);
		CHECK_STR(qs(vs, "SELECT group_concat(name || ':' || records, ' ') FROM"
			       " (SELECT name, records FROM venue_names ORDER BY name)"), "NIPS:3 nips:1");
		CHECK_STR(qs(vs, "PRAGMA foreign_key_check"), "");
		bs_store_close(vs);
	}

	/* a venue spelled with capitals replaces an all-lowercase display
	 * name once ("nips" from the paper lists, then "NIPS" from DBLP), and a
	 * later lowercase spelling does not bring it back */
	rc = bs_store_open(&s, p("t.db"), 0, &err);
	CHECK_INT(rc, 0);
	CHECK_STR(qs(s, "SELECT name FROM venues WHERE key = 'nips'"), "nips");
	write_file("v1.md", REC("Venue Caps Paper", "Grace Hopper", "NIPS 2022", "", "v"));
	CHECK_INT(ingest(s, p("v1.md"), &t), 0);
	CHECK_STR(qs(s, "SELECT name FROM venues WHERE key = 'nips'"), "NIPS");
	write_file("v2.md", REC("Venue Lower Paper", "Grace Hopper", "nips 2023", "", "w"));
	CHECK_INT(ingest(s, p("v2.md"), &t), 0);
	CHECK_STR(qs(s, "SELECT name FROM venues WHERE key = 'nips'"), "NIPS");
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM venues WHERE key = 'nips'"), 1);
	/* one venue whichever export named it, shown by its best spelling:
	 * the long name first, then the acronym replaces it (venue.h) */
	write_file("v3.md", REC("Long Venue Paper", "Grace Hopper",
				"International Conference on Learning Representations 2017", "", "l"));
	CHECK_INT(ingest(s, p("v3.md"), &t), 0);
	CHECK_STR(qs(s, "SELECT name FROM venues WHERE key = 'iclr'"), "International Conference on Learning Representations");
	write_file("v4.md", REC("Short Venue Paper", "Grace Hopper", "ICLR 2018", "", "m"));
	CHECK_INT(ingest(s, p("v4.md"), &t), 0);
	CHECK_STR(qs(s, "SELECT name FROM venues WHERE key = 'iclr'"), "ICLR");
	CHECK_INT(q1(s, "SELECT COUNT(DISTINCT venue_id) FROM papers WHERE title LIKE '% Venue Paper'"), 1);
	bs_store_close(s);

	/* reopen read-only: nothing can be written, and the last close leaves
	 * no -wal or -shm file behind (regression: read-only commands left
	 * both); a newer schema is refused */
	rc = bs_store_open(&s, p("t.db"), BS_STORE_READONLY, &err);
	CHECK_INT(rc, 0);
	CHECK(q1(s, "SELECT COUNT(*) FROM papers") > 0);
	CHECK(bs_store_exec(s, "CREATE TABLE x(a)", &err) != 0);
	bs_store_close(s);
	{
		struct stat st;
		CHECK(stat(p("t.db-wal"), &st) != 0 && stat(p("t.db-shm"), &st) != 0);
	}
	rc = bs_store_open(&s, p("none.db"), BS_STORE_MUST_EXIST, &err);
	CHECK_INT(rc, BS_ERR_NOTFOUND);
	{
		sqlite3 *db;
		sqlite3_open(p("t.db"), &db);
		sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
		sqlite3_close(db);
		rc = bs_store_open(&s, p("t.db"), 0, &err);
		CHECK_INT(rc, BS_ERR_DB);
		CHECK(strstr(err.msg, "newer") != NULL);
	}
	/* a file that is not a database */
	write_file("notdb.db", "this is not a database, just text that is long enough........");
	rc = bs_store_open(&s, p("notdb.db"), 0, &err);
	CHECK_INT(rc, BS_ERR_DB);

	/* another program's database: refused by every open, left as it was
	 * (no bibscope table, journal mode unchanged); an empty file is only
	 * made a database by an open that may create */
	{
		sqlite3 *db;
		sqlite3_open(p("other.db"), &db);
		sqlite3_exec(db, "CREATE TABLE notes(body TEXT)", NULL, NULL, NULL);
		sqlite3_close(db);
		CHECK_INT(bs_store_open(&s, p("other.db"), 0, &err), BS_ERR_DB);
		CHECK(strstr(err.msg, "not a bibscope database") != NULL);
		CHECK_INT(bs_store_open(&s, p("other.db"), BS_STORE_MUST_EXIST | BS_STORE_READONLY, &err), BS_ERR_DB);
		sqlite3_open(p("other.db"), &db);
		{
			sqlite3_stmt *st;
			sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sqlite_schema) || ' ' ||"
					   " (SELECT journal_mode FROM pragma_journal_mode)", -1, &st, NULL);
			sqlite3_step(st);
			CHECK_STR((const char *)sqlite3_column_text(st, 0), "1 delete");
			sqlite3_finalize(st);
		}
		sqlite3_close(db);
		write_file("empty.db", "");
		CHECK_INT(bs_store_open(&s, p("empty.db"), BS_STORE_MUST_EXIST, &err), BS_ERR_NOTFOUND);
		CHECK_INT(bs_store_open(&s, p("empty.db"), 0, &err), 0);
		CHECK_INT(q1(s, "PRAGMA application_id"), BS_APPLICATION_ID);
		bs_store_close(s);
	}

	/* the writer lock: nested calls count, the lock file goes with the
	 * last unlock; a second store of the same file cannot take it
	 * meanwhile (BS_STORE_BUILD would wait: open only tries) */
	{
		bs_store *a, *b;
		struct stat st;
		CHECK_INT(bs_store_open(&a, p("empty.db"), 0, &err), 0);
		CHECK_INT(bs_store_lock(a, &err), 0);
		CHECK_INT(bs_store_lock(a, &err), 0);
		CHECK(stat(p("empty.db-lock"), &st) == 0);
		bs_store_unlock(a);
		CHECK(stat(p("empty.db-lock"), &st) == 0);
		CHECK_INT(bs_store_open(&b, p("empty.db"), BS_STORE_MUST_EXIST, &err), 0);
		bs_store_close(b);
		bs_store_unlock(a);
		CHECK(stat(p("empty.db-lock"), &st) != 0);
		bs_store_unlock(a);   /* safe when not held */
		bs_store_close(a);
	}

	/* a read snapshot: the version and the data of its start, whatever
	 * commits meanwhile */
	{
		bs_store *a, *b;
		bs_ingest_totals t;
		int64_t v0 = 0, v1 = 0;
		write_file("r1.md", "## [1] Snapshot one\n\n**Authors**: *Ann A*\n\n**Conference**: *x 2020*\n\n----\n");
		write_file("r2.md", "## [1] Snapshot two\n\n**Authors**: *Ann A*\n\n**Conference**: *x 2020*\n\n----\n");
		CHECK_INT(bs_store_open(&a, p("snap.db"), 0, &err), 0);
		CHECK_INT(ingest(a, p("r1.md"), &t), 0);
		CHECK_INT(bs_store_open(&b, p("snap.db"), BS_STORE_MUST_EXIST, &err), 0);
		CHECK_INT(bs_store_read_begin(b, &v0, &err), 0);
		CHECK_INT(ingest(a, p("r2.md"), &t), 0);
		CHECK_INT(q1(b, "SELECT count(*) FROM papers"), 1);
		CHECK_INT(bs_store_data_version(b, &v1, &err), 0);
		CHECK(v1 == v0);
		bs_store_read_end(b);
		bs_store_read_end(b);   /* safe twice */
		CHECK_INT(q1(b, "SELECT count(*) FROM papers"), 2);
		CHECK_INT(bs_store_data_version(b, &v1, &err), 0);
		CHECK(v1 > v0);
		bs_store_close(b);
		bs_store_close(a);
	}

	/* records no key matches (no DOI, no URL, and no title or neither
	 * authors nor a venue): a rerun finds them; identical ones of a file
	 * stay apart; the match is logged as "same-record" */
	{
		bs_ingest_totals t;
		write_file("k.ris", "TY  - JOUR\nAU  - Doe, Jane\nPY  - 2020\nER  - \n\n"
				    "TY  - JOUR\nAU  - Doe, Jane\nPY  - 2020\nER  - \n\n"
				    "TY  - JOUR\nTI  - Untitled venue-less\nER  - \n");
		CHECK_INT(bs_store_open(&s, p("k.db"), 0, &err), 0);
		CHECK_INT(ingest(s, p("k.ris"), &t), 0);
		CHECK_INT(t.new_papers, 3);
		CHECK_INT(ingest(s, p("k.ris"), &t), 0);
		CHECK_INT(t.new_papers, 0);
		CHECK_INT(t.duplicate, 3);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers"), 3);
		CHECK_INT(q1(s, "SELECT count(*) FROM paper_sources WHERE match = 'same-record'"), 3);
		bs_store_close(s);
		/* an older database gets the keys of its papers: after the
		 * migration a rerun adds nothing either */
		s = migrated(p("k.db"), "UPDATE papers SET content_key = NULL; DROP INDEX papers_content;"
					 " PRAGMA user_version = 12;");
		CHECK(s != NULL);
		if (s) {
			CHECK_INT(q1(s, "SELECT count(*) FROM papers WHERE content_key IS NOT NULL"), 3);
			CHECK_INT(ingest(s, p("k.ris"), &t), 0);
			CHECK_INT(t.new_papers, 0);
			bs_store_close(s);
		}
	}


	/* cross-source misses: a CSL-JSON export of paper-list records with a
	 * one-word typo, "Fnu" before a mononym, a mononym against "Fnu X";
	 * near-misses that are other papers stay apart (another word, other
	 * authors, a mononym whose co-authors differ, a typo in a digit) */
	{
		bs_ingest_totals t;
		write_file("m.md", REC("Megahertz Light Steering Without Moving Parts", "Ann Able, Bob Burr, Carl Cole",
				       "cvpr 2023", "https://example.org/m1", "x")
				   REC("Improving Robustness of Segmentation to Motion-Blur", "Aakanksha, A. N. Rajagopalan",
				       "cvpr 2023", "https://example.org/m2", "x")
				   REC("Fnu Suya Writes About Poisoning Attacks Here", "Fnu Suya, David Evans",
				       "cvpr 2023", "https://example.org/m3", "x")
				   REC("Scaling Vision Transformers to 22 Billion Parameters", "Dora Dunn, Eve Eyre",
				       "cvpr 2023", "https://example.org/m4", "x"));
		write_file("m.json",
			   "[{\"title\": \"Megahertz Light Steering Withuot Moving Parts\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"given\": \"Ann\", \"family\": \"Able\"}, {\"given\": \"Bob\", \"family\": \"Burr\"},"
			   " {\"given\": \"Carl\", \"family\": \"Cole\"}]},\n"
			   "{\"title\": \"Improving Robustness of Segmentation to Motion-Blur\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"given\": \"Fnu\", \"family\": \"Aakanksha\"}, {\"given\": \"A. N.\", \"family\": \"Rajagopalan\"}]},\n"
			   "{\"title\": \"Fnu Suya Writes About Poisoning Attacks Here\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"literal\": \"Suya\"}, {\"given\": \"David\", \"family\": \"Evans\"}]},\n"
			   "{\"title\": \"Megahertz Light Steering With Moving Parts\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"given\": \"Ann\", \"family\": \"Able\"}, {\"given\": \"Bob\", \"family\": \"Burr\"},"
			   " {\"given\": \"Carl\", \"family\": \"Cole\"}]},\n"
			   "{\"title\": \"Megahertz Light Steering Withuot Moving Parts\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"given\": \"Ann\", \"family\": \"Able\"}, {\"given\": \"Zed\", \"family\": \"Zorn\"}]},\n"
			   "{\"title\": \"Improving Robustness of Segmentation to Motion-Blur\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"literal\": \"Rajagopalan\"}, {\"given\": \"Zed\", \"family\": \"Zorn\"}]},\n"
			   "{\"title\": \"Scaling Vision Transformers to 23 Billion Parameters\", \"issued\": {\"date-parts\": [[2023]]},"
			   " \"author\": [{\"given\": \"Dora\", \"family\": \"Dunn\"}, {\"given\": \"Eve\", \"family\": \"Eyre\"}]}]\n");
		CHECK_INT(bs_store_open(&s, p("m.db"), 0, &err), 0);
		CHECK_INT(ingest(s, p("m.md"), &t), 0);
		CHECK_INT(ingest(s, p("m.json"), &t), 0);
		CHECK_INT(t.duplicate, 3);
		CHECK_INT(t.new_papers, 4);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers"), 8);
		CHECK_INT(q1(s, "SELECT count(*) FROM paper_sources WHERE match = 'title-typo+year+authors'"), 1);
		CHECK_INT(ingest(s, p("m.json"), &t), 0);
		CHECK_INT(t.new_papers, 0);
		bs_store_close(s);
	}

	/* recurring items of one venue stay apart: one editor's monthly
	 * column (other issue, pages), generic titles in two journals, two
	 * keys of one file with nothing else to tell them apart; a journal
	 * paper and its same-year preprint are one paper; the same items from
	 * DBLP XML merge one to one, and a rerun adds nothing */
	{
		bs_ingest_totals t;
		write_file("r.bib",
			   "@article{c06, author={Diane Crawford}, title={Editorial pointers}, journal={Commun. ACM},"
			   " volume={49}, number={1}, pages={5}, year={2006}}\n"
			   "@article{c06a, author={Diane Crawford}, title={Editorial pointers}, journal={Commun. ACM},"
			   " volume={49}, number={2}, pages={5}, year={2006}}\n"
			   "@article{c06b, author={Diane Crawford}, title={Editorial pointers}, journal={Commun. ACM},"
			   " volume={49}, number={3}, pages={7}, year={2006}}\n"
			   "@article{e1, author={Ann Able}, title={Letter from the Editor-in-Chief}, journal={J. One}, year={2006}}\n"
			   "@article{e2, author={Ann Able}, title={Letter from the Editor-in-Chief}, journal={J. Two}, year={2006}}\n"
			   "@article{b1, author={Bob Burr}, title={Book Reviews}, journal={SIGACT News}, year={2006}}\n"
			   "@article{b2, author={Bob Burr}, title={Book Reviews}, journal={SIGACT News}, year={2006}}\n"
			   "@article{j, author={Carl Cole}, title={Tight Bounds for Oblivious Transfer}, journal={J. Cryptol.},"
			   " volume={29}, number={2}, pages={1--30}, year={2016}}\n"
			   "@article{i, author={Carl Cole}, title={Tight Bounds for Oblivious Transfer},"
			   " journal={IACR Cryptol. ePrint Arch.}, volume={2016}, pages={123}, year={2016}}\n"
			   "@article{d1, author={Dora Dunn}, title={Taking the Human Out of the Loop}, journal={Proc. IEEE},"
			   " volume={104}, number={1}, pages={148--175}, year={2016}}\n"
			   "@article{d2, author={Dora Dunn}, title={Taking the human out of the loop}, journal={Proc. IEEE},"
			   " volume={104}, number={1}, pages={148--175}, year={2016}}\n");
		write_file("r.xml",
			   "<?xml version=\"1.0\"?>\n<dblp>\n"
			   "<article key=\"c06a\"><author>Diane Crawford</author><title>Editorial pointers.</title>"
			   "<pages>5</pages><year>2006</year><volume>49</volume><journal>Commun. ACM</journal>"
			   "<number>2</number></article>\n"
			   "<article key=\"c06b\"><author>Diane Crawford</author><title>Editorial pointers.</title>"
			   "<pages>7</pages><year>2006</year><volume>49</volume><journal>Commun. ACM</journal>"
			   "<number>3</number></article>\n</dblp>\n");
		CHECK_INT(bs_store_open(&s, p("r.db"), 0, &err), 0);
		CHECK_INT(ingest(s, p("r.bib"), &t), 0);
		CHECK_INT(t.new_papers, 9);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers WHERE title = 'Editorial pointers'"), 3);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers WHERE title = 'Book Reviews'"), 2);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers WHERE title LIKE 'Letter from%'"), 2);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers WHERE title LIKE 'Tight Bounds%'"), 1);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers WHERE title LIKE 'Taking the%'"), 1);
		CHECK_STR(qs(s, "SELECT group_concat(issue || ':' || pages, ' ') FROM (SELECT * FROM papers"
				" WHERE title = 'Editorial pointers' ORDER BY id)"), "1:5 2:5 3:7");
		CHECK_INT(ingest(s, p("r.xml"), &t), 0);
		CHECK_INT(t.new_papers, 0);
		CHECK_STR(qs(s, "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM paper_sources s"
				" JOIN papers p ON p.id = s.paper_id WHERE p.title = 'Editorial pointers'"
				" GROUP BY p.id ORDER BY p.id)"), "1 2 2");
		CHECK_INT(ingest(s, p("r.bib"), &t), 0);
		CHECK_INT(t.new_papers, 0);
		CHECK_INT(q1(s, "SELECT count(*) FROM papers"), 9);
		bs_store_close(s);
	}

	/* schema 14: an older database gets the volume, issue and pages
	 * columns and title keys by today's rule */
	{
		s = migrated(p("v13.db"), "INSERT INTO papers(id, title, title_key, n_authors)"
					  " VALUES(1, 'With 360\xC2\xB0 Views', 'with360views', 0);"
					  " ALTER TABLE papers DROP COLUMN volume; ALTER TABLE papers DROP COLUMN issue;"
					  " ALTER TABLE papers DROP COLUMN pages; PRAGMA user_version = 13;");
		CHECK(s != NULL);
		if (s) {
			CHECK_STR(qs(s, "SELECT title_key FROM papers WHERE id = 1"), "with360degviews");
			CHECK_INT(q1(s, "SELECT count(*) FROM pragma_table_info('papers')"
					" WHERE name IN ('volume', 'issue', 'pages')"), 3);
			bs_store_close(s);
		}
	}
	return test_done("store");
}
