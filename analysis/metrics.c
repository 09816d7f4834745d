#include "metrics.h"
#include "communities.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bs_metrics_opts_init(bs_metrics_opts *o)
{
	o->exact_limit = 2e8;
	o->k = 256;
	o->seed = 42;
}

/* Compressed adjacency (CSR): the neighbours of v are nbr[off[v] .. off[v+1]).
 * Flat int32 arrays keep the BFS loops in cache; built in O(n + m). */
typedef struct csr { int32_t *off, *nbr; } csr;

static void csr_build(const igraph_t *G, csr *c)
{
	igraph_integer_t n = igraph_vcount(G), m = igraph_ecount(G);
	int32_t *fill;

	c->off = bs_xcalloc((size_t)n + 1, sizeof *c->off);
	c->nbr = bs_xmalloc((size_t)(2 * m + 1) * sizeof *c->nbr);
	for (igraph_integer_t e = 0; e < m; e++) {
		c->off[IGRAPH_FROM(G, e) + 1]++;
		c->off[IGRAPH_TO(G, e) + 1]++;
	}
	for (igraph_integer_t v = 0; v < n; v++)
		c->off[v + 1] += c->off[v];
	fill = bs_xmalloc(((size_t)n + 1) * sizeof *fill);
	memcpy(fill, c->off, ((size_t)n + 1) * sizeof *fill);
	for (igraph_integer_t e = 0; e < m; e++) {
		igraph_integer_t a = IGRAPH_FROM(G, e), b = IGRAPH_TO(G, e);
		c->nbr[fill[a]++] = (int32_t)b;
		c->nbr[fill[b]++] = (int32_t)a;
	}
	free(fill);
}

static void csr_release(csr *c)
{
	free(c->off);
	free(c->nbr);
	c->off = c->nbr = NULL;
}

/* BFS from src; dist[] = hops (-1 unreached, must be all -1 on entry and is
 * reset on return for the reached ones except the returned order). */
static int32_t bfs(const csr *c, int32_t src, int32_t *dist, int32_t *queue)
{
	int32_t head = 0, tail = 0;

	dist[src] = 0;
	queue[tail++] = src;
	while (head < tail) {
		int32_t u = queue[head++];
		for (int32_t i = c->off[u]; i < c->off[u + 1]; i++) {
			int32_t w = c->nbr[i];
			if (dist[w] < 0) {
				dist[w] = dist[u] + 1;
				queue[tail++] = w;
			}
		}
	}
	return tail;
}

/* k distinct vertices of 0..n-1 (or all when k >= n), seeded. */
static igraph_error_t sample_sources(igraph_integer_t n, igraph_integer_t k, unsigned long seed,
				     igraph_vector_int_t *out)
{
	IGRAPH_CHECK(igraph_vector_int_resize(out, n));
	for (igraph_integer_t i = 0; i < n; i++)
		VECTOR(*out)[i] = i;
	if (k < n) {
		igraph_rng_seed(igraph_rng_default(), seed);
		IGRAPH_CHECK(igraph_vector_int_shuffle(out));
		IGRAPH_CHECK(igraph_vector_int_resize(out, k));
		igraph_vector_int_sort(out);
	}
	return IGRAPH_SUCCESS;
}


typedef struct lab { igraph_integer_t label, size, first; } lab;

static int cmp_lab(const void *a, const void *b)
{
	const lab *x = a, *y = b;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

void bs_renumber_by_size(igraph_vector_int_t *memb, igraph_integer_t *ngroups)
{
	igraph_integer_t n = igraph_vector_int_size(memb), max = -1;
	lab *l;
	igraph_integer_t *map;

	for (igraph_integer_t i = 0; i < n; i++)
		if (VECTOR(*memb)[i] > max)
			max = VECTOR(*memb)[i];
	l = bs_xcalloc((size_t)max + 1, sizeof *l);
	for (igraph_integer_t i = 0; i <= max; i++) {
		l[i].label = i;
		l[i].first = n;
	}
	for (igraph_integer_t i = 0; i < n; i++) {
		lab *x = &l[VECTOR(*memb)[i]];
		if (!x->size)
			x->first = i;
		x->size++;
	}
	qsort(l, (size_t)max + 1, sizeof *l, cmp_lab);
	map = bs_xcalloc((size_t)max + 1, sizeof *map);
	*ngroups = 0;
	for (igraph_integer_t i = 0; i <= max; i++) {
		map[l[i].label] = i;
		if (l[i].size)
			(*ngroups)++;
	}
	for (igraph_integer_t i = 0; i < n; i++)
		VECTOR(*memb)[i] = map[VECTOR(*memb)[i]];
	free(l);
	free(map);
}

igraph_error_t bs_sampled_paths(const igraph_t *G, const igraph_vector_int_t *sources,
				igraph_vector_t *betweenness, igraph_vector_t *harmonic)
{
	igraph_integer_t n = igraph_vcount(G), k = igraph_vector_int_size(sources);
	int32_t *dist, *order;
	double *sigma, *delta, *bc, *hc;
	csr c;

	IGRAPH_CHECK(igraph_vector_resize(betweenness, n));
	IGRAPH_CHECK(igraph_vector_resize(harmonic, n));
	igraph_vector_null(betweenness);
	igraph_vector_null(harmonic);
	if (n == 0 || k == 0)
		return IGRAPH_SUCCESS;
	csr_build(G, &c);
	dist = bs_xmalloc((size_t)n * sizeof *dist);
	order = bs_xmalloc((size_t)n * sizeof *order);
	sigma = bs_xcalloc((size_t)n, sizeof *sigma);
	delta = bs_xcalloc((size_t)n, sizeof *delta);
	bc = VECTOR(*betweenness);
	hc = VECTOR(*harmonic);
	for (igraph_integer_t i = 0; i < n; i++)
		dist[i] = -1;
	for (igraph_integer_t si = 0; si < k; si++) {
		int32_t s = (int32_t)VECTOR(*sources)[si], head = 0, tail = 0;

		/* Brandes: BFS counting shortest paths ... */
		dist[s] = 0;
		sigma[s] = 1;
		order[tail++] = s;
		while (head < tail) {
			int32_t u = order[head++], du = dist[u];
			for (int32_t i = c.off[u]; i < c.off[u + 1]; i++) {
				int32_t w = c.nbr[i];
				if (dist[w] < 0) {
					dist[w] = du + 1;
					order[tail++] = w;
				}
				if (dist[w] == du + 1)
					sigma[w] += sigma[u];
			}
		}
		/* ... then dependencies in reverse BFS order */
		for (int32_t i = tail - 1; i > 0; i--) {
			int32_t w = order[i], dw = dist[w];
			double coeff = (1.0 + delta[w]) / sigma[w];
			for (int32_t j = c.off[w]; j < c.off[w + 1]; j++) {
				int32_t v = c.nbr[j];
				if (dist[v] == dw - 1)
					delta[v] += sigma[v] * coeff;
			}
			bc[w] += delta[w];
			hc[w] += 1.0 / (double)dw;
		}
		for (int32_t i = 0; i < tail; i++) {
			int32_t w = order[i];
			dist[w] = -1;
			sigma[w] = 0;
			delta[w] = 0;
		}
	}
	free(dist);
	free(order);
	free(sigma);
	free(delta);
	csr_release(&c);
	/* each source stands for n/k sources; undirected pairs are counted from
	 * both ends, hence the 1/2; harmonic is the mean of 1/d over n-1 others */
	igraph_vector_scale(betweenness, (double)n / (double)k / 2.0);
	if (n > 1)
		igraph_vector_scale(harmonic, (double)n / (double)k / (double)(n - 1));
	return IGRAPH_SUCCESS;
}

static igraph_error_t compute(const bs_coauthor_graph *g, const bs_metrics_opts *o, bs_author_metrics *m)
{
	const igraph_t *G = &g->g;
	igraph_integer_t n = g->n, e = igraph_ecount(G), ncomp;
	igraph_vector_int_t deg, csize, src;
	igraph_real_t value;
	double cost = (double)n * (double)e;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, n);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&csize, 0);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&src, 0);

	IGRAPH_CHECK(igraph_degree(G, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
	for (igraph_integer_t i = 0; i < n; i++)
		VECTOR(m->degree)[i] = (double)VECTOR(deg)[i];
	IGRAPH_CHECK(igraph_strength(G, &m->strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &g->weight));
	if (e > 0) {
		IGRAPH_CHECK(igraph_pagerank(G, IGRAPH_PAGERANK_ALGO_PRPACK, &m->pagerank, &value,
					     igraph_vss_all(), IGRAPH_UNDIRECTED, 0.85, &g->weight, NULL));
		IGRAPH_CHECK(igraph_eigenvector_centrality(G, &m->eigenvector, &value, IGRAPH_UNDIRECTED,
							   1, &g->weight, NULL));
	} else {
		igraph_vector_fill(&m->pagerank, n ? 1.0 / (double)n : 0);
		igraph_vector_null(&m->eigenvector);
	}
	IGRAPH_CHECK(igraph_coreness(G, &m->coreness, IGRAPH_ALL));
	IGRAPH_CHECK(igraph_connected_components(G, &m->component, &csize, &ncomp, IGRAPH_WEAK));
	bs_renumber_by_size(&m->component, &ncomp);
	IGRAPH_CHECK(igraph_transitivity_local_undirected(G, &m->clustering, igraph_vss_all(),
							  IGRAPH_TRANSITIVITY_ZERO));

	if (cost <= o->exact_limit) {
		m->approximate = 0;
		IGRAPH_CHECK(igraph_betweenness(G, &m->betweenness, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL));
		IGRAPH_CHECK(igraph_harmonic_centrality(G, &m->harmonic, igraph_vss_all(), IGRAPH_ALL,
							NULL, 1));
	} else {
		m->approximate = 1;
		IGRAPH_CHECK(sample_sources(n, o->k, o->seed, &src));
		m->k = igraph_vector_int_size(&src);
		IGRAPH_CHECK(bs_sampled_paths(G, &src, &m->betweenness, &m->harmonic));
	}
	igraph_vector_int_destroy(&src);
	igraph_vector_int_destroy(&csize);
	igraph_vector_int_destroy(&deg);
	IGRAPH_FINALLY_CLEAN(3);
	return IGRAPH_SUCCESS;
}

int bs_metrics_compute(const bs_coauthor_graph *g, const bs_metrics_opts *o,
		       bs_author_metrics *m, bs_error *err)
{
	igraph_error_t ie;
	igraph_integer_t n = g->n;

	memset(m, 0, sizeof *m);
	m->n = n;
	igraph_vector_init(&m->degree, n);
	igraph_vector_init(&m->strength, n);
	igraph_vector_init(&m->pagerank, n);
	igraph_vector_init(&m->betweenness, n);
	igraph_vector_init(&m->harmonic, n);
	igraph_vector_init(&m->eigenvector, n);
	igraph_vector_init(&m->clustering, n);
	igraph_vector_int_init(&m->coreness, n);
	igraph_vector_int_init(&m->component, n);
	m->have = 1;
	ie = compute(g, o, m);
	if (ie != IGRAPH_SUCCESS) {
		bs_metrics_release(m);
		return bs_igraph_error(err, ie, "computing author metrics");
	}
	return BS_OK;
}

void bs_metrics_release(bs_author_metrics *m)
{
	if (!m->have)
		return;
	igraph_vector_destroy(&m->degree);
	igraph_vector_destroy(&m->strength);
	igraph_vector_destroy(&m->pagerank);
	igraph_vector_destroy(&m->betweenness);
	igraph_vector_destroy(&m->harmonic);
	igraph_vector_destroy(&m->eigenvector);
	igraph_vector_destroy(&m->clustering);
	igraph_vector_int_destroy(&m->coreness);
	igraph_vector_int_destroy(&m->component);
	memset(m, 0, sizeof *m);
}

static igraph_error_t summarize(const bs_coauthor_graph *g, const bs_author_metrics *m,
				const bs_metrics_opts *o, bs_graph_summary *s)
{
	const igraph_t *G = &g->g;
	igraph_integer_t n = g->n, e = igraph_ecount(G), maxdeg = 0;
	igraph_vector_int_t giant;
	igraph_t sub;

	s->vertices = n;
	s->edges = e;
	s->components = 0;
	for (igraph_integer_t i = 0; i < n; i++) {
		if (VECTOR(m->component)[i] + 1 > s->components)
			s->components = VECTOR(m->component)[i] + 1;
		if ((igraph_integer_t)VECTOR(m->degree)[i] > maxdeg)
			maxdeg = (igraph_integer_t)VECTOR(m->degree)[i];
		if (VECTOR(m->degree)[i] == 0)
			s->isolated++;
	}
	IGRAPH_CHECK(igraph_vector_int_resize(&s->degree_hist, maxdeg + 1));
	igraph_vector_int_null(&s->degree_hist);
	for (igraph_integer_t i = 0; i < n; i++)
		VECTOR(s->degree_hist)[(igraph_integer_t)VECTOR(m->degree)[i]]++;
	s->density = n > 1 ? 2.0 * (double)e / ((double)n * (double)(n - 1)) : 0;
	s->mean_degree = n ? 2.0 * (double)e / (double)n : 0;
	IGRAPH_CHECK(igraph_transitivity_undirected(G, &s->transitivity, IGRAPH_TRANSITIVITY_ZERO));

	IGRAPH_VECTOR_INT_INIT_FINALLY(&giant, 0);
	for (igraph_integer_t i = 0; i < n; i++)
		if (VECTOR(m->component)[i] == 0)
			IGRAPH_CHECK(igraph_vector_int_push_back(&giant, i));
	s->giant = igraph_vector_int_size(&giant);
	s->giant_share = n ? (double)s->giant / (double)n : 0;
	IGRAPH_CHECK(igraph_induced_subgraph(G, &sub, igraph_vss_vector(&giant), IGRAPH_SUBGRAPH_AUTO));
	IGRAPH_FINALLY(igraph_destroy, &sub);
	if (s->giant <= 2000) {
		igraph_real_t d;
		s->distance_sampled = 0;
		IGRAPH_CHECK(igraph_average_path_length(&sub, &s->mean_distance, NULL, IGRAPH_UNDIRECTED, 1));
		IGRAPH_CHECK(igraph_diameter(&sub, &d, NULL, NULL, NULL, NULL, IGRAPH_UNDIRECTED, 1));
		s->diameter = d;
		if (s->giant < 2)
			s->mean_distance = 0;
	} else {
		igraph_vector_int_t src;
		igraph_integer_t gn = s->giant;
		int32_t *dist, *queue;
		double sum = 0, cnt = 0, diam = 0;
		csr c;

		s->distance_sampled = 1;
		IGRAPH_VECTOR_INT_INIT_FINALLY(&src, 0);
		IGRAPH_CHECK(sample_sources(gn, o->k, o->seed + 1, &src));
		s->distance_sources = igraph_vector_int_size(&src);
		csr_build(&sub, &c);
		dist = bs_xmalloc((size_t)gn * sizeof *dist);
		queue = bs_xmalloc((size_t)gn * sizeof *queue);
		for (igraph_integer_t i = 0; i < gn; i++)
			dist[i] = -1;
		for (igraph_integer_t k = 0; k < s->distance_sources; k++) {
			int32_t reached = bfs(&c, (int32_t)VECTOR(src)[k], dist, queue);
			for (int32_t i = 1; i < reached; i++) {
				sum += (double)dist[queue[i]];
				cnt += 1;
			}
			if (reached > 1 && (double)dist[queue[reached - 1]] > diam)
				diam = (double)dist[queue[reached - 1]];
			for (int32_t i = 0; i < reached; i++)
				dist[queue[i]] = -1;
		}
		s->mean_distance = cnt ? sum / cnt : 0;
		s->diameter = diam;
		free(dist);
		free(queue);
		csr_release(&c);
		igraph_vector_int_destroy(&src);
		IGRAPH_FINALLY_CLEAN(1);
	}
	igraph_destroy(&sub);
	igraph_vector_int_destroy(&giant);
	IGRAPH_FINALLY_CLEAN(2);
	return IGRAPH_SUCCESS;
}

int bs_graph_summarize(const bs_coauthor_graph *g, const bs_author_metrics *m,
		       const bs_metrics_opts *o, bs_graph_summary *s, bs_error *err)
{
	igraph_error_t ie;

	memset(s, 0, sizeof *s);
	igraph_vector_int_init(&s->degree_hist, 0);
	s->have = 1;
	ie = summarize(g, m, o, s);
	if (ie != IGRAPH_SUCCESS) {
		bs_graph_summary_release(s);
		return bs_igraph_error(err, ie, "summarising the graph");
	}
	return BS_OK;
}

void bs_graph_summary_release(bs_graph_summary *s)
{
	if (s->have)
		igraph_vector_int_destroy(&s->degree_hist);
	memset(s, 0, sizeof *s);
}
