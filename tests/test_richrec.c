/* test_richrec - the rich fields of a record in the store (richrec.c):
 * what a Web of Science record writes, the merge rules when the same
 * paper comes again (union of keywords and identifiers, the addresses
 * and references of the first record that had any, the most recent
 * citation count), the file date standing in for a missing export date,
 * and the migration of a database made before these tables. */
#include "store/store_db.h"
#include "test.h"
#include "store/ingest.h"
#include "store/store.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static const char *p(const char *name)
{
	static char path[4][256];
	static int i;
	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
	return path[i];
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(p(name), "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static long long q1(bs_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *qs(bs_store *s, const char *sql)
{
	static char buf[1024];
	sqlite3_stmt *st;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_text(st, 0))
		snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}

static int ingest(bs_store *s, const char *path)
{
	bs_ingest_opts o;
	bs_ingest_totals t;
	bs_error err;
	const char *paths[1];

	paths[0] = path;
	memset(&o, 0, sizeof o);
	bs_error_clear(&err);
	return bs_ingest_paths(s, paths, 1, &o, &t, &err);
}

#define HEAD "PT\tAU\tAF\tTI\tSO\tLA\tDT\tDE\tID\tC1\tRI\tOI\tCR\tTC\tZ9\tPY\tVL\tBP\tDI\tPM\tDA\tUT\n"
/* one record: AF, DE, C1, OI, CR, TC, DA, UT */
#define WOS(af, de, c1, oi, cr, tc, da, ut) \
	"J\t\t" af "\tGraph Learning at Scale\tJ GRAPHS\tEnglish\tArticle\t" de "\tKP One\t" c1 "\t\t" oi \
	"\t" cr "\t" tc "\t\t2024\t7\t11\t10.1/graph.7\t\t" da "\t" ut "\n"

int main(void)
{
	bs_store *s;
	bs_error err;
	int rc;

	snprintf(dir, sizeof dir, "/tmp/bs_test_rich_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	write_file("a.txt", HEAD WOS("Doe, Jane; Roe, Rick", "Deep learning; Graphs",
				     "[Doe, Jane] MIT, Cambridge, MA 02139 USA; [Roe, Rick] Univ Oxford, Oxford, England",
				     "Doe, Jane/0000-0001-2345-6789", "Smith J, 2020, NATURE, V1, P2", "5",
				     "2026-01-01", "WOS:1"));
	/* the same paper (DOI), exported later: a higher count, other keywords,
	 * addresses and references, another accession number */
	write_file("b.txt", HEAD WOS("Doe, Jane; Roe, Rick", "graphs; Networks", "[Roe, Rick] Other Univ, Paris, France",
				     "Roe, Rick/0000-0002-0000-0001", "Other R, 2019, SCIENCE, V3, P4", "9",
				     "2026-03-01", "WOS:2"));
	/* ... and exported earlier, with a count that is not the latest */
	write_file("c.txt", HEAD WOS("Doe, Jane; Roe, Rick", "", "", "", "", "20", "2025-12-01", "WOS:1"));
	/* a record without an export date: no date (a file's date would
	 * change with every copy), and a dated count wins over it */
	write_file("d.txt", "PT\tAU\tAF\tTI\tSO\tPY\tTC\tUT\nJ\t\tLone, Lee\tAnother Paper\tJ X\t2023\t3\tWOS:9\n");

	bs_error_clear(&err);
	rc = bs_store_open(&s, p("t.db"), 0, &err);
	CHECK_INT(rc, 0);
	if (rc)
		return test_done("richrec");
	CHECK_INT(ingest(s, p("a.txt")), 0);
	CHECK_INT(q1(s, "SELECT times_cited FROM papers"), 5);
	CHECK_STR(qs(s, "SELECT cited_source || ' ' || cited_as_of || ' ' || doc_type || ' ' || language FROM papers"),
		  "wos 2026-01-01 Article English");
	CHECK_STR(qs(s, "SELECT group_concat(kind || ':' || key || ':' || keyword || ':' || position, '|') FROM "
			"(SELECT * FROM paper_keywords ORDER BY kind, position)"),
		  "author:deep learning:Deep learning:0|author:graphs:Graphs:1|indexed:kp one:KP One:0");
	CHECK_STR(qs(s, "SELECT group_concat(position || ':' || address, '|') FROM (SELECT * FROM affiliations ORDER BY seq)"),
		  "0:MIT, Cambridge, MA 02139 USA|1:Univ Oxford, Oxford, England");
	CHECK_STR(qs(s, "SELECT position || ':' || scheme || ':' || value FROM author_ids"), "0:orcid:0000-0001-2345-6789");
	CHECK_STR(qs(s, "SELECT group_concat(scheme || ':' || value, '|') FROM paper_ids"), "wos:WOS:1");
	CHECK_STR(qs(s, "SELECT raw FROM paper_refs"), "Smith J, 2020, NATURE, V1, P2");
	CHECK_STR(qs(s, "SELECT record_key FROM paper_sources"), "WOS:1");

	CHECK_INT(ingest(s, p("b.txt")), 0);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers"), 1);
	CHECK_STR(qs(s, "SELECT times_cited || ' ' || cited_as_of FROM papers"), "9 2026-03-01");
	/* keywords: the union, by key, the new one after the first record's */
	CHECK_STR(qs(s, "SELECT group_concat(keyword || ':' || position, '|') FROM "
			"(SELECT * FROM paper_keywords WHERE kind = 'author' ORDER BY position)"),
		  "Deep learning:0|Graphs:1|Networks:2");
	/* addresses and references: the first record's */
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM affiliations"), 2);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM paper_refs"), 1);
	/* identifiers: the union; Roe's ORCID placed on Roe by name */
	CHECK_STR(qs(s, "SELECT group_concat(scheme || ':' || value, '|') FROM (SELECT * FROM paper_ids ORDER BY value)"),
		  "wos:WOS:1|wos:WOS:2");
	CHECK_STR(qs(s, "SELECT group_concat(position || ':' || value, '|') FROM (SELECT * FROM author_ids ORDER BY position)"),
		  "0:0000-0001-2345-6789|1:0000-0002-0000-0001");

	CHECK_INT(ingest(s, p("c.txt")), 0);
	CHECK_STR(qs(s, "SELECT times_cited || ' ' || cited_as_of FROM papers"), "9 2026-03-01");

	CHECK_INT(ingest(s, p("d.txt")), 0);
	CHECK_INT(q1(s, "SELECT cited_as_of IS NULL AND times_cited = 3 FROM papers WHERE title = 'Another Paper'"), 1);
	/* the same paper again, dated, with a lower count: the dated one wins;
	 * then undated again with a higher count: the dated one stays */
	write_file("e.txt", "PT\tAU\tAF\tTI\tSO\tPY\tTC\tDA\tUT\nJ\t\tLone, Lee\tAnother Paper\tJ X\t2023\t2\t2026-01-05\tWOS:9\n");
	CHECK_INT(ingest(s, p("e.txt")), 0);
	CHECK_STR(qs(s, "SELECT times_cited || ' ' || cited_as_of FROM papers WHERE title = 'Another Paper'"),
		  "2 2026-01-05");
	CHECK_INT(ingest(s, p("d.txt")), 0);
	CHECK_STR(qs(s, "SELECT times_cited || ' ' || cited_as_of FROM papers WHERE title = 'Another Paper'"),
		  "2 2026-01-05");
	CHECK_INT(q1(s, "SELECT length(modified_at) FROM ingest_files WHERE path LIKE '%d.txt'"), 10);
	/* a DBLP person ("Wei Wang 0001") and the WoS spelling of the same
	 * paper: the WoS record's ORCID goes to the DBLP name's position */
	write_file("f.bib", "@inproceedings{x, title={Suffix Paper}, author={Ann Bee and Wei Wang 0001},"
			    " year={2020}, doi={10.1/sfx}}\n");
	write_file("g.txt", "PT\tAU\tAF\tTI\tSO\tPY\tDI\tOI\tUT\nJ\t\tBee, Ann; Wang, Wei\tSuffix Paper\tJ X"
			    "\t2020\t10.1/sfx\tWang, Wei/0000-0003-0000-0002\tWOS:7\n");
	CHECK_INT(ingest(s, p("f.bib")), 0);
	CHECK_INT(ingest(s, p("g.txt")), 0);
	CHECK_STR(qs(s, "SELECT group_concat(a.position || ':' || a.scheme, '|') FROM (SELECT * FROM author_ids"
			" WHERE paper_id = (SELECT id FROM papers WHERE doi = '10.1/sfx') ORDER BY scheme) a"),
		  "1:dblp|1:orcid");
	/* paper-level addresses (RIS AD) give way to addresses tied to
	 * authors (WoS C1) of the same paper */
	write_file("h.ris", "TY  - JOUR\nTI  - Address Paper\nAU  - Cole, Cy\nPY  - 2021\nDO  - 10.1/addr\n"
			    "AD  - Somewhere, Mars\nER  - \n");
	write_file("i.txt", "PT\tAU\tAF\tTI\tSO\tPY\tDI\tC1\tUT\nJ\t\tCole, Cy\tAddress Paper\tJ X\t2021"
			    "\t10.1/addr\t[Cole, Cy] Univ Oslo, Oslo, Norway\tWOS:8\n");
	CHECK_INT(ingest(s, p("h.ris")), 0);
	CHECK_STR(qs(s, "SELECT group_concat(position || ':' || address, '|') FROM affiliations"
			" WHERE paper_id = (SELECT id FROM papers WHERE doi = '10.1/addr')"), "-1:Somewhere, Mars");
	CHECK_INT(ingest(s, p("i.txt")), 0);
	CHECK_STR(qs(s, "SELECT group_concat(position || ':' || address || ':' || country, '|') FROM affiliations"
			" WHERE paper_id = (SELECT id FROM papers WHERE doi = '10.1/addr')"), "0:Univ Oslo, Oslo, Norway:Norway");
	bs_store_close(s);

	/* a database made before the rich tables: opened, it migrates and
	 * keeps its papers; the new fields are empty until ingested again */
	{
		sqlite3 *db;
		const char *old = "DROP TABLE paper_ids; DROP TABLE paper_keywords; DROP TABLE paper_refs;"
				  " DROP TABLE affiliations; DROP TABLE author_ids;"
				  " ALTER TABLE papers DROP COLUMN doc_type; ALTER TABLE papers DROP COLUMN times_cited;"
				  " ALTER TABLE paper_sources DROP COLUMN record_key; PRAGMA user_version = 14;";
		CHECK_INT(sqlite3_open(p("t.db"), &db), SQLITE_OK);
		CHECK_INT(sqlite3_exec(db, old, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		rc = bs_store_open(&s, p("t.db"), 0, &err);
		CHECK_INT(rc, 0);
		if (!rc) {
			CHECK_INT(q1(s, "PRAGMA user_version"), BS_SCHEMA_VERSION);
			CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers"), 4);
			CHECK_INT(q1(s, "SELECT COUNT(*) FROM paper_keywords"), 0);
			CHECK_INT(q1(s, "SELECT COUNT(*) FROM papers WHERE times_cited IS NULL"), 4);
			CHECK_INT(ingest(s, p("b.txt")), 0);
			CHECK_INT(q1(s, "SELECT COUNT(*) FROM paper_keywords WHERE kind = 'author'"), 2);
			CHECK_INT(q1(s, "SELECT times_cited FROM papers WHERE title LIKE 'Graph%'"), 9);
			bs_store_close(s);
		}
	}
	unlink(p("a.txt"));
	unlink(p("b.txt"));
	unlink(p("c.txt"));
	unlink(p("d.txt"));
	unlink(p("e.txt"));
	unlink(p("f.bib"));
	unlink(p("g.txt"));
	unlink(p("h.ris"));
	unlink(p("i.txt"));
	unlink(p("t.db"));
	rmdir(dir);
	return test_done("richrec");
}
