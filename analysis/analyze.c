#include "analyze.h"

#include <sqlite3.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Community detection as a side job of bs_metrics_compute_beside. */
typedef struct detect_job {
	const bs_coauthor_graph *g;
	const bs_community_opts *o;
	bs_communities *c;
	bs_error *err;
} detect_job;

static int detect_beside(void *arg)
{
	detect_job *j = arg;
	return bs_communities_detect(j->g, j->o, j->c, j->err);
}

/* The one implementation behind the three entry points: m or c NULL means
 * that run is not wanted.  Each wanted run is looked up (unless force) and
 * the missing ones computed on one build of the graph -- Leiden beside the
 * metrics' own thread when both are missing -- then stored, one
 * transaction per run, so that the write lock is held only for the
 * inserts.  info (may be NULL) describes the computation. */
static int analyze(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m, const bs_community_opts *c,
		   int force, int64_t *graph_run, int64_t *comm_run, bs_analysis_info *info, bs_error *err)
{
	bs_coauthor_graph graph;
	bs_author_metrics met;
	bs_graph_summary sum;
	bs_communities com;
	bs_error cerr;
	char *gparams = m ? bs_results_graph_params(g, m) : NULL;
	char *cparams = c ? bs_results_community_params(g, c) : NULL;
	int want_graph, want_comm;
	double t0 = now();
	int rc = BS_OK;

	memset(&graph, 0, sizeof graph);
	memset(&met, 0, sizeof met);
	memset(&sum, 0, sizeof sum);
	memset(&com, 0, sizeof com);
	if (info)
		memset(info, 0, sizeof *info);
	if (graph_run)
		*graph_run = 0;
	if (comm_run)
		*comm_run = 0;
	if (m && !force)
		rc = bs_results_find(s, "graph", gparams, graph_run, err);
	if (!rc && c && !force)
		rc = bs_results_find(s, "communities", cparams, comm_run, err);
	want_graph = m && !*graph_run;
	want_comm = c && !*comm_run;
	if (rc || (!want_graph && !want_comm))
		goto cleanup;
	rc = bs_graph_build(s, g, &graph, err);
	if (!rc && want_graph) {
		detect_job dj = {&graph, c, &com, &cerr};
		int crc = 0;
		bs_error_clear(&cerr);
		rc = bs_metrics_compute_beside(&graph, m, &met, want_comm ? detect_beside : NULL, &dj, &crc, err);
		if (!rc && crc) {
			rc = crc;
			*err = cerr;
		}
		if (!rc)
			rc = bs_graph_summarize(&graph, &met, m, &sum, err);
	} else if (!rc && want_comm) {
		rc = bs_communities_detect(&graph, c, &com, err);
	}
	if (!rc && want_graph)
		rc = bs_results_save_graph(s, gparams, &graph, &met, &sum, graph_run, err);
	if (!rc && want_comm)
		rc = bs_results_save_communities(s, cparams, &graph, &com, comm_run, err);
	if (!rc && info) {
		info->computed = 1;
		info->seconds = now() - t0;
		info->vertices = (long)graph.n;
		info->edges = (long)igraph_ecount(&graph.g);
		info->papers_excluded = graph.n_papers_excluded;
		info->approximate = met.approximate;
		info->k = (long)met.k;
	}
cleanup:
	bs_communities_release(&com);
	bs_graph_summary_release(&sum);
	bs_metrics_release(&met);
	bs_graph_release(&graph);
	free(gparams);
	free(cparams);
	return rc;
}

int bs_analyze_graph(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m, int force,
		     int64_t *run_id, bs_analysis_info *info, bs_error *err)
{
	return analyze(s, g, m, NULL, force, run_id, NULL, info, err);
}

int bs_analyze_communities(bs_store *s, const bs_graph_opts *g, const bs_community_opts *c,
			   int force, int64_t *run_id, bs_analysis_info *info, bs_error *err)
{
	return analyze(s, g, NULL, c, force, NULL, run_id, info, err);
}

int bs_analyze_graph_communities(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m,
				 const bs_community_opts *c, int64_t *graph_run, int64_t *comm_run,
				 bs_error *err)
{
	int rc = analyze(s, g, m, c, 0, graph_run, comm_run, NULL, err);

	/* what comes next (the keyword tables, in a report past a million
	 * papers) should not stack on this stage's leftovers: the page cache
	 * filled by the stores, and the heap pages of millions of freed names */
	sqlite3_db_release_memory(bs_store_db(s));
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	return rc;
}
