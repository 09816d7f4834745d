/* The main information of tests/fixtures/maininfo-wos.txt: five WoS
 * records written by hand so that every measure has a known answer (see
 * the comments), affiliations inserted here because their countries come
 * from the address parser, and a paper list without any rich field, whose
 * rich measures must be missing, not 0. */
#include "store/store_db.h"
#include "test.h"
#include "fixture.h"
#include "store/maininfo.h"

#include <math.h>
#include <sqlite3.h>
#include <unistd.h>

static void exec(bs_store *s, const char *sql)
{
	CHECK_INT(sqlite3_exec(bs_store_db(s), sql, NULL, NULL, NULL), SQLITE_OK);
}

/* the value of measure in t; NULL when the row or the value is missing */
static const char *cell(const bs_table *t, const char *measure)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (!strcmp(bs_table_get(t, r, 0), measure))
			return bs_table_get(t, r, 1);
	return NULL;
}

static void test_wos(bs_store *s)
{
	bs_maininfo mi;
	bs_filter f;
	bs_table t, top;
	bs_error err;

	/* countries: paper 1 USA + France (international), paper 3 Germany
	 * written twice in two cases (one country), paper 5 Japan alone */
	exec(s, "INSERT INTO affiliations(paper_id, position, seq, address, institution, country)"
		" SELECT id, 0, 0, 'a', NULL, 'USA' FROM papers WHERE title LIKE 'Alpha%';"
		"INSERT INTO affiliations SELECT id, 1, 0, 'b', NULL, 'France' FROM papers WHERE title LIKE 'Alpha%';"
		"INSERT INTO affiliations SELECT id, 0, 0, 'c', NULL, 'Germany' FROM papers WHERE title LIKE 'Gamma%';"
		"INSERT INTO affiliations SELECT id, 1, 0, 'd', NULL, 'germany' FROM papers WHERE title LIKE 'Gamma%';"
		"INSERT INTO affiliations SELECT id, -1, 0, 'e', NULL, 'Japan' FROM papers WHERE title LIKE 'Epsilon%';"
		"INSERT INTO affiliations SELECT id, -1, 1, 'f', NULL, '' FROM papers WHERE title LIKE 'Delta%';");
	CHECK_INT(bs_maininfo_query(s, NULL, 2026, &mi, &err), 0);
	CHECK_INT(mi.documents, 5);
	CHECK_INT(mi.first_year, 2020);
	CHECK_INT(mi.last_year, 2022);
	CHECK_INT(mi.sources, 2);
	/* 2 papers in 2020, 3 in 2022: (3/2)^(1/2) - 1 */
	CHECK(mi.has_growth && fabs(mi.growth - 22.4745) < 1e-3);
	/* ages 6, 6, 4, 4, 4 */
	CHECK(mi.has_age && fabs(mi.avg_age - 4.8) < 1e-9);
	/* counts 10, 4, 0, 7; one paper without */
	CHECK_INT(mi.with_cited, 4);
	CHECK(fabs(mi.avg_cited - 5.25) < 1e-9);
	CHECK_INT(mi.authors, 7);
	CHECK_INT(mi.single_docs, 2);
	CHECK_INT(mi.authors_single, 2);
	CHECK(fabs(mi.coauthors - 1.8) < 1e-9);
	CHECK_INT(mi.with_country, 3);
	CHECK_INT(mi.intl_docs, 1);
	CHECK(fabs(mi.intl_pct - 20.0) < 1e-9);
	CHECK_INT(mi.author_keywords, 2);   /* "graphs" twice, "Networks" */
	CHECK_INT(mi.indexed_keywords, 1);
	CHECK_INT(mi.references, 2);
	CHECK_INT(mi.types.nrows, 4);
	CHECK_STR(bs_table_get(&mi.types, 0, 0), "Article");
	CHECK_STR(bs_table_get(&mi.types, 0, 1), "2");
	CHECK_STR(bs_table_get(&mi.types, 3, 0), "unknown");
	CHECK_INT(mi.cited.nrows, 1);
	CHECK_STR(bs_table_get(&mi.cited, 0, 0), "wos");
	CHECK_STR(bs_table_get(&mi.cited, 0, 1), "2026-04-02");
	CHECK_STR(bs_table_get(&mi.cited, 0, 2), "4");
	bs_maininfo_table(&mi, 0, "-", &t);
	CHECK_STR(cell(&t, "timespan"), "2020-2022");
	CHECK_STR(cell(&t, "annual growth rate %"), "22.47");
	CHECK_STR(cell(&t, "international co-authorship %"), "20.00");
	CHECK_STR(cell(&t, "documents: unknown"), "1");
	CHECK_STR(cell(&t, "citation counts: wos as of 2026-04-02"), "4");
	bs_table_release(&t);
	bs_maininfo_release(&mi);

	/* a selection: the three papers of 2022 */
	memset(&f, 0, sizeof f);
	f.year_from = f.year_to = 2022;
	CHECK_INT(bs_maininfo_query(s, &f, 2026, &mi, &err), 0);
	CHECK_INT(mi.documents, 3);
	CHECK_INT(mi.sources, 2);
	CHECK(!mi.has_growth);   /* one year */
	CHECK_INT(mi.single_docs, 1);
	CHECK_INT(mi.authors, 5);   /* Cole twice */
	CHECK_INT(mi.author_keywords, -1);   /* none of the three has one */
	CHECK_INT(mi.references, -1);
	CHECK_INT(mi.with_cited, 2);
	CHECK(fabs(mi.avg_cited - 3.5) < 1e-9);
	bs_maininfo_release(&mi);

	CHECK_INT(bs_maininfo_most_cited(s, NULL, 3, &top, &err), 0);
	CHECK_INT(top.nrows, 3);
	CHECK_STR(bs_table_get(&top, 0, 1), "Alpha study of graph things");
	CHECK_STR(bs_table_get(&top, 0, 2), "Ann Able");
	CHECK_STR(bs_table_get(&top, 0, 4), "10");
	CHECK_STR(bs_table_get(&top, 1, 4), "7");
	CHECK_STR(bs_table_get(&top, 2, 4), "4");
	bs_table_release(&top);
}

/* a paper list: no type, count, keyword, country or reference */
static void test_plain(bs_store *s)
{
	bs_maininfo mi;
	bs_table t, top;
	bs_error err;
	json_t *j;

	CHECK_INT(bs_maininfo_query(s, NULL, 2026, &mi, &err), 0);
	CHECK(mi.documents > 0);
	CHECK_INT(mi.with_cited, 0);
	CHECK_INT(mi.author_keywords, -1);
	CHECK_INT(mi.indexed_keywords, -1);
	CHECK_INT(mi.references, -1);
	CHECK_INT(mi.cited.nrows, 0);
	CHECK_INT(mi.types.nrows, 1);
	CHECK_STR(bs_table_get(&mi.types, 0, 0), "unknown");
	bs_maininfo_table(&mi, 1, "-", &t);
	CHECK_STR(cell(&t, "average citations per document"), "-");
	CHECK_STR(cell(&t, "author keywords"), "-");
	CHECK_STR(cell(&t, "international co-authorship %"), "-");
	CHECK(cell(&t, "documents") == NULL);   /* brief: bs_query_summary's */
	bs_table_release(&t);
	bs_maininfo_table(&mi, 1, NULL, &t);   /* an empty cell in CSV */
	CHECK(cell(&t, "author keywords") == NULL);
	CHECK_STR(cell(&t, "single-authored documents"), "3");
	j = bs_maininfo_json(&mi);
	CHECK(json_is_null(json_object_get(j, "average_citations_per_document")));
	CHECK(json_is_null(json_object_get(j, "references")));
	CHECK(json_is_integer(json_object_get(j, "documents")));
	json_decref(j);
	bs_table_release(&t);
	bs_maininfo_release(&mi);
	CHECK_INT(bs_maininfo_most_cited(s, NULL, 10, &top, &err), 0);
	CHECK_INT(top.nrows, 0);
	bs_table_release(&top);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/bs_maininfo.XXXXXX", cmd[600];
	bs_store *s;

	if (argc < 3) {
		fprintf(stderr, "usage: test_maininfo maininfo-wos.txt sample.md\n");
		return 1;
	}
	if (!mkdtemp(dir))
		return 1;
	s = fixture_store(dir, argv[1], "wos");
	if (s)
		test_wos(s);
	bs_store_close(s);
	s = fixture_store(dir, argv[2], "plain");
	if (s)
		test_plain(s);
	bs_store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	printf("%d checks, %d failures\n", t_checks, t_failures);
	return t_failures ? 1 : 0;
}
