/* analyze.h - "give me current results": reuse a stored run whose
 * parameters and data version match, or compute, store and return a new
 * one.  This is what the CLI commands call.
 */
#ifndef BS_ANALYZE_H
#define BS_ANALYZE_H

#include "analysis/results.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"
#include "base/table.h"

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

/* What bs_analyze_selection is asked for. */
#define BS_WANT_GRAPH        1u   /* graph metrics, default options */
#define BS_WANT_COMMUNITIES  2u   /* communities, default options */
#define BS_WANT_TERMS        4u   /* the keyword tables, default options */
#define BS_WANT_THEMES       8u   /* the thematic map (needs, and so makes, the terms) */
#define BS_WANT_ALL          15u

typedef struct bs_analyze_runs {
	int64_t graph, communities, terms, themes;   /* 0: not asked for */
} bs_analyze_runs;

/* The runs a report of the selection f reads, as `bibscope report` and
 * `plot` draw them: the wanted runs with default options and f's venue
 * and years (the terms are of every paper), each reused when a current run
 * is stored, else computed and stored; their ids in *runs.  The graph and
 * the communities share one build of the graph (as
 * bs_analyze_graph_communities).  The thematic map is always built afresh
 * (it is not reused): with th (NULL: defaults; its filter is replaced by
 * f), its table to *themes when themes is not NULL (release it with
 * bs_table_release), and the id of the run it stored.  Errors: those of
 * the bs_analyze_* functions, bs_terms_ensure and bs_themes_build; runs
 * completed before an error stay stored.  Cost: what each missing run
 * costs; a stored one is one indexed lookup. */
int bs_analyze_selection(bs_store *s, const bs_filter *f, unsigned want, const bs_theme_opts *th,
			 bs_analyze_runs *runs, bs_table *themes, bs_error *err);

#endif
