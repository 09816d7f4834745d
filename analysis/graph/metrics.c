#include "analysis/graph/metrics.h"
#include "base/clock.h"
#include "base/trace.h"
#include "analysis/graph/communities.h"
#include "base/thread.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

void bs_metrics_opts_init(bs_metrics_opts *o)
{
	o->bc_mode = BS_BC_AUTO;
	o->exact_limit = BS_BC_EXACT_SECONDS;
	o->k = 0;
	o->seed = BS_DEFAULT_SEED;
	o->side_nice = 0;
}

/* BS_BC_SECONDS_PER_UNIT (metrics.h) is the CPU time of the exact pass
 * divided by its units on the corpus graphs, taken from the largest: a
 * unit costs more as the graph outgrows the caches (about 5e-9 s on
 * NeurIPS 2023, 8e-9 s on all paper lists together), so the constant
 * of the large graphs, near the budget, decides right where it matters
 * and over-predicts small graphs, which are exact anyway.  Measurements:
 * bench/betweenness.sh, bench/results-betweenness.md.  The choice must
 * not read a clock: the same input gives the same output on any machine,
 * only the budget it stands for is this machine's. */
void bs_betweenness_plan(const igraph_integer_t *cn, const igraph_integer_t *cm, igraph_integer_t ncomp,
			 const bs_metrics_opts *o, igraph_integer_t *kc, bs_bc_plan *p)
{
	igraph_integer_t k = o->k, given = 0, largest = -1;
	double big = 0;

	memset(p, 0, sizeof *p);
	for (igraph_integer_t c = 0; c < ncomp; c++)
		p->units += (double)cn[c] * ((double)cn[c] + (double)cm[c]);
	p->seconds = p->units * BS_BC_SECONDS_PER_UNIT;
	if (o->bc_mode == BS_BC_EXACT)
		p->exact = 1;
	else if (o->bc_mode == BS_BC_SAMPLE)
		p->exact = 0;
	else
		p->exact = p->seconds <= o->exact_limit;
	if (!p->exact && k <= 0) {   /* the sources the budget pays for */
		double small = 0, per = 0, nl = 0, left;
		for (igraph_integer_t c = 0; c < ncomp; c++) {
			double u = (double)cn[c] + (double)cm[c];
			if (cn[c] > BS_BC_MIN_SAMPLES) {
				per += (double)cn[c] * u;   /* / nl: the mean cost of a source */
				nl += (double)cn[c];
			} else {
				small += (double)cn[c] * u;
			}
		}
		left = o->exact_limit / BS_BC_SECONDS_PER_UNIT - small;
		k = BS_BC_MIN_SAMPLES;
		if (nl > 0 && left > (double)BS_BC_MIN_SAMPLES * per / nl)
			k = (igraph_integer_t)floor(left / (per / nl));
	}
	if (k < 1)
		k = 1;
	if (!p->exact)
		for (igraph_integer_t c = 0; c < ncomp; c++)
			if (cn[c] > k) {
				big += (double)cn[c];
				if (largest < 0 || cn[c] > cn[largest])
					largest = c;
			}
	if (largest < 0)   /* no component larger than k: sampling is exact */
		p->exact = 1;
	for (igraph_integer_t c = 0; c < ncomp; c++) {
		igraph_integer_t x = cn[c];
		if (!p->exact && cn[c] > k && c != largest) {
			x = (igraph_integer_t)floor((double)k * (double)cn[c] / big);
			if (x < 1)
				x = 1;
			given += x;
		}
		if (kc)
			kc[c] = x;
	}
	if (!p->exact) {
		igraph_integer_t x = k - given > 0 ? k - given : 1;
		if (kc)
			kc[largest] = x;
		p->k = given + x;
	}
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

/* Relabel vertices in BFS order (components one after another, each from
 * its lowest vertex) so that neighbours sit close in memory: the sampled
 * passes below touch dist/sigma/delta of neighbours, and on a million
 * vertices locality decides the speed.  newid[old] = new. */
static void bfs_order(const csr *c, int32_t n, int32_t *newid)
{
	int32_t *queue = bs_xmalloc((size_t)(n ? n : 1) * sizeof *queue);
	int32_t next = 0;

	for (int32_t i = 0; i < n; i++)
		newid[i] = -1;
	for (int32_t r = 0; r < n; r++) {
		int32_t head = next;
		if (newid[r] >= 0)
			continue;
		newid[r] = next;
		queue[next++] = r;
		while (head < next) {
			int32_t u = queue[head++];
			for (int32_t i = c->off[u]; i < c->off[u + 1]; i++)
				if (newid[c->nbr[i]] < 0) {
					newid[c->nbr[i]] = next;
					queue[next++] = c->nbr[i];
				}
		}
	}
	free(queue);
}

/* The vertices in depth-first preorder, each component from its lowest
 * id, into order[] (n): consecutive vertices are mostly near each other,
 * so an evenly spaced pick over it spreads sources across the graph. */
static void dfs_order(const csr *c, int32_t n, int32_t *order)
{
	int32_t *stack = bs_xmalloc((size_t)(n ? n : 1) * sizeof *stack);
	int32_t *cur = bs_xmalloc((size_t)(n ? n : 1) * sizeof *cur);
	char *seen = bs_xcalloc((size_t)(n ? n : 1), 1);
	int32_t next = 0;

	for (int32_t r = 0; r < n; r++) {
		int32_t top = 0;
		if (seen[r])
			continue;
		seen[r] = 1;
		order[next++] = r;
		cur[r] = c->off[r];
		stack[top++] = r;
		while (top > 0) {
			int32_t u = stack[top - 1];
			if (cur[u] == c->off[u + 1]) {
				top--;
				continue;
			}
			int32_t w = c->nbr[cur[u]++];
			if (!seen[w]) {
				seen[w] = 1;
				order[next++] = w;
				cur[w] = c->off[w];
				stack[top++] = w;
			}
		}
	}
	free(stack);
	free(cur);
	free(seen);
}

/* In lv[], kept across sources (paths_job.lv0): the vertex begins no edge
 * of any shortest-path DAG (see paths_core), a "leaf".  A leaf is not
 * queued: its path count is complete once the level that finds it has
 * been scanned, so its factor 1 / sigma and its 1/distance are set then,
 * and the dependency pass never visits it (its delta is 0); its row is
 * left out of the pass's adjacency (csr_permute). */
#define LV_LEAF 0x80

/* c relabelled by newid into out; the rows of the vertices with LV_LEAF
 * in leaf[new id] are left empty. */
static void csr_permute(const csr *c, int32_t n, const int32_t *newid, const uint8_t *leaf, csr *out)
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
	const csr *c;            /* rows of vertices that begin no DAG edge empty */
	int32_t n;
	const int32_t *src;      /* relabelled sources */
	const csr *srow;         /* source i's whole row: srow->nbr[off[src0 + i] .. off[src0 + i + 1]) */
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

/* One Brandes pass from s into the job's sums; s's own row is
 * snbr[0 .. sdeg) (the pass's CSR may hold it empty, see paths_core).
 * The sums are bitwise those of a pass that queues the leaves too: each
 * source adds the same terms in the same order. */
static void paths_source(paths_job *j, paths_ws *ws, int32_t s, const int32_t *snbr, int32_t sdeg)
{
	const csr *c = j->c;
	uint8_t *lv = ws->lv;
	double *val = ws->val, *hc = j->hc;
	int32_t *order = ws->order, *kid_end = ws->kid_end, *leaf = ws->leaf;
	int32_t head = 0, tail = 1, d = 0, nk = 0, nl = 0, leaf_max = 0;
	double leaf_dist = 0;

	lv[s] = (uint8_t)((lv[s] & LV_LEAF) | 1);   /* a leaf as the source is queued */
	val[s] = 1;
	order[0] = s;
	ws->lstart[0] = 0;
	while (head < tail) {
		int32_t level_end = tail, l0 = nl;
		uint8_t next = (uint8_t)((d + 1) % 3 + 1);

		if ((size_t)d + 2 > ws->lcap) {
			ws->lcap *= 2;
			ws->lstart = bs_xrealloc(ws->lstart, ws->lcap * sizeof *ws->lstart);
		}
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
		if (nl > l0) {   /* the leaves at level d + 1 are complete */
			double inv = 1.0 / (d + 1);
			for (int32_t i = l0; i < nl; i++) {
				int32_t w = leaf[i];
				hc[w] += inv;
				val[w] = 1.0 / val[w];   /* (1 + delta) / sigma, delta 0 */
			}
			leaf_dist += (double)(d + 1) * (nl - l0);
			leaf_max = d + 1;
		}
		ws->lstart[++d] = level_end;
	}
	/* levels 0..d-1 of the queue; level l holds order[lstart[l] .. lstart[l+1]) */
	ws->lstart[d] = tail;
	if (j->in_giant && j->in_giant[s] && tail + nl > 1) {
		double sum = leaf_dist;
		for (int32_t l = 1; l < d; l++)
			sum += (double)l * (ws->lstart[l + 1] - ws->lstart[l]);
		j->dist_sum += sum;
		j->dist_pairs += tail + nl - 1;
		if (d - 1 > j->dist_max)
			j->dist_max = d - 1;
		if (leaf_max > j->dist_max)
			j->dist_max = leaf_max;
		j->dist_sources++;
	}
	/* dependencies in reverse BFS order, along the DAG */
	{
		const int32_t *kids = ws->kids;
		int32_t l = d - 1;
		double inv = l > 0 ? 1.0 / l : 0;

		for (int32_t i = tail - 1; i > 0; i--) {
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
	if ((size_t)(tail + nl) * 16 > (size_t)j->n) {
		memcpy(lv, j->lv0, (size_t)j->n);
	} else {
		for (int32_t i = 0; i < tail; i++)
			lv[order[i]] &= LV_LEAF;
		for (int32_t i = 0; i < nl; i++)
			lv[leaf[i]] &= LV_LEAF;
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


/* The weighted adjacency both power iterations run on: every edge in both
 * directions, vertices relabelled in BFS order so that the scores read
 * along the edges of a vertex sit close together (on a million vertices,
 * markedly fewer cache misses).  newid[igraph vertex] = row.  The weights
 * are floats, 8 bytes an edge end, when every weight is an integer a float
 * holds exactly (joint-paper counts, the default), so the arithmetic, done
 * in double, is unchanged; else doubles, 12 bytes.  Speed is the same (the
 * sweeps are bound by their random reads of the scores); the floats save
 * memory, 0.56 GB at 3M papers (140M edge ends).  int64 offsets. */
typedef struct wcsr {
	igraph_integer_t n;
	int64_t *off;
	int32_t *nbr, *newid;
	float *wf;      /* exactly the weights, or NULL */
	double *wd;     /* the weights when wf is NULL */
} wcsr;

static void wcsr_build(const igraph_t *G, const igraph_vector_t *w, wcsr *c)
{
	igraph_integer_t n = igraph_vcount(G), m = igraph_ecount(G);
	csr c0;

	c->n = n;
	c->newid = bs_xmalloc((size_t)(n ? n : 1) * sizeof *c->newid);
	csr_build(G, &c0);
	bfs_order(&c0, (int32_t)n, c->newid);
	csr_release(&c0);
	c->off = bs_xcalloc((size_t)n + 2, sizeof *c->off);
	c->nbr = bs_xmalloc((size_t)(2 * m + 1) * sizeof *c->nbr);
	{
		int exact = 1;
		for (igraph_integer_t e = 0; e < m && exact; e++) {
			double x = VECTOR(*w)[e];
			exact = x == (double)(float)x && x == floor(x) && fabs(x) <= 16777216.0;
		}
		c->wf = exact ? bs_xmalloc((size_t)(2 * m + 1) * sizeof *c->wf) : NULL;
		c->wd = exact ? NULL : bs_xmalloc((size_t)(2 * m + 1) * sizeof *c->wd);
	}
	for (igraph_integer_t e = 0; e < m; e++) {
		c->off[c->newid[IGRAPH_FROM(G, e)] + 2]++;
		c->off[c->newid[IGRAPH_TO(G, e)] + 2]++;
	}
	for (igraph_integer_t v = 0; v < n; v++)
		c->off[v + 2] += c->off[v + 1];
	for (igraph_integer_t e = 0; e < m; e++) {
		int32_t a = c->newid[IGRAPH_FROM(G, e)], b = c->newid[IGRAPH_TO(G, e)];
		int64_t i = c->off[a + 1]++, j = c->off[b + 1]++;
		c->nbr[i] = b;
		c->nbr[j] = a;
		if (c->wf) {
			c->wf[i] = c->wf[j] = (float)VECTOR(*w)[e];
		} else {
			c->wd[i] = c->wd[j] = VECTOR(*w)[e];
		}
	}
}

static void wcsr_release(wcsr *c)
{
	free(c->off);
	free(c->nbr);
	free(c->newid);
	free(c->wf);
	free(c->wd);
	memset(c, 0, sizeof *c);
}

/* PageRank and eigenvector centrality by power iteration, both in one
 * sweep over the weighted CSR while both still run (the sweep streams the
 * edges, 8 or 12 bytes an edge end, once for both; each score's arithmetic is
 * that of its own iteration):
 *
 * - PageRank as igraph computes it on an undirected weighted graph (each
 *   edge both ways; a walker leaves v along an edge with probability
 *   w / strength(v), jumps uniformly with probability 1 - d, and a vertex
 *   without edges sends all its score uniformly), by Gauss-Seidel sweeps
 *   until the L1 change of a sweep is below 1e-12; the scores sum to 1.
 *   PRPACK, igraph's solver, copies the graph twice.
 * - Eigenvector centrality (weighted, undirected) on M = A + I (the shift
 *   keeps bipartite parts from oscillating), scaled to max 1, until no
 *   value moves by 1e-9.  Plain power iteration shrinks the error by
 *   rho = |mu2| / mu1 a sweep (1M synthetic papers: 0.87, 136 sweeps), so
 *   once rho is steady (EV_MOMENTUM_FROM) the sweeps add momentum (Xu et
 *   al., "Accelerated stochastic power iteration", 2018): the next
 *   iterate is M u(t) - beta u(t-1), beta = (rho mu1)^2 / 4, rescaled;
 *   every other mode then shrinks by sqrt(beta) / r1 a sweep, r1 = (mu1 +
 *   sqrt(mu1^2 - 4 beta)) / 2 (0.87 -> 0.58: 45 sweeps).  The fixed point
 *   is the same eigenvector; values of order 1e-12 that overshoot below 0
 *   (components far from the top eigenvalue, which tend to 0) end as 0.
 *
 * *pr_it and *ev_it get the sweeps each took, or -1 past PR_MAX_ITER or
 * EIGEN_MAX_ITER (that score is then unspecified).  O(n) memory beyond
 * the CSR, O(m) time per sweep. */
#define PR_MAX_ITER 10000
#define EIGEN_MAX_ITER 3000

void bs_ev_momentum_after(bs_ev_momentum *mo, double mx, double ediff)
{
	if (mo->beta > 0) {
		mo->c = mo->beta / mx;
		return;
	}
	mo->hist[mo->n % 11] = ediff;
	mo->n++;
	/* checked at every plain sweep from EV_MOMENTUM_FROM on: when the
	 * next modes have close eigenvalues, rho drifts for a while (a 1M
	 * database with 200 papers more: 0.93 -> 0.90 over sweeps 16-26, and
	 * the check of those sweeps alone left it at 159 plain sweeps) */
	if (mo->n >= EV_MOMENTUM_FROM + 1) {
		int t = mo->n - 1;
		double a = mo->hist[(t - 10) % 11], b = mo->hist[(t - 5) % 11], e = mo->hist[t % 11];
		if (a > 0 && b > 0 && e > 0) {
			double r1 = pow(e / b, 0.2), r0 = pow(b / a, 0.2);
			if (r1 > 0.5 && r1 < 1 && fabs(r1 - r0) < 0.005) {
				mo->beta = (r1 * mx) * (r1 * mx) / 4;
				mo->c = mo->beta / mx;
			}
		}
	}
}
/* After a sweep of one power iteration: counts it in *it and returns
 * whether to go on (not converged, under max sweeps); past max, *it = -1. */
static int sweep_goes_on(int converged, int *it, int max)
{
	++*it;
	if (converged)
		return 0;
	if (*it >= max) {
		*it = -1;
		return 0;
	}
	return 1;
}

/* s + the weighted sum of vec over v's neighbours, in edge order (the
 * float or the double weights, whichever c holds). */
static inline double wsum(const wcsr *c, igraph_integer_t v, const double *vec, double s)
{
	if (c->wf)
		for (int64_t k = c->off[v]; k < c->off[v + 1]; k++)
			s += (double)c->wf[k] * vec[c->nbr[k]];
	else
		for (int64_t k = c->off[v]; k < c->off[v + 1]; k++)
			s += c->wd[k] * vec[c->nbr[k]];
	return s;
}

static void power_iterations(const wcsr *c, double d, igraph_vector_t *pr_out, igraph_vector_t *ev_out,
			     int *pr_it, int *ev_it)
{
	igraph_integer_t n = c->n;
	const int64_t *off = c->off;
	const int32_t *nbr = c->nbr;
	const float *wf = c->wf;
	const double *wd = c->wd;
	double *x = bs_xmalloc((size_t)(n + 1) * sizeof *x);     /* PageRank score / strength (0: no edges) */
	double *inv = bs_xmalloc((size_t)(n + 1) * sizeof *inv);
	double *pr = bs_xmalloc((size_t)(n + 1) * sizeof *pr);
	double *ex = bs_xmalloc((size_t)(n + 1) * sizeof *ex), *ey = bs_xmalloc((size_t)(n + 1) * sizeof *ey);
	/* while both run: x[v] and ex[v] side by side (xe[2v], xe[2v + 1]),
	 * so that a neighbour's two scores are one cache miss, not two; then
	 * back in x and ex for the one that goes on */
	double *xe = bs_xmalloc((size_t)(2 * n + 2) * sizeof *xe);
	double *ep = bs_xcalloc((size_t)(n + 1), sizeof *ep);   /* the eigenvector's previous iterate */
	double dangling = 0, sum = 0;
	int pr_on = 1, ev_on = 1, packed = 1;
	bs_ev_momentum mo;

	memset(&mo, 0, sizeof mo);

	for (igraph_integer_t v = 0; v < n; v++) {
		double st = 0;
		for (int64_t k = off[v]; k < off[v + 1]; k++)
			st += wf ? (double)wf[k] : wd[k];
		inv[v] = st > 0 ? 1.0 / st : 0;
		pr[v] = 1.0 / (double)n;
		xe[2 * v] = pr[v] * inv[v];
		if (st <= 0)
			dangling += pr[v];
		xe[2 * v + 1] = (double)(off[v + 1] - off[v]) + 1e-3;
	}
	*pr_it = *ev_it = 0;
	while (pr_on || ev_on) {
		double diff = 0, next_dangling = 0, mx = 0, ediff = 0;
		double base = ((1 - d) + d * dangling) / (double)n;

		if (packed && !(pr_on && ev_on)) {
			for (igraph_integer_t v = 0; v < n; v++) {
				x[v] = xe[2 * v];
				ex[v] = xe[2 * v + 1];
			}
			packed = 0;
		}
		if (packed) {
			for (igraph_integer_t v = 0; v < n; v++) {
				double acc = 0, s = xe[2 * v + 1], p;
				if (wf) {
					for (int64_t k = off[v]; k < off[v + 1]; k++) {
						const double *u = xe + 2 * (int64_t)nbr[k];
						double w = wf[k];
						acc += w * u[0];
						s += w * u[1];
					}
				} else {
					for (int64_t k = off[v]; k < off[v + 1]; k++) {
						const double *u = xe + 2 * (int64_t)nbr[k];
						acc += wd[k] * u[0];
						s += wd[k] * u[1];
					}
				}
				p = base + d * acc;
				diff += fabs(p - pr[v]);
				pr[v] = p;
				xe[2 * v] = p * inv[v];   /* in place: later rows of this sweep see it */
				if (inv[v] == 0)
					next_dangling += p;
				s -= mo.c * ep[v];
				ey[v] = s;
				if (s > mx)
					mx = s;
			}
		} else if (pr_on) {
			for (igraph_integer_t v = 0; v < n; v++) {
				double p = base + d * wsum(c, v, x, 0);
				diff += fabs(p - pr[v]);
				pr[v] = p;
				x[v] = p * inv[v];
				if (inv[v] == 0)
					next_dangling += p;
			}
		} else {
			for (igraph_integer_t v = 0; v < n; v++) {
				double s = wsum(c, v, ex, ex[v]) - mo.c * ep[v];
				ey[v] = s;
				if (s > mx)
					mx = s;
			}
		}
		if (pr_on) {
			dangling = next_dangling;
			pr_on = sweep_goes_on(diff < 1e-12, pr_it, PR_MAX_ITER);
		}
		if (ev_on && packed) {
			for (igraph_integer_t v = 0; v < n; v++) {
				double e = ey[v] / mx, dv = fabs(e - xe[2 * v + 1]);
				if (dv > ediff)
					ediff = dv;
				ep[v] = xe[2 * v + 1];
				xe[2 * v + 1] = e;
			}
			bs_ev_momentum_after(&mo, mx, ediff);
			ev_on = sweep_goes_on(ediff < 1e-9, ev_it, EIGEN_MAX_ITER);
		} else if (ev_on) {
			for (igraph_integer_t v = 0; v < n; v++) {
				double dv;
				ey[v] /= mx;
				dv = fabs(ey[v] - ex[v]);
				if (dv > ediff)
					ediff = dv;
			}
			{   /* ep <- ex <- ey; ey reuses the oldest */
				double *t = ep;
				ep = ex;
				ex = ey;
				ey = t;
			}
			bs_ev_momentum_after(&mo, mx, ediff);
			ev_on = sweep_goes_on(ediff < 1e-9, ev_it, EIGEN_MAX_ITER);
		}
	}
	if (packed)
		for (igraph_integer_t v = 0; v < n; v++)
			ex[v] = xe[2 * v + 1];
	for (igraph_integer_t v = 0; v < n; v++)
		if (ex[v] < 0)
			ex[v] = 0;
	free(xe);
	free(ep);
	for (igraph_integer_t v = 0; v < n; v++)
		sum += pr[v];
	for (igraph_integer_t v = 0; v < n; v++) {
		VECTOR(*pr_out)[v] = pr[c->newid[v]] / sum;
		VECTOR(*ev_out)[v] = ex[c->newid[v]];
	}
	free(x);
	free(inv);
	free(pr);
	free(ex);
	free(ey);
}

#define PATH_THREADS 2

/* The sampled pass over sources (igraph vertex ids) into bc and hc (n
 * each, zero on entry), each source standing for n/k of them, or for
 * vscale[v] of those of v's component (vscale may be NULL; the sums at v
 * come from the sources in v's component only); comp (may be NULL) marks
 * the giant component with
 * 0, and the mean distance / eccentricity of the sources in it go to *ds.
 * Makes no igraph call (it may run beside igraph on another thread): it
 * reads G's edge vectors and writes plain arrays.
 *
 * clustering (G's local clustering, local_clustering's values; may be
 * NULL) finds the vertices whose neighbours are all adjacent to each
 * other: degree at most 1, or clustering exactly 1 (triangles = d(d-1)/2
 * gives exactly 1.0 in local_clustering's arithmetic, and G is simple).
 * Such a vertex w, reached from u, has every neighbour adjacent to u, so
 * at most one level below u's next: it begins no edge of the
 * shortest-path DAG, and scanning its row finds nothing.  Its row is left
 * empty in the pass's CSR (only a source, level 0, scans its own row,
 * copied aside): the same DAG, the same sums.  Every author of a single
 * paper is one: about half the edge ends at 1M synthetic papers. */
static void paths_core(const igraph_t *G, const int32_t *sources, int32_t k, const igraph_vector_int_t *comp,
		       const double *clustering, const double *vscale, double *bc, double *hc,
		       bs_distance_sample *ds)
{
	igraph_integer_t n = igraph_vcount(G);
	int32_t *newid, *src;
	char *giant = NULL;
	uint8_t *lv0;
	csr c0, c, srow;
	paths_job job[PATH_THREADS];
	pthread_t th[PATH_THREADS];
	int started[PATH_THREADS];

	if (ds)
		memset(ds, 0, sizeof *ds);
	if (n == 0 || k == 0)
		return;
	csr_build(G, &c0);
	newid = bs_xmalloc((size_t)n * sizeof *newid);
	bfs_order(&c0, (int32_t)n, newid);
	lv0 = bs_xcalloc((size_t)n, 1);
	if (clustering)
		for (igraph_integer_t v = 0; v < n; v++)
			if (c0.off[v + 1] - c0.off[v] <= 1 || clustering[v] == 1.0)
				lv0[newid[v]] = LV_LEAF;
	/* the sources' whole rows, in the order of sources */
	srow.off = bs_xmalloc(((size_t)k + 1) * sizeof *srow.off);
	srow.off[0] = 0;
	for (int32_t i = 0; i < k; i++)
		srow.off[i + 1] = srow.off[i] + (c0.off[sources[i] + 1] - c0.off[sources[i]]);
	srow.nbr = bs_xmalloc(((size_t)srow.off[k] + 1) * sizeof *srow.nbr);
	for (int32_t i = 0; i < k; i++)
		for (int32_t x = c0.off[sources[i]], o = srow.off[i]; x < c0.off[sources[i] + 1]; x++)
			srow.nbr[o++] = newid[c0.nbr[x]];
	csr_permute(&c0, (int32_t)n, newid, lv0, &c);
	csr_release(&c0);
	src = bs_xmalloc((size_t)k * sizeof *src);
	for (int32_t i = 0; i < k; i++)
		src[i] = newid[sources[i]];
	if (comp && ds) {
		giant = bs_xcalloc((size_t)n, 1);
		for (igraph_integer_t v = 0; v < n; v++)
			giant[newid[v]] = VECTOR(*comp)[v] == 0;
	}
	/* sources split between the threads; each sums privately */
	for (int t = 0; t < PATH_THREADS; t++) {
		int32_t lo = (int32_t)((int64_t)k * t / PATH_THREADS), hi = (int32_t)((int64_t)k * (t + 1) / PATH_THREADS);
		memset(&job[t], 0, sizeof job[t]);
		job[t].c = &c;
		job[t].n = (int32_t)n;
		job[t].src = src + lo;
		job[t].srow = &srow;
		job[t].src0 = lo;
		job[t].nsrc = hi - lo;
		job[t].in_giant = giant;
		job[t].lv0 = lv0;
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
	/* each source stands for n/k sources (vscale[v]); undirected pairs are
	 * counted from both ends, hence the 1/2; harmonic is the mean of 1/d
	 * over n-1 others */
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
	free(giant);
	free(lv0);
	free(src);
	free(newid);
	csr_release(&c);
	csr_release(&srow);
}

/* The sources as a plain array (owned by the caller; free()): paths_core
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

static void local_clustering(const igraph_t *G, const igraph_vector_int_t *deg, double *out);

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
	local_clustering(G, &deg, VECTOR(cl));   /* as the metrics pass it */
	src = sources_copy(sources);
	paths_core(G, src, (int32_t)igraph_vector_int_size(sources), NULL, VECTOR(cl), NULL,
		   VECTOR(*betweenness), VECTOR(*harmonic), NULL);
	free(src);
	igraph_vector_destroy(&cl);
	igraph_vector_int_destroy(&deg);
	IGRAPH_FINALLY_CLEAN(2);
	return IGRAPH_SUCCESS;
}

/* Local clustering coefficient of every vertex into out (n), 0 below
 * degree 2, as igraph_transitivity_local_undirected(..., ZERO) gives it on
 * a simple graph: triangles / (d (d - 1) / 2), bitwise.  Each edge points from the
 * end of lower (degree, id) to the higher one, so every triangle is found
 * once, from its lowest vertex, and no out-list is longer than sqrt(2m):
 * O(m sqrt(m)) worst case, 4 bytes an edge (igraph's adjacency list takes
 * 16 bytes an edge and a call per vertex).  Self-loops are skipped.
 * Makes no igraph call but reading the edge vectors. */
static void local_clustering(const igraph_t *G, const igraph_vector_int_t *deg, double *out)
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
static void coreness(const igraph_t *G, const igraph_vector_int_t *deg, igraph_integer_t *core)
{
	igraph_integer_t n = igraph_vcount(G), md = 0;
	csr c;
	int32_t *bin, *pos, *vert;

	if (n == 0)
		return;
	csr_build(G, &c);
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
	csr_release(&c);
}

igraph_error_t bs_clustering_coreness(const igraph_t *G, igraph_vector_t *clustering,
				      igraph_vector_int_t *core)
{
	igraph_vector_int_t deg;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, igraph_vcount(G));
	IGRAPH_CHECK(igraph_degree(G, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
	IGRAPH_CHECK(igraph_vector_resize(clustering, igraph_vcount(G)));
	IGRAPH_CHECK(igraph_vector_int_resize(core, igraph_vcount(G)));
	local_clustering(G, &deg, VECTOR(*clustering));
	coreness(G, &deg, VECTOR(*core));
	igraph_vector_int_destroy(&deg);
	IGRAPH_FINALLY_CLEAN(1);
	return IGRAPH_SUCCESS;
}

/* The work that makes no igraph call, on a thread of its own: the
 * sampled shortest-path pass (with two threads of its own inside), then,
 * when the caller runs a side job, "the rest": coreness, clustering,
 * PageRank and the eigenvector iteration.  igraph 0.10 as Debian builds
 * it is not thread-safe (IGRAPH_THREAD_SAFE 0: one error handler, one
 * FINALLY stack, one RNG), so this thread only reads the graph's edge
 * vectors, the weights and the components, and writes into arrays the
 * caller sized; meanwhile the caller's thread runs igraph: the side job
 * (Leiden), the longest chain of igraph calls.  Without a side job the
 * caller does the rest itself, beside the pass.  The weighted CSR of the
 * power iterations is built after the pass's adjacency is freed: at 3M
 * papers Leiden, the pass and that CSR would otherwise all be held at
 * once. */
typedef struct own_job {
	const igraph_t *G;
	const igraph_vector_t *weight;
	const int32_t *src;                        /* NULL: no sampled pass */
	int32_t k;
	const igraph_vector_int_t *comp;
	const double *vscale;                      /* NULL, or n: a source's weight */
	double *bc, *hc;                           /* n each, zero */
	bs_distance_sample *ds;
	igraph_vector_t *pagerank, *eigenvector;   /* n each */
	int pr_it, ev_it;                          /* sweeps, -1: did not converge */
	const igraph_vector_int_t *deg;
	igraph_integer_t *core;                    /* n each */
	double *clustering;
	int rest;                                  /* 0: the caller computes the rest */
	int nice;                                  /* bs_thread_lower_priority first */
	/* a large graph: the weighted adjacency waits for the side job */
	int wait_side, side_done;
	pthread_mutex_t mu;
	pthread_cond_t cv;
} own_job;

/* Past this many edge ends the weighted adjacency (8-12 bytes each) is
 * built only once the side job (Leiden, then storing its run) is over.
 * At 3M papers (140M edge ends) Leiden beside that adjacency took the
 * report to 7,555 MiB even with float weights (8,025 MiB for analyze with
 * doubles); waiting, 7,392 MiB, for about 30 s of the report's 5 min.
 * 1M papers: 45M edge ends, no wait. */
#define WCSR_AFTER_SIDE_ENDS 80000000

static void rest_run(own_job *j);

static void *own_run(void *arg)
{
	own_job *j = arg;

	bs_thread_lower_priority(j->nice);   /* the pass's threads inherit it */

	if (j->src) {   /* the clustering first: the pass skips the rows it marks */
		local_clustering(j->G, j->deg, j->clustering);
		bs_trace("clustering done");
		paths_core(j->G, j->src, j->k, j->comp, j->clustering, j->vscale, j->bc, j->hc, j->ds);
		bs_trace("shortest-path pass done");
	}
	if (j->rest)
		rest_run(j);
	return NULL;
}

/* Coreness, clustering (unless the sampled pass made it), then PageRank
 * and the eigenvector iteration. */
static void rest_run(own_job *j)
{
	coreness(j->G, j->deg, j->core);
	if (!j->src)
		local_clustering(j->G, j->deg, j->clustering);
	bs_trace("coreness and clustering done");
	if (j->wait_side) {
		pthread_mutex_lock(&j->mu);
		while (!j->side_done)
			pthread_cond_wait(&j->cv, &j->mu);
		pthread_mutex_unlock(&j->mu);
	}
	if (igraph_ecount(j->G) > 0) {
		wcsr wc;
		wcsr_build(j->G, j->weight, &wc);
		bs_trace("weighted adjacency built");
		power_iterations(&wc, 0.85, j->pagerank, j->eigenvector, &j->pr_it, &j->ev_it);
		bs_trace("power iterations done: pagerank %d, eigenvector %d sweeps", j->pr_it, j->ev_it);
		wcsr_release(&wc);
	}
}

/* The sources of the shortest-path pass for the plan of bs_betweenness_plan
 * on m->component (ncomp components): every vertex when exact (*vscale
 * NULL), else per component its kc[c] sources, in id order, and each
 * vertex's n_c / k_c in *vscale.  The plan goes to *plan.
 *
 * A large component's sources are evenly spaced over its vertices in
 * depth-first preorder from a seeded offset (systematic sampling): each
 * stands for the n_c / k_c vertices around it in that order, mostly its
 * neighbourhood, so the sources cover the component's regions evenly,
 * where a uniform draw leaves some regions without a source and doubles
 * others.  A source's dependencies are alike for nearby sources, so the
 * error drops: on NeurIPS 2023 the median error on the exact top 100 went
 * from 7.4% to 2.3% with 1,024 sources, 4.1% to 1.2% with 2,048
 * (bench/results-betweenness.md). */
static igraph_error_t bc_sources(const igraph_t *G, const bs_author_metrics *m, igraph_integer_t ncomp,
				 const bs_metrics_opts *o, bs_bc_plan *plan, int32_t **src_out, int32_t *k_out,
				 double **vscale_out)
{
	igraph_integer_t n = igraph_vcount(G), e = igraph_ecount(G);
	const igraph_integer_t *comp = VECTOR(m->component);
	size_t nc = (size_t)ncomp + 1;
	igraph_integer_t *cn = bs_xcalloc(nc, sizeof *cn), *cm = bs_xcalloc(nc, sizeof *cm);
	igraph_integer_t *kc = bs_xcalloc(nc, sizeof *kc), *first = bs_xcalloc(nc + 1, sizeof *first);
	int32_t *src = bs_xmalloc((size_t)(n ? n : 1) * sizeof *src), k = 0;

	for (igraph_integer_t v = 0; v < n; v++)
		cn[comp[v]]++;
	for (igraph_integer_t x = 0; x < e; x++)
		cm[comp[IGRAPH_FROM(G, x)]]++;
	bs_betweenness_plan(cn, cm, ncomp, o, kc, plan);
	*vscale_out = NULL;
	if (plan->exact) {
		for (igraph_integer_t v = 0; v < n; v++)
			src[k++] = (int32_t)v;
	} else {
		int32_t *members = bs_xmalloc((size_t)n * sizeof *members);
		char *pick = bs_xcalloc((size_t)n, 1);
		double *vscale = bs_xmalloc((size_t)n * sizeof *vscale);
		igraph_rng_t *rng = igraph_rng_default();

		for (igraph_integer_t c = 0; c < ncomp; c++)
			first[c + 1] = first[c] + cn[c];
		{   /* by component, in depth-first preorder */
			csr cc;
			int32_t *ord = bs_xmalloc((size_t)n * sizeof *ord);
			csr_build(G, &cc);
			dfs_order(&cc, (int32_t)n, ord);
			csr_release(&cc);
			for (igraph_integer_t i = 0; i < n; i++)
				members[first[comp[ord[i]]]++] = ord[i];
			free(ord);
		}
		for (igraph_integer_t c = ncomp; c > 0; c--)
			first[c] = first[c - 1];
		first[0] = 0;
		igraph_rng_seed(rng, o->seed);
		for (igraph_integer_t c = 0; c < ncomp; c++) {
			const int32_t *mc = members + first[c];
			if (kc[c] < cn[c]) {   /* evenly spaced, from a seeded offset */
				double step = (double)cn[c] / (double)kc[c];
				double u = igraph_rng_get_unif(rng, 0, step);
				for (igraph_integer_t i = 0; i < kc[c]; i++) {
					igraph_integer_t j = (igraph_integer_t)(u + (double)i * step);
					pick[mc[j < cn[c] ? j : cn[c] - 1]] = 1;
				}
			} else {
				for (igraph_integer_t i = 0; i < cn[c]; i++)
					pick[mc[i]] = 1;
			}
		}
		for (igraph_integer_t v = 0; v < n; v++) {
			vscale[v] = (double)cn[comp[v]] / (double)kc[comp[v]];
			if (pick[v])
				src[k++] = (int32_t)v;
		}
		free(pick);
		free(members);
		*vscale_out = vscale;
	}
	*src_out = src;
	*k_out = k;
	free(cn);
	free(cm);
	free(kc);
	free(first);
	return IGRAPH_SUCCESS;
}

/* The side job (may be NULL) on the caller's thread while own_run works. */
static igraph_error_t igraph_part(const bs_coauthor_graph *g, bs_author_metrics *m, int (*side)(void *),
				  void *side_arg, int *side_rc)
{
	(void)g;
	(void)m;
	if (side)
		*side_rc = side(side_arg);
	return IGRAPH_SUCCESS;
}

static igraph_error_t compute(const bs_coauthor_graph *g, const bs_metrics_opts *o, bs_author_metrics *m,
			      int (*side)(void *), void *side_arg, int *side_rc)
{
	const igraph_t *G = &g->g;
	igraph_integer_t n = g->n, e = igraph_ecount(G), ncomp;
	igraph_vector_int_t deg, csize;
	igraph_real_t value;
	igraph_error_t ie;
	bs_bc_plan plan;
	int32_t *src = NULL, k = 0;
	double *vscale = NULL;
	own_job job;
	pthread_t th;
	int threaded, pr_it = 0, ev_it = 0;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, n);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&csize, 0);

	IGRAPH_CHECK(igraph_degree(G, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
	for (igraph_integer_t i = 0; i < n; i++)
		VECTOR(m->degree)[i] = (double)VECTOR(deg)[i];
	IGRAPH_CHECK(igraph_strength(G, &m->strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &g->weight));
	IGRAPH_CHECK(igraph_connected_components(G, &m->component, &csize, &ncomp, IGRAPH_WEAK));
	bs_renumber_by_size(&m->component, &ncomp);

	/* everything the other thread needs is sized and drawn here */
	memset(&job, 0, sizeof job);
	job.G = G;
	IGRAPH_CHECK(igraph_vector_resize(&m->pagerank, n));
	IGRAPH_CHECK(igraph_vector_resize(&m->eigenvector, n));
	IGRAPH_CHECK(igraph_vector_resize(&m->betweenness, n));
	IGRAPH_CHECK(igraph_vector_resize(&m->harmonic, n));
	igraph_vector_null(&m->betweenness);
	igraph_vector_null(&m->harmonic);
	IGRAPH_CHECK(bc_sources(G, m, ncomp, o, &plan, &src, &k, &vscale));   /* no check after, to the free */
	m->approximate = !plan.exact;
	m->k = plan.k;
	m->bc_seconds = plan.seconds;
	job.src = n ? src : NULL;   /* the pass, exact or sampled */
	job.k = k;
	job.vscale = vscale;
	job.comp = &m->component;
	job.bc = VECTOR(m->betweenness);
	job.hc = VECTOR(m->harmonic);
	job.ds = &m->distances;
	job.weight = &g->weight;
	job.pagerank = &m->pagerank;
	job.eigenvector = &m->eigenvector;
	job.deg = &deg;
	job.core = VECTOR(m->coreness);
	job.clustering = VECTOR(m->clustering);
	{
		const char *env = getenv("BIBSCOPE_WCSR_AFTER_SIDE_ENDS");   /* tests: the waiting path */
		long long lim = env && *env ? strtoll(env, NULL, 10) : WCSR_AFTER_SIDE_ENDS;
		job.wait_side = side && 2 * (long long)e > lim;
	}
	pthread_mutex_init(&job.mu, NULL);
	pthread_cond_init(&job.cv, NULL);
	/* with a side job this thread is busy with igraph, so the own thread
	 * does the rest too; without one (the graph alone) this thread does */
	job.rest = side != NULL;
	job.nice = side ? o->side_nice : 0;
	threaded = pthread_create(&th, NULL, own_run, &job) == 0;
	if (!threaded) {
		job.wait_side = 0;
		job.nice = 0;   /* this thread is the critical chain */
		own_run(&job);
	}
	ie = igraph_part(g, m, side, side_arg, side_rc);
	if (!job.rest)
		rest_run(&job);   /* no side job, so nothing to wait for */
	pthread_mutex_lock(&job.mu);   /* also after an error: the thread may wait */
	job.side_done = 1;
	pthread_cond_signal(&job.cv);
	pthread_mutex_unlock(&job.mu);
	if (threaded)
		pthread_join(th, NULL);   /* before any return: it writes into m */
	pthread_mutex_destroy(&job.mu);
	pthread_cond_destroy(&job.cv);
	free(src);
	free(vscale);
	IGRAPH_CHECK(ie);
	pr_it = job.pr_it;
	ev_it = job.ev_it;

	if (e == 0) {
		igraph_vector_fill(&m->pagerank, n ? 1.0 / (double)n : 0);
		igraph_vector_null(&m->eigenvector);
	} else {
		/* PageRank within 1e-9 of igraph's PRPACK (which needs about
		 * twice the graph's memory again, the 3M peak), eigenvector
		 * within 1e-9 of its ARPACK result (on the corpus 3.6e-10 from
		 * a 1e-15 reference); igraph's solvers if one did not converge */
		if (pr_it < 0)
			IGRAPH_CHECK(igraph_pagerank(G, IGRAPH_PAGERANK_ALGO_PRPACK, &m->pagerank, &value,
						     igraph_vss_all(), IGRAPH_UNDIRECTED, 0.85, &g->weight, NULL));
		if (ev_it < 0)
			IGRAPH_CHECK(igraph_eigenvector_centrality(G, &m->eigenvector, &value, IGRAPH_UNDIRECTED,
								   1, &g->weight, NULL));
	}
	igraph_vector_int_destroy(&csize);
	igraph_vector_int_destroy(&deg);
	IGRAPH_FINALLY_CLEAN(2);
	return IGRAPH_SUCCESS;
}

int bs_metrics_compute(const bs_coauthor_graph *g, const bs_metrics_opts *o,
		       bs_author_metrics *m, bs_error *err)
{
	return bs_metrics_compute_beside(g, o, m, NULL, NULL, NULL, err);
}

int bs_metrics_compute_beside(const bs_coauthor_graph *g, const bs_metrics_opts *o, bs_author_metrics *m,
			      int (*side)(void *), void *side_arg, int *side_rc, bs_error *err)
{
	igraph_error_t ie;
	igraph_integer_t n = g->n;
	int dummy = 0;

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
	ie = compute(g, o, m, side, side_arg, side_rc ? side_rc : &dummy);
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
	igraph_t sub;   /* the giant component, built only where a branch below needs it */

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
	{
		/* global transitivity from the local clustering already computed:
		 * triangles at v = c_v * d_v (d_v - 1) / 2 (an integer), so
		 * 3 * triangles / connected triples without counting again */
		double tri = 0, triples = 0;
		for (igraph_integer_t i = 0; i < n; i++) {
			double d = VECTOR(m->degree)[i], pairs = d * (d - 1) / 2;
			tri += round(VECTOR(m->clustering)[i] * pairs);
			triples += pairs;
		}
		s->transitivity = triples > 0 ? tri / triples : 0;
	}

	IGRAPH_VECTOR_INT_INIT_FINALLY(&giant, 0);
	for (igraph_integer_t i = 0; i < n; i++)
		if (VECTOR(m->component)[i] == 0)
			IGRAPH_CHECK(igraph_vector_int_push_back(&giant, i));
	s->giant = igraph_vector_int_size(&giant);
	s->giant_share = n ? (double)s->giant / (double)n : 0;
	if (s->giant <= 2000) {
		igraph_real_t d;
		IGRAPH_CHECK(igraph_induced_subgraph(G, &sub, igraph_vss_vector(&giant), IGRAPH_SUBGRAPH_AUTO));
		IGRAPH_FINALLY(igraph_destroy, &sub);
		s->distance_sampled = 0;
		IGRAPH_CHECK(igraph_average_path_length(&sub, &s->mean_distance, NULL, IGRAPH_UNDIRECTED, 1));
		IGRAPH_CHECK(igraph_diameter(&sub, &d, NULL, NULL, NULL, NULL, IGRAPH_UNDIRECTED, 1));
		s->diameter = d;
		if (s->giant < 2)
			s->mean_distance = 0;
		igraph_destroy(&sub);
		IGRAPH_FINALLY_CLEAN(1);
	} else if (m->distances.sources > 0) {
		/* the pass's sources in the giant component: all of them when
		 * the metrics are exact */
		s->distance_sampled = m->distances.sources < s->giant;
		s->distance_sources = (igraph_integer_t)m->distances.sources;
		s->mean_distance = m->distances.pairs ? m->distances.sum / m->distances.pairs : 0;
		s->diameter = m->distances.max;
	} else {
		igraph_vector_int_t src;
		igraph_integer_t gn = s->giant;
		int32_t *dist, *queue;
		double sum = 0, cnt = 0, diam = 0;
		csr c;

		s->distance_sampled = 1;
		IGRAPH_CHECK(igraph_induced_subgraph(G, &sub, igraph_vss_vector(&giant), IGRAPH_SUBGRAPH_AUTO));
		IGRAPH_FINALLY(igraph_destroy, &sub);
		IGRAPH_VECTOR_INT_INIT_FINALLY(&src, 0);
		IGRAPH_CHECK(sample_sources(gn, o->k > 0 ? o->k : BS_BC_MIN_SAMPLES, o->seed + 1, &src));
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
		igraph_destroy(&sub);
		IGRAPH_FINALLY_CLEAN(2);
	}
	igraph_vector_int_destroy(&giant);
	IGRAPH_FINALLY_CLEAN(1);
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
