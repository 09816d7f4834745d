/* power.h - PageRank and eigenvector centrality by power iteration over
 * a weighted adjacency.
 *
 * bs_wcsr_build: G's edges with the weights w (one per edge), both
 * directions, rows in BFS order (newid[igraph vertex] = row).  O(n + m);
 * 8 bytes an edge end when every weight is an integer a float holds
 * exactly, else 12.  The caller owns it: bs_wcsr_release (safe twice).
 * bs_power_iterations: PageRank with damping d (scores summing to 1) into
 * pr_out and eigenvector centrality (max 1) into ev_out, both sized n by
 * the caller and indexed by igraph vertex; *pr_it and *ev_it get the
 * sweeps each took, or -1 when one did not converge (its scores are then
 * unspecified and the caller falls back on igraph).  O(m) a sweep, O(n)
 * memory beyond the adjacency.  No igraph call but reading G's edge
 * vectors; allocation failure goes to the OOM handler.
 */
#ifndef BS_POWER_H
#define BS_POWER_H

#include "analysis/graph/metrics.h"

#include <stdint.h>

typedef struct bs_wcsr {
	igraph_integer_t n;
	int64_t *off;
	int32_t *nbr, *newid;
	float *wf;      /* exactly the weights, or NULL */
	double *wd;     /* the weights when wf is NULL */
} bs_wcsr;

void bs_wcsr_build(const igraph_t *G, const igraph_vector_t *w, bs_wcsr *c);
void bs_wcsr_release(bs_wcsr *c);
void bs_power_iterations(const bs_wcsr *c, double d, igraph_vector_t *pr_out, igraph_vector_t *ev_out,
			 int *pr_it, int *ev_it);

#endif
