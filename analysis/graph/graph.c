#include "analysis/graph/graph.h"
#include "store/graphdata.h"

#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The reason of the igraph error being handled.  An error passes through
 * every IGRAPH_CHECK on the way out, each calling the handler again with
 * an empty reason: the innermost (first) reason is kept until
 * bs_igraph_error() reports and clears it. */
static char igraph_msg[512];
static igraph_error_t igraph_msg_code;

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t e)
{
	(void)file;
	(void)line;
	if (!igraph_msg[0] || e != igraph_msg_code || (reason && *reason)) {
		snprintf(igraph_msg, sizeof igraph_msg, "%s (%s)",
			 reason && *reason ? reason : "igraph error", igraph_strerror(e));
		igraph_msg_code = e;
	}
	IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line)
{
	(void)reason;
	(void)file;
	(void)line;
}

void bs_igraph_init(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	igraph_set_error_handler(on_igraph_error);
	igraph_set_warning_handler(on_igraph_warning);
	/* C attributes, for the GraphML and Pajek writers */
	igraph_set_attribute_table(&igraph_cattribute_table);
}

int bs_igraph_error(bs_error *err, igraph_error_t code, const char *what)
{
	int rc = bs_error_set(err, code == IGRAPH_ENOMEM ? BS_ERR_NOMEM : BS_ERR_EXTERNAL,
			      "%s: %s", what, igraph_msg[0] ? igraph_msg : igraph_strerror(code));
	igraph_msg[0] = '\0';
	return rc;
}

void bs_graph_opts_init(bs_graph_opts *o)
{
	memset(o, 0, sizeof *o);
	o->max_authors = 50;
}

typedef struct pair { int32_t u, v; double w; } pair;

/* Pairs sorted by (u, v) in place -- introsort: quicksort with the median
 * of three, insertion sort for short runs, heapsort past 2 log2 n levels --
 * so that sorting hundreds of millions of pairs needs no second buffer
 * (qsort's merge sort allocates one as large as the array). */
static inline uint64_t pair_key(const pair *p)
{
	return (uint64_t)(uint32_t)p->u << 32 | (uint32_t)p->v;
}

static inline void pair_swap(pair *a, pair *b)
{
	pair t = *a;
	*a = *b;
	*b = t;
}

static void pair_sift(pair *a, size_t root, size_t n)
{
	for (;;) {
		size_t c = 2 * root + 1;
		if (c >= n)
			return;
		if (c + 1 < n && pair_key(&a[c + 1]) > pair_key(&a[c]))
			c++;
		if (pair_key(&a[root]) >= pair_key(&a[c]))
			return;
		pair_swap(&a[root], &a[c]);
		root = c;
	}
}

static void pair_heapsort(pair *a, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		pair_sift(a, i, n);
	for (size_t i = n; i-- > 1;) {
		pair_swap(&a[0], &a[i]);
		pair_sift(a, 0, i);
	}
}

static void pair_sort_depth(pair *a, size_t n, int depth)
{
	while (n > 16) {
		size_t mid = n / 2, left;
		ptrdiff_t i, j;
		uint64_t x, y, z, piv;
		if (depth-- == 0) {
			pair_heapsort(a, n);
			return;
		}
		/* the median of first, middle and last goes first: Hoare's
		 * partition around a[0] then ends inside the array */
		x = pair_key(&a[0]);
		y = pair_key(&a[mid]);
		z = pair_key(&a[n - 1]);
		if ((x <= y && y <= z) || (z <= y && y <= x))
			pair_swap(&a[0], &a[mid]);
		else if ((y <= z && z <= x) || (x <= z && z <= y))
			pair_swap(&a[0], &a[n - 1]);
		piv = pair_key(&a[0]);
		i = -1;
		j = (ptrdiff_t)n;
		for (;;) {
			do
				i++;
			while (pair_key(&a[i]) < piv);
			do
				j--;
			while (pair_key(&a[j]) > piv);
			if (i >= j)
				break;
			pair_swap(&a[i], &a[j]);
		}
		/* a[0..j] <= piv <= a[j+1..n), 0 <= j < n - 1 */
		left = (size_t)j + 1;
		if (left < n - left) {
			pair_sort_depth(a, left, depth);
			a += left;
			n -= left;
		} else {
			pair_sort_depth(a + left, n - left, depth);
			n = left;
		}
	}
	for (size_t i = 1; i < n; i++) {
		pair t = a[i];
		uint64_t k = pair_key(&t);
		size_t j = i;
		for (; j > 0 && pair_key(&a[j - 1]) > k; j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

static void pair_sort(pair *a, size_t n)
{
	int depth = 0;

	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	pair_sort_depth(a, n, depth);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

igraph_integer_t bs_graph_vertex(const bs_coauthor_graph *g, int64_t author_id)
{
	const int64_t *p = bsearch(&author_id, g->author_id, (size_t)g->n, sizeof *g->author_id, cmp_i64);
	return p ? (igraph_integer_t)(p - g->author_id) : -1;
}

/* The igraph graph from the merged pairs; *pairs is freed once the edge
 * list is made, before igraph copies it. */
static igraph_error_t make_igraph(bs_coauthor_graph *g, pair **pairs, size_t np)
{
	igraph_vector_int_t edges;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, (igraph_integer_t)(2 * np));
	for (size_t i = 0; i < np; i++) {
		VECTOR(edges)[2 * i] = (*pairs)[i].u;
		VECTOR(edges)[2 * i + 1] = (*pairs)[i].v;
	}
	free(*pairs);
	*pairs = NULL;
	IGRAPH_CHECK(igraph_create(&g->g, &edges, g->n, IGRAPH_UNDIRECTED));
	igraph_vector_int_destroy(&edges);
	IGRAPH_FINALLY_CLEAN(1);
	return IGRAPH_SUCCESS;
}

/* A sum of fractions 1/n rounded to 1e-9: floating-point sums depend on
 * their order, which follows ingest order, and a sum on a rounding
 * boundary (2.625) then printed as 2.62 in one database and 2.63 in
 * another holding the same papers. */
static double fixed9(double x)
{
	return nearbyint(x * 1e9) / 1e9;
}

/* The vertex set: the sorted distinct author ids of the bylines, into
 * g->author_id, and *vmap (author id - min_author -> vertex) when row ids
 * are dense enough for a table over [min, max] to sort them and map
 * id -> vertex in O(1); ids far sparser than the bylines fall back to sort
 * + search (*vmap NULL). */
static void vertex_set(bs_coauthor_graph *g, const bs_bylines *b, int32_t **vmap)
{
	int64_t *ids;
	size_t nids = 0;

	*vmap = NULL;
	if (b->min_author >= 0 && (uint64_t)(b->max_author - b->min_author) < 4 * (uint64_t)b->n + (1u << 20)) {
		size_t span = (size_t)(b->max_author - b->min_author) + 1, k = 0;
		int32_t *map = bs_xmalloc(span * sizeof *map);
		memset(map, 0xff, span * sizeof *map);   /* -1: no byline */
		for (size_t i = 0; i < b->n; i++)
			if (map[b->author[i] - b->min_author] < 0) {
				map[b->author[i] - b->min_author] = 0;
				nids++;
			}
		ids = bs_xmalloc(nids * sizeof *ids);
		for (size_t i = 0; i < span; i++)
			if (!map[i]) {
				map[i] = (int32_t)k;
				ids[k++] = b->min_author + (int64_t)i;
			}
		*vmap = map;
	} else {
		size_t k = 0;
		ids = bs_xmalloc(b->n * sizeof *ids);
		memcpy(ids, b->author, b->n * sizeof *ids);
		qsort(ids, b->n, sizeof *ids, cmp_i64);
		for (size_t i = 0; i < b->n; i++)
			if (k == 0 || ids[i] != ids[k - 1])
				ids[k++] = ids[i];
		nids = k;
	}
	g->n = (igraph_integer_t)nids;
	g->author_id = bs_xrealloc(ids, nids * sizeof *ids);
	g->papers = bs_xcalloc(nids, sizeof *g->papers);
	g->papers_frac = bs_xcalloc(nids, sizeof *g->papers_frac);
	g->name = bs_xcalloc(nids, sizeof *g->name);
}

/* Each paper: productivity and author pairs (fractional sums are rounded
 * by fixed9 later).  vb: the vertex of each byline.  Returns the pairs,
 * *np of them (NULL when none). */
static pair *paper_pairs(bs_coauthor_graph *g, const bs_graph_opts *o, const bs_bylines *b, const int32_t *vb,
			 size_t *np)
{
	pair *pairs = NULL;
	size_t n_pairs = 0, cap = 0;

	for (size_t p = 0; p < b->papers; p++) {
		const int32_t *pv = vb + b->start[p];
		size_t n = b->start[p + 1] - b->start[p];
		g->n_papers++;
		for (size_t i = 0; i < n; i++) {
			g->papers[pv[i]] += 1;
			g->papers_frac[pv[i]] += 1.0 / (double)n;
		}
		if ((int)n > o->max_authors) {
			g->n_papers_excluded++;
		} else if (n > 1) {
			double w = o->fractional ? 1.0 / (double)(n - 1) : 1.0;
			for (size_t i = 0; i < n; i++)
				for (size_t j = i + 1; j < n; j++) {
					if (n_pairs == cap) {
						cap = cap ? 2 * cap : 65536;
						pairs = bs_xrealloc(pairs, cap * sizeof *pairs);
					}
					pairs[n_pairs].u = pv[i] < pv[j] ? pv[i] : pv[j];
					pairs[n_pairs].v = pv[i] < pv[j] ? pv[j] : pv[i];
					pairs[n_pairs].w = w;
					n_pairs++;
				}
		}
	}
	*np = n_pairs;
	return pairs;
}

/* Merge duplicate pairs into weighted edges, in place; then the edge
 * weights and joint-paper counts, and the pair array goes (*pairs NULL)
 * before igraph copies the edge list (the peak is the igraph build). */
static int make_edges(bs_coauthor_graph *g, const bs_graph_opts *o, pair **pairs, size_t np, bs_error *err)
{
	pair *pr = *pairs;
	size_t k = 0;
	igraph_error_t ie;

	if (np)
		pair_sort(pr, np);
	for (size_t i = 0; i < np; i++)
		if (!i || pr[i].u != pr[i - 1].u || pr[i].v != pr[i - 1].v)
			k++;
	/* count weights are the joint papers: one vector, joint a view of it
	 * (8 bytes an edge less: 0.5 GB at 3M papers) */
	if (o->fractional)
		igraph_vector_init(&g->joint, (igraph_integer_t)k);
	igraph_vector_init(&g->weight, (igraph_integer_t)k);
	k = 0;
	for (size_t i = 0; i < np; i++) {
		if (k && pr[k - 1].u == pr[i].u && pr[k - 1].v == pr[i].v) {
			pr[k - 1].w += pr[i].w;
			if (o->fractional)
				VECTOR(g->joint)[k - 1] += 1;
		} else {
			pr[k] = pr[i];
			if (o->fractional)
				VECTOR(g->joint)[k] = 1;
			k++;
		}
	}
	np = k;
	for (size_t i = 0; i < np; i++)
		VECTOR(g->weight)[i] = fixed9(pr[i].w);
	if (!o->fractional) {
		igraph_vector_view(&g->joint, VECTOR(g->weight), (igraph_integer_t)np);
		g->joint_view = 1;
	}
	ie = make_igraph(g, pairs, np);
	if (ie != IGRAPH_SUCCESS) {
		if (!g->joint_view)
			igraph_vector_destroy(&g->joint);
		igraph_vector_destroy(&g->weight);
		return bs_igraph_error(err, ie, "building the graph");
	}
	g->have_graph = 1;
	return BS_OK;
}

/* The display names, from the authors in id order. */
typedef struct name_sink {
	bs_coauthor_graph *g;
	const int32_t *vmap;
	int64_t minid, maxid;
} name_sink;

static int take_name(void *ud, int64_t id, const char *name)
{
	name_sink *ns = ud;
	igraph_integer_t v = !ns->vmap ? bs_graph_vertex(ns->g, id) : id < ns->minid || id > ns->maxid ? -1 :
			     ns->vmap[id - ns->minid];

	if (v >= 0)
		ns->g->name[v] = bs_xstrdup(name);
	return 0;
}

static int empty_error(bs_store *s, const bs_graph_opts *o, bs_error *err)
{
	if (bs_filter_active(&o->filter))
		return bs_error_set(err, BS_ERR_EMPTY, "%s: no authors match the filter (check --venue and --years)",
				    bs_store_path(s));
	return bs_error_set(err, BS_ERR_EMPTY, "%s: no authors (ingest papers first)", bs_store_path(s));
}

int bs_graph_build(bs_store *s, const bs_graph_opts *o, bs_coauthor_graph *g, bs_error *err)
{
	bs_bylines b;
	int32_t *vb = NULL;
	pair *pairs = NULL;
	size_t np = 0;
	int32_t *vmap = NULL;   /* author id - min_author -> vertex, or -1 */
	int rc;

	bs_igraph_init();
	memset(g, 0, sizeof *g);
	g->opts = *o;

	/* the bylines, read once: their author ids, and where each paper begins */
	rc = bs_graphdata_bylines(s, &o->filter, &b, err);
	if (rc)
		goto cleanup;
	if (b.n == 0) {
		rc = empty_error(s, o, err);
		goto cleanup;
	}
	vertex_set(g, &b, &vmap);
	vb = bs_xmalloc(b.n * sizeof *vb);
	for (size_t i = 0; i < b.n; i++)
		vb[i] = vmap ? vmap[b.author[i] - b.min_author] : (int32_t)bs_graph_vertex(g, b.author[i]);
	free(b.author);
	b.author = NULL;
	pairs = paper_pairs(g, o, &b, vb, &np);
	free(vb);
	vb = NULL;
	free(b.start);
	b.start = NULL;

	/* SQLite is done with the bylines: its cache goes back before the
	 * graph's big arrays are made */
	bs_graphdata_release_cache(s);
	for (igraph_integer_t v = 0; v < g->n; v++)
		g->papers_frac[v] = fixed9(g->papers_frac[v]);
	rc = make_edges(g, o, &pairs, np, err);
	if (rc)
		goto cleanup;
	{
		name_sink ns = {g, vmap, b.min_author, b.max_author};
		rc = bs_graphdata_names(s, take_name, &ns, err);
	}
	for (igraph_integer_t v = 0; v < g->n && !rc; v++)
		if (!g->name[v])
			g->name[v] = bs_xstrdup("");
cleanup:
	bs_bylines_release(&b);
	free(vb);
	free(vmap);
	free(pairs);
	if (rc)
		bs_graph_release(g);
	/* the pages read stay in SQLite's cache (up to cache_size, 1 GiB) while
	 * the metrics need the memory: give back what no statement holds */
	bs_graphdata_release_cache(s);
	return rc;
}

void bs_graph_release(bs_coauthor_graph *g)
{
	if (g->have_graph) {
		igraph_destroy(&g->g);
		if (!g->joint_view)
			igraph_vector_destroy(&g->joint);
		igraph_vector_destroy(&g->weight);
	}
	if (g->name)
		for (igraph_integer_t v = 0; v < g->n; v++)
			free(g->name[v]);
	free(g->name);
	free(g->author_id);
	free(g->papers);
	free(g->papers_frac);
	memset(g, 0, sizeof *g);
}
