/* The keyword analyses' store modules: store/keywords.h and
 * store/terms_rows.h, with their runs rows (store/runs.h). */
#include "store/store_db.h"
#include "test.h"
#include "store/ingest.h"
#include "store/keywords.h"
#include "store/runs.h"
#include "store/terms_rows.h"
#include "analysis/keywords/terms.h"

#include <sqlite3.h>

static long long q1(bs_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void fill_theme_term(void *ctx, size_t row, bs_run_value *col)
{
	(void)ctx;
	bs_run_int(&col[0], (int64_t)row);
	bs_run_int(&col[1], (int64_t)row % 3);
}

static void fill_theme_row(void *ctx, size_t row, bs_run_value *col)
{
	(void)ctx;
	bs_run_int(&col[0], (int64_t)row);
	bs_run_int(&col[1], 4);
	bs_run_real(&col[2], (double)row + 10);
	bs_run_real(&col[3], 0.5);
	bs_run_real(&col[4], 0.25);
	bs_run_text(&col[5], "motor");
	bs_run_text(&col[6], "a, b");
}

/* 30 papers a year in 2020-2022; "graph neural networks" in a third of
 * them, one paper without an abstract */
static void write_corpus(const char *path)
{
	FILE *f = fopen(path, "w");
	int id = 0;

	for (int year = 2020; year <= 2022; year++)
		for (int i = 0; i < 30; i++) {
			++id;
			fprintf(f, "## [%d] Study %d of %d\n\n**Authors**: *A%d Person, B%d Person*\n\n"
				   "**Conference**: *conf %d*\n\n**URL**: [u%d](https://example.org/%d)\n\n",
				id, i, year, i % 7, i % 5, year, id, id);
			if (id == 1)
				fputs("----\n\n", f);
			else
				fprintf(f, "**Abstract**:\n\nWe apply %s to molecule design and protein folding.\n\n----\n\n",
					i % 3 ? "kernel machines" : "graph neural networks");
		}
	fclose(f);
}

static int count_calls(void *ud, const char *text, size_t len)
{
	(void)text;
	(void)len;
	(*(long *)ud)++;
	return 0;
}

static int stop_at_first(void *ud, const bs_keywords_term *t)
{
	(void)t;
	(*(long *)ud)++;
	return 7;
}

typedef struct topics_seen { long n; double last, total, selected; int sorted; } topics_seen;

static int topic_seen(void *ud, const bs_keywords_topic_row *r)
{
	topics_seen *ts = ud;
	if (ts->n++ && r->papers > ts->last)
		ts->sorted = 0;
	ts->last = r->papers;
	ts->total = r->total;
	ts->selected = r->selected;
	return 0;
}

static int pair_seen(void *ud, const char *display, int64_t in_a, int64_t in_b)
{
	if (!strcmp(display, "graph neural networks")) {
		((int64_t *)ud)[0] = in_a;
		((int64_t *)ud)[1] = in_b;
	}
	return 0;
}

int main(void)
{
	char dir[64], db[128], md[128];
	const char *paths[1];
	bs_store *s;
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	bs_terms_opts to;
	bs_terms_info info;
	bs_paper_texts *cur;
	bs_paper_text p;
	double papers;
	size_t nterms;
	int64_t id, version, prev, pair[2] = {0, 0};
	long n;
	int found, a, b, r;

	snprintf(dir, sizeof dir, "/tmp/bs_test_kwstore_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "%s/t.db", dir);
	snprintf(md, sizeof md, "%s/c.md", dir);
	write_corpus(md);
	CHECK_INT(bs_store_open(&s, db, 0, &err), 0);

	/* an empty database */
	CHECK_INT(bs_terms_rows_texts_open(s, &cur, &err), 0);
	CHECK_INT(bs_terms_rows_texts_next(cur, &p, &err), 0);
	bs_terms_rows_texts_close(cur);
	CHECK_INT(bs_keywords_term_space(s, &papers, &nterms, &err), 0);
	CHECK(papers == 0 && nterms == 0);
	CHECK_INT(bs_runs_kind_version(s, "terms", &version, &found, &err), 0);
	CHECK_INT(found, 0);

	memset(&io, 0, sizeof io);
	paths[0] = md;
	CHECK_INT(bs_ingest_paths(s, paths, 1, &io, &tot, &err), 0);
	CHECK_INT(tot.new_papers, 90);
	bs_terms_opts_init(&to);
	CHECK_INT(bs_terms_ensure(s, &to, 0, &info, &err), 0);

	/* the tokenizer's stream: every paper once, in id order */
	CHECK_INT(bs_terms_rows_texts_open(s, &cur, &err), 0);
	n = 0;
	prev = 0;
	while ((r = bs_terms_rows_texts_next(cur, &p, &err)) == 1) {
		CHECK(p.id > prev && p.title && p.year >= 2020 && p.venue > 0);
		CHECK(n == 0 ? !p.abstract : p.abstract && p.abstract_len == strlen(p.abstract));
		prev = p.id;
		n++;
	}
	CHECK_INT(r, 0);
	CHECK_INT(n, 90);
	bs_terms_rows_texts_close(cur);
	bs_terms_rows_texts_close(NULL);

	/* the terms table */
	CHECK_INT(bs_keywords_term_space(s, &papers, &nterms, &err), 0);
	CHECK(papers == 90);
	CHECK_INT((long long)nterms, q1(s, "SELECT MAX(id) + 1 FROM terms"));
	n = 0;
	CHECK_INT(bs_keywords_each_term(s, stop_at_first, &n, &err), 7);   /* fn's value stops the scan */
	CHECK_INT(n, 1);
	CHECK_INT(bs_keywords_term_id(s, "graph neural network", &id, &found, &err), 0);
	CHECK_INT(found, 1);
	CHECK_INT(id, q1(s, "SELECT id FROM terms WHERE key = 'graph neural network'"));
	CHECK_INT(bs_keywords_term_id(s, "no such key", &id, &found, &err), 0);
	CHECK_INT(found, 0);

	/* term lists, all and of a year */
	{
		bs_filter f = {NULL, 2021, 2021};
		n = 0;
		CHECK_INT(bs_keywords_term_lists(s, NULL, count_calls, &n, &err), 0);
		CHECK_INT(n, q1(s, "SELECT COUNT(*) FROM paper_term_lists"));
		n = 0;
		CHECK_INT(bs_keywords_term_lists(s, &f, count_calls, &n, &err), 0);
		CHECK_INT(n, 30);
	}

	/* topics: most papers first, the selection's size with each row */
	{
		bs_filter f = {NULL, 2022, 0};
		bs_keywords_topics_query q = {&f, 0, 0, -1, 2, 0, 0, 5};
		topics_seen ts = {0, 0, 0, 0, 1};
		CHECK_INT(bs_keywords_topics(s, &q, topic_seen, &ts, &err), 0);
		CHECK(ts.n >= 1 && ts.n <= 5 && ts.sorted);
		CHECK(ts.total == 90 && ts.selected == 30);
	}

	/* years */
	CHECK_INT(bs_keywords_year_bounds(s, NULL, 1, 9999, 20, &a, &b, &err), 0);
	CHECK(a == 2020 && b == 2022);
	CHECK_INT(bs_keywords_year_bounds(s, NULL, 1, 9999, 31, &a, &b, &err), 0);
	CHECK(a == 2020 && b == 2022);   /* no year has 31: the first and last */
	CHECK_INT(bs_keywords_papers_in_year(s, NULL, 2021, &n, &err), 0);
	CHECK_INT(n, 30);
	CHECK_INT(bs_keywords_year_pairs(s, NULL, 2020, 2022, pair_seen, pair, &err), 0);
	CHECK(pair[0] == 9 && pair[1] == 10);   /* the first paper has no abstract */

	/* runs: replaced within the caller's transaction, rolled back with it */
	CHECK_INT(bs_runs_kind_version(s, "terms", &version, &found, &err), 0);
	CHECK(found && version == q1(s, "SELECT MAX(id) FROM ingest_files"));
	CHECK_INT(bs_store_exec(s, "BEGIN IMMEDIATE", &err), 0);
	CHECK_INT(bs_runs_add(s, "test", "{}", 5, "{\"a\":1}", BS_RUNS_REPLACE_KIND, &id, &err), 0);
	{
		/* a replaced run takes its rows along, whatever its params */
		char sql[160];
		snprintf(sql, sizeof sql, "INSERT INTO theme_summary VALUES(%lld, 0, 1, 1, 0, 0, 'q', 't')",
			 (long long)id);
		CHECK_INT(bs_store_exec(s, sql, &err), 0);
	}
	CHECK_INT(bs_runs_add(s, "test", "{\"b\":1}", 6, "{\"a\":2}", BS_RUNS_REPLACE_KIND, &id, &err), 0);
	CHECK(id > 0);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'test'"), 1);
	CHECK_INT(q1(s, "SELECT data_version FROM runs WHERE kind = 'test'"), 6);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_summary"), 0);
	CHECK_INT(bs_runs_kind_version(s, "test", &version, &found, &err), 0);
	CHECK(found && version == 6);
	CHECK_INT(bs_store_exec(s, "ROLLBACK", &err), 0);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'test'"), 0);

	/* a themes run: its two tables through bs_runs_insert, replaced as a
	 * whole by the next run of the kind, kept when a later one fails */
	{
		int64_t t1, t2;
		CHECK_INT(bs_runs_begin(s, "themes", "{}", 1, "{}", BS_RUNS_REPLACE_KIND, &t1, &err), 0);
		CHECK_INT(bs_runs_insert(s, BS_RUN_THEME_TERMS, t1, 70, fill_theme_term, NULL, &err), 0);
		CHECK_INT(bs_runs_insert(s, BS_RUN_THEME_SUMMARY, t1, 3, fill_theme_row, NULL, &err), 0);
		CHECK_INT(bs_runs_end(s, t1, NULL, 0, &err), 0);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_terms"), 70);
		CHECK_INT(q1(s, "SELECT SUM(theme) FROM theme_terms"), 23 * 1 + 23 * 2);   /* rows 0-69 mod 3 */
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_summary WHERE papers = theme + 10"
			     " AND top_terms = 'a, b' AND quadrant = 'motor'"), 3);
		CHECK_INT(bs_runs_begin(s, "themes", "{\"seed\":2}", 1, "{}", BS_RUNS_REPLACE_KIND, &t2, &err), 0);
		CHECK_INT(bs_runs_insert(s, BS_RUN_THEME_TERMS, t2, 5, fill_theme_term, NULL, &err), 0);
		CHECK_INT(bs_runs_end(s, t2, NULL, 0, &err), 0);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'themes'"), 1);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_terms"), 5);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_summary"), 0);
		/* a term twice: the primary key fails the insert, nothing changes */
		CHECK_INT(bs_runs_begin(s, "themes", "{}", 1, "{}", BS_RUNS_REPLACE_KIND, &t1, &err), 0);
		CHECK_INT(bs_runs_insert(s, BS_RUN_THEME_SUMMARY, t1, 3, fill_theme_row, NULL, &err), 0);
		CHECK_INT(bs_runs_end(s, t1, NULL, bs_runs_insert(s, BS_RUN_THEME_SUMMARY, t1, 1, fill_theme_row,
								   NULL, &err), &err), BS_ERR_DB);
		CHECK(strstr(err.msg, "theme summary") != NULL);
		CHECK_INT(q1(s, "SELECT id FROM runs WHERE kind = 'themes'"), t2);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_terms"), 5);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM theme_summary"), 0);
		CHECK_INT(q1(s, "PRAGMA foreign_keys"), 1);
	}

	/* the writer: nothing changes until commit, and close rolls back */
	{
		long long terms = q1(s, "SELECT COUNT(*) FROM terms");
		bs_terms_rows *w;
		int64_t paper = 1;
		size_t off = 0, len = 2;
		CHECK_INT(bs_store_lock(s, &err), 0);
		CHECK_INT(bs_terms_rows_open(s, &w, &err), 0);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM terms"), 0);
		CHECK_INT(bs_terms_rows_add_term(w, 0, "k", 1, "K", 1, 1, 1, 1, &err), 0);
		CHECK_INT(bs_terms_rows_add_term(w, 0, "k", 1, "K", 1, 1, 1, 1, &err), BS_ERR_DB);
		CHECK(strstr(err.msg, "terms") != NULL);
		CHECK_INT(bs_terms_rows_add_lists(w, 1, &paper, "[]", &off, &len, &err), 0);
		CHECK_INT(bs_terms_rows_add_year(w, 0, 2020, 0, 1, 1, &err), 0);
		bs_terms_rows_close(w);
		bs_store_unlock(s);
		CHECK_INT(q1(s, "SELECT COUNT(*) FROM terms"), terms);
		bs_terms_rows_close(NULL);
	}

	/* a store error is an error, named */
	CHECK_INT(bs_store_exec(s, "ALTER TABLE papers RENAME COLUMN abstract TO abs", &err), 0);
	CHECK_INT(bs_terms_rows_texts_open(s, &cur, &err), BS_ERR_DB);
	CHECK(cur == NULL && strstr(err.msg, "papers") != NULL);

	bs_store_close(s);
	{
		char cmd[200];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return test_done("keyword_store");
}
