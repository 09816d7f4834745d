/* results.h - analysis results in the store.
 *
 * Every analysis writes a `runs` row (kind, parameters as canonical JSON,
 * the data version it saw, a JSON summary) and its per-author rows in one
 * transaction; an older run of the same kind and parameters is replaced.
 * The data version is the id of the newest ingest_files row, so any ingest
 * makes older results stale and bs_results_find() stops returning them;
 * a run stores the version of the snapshot it read (bs_store_read_begin),
 * so results computed while an ingest commits are stale, never current.
 *
 * This module turns graphs, metrics and communities into those rows and
 * parameters; store/runs.h writes and reads them (bs_runs_begin, _insert,
 * _end, bs_runs_summary), store/graphdata.h reads what the graph is built
 * from.
 */
#ifndef BS_RESULTS_H
#define BS_RESULTS_H

#include "analysis/graph/communities.h"
#include "analysis/graph/graph.h"
#include "analysis/graph/metrics.h"

#include <jansson.h>

/* The per-author centralities a graph run stores, ranked by `authors --by`
 * and shown by `author` and the exports, in author_metrics column order.
 * The macro lets a caller compose its own list around them, e.g.
 * {"papers", "fractional", BS_GRAPH_METRIC_NAMES, "clustering", NULL}. */
#define BS_GRAPH_METRIC_NAMES \
	"degree", "strength", "pagerank", "betweenness", "harmonic", "eigenvector", "coreness"
#define BS_GRAPH_METRIC_COUNT 7
/* The same names, NULL-terminated. */
extern const char *const bs_graph_metric_names[BS_GRAPH_METRIC_COUNT + 1];
/* Index of name in bs_graph_metric_names, or -1.  O(1). */
int bs_graph_metric_index(const char *name);

/* Current data version (0 for an empty database). */
int bs_results_data_version(bs_store *s, int64_t *v, bs_error *err);

/* Canonical parameter JSON of a graph (weight, max_authors, venue, years)
 * plus, for metrics, exact_limit/k/seed; caller frees with free(). */
char *bs_results_graph_params(const bs_graph_opts *g, const bs_metrics_opts *m);
char *bs_results_community_params(const bs_graph_opts *g, const bs_community_opts *c);

/* Latest run of kind with exactly these params and the current data
 * version; *run_id = 0 when there is none (bs_runs_find). */
int bs_results_find(bs_store *s, const char *kind, const char *params, int64_t *run_id,
		    bs_error *err);

/* How the stored graph run run_id computed betweenness: *sampled 1 with
 * its *k sources, else 0 (exact, or a run without that record).  One
 * indexed row read (bs_runs_summary). */
int bs_results_graph_sampling(bs_store *s, int64_t run_id, int *sampled, long *k, bs_error *err);

/* Store a graph run: summary JSON and one author_metrics row per vertex.
 * version: the data version of the snapshot the graph was built from
 * (bs_store_read_begin), not the current one.  Both save calls take the
 * writer lock (store.h) around their transaction. */
int bs_results_save_graph(bs_store *s, const char *params, int64_t version, const bs_coauthor_graph *g,
			  const bs_author_metrics *m, const bs_graph_summary *sum,
			  int64_t *run_id, bs_error *err);

/* Store a communities run: communities rows and a community_summary row per
 * community (size, internal edges, density, papers, the five most prolific
 * members as a JSON array). */
int bs_results_save_communities(bs_store *s, const char *params, int64_t version,
				const bs_coauthor_graph *g, const bs_communities *c, int64_t *run_id,
				bs_error *err);

/* Summary JSON of a graph run (new reference). */
json_t *bs_results_graph_summary_json(const bs_coauthor_graph *g, const bs_author_metrics *m,
				      const bs_graph_summary *sum);

#endif
