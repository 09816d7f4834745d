/* paths.h - the shortest-path pass behind betweenness, harmonic
 * centrality and the giant component's distances (Brandes, one pass per
 * source, the sources split over two threads).
 *
 * bs_paths_pass: from each of sources[0..k) (igraph vertex ids), adds each
 * vertex's betweenness into bc[] and its normalised harmonic centrality
 * into hc[] (n each, zero on entry), each source standing for n/k sources,
 * or, with vscale (n, may be NULL), for vscale[v] of those of v's
 * component; undirected pairs count once.  comp (may be NULL) marks the
 * giant component with 0: the distances from the sources in it go to *ds
 * (may be NULL; zeroed first).  clustering (n, may be NULL) is G's local
 * clustering (bs_local_clustering's values): the vertices it shows have
 * all their neighbours adjacent skip work, the sums are bitwise the same.
 * Makes no igraph call (it may run beside igraph on another thread): it
 * reads G's edge vectors and writes plain arrays.  O(k m) time; O(n + m)
 * memory per thread (17 bytes a vertex and the edges of one shortest-path
 * DAG).  Allocation failure goes to the OOM handler.
 */
#ifndef BS_PATHS_H
#define BS_PATHS_H

#include "analysis/graph/metrics.h"

#include <stdint.h>

void bs_paths_pass(const igraph_t *G, const int32_t *sources, int32_t k, const igraph_vector_int_t *comp,
		   const double *clustering, const double *vscale, double *bc, double *hc,
		   bs_distance_sample *ds);

#endif
