/* graph_synth - time the graph analytics on a synthetic co-authorship graph.
 *
 * usage: graph_synth AUTHORS [SEED]
 *
 * Papers are drawn so the graph looks like a real co-authorship network:
 * authors sit in groups of 100 (labs), team sizes follow a geometric law
 * (mean ~3.5), 90% of a paper's authors come from one group and the rest
 * from anywhere, and productivity is skewed (a few authors write many
 * papers).  Prints the time of each stage and the peak RSS.
 */
#include "analysis/graph/communities.h"
#include "analysis/graph/graph.h"
#include "analysis/graph/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double unif(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

typedef struct pair { int32_t u, v; } pair;

static int cmp_pair(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	if (x->u != y->u)
		return x->u < y->u ? -1 : 1;
	return (x->v > y->v) - (x->v < y->v);
}

static long peak_rss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	long papers = n * 6 / 10, groups = n / 100 > 0 ? n / 100 : 1;
	pair *pairs = NULL;
	size_t np = 0, cap = 0;
	bs_coauthor_graph g;
	bs_metrics_opts mo;
	bs_author_metrics m;
	bs_graph_summary sum;
	bs_community_opts co;
	bs_communities c;
	bs_error err;
	igraph_vector_int_t edges;
	double t0, t;

	if (argc > 2)
		rng ^= (uint64_t)atoll(argv[2]) * 0x9E3779B97F4A7C15ULL;
	bs_igraph_init();
	t0 = now();
	memset(&g, 0, sizeof g);
	g.n = n;
	g.papers = calloc((size_t)n, sizeof *g.papers);
	g.papers_frac = calloc((size_t)n, sizeof *g.papers_frac);
	for (long p = 0; p < papers; p++) {
		int32_t team[16];
		int k = 1;
		long grp = (long)(next() % (uint64_t)groups);
		while (k < 16 && unif() < 0.7)
			k++;
		for (int i = 0; i < k; i++) {
			long a;
			if (unif() < 0.9) {
				/* skewed within the group: low ranks write more */
				double x = unif();
				a = grp * 100 + (long)(100 * x * x * x);
			} else {
				a = (long)(next() % (uint64_t)n);
			}
			if (a >= n)
				a = n - 1;
			team[i] = (int32_t)a;
			for (int j = 0; j < i; j++)
				if (team[j] == team[i]) {
					i--;
					k--;
					break;
				}
		}
		for (int i = 0; i < k; i++) {
			g.papers[team[i]] += 1;
			g.papers_frac[team[i]] += 1.0 / k;
			for (int j = i + 1; j < k; j++) {
				if (np == cap) {
					cap = cap ? 2 * cap : 1 << 20;
					pairs = realloc(pairs, cap * sizeof *pairs);
				}
				pairs[np].u = team[i] < team[j] ? team[i] : team[j];
				pairs[np].v = team[i] < team[j] ? team[j] : team[i];
				np++;
			}
		}
	}
	qsort(pairs, np, sizeof *pairs, cmp_pair);
	{
		size_t k = 0;
		double *w = malloc((np ? np : 1) * sizeof *w);
		for (size_t i = 0; i < np; i++) {
			if (k && pairs[k - 1].u == pairs[i].u && pairs[k - 1].v == pairs[i].v) {
				w[k - 1] += 1;
			} else {
				pairs[k] = pairs[i];
				w[k++] = 1;
			}
		}
		np = k;
		igraph_vector_int_init(&edges, (igraph_integer_t)(2 * np));
		for (size_t i = 0; i < np; i++) {
			VECTOR(edges)[2 * i] = pairs[i].u;
			VECTOR(edges)[2 * i + 1] = pairs[i].v;
		}
		igraph_create(&g.g, &edges, n, IGRAPH_UNDIRECTED);
		igraph_vector_int_destroy(&edges);
		igraph_vector_init(&g.weight, (igraph_integer_t)np);
		igraph_vector_init(&g.joint, (igraph_integer_t)np);
		for (size_t i = 0; i < np; i++)
			VECTOR(g.weight)[i] = VECTOR(g.joint)[i] = w[i];
		free(w);
		free(pairs);
	}
	g.have_graph = 1;
	printf("%-28s %8.2f s   %ld authors, %ld papers, %ld edges\n", "generate + build graph",
	       now() - t0, n, papers, (long)np);

	bs_metrics_opts_init(&mo);
	t = now();
	if (bs_metrics_compute(&g, &mo, &m, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("%-28s %8.2f s   betweenness/harmonic %s k=%ld\n", "author metrics", now() - t,
	       m.approximate ? "approximate" : "exact", (long)m.k);
	t = now();
	if (bs_graph_summarize(&g, &m, &mo, &sum, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("%-28s %8.2f s   giant %.1f%%, mean distance %.2f\n", "graph summary", now() - t,
	       100 * sum.giant_share, sum.mean_distance);
	bs_community_opts_init(&co);
	t = now();
	if (bs_communities_detect(&g, &co, &c, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	printf("%-28s %8.2f s   %ld communities, modularity %.3f\n", "leiden communities", now() - t,
	       (long)c.count, c.modularity);
	printf("%-28s %8.2f s   peak RSS %ld MiB\n", "total", now() - t0, peak_rss_mb());
	bs_communities_release(&c);
	bs_graph_summary_release(&sum);
	bs_metrics_release(&m);
	igraph_destroy(&g.g);
	igraph_vector_destroy(&g.weight);
	igraph_vector_destroy(&g.joint);
	free(g.papers);
	free(g.papers_frac);
	return 0;
}
