#include "analysis/graph/metrics.h"
#include "analysis/graph/clustering.h"
#include "analysis/graph/csr.h"
#include "analysis/graph/paths.h"
#include "analysis/graph/power.h"
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
		bs_local_clustering(j->G, j->deg, j->clustering);
		bs_trace("clustering done");
		bs_paths_pass(j->G, j->src, j->k, j->comp, j->clustering, j->vscale, j->bc, j->hc, j->ds);
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
	bs_coreness(j->G, j->deg, j->core);
	if (!j->src)
		bs_local_clustering(j->G, j->deg, j->clustering);
	bs_trace("coreness and clustering done");
	if (j->wait_side) {
		pthread_mutex_lock(&j->mu);
		while (!j->side_done)
			pthread_cond_wait(&j->cv, &j->mu);
		pthread_mutex_unlock(&j->mu);
	}
	if (igraph_ecount(j->G) > 0) {
		bs_wcsr wc;
		bs_wcsr_build(j->G, j->weight, &wc);
		bs_trace("weighted adjacency built");
		bs_power_iterations(&wc, 0.85, j->pagerank, j->eigenvector, &j->pr_it, &j->ev_it);
		bs_trace("power iterations done: pagerank %d, eigenvector %d sweeps", j->pr_it, j->ev_it);
		bs_wcsr_release(&wc);
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
			bs_csr cc;
			int32_t *ord = bs_xmalloc((size_t)n * sizeof *ord);
			bs_csr_build(G, &cc);
			bs_csr_dfs_order(&cc, (int32_t)n, ord);
			bs_csr_release(&cc);
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

/* The giant component's mean distance and diameter (a lower bound) from
 * BFS from seeded sources in it, when neither igraph's exact figures
 * (a small giant) nor the metrics pass's sources give them. */
static igraph_error_t sampled_distances(const igraph_t *G, const igraph_vector_int_t *giant,
					const bs_metrics_opts *o, bs_graph_summary *s)
{
	igraph_vector_int_t src;
	igraph_integer_t gn = s->giant;
	int32_t *dist, *queue;
	double sum = 0, cnt = 0, diam = 0;
	bs_csr c;
	igraph_t sub;

	s->distance_sampled = 1;
	IGRAPH_CHECK(igraph_induced_subgraph(G, &sub, igraph_vss_vector(giant), IGRAPH_SUBGRAPH_AUTO));
	IGRAPH_FINALLY(igraph_destroy, &sub);
	IGRAPH_VECTOR_INT_INIT_FINALLY(&src, 0);
	IGRAPH_CHECK(sample_sources(gn, o->k > 0 ? o->k : BS_BC_MIN_SAMPLES, o->seed + 1, &src));
	s->distance_sources = igraph_vector_int_size(&src);
	bs_csr_build(&sub, &c);
	dist = bs_xmalloc((size_t)gn * sizeof *dist);
	queue = bs_xmalloc((size_t)gn * sizeof *queue);
	for (igraph_integer_t i = 0; i < gn; i++)
		dist[i] = -1;
	for (igraph_integer_t k = 0; k < s->distance_sources; k++) {
		int32_t reached = bs_csr_bfs(&c, (int32_t)VECTOR(src)[k], dist, queue);
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
	bs_csr_release(&c);
	igraph_vector_int_destroy(&src);
	igraph_destroy(&sub);
	IGRAPH_FINALLY_CLEAN(2);
	return IGRAPH_SUCCESS;
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
		IGRAPH_CHECK(sampled_distances(G, &giant, o, s));
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

