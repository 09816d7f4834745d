#include "analyze.h"

#include <stdlib.h>
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
