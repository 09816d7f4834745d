#include "analysis/graph/layout.h"

#include <math.h>

igraph_error_t bs_layout_compute(const igraph_t *g, const igraph_vector_t *w, unsigned long seed,
				 igraph_matrix_t *pos)
{
	igraph_integer_t n = igraph_vcount(g);

	igraph_rng_seed(igraph_rng_default(), seed);
	return igraph_layout_fruchterman_reingold(g, pos, 0, 500, sqrt((double)(n > 1 ? n : 2)),
						  IGRAPH_LAYOUT_AUTOGRID, w, NULL, NULL, NULL, NULL);
}
