/* betweenness - calibrate the exact/sampled betweenness decision.
 *
 * usage: betweenness DB [--venue V] [--years A-B] [--k K]... [--seeds N]
 *
 * Builds the co-authorship graph of DB (bibscope's defaults, filtered),
 * times the exact shortest-path pass (every vertex a source; CPU time of
 * the process, both threads) against its units (sum over components of
 * n_c (n_c + m_c)), then compares with exact: 256 uniform sources
 * (drawn uniformly over all vertices, seed 42) and the current
 * sampling scheme for each K (0: the k the default budget pays for;
 * seeds 42, 43, ...): the top 20 in common
 * with exact's (the worst seed) and the median relative error on exact's
 * top 100 (the worst seed).  One line of key=value pairs per graph.
 */
#include "analysis/graph/graph.h"
#include "analysis/graph/metrics.h"
#include "store/query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const double *key;

static int by_key(const void *a, const void *b)
{
	igraph_integer_t x = *(const igraph_integer_t *)a, y = *(const igraph_integer_t *)b;
	if (key[x] != key[y])
		return key[x] > key[y] ? -1 : 1;
	return (x > y) - (x < y);
}

static igraph_integer_t *ranked(const igraph_vector_t *v)
{
	igraph_integer_t n = igraph_vector_size(v);
	igraph_integer_t *r = malloc((size_t)(n ? n : 1) * sizeof *r);
	for (igraph_integer_t i = 0; i < n; i++)
		r[i] = i;
	key = VECTOR(*v);
	qsort(r, (size_t)n, sizeof *r, by_key);
	return r;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* top-20 overlap and median relative error on exact's top 100 */
static void compare(const igraph_vector_t *ex, const igraph_integer_t *rex, const igraph_vector_t *sa,
		    int *overlap, double *err)
{
	igraph_integer_t n = igraph_vector_size(ex), top = n < 100 ? n : 100, t20 = n < 20 ? n : 20;
	igraph_integer_t *rsa = ranked(sa);
	double e[100];
	int ne = 0;

	*overlap = 0;
	for (igraph_integer_t i = 0; i < t20; i++)
		for (igraph_integer_t j = 0; j < t20; j++)
			if (rex[i] == rsa[j])
				++*overlap;
	for (igraph_integer_t i = 0; i < top; i++)
		if (VECTOR(*ex)[rex[i]] > 0)
			e[ne++] = fabs(VECTOR(*sa)[rex[i]] - VECTOR(*ex)[rex[i]]) / VECTOR(*ex)[rex[i]];
	qsort(e, (size_t)ne, sizeof *e, cmp_d);
	*err = ne ? e[ne / 2] : 0;
	free(rsa);
}

int main(int argc, char **argv)
{
	bs_store *s = NULL;
	bs_error err;
	bs_graph_opts go;
	bs_coauthor_graph g;
	bs_metrics_opts mo;
	bs_bc_plan plan;
	igraph_vector_int_t memb, csize, all, old;
	igraph_vector_t bex, hex, bold, hold;
	igraph_integer_t ncomp, *cn, *cm, *rex;
	long ks[16];
	int nk = 0, seeds = 3;
	double t0, tex;

	if (argc < 2) {
		fprintf(stderr, "usage: betweenness DB [--venue V] [--years A-B] [--k K]... [--seeds N]\n");
		return 2;
	}
	bs_igraph_init();
	bs_graph_opts_init(&go);
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--venue"))
			go.filter.venue = argv[i + 1];
		else if (!strcmp(argv[i], "--years") && bs_filter_parse_years(&go.filter, argv[i + 1], &err))
			return 2;
		else if (!strcmp(argv[i], "--k") && nk < 16)
			ks[nk++] = strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--seeds"))
			seeds = (int)strtol(argv[i + 1], NULL, 10);
	}
	if (!nk)
		ks[nk++] = 0;
	if (bs_store_open(&s, argv[1], BS_STORE_MUST_EXIST, &err) || bs_graph_build(s, &go, &g, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	igraph_vector_int_init(&memb, 0);
	igraph_vector_int_init(&csize, 0);
	igraph_connected_components(&g.g, &memb, &csize, &ncomp, IGRAPH_WEAK);
	cn = calloc((size_t)ncomp + 1, sizeof *cn);
	cm = calloc((size_t)ncomp + 1, sizeof *cm);
	for (igraph_integer_t v = 0; v < g.n; v++)
		cn[VECTOR(memb)[v]]++;
	for (igraph_integer_t e = 0; e < igraph_ecount(&g.g); e++)
		cm[VECTOR(memb)[IGRAPH_FROM(&g.g, e)]]++;
	bs_metrics_opts_init(&mo);
	bs_betweenness_plan(cn, cm, ncomp, &mo, NULL, &plan);
	{
		igraph_integer_t giant = 0;
		for (igraph_integer_t c = 0; c < ncomp; c++)
			if (cn[c] > giant)
				giant = cn[c];
		printf("n=%ld m=%ld giant=%ld units=%.4g predicted_s=%.2f default=%s",
		       (long)g.n, (long)igraph_ecount(&g.g), (long)giant, plan.units, plan.seconds,
		       plan.exact ? "exact" : "sampled");
	}
	fflush(stdout);
	if (getenv("PLAN_ONLY")) {   /* the cost model alone, no pass */
		printf("\n");
		return 0;
	}
	igraph_vector_init(&bex, 0);
	igraph_vector_init(&hex, 0);
	igraph_vector_int_init_range(&all, 0, g.n);
	t0 = cpu();
	bs_sampled_paths(&g.g, &all, &bex, &hex);
	tex = cpu() - t0;
	printf(" exact_cpu_s=%.2f s_per_unit=%.3g", tex, plan.units > 0 ? tex / plan.units : 0);
	rex = ranked(&bex);
	if (g.n > 24) {   /* how close exact's ranks 17-24 are: what sampling must resolve */
		printf(" exact_ranks17-24=");
		for (int i = 16; i < 24; i++)
			printf("%s%.4g", i > 16 ? "," : "", VECTOR(bex)[rex[i]]);
	}
	{   /* a fixed small sample: 256 sources uniform over all vertices */
		int ov;
		double e;
		igraph_vector_int_init_range(&old, 0, g.n);
		igraph_rng_seed(igraph_rng_default(), 42);
		igraph_vector_int_shuffle(&old);
		if (g.n > 256)
			igraph_vector_int_resize(&old, 256);
		igraph_vector_int_sort(&old);
		igraph_vector_init(&bold, 0);
		igraph_vector_init(&hold, 0);
		bs_sampled_paths(&g.g, &old, &bold, &hold);
		compare(&bex, rex, &bold, &ov, &e);
		printf(" u256_top20=%d u256_err=%.1f%%", ov, 100 * e);
		igraph_vector_destroy(&bold);
		igraph_vector_destroy(&hold);
		igraph_vector_int_destroy(&old);
	}
	for (int i = 0; i < nk; i++) {
		int worst = 21;
		long used = 0;
		double werr = 0, tsum = 0;
		for (int sd = 0; sd < seeds; sd++) {
			bs_author_metrics m;
			int ov;
			double e;
			bs_metrics_opts_init(&mo);
			mo.bc_mode = BS_BC_SAMPLE;
			mo.k = ks[i];   /* 0: what the default budget pays for */
			mo.seed = 42 + (unsigned long)sd;
			t0 = cpu();
			if (bs_metrics_compute(&g, &mo, &m, &err)) {
				fprintf(stderr, "%s\n", err.msg);
				return 1;
			}
			tsum += cpu() - t0;
			used = (long)m.k;
			compare(&bex, rex, &m.betweenness, &ov, &e);
			if (ov < worst)
				worst = ov;
			if (e > werr)
				werr = e;
			bs_metrics_release(&m);
		}
		printf(" k%ld_top20=%d k%ld_err=%.1f%% k%ld_metrics_cpu_s=%.2f", used, worst, used, 100 * werr, used,
		       tsum / seeds);
	}
	printf("\n");
	free(rex);
	free(cn);
	free(cm);
	igraph_vector_destroy(&bex);
	igraph_vector_destroy(&hex);
	igraph_vector_int_destroy(&all);
	igraph_vector_int_destroy(&memb);
	igraph_vector_int_destroy(&csize);
	bs_graph_release(&g);
	bs_store_close(s);
	return 0;
}
