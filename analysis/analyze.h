/* analyze.h - "give me current results": reuse a stored run whose
 * parameters and data version match, or compute, store and return a new
 * one.  This is what the CLI commands call.
 */
#ifndef BS_ANALYZE_H
#define BS_ANALYZE_H

#include "results.h"

typedef struct bs_analysis_info {
	int computed;          /* 0: a stored run was current */
	double seconds;        /* computing time when computed */
	long vertices, edges, papers_excluded;
	int approximate;
	long k;
} bs_analysis_info;

/* Graph metrics run for (g, m): *run_id of a current run. */
int bs_analyze_graph(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m, int force,
		     int64_t *run_id, bs_analysis_info *info, bs_error *err);

/* Communities run for (g, c). */
int bs_analyze_communities(bs_store *s, const bs_graph_opts *g, const bs_community_opts *c,
			   int force, int64_t *run_id, bs_analysis_info *info, bs_error *err);

/* Both runs on one build of the graph, as the report needs them: whatever
 * is missing is computed first and stored after, so that the write lock is
 * held only for the inserts.  The cost is one build plus what each run
 * costs alone. */
int bs_analyze_graph_communities(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m,
				 const bs_community_opts *c, int64_t *graph_run, int64_t *comm_run,
				 bs_error *err);

#endif
