#include "analysis/graph/power.h"
#include "analysis/graph/csr.h"
#include "base/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The weighted adjacency both power iterations run on: every edge in both
 * directions, vertices relabelled in BFS order so that the scores read
 * along the edges of a vertex sit close together (on a million vertices,
 * markedly fewer cache misses).  newid[igraph vertex] = row.  The weights
 * are floats, 8 bytes an edge end, when every weight is an integer a float
 * holds exactly (joint-paper counts, the default), so the arithmetic, done
 * in double, is unchanged; else doubles, 12 bytes.  Speed is the same (the
 * sweeps are bound by their random reads of the scores); the floats save
 * memory, 0.56 GB at 3M papers (140M edge ends).  int64 offsets. */
void bs_wcsr_build(const igraph_t *G, const igraph_vector_t *w, bs_wcsr *c)
{
	igraph_integer_t n = igraph_vcount(G), m = igraph_ecount(G);
	bs_csr c0;

	c->n = n;
	c->newid = bs_xmalloc((size_t)(n ? n : 1) * sizeof *c->newid);
	bs_csr_build(G, &c0);
	bs_csr_bfs_order(&c0, (int32_t)n, c->newid);
	bs_csr_release(&c0);
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

void bs_wcsr_release(bs_wcsr *c)
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
static inline double wsum(const bs_wcsr *c, igraph_integer_t v, const double *vec, double s)
{
	if (c->wf)
		for (int64_t k = c->off[v]; k < c->off[v + 1]; k++)
			s += (double)c->wf[k] * vec[c->nbr[k]];
	else
		for (int64_t k = c->off[v]; k < c->off[v + 1]; k++)
			s += c->wd[k] * vec[c->nbr[k]];
	return s;
}

/* The state of the two iterations.  x[v] is v's PageRank score over its
 * strength (0: no edges), inv[v] 1 / strength; ex is the eigenvector's
 * iterate, ey the next, ep the previous (the momentum term).  While both
 * run, x[v] and ex[v] sit side by side in xe (xe[2v], xe[2v + 1]), so that
 * a neighbour's two scores are one cache miss, not two; then back in x
 * and ex for the one that goes on. */
typedef struct power_state {
	igraph_integer_t n;
	double *x, *inv, *pr, *ex, *ey, *xe, *ep;
	double dangling;
	bs_ev_momentum mo;
} power_state;

/* Sweep statistics: the L1 change of PageRank, the next sweep's dangling
 * mass, the eigenvector's rescaling factor. */
typedef struct sweep_sums { double diff, next_dangling, mx; } sweep_sums;

static void power_start(const bs_wcsr *c, power_state *ps)
{
	igraph_integer_t n = c->n;

	ps->n = n;
	ps->x = bs_xmalloc((size_t)(n + 1) * sizeof *ps->x);
	ps->inv = bs_xmalloc((size_t)(n + 1) * sizeof *ps->inv);
	ps->pr = bs_xmalloc((size_t)(n + 1) * sizeof *ps->pr);
	ps->ex = bs_xmalloc((size_t)(n + 1) * sizeof *ps->ex);
	ps->ey = bs_xmalloc((size_t)(n + 1) * sizeof *ps->ey);
	ps->xe = bs_xmalloc((size_t)(2 * n + 2) * sizeof *ps->xe);
	ps->ep = bs_xcalloc((size_t)(n + 1), sizeof *ps->ep);
	ps->dangling = 0;
	memset(&ps->mo, 0, sizeof ps->mo);
	for (igraph_integer_t v = 0; v < n; v++) {
		double st = 0;
		for (int64_t k = c->off[v]; k < c->off[v + 1]; k++)
			st += c->wf ? (double)c->wf[k] : c->wd[k];
		ps->inv[v] = st > 0 ? 1.0 / st : 0;
		ps->pr[v] = 1.0 / (double)n;
		ps->xe[2 * v] = ps->pr[v] * ps->inv[v];
		if (st <= 0)
			ps->dangling += ps->pr[v];
		ps->xe[2 * v + 1] = (double)(c->off[v + 1] - c->off[v]) + 1e-3;
	}
}

/* One sweep of both over the packed scores: PageRank Gauss-Seidel in
 * place, the eigenvector's next iterate into ey. */
static void sweep_both(const bs_wcsr *c, power_state *ps, double d, double base, sweep_sums *sw)
{
	const int64_t *off = c->off;
	const int32_t *nbr = c->nbr;
	const float *wf = c->wf;
	const double *wd = c->wd;
	double *xe = ps->xe, *pr = ps->pr, *inv = ps->inv;

	for (igraph_integer_t v = 0; v < ps->n; v++) {
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
		sw->diff += fabs(p - pr[v]);
		pr[v] = p;
		xe[2 * v] = p * inv[v];   /* in place: later rows of this sweep see it */
		if (inv[v] == 0)
			sw->next_dangling += p;
		s -= ps->mo.c * ps->ep[v];
		ps->ey[v] = s;
		if (s > sw->mx)
			sw->mx = s;
	}
}

static void sweep_pagerank(const bs_wcsr *c, power_state *ps, double d, double base, sweep_sums *sw)
{
	for (igraph_integer_t v = 0; v < ps->n; v++) {
		double p = base + d * wsum(c, v, ps->x, 0);
		sw->diff += fabs(p - ps->pr[v]);
		ps->pr[v] = p;
		ps->x[v] = p * ps->inv[v];
		if (ps->inv[v] == 0)
			sw->next_dangling += p;
	}
}

static void sweep_eigenvector(const bs_wcsr *c, power_state *ps, sweep_sums *sw)
{
	for (igraph_integer_t v = 0; v < ps->n; v++) {
		double s = wsum(c, v, ps->ex, ps->ex[v]) - ps->mo.c * ps->ep[v];
		ps->ey[v] = s;
		if (s > sw->mx)
			sw->mx = s;
	}
}

/* The eigenvector's new iterate ey / mx; returns the largest change. */
static double rescale_packed(power_state *ps, double mx)
{
	double ediff = 0;

	for (igraph_integer_t v = 0; v < ps->n; v++) {
		double e = ps->ey[v] / mx, dv = fabs(e - ps->xe[2 * v + 1]);
		if (dv > ediff)
			ediff = dv;
		ps->ep[v] = ps->xe[2 * v + 1];
		ps->xe[2 * v + 1] = e;
	}
	return ediff;
}

static double rescale(power_state *ps, double mx)
{
	double ediff = 0, *t;

	for (igraph_integer_t v = 0; v < ps->n; v++) {
		double dv;
		ps->ey[v] /= mx;
		dv = fabs(ps->ey[v] - ps->ex[v]);
		if (dv > ediff)
			ediff = dv;
	}
	/* ep <- ex <- ey; ey reuses the oldest */
	t = ps->ep;
	ps->ep = ps->ex;
	ps->ex = ps->ey;
	ps->ey = t;
	return ediff;
}

/* The scores out, by igraph vertex: PageRank normalised to sum 1, the
 * eigenvector's overshoots below 0 as 0; frees the state. */
static void power_finish(const bs_wcsr *c, power_state *ps, int packed, igraph_vector_t *pr_out,
			 igraph_vector_t *ev_out)
{
	igraph_integer_t n = ps->n;
	double sum = 0;

	if (packed)
		for (igraph_integer_t v = 0; v < n; v++)
			ps->ex[v] = ps->xe[2 * v + 1];
	for (igraph_integer_t v = 0; v < n; v++)
		if (ps->ex[v] < 0)
			ps->ex[v] = 0;
	free(ps->xe);
	free(ps->ep);
	for (igraph_integer_t v = 0; v < n; v++)
		sum += ps->pr[v];
	for (igraph_integer_t v = 0; v < n; v++) {
		VECTOR(*pr_out)[v] = ps->pr[c->newid[v]] / sum;
		VECTOR(*ev_out)[v] = ps->ex[c->newid[v]];
	}
	free(ps->x);
	free(ps->inv);
	free(ps->pr);
	free(ps->ex);
	free(ps->ey);
	memset(ps, 0, sizeof *ps);
}

void bs_power_iterations(const bs_wcsr *c, double d, igraph_vector_t *pr_out, igraph_vector_t *ev_out,
			 int *pr_it, int *ev_it)
{
	power_state ps;
	int pr_on = 1, ev_on = 1, packed = 1;

	power_start(c, &ps);
	*pr_it = *ev_it = 0;
	while (pr_on || ev_on) {
		sweep_sums sw = { 0, 0, 0 };
		double base = ((1 - d) + d * ps.dangling) / (double)ps.n, ediff;

		if (packed && !(pr_on && ev_on)) {
			for (igraph_integer_t v = 0; v < ps.n; v++) {
				ps.x[v] = ps.xe[2 * v];
				ps.ex[v] = ps.xe[2 * v + 1];
			}
			packed = 0;
		}
		if (packed)
			sweep_both(c, &ps, d, base, &sw);
		else if (pr_on)
			sweep_pagerank(c, &ps, d, base, &sw);
		else
			sweep_eigenvector(c, &ps, &sw);
		if (pr_on) {
			ps.dangling = sw.next_dangling;
			pr_on = sweep_goes_on(sw.diff < 1e-12, pr_it, PR_MAX_ITER);
		}
		if (ev_on) {
			ediff = packed ? rescale_packed(&ps, sw.mx) : rescale(&ps, sw.mx);
			bs_ev_momentum_after(&ps.mo, sw.mx, ediff);
			ev_on = sweep_goes_on(ediff < 1e-9, ev_it, EIGEN_MAX_ITER);
		}
	}
	power_finish(c, &ps, packed, pr_out, ev_out);
}
