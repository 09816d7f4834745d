/* metrics.h - per-author centralities and the graph summary.
 *
 * Betweenness and harmonic centrality come from one Brandes pass per
 * source (bs_sampled_paths' core): every vertex a source, they are exact.
 * Exact costs sum over the connected components of n_c (n_c + m_c) edge
 * and vertex visits (the "units" below); by default (BS_BC_AUTO) it is
 * exact while the units predict at most opts.exact_limit CPU seconds
 * (bs_betweenness_plan; the constant is calibrated on the corpus graphs,
 * bench/results-betweenness.md), so the choice depends on the graph's
 * structure only, never on a clock.  Beyond, both are estimated: every
 * component of at most k vertices stays exact and the larger ones get
 * k sources between them in proportion to their sizes (the giant
 * component nearly all), evenly spaced along a depth-first order from
 * an offset drawn with the seeded igraph RNG; each source of component
 * c stands for n_c / k_c of them.  The summary's mean
 * distance and diameter of the giant component are exact for a giant of
 * at most 2,000 vertices or with exact betweenness (its sources are all
 * the giant's vertices), else from the sampled sources in the giant (the
 * diameter is then a lower bound).  The pass relabels vertices in
 * BFS order for memory locality and splits the sources over two threads.
 * PageRank (damping 0.85) and eigenvector centrality use the edge weights
 * (power iterations; igraph's PRPACK and ARPACK if they do not converge);
 * distances are hops.  Components are numbered by size, largest first
 * (0 = the giant component).
 */
#ifndef BS_METRICS_H
#define BS_METRICS_H

#include "analysis/graph/graph.h"

/* How betweenness and harmonic centrality are computed. */
enum {
	BS_BC_AUTO = 0,   /* exact while the predicted CPU time <= exact_limit */
	BS_BC_EXACT,      /* always exact */
	BS_BC_SAMPLE      /* always sampled from k sources */
};

/* Predicted CPU seconds of exact betweenness per unit (a unit = a vertex
 * or edge visit of one Brandes pass, sum over components of
 * n_c (n_c + m_c)); calibrated on the corpus graphs, see metrics.c. */
#define BS_BC_SECONDS_PER_UNIT 8e-9
/* The default budget: exact while predicted at most this many CPU seconds. */
#define BS_BC_EXACT_SECONDS 15.0
/* When sampling with opts.k = 0 (the default), k is as many sources as
 * the budget pays for, at least this many (bench/results-betweenness.md:
 * with the budget's k the top 20 agree with exact in at least 19 places
 * on every corpus graph sampled by default). */
#define BS_BC_MIN_SAMPLES 256

typedef struct bs_metrics_opts {
	int bc_mode;            /* BS_BC_AUTO (default), BS_BC_EXACT, BS_BC_SAMPLE */
	double exact_limit;     /* AUTO: predicted CPU seconds up to which exact */
	igraph_integer_t k;     /* sources when sampling; 0 (default): from the budget */
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
	igraph_integer_t k;         /* sampled sources in the large components when approximate */
	double bc_seconds;          /* exact betweenness's predicted CPU seconds */
	bs_distance_sample distances;  /* from the pass's sources in the giant component */
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

/* The betweenness decision for a graph whose ncomp components have
 * cn[c] vertices and cm[c] edges: exact or sampled, the predicted cost
 * of exact, and per component the sources (kc[c] = cn[c]: all, exact
 * in that component; kc may be NULL).  When sampled, k is o->k, or with
 * o->k = 0 what o->exact_limit pays for once the components of at most
 * BS_BC_MIN_SAMPLES vertices are done exactly, a source of component c
 * costing n_c + m_c units (at least BS_BC_MIN_SAMPLES); the components
 * of more than k vertices share the k sources in proportion to their
 * sizes (at least one each, the remainder to the largest) and the others
 * keep all theirs.  Deterministic: depends on the sizes and o only. */
typedef struct bs_bc_plan {
	int exact;
	double units;           /* sum over components of n_c (n_c + m_c) */
	double seconds;         /* units * BS_BC_SECONDS_PER_UNIT */
	igraph_integer_t k;     /* sampled sources in the large components (0 when exact) */
} bs_bc_plan;
void bs_betweenness_plan(const igraph_integer_t *cn, const igraph_integer_t *cm, igraph_integer_t ncomp,
			 const bs_metrics_opts *o, igraph_integer_t *kc, bs_bc_plan *p);

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

/* The eigenvector iteration's momentum (power.c): off (beta 0) until
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
