/* Keywords as terms: store/kwterms.h (the keyword stream),
 * analysis/keywords/kwterms.h (grouping, files, the term tables through
 * terms.h) and the keyword network of reports/export.h, on
 * tests/fixtures/wos-keywords.txt (argv[1]). */
#include "store/store_db.h"
#include "test.h"
#include "fixture.h"
#include "analysis/keywords/kwterms.h"
#include "analysis/keywords/topics.h"
#include "analysis/keywords/trends.h"
#include "reports/export.h"
#include "store/kwterms.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/bs_test_kwterms.XXXXXX";

static long long q1(bs_store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int count_row(void *ud, const bs_kwterms_row *r)
{
	(void)r;
	(*(long *)ud)++;
	return 0;
}

static void test_sources(void)
{
	CHECK_INT(bs_terms_source_parse("words"), BS_TERMS_FROM_WORDS);
	CHECK_INT(bs_terms_source_parse("author-keywords"), BS_TERMS_FROM_AUTHOR_KEYWORDS);
	CHECK_INT(bs_terms_source_parse("indexed-keywords"), BS_TERMS_FROM_INDEXED_KEYWORDS);
	CHECK_INT(bs_terms_source_parse("keywords"), -1);
	CHECK_INT(bs_terms_source_parse(NULL), -1);
	CHECK_STR(bs_terms_source_name(BS_TERMS_FROM_INDEXED_KEYWORDS), "indexed-keywords");
	CHECK(bs_kwterms_kind(BS_TERMS_FROM_WORDS) == NULL);
	CHECK_STR(bs_kwterms_kind(BS_TERMS_FROM_AUTHOR_KEYWORDS), "author");
}

/* the store's stream: 7 papers list author keywords, 21 keywords (the
 * reader keeps "Co-word analysis" and "co-word-analysis" apart: the
 * grouping is the analysis's) */
static void test_stream(bs_store *s)
{
	bs_filter f;
	bs_error err;
	long n = 0;
	int64_t papers, with;

	CHECK_INT(bs_kwterms_each(s, "author", NULL, count_row, &n, &err), 0);
	CHECK_INT(n, 21);
	n = 0;
	memset(&f, 0, sizeof f);
	f.year_from = f.year_to = 2022;
	CHECK_INT(bs_kwterms_each(s, "indexed", &f, count_row, &n, &err), 0);
	CHECK_INT(n, 4);
	CHECK_INT(bs_kwterms_coverage(s, "author", NULL, &papers, &with, &err), 0);
	CHECK_INT(papers, 8);
	CHECK_INT(with, 7);
}

static int64_t term_of(const bs_kwset *k, const char *key)
{
	for (size_t t = 0; t < k->nterms; t++)
		if (!strcmp(k->key[t], key))
			return (int64_t)t;
	return -1;
}

static void test_set(bs_store *s)
{
	bs_terms_opts o;
	bs_kwset k;
	bs_error err;
	char syn[600], stop[600];
	int64_t t;

	bs_terms_opts_init(&o);
	o.source = BS_TERMS_FROM_AUTHOR_KEYWORDS;
	CHECK_INT(bs_kwset_load(s, &o, NULL, &k, NULL, &err), 0);
	CHECK_INT((long)k.nterms, 10);
	CHECK_INT((long)k.npapers, 7);
	t = term_of(&k, "bibliometrics");
	CHECK(t >= 0);
	if (t >= 0) {
		CHECK_INT(k.papers[t], 5);
		CHECK_STR(k.display[t], "Bibliometrics");   /* 3 of 5 spellings */
	}
	t = term_of(&k, "co word analysis");
	CHECK(t >= 0 && k.papers[t] == 2);   /* twice in one paper: once */
	for (size_t t2 = 1; t2 < k.nterms; t2++)
		CHECK(strcmp(k.key[t2 - 1], k.key[t2]) < 0);   /* numbered in key order */
	for (size_t p = 0; p < k.npapers; p++)
		for (size_t j = k.start[p] + 1; j < k.start[p + 1]; j++)
			CHECK(k.term[j - 1] < k.term[j]);
	bs_kwset_release(&k);
	bs_kwset_release(&k);   /* safe twice */

	snprintf(syn, sizeof syn, "%s/syn.txt", dir);
	snprintf(stop, sizeof stop, "%s/stop.txt", dir);
	write_file(syn, "# a comment\nGraph-Neural-Network\tgraph neural networks\n");
	write_file(stop, "SYNONYMS\n\n");
	o.synonyms = syn;
	o.stopwords = stop;
	CHECK_INT(bs_kwset_load(s, &o, NULL, &k, NULL, &err), 0);
	CHECK_INT((long)k.nterms, 8);
	t = term_of(&k, "graph neural networks");
	CHECK(t >= 0 && k.papers[t] == 2);
	CHECK(term_of(&k, "synonyms") < 0);
	bs_kwset_release(&k);

	{
		bs_strbuf key = BS_STRBUF_INIT;
		bs_strbuf_init(&key);
		CHECK_INT(bs_terms_key(&o, "graph neural NETWORK", &key, &err), 0);
		CHECK_STR(key.buf, "graph neural networks");
		CHECK_INT(bs_terms_key(&o, "Bibliométrics!", &key, &err), 0);
		CHECK_STR(key.buf, "bibliometrics");
		CHECK_INT(bs_terms_key(&o, " -- ", &key, &err), BS_ERR_NOTFOUND);
		bs_strbuf_release(&key);
	}
	write_file(syn, "no tab here\n");
	CHECK_INT(bs_kwset_load(s, &o, NULL, &k, NULL, &err), BS_ERR_FORMAT);
	CHECK(strstr(err.msg, "syn.txt:1") != NULL);
	o.synonyms = "/nonexistent/syn.txt";
	CHECK_INT(bs_kwset_load(s, &o, NULL, &k, NULL, &err), BS_ERR_IO);
}

/* the term tables from keywords, their run, and a switch of source */
static void test_tables(bs_store *s)
{
	bs_terms_opts o;
	bs_terms_info info;
	bs_topics_opts q;
	bs_table t;
	bs_error err;
	int64_t first;

	bs_terms_opts_init(&o);
	o.source = BS_TERMS_FROM_INDEXED_KEYWORDS;
	CHECK_INT(bs_terms_ensure(s, &o, 0, &info, &err), 0);
	CHECK_INT(info.computed, 1);
	CHECK_INT(info.papers, 7);
	CHECK_INT(info.unigrams, 6);
	first = info.run_id;
	CHECK_INT(q1(s, "SELECT papers FROM terms WHERE key = 'networks'"), 5);
	CHECK_INT(q1(s, "SELECT n FROM terms WHERE key = 'co citation'"), 2);
	CHECK_INT(q1(s, "SELECT SUM(papers) FROM term_year WHERE term_id = (SELECT id FROM terms WHERE key = 'science')"),
		  5);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'terms' AND params LIKE '%\"source\":\"indexed-keywords\"%'"),
		  1);
	CHECK_INT(bs_terms_ensure(s, &o, 0, &info, &err), 0);   /* current: reused */
	CHECK_INT(info.computed, 0);
	CHECK(info.run_id == first);

	bs_topics_opts_init(&q);
	memset(&t, 0, sizeof t);
	CHECK_INT(bs_topics_query(s, &q, &t, &err), 0);
	CHECK(t.nrows >= 2);
	if (t.nrows >= 2) {
		CHECK_STR(bs_table_get(&t, 0, 1), "NETWORKS");
		CHECK_STR(bs_table_get(&t, 0, 2), "5");
	}
	bs_table_release(&t);

	o.source = BS_TERMS_FROM_AUTHOR_KEYWORDS;   /* another source: rebuilt */
	CHECK_INT(bs_terms_ensure(s, &o, 0, &info, &err), 0);
	CHECK_INT(info.computed, 1);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM terms WHERE key = 'networks'"), 0);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'terms'"), 1);
	o.source = BS_TERMS_FROM_WORDS;             /* and words again */
	CHECK_INT(bs_terms_ensure(s, &o, 0, &info, &err), 0);
	CHECK_INT(info.computed, 1);
	CHECK_INT(q1(s, "SELECT COUNT(*) FROM runs WHERE kind = 'terms' AND params LIKE '%source%'"), 0);
}

static void test_network(bs_store *s)
{
	bs_kwnet_opts o;
	bs_export_stats st;
	bs_error err;
	char path[600], line[256];
	FILE *f;
	long lines = 0;

	bs_kwnet_opts_init(&o);
	CHECK_INT(o.min_occurrences, 2);
	o.format = BS_EXPORT_CSV;
	snprintf(path, sizeof path, "%s/kw.csv", dir);
	CHECK_INT(bs_export_keywords(s, &o, path, &st, &err), 0);
	CHECK_INT(st.vertices, 5);
	CHECK_INT(st.edges, 8);
	f = fopen(path, "r");
	CHECK(f != NULL);
	while (f && fgets(line, sizeof line, f))
		if (lines++ == 1)
			CHECK_STR(line, "0,1,Bibliometrics,Citation analysis,2\n");
	if (f)
		fclose(f);
	CHECK_INT(lines, 9);
	o.top = 2;
	o.format = BS_EXPORT_PAJEK;
	snprintf(path, sizeof path, "%s/kw.net", dir);
	CHECK_INT(bs_export_keywords(s, &o, path, &st, &err), 0);
	CHECK_INT(st.vertices, 2);   /* Bibliometrics 5, then Citation analysis 3 by key */
	CHECK_INT(st.edges, 1);
	o.top = 0;
	o.min_occurrences = 6;
	CHECK_INT(bs_export_keywords(s, &o, path, &st, &err), BS_ERR_EMPTY);
	o.min_occurrences = 2;
	o.format = BS_EXPORT_CSV;
	CHECK_INT(bs_export_keywords(s, &o, "-", &st, &err), BS_ERR_USAGE);
}

int main(int argc, char **argv)
{
	bs_store *s;

	if (argc < 2 || !mkdtemp(dir)) {
		fprintf(stderr, "usage: test_kwterms tests/fixtures/wos-keywords.txt\n");
		return 1;
	}
	test_sources();
	s = fixture_store(dir, argv[1], "kw");
	if (s) {
		test_stream(s);
		test_set(s);
		test_tables(s);
		test_network(s);
		bs_store_close(s);
	}
	{
		char cmd[700];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return test_done("kwterms");
}
