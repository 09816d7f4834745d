#include "test.h"
#include "analysis/graph/communities.h"
#include "analysis/graph/graph.h"
#include "analysis/graph/homonyms.h"
#include "store/ingest.h"
#include "analysis/graph/metrics.h"

#include <math.h>

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (1 + fabs(a) + fabs(b));
}

static igraph_integer_t vertex_of(const bs_coauthor_graph *g, const char *name)
{
	for (igraph_integer_t v = 0; v < g->n; v++)
		if (!strcmp(g->name[v], name))
			return v;
	return -1;
}

static double edge_weight(const bs_coauthor_graph *g, const char *a, const char *b)
{
	igraph_integer_t e;
	if (igraph_get_eid(&g->g, &e, vertex_of(g, a), vertex_of(g, b), IGRAPH_UNDIRECTED, 0) != IGRAPH_SUCCESS || e < 0)
		return -1;
	return VECTOR(g->weight)[e];
}


/* Regression for the in-place pair sort and merge (bs_graph_build): a
 * random corpus of 60 authors and 3,000 papers (about 30,000 author pairs,
 * each repeated ~20 times) gives exactly the edges, joint-paper counts
 * and count/fractional weights of a naive 60x60 tally. */
#define RG_AUTHORS 60
static uint64_t rg_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rg_next(void)
{
	rg_state ^= rg_state << 13;
	rg_state ^= rg_state >> 7;
	rg_state ^= rg_state << 17;
	return rg_state;
}

static void rg_name(int a, char *out, size_t n)
{
	static const char *const first[] = {"Ann", "Bob", "Cid", "Dee", "Eve", "Fay"};
	snprintf(out, n, "%s Q%c%c", first[a % 6], 'a' + a / 6 % 26, 'a' + a / 26 % 26);
}

/* Ingest the markdown file md into a new database db; the store (to
 * close) and, in *n, the papers it added. */
static bs_store *ingest_new(const char *md, const char *db, long *n)
{
	bs_store *st = NULL;
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	const char *paths[1];

	paths[0] = md;
	memset(&io, 0, sizeof io);
	memset(&tot, 0, sizeof tot);
	CHECK_INT(bs_store_open(&st, db, 0, &err), 0);
	CHECK_INT(bs_ingest_paths(st, paths, 1, &io, &tot, &err), 0);
	*n = (long)tot.new_papers;
	return st;
}

/* dir/name.md (opened for writing, NULL when it cannot be) and dir/name.db,
 * a generated corpus and the database to ingest it into; md and db hold
 * 160 bytes. */
static FILE *new_corpus(const char *dir, const char *name, char *md, char *db)
{
	FILE *f;

	snprintf(md, 160, "%s/%s.md", dir, name);
	snprintf(db, 160, "%s/%s.db", dir, name);
	f = fopen(md, "w");
	CHECK(f != NULL);
	return f;
}

static void random_pairs_test(const char *dir)
{
	static int joint[RG_AUTHORS][RG_AUTHORS];
	static double frac[RG_AUTHORS][RG_AUTHORS];
	char md[160], db2[160], name[32];
	FILE *f;
	bs_store *s2;
	bs_error err;
	bs_graph_opts go;
	bs_coauthor_graph g;
	long pairs = 0, added = 0;
	int map[RG_AUTHORS * 2];

	f = new_corpus(dir, "random", md, db2);
	if (!f)
		return;
	for (int p = 0; p < 3000; p++) {
		int team[8], n = 2 + (int)(rg_next() % 7);
		for (int i = 0; i < n; i++) {
			int a, dup;
			do {   /* distinct authors on one paper */
				a = (int)(rg_next() % RG_AUTHORS);
				dup = 0;
				for (int j = 0; j < i; j++)
					dup |= team[j] == a;
			} while (dup);
			team[i] = a;
		}
		fprintf(f, "## [%d] Random paper number %d\n\n**Authors**: *", p, p);
		for (int i = 0; i < n; i++) {
			rg_name(team[i], name, sizeof name);
			fprintf(f, "%s%s", i ? ", " : "", name);
			for (int j = 0; j < i; j++) {
				int x = team[i] < team[j] ? team[i] : team[j], y = team[i] < team[j] ? team[j] : team[i];
				joint[x][y]++;
				frac[x][y] += 1.0 / (n - 1);
			}
		}
		fprintf(f, "*\n\n**Conference**: *nips 2021*\n\n**URL**: [https://example.org/r%d](https://example.org/r%d)\n\n"
			"**Abstract**:\n\nText.\n\n----\n\n", p, p);
	}
	fclose(f);
	s2 = ingest_new(md, db2, &added);
	CHECK_INT(added, 3000);
	for (int fractional = 0; fractional < 2; fractional++) {
		bs_graph_opts_init(&go);
		go.fractional = fractional;
		CHECK_INT(bs_graph_build(s2, &go, &g, &err), 0);
		CHECK_INT(g.n, RG_AUTHORS);
		for (igraph_integer_t v = 0; v < g.n; v++) {
			map[v] = -1;
			for (int a = 0; a < RG_AUTHORS; a++) {
				rg_name(a, name, sizeof name);
				if (!strcmp(g.name[v], name))
					map[v] = a;
			}
			CHECK(map[v] >= 0);
		}
		pairs = 0;
		for (int x = 0; x < RG_AUTHORS; x++)
			for (int y = x + 1; y < RG_AUTHORS; y++)
				pairs += joint[x][y] > 0;
		CHECK_INT(igraph_ecount(&g.g), pairs);
		for (igraph_integer_t e = 0; e < igraph_ecount(&g.g); e++) {
			int a = map[IGRAPH_FROM(&g.g, e)], b = map[IGRAPH_TO(&g.g, e)];
			int x = a < b ? a : b, y = a < b ? b : a;
			if (x < 0)
				continue;
			CHECK(near(VECTOR(g.joint)[e], joint[x][y]));
			CHECK(near(VECTOR(g.weight)[e], fractional ? frac[x][y] : joint[x][y]));
		}
		bs_graph_release(&g);
	}
	bs_store_close(s2);
}

/* bs_metrics_compute_beside runs PageRank, the eigenvector and the sampled
 * paths on a thread of its own while the caller's thread runs igraph and
 * the side job (Leiden): every metric and the communities must equal those
 * computed one after the other, in both betweenness regimes. */
typedef struct side_job {
	const bs_coauthor_graph *g;
	bs_community_opts *o;
	bs_communities *c;
	bs_error err;
} side_job;

static int side_detect(void *arg)
{
	side_job *j = arg;
	return bs_communities_detect(j->g, j->o, j->c, &j->err);
}

static int same_vec(const igraph_vector_t *a, const igraph_vector_t *b)
{
	if (igraph_vector_size(a) != igraph_vector_size(b))
		return 0;
	for (igraph_integer_t i = 0; i < igraph_vector_size(a); i++)
		if (VECTOR(*a)[i] != VECTOR(*b)[i])
			return 0;
	return 1;
}

static void beside_test(const char *dir)
{
	char md[160], db2[160];
	FILE *f;
	bs_store *s2;
	bs_error err;
	bs_graph_opts go;
	bs_coauthor_graph g;
	long added = 0;

	f = new_corpus(dir, "beside", md, db2);
	if (!f)
		return;
	for (int p = 0; p < 4000; p++) {
		/* teams within a group of 40 authors, now and then across groups */
		int n = 2 + (int)(rg_next() % 5), group = (int)(rg_next() % 50);
		fprintf(f, "## [%d] Beside paper %d\n\n**Authors**: *", p, p);
		for (int i = 0; i < n; i++) {
			int a = rg_next() % 10 ? group * 40 + (int)(rg_next() % 40) : (int)(rg_next() % 2000);
			fprintf(f, "%sAuthor B%d", i ? ", " : "", a);
		}
		fprintf(f, "*\n\n**Conference**: *nips 2021*\n\n**URL**: [https://example.org/b%d](https://example.org/b%d)\n\n"
			"**Abstract**:\n\nText.\n\n----\n\n", p, p);
	}
	fclose(f);
	s2 = ingest_new(md, db2, &added);
	CHECK_INT(added, 4000);
	bs_graph_opts_init(&go);
	CHECK_INT(bs_graph_build(s2, &go, &g, &err), 0);
	CHECK(g.n > 1500);
	for (int sampled = 0; sampled < 2; sampled++) {
		bs_metrics_opts mo;
		bs_community_opts co;
		bs_author_metrics m1, m2;
		bs_communities c1, c2;
		side_job sj;
		int side_rc = -1;

		bs_metrics_opts_init(&mo);
		if (sampled) {
			mo.exact_limit = 0;
			mo.k = 64;
		}
		bs_community_opts_init(&co);
		CHECK_INT(bs_metrics_compute(&g, &mo, &m1, &err), 0);
		CHECK_INT(bs_communities_detect(&g, &co, &c1, &err), 0);
		memset(&sj, 0, sizeof sj);
		sj.g = &g;
		sj.o = &co;
		sj.c = &c2;
		CHECK_INT(bs_metrics_compute_beside(&g, &mo, &m2, side_detect, &sj, &side_rc, &err), 0);
		CHECK_INT(side_rc, 0);
		CHECK_INT(m1.approximate, sampled);
		CHECK_INT(m2.approximate, sampled);
		CHECK(same_vec(&m1.degree, &m2.degree));
		CHECK(same_vec(&m1.strength, &m2.strength));
		CHECK(same_vec(&m1.pagerank, &m2.pagerank));
		CHECK(same_vec(&m1.eigenvector, &m2.eigenvector));
		CHECK(same_vec(&m1.betweenness, &m2.betweenness));
		CHECK(same_vec(&m1.harmonic, &m2.harmonic));
		CHECK(same_vec(&m1.clustering, &m2.clustering));
		CHECK(igraph_vector_int_all_e(&m1.coreness, &m2.coreness));
		CHECK(igraph_vector_int_all_e(&m1.component, &m2.component));
		CHECK(m1.distances.sum == m2.distances.sum && m1.distances.max == m2.distances.max);
		CHECK(c1.count > 1 && c1.count == c2.count && c1.modularity == c2.modularity);
		CHECK(igraph_vector_int_all_e(&c1.membership, &c2.membership));
		bs_communities_release(&c1);
		bs_communities_release(&c2);
		bs_metrics_release(&m1);
		bs_metrics_release(&m2);
	}
	bs_graph_release(&g);
	bs_store_close(s2);
}

/* The exact/sampled decision for betweenness depends on the components'
 * sizes only: exact while sum n_c (n_c + m_c) predicts at most the budget
 * (regression: the default sampled NeurIPS 2023, 12,910 authors, whose
 * exact pass takes about 2 s of CPU, from 256 sources: 15 of the exact
 * top 20); beyond, the sources the budget pays for, spread over the
 * large components in proportion to their sizes. */
static void plan_test(void)
{
	bs_metrics_opts o;
	bs_bc_plan p;
	igraph_integer_t kc[4];
	/* NeurIPS 2023's shape: a giant component, then small ones */
	igraph_integer_t cn1[3] = {8455, 3, 2}, cm1[3] = {37000, 3, 1};
	igraph_integer_t cn2[4] = {1000000, 300, 100, 2}, cm2[4] = {5000000, 900, 150, 1};
	igraph_integer_t cn3[3] = {3000, 1000, 50}, cm3[3] = {9000, 3000, 60};
	igraph_integer_t cn4[1] = {100000000}, cm4[1] = {1000000000};
	double per, budget;

	bs_metrics_opts_init(&o);
	CHECK_INT(o.bc_mode, BS_BC_AUTO);
	bs_betweenness_plan(cn1, cm1, 3, &o, kc, &p);
	CHECK_INT(p.exact, 1);
	CHECK_INT(p.k, 0);
	CHECK(near(p.units, 8455.0 * (8455 + 37000) + 3.0 * 6 + 2.0 * 3));
	CHECK(near(p.seconds, p.units * BS_BC_SECONDS_PER_UNIT));
	CHECK(p.seconds < 5);
	CHECK(kc[0] == 8455 && kc[1] == 3 && kc[2] == 2);
	/* the budget's edge: exact at it, sampled just below it */
	o.exact_limit = p.seconds;
	bs_betweenness_plan(cn1, cm1, 3, &o, kc, &p);
	CHECK_INT(p.exact, 1);
	o.exact_limit = p.seconds * (1 - 1e-6);
	bs_betweenness_plan(cn1, cm1, 3, &o, kc, &p);
	CHECK_INT(p.exact, 0);
	CHECK(p.k >= BS_BC_MIN_SAMPLES && p.k < 8455 && kc[0] == p.k && kc[1] == 3 && kc[2] == 2);

	/* a million-author giant: sampled from what the budget pays for */
	bs_metrics_opts_init(&o);
	bs_betweenness_plan(cn2, cm2, 4, &o, kc, &p);
	CHECK_INT(p.exact, 0);
	budget = o.exact_limit / BS_BC_SECONDS_PER_UNIT - (100.0 * 250 + 2.0 * 3);
	per = (1e6 * 6e6 + 300.0 * 1200) / 1000300.0;
	CHECK(p.k >= BS_BC_MIN_SAMPLES);
	CHECK((double)p.k * per <= budget && (double)(p.k + 1) * per > budget);
	CHECK(kc[0] == p.k && kc[1] == 300 && kc[2] == 100 && kc[3] == 2);   /* small ones exact */
	/* --exact: exact whatever it costs */
	o.bc_mode = BS_BC_EXACT;
	bs_betweenness_plan(cn2, cm2, 4, &o, kc, &p);
	CHECK_INT(p.exact, 1);
	CHECK_INT(kc[0], 1000000);
	/* --samples K: sampled even when exact is cheap */
	o.bc_mode = BS_BC_SAMPLE;
	o.k = 400;
	bs_betweenness_plan(cn3, cm3, 3, &o, kc, &p);
	CHECK_INT(p.exact, 0);
	CHECK_INT(p.k, 400);
	CHECK(kc[0] == 300 && kc[1] == 100 && kc[2] == 50);   /* in proportion: 3000 and 1000 */
	/* no component larger than K: that is exact */
	o.k = 3000;
	bs_betweenness_plan(cn3, cm3, 3, &o, kc, &p);
	CHECK_INT(p.exact, 1);
	CHECK(kc[0] == 3000 && kc[1] == 1000);
	/* far beyond the budget: the floor */
	bs_metrics_opts_init(&o);
	bs_betweenness_plan(cn4, cm4, 1, &o, NULL, &p);
	CHECK_INT(p.exact, 0);
	CHECK_INT(p.k, BS_BC_MIN_SAMPLES);
}

/* Vertices where bs_sampled_paths with every vertex as a source differs
 * from igraph's exact betweenness or harmonic centrality. */
static int paths_exact_mismatches(const igraph_t *r)
{
	igraph_integer_t n = igraph_vcount(r);
	igraph_vector_t b1, h1, b2, h2;
	igraph_vector_int_t all;
	int bad = 0;

	igraph_vector_init(&b1, 0);
	igraph_vector_init(&h1, 0);
	igraph_vector_init(&b2, 0);
	igraph_vector_init(&h2, 0);
	igraph_vector_int_init_range(&all, 0, n);
	igraph_betweenness(r, &b1, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL);
	igraph_harmonic_centrality(r, &h1, igraph_vss_all(), IGRAPH_ALL, NULL, 1);
	if (bs_sampled_paths(r, &all, &b2, &h2) != IGRAPH_SUCCESS)
		bad = (int)n + 1;
	for (igraph_integer_t i = 0; !bad && i < n; i++)
		if (!near(VECTOR(b1)[i], VECTOR(b2)[i]) || !near(VECTOR(h1)[i], VECTOR(h2)[i]))
			bad++;
	igraph_vector_destroy(&b1);
	igraph_vector_destroy(&h1);
	igraph_vector_destroy(&b2);
	igraph_vector_destroy(&h2);
	igraph_vector_int_destroy(&all);
	return bad;
}

/* The eigenvector momentum waits for a steady contraction and is then
 * switched on (regression: checked at one sweep only, a
 * contraction still drifting there, 0.93 -> 0.90 over sweeps 16-26 on 1M
 * papers + 200, kept the plain sweeps going to 159 instead of 65).  The
 * changes here shrink by rho(t), drifting by 0.003 a sweep, then steady. */
static void check_momentum_window(void)
{
	bs_ev_momentum mo;
	double e = 1, mx = 2;
	int on = 0;

	memset(&mo, 0, sizeof mo);
	for (int t = 1; t <= 60 && !on; t++) {
		double rho = t <= 26 ? 0.98 - 0.003 * t : 0.90;   /* drifts, then 0.90 */
		e *= rho;
		bs_ev_momentum_after(&mo, mx, e);
		if (mo.beta > 0)
			on = t;
	}
	/* on once the two windows of 5 sweeps agree, past the drift */
	CHECK(on >= 27 + 5 && on <= 27 + 11);
	CHECK(fabs(mo.beta - (0.90 * mx) * (0.90 * mx) / 4) < 2e-3);
	CHECK(fabs(mo.c - mo.beta / mx) < 1e-12);
	/* a contraction that never settles never gets momentum */
	memset(&mo, 0, sizeof mo);
	e = 1;
	for (int t = 1; t <= 200; t++) {
		e *= t % 2 ? 0.6 : 0.95;
		bs_ev_momentum_after(&mo, mx, e);
	}
	CHECK(mo.beta == 0);
}

int main(int argc, char **argv)
{
	char dir[64], db[128];
	const char *paths[1];
	bs_store *s;
	bs_error err;
	bs_ingest_opts io;
	bs_ingest_totals tot;
	bs_graph_opts go;
	bs_coauthor_graph g;
	bs_metrics_opts mo;
	bs_author_metrics m;
	bs_community_opts co;
	bs_communities c1, c2;
	int rc;

	if (argc < 2)
		return 77;
	bs_igraph_init();

	/* an igraph error keeps its reason through the nested IGRAPH_CHECKs it
	 * passes on the way out (regression: the outer, empty reason replaced
	 * it), and a later error does not inherit it */
	{
		igraph_t ig;
		igraph_vector_int_t res;
		igraph_error_t ie;
		igraph_empty(&ig, 3, IGRAPH_UNDIRECTED);
		igraph_vector_int_init(&res, 0);
		ie = igraph_degree(&ig, &res, igraph_vss_1(10), IGRAPH_ALL, IGRAPH_LOOPS);
		CHECK(ie != IGRAPH_SUCCESS);
		bs_igraph_error(&err, ie, "degree");
		fprintf(stderr, "nested igraph error: %s\n", err.msg);
		CHECK(strstr(err.msg, "igraph error (") == NULL);
		CHECK(strlen(err.msg) > strlen("degree: ") + strlen(igraph_strerror(ie)) + 3);
		ie = igraph_degree(&ig, &res, igraph_vss_1(-1), IGRAPH_ALL, IGRAPH_LOOPS);
		bs_igraph_error(&err, ie, "again");
		CHECK(strncmp(err.msg, "again: ", 7) == 0);
		igraph_vector_int_destroy(&res);
		igraph_destroy(&ig);
	}
	snprintf(dir, sizeof dir, "/tmp/bs_test_graph_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(db, sizeof db, "%s/g.db", dir);
	CHECK_INT(bs_store_open(&s, db, 0, &err), 0);

	/* empty database: a clear error, no abort */
	bs_graph_opts_init(&go);
	rc = bs_graph_build(s, &go, &g, &err);
	CHECK_INT(rc, BS_ERR_EMPTY);
	CHECK(strstr(err.msg, "no authors") != NULL);

	memset(&io, 0, sizeof io);
	paths[0] = argv[1];
	CHECK_INT(bs_ingest_paths(s, paths, 1, &io, &tot, &err), 0);
	CHECK_INT(tot.new_papers, 11);

	/* count weights, every paper */
	CHECK_INT(bs_graph_build(s, &go, &g, &err), 0);
	CHECK_INT(g.n, 15);
	CHECK_INT(igraph_ecount(&g.g), 12 + 10);      /* the 5-author paper adds 10 pairs */
	CHECK_INT(g.n_papers, 11);
	CHECK_INT(g.n_papers_excluded, 0);
	CHECK(near(edge_weight(&g, "Ann Able", "Bob Baker"), 2));
	CHECK(near(edge_weight(&g, "Ida Ivy", "Jon Jay"), 2));
	CHECK(edge_weight(&g, "Ann Able", "Kim Kay") < 0);
	CHECK(near(g.papers[vertex_of(&g, "Bob Baker")], 3));
	CHECK(near(g.papers_frac[vertex_of(&g, "Bob Baker")], 1.0 / 3 + 0.5 + 1.0 / 3));
	bs_graph_release(&g);
	bs_graph_release(&g);   /* safe twice */

	/* fractional weights (Newman), oversized paper left out */
	go.fractional = 1;
	go.max_authors = 4;
	CHECK_INT(bs_graph_build(s, &go, &g, &err), 0);
	CHECK_INT(igraph_ecount(&g.g), 12);
	CHECK_INT(g.n_papers_excluded, 1);
	CHECK(near(edge_weight(&g, "Ann Able", "Bob Baker"), 0.5 + 1.0));
	CHECK(near(edge_weight(&g, "Bob Baker", "Cid Carter"), 0.5 + 0.5));
	CHECK(near(g.papers[vertex_of(&g, "Lee Lam")], 1));   /* still counted */

	/* metrics: hand-checked values */
	bs_metrics_opts_init(&mo);
	CHECK_INT(bs_metrics_compute(&g, &mo, &m, &err), 0);
	CHECK_INT(m.approximate, 0);
	{
		igraph_integer_t ann = vertex_of(&g, "Ann Able"), kim = vertex_of(&g, "Kim Kay");
		igraph_integer_t dee = vertex_of(&g, "Dee Dunn"), ida = vertex_of(&g, "Ida Ivy");
		CHECK(near(VECTOR(m.degree)[ann], 2));
		CHECK(near(VECTOR(m.strength)[ann], 1.5 + 0.5));
		CHECK(near(VECTOR(m.degree)[kim], 0));
		CHECK(near(VECTOR(m.harmonic)[kim], 0));
		/* the chain A-B-C-D-E-F-G-H: Dee bridges the two groups */
		CHECK(VECTOR(m.betweenness)[dee] > VECTOR(m.betweenness)[ann]);
		CHECK_INT(VECTOR(m.component)[vertex_of(&g, "Hal Hill")], 0);  /* the largest */
		CHECK(VECTOR(m.component)[ida] != 0);
		CHECK(near(VECTOR(m.clustering)[ann], 1));   /* Bob and Cid co-author */
	}
	bs_metrics_release(&m);
	bs_metrics_release(&m);

	/* the sampled Brandes pass with every vertex as a source is exact: on
	 * a sparse random graph, on a ring longer than the pass's first level
	 * table (300 levels; regression test for the level-table growth) and
	 * on chained cliques (many shortest paths, many same-level edges) */
	{
		igraph_t r;
		igraph_rng_seed(igraph_rng_default(), 7);
		igraph_erdos_renyi_game_gnm(&r, 400, 900, IGRAPH_UNDIRECTED, 0);
		CHECK_INT(paths_exact_mismatches(&r), 0);
		igraph_destroy(&r);
		igraph_ring(&r, 600, IGRAPH_UNDIRECTED, 0, 1);
		CHECK_INT(paths_exact_mismatches(&r), 0);
		igraph_destroy(&r);
		{
			igraph_vector_int_t e;
			igraph_vector_int_init(&e, 0);
			for (int k = 0; k < 12; k++)           /* 12 cliques of 6, chained */
				for (int i = 0; i < 6; i++) {
					for (int j = i + 1; j < 6; j++) {
						igraph_vector_int_push_back(&e, 6 * k + i);
						igraph_vector_int_push_back(&e, 6 * k + j);
					}
					if (k + 1 < 12 && i < 3) {
						igraph_vector_int_push_back(&e, 6 * k + i);
						igraph_vector_int_push_back(&e, 6 * (k + 1) + i);
					}
				}
			igraph_create(&r, &e, 72, IGRAPH_UNDIRECTED);
			CHECK_INT(paths_exact_mismatches(&r), 0);
			igraph_destroy(&r);
			igraph_vector_int_destroy(&e);
		}
	}

	/* local clustering and coreness: igraph's, on random graphs sparse
	 * and dense, a star, a preferential-attachment graph and a graph
	 * without edges */
	{
		igraph_t r;
		igraph_vector_t mine, ref;
		igraph_vector_int_t cm, cr;   /* coreness: ours, igraph's */
		igraph_vector_init(&mine, 0);
		igraph_vector_init(&ref, 0);
		igraph_vector_int_init(&cm, 0);
		igraph_vector_int_init(&cr, 0);
		for (int t = 0; t < 5; t++) {
			igraph_rng_seed(igraph_rng_default(), 11 + t);
			if (t == 0)
				igraph_erdos_renyi_game_gnm(&r, 400, 900, IGRAPH_UNDIRECTED, 0);
			else if (t == 1)
				igraph_erdos_renyi_game_gnm(&r, 60, 1200, IGRAPH_UNDIRECTED, 0);
			else if (t == 2)
				igraph_star(&r, 50, IGRAPH_STAR_UNDIRECTED, 0);
			else if (t == 3)
				igraph_barabasi_game(&r, 500, 1, 4, NULL, 1, 1, IGRAPH_UNDIRECTED, IGRAPH_BARABASI_PSUMTREE,
						     NULL);
			else
				igraph_empty(&r, 10, IGRAPH_UNDIRECTED);
			CHECK_INT(bs_clustering_coreness(&r, &mine, &cm), 0);
			igraph_transitivity_local_undirected(&r, &ref, igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO);
			CHECK(same_vec(&mine, &ref));
			igraph_coreness(&r, &cr, IGRAPH_ALL);
			CHECK(igraph_vector_int_all_e(&cm, &cr));
			igraph_destroy(&r);
		}
		igraph_vector_destroy(&mine);
		igraph_vector_destroy(&ref);
		igraph_vector_int_destroy(&cm);
		igraph_vector_int_destroy(&cr);
	}

	/* communities: the same seed gives the same partition */
	bs_community_opts_init(&co);
	for (int a = 0; a < 3; a++) {
		co.algo = (bs_comm_algo)a;
		CHECK_INT(bs_communities_detect(&g, &co, &c1, &err), 0);
		CHECK_INT(bs_communities_detect(&g, &co, &c2, &err), 0);
		CHECK(igraph_vector_int_all_e(&c1.membership, &c2.membership));
		CHECK(c1.count >= 3);   /* at least: the chain, the pair, Kim */
		CHECK(VECTOR(c1.membership)[vertex_of(&g, "Ida Ivy")] ==
		      VECTOR(c1.membership)[vertex_of(&g, "Jon Jay")]);
		CHECK(VECTOR(c1.membership)[vertex_of(&g, "Ida Ivy")] !=
		      VECTOR(c1.membership)[vertex_of(&g, "Ann Able")]);
		CHECK(c1.modularity > 0.3);
		bs_communities_release(&c1);
		bs_communities_release(&c2);
	}
	CHECK_INT(bs_comm_algo_parse("leiden"), BS_COMM_LEIDEN);
	CHECK_INT(bs_comm_algo_parse("x"), -1);
	bs_graph_release(&g);

	/* homonym hint: Ann's co-authors split into two groups that never meet */
	{
		bs_homonym_opts ho;
		bs_table t;
		go.max_authors = 50;
		CHECK_INT(bs_graph_build(s, &go, &g, &err), 0);
		bs_homonym_opts_init(&ho);
		ho.min_degree = 3;
		ho.min_part = 2;
		CHECK_INT(bs_homonym_hints(&g, &ho, &t, &err), 0);
		CHECK(t.nrows >= 1);
		if (t.nrows) {
			CHECK_STR(bs_table_get(&t, 0, 1), "Ann Able");
			CHECK_STR(bs_table_get(&t, 0, 4), "2");
		}
		bs_table_release(&t);
		bs_graph_release(&g);
	}
	bs_store_close(s);
	random_pairs_test(dir);
	beside_test(dir);
	check_momentum_window();
	plan_test();
	return test_done("graph");
}
