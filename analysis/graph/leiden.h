/* leiden.h - the Leiden algorithm for modularity (Traag, Waltman & van Eck,
 * "From Louvain to Leiden: guaranteeing well-connected communities",
 * Scientific Reports 9, 5233, 2019), on flat arrays.
 *
 * Quality: modularity at resolution gamma with node weights the vertex
 * strengths, sum over communities c of (w_in(c) - gamma K_c^2 / (4m)),
 * where m is the total edge weight -- what igraph_community_leiden
 * optimises when given the strengths and gamma / (2m).  Each iteration: fast local moving of nodes (a
 * queue of the nodes whose neighbourhood changed), refinement of each
 * community into well-connected parts (a node joins a part with a
 * probability proportional to exp(gain / beta), gain >= 0), aggregation
 * of the parts into the nodes of the next level, started from the
 * unrefined communities; levels go on until no node moves to another
 * community.  Iteration i > 1 starts from the result of iteration i - 1.
 * Every community found is connected.
 *
 * Same algorithm, not the same code as igraph's: the partitions are not
 * igraph's, but of the same modularity within run-to-run noise
 * (tests/test_leiden.c compares the two on planted partitions), and about
 * 3 times faster on co-authorship graphs of millions of vertices
 * (bench/results-synthetic-1000000.md), since every
 * level is a compressed adjacency rather than an igraph_t and its
 * incidence lists.
 *
 * Deterministic for a given seed (own generator; igraph's RNG is not
 * used).  Time: O(m) a sweep over the queue, a refinement and an
 * aggregation per level; levels are few (about 5).  Memory: the first
 * level's adjacency (8 bytes an edge end when the weights are integers
 * up to 2^24, else 12), the next level's (12 bytes an edge end, about a
 * tenth of the first's) and about 120 bytes a vertex of working arrays. */
#ifndef BS_LEIDEN_H
#define BS_LEIDEN_H

#include "base/error.h"

#include <igraph.h>
#include <stdint.h>

typedef struct bs_leiden_opts {
	double resolution;   /* gamma > 0; 1 is standard modularity */
	double beta;         /* randomness of the refinement, > 0 (0.01) */
	int iterations;      /* >= 1 */
	uint64_t seed;
} bs_leiden_opts;

void bs_leiden_opts_init(bs_leiden_opts *o);

/* Communities of the undirected graph G with edge weights w (NULL: all
 * 1; multi-edges add up, self-loops are ignored) into membership (resized
 * to the vertex count; ids 0 .. *count - 1 in order of each community's
 * lowest vertex).  Errors: BS_ERR_USAGE for a negative or non-finite
 * weight, a resolution or beta not > 0, or more than 2^31 - 1 vertices;
 * BS_ERR_NOMEM when membership cannot be resized. */
int bs_leiden(const igraph_t *G, const igraph_vector_t *w, const bs_leiden_opts *o,
	      igraph_vector_int_t *membership, igraph_integer_t *count, bs_error *err);

#endif
