#include "analysis/graph/clustering.h"
#include "analysis/graph/csr.h"
#include "base/error.h"

#include <stdlib.h>

/* Local clustering coefficient of every vertex into out (n), 0 below
 * degree 2, as igraph_transitivity_local_undirected(..., ZERO) gives it on
 * a simple graph: triangles / (d (d - 1) / 2), bitwise.  Each edge points from the
 * end of lower (degree, id) to the higher one, so every triangle is found
 * once, from its lowest vertex, and no out-list is longer than sqrt(2m):
 * O(m sqrt(m)) worst case, 4 bytes an edge (igraph's adjacency list takes
 * 16 bytes an edge and a call per vertex).  Self-loops are skipped.
 * Makes no igraph call but reading the edge vectors. */
void bs_local_clustering(const igraph_t *G, const igraph_vector_int_t *deg, double *out)
{
	igraph_integer_t n = igraph_vcount(G), m = igraph_ecount(G);
	int64_t *off = bs_xcalloc((size_t)n + 2, sizeof *off);
	int32_t *nbr = bs_xmalloc((size_t)(m ? m : 1) * sizeof *nbr);
	int32_t *mark = bs_xmalloc((size_t)(n ? n : 1) * sizeof *mark);
	const igraph_integer_t *d = VECTOR(*deg);

#define BS_LOWER(a, b) (d[a] < d[b] || (d[a] == d[b] && (a) < (b)))
	for (igraph_integer_t e = 0; e < m; e++) {
		igraph_integer_t a = IGRAPH_FROM(G, e), b = IGRAPH_TO(G, e);
		if (a != b)
			off[(BS_LOWER(a, b) ? a : b) + 2]++;
	}
	for (igraph_integer_t v = 0; v < n; v++)
		off[v + 2] += off[v + 1];
	for (igraph_integer_t e = 0; e < m; e++) {   /* off[v + 1] is v's fill point */
		igraph_integer_t a = IGRAPH_FROM(G, e), b = IGRAPH_TO(G, e);
		if (a == b)
			continue;
		if (BS_LOWER(a, b))
			nbr[off[a + 1]++] = (int32_t)b;
		else
			nbr[off[b + 1]++] = (int32_t)a;
	}
#undef BS_LOWER
	for (igraph_integer_t v = 0; v < n; v++) {
		out[v] = 0;
		mark[v] = -1;
	}
	for (igraph_integer_t u = 0; u < n; u++) {
		for (int64_t k = off[u]; k < off[u + 1]; k++)
			mark[nbr[k]] = (int32_t)u;
		for (int64_t k = off[u]; k < off[u + 1]; k++) {
			int32_t v = nbr[k];
			for (int64_t l = off[v]; l < off[v + 1]; l++) {
				int32_t w = nbr[l];
				if (mark[w] == (int32_t)u) {
					out[u] += 1;
					out[v] += 1;
					out[w] += 1;
				}
			}
		}
	}
	for (igraph_integer_t v = 0; v < n; v++)
		out[v] = d[v] < 2 ? 0 : out[v] / (double)d[v] / (double)(d[v] - 1) * 2.0;   /* igraph's arithmetic */
	free(off);
	free(nbr);
	free(mark);
}

/* k-core number of every vertex into core (n), as igraph_coreness(...,
 * IGRAPH_ALL) gives it on a simple graph: Batagelj and Zaversnik's O(n + m)
 * peeling with vertices bucketed by current degree, on a flat CSR (igraph
 * calls igraph_neighbors, an allocation, per vertex). */
void bs_coreness(const igraph_t *G, const igraph_vector_int_t *deg, igraph_integer_t *core)
{
	igraph_integer_t n = igraph_vcount(G), md = 0;
	bs_csr c;
	int32_t *bin, *pos, *vert;

	if (n == 0)
		return;
	bs_csr_build(G, &c);
	for (igraph_integer_t v = 0; v < n; v++) {
		core[v] = VECTOR(*deg)[v];
		if (core[v] > md)
			md = core[v];
	}
	bin = bs_xcalloc((size_t)md + 1, sizeof *bin);
	pos = bs_xmalloc((size_t)n * sizeof *pos);
	vert = bs_xmalloc((size_t)n * sizeof *vert);
	for (igraph_integer_t v = 0; v < n; v++)
		bin[core[v]]++;
	for (igraph_integer_t d = 0, start = 0; d <= md; d++) {   /* bin[d]: where degree d begins */
		int32_t k = bin[d];
		bin[d] = (int32_t)start;
		start += k;
	}
	for (igraph_integer_t v = 0; v < n; v++) {
		pos[v] = bin[core[v]]++;
		vert[pos[v]] = (int32_t)v;
	}
	for (igraph_integer_t d = md; d > 0; d--)
		bin[d] = bin[d - 1];
	bin[0] = 0;
	for (igraph_integer_t i = 0; i < n; i++) {
		int32_t v = vert[i];
		for (int32_t k = c.off[v]; k < c.off[v + 1]; k++) {
			int32_t u = c.nbr[k];
			if (core[u] > core[v]) {   /* u moves to the front of its bucket, then one bucket down */
				igraph_integer_t du = core[u];
				int32_t pu = pos[u], pw = bin[du], w = vert[pw];
				if (u != w) {
					pos[u] = pw;
					vert[pu] = w;
					pos[w] = pu;
					vert[pw] = u;
				}
				bin[du]++;
				core[u]--;
			}
		}
	}
	free(bin);
	free(pos);
	free(vert);
	bs_csr_release(&c);
}

igraph_error_t bs_clustering_coreness(const igraph_t *G, igraph_vector_t *clustering,
				      igraph_vector_int_t *core)
{
	igraph_vector_int_t deg;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, igraph_vcount(G));
	IGRAPH_CHECK(igraph_degree(G, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
	IGRAPH_CHECK(igraph_vector_resize(clustering, igraph_vcount(G)));
	IGRAPH_CHECK(igraph_vector_int_resize(core, igraph_vcount(G)));
	bs_local_clustering(G, &deg, VECTOR(*clustering));
	bs_coreness(G, &deg, VECTOR(*core));
	igraph_vector_int_destroy(&deg);
	IGRAPH_FINALLY_CLEAN(1);
	return IGRAPH_SUCCESS;
}
