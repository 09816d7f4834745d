/* communities.h - community detection on the co-authorship graph.
 *
 * Leiden (default) optimises modularity at resolution gamma, node weights
 * the strengths: bs_leiden (leiden.h), 2 iterations by default.
 * "leiden-igraph" is the same algorithm by igraph_community_leiden (the
 * resolution passed as gamma/(2m), m the total edge weight; igraph 0.10.2
 * treats -1 iterations like 1), slower, kept to compare against.  Louvain
 * (igraph_community_multilevel) can be very slow on weakly structured
 * graphs in 0.10.2, so it runs under a deadline through igraph's
 * interruption handler and fails cleanly when it passes.  Label
 * propagation is the fast baseline.  The igraph RNG is seeded, so the same
 * seed gives the same communities.  Communities are numbered by size,
 * largest first.  Modularity is reported at the requested resolution.
 */
#ifndef BS_COMMUNITIES_H
#define BS_COMMUNITIES_H

#include "analysis/graph/graph.h"

typedef enum { BS_COMM_LEIDEN, BS_COMM_LOUVAIN, BS_COMM_LPA, BS_COMM_LEIDEN_IGRAPH } bs_comm_algo;

typedef struct bs_community_opts {
	bs_comm_algo algo;
	double resolution;      /* gamma, default 1 */
	unsigned long seed;     /* default 42 */
	int iterations;         /* Leiden iterations, >= 1 (default 2; leiden-igraph runs 2 or more) */
	double deadline;        /* seconds allowed for Louvain (default 60) */
} bs_community_opts;

typedef struct bs_communities {
	igraph_vector_int_t membership;   /* per vertex */
	igraph_integer_t count;
	double modularity;
	int have;
} bs_communities;

void bs_community_opts_init(bs_community_opts *o);
/* "leiden", "louvain", "lpa", "leiden-igraph" -> algo; -1 when unknown. */
int bs_comm_algo_parse(const char *s);
const char *bs_comm_algo_name(bs_comm_algo a);

/* Errors: BS_ERR_LIMIT when Louvain passes its deadline, BS_ERR_EXTERNAL
 * or BS_ERR_NOMEM from igraph. */
int bs_communities_detect(const bs_coauthor_graph *g, const bs_community_opts *o,
			  bs_communities *c, bs_error *err);
void bs_communities_release(bs_communities *c);

/* Relabel so that 0 is the largest group (ties: lowest first vertex). */
void bs_renumber_by_size(igraph_vector_int_t *memb, igraph_integer_t *ngroups);

#endif
