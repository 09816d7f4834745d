/* test_results.c - the stored runs: store/runs.h, store/graphdata.h and
 * analysis/results.h, one test a function, on tests/fixtures/graph.md (15
 * authors, 11 papers; argv[1]). */
#define _XOPEN_SOURCE 700   /* nftw */
#include "store/store_db.h"
#include "test.h"
#include "analysis/results.h"
#include "store/graphdata.h"
#include "store/ingest.h"
#include "store/runs.h"

#include <ftw.h>
#include <stdio.h>
#include <unistd.h>

static char dir[64];

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void ingest(bs_store *s, const char *path)
{
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	const char *paths[1] = {path};

	memset(&io, 0, sizeof io);
	memset(&tot, 0, sizeof tot);
	CHECK_INT(bs_ingest_paths(s, paths, 1, &io, &tot, &err), 0);
}

/* A new database holding the fixture. */
static bs_store *fixture_store(const char *md, const char *name)
{
	char db[128];
	bs_store *s = NULL;
	bs_error err;

	snprintf(db, sizeof db, "%s/%s.db", dir, name);
	CHECK_INT(bs_store_open(&s, db, 0, &err), 0);
	ingest(s, md);
	return s;
}

/* A one-paper markdown file beside the databases, to make results stale. */
static void write_extra(char *path, size_t n)
{
	FILE *f;

	snprintf(path, n, "%s/extra.md", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("## [1] Extra Paper\n\n**Authors**: *Zed Zane, Ann Able*\n\n**Conference**: *icml 2024*\n\n"
	      "**URL**: [https://example.org/extra/1](https://example.org/extra/1)\n\n**Abstract**:\n\n"
	      "Extra record.\n\n----\n", f);
	fclose(f);
}

static void test_metric_names(void)
{
	CHECK_INT(bs_graph_metric_index("degree"), 0);
	CHECK_INT(bs_graph_metric_index("coreness"), BS_GRAPH_METRIC_COUNT - 1);
	CHECK_INT(bs_graph_metric_index("papers"), -1);
	CHECK_INT(bs_graph_metric_index(NULL), -1);
	CHECK_STR(bs_graph_metric_names[2], "pagerank");
	CHECK(bs_graph_metric_names[BS_GRAPH_METRIC_COUNT] == NULL);
}

static void test_params(void)
{
	bs_graph_opts a, b;
	bs_metrics_opts m;
	bs_community_opts c;
	char *pa, *pb, *pc;

	bs_graph_opts_init(&a);
	bs_graph_opts_init(&b);
	bs_metrics_opts_init(&m);
	bs_community_opts_init(&c);
	a.filter.venue = "ICML";
	b.filter.venue = "icml";
	pa = bs_results_graph_params(&a, &m);
	pb = bs_results_graph_params(&b, &m);
	CHECK_STR(pa, pb);   /* one run for the venue however it is typed */
	CHECK(strstr(pa, "\"weight\":\"count\"") != NULL);
	CHECK(strstr(pa, "\"betweenness\":\"auto\"") != NULL);
	pc = bs_results_community_params(&a, &c);
	CHECK(strstr(pc, "\"algorithm\":\"leiden\"") != NULL);
	CHECK(strstr(pc, "\"implementation\":\"bs_leiden\"") != NULL);
	free(pa);
	free(pb);
	free(pc);
}

static void test_bylines(const char *md)
{
	bs_store *s = fixture_store(md, "bylines");
	bs_bylines b;
	bs_filter f;
	bs_error err;

	CHECK_INT(bs_graphdata_bylines(s, NULL, &b, &err), 0);
	CHECK_INT(b.papers, 11);
	CHECK_INT(b.n, 28);
	CHECK_INT(b.start[0], 0);
	CHECK_INT(b.start[1], 3);   /* Ann, Bob, Cid */
	CHECK_INT(b.start[b.papers], b.n);
	CHECK(b.min_author <= b.max_author);
	bs_bylines_release(&b);
	bs_bylines_release(&b);   /* safe twice */
	memset(&f, 0, sizeof f);
	f.venue = "CVPR";
	CHECK_INT(bs_graphdata_bylines(s, &f, &b, &err), 0);
	CHECK_INT(b.papers, 2);
	CHECK_INT(b.n, 4);
	bs_bylines_release(&b);
	memset(&f, 0, sizeof f);
	f.year_from = 2023;
	CHECK_INT(bs_graphdata_bylines(s, &f, &b, &err), 0);
	CHECK_INT(b.papers, 4);
	bs_bylines_release(&b);
	f.year_from = 2030;
	CHECK_INT(bs_graphdata_bylines(s, &f, &b, &err), 0);
	CHECK_INT(b.n, 0);
	bs_bylines_release(&b);
	bs_store_close(s);
}

static int count_name(void *ud, int64_t id, const char *name)
{
	(void)id;
	if (!strcmp(name, "Kim Kay"))
		++*(int *)ud;
	++*(int *)ud;
	return 0;
}

static int count_authorship(void *ud, int64_t paper, int64_t author)
{
	int64_t *last = ud;

	CHECK(paper >= last[0]);   /* in paper order */
	CHECK(author > 0);
	last[0] = paper;
	last[1]++;
	return last[1] == 5 ? 7 : 0;   /* a non-zero return stops */
}

static void test_names_authorships(const char *md)
{
	bs_store *s = fixture_store(md, "names");
	bs_error err;
	int names = 0;
	int64_t last[2] = {0, 0};

	CHECK_INT(bs_graphdata_names(s, count_name, &names, &err), 0);
	CHECK_INT(names, 16);   /* 15 authors, Kim counted twice */
	CHECK_INT(bs_graphdata_authorships(s, count_authorship, last, &err), 7);
	CHECK_INT(last[1], 5);
	CHECK_INT(bs_graphdata_paper_id_bound(s), 11);
	bs_store_close(s);
}

static void fill_pair(void *ctx, size_t row, bs_run_value *col)
{
	(void)ctx;
	bs_run_int(&col[0], (int64_t)row + 1);
	bs_run_int(&col[1], (int64_t)row % 3);
}

/* begin / insert / end, rollback, replacement, the summary given at end */
static void test_runs_write(const char *md)
{
	bs_store *s = fixture_store(md, "runs");
	bs_error err;
	int64_t v, id1, id2, id3, found;
	json_t *j;

	CHECK_INT(bs_store_data_version(s, &v, &err), 0);
	CHECK_INT(bs_runs_begin(s, "communities", "{\"a\":1}", v, "{\"communities\":3}", 0, &id1, &err), 0);
	CHECK_INT(bs_runs_insert(s, BS_RUN_COMMUNITIES, id1, 100, fill_pair, NULL, &err), 0);
	CHECK_INT(bs_runs_end(s, id1, NULL, 0, &err), 0);
	CHECK_INT(bs_runs_find(s, "communities", "{\"a\":1}", &found, &err), 0);
	CHECK_INT(found, id1);
	CHECK_INT(bs_runs_summary(s, id1, &j, &err), 0);
	CHECK_INT(json_integer_value(json_object_get(j, "communities")), 3);
	json_decref(j);

	/* rolled back: nothing of it stays, the older run is current */
	CHECK_INT(bs_runs_begin(s, "communities", "{\"a\":1}", v, "{}", 0, &id2, &err), 0);
	CHECK(id2 > 0);
	CHECK_INT(bs_runs_end(s, id2, NULL, BS_ERR_EMPTY, &err), BS_ERR_EMPTY);
	CHECK_INT(bs_runs_find(s, "communities", "{\"a\":1}", &found, &err), 0);
	CHECK_INT(found, id1);

	/* other params: a second run; same params: the first is replaced */
	CHECK_INT(bs_runs_begin(s, "communities", "{\"a\":2}", v, NULL, 0, &id2, &err), 0);
	CHECK_INT(bs_runs_end(s, id2, "{\"late\":true}", 0, &err), 0);
	CHECK_INT(bs_runs_summary(s, id2, &j, &err), 0);
	CHECK(json_is_true(json_object_get(j, "late")));
	json_decref(j);
	CHECK_INT(bs_runs_begin(s, "communities", "{\"a\":1}", v, "{}", 0, &id3, &err), 0);
	CHECK_INT(bs_runs_end(s, id3, NULL, 0, &err), 0);
	CHECK_INT(bs_runs_summary(s, id1, &j, &err), 0);
	CHECK(j == NULL);   /* gone */
	CHECK_INT(bs_runs_find(s, "communities", "{\"a\":2}", &found, &err), 0);
	CHECK_INT(found, id2);

	/* one run a kind */
	CHECK_INT(bs_runs_begin(s, "communities", "{\"a\":9}", v, "{}", BS_RUNS_REPLACE_KIND, &id1, &err), 0);
	CHECK_INT(bs_runs_end(s, id1, NULL, 0, &err), 0);
	CHECK_INT(bs_runs_find(s, "communities", "{\"a\":2}", &found, &err), 0);
	CHECK_INT(found, 0);
	CHECK_INT(bs_runs_latest(s, "communities", &found, &err), 0);
	CHECK_INT(found, id1);
	CHECK_INT(bs_runs_latest(s, "nothing", &found, &err), 0);
	CHECK_INT(found, 0);

	/* a stored run is current only for the data version it saw */
	CHECK_INT(bs_runs_begin(s, "graph", "{}", v - 1, "{}", 0, &id1, &err), 0);
	CHECK_INT(bs_runs_end(s, id1, NULL, 0, &err), 0);
	CHECK_INT(bs_runs_find(s, "graph", "{}", &found, &err), 0);
	CHECK_INT(found, 0);
	bs_store_close(s);
}

/* The whole graph pipeline stored, then read back and made stale. */
static void test_save_graph(const char *md)
{
	bs_store *s = fixture_store(md, "save");
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_coauthor_graph g;
	bs_author_metrics m;
	bs_graph_summary sum;
	bs_error err;
	int64_t v, run, found;
	char *params, extra[128];
	json_t *j;
	int sampled;
	long k;

	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	memset(&m, 0, sizeof m);
	memset(&sum, 0, sizeof sum);
	CHECK_INT(bs_results_data_version(s, &v, &err), 0);
	CHECK(v > 0);
	CHECK_INT(bs_graph_build(s, &go, &g, &err), 0);
	CHECK_INT(g.n, 15);
	CHECK_INT(bs_metrics_compute(&g, &mo, &m, &err), 0);
	CHECK_INT(bs_graph_summarize(&g, &m, &mo, &sum, &err), 0);
	j = bs_results_graph_summary_json(&g, &m, &sum);
	CHECK_INT(json_integer_value(json_object_get(j, "vertices")), 15);
	CHECK_INT(json_integer_value(json_object_get(j, "papers")), 11);
	CHECK_STR(json_string_value(json_object_get(j, "betweenness")), "exact");
	json_decref(j);
	params = bs_results_graph_params(&go, &mo);
	CHECK_INT(bs_results_find(s, "graph", params, &found, &err), 0);
	CHECK_INT(found, 0);
	CHECK_INT(bs_results_save_graph(s, params, v, &g, &m, &sum, &run, &err), 0);
	CHECK_INT(bs_results_find(s, "graph", params, &found, &err), 0);
	CHECK_INT(found, run);
	CHECK_INT(bs_results_graph_sampling(s, run, &sampled, &k, &err), 0);
	CHECK_INT(sampled, 0);
	{
		bs_table t;
		static const char *const cols[] = {"n"};
		static const bs_col_type types[] = {BS_COL_INT};
		CHECK_INT(bs_query_table(s, "SELECT COUNT(*) FROM author_metrics WHERE run_id = ?1", run, 0, 1,
					 cols, types, &t, &err), 0);
		CHECK_STR(bs_table_get(&t, 0, 0), "15");
		bs_table_release(&t);
	}
	/* any ingest makes it stale */
	write_extra(extra, sizeof extra);
	ingest(s, extra);
	CHECK_INT(bs_results_find(s, "graph", params, &found, &err), 0);
	CHECK_INT(found, 0);
	free(params);
	bs_graph_summary_release(&sum);
	bs_metrics_release(&m);
	bs_graph_release(&g);
	bs_store_close(s);
}

static void test_sampling(const char *md)
{
	bs_store *s = fixture_store(md, "sampling");
	bs_error err;
	int64_t run;
	int sampled;
	long k;

	CHECK_INT(bs_runs_begin(s, "graph", "{}", 1, "{\"betweenness\":\"sampled\",\"betweenness_k\":300}", 0,
				&run, &err), 0);
	CHECK_INT(bs_runs_end(s, run, NULL, 0, &err), 0);
	CHECK_INT(bs_results_graph_sampling(s, run, &sampled, &k, &err), 0);
	CHECK_INT(sampled, 1);
	CHECK_INT(k, 300);
	CHECK_INT(bs_results_graph_sampling(s, run + 100, &sampled, &k, &err), 0);   /* no such run */
	CHECK_INT(sampled, 0);
	CHECK_INT(k, 0);
	bs_store_close(s);
}

static void test_save_communities(const char *md)
{
	bs_store *s = fixture_store(md, "comm");
	bs_graph_opts go;
	bs_community_opts co;
	bs_coauthor_graph g;
	bs_communities c;
	bs_error err;
	bs_table t;
	int64_t v, run, found;
	char *params;
	json_t *j;
	static const char *const cols[] = {"size", "papers", "top"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT, BS_COL_TEXT};

	bs_graph_opts_init(&go);
	bs_community_opts_init(&co);
	memset(&c, 0, sizeof c);
	CHECK_INT(bs_results_data_version(s, &v, &err), 0);
	CHECK_INT(bs_graph_build(s, &go, &g, &err), 0);
	CHECK_INT(bs_communities_detect(&g, &co, &c, &err), 0);
	params = bs_results_community_params(&go, &co);
	CHECK_INT(bs_results_save_communities(s, params, v, &g, &c, &run, &err), 0);
	CHECK_INT(bs_results_find(s, "communities", params, &found, &err), 0);
	CHECK_INT(found, run);
	CHECK_INT(bs_runs_summary(s, run, &j, &err), 0);
	CHECK_INT(json_integer_value(json_object_get(j, "communities")), c.count);
	json_decref(j);
	/* the community of Ida and Jon: two members, two papers, both named */
	CHECK_INT(bs_query_table(s, "SELECT s.size, s.papers, s.top_authors FROM community_summary s"
				 " JOIN communities m ON m.run_id = s.run_id AND m.community = s.community"
				 " JOIN authors a ON a.id = m.author_id WHERE s.run_id = ?1 AND a.name = 'Ida Ivy'",
				 run, 0, 3, cols, types, &t, &err), 0);
	CHECK_INT(t.nrows, 1);
	if (t.nrows) {
		CHECK_STR(bs_table_get(&t, 0, 0), "2");
		CHECK_STR(bs_table_get(&t, 0, 1), "2");
		CHECK(strstr(bs_table_get(&t, 0, 2), "Jon Jay") != NULL);
	}
	bs_table_release(&t);
	free(params);
	bs_communities_release(&c);
	bs_graph_release(&g);
	bs_store_close(s);
}

int main(int argc, char **argv)
{
	if (argc < 2 || access(argv[1], R_OK) != 0)
		return 77;
	snprintf(dir, sizeof dir, "/tmp/bs_test_results_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	bs_igraph_init();
	test_metric_names();
	test_params();
	test_bylines(argv[1]);
	test_names_authorships(argv[1]);
	test_runs_write(argv[1]);
	test_save_graph(argv[1]);
	test_sampling(argv[1]);
	test_save_communities(argv[1]);
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return test_done("results");
}
