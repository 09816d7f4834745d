#include "analysis/graph/graph.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/venue.h"

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

/* SQL selecting (paper_id, author_id) in byline order, filtered.  Without
 * a filter the bylines alone answer it, in their primary-key order: no
 * paper row (with its abstract) is read. */
static int prepare_authorships(bs_store *s, const bs_filter *f, sqlite3_stmt **st, bs_strbuf *vkey,
			       bs_error *err)
{
	const char *sql_all = "SELECT paper_id, author_id FROM authorship ORDER BY paper_id, position";
	const char *sql =
		"SELECT s.paper_id, s.author_id FROM authorship s"
		" JOIN papers p ON p.id = s.paper_id"
		" WHERE (?1 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?1))"
		"   AND (?2 IS NULL OR p.year >= ?2) AND (?3 IS NULL OR p.year <= ?3)"
		" ORDER BY s.paper_id, s.position";

	if (sqlite3_prepare_v2(bs_store_db(s), bs_filter_active(f) ? sql : sql_all, -1, st, NULL) != SQLITE_OK)
		return bs_error_set(err, BS_ERR_DB, "%s: authorship query: %s", bs_store_path(s),
				    sqlite3_errmsg(bs_store_db(s)));
	if (f->venue) {
		bs_venue_key(f->venue, strlen(f->venue), vkey);
		sqlite3_bind_text(*st, 1, vkey->buf, (int)vkey->len, SQLITE_STATIC);
	}
	if (f->year_from)
		sqlite3_bind_int(*st, 2, f->year_from);
	if (f->year_to)
		sqlite3_bind_int(*st, 3, f->year_to);
	return BS_OK;
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

int bs_graph_build(bs_store *s, const bs_graph_opts *o, bs_coauthor_graph *g, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	int64_t *ids = NULL, *byl = NULL;
	size_t nids = 0, nbyl = 0, capbyl = 0;
	int32_t *vb = NULL;
	pair *pairs = NULL;
	size_t np = 0, cappairs = 0;
	int64_t cur_paper = -1, minid = INT64_MAX, maxid = INT64_MIN;
	size_t *start = NULL, nstart = 0, capstart = 0;   /* per paper: its first byline; then the end */
	int32_t *vmap = NULL;                             /* author id - minid -> vertex, or -1 */
	int r, rc = BS_OK;
	igraph_error_t ie;

	bs_igraph_init();
	memset(g, 0, sizeof *g);
	g->opts = *o;
	bs_strbuf_init(&vkey);

	/* the bylines, read once: their author ids, and where each paper begins */
	rc = prepare_authorships(s, &o->filter, &st, &vkey, err);
	if (rc)
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t paper = sqlite3_column_int64(st, 0), a = sqlite3_column_int64(st, 1);
		if (nbyl == capbyl) {
			capbyl = capbyl ? 2 * capbyl : 4096;
			byl = bs_xrealloc(byl, capbyl * sizeof *byl);
		}
		if (paper != cur_paper) {
			if (nstart + 1 >= capstart) {
				capstart = capstart ? 2 * capstart : 4096;
				start = bs_xrealloc(start, capstart * sizeof *start);
			}
			start[nstart++] = nbyl;
			cur_paper = paper;
		}
		if (a > maxid)
			maxid = a;
		if (a < minid)
			minid = a;
		byl[nbyl++] = a;
	}
	if (r != SQLITE_DONE) {
		rc = bs_error_set(err, BS_ERR_DB, "%s: authorship query: %s", bs_store_path(s),
				  sqlite3_errmsg(bs_store_db(s)));
		goto cleanup;
	}
	if (nstart)
		start[nstart] = nbyl;
	if (nbyl == 0) {
		if (bs_filter_active(&o->filter))
			rc = bs_error_set(err, BS_ERR_EMPTY, "%s: no authors match the filter (check --venue and --years)",
					  bs_store_path(s));
		else
			rc = bs_error_set(err, BS_ERR_EMPTY, "%s: no authors (ingest papers first)", bs_store_path(s));
		goto cleanup;
	}
	/* the vertex set: the sorted distinct author ids.  Row ids are dense,
	 * so a table over [minid, maxid] sorts them and maps id -> vertex in
	 * O(1); ids far sparser than the bylines fall back to sort + search. */
	if (minid >= 0 && (uint64_t)(maxid - minid) < 4 * (uint64_t)nbyl + (1u << 20)) {
		size_t span = (size_t)(maxid - minid) + 1, k = 0;
		vmap = bs_xmalloc(span * sizeof *vmap);
		memset(vmap, 0xff, span * sizeof *vmap);   /* -1: no byline */
		for (size_t i = 0; i < nbyl; i++)
			if (vmap[byl[i] - minid] < 0) {
				vmap[byl[i] - minid] = 0;
				nids++;
			}
		ids = bs_xmalloc(nids * sizeof *ids);
		for (size_t i = 0; i < span; i++)
			if (!vmap[i]) {
				vmap[i] = (int32_t)k;
				ids[k++] = minid + (int64_t)i;
			}
	} else {
		ids = bs_xmalloc(nbyl * sizeof *ids);
		memcpy(ids, byl, nbyl * sizeof *ids);
		nids = nbyl;
		qsort(ids, nids, sizeof *ids, cmp_i64);
		size_t k = 0;
		for (size_t i = 0; i < nids; i++)
			if (k == 0 || ids[i] != ids[k - 1])
				ids[k++] = ids[i];
		nids = k;
	}
	g->n = (igraph_integer_t)nids;
	g->author_id = bs_xrealloc(ids, nids * sizeof *ids);
	ids = NULL;
	g->papers = bs_xcalloc(nids, sizeof *g->papers);
	g->papers_frac = bs_xcalloc(nids, sizeof *g->papers_frac);
	g->name = bs_xcalloc(nids, sizeof *g->name);
	vb = bs_xmalloc((nbyl ? nbyl : 1) * sizeof *vb);
	for (size_t i = 0; i < nbyl; i++)
		vb[i] = vmap ? vmap[byl[i] - minid] : (int32_t)bs_graph_vertex(g, byl[i]);
	free(byl);
	byl = NULL;

	/* each paper: productivity and author pairs (fractional sums are
	 * rounded by fixed9 below) */
	for (size_t p = 0; p < nstart; p++) {
		const int32_t *pv = vb + start[p];
		size_t n = start[p + 1] - start[p];
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
					if (np == cappairs) {
						cappairs = cappairs ? 2 * cappairs : 65536;
						pairs = bs_xrealloc(pairs, cappairs * sizeof *pairs);
					}
					pairs[np].u = pv[i] < pv[j] ? pv[i] : pv[j];
					pairs[np].v = pv[i] < pv[j] ? pv[j] : pv[i];
					pairs[np].w = w;
					np++;
				}
		}
	}
	free(vb);
	vb = NULL;
	free(start);
	start = NULL;

	/* SQLite is done with the bylines: its cache goes back before the
	 * graph's big arrays are made */
	sqlite3_finalize(st);
	st = NULL;
	sqlite3_db_release_memory(bs_store_db(s));

	/* merge duplicate pairs into weighted edges, in place; then the edge
	 * weights and joint-paper counts, and the pair array goes before
	 * igraph copies the edge list (the peak is the igraph build) */
	if (np)
		pair_sort(pairs, np);
	for (size_t v = 0; v < nids; v++)
		g->papers_frac[v] = fixed9(g->papers_frac[v]);
	{
		size_t k = 0;
		for (size_t i = 0; i < np; i++)
			if (!i || pairs[i].u != pairs[i - 1].u || pairs[i].v != pairs[i - 1].v)
				k++;
		/* count weights are the joint papers: one vector, joint a view
		 * of it (8 bytes an edge less: 0.5 GB at 3M papers) */
		if (o->fractional)
			igraph_vector_init(&g->joint, (igraph_integer_t)k);
		igraph_vector_init(&g->weight, (igraph_integer_t)k);
		k = 0;
		for (size_t i = 0; i < np; i++) {
			if (k && pairs[k - 1].u == pairs[i].u && pairs[k - 1].v == pairs[i].v) {
				pairs[k - 1].w += pairs[i].w;
				if (o->fractional)
					VECTOR(g->joint)[k - 1] += 1;
			} else {
				pairs[k] = pairs[i];
				if (o->fractional)
					VECTOR(g->joint)[k] = 1;
				k++;
			}
		}
		np = k;
		for (size_t i = 0; i < np; i++)
			VECTOR(g->weight)[i] = fixed9(pairs[i].w);
		if (!o->fractional) {
			igraph_vector_view(&g->joint, VECTOR(g->weight), (igraph_integer_t)np);
			g->joint_view = 1;
		}
		ie = make_igraph(g, &pairs, np);
		if (ie != IGRAPH_SUCCESS) {
			if (!g->joint_view)
				igraph_vector_destroy(&g->joint);
			igraph_vector_destroy(&g->weight);
			rc = bs_igraph_error(err, ie, "building the graph");
			goto cleanup;
		}
		g->have_graph = 1;
	}

	/* display names */
	{
		sqlite3_stmt *q;
		if (sqlite3_prepare_v2(bs_store_db(s), "SELECT id, name FROM authors ORDER BY id", -1, &q,
				       NULL) != SQLITE_OK) {
			rc = bs_error_set(err, BS_ERR_DB, "%s: authors: %s", bs_store_path(s),
					  sqlite3_errmsg(bs_store_db(s)));
			goto cleanup;
		}
		while (sqlite3_step(q) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(q, 0);
			igraph_integer_t v = !vmap ? bs_graph_vertex(g, id) : id < minid || id > maxid ? -1 :
					     vmap[id - minid];
			if (v >= 0)
				g->name[v] = bs_xstrdup((const char *)sqlite3_column_text(q, 1));
		}
		sqlite3_finalize(q);
		for (igraph_integer_t v = 0; v < g->n; v++)
			if (!g->name[v])
				g->name[v] = bs_xstrdup("");
	}
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	free(ids);
	free(byl);
	free(vb);
	free(start);
	free(vmap);
	free(pairs);
	if (rc)
		bs_graph_release(g);
	/* the pages read stay in SQLite's cache (up to cache_size, 1 GiB) while
	 * the metrics need the memory: give back what no statement holds */
	sqlite3_db_release_memory(bs_store_db(s));
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
