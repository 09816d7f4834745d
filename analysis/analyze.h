/* analyze.h - "give me current results": reuse a stored run whose
 * parameters and data version match, or compute, store and return a new
 * one.  This is what the CLI commands call.
 */
#ifndef BS_ANALYZE_H
#define BS_ANALYZE_H

#include "analysis/results.h"
#include "analysis/keywords/terms.h"

typedef struct bs_analysis_info {
	int computed;          /* 0: a stored run was current */
	double seconds;        /* computing time when computed */
	long vertices, edges, papers_excluded;
	int approximate;
	long k;
	int graph_computed;    /* which of the runs were computed (else stored) */
	int comm_computed;
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

/* Whether the keyword tables may be built beside the graph (on a second
 * thread, as bs_analyze_all and the report do): up to 1,250,000 papers,
 * $BIBSCOPE_PARALLEL_MAX_PAPERS overrides.  Beyond, the two stages'
 * memory would add up (3M papers: 6.3 + 6.1 GiB), so they come one after
 * the other and the peak is the larger of the two. */
int bs_analyze_beside(bs_store *s);

typedef struct bs_analyze_all_info {
	bs_terms_info terms;
	bs_analysis_info graph;    /* the graph build, for both graph runs */
	int64_t graph_run, comm_run;
	int parallel;              /* the keyword tables were built beside the graph */
	double seconds;            /* wall time of the whole call */
} bs_analyze_all_info;

/* Every analysis run the queries and the report read: the keyword tables
 * (t), the graph metrics (g, m) and the communities (g, c), each reused
 * when a current run is stored (unless force), the missing ones computed
 * -- the keyword tables on a second thread with its own connection while
 * this one builds the graph once for both graph runs (see
 * bs_analyze_beside) -- and stored, one transaction per run.  On error
 * nothing of the failed run is stored; runs completed before it are.
 * Cost: the keyword tables' and the graph runs' costs, overlapped on two
 * cores. */
int bs_analyze_all(bs_store *s, const bs_terms_opts *t, const bs_graph_opts *g, const bs_metrics_opts *m,
		   const bs_community_opts *c, int force, bs_analyze_all_info *info, bs_error *err);

#endif
