#include "analysis/graph/paths.h"
#include "analysis/graph/clustering.h"
#include "analysis/graph/csr.h"
#include "base/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* In lv[], kept across sources (paths_job.lv0): the vertex begins no edge
 * of any shortest-path DAG (see bs_paths_pass), a "leaf".  A leaf is not
 * queued: its path count is complete once the level that finds it has
 * been scanned, so its factor 1 / sigma and its 1/distance are set then,
 * and the dependency pass never visits it (its delta is 0); its row is
 * left out of the pass's adjacency (csr_permute). */
#define LV_LEAF 0x80

/* c relabelled by newid into out; the rows of the vertices with LV_LEAF
 * in leaf[new id] are left empty. */
static void csr_permute(const bs_csr *c, int32_t n, const int32_t *newid, const uint8_t *leaf, bs_csr *out)
{
	int32_t *old = bs_xmalloc((size_t)(n ? n : 1) * sizeof *old);
	int64_t ends = 0;

	for (int32_t v = 0; v < n; v++) {
		old[newid[v]] = v;
		if (!leaf[newid[v]])
			ends += c->off[v + 1] - c->off[v];
	}
	out->off = bs_xmalloc(((size_t)n + 1) * sizeof *out->off);
	out->nbr = bs_xmalloc(((size_t)ends + 1) * sizeof *out->nbr);
	out->off[0] = 0;
	for (int32_t v = 0; v < n; v++) {
		int32_t o = old[v], k = out->off[v];
		if (!leaf[v])
			for (int32_t i = c->off[o]; i < c->off[o + 1]; i++)
				out->nbr[k++] = newid[c->nbr[i]];
		out->off[v + 1] = k;
	}
	free(old);
}

typedef struct paths_job {
	const bs_csr *c;            /* rows of vertices that begin no DAG edge empty */
	int32_t n;
	const int32_t *src;      /* relabelled sources */
	const bs_csr *srow;         /* source i's whole row: srow->nbr[off[src0 + i] .. off[src0 + i + 1]) */
	int32_t src0, nsrc;
	const char *in_giant;    /* relabelled; NULL: no distance statistics */
	const uint8_t *lv0;      /* relabelled: LV_LEAF or 0, each vertex */
	double *bc, *hc;         /* private sums */
	double dist_sum, dist_pairs, dist_max;
	long dist_sources;
} paths_job;

/* Working memory of one thread's Brandes passes.
 *
 * A neighbour of a vertex at level d sits at level d-1, d or d+1, so the
 * forward BFS only needs each vertex's level modulo 3: lv[] holds it as
 * 1..3 (0 = unreached) in one byte a vertex, which keeps the array every
 * edge visit reads four times smaller than int32 distances.  The BFS
 * records each vertex's children in the shortest-path DAG (kids[], in
 * queue order; kid_end[i] ends the children of order[i]) and where each
 * level starts (lstart[]), so the dependency pass walks the DAG's edges
 * sequentially instead of rescanning every edge and its distances.
 * val[] holds a vertex's path count sigma until its dependency delta is
 * known, then (1 + delta) / sigma, the factor its parents sum
 * (Brandes: delta(v) = sigma(v) * sum over children w of (1 + delta(w)) /
 * sigma(w)). */
typedef struct paths_ws {
	uint8_t *lv;
	double *val;
	int32_t *order, *kid_end, *kids, *lstart, *leaf;
	size_t kcap, lcap;
} paths_ws;

#define PF_NEAR 4    /* prefetch along the BFS order */
#define PF_FAR 12
#define PF_KIDS 16   /* prefetch the factors of children to come */

/* Where the forward BFS of one pass ended: the queue holds order[0 ..
 * tail) by level (lstart), the nl leaves found sit in leaf[], the levels
 * are 0 .. d - 1; the leaves' distances sum to leaf_dist, leaf_max the
 * farthest. */
typedef struct pass_end {
	int32_t tail, nl, d, leaf_max;
	double leaf_dist;
} pass_end;

/* Scan level d of the queue (order[head .. level_end)): every vertex
 * found at level d + 1 (lv == next) gets its path count, its DAG edges
 * go to kids[]; the leaves go to leaf[] instead of the queue. */
static void scan_level(const bs_csr *c, paths_ws *ws, const int32_t *snbr, int32_t sdeg,
		       int32_t head, int32_t level_end, uint8_t next, pass_end *pe, int32_t *nkp)
{
	uint8_t *lv = ws->lv;
	double *val = ws->val;
	int32_t *order = ws->order, *kid_end = ws->kid_end, *leaf = ws->leaf;
	int32_t tail = pe->tail, nl = pe->nl, nk = *nkp;

	for (; head < level_end; head++) {
		int32_t u = order[head], b = c->off[u], e = c->off[u + 1];
		const int32_t *nbr = c->nbr;
		double su = val[u];
		int32_t *kids;

		if (head == 0) {   /* the source: its whole row */
			nbr = snbr;
			b = 0;
			e = sdeg;
		}

		/* the queue is known ahead: fetch the adjacency of the
		 * vertices to come while this one is scanned */
		if (head + PF_FAR < tail)
			__builtin_prefetch(&c->off[order[head + PF_FAR]]);
		if (head + PF_NEAR < tail)
			__builtin_prefetch(&c->nbr[c->off[order[head + PF_NEAR]]]);
		if ((size_t)nk + (size_t)(e - b) > ws->kcap) {
			while ((size_t)nk + (size_t)(e - b) > ws->kcap)
				ws->kcap *= 2;
			ws->kids = bs_xrealloc(ws->kids, ws->kcap * sizeof *ws->kids);
		}
		kids = ws->kids;
		for (int32_t i = b; i < e; i++) {
			int32_t w = nbr[i];
			uint8_t lw = lv[w], at = lw & 3;
			if (at == 0) {
				lv[w] = lw | next;
				val[w] = su;
				if (lw & LV_LEAF)
					leaf[nl++] = w;
				else
					order[tail++] = w;
				kids[nk++] = w;
			} else if (at == next) {
				val[w] += su;
				kids[nk++] = w;
			}
		}
		kid_end[head] = nk;
	}
	pe->tail = tail;
	pe->nl = nl;
	*nkp = nk;
}

/* The forward BFS from s, level by level (see paths_ws); the leaves of
 * each level are complete once it is scanned: their 1/distance and
 * factor are set then. */
static void forward(paths_job *j, paths_ws *ws, int32_t s, const int32_t *snbr, int32_t sdeg, pass_end *pe)
{
	uint8_t *lv = ws->lv;
	double *val = ws->val, *hc = j->hc;
	int32_t head = 0, d = 0, nk = 0;

	pe->tail = 1;
	pe->nl = 0;
	pe->leaf_max = 0;
	pe->leaf_dist = 0;
	lv[s] = (uint8_t)((lv[s] & LV_LEAF) | 1);   /* a leaf as the source is queued */
	val[s] = 1;
	ws->order[0] = s;
	ws->lstart[0] = 0;
	while (head < pe->tail) {
		int32_t level_end = pe->tail, l0 = pe->nl;
		uint8_t next = (uint8_t)((d + 1) % 3 + 1);

		if ((size_t)d + 2 > ws->lcap) {
			ws->lcap *= 2;
			ws->lstart = bs_xrealloc(ws->lstart, ws->lcap * sizeof *ws->lstart);
		}
		scan_level(j->c, ws, snbr, sdeg, head, level_end, next, pe, &nk);
		head = level_end;
		if (pe->nl > l0) {   /* the leaves at level d + 1 are complete */
			double inv = 1.0 / (d + 1);
			for (int32_t i = l0; i < pe->nl; i++) {
				int32_t w = ws->leaf[i];
				hc[w] += inv;
				val[w] = 1.0 / val[w];   /* (1 + delta) / sigma, delta 0 */
			}
			pe->leaf_dist += (double)(d + 1) * (pe->nl - l0);
			pe->leaf_max = d + 1;
		}
		ws->lstart[++d] = level_end;
	}
	/* levels 0..d-1 of the queue; level l holds order[lstart[l] .. lstart[l+1]) */
	ws->lstart[d] = pe->tail;
	pe->d = d;
}

/* The distances from s into the job's statistics when s is in the giant
 * component. */
static void add_distances(paths_job *j, const paths_ws *ws, int32_t s, const pass_end *pe)
{
	int32_t tail = pe->tail, nl = pe->nl, d = pe->d;
	double sum = pe->leaf_dist;

	if (!j->in_giant || !j->in_giant[s] || tail + nl <= 1)
		return;
	for (int32_t l = 1; l < d; l++)
		sum += (double)l * (ws->lstart[l + 1] - ws->lstart[l]);
	j->dist_sum += sum;
	j->dist_pairs += tail + nl - 1;
	if (d - 1 > j->dist_max)
		j->dist_max = d - 1;
	if (pe->leaf_max > j->dist_max)
		j->dist_max = pe->leaf_max;
	j->dist_sources++;
}

/* The dependencies in reverse BFS order, along the DAG. */
static void dependencies(paths_job *j, paths_ws *ws, const pass_end *pe)
{
	const int32_t *kids = ws->kids, *order = ws->order, *kid_end = ws->kid_end;
	double *val = ws->val, *hc = j->hc;
	int32_t l = pe->d - 1;
	double inv = l > 0 ? 1.0 / l : 0;

	for (int32_t i = pe->tail - 1; i > 0; i--) {
		int32_t u = order[i], k0 = kid_end[i - 1], k1 = kid_end[i];
		double sum = 0, sig, delta;

		if (i < ws->lstart[l]) {
			l--;
			inv = 1.0 / l;
		}
		for (int32_t k = k1 - 1; k >= k0; k--) {
			if (k >= PF_KIDS)
				__builtin_prefetch(&val[kids[k - PF_KIDS]]);
			sum += val[kids[k]];
		}
		sig = val[u];
		delta = sig * sum;
		j->bc[u] += delta;
		hc[u] += inv;
		val[u] = (1.0 + delta) / sig;
	}
}

/* One Brandes pass from s into the job's sums; s's own row is
 * snbr[0 .. sdeg) (the pass's CSR may hold it empty, see bs_paths_pass).
 * The sums are bitwise those of a pass that queues the leaves too: each
 * source adds the same terms in the same order. */
static void paths_source(paths_job *j, paths_ws *ws, int32_t s, const int32_t *snbr, int32_t sdeg)
{
	uint8_t *lv = ws->lv;
	pass_end pe;

	forward(j, ws, s, snbr, sdeg, &pe);
	add_distances(j, ws, s, &pe);
	dependencies(j, ws, &pe);
	if ((size_t)(pe.tail + pe.nl) * 16 > (size_t)j->n) {
		memcpy(lv, j->lv0, (size_t)j->n);
	} else {
		for (int32_t i = 0; i < pe.tail; i++)
			lv[ws->order[i]] &= LV_LEAF;
		for (int32_t i = 0; i < pe.nl; i++)
			lv[ws->leaf[i]] &= LV_LEAF;
	}
}

static void *paths_run(void *arg)
{
	paths_job *j = arg;
	int32_t n = j->n;
	size_t nn = (size_t)(n ? n : 1);
	paths_ws ws;

	ws.lv = bs_xmalloc(nn);
	memcpy(ws.lv, j->lv0, (size_t)n);
	ws.val = bs_xmalloc(nn * sizeof *ws.val);
	ws.order = bs_xmalloc(nn * sizeof *ws.order);
	ws.leaf = bs_xmalloc(nn * sizeof *ws.leaf);
	ws.kid_end = bs_xmalloc(nn * sizeof *ws.kid_end);
	ws.kcap = 1024;
	ws.kids = bs_xmalloc(ws.kcap * sizeof *ws.kids);
	ws.lcap = 64;
	ws.lstart = bs_xmalloc(ws.lcap * sizeof *ws.lstart);
	for (int32_t si = 0; si < j->nsrc; si++)
		paths_source(j, &ws, j->src[si], j->srow->nbr + j->srow->off[j->src0 + si],
			     j->srow->off[j->src0 + si + 1] - j->srow->off[j->src0 + si]);
	free(ws.lv);
	free(ws.val);
	free(ws.order);
	free(ws.leaf);
	free(ws.kid_end);
	free(ws.kids);
	free(ws.lstart);
	return NULL;
}

#define PATH_THREADS 2

/* The pass's inputs relabelled in BFS order: its adjacency c (the leaves'
 * rows empty), the sources' whole rows srow (in the order of sources),
 * the sources src, the leaf marks lv0, the giant component's marks. */
typedef struct pass_graph {
	int32_t *newid, *src;
	char *giant;
	uint8_t *lv0;
	bs_csr c, srow;
} pass_graph;

static void pass_graph_build(const igraph_t *G, const int32_t *sources, int32_t k, const igraph_vector_int_t *comp,
			     const double *clustering, int distances, pass_graph *pg)
{
	igraph_integer_t n = igraph_vcount(G);
	bs_csr c0;

	bs_csr_build(G, &c0);
	pg->newid = bs_xmalloc((size_t)n * sizeof *pg->newid);
	bs_csr_bfs_order(&c0, (int32_t)n, pg->newid);
	pg->lv0 = bs_xcalloc((size_t)n, 1);
	if (clustering)
		for (igraph_integer_t v = 0; v < n; v++)
			if (c0.off[v + 1] - c0.off[v] <= 1 || clustering[v] == 1.0)
				pg->lv0[pg->newid[v]] = LV_LEAF;
	/* the sources' whole rows, in the order of sources */
	pg->srow.off = bs_xmalloc(((size_t)k + 1) * sizeof *pg->srow.off);
	pg->srow.off[0] = 0;
	for (int32_t i = 0; i < k; i++)
		pg->srow.off[i + 1] = pg->srow.off[i] + (c0.off[sources[i] + 1] - c0.off[sources[i]]);
	pg->srow.nbr = bs_xmalloc(((size_t)pg->srow.off[k] + 1) * sizeof *pg->srow.nbr);
	for (int32_t i = 0; i < k; i++)
		for (int32_t x = c0.off[sources[i]], o = pg->srow.off[i]; x < c0.off[sources[i] + 1]; x++)
			pg->srow.nbr[o++] = pg->newid[c0.nbr[x]];
	csr_permute(&c0, (int32_t)n, pg->newid, pg->lv0, &pg->c);
	bs_csr_release(&c0);
	pg->src = bs_xmalloc((size_t)k * sizeof *pg->src);
	for (int32_t i = 0; i < k; i++)
		pg->src[i] = pg->newid[sources[i]];
	pg->giant = NULL;
	if (comp && distances) {
		pg->giant = bs_xcalloc((size_t)n, 1);
		for (igraph_integer_t v = 0; v < n; v++)
			pg->giant[pg->newid[v]] = VECTOR(*comp)[v] == 0;
	}
}

static void pass_graph_release(pass_graph *pg)
{
	free(pg->giant);
	free(pg->lv0);
	free(pg->src);
	free(pg->newid);
	bs_csr_release(&pg->c);
	bs_csr_release(&pg->srow);
	memset(pg, 0, sizeof *pg);
}

/* The threads' private sums into bc and hc by igraph vertex: each source
 * stands for n/k sources (vscale[v]); undirected pairs are counted from
 * both ends, hence the 1/2; harmonic is the mean of 1/d over n-1 others. */
static void sum_jobs(const paths_job *job, igraph_integer_t n, int32_t k, const int32_t *newid,
		     const double *vscale, double *bc, double *hc)
{
	double sb = (double)n / (double)k / 2.0;
	double sh = n > 1 ? (double)n / (double)k / (double)(n - 1) : 1.0;

	for (igraph_integer_t v = 0; v < n; v++) {
		int32_t nv = newid[v];
		double b = 0, h = 0;
		for (int t = 0; t < PATH_THREADS; t++) {
			b += job[t].bc[nv];
			h += job[t].hc[nv];
		}
		if (vscale) {
			sb = vscale[v] / 2.0;
			sh = n > 1 ? vscale[v] / (double)(n - 1) : 1.0;
		}
		bc[v] = b * sb;
		hc[v] = h * sh;
	}
}

/* (paths.h)  clustering finds the vertices whose neighbours are all
 * adjacent to each other: degree at most 1, or clustering exactly 1
 * (triangles = d(d-1)/2 gives exactly 1.0 in bs_local_clustering's
 * arithmetic, and G is simple).  Such a vertex w, reached from u, has
 * every neighbour adjacent to u, so at most one level below u's next: it
 * begins no edge of the shortest-path DAG, and scanning its row finds
 * nothing.  Its row is left empty in the pass's CSR (only a source, level
 * 0, scans its own row, copied aside): the same DAG, the same sums.  Every
 * author of a single paper is one: about half the edge ends at 1M
 * synthetic papers. */
void bs_paths_pass(const igraph_t *G, const int32_t *sources, int32_t k, const igraph_vector_int_t *comp,
		   const double *clustering, const double *vscale, double *bc, double *hc,
		   bs_distance_sample *ds)
{
	igraph_integer_t n = igraph_vcount(G);
	pass_graph pg;
	paths_job job[PATH_THREADS];
	pthread_t th[PATH_THREADS];
	int started[PATH_THREADS];

	if (ds)
		memset(ds, 0, sizeof *ds);
	if (n == 0 || k == 0)
		return;
	pass_graph_build(G, sources, k, comp, clustering, ds != NULL, &pg);
	/* sources split between the threads; each sums privately */
	for (int t = 0; t < PATH_THREADS; t++) {
		int32_t lo = (int32_t)((int64_t)k * t / PATH_THREADS), hi = (int32_t)((int64_t)k * (t + 1) / PATH_THREADS);
		memset(&job[t], 0, sizeof job[t]);
		job[t].c = &pg.c;
		job[t].n = (int32_t)n;
		job[t].src = pg.src + lo;
		job[t].srow = &pg.srow;
		job[t].src0 = lo;
		job[t].nsrc = hi - lo;
		job[t].in_giant = pg.giant;
		job[t].lv0 = pg.lv0;
		job[t].bc = bs_xcalloc((size_t)n, sizeof(double));
		job[t].hc = bs_xcalloc((size_t)n, sizeof(double));
		started[t] = t > 0 && pthread_create(&th[t], NULL, paths_run, &job[t]) == 0;
	}
	paths_run(&job[0]);
	for (int t = 1; t < PATH_THREADS; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			paths_run(&job[t]);   /* no thread: do it here */
	}
	sum_jobs(job, n, k, pg.newid, vscale, bc, hc);
	for (int t = 0; t < PATH_THREADS; t++) {
		if (ds) {
			ds->sum += job[t].dist_sum;
			ds->pairs += job[t].dist_pairs;
			if (job[t].dist_max > ds->max)
				ds->max = job[t].dist_max;
			ds->sources += job[t].dist_sources;
		}
		free(job[t].bc);
		free(job[t].hc);
	}
	pass_graph_release(&pg);
}

/* The sources as a plain array (owned by the caller; free()): bs_paths_pass
 * may run on a thread of its own while igraph's error handler could free
 * the caller's vectors. */
static int32_t *sources_copy(const igraph_vector_int_t *sources)
{
	igraph_integer_t k = igraph_vector_int_size(sources);
	int32_t *src = bs_xmalloc((size_t)(k ? k : 1) * sizeof *src);

	for (igraph_integer_t i = 0; i < k; i++)
		src[i] = (int32_t)VECTOR(*sources)[i];
	return src;
}

igraph_error_t bs_sampled_paths(const igraph_t *G, const igraph_vector_int_t *sources,
				igraph_vector_t *betweenness, igraph_vector_t *harmonic)
{
	igraph_integer_t n = igraph_vcount(G);
	igraph_vector_int_t deg;
	igraph_vector_t cl;
	int32_t *src;

	IGRAPH_CHECK(igraph_vector_resize(betweenness, n));
	IGRAPH_CHECK(igraph_vector_resize(harmonic, n));
	igraph_vector_null(betweenness);
	igraph_vector_null(harmonic);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, n);
	IGRAPH_VECTOR_INIT_FINALLY(&cl, n);
	IGRAPH_CHECK(igraph_degree(G, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
	bs_local_clustering(G, &deg, VECTOR(cl));   /* as the metrics pass it */
	src = sources_copy(sources);
	bs_paths_pass(G, src, (int32_t)igraph_vector_int_size(sources), NULL, VECTOR(cl), NULL,
		   VECTOR(*betweenness), VECTOR(*harmonic), NULL);
	free(src);
	igraph_vector_destroy(&cl);
	igraph_vector_int_destroy(&deg);
	IGRAPH_FINALLY_CLEAN(2);
	return IGRAPH_SUCCESS;
}
