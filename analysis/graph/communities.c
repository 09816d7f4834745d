#include "analysis/graph/communities.h"
#include "base/clock.h"
#include "analysis/graph/leiden.h"

#include <string.h>
#include <time.h>

void bs_community_opts_init(bs_community_opts *o)
{
	o->algo = BS_COMM_LEIDEN;
	o->resolution = 1.0;
	o->seed = BS_DEFAULT_SEED;
	o->iterations = 2;
	o->deadline = 60;
}

int bs_comm_algo_parse(const char *s)
{
	if (!strcmp(s, "leiden")) return BS_COMM_LEIDEN;
	if (!strcmp(s, "leiden-igraph")) return BS_COMM_LEIDEN_IGRAPH;
	if (!strcmp(s, "louvain")) return BS_COMM_LOUVAIN;
	if (!strcmp(s, "lpa")) return BS_COMM_LPA;
	return -1;
}

const char *bs_comm_algo_name(bs_comm_algo a)
{
	switch (a) {
	case BS_COMM_LEIDEN: return "leiden";
	case BS_COMM_LEIDEN_IGRAPH: return "leiden-igraph";
	case BS_COMM_LOUVAIN: return "louvain";
	case BS_COMM_LPA: return "lpa";
	}
	return "?";
}

static double deadline_at;

static igraph_error_t check_deadline(void *data)
{
	(void)data;
	return deadline_at > 0 && bs_clock_seconds() > deadline_at ? IGRAPH_INTERRUPTED : IGRAPH_SUCCESS;
}

static igraph_error_t detect(const bs_coauthor_graph *g, const bs_community_opts *o, bs_communities *c)
{
	const igraph_t *G = &g->g;

	igraph_rng_seed(igraph_rng_default(), o->seed);
	switch (o->algo) {
	case BS_COMM_LEIDEN:   /* bs_leiden, in bs_communities_detect */
		break;
	case BS_COMM_LEIDEN_IGRAPH: {
		igraph_vector_t strength;
		igraph_integer_t nb;
		igraph_real_t quality;
		bs_leiden_opts lo;   /* the same randomness as bs_leiden */
		double m2 = 0;
		bs_leiden_opts_init(&lo);
		for (igraph_integer_t i = 0; i < igraph_vector_size(&g->weight); i++)
			m2 += 2 * VECTOR(g->weight)[i];
		IGRAPH_VECTOR_INIT_FINALLY(&strength, g->n);
		IGRAPH_CHECK(igraph_strength(G, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS,
					     &g->weight));
		IGRAPH_CHECK(igraph_community_leiden(G, &g->weight, &strength,
						     m2 > 0 ? o->resolution / m2 : o->resolution, lo.beta, 0,
						     o->iterations < 2 ? 2 : o->iterations,
						     &c->membership, &nb, &quality));
		igraph_vector_destroy(&strength);
		IGRAPH_FINALLY_CLEAN(1);
		break;
	}
	case BS_COMM_LOUVAIN: {
		igraph_interruption_handler_t *old;
		igraph_error_t ie;
		deadline_at = bs_clock_seconds() + o->deadline;
		old = igraph_set_interruption_handler(check_deadline);
		ie = igraph_community_multilevel(G, &g->weight, o->resolution, &c->membership, NULL, NULL);
		igraph_set_interruption_handler(old);
		deadline_at = 0;
		IGRAPH_CHECK(ie);
		break;
	}
	case BS_COMM_LPA:
		IGRAPH_CHECK(igraph_community_label_propagation(G, &c->membership, IGRAPH_ALL, &g->weight,
								NULL, NULL));
		break;
	}
	bs_renumber_by_size(&c->membership, &c->count);
	if (igraph_ecount(G) > 0)
		IGRAPH_CHECK(igraph_modularity(G, &c->membership, &g->weight, o->resolution,
					       IGRAPH_UNDIRECTED, &c->modularity));
	else
		c->modularity = 0;
	return IGRAPH_SUCCESS;
}

int bs_communities_detect(const bs_coauthor_graph *g, const bs_community_opts *o,
			  bs_communities *c, bs_error *err)
{
	igraph_error_t ie;

	memset(c, 0, sizeof *c);
	if (igraph_vector_int_init(&c->membership, g->n) != IGRAPH_SUCCESS)
		return bs_error_set(err, BS_ERR_NOMEM, "community detection: out of memory");
	c->have = 1;
	if (o->algo == BS_COMM_LEIDEN) {
		bs_leiden_opts lo;
		int rc;
		bs_leiden_opts_init(&lo);
		lo.resolution = o->resolution;
		lo.iterations = o->iterations;
		lo.seed = o->seed;
		rc = bs_leiden(&g->g, &g->weight, &lo, &c->membership, &c->count, err);
		if (rc) {
			bs_communities_release(c);
			return rc;
		}
	}
	ie = detect(g, o, c);   /* the others; then numbering by size and modularity */
	if (ie != IGRAPH_SUCCESS) {
		bs_communities_release(c);
		if (ie == IGRAPH_INTERRUPTED)
			return bs_error_set(err, BS_ERR_LIMIT,
					    "louvain stopped after its %.0f s deadline (igraph 0.10.2's multilevel"
					    " is slow on weakly structured graphs); use --algorithm leiden",
					    o->deadline);
		return bs_igraph_error(err, ie, "community detection");
	}
	return BS_OK;
}

void bs_communities_release(bs_communities *c)
{
	if (c->have)
		igraph_vector_int_destroy(&c->membership);
	memset(c, 0, sizeof *c);
}
