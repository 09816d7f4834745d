/* layout.h - the one network layout, shared by the report's network chart
 * and the exports that carry positions (GEXF viz:position, VOSviewer JSON).
 *
 * Fruchterman-Reingold, 500 iterations, edge weights as attraction; beyond
 * 1,000 vertices igraph's grid variant (repulsion from nearby vertices
 * only: O(n + m) an iteration, 1.3 s of CPU for 12,910 authors, where
 * DrL took 22 s and 675 MB).  The igraph RNG is seeded first, so one graph
 * and one seed give one layout.
 */
#ifndef BS_LAYOUT_H
#define BS_LAYOUT_H

#include <igraph.h>

/* pos (initialised by the caller) becomes n x 2.  w may be NULL. */
igraph_error_t bs_layout_compute(const igraph_t *g, const igraph_vector_t *w, unsigned long seed,
				 igraph_matrix_t *pos);

#endif
