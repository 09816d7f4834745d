/* store/impact.h on invented Web of Science records with times cited and
 * cited references (tests/fixtures/wos-impact.txt): one test per public
 * function.  The expected numbers are worked out by hand in the comments. */
#include "test.h"
#include "fixture.h"
#include "store/impact.h"
#include "store/store_db.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[64];

/* row of t whose column 0 is v, or -1 */
static long find_row(const bs_table *t, const char *v)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (bs_table_get(t, i, 0) && !strcmp(bs_table_get(t, i, 0), v))
			return (long)i;
	return -1;
}

static void test_metric_parse(void)
{
	CHECK_INT(bs_impact_metric_parse("citations"), BS_IMPACT_CITATIONS);
	CHECK_INT(bs_impact_metric_parse("h-index"), BS_IMPACT_HINDEX);
	CHECK_INT(bs_impact_metric_parse("g"), BS_IMPACT_GINDEX);
	CHECK_INT(bs_impact_metric_parse("m-index"), BS_IMPACT_MINDEX);
	CHECK_INT(bs_impact_metric_parse("hindex"), -1);
}

static void test_authors(bs_store *s)
{
	bs_table t;
	bs_error err;
	bs_filter f = {0};
	long r;

	/* John Smith: 40, 25, 10, 2, 0 -> 77 citations, h 3, g 5 (77 >= 25),
	 * m 3 / (2022 - 2018 + 1) */
	CHECK_INT(bs_impact_authors(s, NULL, BS_IMPACT_HINDEX, 0, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 4);
	CHECK_STR(bs_table_get(&t, 0, 0), "John Smith");
	CHECK_STR(bs_table_get(&t, 0, 1), "5");
	CHECK_STR(bs_table_get(&t, 0, 2), "77");
	CHECK_STR(bs_table_get(&t, 0, 3), "3");
	CHECK_STR(bs_table_get(&t, 0, 4), "5");
	CHECK_STR(bs_table_get(&t, 0, 5), "0.600");
	/* h ties (2) by name: Kim Lee before Yu Zhang */
	CHECK_STR(bs_table_get(&t, 1, 0), "Kim Lee");
	CHECK_STR(bs_table_get(&t, 2, 0), "Yu Zhang");
	bs_table_release(&t);
	/* by citations: Yu Zhang (43) before Kim Lee (28); top 2 */
	CHECK_INT(bs_impact_authors(s, NULL, BS_IMPACT_CITATIONS, 2, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 2);
	CHECK_STR(bs_table_get(&t, 1, 0), "Yu Zhang");
	bs_table_release(&t);
	/* 2019-: Kim Lee 25, 3 from 2019, last year 2022 -> m 2 / 4 */
	f.year_from = 2019;
	CHECK_INT(bs_impact_authors(s, &f, BS_IMPACT_MINDEX, 0, &t, &err), BS_OK);
	r = find_row(&t, "Kim Lee");
	CHECK(r >= 0);
	if (r >= 0)
		CHECK_STR(bs_table_get(&t, (size_t)r, 5), "0.500");
	bs_table_release(&t);
}

static void test_sources(bs_store *s)
{
	bs_table t;
	bs_error err;

	CHECK_INT(bs_impact_sources(s, NULL, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 2);
	CHECK_STR(bs_table_get(&t, 0, 0), "wos");
	CHECK_STR(bs_table_get(&t, 0, 1), "2026-04-02");
	CHECK_STR(bs_table_get(&t, 0, 2), "6");
	CHECK_STR(bs_table_get(&t, 1, 0), "none");
	CHECK_STR(bs_table_get(&t, 1, 2), "1");
	bs_table_release(&t);
}

static void test_papers(bs_store *s)
{
	bs_table t;
	bs_error err;
	bs_filter f = {0};

	/* local: the 2018 paper is cited by DOI (2019, 2022) and by author,
	 * year, volume and page (2020); 2019 by 2020 and 2021; 2020 by 2021 */
	CHECK_INT(bs_impact_papers(s, NULL, BS_IMPACT_BY_LOCAL, 0, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 7);
	CHECK_STR(bs_table_get(&t, 0, 0), "Bluetooth ranging with carrier phase");
	CHECK_STR(bs_table_get(&t, 0, 5), "3");
	CHECK_STR(bs_table_get(&t, 1, 5), "2");
	CHECK_STR(bs_table_get(&t, 2, 5), "1");
	CHECK_STR(bs_table_get(&t, 3, 5), "0");
	CHECK_STR(bs_table_get(&t, 0, 7), "wos 2026-04-02");
	bs_table_release(&t);
	/* citing papers must be selected too: from 2019 on the 2018 paper is
	 * gone and the 2019 one keeps its two citations */
	f.year_from = 2019;
	CHECK_INT(bs_impact_papers(s, &f, BS_IMPACT_BY_CITATIONS, 1, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 1);
	CHECK_STR(bs_table_get(&t, 0, 4), "25");
	CHECK_STR(bs_table_get(&t, 0, 5), "2");
	bs_table_release(&t);
	/* the paper without a count: citations empty */
	CHECK_INT(bs_impact_papers(s, NULL, BS_IMPACT_BY_CITATIONS, 0, &t, &err), BS_OK);
	CHECK(bs_table_get(&t, 6, 4) == NULL);
	CHECK_STR(bs_table_get(&t, 6, 0), "Mesh networks for lighting");
	bs_table_release(&t);
}

static void test_references(bs_store *s)
{
	bs_table t;
	bs_error err;
	long r;

	CHECK_INT(bs_impact_references(s, NULL, 0, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 5);
	CHECK_STR(bs_table_get(&t, 0, 0), "Born M., 1999, PRINCIPLES OPTICS");
	CHECK_STR(bs_table_get(&t, 0, 1), "3");
	CHECK_STR(bs_table_get(&t, 0, 6), "no");
	/* three spellings of the 2018 paper, two with its DOI: one work */
	CHECK_STR(bs_table_get(&t, 1, 1), "3");
	CHECK_STR(bs_table_get(&t, 1, 5), "10.1109/jsen.2018.0001");
	CHECK_STR(bs_table_get(&t, 1, 6), "yes");
	r = find_row(&t, "[Anonymous], 2016, BLUET COR SPEC V5 0");
	CHECK(r >= 0);
	if (r >= 0)
		CHECK(bs_table_get(&t, (size_t)r, 2) == NULL);
	bs_table_release(&t);
}

static void test_years(bs_store *s)
{
	bs_table t;
	bs_error err;

	/* 2021: two papers cited 3 and 2; counted in 2026 -> 6 citable years */
	CHECK_INT(bs_impact_years(s, NULL, &t, &err), BS_OK);
	CHECK_INT(t.nrows, 5);
	CHECK_STR(bs_table_get(&t, 3, 0), "2021");
	CHECK_STR(bs_table_get(&t, 3, 1), "2");
	CHECK_STR(bs_table_get(&t, 3, 2), "5");
	CHECK_STR(bs_table_get(&t, 3, 3), "2.50");
	CHECK_STR(bs_table_get(&t, 3, 4), "6");
	CHECK_STR(bs_table_get(&t, 3, 5), "0.42");
	bs_table_release(&t);
}

/* interrupts the first statement step it sees, then lets everything run */
static int interrupt_once(void *arg)
{
	int *left = arg;
	return *left > 0 && (*left)-- > 0;
}

static void test_years_error(bs_store *s)
{
	bs_table t;
	bs_error err;
	int left = 1;

	/* the current-year step fails: an error, not a table of ages counted
	 * from year 0 */
	sqlite3_progress_handler(bs_store_db(s), 1, interrupt_once, &left);
	CHECK_INT(bs_impact_years(s, NULL, &t, &err) != BS_OK, 1);
	CHECK(strstr(err.msg, "citation year") != NULL);
	sqlite3_progress_handler(bs_store_db(s), 0, NULL, NULL);
	bs_table_release(&t);
}

int main(int argc, char **argv)
{
	bs_store *s;
	char cmd[200];

	if (argc < 2)
		return 77;
	snprintf(dir, sizeof dir, "/tmp/bs_test_impact_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	s = fixture_store(dir, argv[1], "i");
	if (!s)
		return 1;
	test_metric_parse();
	test_authors(s);
	test_sources(s);
	test_papers(s);
	test_references(s);
	test_years(s);
	test_years_error(s);
	bs_store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_done("impact");
}
