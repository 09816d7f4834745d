/* vertexdata.h - per-author numbers of the co-authorship graph that the
 * exports write: a stored graph run's metrics, a stored community run's
 * assignment, each author's mean publication year.
 *
 * Each calls fn once per author row (unordered unless said), the row
 * valid only during the call; a non-zero return from fn stops the walk and
 * is returned.  The runs are the caller's (analysis/analyze.h): nothing
 * here computes one.  Errors: BS_ERR_DB with the database path and
 * SQLite's message.
 */
#ifndef BS_VERTEXDATA_H
#define BS_VERTEXDATA_H

#include "base/error.h"
#include "store/query.h"
#include "store/store.h"

#include <stdint.h>

typedef struct bs_vertexdata_metrics {
	int64_t author_id;
	long degree, coreness, component;
	double strength, pagerank, betweenness, harmonic, eigenvector, clustering;
} bs_vertexdata_metrics;

/* The metrics of graph run run_id.  O(authors of the run). */
int bs_vertexdata_metrics_each(bs_store *s, int64_t run_id,
			       int (*fn)(void *ud, const bs_vertexdata_metrics *m), void *ud, bs_error *err);

/* (author id, community) of community run run_id.  O(authors of the run). */
int bs_vertexdata_communities_each(bs_store *s, int64_t run_id,
				   int (*fn)(void *ud, int64_t author_id, long community), void *ud, bs_error *err);

/* (author id, mean year) over the papers with a year that f selects,
 * for every author of one.  O(authorships). */
int bs_vertexdata_mean_years_each(bs_store *s, const bs_filter *f,
				  int (*fn)(void *ud, int64_t author_id, double year), void *ud, bs_error *err);

#endif
