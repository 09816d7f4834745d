/* clustering.h - local clustering coefficients and k-core numbers on flat
 * arrays (what bs_clustering_coreness in metrics.h wraps).
 *
 * Both take G (simple, undirected) and deg (its degrees, n) and write n
 * values into out / core, sized by the caller; both give bitwise what
 * igraph gives (igraph_transitivity_local_undirected(..., ZERO),
 * igraph_coreness(..., IGRAPH_ALL)).  No igraph call but reading G's edge
 * vectors, so they may run beside igraph on another thread; allocation
 * failure goes to the OOM handler.
 */
#ifndef BS_CLUSTERING_H
#define BS_CLUSTERING_H

#include <igraph.h>

/* 0 below degree 2.  O(m sqrt(m)) worst case, 4 bytes an edge. */
void bs_local_clustering(const igraph_t *G, const igraph_vector_int_t *deg, double *out);
/* O(n + m). */
void bs_coreness(const igraph_t *G, const igraph_vector_int_t *deg, igraph_integer_t *core);

#endif
