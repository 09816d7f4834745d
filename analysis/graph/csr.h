/* csr.h - a flat adjacency of an igraph graph and the traversals over it
 * that the metrics share.
 *
 * A bs_csr holds the neighbours of v at nbr[off[v] .. off[v + 1]), every
 * edge in both directions, as int32 (fewer than 2^31 edge ends): flat
 * arrays keep the BFS loops in cache.  The caller owns it and frees it
 * with bs_csr_release (safe twice).  Nothing here calls igraph but reading
 * G's edge vectors, so it may run beside igraph on another thread;
 * allocation failure goes to the OOM handler (base/error.h).
 */
#ifndef BS_CSR_H
#define BS_CSR_H

#include <igraph.h>
#include <stdint.h>

typedef struct bs_csr { int32_t *off, *nbr; } bs_csr;

/* G's adjacency into c, edges in id order.  O(n + m). */
void bs_csr_build(const igraph_t *G, bs_csr *c);
void bs_csr_release(bs_csr *c);
/* BFS from src: dist[] (-1 = unreached, all -1 on entry) gets the hops of
 * every reached vertex, queue[] those vertices in BFS order (src first);
 * returns how many.  The caller resets dist[queue[i]] to -1 for the next
 * call.  O(reached vertices + their edges). */
int32_t bs_csr_bfs(const bs_csr *c, int32_t src, int32_t *dist, int32_t *queue);
/* The vertices relabelled in BFS order, components one after another,
 * each from its lowest vertex: newid[old] = new (n entries).  O(n + m). */
void bs_csr_bfs_order(const bs_csr *c, int32_t n, int32_t *newid);
/* The vertices in depth-first preorder, each component from its lowest
 * id, into order[] (n): consecutive vertices are mostly near each other,
 * so an evenly spaced pick over it spreads sources across the graph.
 * O(n + m). */
void bs_csr_dfs_order(const bs_csr *c, int32_t n, int32_t *order);

#endif
