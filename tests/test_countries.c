/* store/countries.h on the hand-written Web of Science file
 * tests/fixtures/wos-countries.txt (argv[1]): six papers, 1 China+Japan,
 * 2 China, 3 United States+China+United Kingdom, 4 United States (two
 * addresses), 5 United Kingdom+Japan, 6 without addresses; times cited
 * 10, 4, 25, none, 7, 1. */
#define _XOPEN_SOURCE 700   /* nftw */
#include "test.h"
#include "fixture.h"
#include "store/countries.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* row r of t as "c1,c2,..." over columns from..to */
static const char *row_text(const bs_table *t, size_t r, size_t from, size_t to)
{
	static char buf[512];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t c = from; c <= to && o < sizeof buf; c++) {
		const char *v = bs_table_get(t, r, c);
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", c > from ? "," : "", v ? v : "");
	}
	return buf;
}

static void test_table(bs_store *s)
{
	bs_table t;
	bs_error err;
	bs_filter f = {NULL, 2023, 2023};

	CHECK_INT(bs_countries_table(s, NULL, 0, 0, &t, &err), 0);
	CHECK_INT(t.nrows, 4);
	CHECK_STR(row_text(&t, 0, 1, 8), "China,3,1,2,66.7,39,2021,2022");
	CHECK_STR(row_text(&t, 3, 1, 8), "United States,2,1,1,50.0,25,2022,2023");
	bs_table_release(&t);
	/* by citations; top */
	CHECK_INT(bs_countries_table(s, NULL, 1, 2, &t, &err), 0);
	CHECK_INT(t.nrows, 2);
	CHECK_STR(row_text(&t, 1, 0, 2), "2,United Kingdom,2");
	bs_table_release(&t);
	/* a year filter: papers 4 and 5 (and 6, without addresses) */
	CHECK_INT(bs_countries_table(s, &f, 0, 0, &t, &err), 0);
	CHECK_INT(t.nrows, 3);
	CHECK_STR(row_text(&t, 0, 1, 6), "Japan,1,0,1,100.0,7");
	CHECK_STR(row_text(&t, 2, 1, 6), "United States,1,1,0,0.0,0");
	bs_table_release(&t);
}

static void test_edges(bs_store *s)
{
	bs_table t;
	bs_error err;
	bs_filter f = {NULL, 2022, 2022};

	CHECK_INT(bs_countries_edges(s, NULL, 0, &t, &err), 0);
	CHECK_INT(t.nrows, 5);
	CHECK_STR(row_text(&t, 0, 0, 2), "China,Japan,1");
	bs_table_release(&t);
	CHECK_INT(bs_countries_edges(s, &f, 0, &t, &err), 0);
	CHECK_INT(t.nrows, 3);
	CHECK_STR(row_text(&t, 2, 0, 2), "United Kingdom,United States,1");
	bs_table_release(&t);
}

static void test_institutions(bs_store *s)
{
	bs_table t;
	bs_error err;

	/* "TSINGHUA UNIV" (paper 3) and "Tsinghua Univ" (papers 1, 2, the
	 * second with two authors at one address) are one, in the spelling
	 * three rows use */
	CHECK_INT(bs_countries_institutions(s, NULL, NULL, 0, &t, &err), 0);
	CHECK_INT(t.nrows, 6);
	CHECK_STR(row_text(&t, 0, 1, 3), "Tsinghua Univ,China,3");
	CHECK_STR(row_text(&t, 4, 1, 3), "Google,United States,1");
	bs_table_release(&t);
	/* the country as any name the table knows, or as stored */
	CHECK_INT(bs_countries_institutions(s, NULL, "Peoples R China", 0, &t, &err), 0);
	CHECK_INT(t.nrows, 1);
	bs_table_release(&t);
	CHECK_INT(bs_countries_institutions(s, NULL, "japan", 1, &t, &err), 0);
	CHECK_STR(row_text(&t, 0, 1, 3), "Univ Tokyo,Japan,2");
	bs_table_release(&t);
	CHECK_INT(bs_countries_institutions(s, NULL, "Narnia", 0, &t, &err), 0);
	CHECK_INT(t.nrows, 0);
	bs_table_release(&t);
}

int main(int argc, char **argv)
{
	char dir[64];
	bs_store *s;

	if (argc < 2 || access(argv[1], R_OK) != 0)
		return 77;
	snprintf(dir, sizeof dir, "/tmp/bs_test_countries_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	s = fixture_store(dir, argv[1], "countries");
	if (s) {
		test_table(s);
		test_edges(s);
		test_institutions(s);
	}
	bs_store_close(s);
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return test_done("countries");
}
