/* metrics.h - per-author centralities and the graph summary.
 *
 * Exact betweenness and harmonic centrality cost O(n·m); while n·m is at
 * most opts.exact_limit they are exact, beyond it both are estimated from
 * k BFS sources drawn with the seeded igraph RNG (bs_sampled_paths):
 * betweenness as the sum of Brandes dependencies scaled by n/k, harmonic
 * centrality as the mean of 1/d scaled likewise.  The summary's mean distance and
 * diameter of the giant component are exact for a giant of at most 2,000
 * vertices and sampled beyond (the metrics' sources that fall in the giant
 * component when the metrics were sampled, else k sources of its own; the
 * diameter is then a lower bound).  The sampled pass relabels vertices in
 * BFS order for memory locality and splits the sources over two threads.
 * PageRank (damping 0.85) and eigenvector centrality use the edge weights
 * (power iterations; igraph's PRPACK and ARPACK if they do not converge);
 * distances are hops.  Components are numbered by size, largest first
 * (0 = the giant component).
 */
#ifndef BS_METRICS_H
#define BS_METRICS_H

#include "graph.h"

typedef struct bs_metrics_opts {
	double exact_limit;     /* n·m up to which betweenness/harmonic are exact */
	igraph_integer_t k;     /* BFS sources when sampling (default 256) */
	unsigned long seed;
	int side_nice;          /* with a side job: the igraph-free thread's nice
				 * increment (bs_thread_lower_priority; default 0) */
} bs_metrics_opts;

/* Distances seen from the sampled sources inside the giant component. */
typedef struct bs_distance_sample {
	double sum, pairs, max;
	long sources;
} bs_distance_sample;

typedef struct bs_author_metrics {
	igraph_integer_t n;
	igraph_vector_t degree, strength, pagerank, betweenness, harmonic, eigenvector, clustering;
	igraph_vector_int_t coreness, component;
	int approximate;            /* betweenness and harmonic were sampled */
	igraph_integer_t k;         /* sources used when approximate */
	bs_distance_sample distances;  /* when approximate: reused by the summary */
	int have;
} bs_author_metrics;

typedef struct bs_graph_summary {
	igraph_integer_t vertices, edges, components, giant, isolated;
	double giant_share, density, mean_degree, transitivity;
	double mean_distance, diameter;
	int distance_sampled;
	igraph_integer_t distance_sources;
	igraph_vector_int_t degree_hist;   /* degree_hist[d] = vertices of degree d */
	int have;
} bs_graph_summary;

void bs_metrics_opts_init(bs_metrics_opts *o);

/* Brandes' single-source pass from each of sources: betweenness (scaled
 * by n/k, unordered pairs) and normalised harmonic centrality (scaled by
 * n/k).  With every vertex as a source both are exact, which the tests use
 * to check it against igraph.  O(k·m) time; O(n + m) extra memory (per
 * thread, 17 bytes a vertex and the edges of one shortest-path DAG, at
 * most m).  (igraph 0.10.2's igraph_betweenness_subset computes the same
 * sums but took 7.8 ms per source on the shared corpus against about 1 ms
 * here.) */
igraph_error_t bs_sampled_paths(const igraph_t *G, const igraph_vector_int_t *sources,
				igraph_vector_t *betweenness, igraph_vector_t *harmonic);
/* The local clustering coefficient (0 below degree 2) and the k-core
 * number of every vertex of the simple graph G into clustering and core
 * (resized), as bs_metrics_compute makes them: what
 * igraph_transitivity_local_undirected(..., IGRAPH_TRANSITIVITY_ZERO)
 * (bitwise) and igraph_coreness(..., IGRAPH_ALL) give.  Clustering by a
 * degree-ordered triangle count over a 4-byte-an-edge out-list, O(m
 * sqrt(m)) worst case; coreness by Batagelj and Zaversnik's O(n + m) bucket
 * peeling on a flat adjacency (igraph's versions allocate per vertex, and
 * its adjacency list for clustering takes 16 bytes an edge: 1M papers,
 * about 5 s against under 2).  Exposed for the tests. */
igraph_error_t bs_clustering_coreness(const igraph_t *G, igraph_vector_t *clustering,
				      igraph_vector_int_t *core);
/* Compute every metric.  The sampled shortest-path pass runs on a thread
 * of its own (it makes no igraph call) while this thread runs coreness,
 * clustering, PageRank and the eigenvector iteration (or exact betweenness
 * on a small graph).  Errors: BS_ERR_EXTERNAL/NOMEM from igraph. */
int bs_metrics_compute(const bs_coauthor_graph *g, const bs_metrics_opts *o,
		       bs_author_metrics *m, bs_error *err);
/* The same, with side(side_arg) on this thread: the place for more igraph
 * work on the same graph (community detection), the longest chain of
 * igraph calls, so it starts first, right after the degrees and
 * components; the other thread then does all the igraph-free metrics
 * (past 80M edge ends the power iterations wait until side returns, to
 * bound memory).  side must not modify g.  Its return value goes to
 * *side_rc (may be NULL), unrelated to this function's, which reports the
 * metrics only.  side is not called when that setup fails. */
int bs_metrics_compute_beside(const bs_coauthor_graph *g, const bs_metrics_opts *o, bs_author_metrics *m,
			      int (*side)(void *), void *side_arg, int *side_rc, bs_error *err);
void bs_metrics_release(bs_author_metrics *m);

/* Summary; needs m->component from bs_metrics_compute. */
int bs_graph_summarize(const bs_coauthor_graph *g, const bs_author_metrics *m,
		       const bs_metrics_opts *o, bs_graph_summary *s, bs_error *err);
void bs_graph_summary_release(bs_graph_summary *s);

/* The eigenvector iteration's momentum (metrics.c): off (beta 0) until
 * the largest change of the plain sweeps shrinks by a steady rho, measured
 * at every sweep from EV_MOMENTUM_FROM on over two windows of 5 sweeps
 * (within 0.005); then beta = (rho mx)^2 / 4.  Zero-initialise.  Exposed
 * for tests. */
#define EV_MOMENTUM_FROM 15
typedef struct bs_ev_momentum {
	double beta, c;        /* c = beta / the last rescaling factor */
	double hist[11];       /* the changes of the last 11 plain sweeps (a ring) */
	int n;                 /* plain sweeps seen */
} bs_ev_momentum;

/* After a sweep whose rescaling factor was mx and whose largest change was
 * ediff: sets the momentum term of the next sweep (mo->c). */
void bs_ev_momentum_after(bs_ev_momentum *mo, double mx, double ediff);

#endif
