/* test_leiden - bs_leiden against known partitions and against igraph's
 * Leiden on the same graphs (modularity at least as good, within noise),
 * connectivity of every community, determinism, weights, resolution,
 * edge cases and argument errors. */
#include "test.h"
#include "analysis/graph/graph.h"
#include "analysis/graph/leiden.h"

#include <math.h>

static double modularity(const igraph_t *G, const igraph_vector_t *w, const igraph_vector_int_t *m, double gamma)
{
	igraph_real_t q = 0;

	igraph_modularity(G, m, w, gamma, IGRAPH_UNDIRECTED, &q);
	return q;
}

/* every community induces a connected subgraph */
static int communities_connected(const igraph_t *G, const igraph_vector_int_t *m, igraph_integer_t k)
{
	igraph_integer_t n = igraph_vcount(G);
	int ok = 1;

	for (igraph_integer_t c = 0; c < k && ok; c++) {
		igraph_vector_int_t vs;
		igraph_t sub;
		igraph_bool_t conn = 0;
		igraph_vector_int_init(&vs, 0);
		for (igraph_integer_t v = 0; v < n; v++)
			if (VECTOR(*m)[v] == c)
				igraph_vector_int_push_back(&vs, v);
		igraph_induced_subgraph(G, &sub, igraph_vss_vector(&vs), IGRAPH_SUBGRAPH_AUTO);
		igraph_is_connected(&sub, &conn, IGRAPH_WEAK);
		ok = igraph_vcount(&sub) > 0 && conn;
		igraph_destroy(&sub);
		igraph_vector_int_destroy(&vs);
	}
	return ok;
}

/* ids 0 .. k - 1, each used */
static int ids_dense(const igraph_vector_int_t *m, igraph_integer_t k)
{
	igraph_integer_t n = igraph_vector_int_size(m), seen = 0;
	char *used = calloc((size_t)k + 1, 1);
	int ok = 1;

	for (igraph_integer_t v = 0; v < n && ok; v++) {
		igraph_integer_t c = VECTOR(*m)[v];
		if (c < 0 || c >= k) {
			ok = 0;
			break;
		}
		if (!used[c]) {
			if (c != seen)   /* numbered in order of each one's lowest vertex */
				ok = 0;
			used[c] = 1;
			seen++;
		}
	}
	free(used);
	return ok && seen == k;
}

/* r cliques of size s in a ring, neighbouring cliques joined by one edge */
static void ring_of_cliques(igraph_t *G, int r, int s)
{
	igraph_vector_int_t e;

	igraph_vector_int_init(&e, 0);
	for (int c = 0; c < r; c++) {
		for (int i = 0; i < s; i++)
			for (int j = i + 1; j < s; j++) {
				igraph_vector_int_push_back(&e, c * s + i);
				igraph_vector_int_push_back(&e, c * s + j);
			}
		igraph_vector_int_push_back(&e, c * s);
		igraph_vector_int_push_back(&e, ((c + 1) % r) * s + 1);
	}
	igraph_create(G, &e, r * s, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&e);
}

static void test_ring(void)
{
	igraph_t G;
	igraph_vector_int_t m;
	igraph_integer_t k = 0;
	bs_leiden_opts o;
	bs_error err;
	int same = 1;

	ring_of_cliques(&G, 8, 6);
	igraph_vector_int_init(&m, 0);
	bs_leiden_opts_init(&o);
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), 0);
	CHECK_INT(k, 8);
	for (int c = 0; c < 8; c++)
		for (int i = 1; i < 6; i++)
			same &= VECTOR(m)[c * 6 + i] == VECTOR(m)[c * 6];
	CHECK(same);
	CHECK(ids_dense(&m, k));
	igraph_vector_int_destroy(&m);
	igraph_destroy(&G);
}

/* Zachary's karate club: the best partition has modularity 0.4198 */
static void test_karate(void)
{
	igraph_t G;
	igraph_vector_int_t m, m2;
	igraph_integer_t k = 0, k2 = 0;
	bs_leiden_opts o;
	bs_error err;
	double best = 0;

	igraph_famous(&G, "Zachary");
	igraph_vector_int_init(&m, 0);
	igraph_vector_int_init(&m2, 0);
	bs_leiden_opts_init(&o);
	for (uint64_t seed = 1; seed <= 10; seed++) {
		double q;
		o.seed = seed;
		CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), 0);
		q = modularity(&G, NULL, &m, 1);
		CHECK(q > 0.40);
		CHECK(communities_connected(&G, &m, k));
		CHECK(ids_dense(&m, k));
		if (q > best)
			best = q;
	}
	CHECK(best > 0.4197);
	/* determinism: the same seed, the same partition */
	o.seed = 42;
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), 0);
	CHECK_INT(bs_leiden(&G, NULL, &o, &m2, &k2, &err), 0);
	CHECK_INT(k, k2);
	CHECK(igraph_vector_int_all_e(&m, &m2));
	/* a higher resolution, smaller communities */
	o.resolution = 4;
	CHECK_INT(bs_leiden(&G, NULL, &o, &m2, &k2, &err), 0);
	CHECK(k2 > k);
	CHECK(communities_connected(&G, &m2, k2));
	/* one iteration works too */
	o.resolution = 1;
	o.iterations = 1;
	CHECK_INT(bs_leiden(&G, NULL, &o, &m2, &k2, &err), 0);
	CHECK(modularity(&G, NULL, &m2, 1) > 0.38);
	igraph_vector_int_destroy(&m);
	igraph_vector_int_destroy(&m2);
	igraph_destroy(&G);
}

/* planted partitions, weighted: ours against igraph_community_leiden */
static void test_against_igraph(void)
{
	for (int trial = 0; trial < 3; trial++) {
		igraph_t G;
		igraph_matrix_t pref;
		igraph_vector_int_t sizes, m, mi;
		igraph_vector_t w, strength;
		igraph_integer_t k = 0, ki = 0, n = 2000, blocks = 40;
		igraph_real_t qi, m2 = 0;
		bs_leiden_opts o;
		bs_error err;
		double ours = 0, theirs = 0;

		igraph_rng_seed(igraph_rng_default(), 1000 + trial);
		igraph_matrix_init(&pref, blocks, blocks);
		for (igraph_integer_t i = 0; i < blocks; i++)
			for (igraph_integer_t j = 0; j < blocks; j++)
				MATRIX(pref, i, j) = i == j ? 0.25 : 0.004 * (trial + 1);
		igraph_vector_int_init(&sizes, blocks);
		igraph_vector_int_fill(&sizes, n / blocks);
		igraph_sbm_game(&G, n, &pref, &sizes, IGRAPH_UNDIRECTED, 0);
		igraph_vector_init(&w, igraph_ecount(&G));
		for (igraph_integer_t e = 0; e < igraph_ecount(&G); e++) {
			VECTOR(w)[e] = trial == 2 ? 0.5 + (double)(e % 7) / 3 : (double)(1 + e % 3);
			m2 += 2 * VECTOR(w)[e];
		}
		igraph_vector_int_init(&m, 0);
		igraph_vector_int_init(&mi, 0);
		igraph_vector_init(&strength, 0);
		igraph_strength(&G, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w);
		bs_leiden_opts_init(&o);
		for (uint64_t seed = 1; seed <= 3; seed++) {
			o.seed = seed;
			CHECK_INT(bs_leiden(&G, &w, &o, &m, &k, &err), 0);
			CHECK(communities_connected(&G, &m, k));
			ours += modularity(&G, &w, &m, 1) / 3;
			igraph_rng_seed(igraph_rng_default(), seed);
			igraph_community_leiden(&G, &w, &strength, 1.0 / m2, 0.01, 0, 2, &mi, &ki, &qi);
			theirs += modularity(&G, &w, &mi, 1) / 3;
		}
		if (getenv("VERBOSE") || !(ours >= theirs - 0.005))
			fprintf(stderr, "trial %d: modularity %.4f, igraph %.4f\n", trial, ours, theirs);
		CHECK(ours >= theirs - 0.005);
		CHECK(ours > 0.3);   /* 0.59, 0.42, 0.32 as the blocks blur */
		igraph_vector_destroy(&strength);
		igraph_vector_int_destroy(&mi);
		igraph_vector_int_destroy(&m);
		igraph_vector_destroy(&w);
		igraph_vector_int_destroy(&sizes);
		igraph_matrix_destroy(&pref);
		igraph_destroy(&G);
	}
}

/* weights decide: a 4-cycle whose heavy edges pair the vertices */
static void test_weights(void)
{
	igraph_t G;
	igraph_vector_int_t m;
	igraph_vector_t w;
	igraph_integer_t k = 0;
	bs_leiden_opts o;
	bs_error err;
	igraph_integer_t edges[] = {0, 1, 1, 2, 2, 3, 3, 0, 4, 5, 5, 6, 6, 7, 7, 4, 0, 4};
	igraph_vector_int_t ev;
	igraph_real_t wts[] = {10, 1, 10, 1, 10, 1, 10, 1, 1};

	memset(&ev, 0, sizeof ev);
	igraph_vector_int_view(&ev, edges, 18);
	igraph_create(&G, &ev, 8, IGRAPH_UNDIRECTED);
	memset(&w, 0, sizeof w);
	igraph_vector_view(&w, wts, 9);
	igraph_vector_int_init(&m, 0);
	bs_leiden_opts_init(&o);
	CHECK_INT(bs_leiden(&G, &w, &o, &m, &k, &err), 0);
	CHECK_INT(k, 4);
	CHECK(VECTOR(m)[0] == VECTOR(m)[1] && VECTOR(m)[2] == VECTOR(m)[3] && VECTOR(m)[1] != VECTOR(m)[2]);
	CHECK(VECTOR(m)[4] == VECTOR(m)[5] && VECTOR(m)[6] == VECTOR(m)[7] && VECTOR(m)[5] != VECTOR(m)[6]);
	igraph_vector_int_destroy(&m);
	igraph_destroy(&G);
}

static void test_edges(void)
{
	igraph_t G;
	igraph_vector_int_t m;
	igraph_vector_t w;
	igraph_integer_t k = -1;
	bs_leiden_opts o;
	bs_error err;
	igraph_integer_t edges[] = {0, 1, 0, 1, 1, 1, 2, 3};   /* a multi-edge, a self-loop */
	igraph_vector_int_t ev;
	igraph_real_t bad[] = {1, -1, 1, 1};

	bs_leiden_opts_init(&o);
	igraph_vector_int_init(&m, 0);
	/* no vertices */
	igraph_empty(&G, 0, IGRAPH_UNDIRECTED);
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), 0);
	CHECK_INT(k, 0);
	CHECK_INT(igraph_vector_int_size(&m), 0);
	igraph_destroy(&G);
	/* no edges: every vertex alone */
	igraph_empty(&G, 5, IGRAPH_UNDIRECTED);
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), 0);
	CHECK_INT(k, 5);
	CHECK(ids_dense(&m, k));
	igraph_destroy(&G);
	/* multi-edges add up, the self-loop is no neighbour; 4 isolated */
	memset(&ev, 0, sizeof ev);
	igraph_vector_int_view(&ev, edges, 8);
	igraph_create(&G, &ev, 5, IGRAPH_UNDIRECTED);
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), 0);
	CHECK_INT(k, 3);
	CHECK(VECTOR(m)[0] == VECTOR(m)[1] && VECTOR(m)[2] == VECTOR(m)[3] && VECTOR(m)[4] == 2);
	/* errors */
	memset(&w, 0, sizeof w);
	igraph_vector_view(&w, bad, 4);
	CHECK_INT(bs_leiden(&G, &w, &o, &m, &k, &err), BS_ERR_USAGE);
	CHECK(strstr(err.msg, "weight") != NULL);
	bad[1] = NAN;
	CHECK_INT(bs_leiden(&G, &w, &o, &m, &k, &err), BS_ERR_USAGE);
	o.resolution = 0;
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), BS_ERR_USAGE);
	o.resolution = 1;
	o.beta = 0;
	CHECK_INT(bs_leiden(&G, NULL, &o, &m, &k, &err), BS_ERR_USAGE);
	igraph_destroy(&G);
	igraph_vector_int_destroy(&m);
}

int main(void)
{
	bs_igraph_init();
	test_ring();
	test_karate();
	test_against_igraph();
	test_weights();
	test_edges();
	return test_done("test_leiden");
}
