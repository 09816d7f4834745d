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

int bs_analyze_graph(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m, int force,
		     int64_t *run_id, bs_analysis_info *info, bs_error *err)
{
	bs_coauthor_graph graph;
	bs_author_metrics met;
	bs_graph_summary sum;
	char *params = bs_results_graph_params(g, m);
	double t0 = now();
	int rc;

	memset(info, 0, sizeof *info);
	memset(&graph, 0, sizeof graph);
	memset(&met, 0, sizeof met);
	memset(&sum, 0, sizeof sum);
	rc = force ? BS_OK : bs_results_find(s, "graph", params, run_id, err);
	if (rc || (!force && *run_id))
		goto cleanup;
	rc = bs_graph_build(s, g, &graph, err);
	if (!rc)
		rc = bs_metrics_compute(&graph, m, &met, err);
	if (!rc)
		rc = bs_graph_summarize(&graph, &met, m, &sum, err);
	if (!rc)
		rc = bs_results_save_graph(s, params, &graph, &met, &sum, run_id, err);
	if (!rc) {
		info->computed = 1;
		info->seconds = now() - t0;
		info->vertices = (long)graph.n;
		info->edges = (long)igraph_ecount(&graph.g);
		info->papers_excluded = graph.n_papers_excluded;
		info->approximate = met.approximate;
		info->k = (long)met.k;
	}
cleanup:
	bs_graph_summary_release(&sum);
	bs_metrics_release(&met);
	bs_graph_release(&graph);
	free(params);
	return rc;
}

int bs_analyze_communities(bs_store *s, const bs_graph_opts *g, const bs_community_opts *c,
			   int force, int64_t *run_id, bs_analysis_info *info, bs_error *err)
{
	bs_coauthor_graph graph;
	bs_communities com;
	char *params = bs_results_community_params(g, c);
	double t0 = now();
	int rc;

	memset(info, 0, sizeof *info);
	memset(&graph, 0, sizeof graph);
	memset(&com, 0, sizeof com);
	rc = force ? BS_OK : bs_results_find(s, "communities", params, run_id, err);
	if (rc || (!force && *run_id))
		goto cleanup;
	rc = bs_graph_build(s, g, &graph, err);
	if (!rc)
		rc = bs_communities_detect(&graph, c, &com, err);
	if (!rc)
		rc = bs_results_save_communities(s, params, &graph, &com, run_id, err);
	if (!rc) {
		info->computed = 1;
		info->seconds = now() - t0;
		info->vertices = (long)graph.n;
		info->edges = (long)igraph_ecount(&graph.g);
		info->papers_excluded = graph.n_papers_excluded;
	}
cleanup:
	bs_communities_release(&com);
	bs_graph_release(&graph);
	free(params);
	return rc;
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

int bs_analyze_graph_communities(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m,
				 const bs_community_opts *c, int64_t *graph_run, int64_t *comm_run,
				 bs_error *err)
{
	bs_coauthor_graph graph;
	bs_coauthor_graph *gr = &graph;
	bs_author_metrics met;
	bs_graph_summary sum;
	bs_communities com;
	bs_error cerr;
	char *gparams = bs_results_graph_params(g, m);
	char *cparams = bs_results_community_params(g, c);
	int rc;

	memset(gr, 0, sizeof *gr);
	memset(&met, 0, sizeof met);
	memset(&sum, 0, sizeof sum);
	memset(&com, 0, sizeof com);
	*graph_run = *comm_run = 0;
	rc = bs_results_find(s, "graph", gparams, graph_run, err);
	if (!rc)
		rc = bs_results_find(s, "communities", cparams, comm_run, err);
	if (rc || (*graph_run && *comm_run))
		goto cleanup;
	/* compute everything missing first (Leiden beside the metrics' own
	 * thread) ... */
	rc = bs_graph_build(s, g, gr, err);
	if (!rc && !*graph_run) {
		detect_job dj = {gr, c, &com, &cerr};
		int crc = 0;
		bs_error_clear(&cerr);
		rc = bs_metrics_compute_beside(gr, m, &met, *comm_run ? NULL : detect_beside, &dj, &crc, err);
		if (!rc && crc) {
			rc = crc;
			*err = cerr;
		}
	} else if (!rc && !*comm_run) {
		rc = bs_communities_detect(gr, c, &com, err);
	}
	if (!rc && !*graph_run)
		rc = bs_graph_summarize(gr, &met, m, &sum, err);
	/* ... then store, one transaction per run */
	if (!rc && !*graph_run)
		rc = bs_results_save_graph(s, gparams, gr, &met, &sum, graph_run, err);
	if (!rc && !*comm_run)
		rc = bs_results_save_communities(s, cparams, gr, &com, comm_run, err);
cleanup:
	bs_communities_release(&com);
	bs_graph_summary_release(&sum);
	bs_metrics_release(&met);
	bs_graph_release(gr);
	free(gparams);
	free(cparams);
	/* what comes next (the keyword tables, in a report past a million
	 * papers) should not stack on this stage's leftovers: the page cache
	 * filled by the stores, and the heap pages of millions of freed names */
	sqlite3_db_release_memory(bs_store_db(s));
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	return rc;
}
