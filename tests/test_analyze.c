/* test_analyze.c - analysis/analyze.h, one test a function, on
 * tests/fixtures/graph.md (15 authors, 11 papers; argv[1]): reuse a
 * current run, or compute and store one. */
#define _XOPEN_SOURCE 700   /* nftw, setenv */
#include "test.h"
#include "fixture.h"
#include "analysis/analyze.h"
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

static void test_analyze_graph(const char *md)
{
	bs_store *s = fixture_store(dir, md, "graph");
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_analysis_info info;
	bs_error err;
	int64_t run1, run2;
	json_t *j;

	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 0, &run1, &info, &err), 0);
	CHECK(run1 > 0);
	CHECK_INT(info.computed, 1);
	CHECK_INT(info.graph_computed, 1);
	CHECK_INT(info.vertices, 15);
	CHECK_INT(info.approximate, 0);
	CHECK_INT(bs_runs_summary(s, run1, &j, &err), 0);
	CHECK_INT(json_integer_value(json_object_get(j, "vertices")), 15);
	json_decref(j);
	/* current: reused */
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 0, &run2, &info, &err), 0);
	CHECK_INT(run2, run1);
	CHECK_INT(info.computed, 0);
	/* forced: computed again, the old run replaced (its id may be reused) */
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 1, &run2, &info, &err), 0);
	CHECK(run2 > 0);
	CHECK_INT(info.computed, 1);
	CHECK_INT(bs_runs_latest(s, "graph", &run1, &err), 0);
	CHECK_INT(run1, run2);
	/* a filter matching nothing: an error, nothing stored */
	go.filter.year_from = 2030;
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 0, &run1, &info, &err), BS_ERR_EMPTY);
	CHECK_INT(run1, 0);
	bs_store_close(s);
}

static void test_analyze_communities(const char *md)
{
	bs_store *s = fixture_store(dir, md, "comm");
	bs_graph_opts go;
	bs_community_opts co;
	bs_analysis_info info;
	bs_error err;
	int64_t run1, run2;

	bs_graph_opts_init(&go);
	bs_community_opts_init(&co);
	CHECK_INT(bs_analyze_communities(s, &go, &co, 0, &run1, &info, &err), 0);
	CHECK(run1 > 0);
	CHECK_INT(info.comm_computed, 1);
	CHECK_INT(info.graph_computed, 0);
	CHECK_INT(bs_analyze_communities(s, &go, &co, 0, &run2, &info, &err), 0);
	CHECK_INT(run2, run1);
	CHECK_INT(info.computed, 0);
	/* another selection is another run */
	go.filter.venue = "nips";
	CHECK_INT(bs_analyze_communities(s, &go, &co, 0, &run2, &info, &err), 0);
	CHECK(run2 != run1);
	CHECK_INT(info.vertices, 7);   /* Bob, Cid, Dee, Eve, Fay, Gus, Hal */
	bs_store_close(s);
}

static void test_graph_communities(const char *md)
{
	bs_store *s = fixture_store(dir, md, "both");
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analysis_info info;
	bs_error err;
	int64_t grun, crun, run;

	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	CHECK_INT(bs_analyze_graph_communities(s, &go, &mo, &co, &grun, &crun, &err), 0);
	CHECK(grun > 0 && crun > 0 && grun != crun);
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 0, &run, &info, &err), 0);
	CHECK_INT(run, grun);
	CHECK_INT(bs_analyze_communities(s, &go, &co, 0, &run, &info, &err), 0);
	CHECK_INT(run, crun);
	bs_store_close(s);
}

static void test_beside(const char *md)
{
	bs_store *s = fixture_store(dir, md, "beside");

	unsetenv("BIBSCOPE_PARALLEL_MAX_PAPERS");
	CHECK_INT(bs_analyze_beside(s), 1);
	setenv("BIBSCOPE_PARALLEL_MAX_PAPERS", "10", 1);   /* 11 papers */
	CHECK_INT(bs_analyze_beside(s), 0);
	setenv("BIBSCOPE_PARALLEL_MAX_PAPERS", "11", 1);
	CHECK_INT(bs_analyze_beside(s), 1);
	unsetenv("BIBSCOPE_PARALLEL_MAX_PAPERS");
	bs_store_close(s);
}

static void test_analyze_all(const char *md)
{
	bs_store *s = fixture_store(dir, md, "all");
	bs_terms_opts to;
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analyze_all_info info;
	bs_error err;
	int64_t grun;

	bs_terms_opts_init(&to);
	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	CHECK_INT(bs_analyze_all(s, &to, &go, &mo, &co, 0, &info, &err), 0);
	CHECK_INT(info.parallel, 1);
	CHECK(info.graph_run > 0 && info.comm_run > 0 && info.terms.run_id > 0);
	CHECK_INT(info.graph.computed, 1);
	grun = info.graph_run;
	/* the second call finds everything stored */
	CHECK_INT(bs_analyze_all(s, &to, &go, &mo, &co, 0, &info, &err), 0);
	CHECK_INT(info.graph_run, grun);
	CHECK_INT(info.graph.computed, 0);
	CHECK_INT(info.terms.computed, 0);
	bs_store_close(s);
}

static void test_selection(const char *md)
{
	bs_store *s = fixture_store(dir, md, "selection");
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analysis_info info;
	bs_analyze_runs runs;
	bs_filter f;
	bs_error err;
	int64_t run;
	int rc;

	memset(&f, 0, sizeof f);
	f.year_to = 2022;
	CHECK_INT(bs_analyze_selection(s, &f, BS_WANT_GRAPH | BS_WANT_COMMUNITIES, NULL, &runs, NULL, &err), 0);
	CHECK(runs.graph > 0 && runs.communities > 0);
	CHECK_INT(runs.terms, 0);
	CHECK_INT(runs.themes, 0);
	/* the same runs as the single calls with default options ask for */
	bs_graph_opts_init(&go);
	go.filter = f;
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 0, &run, &info, &err), 0);
	CHECK_INT(run, runs.graph);
	CHECK_INT(info.computed, 0);
	CHECK_INT(bs_analyze_communities(s, &go, &co, 0, &run, &info, &err), 0);
	CHECK_INT(run, runs.communities);
	/* the thematic map needs the terms, and makes them */
	rc = bs_analyze_selection(s, &f, BS_WANT_THEMES, NULL, &runs, NULL, &err);
	CHECK(runs.terms > 0);
	CHECK(rc == 0 || rc == BS_ERR_EMPTY);   /* a tiny corpus may have too few phrases */
	CHECK(rc != 0 || runs.themes > 0);
	CHECK_INT(runs.graph, 0);
	bs_store_close(s);
}

int main(int argc, char **argv)
{
	if (argc < 2 || access(argv[1], R_OK) != 0)
		return 77;
	snprintf(dir, sizeof dir, "/tmp/bs_test_analyze_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	bs_igraph_init();
	test_analyze_graph(argv[1]);
	test_analyze_communities(argv[1]);
	test_graph_communities(argv[1]);
	test_beside(argv[1]);
	test_analyze_all(argv[1]);
	test_selection(argv[1]);
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return test_done("analyze");
}
