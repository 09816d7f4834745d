#include "test.h"
#include "base/table.h"

static const char *render(const bs_table *t, bs_format fmt)
{
	static char buf[4096];
	FILE *f = fmemopen(buf, sizeof buf, "w");
	bs_error err;

	bs_table_write(t, f, fmt, &err);
	fclose(f);
	return buf;
}

int main(void)
{
	static const char *const cols[] = {"rank", "author", "score"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_REAL};
	bs_table t;
	size_t r;

	bs_table_init(&t, 3, cols, types);
	r = bs_table_add_row(&t);
	bs_table_set_int(&t, r, 0, 1);
	bs_table_set_text(&t, r, 1, "=HYPERLINK(\"x\")");
	bs_table_set_real(&t, r, 2, 1.5, 2);
	r = bs_table_add_row(&t);
	bs_table_set_int(&t, r, 0, 2);
	bs_table_set_text(&t, r, 1, "\xE5\xBC\xA0\xE4\xB8\x89, Jr");
	bs_table_set_real(&t, r, 2, -2, 2);
	CHECK_STR(render(&t, BS_FMT_CSV),
		  "rank,author,score\n"
		  "1,\"'=HYPERLINK(\"\"x\"\")\",1.50\n"
		  "2,\"\xE5\xBC\xA0\xE4\xB8\x89, Jr\",-2.00\n");
	CHECK_STR(render(&t, BS_FMT_TABLE),
		  "rank  author           score\n"
		  "   1  =HYPERLINK(\"x\")   1.50\n"
		  "   2  \xE5\xBC\xA0\xE4\xB8\x89, Jr         -2.00\n");
	CHECK_STR(render(&t, BS_FMT_JSON),
		  "[\n  {\n    \"rank\": 1,\n    \"author\": \"=HYPERLINK(\\\"x\\\")\",\n    \"score\": 1.5\n  },\n"
		  "  {\n    \"rank\": 2,\n    \"author\": \"\xE5\xBC\xA0\xE4\xB8\x89, Jr\",\n    \"score\": -2.0\n  }\n]\n");
	/* text that is not UTF-8 (a lone surrogate put in by a database edit)
	 * is U+FFFD in every rendering, never a null or raw bytes
	 * (regression: JSON gave null, CSV the raw bytes) */
	bs_table_release(&t);
	bs_table_init(&t, 3, cols, types);
	r = bs_table_add_row(&t);
	bs_table_set_int(&t, r, 0, 1);
	bs_table_set_text(&t, r, 1, "Fay\xED\xA0\x80x");
	bs_table_set_real(&t, r, 2, 1, 0);
	CHECK_STR(render(&t, BS_FMT_CSV), "rank,author,score\n1,Fay\xEF\xBF\xBDx,1\n");
	CHECK_STR(render(&t, BS_FMT_TSV), "rank\tauthor\tscore\n1\tFay\xEF\xBF\xBDx\t1\n");
	CHECK_STR(render(&t, BS_FMT_JSON),
		  "[\n  {\n    \"rank\": 1,\n    \"author\": \"Fay\xEF\xBF\xBDx\",\n    \"score\": 1.0\n  }\n]\n");
	/* the formula guard: the same cells get the ' in CSV and TSV, text
	 * cells only (a negative number stays a number); off on request
	 * (regression: TSV wrote "=cmd" and "@SUM(A1)" unguarded) */
	{
		static const char *const cells[] = {"=1+2", "+33 1", "-x", "@SUM(A1)", "\tcmd", "\rcmd",
						    "a=b", "", "'quoted", NULL};
		/* (a CR is made a space before any output, so "\rcmd" never
		 * reaches the guard of either) */
		static const char *const gcsv[] = {"\"'=1+2\"", "\"'+33 1\"", "\"'-x\"", "\"'@SUM(A1)\"",
						   "\"'\tcmd\"", " cmd", "a=b", "", "'quoted"};
		static const char *const gtsv[] = {"'=1+2", "'+33 1", "'-x", "'@SUM(A1)", "' cmd", " cmd",
						   "a=b", "", "'quoted"};
		static const char *const plaincsv[] = {"=1+2", "+33 1", "-x", "@SUM(A1)", "\tcmd", " cmd",
						       "a=b", "", "'quoted"};
		static const char *const plaintsv[] = {"=1+2", "+33 1", "-x", "@SUM(A1)", " cmd", " cmd",
						       "a=b", "", "'quoted"};
		char want[256];
		for (int on = 1; on >= 0; on--) {
			bs_table_set_formula_guard(on);
			for (int i = 0; cells[i]; i++) {
				CHECK_INT(bs_formula_guard(cells[i], 1), on && i < 6);
				CHECK_INT(bs_formula_guard(cells[i], 0), 0);
				bs_table_release(&t);
				bs_table_init(&t, 3, cols, types);
				r = bs_table_add_row(&t);
				bs_table_set_int(&t, r, 0, -1);
				bs_table_set_text(&t, r, 1, cells[i]);
				bs_table_set_real(&t, r, 2, -0.5, 1);
				snprintf(want, sizeof want, "rank,author,score\n-1,%s,-0.5\n",
					 on ? gcsv[i] : plaincsv[i]);
				CHECK_STR(render(&t, BS_FMT_CSV), want);
				snprintf(want, sizeof want, "rank\tauthor\tscore\n-1\t%s\t-0.5\n",
					 on ? gtsv[i] : plaintsv[i]);
				CHECK_STR(render(&t, BS_FMT_TSV), want);
			}
		}
		bs_table_set_formula_guard(1);
	}
	CHECK_INT(bs_format_parse("json"), BS_FMT_JSON);
	CHECK_INT(bs_format_parse("xml"), -1);
	bs_table_release(&t);
	bs_table_release(&t);
	return test_done("table");
}
