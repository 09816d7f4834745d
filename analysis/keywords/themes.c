#include "analysis/keywords/themes.h"
#include "base/clock.h"
#include "analysis/keywords/topics.h"
#include "analysis/graph/communities.h"
#include "analysis/graph/graph.h"
#include "base/hashmap.h"
#include "analysis/results.h"
#include "base/strbuf.h"
#include "store/keywords.h"
#include "store/runs.h"
#include "text/venue.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void bs_theme_opts_init(bs_theme_opts *o)
{
	o->n_terms = 250;
	o->min_cooc = 3;
	o->max_share = 0.2;
	o->resolution = 1;
	o->seed = BS_DEFAULT_SEED;
	o->top_terms = 6;
	o->words = 0;
	memset(&o->filter, 0, sizeof o->filter);
}

typedef struct theme { int id; long nterms; double papers, centrality, density; const char *quad; } theme;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(const double *v, size_t n)
{
	double *c, m;

	if (!n)
		return 0;
	c = bs_xmalloc(n * sizeof *c);
	memcpy(c, v, n * sizeof *c);
	qsort(c, n, sizeof *c, cmp_double);
	m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
	free(c);
	return m;
}

/* One thematic map in the making: the terms (vertices), their
 * co-occurrences, the clustering and the themes. */
typedef struct theme_map {
	const bs_theme_opts *o;
	double N;                   /* papers selected */
	int64_t version;            /* stored with the run */
	int n;                      /* terms */
	int64_t *tid;               /* vertex -> term id */
	char **name;
	double *df;
	bs_hashmap index;           /* term id -> vertex */
	double *cooc;               /* n x n upper triangle */
	bs_coauthor_graph g;        /* reused as a weighted graph holder */
	bs_communities com;
	theme *th;
	int64_t *seen;              /* per theme: the last paper counted */
	int64_t row;                /* papers read */
	bs_term_count *tc;          /* scratch: one decoded term list */
	size_t tccap;
} theme_map;

/* The version of the keyword tables read (their terms run), else the
 * snapshot's (already in m->version), and the papers selected. */
static int read_sizes(bs_store *s, theme_map *m, bs_error *err)
{
	int found;
	int rc = bs_runs_kind_version(s, "terms", &m->version, &found, err);

	if (!rc)
		rc = bs_keywords_count_papers(s, &m->o->filter, &m->N, err);
	return rc;
}

static int add_term(void *ud, const bs_keywords_term *t)
{
	theme_map *m = ud;

	if (m->n >= m->o->n_terms)
		return 0;
	m->tid[m->n] = t->id;
	m->name[m->n] = bs_xstrdup(t->display);
	m->df[m->n] = (double)t->papers;
	bs_hashmap_put(&m->index, (const char *)&m->tid[m->n], sizeof m->tid[m->n], m->n);
	m->n++;
	return 0;
}

/* 1. the terms, by their papers in the selection */
static int read_terms(bs_store *s, theme_map *m, bs_error *err)
{
	const bs_theme_opts *o = m->o;
	int rc;

	m->tid = bs_xcalloc((size_t)o->n_terms + 1, sizeof *m->tid);
	m->name = bs_xcalloc((size_t)o->n_terms + 1, sizeof *m->name);
	m->df = bs_xcalloc((size_t)o->n_terms + 1, sizeof *m->df);
	rc = bs_keywords_theme_candidates(s, &o->filter, o->max_share * m->N, o->n_terms, o->words, add_term, m, err);
	if (!rc && m->n < 4)
		rc = bs_error_set(err, BS_ERR_EMPTY, "too few terms for a thematic map (%d; ingest more papers)", m->n);
	return rc;
}

static int count_pairs(void *ud, const char *text, size_t len)
{
	theme_map *m = ud;
	size_t n = (size_t)m->n;
	long nl = bs_term_list_decode(text, len, &m->tc, &m->tccap);
	int32_t cur[1024];
	int k = 0;

	for (long x = 0; x < nl; x++) {
		int64_t t = m->tc[x].term, *v = bs_hashmap_get(&m->index, (const char *)&t, sizeof t);
		if (v && k < 1024)
			cur[k++] = (int32_t)*v;
	}
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++) {
			int a = cur[i] < cur[j] ? cur[i] : cur[j], b = cur[i] < cur[j] ? cur[j] : cur[i];
			m->cooc[(size_t)a * n + (size_t)b] += 1;
		}
	return 0;
}

/* 3. the network, weighted by association strength, clustered */
static int cluster(theme_map *m, bs_error *err)
{
	const bs_theme_opts *o = m->o;
	bs_coauthor_graph *g = &m->g;
	bs_community_opts co;
	igraph_vector_int_t edges;
	int n = m->n;

	igraph_vector_int_init(&edges, 0);
	for (int a = 0; a < n; a++)
		for (int b = a + 1; b < n; b++) {
			double c = m->cooc[(size_t)a * (size_t)n + (size_t)b];
			if (c < (double)o->min_cooc)
				continue;
			igraph_vector_int_push_back(&edges, a);
			igraph_vector_int_push_back(&edges, b);
			igraph_vector_push_back(&g->weight, m->N * c / (m->df[a] * m->df[b]));
			igraph_vector_push_back(&g->joint, c);
		}
	g->n = n;
	if (igraph_create(&g->g, &edges, n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&edges);
		return bs_igraph_error(err, IGRAPH_FAILURE, "themes");
	}
	g->have_graph = 1;
	igraph_vector_int_destroy(&edges);
	bs_community_opts_init(&co);
	co.resolution = o->resolution;
	co.seed = o->seed;
	return bs_communities_detect(g, &co, &m->com, err);
}

/* 4. Callon centrality and density per theme (sums, scaled in quadrants) */
static void callon(theme_map *m)
{
	int n = m->n;

	m->th = bs_xcalloc((size_t)m->com.count + 1, sizeof *m->th);
	for (int a = 0; a < n; a++) {
		int ka = (int)VECTOR(m->com.membership)[a];
		m->th[ka].id = ka;
		m->th[ka].nterms++;
		for (int b = a + 1; b < n; b++) {
			double c = m->cooc[(size_t)a * (size_t)n + (size_t)b];
			double e;
			int kb = (int)VECTOR(m->com.membership)[b];
			if (c < (double)m->o->min_cooc)
				continue;
			e = c * c / (m->df[a] * m->df[b]);
			if (ka == kb) {
				m->th[ka].density += e;
			} else {
				m->th[ka].centrality += e;
				m->th[kb].centrality += e;
			}
		}
	}
}

/* Each theme's papers: the papers with at least one of its terms, each
 * once (a sum of the terms' papers counted a paper once per term: 85,401
 * "papers" in a corpus of 23,467).  A second pass over the term lists,
 * in the snapshot the first one read. */
static int count_theme_papers(void *ud, const char *text, size_t len)
{
	theme_map *m = ud;
	long nl = bs_term_list_decode(text, len, &m->tc, &m->tccap);

	m->row++;
	for (long x = 0; x < nl; x++) {
		int64_t t = m->tc[x].term, *v = bs_hashmap_get(&m->index, (const char *)&t, sizeof t);
		igraph_integer_t k;
		if (!v)
			continue;
		k = VECTOR(m->com.membership)[*v];
		if (m->seen[k] != m->row) {
			m->seen[k] = m->row;
			m->th[k].papers += 1;
		}
	}
	return 0;
}

/* Every read of the map, in one snapshot: sizes, terms, co-occurrences,
 * clusters, Callon measures and the themes' papers. */
static int read_map(bs_store *s, theme_map *m, bs_error *err)
{
	int rc = bs_store_read_begin(s, &m->version, err);

	if (!rc)
		rc = read_sizes(s, m, err);
	if (!rc)
		rc = read_terms(s, m, err);
	if (rc)
		goto done;
	/* 2. co-occurrence counts, one pass over the papers' term lists */
	m->cooc = bs_xcalloc((size_t)m->n * (size_t)m->n, sizeof *m->cooc);
	rc = bs_keywords_term_lists(s, &m->o->filter, count_pairs, m, err);
	if (!rc)
		rc = cluster(m, err);
	if (rc)
		goto done;
	callon(m);
	m->seen = bs_xcalloc((size_t)m->com.count + 1, sizeof *m->seen);
	rc = bs_keywords_term_lists(s, &m->o->filter, count_theme_papers, m, err);
done:
	bs_store_read_end(s);
	return rc;
}

/* Scale the Callon sums and place each theme against the medians. */
static void quadrants(theme_map *m)
{
	igraph_integer_t nk = m->com.count;
	double *cv = bs_xcalloc((size_t)nk + 1, sizeof *cv);
	double *dv = bs_xcalloc((size_t)nk + 1, sizeof *dv);
	double mc, md;

	for (igraph_integer_t k = 0; k < nk; k++) {
		theme *t = &m->th[k];
		t->centrality *= 10;
		t->density = t->nterms ? 100 * t->density / (double)t->nterms : 0;
		cv[k] = t->centrality;
		dv[k] = t->density;
	}
	mc = median(cv, (size_t)nk);
	md = median(dv, (size_t)nk);
	for (igraph_integer_t k = 0; k < nk; k++)
		m->th[k].quad = m->th[k].centrality >= mc ? (m->th[k].density >= md ? "motor" : "basic")
							   : (m->th[k].density >= md ? "niche" : "emerging or declining");
	free(cv);
	free(dv);
}

/* A theme's top terms into top.  Terms are in decreasing frequency: the
 * first members are the top, none shown inside another ("support vector
 * machines", not "support vector" and "vector machines" beside it). */
static void top_terms(const theme_map *m, igraph_integer_t k, bs_strbuf *top)
{
	const char **mem = bs_xmalloc((size_t)(m->n + 1) * sizeof *mem);
	double *mdf = bs_xmalloc((size_t)(m->n + 1) * sizeof *mdf);
	const char **pick = bs_xcalloc((size_t)m->o->top_terms + 1, sizeof *pick);
	size_t nm = 0;
	int shown;

	for (int a = 0; a < m->n; a++)
		if (VECTOR(m->com.membership)[a] == k) {
			mdf[nm] = m->df[a];
			mem[nm++] = m->name[a];
		}
	shown = bs_topics_pick_distinct(mem, mdf, nm, m->o->top_terms, pick);
	for (int j = 0; j < shown; j++)
		bs_strbuf_addf(top, "%s%s", j ? ", " : "", pick[j]);
	free(pick);
	free(mem);
	free(mdf);
}

/* The run's parameters and summary as canonical JSON (free both). */
static void run_json(const theme_map *m, char **params, char **summary)
{
	const bs_theme_opts *o = m->o;
	json_t *p = json_object(), *sum = json_object();

	json_object_set_new(p, "n_terms", json_integer(o->n_terms));
	json_object_set_new(p, "min_cooc", json_integer(o->min_cooc));
	json_object_set_new(p, "max_share", json_real(o->max_share));
	json_object_set_new(p, "resolution", json_real(o->resolution));
	json_object_set_new(p, "seed", json_integer((json_int_t)o->seed));
	json_object_set_new(p, "words", json_boolean(o->words));
	/* keywords only: the parameters of a map of words stay as they were */
	if (o->source)
		json_object_set_new(p, "terms_from", json_string(bs_terms_source_name((bs_terms_source)o->source)));
	if (bs_filter_active(&o->filter)) {
		bs_strbuf vkey = BS_STRBUF_INIT;
		bs_strbuf_init(&vkey);
		if (o->filter.venue)
			bs_venue_key(o->filter.venue, strlen(o->filter.venue), &vkey);
		json_object_set_new(p, "venue", o->filter.venue ? json_string(vkey.buf) : json_null());
		json_object_set_new(p, "year_from", o->filter.year_from ? json_integer(o->filter.year_from) : json_null());
		json_object_set_new(p, "year_to", o->filter.year_to ? json_integer(o->filter.year_to) : json_null());
		bs_strbuf_release(&vkey);
	}
	json_object_set_new(sum, "themes", json_integer(m->com.count));
	json_object_set_new(sum, "terms", json_integer(m->n));
	json_object_set_new(sum, "modularity", json_real(m->com.modularity));
	*params = json_dumps(p, JSON_SORT_KEYS | JSON_COMPACT);
	*summary = json_dumps(sum, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(p);
	json_decref(sum);
}

/* One theme_summary row. */
typedef struct theme_row {
	int64_t theme, terms;
	double papers, centrality, density;
	const char *quadrant;
	const char *top_terms;
} theme_row;

/* What the run's rows are filled from. */
typedef struct theme_rows {
	const theme_map *m;
	const theme_row *rows;
} theme_rows;

static void fill_term_row(void *ctx, size_t a, bs_run_value *col)
{
	const theme_rows *r = ctx;

	bs_run_int(&col[0], r->m->tid[a]);
	bs_run_int(&col[1], (int)VECTOR(r->m->com.membership)[a]);
}

static void fill_theme_row(void *ctx, size_t k, bs_run_value *col)
{
	const theme_row *t = &((const theme_rows *)ctx)->rows[k];

	bs_run_int(&col[0], t->theme);
	bs_run_int(&col[1], t->terms);
	bs_run_real(&col[2], t->papers);
	bs_run_real(&col[3], t->centrality);
	bs_run_real(&col[4], t->density);
	bs_run_text(&col[5], t->quadrant);
	bs_run_text(&col[6], t->top_terms);
}

/* 5. store the run, every term's theme and every theme's row, in one
 * transaction under the writer lock (store/runs.h): all of them or none.
 * One themes run is kept, whatever its parameters. */
static int save_map(bs_store *s, const theme_map *m, const theme_row *rows, bs_error *err)
{
	theme_rows r = {m, rows};
	char *params, *summary;
	int64_t run = 0;
	int rc;

	run_json(m, &params, &summary);
	rc = bs_runs_begin(s, "themes", params, m->version, summary, BS_RUNS_REPLACE_KIND, &run, err);
	if (rc)
		goto done;
	rc = bs_runs_insert(s, BS_RUN_THEME_TERMS, run, (size_t)m->n, fill_term_row, &r, err);
	if (!rc)
		rc = bs_runs_insert(s, BS_RUN_THEME_SUMMARY, run, (size_t)m->com.count, fill_theme_row, &r, err);
	rc = bs_runs_end(s, run, NULL, rc, err);
done:
	free(params);
	free(summary);
	return rc;
}

/* The themes' rows for the store and for out. */
static int list_themes(bs_store *s, const theme_map *m, bs_table *out, bs_error *err)
{
	igraph_integer_t nk = m->com.count;
	theme_row *rows = bs_xcalloc((size_t)nk + 1, sizeof *rows);
	bs_strbuf *top = bs_xcalloc((size_t)nk + 1, sizeof *top);
	int rc;

	for (igraph_integer_t k = 0; k < nk; k++) {
		const theme *t = &m->th[k];
		size_t row;
		bs_strbuf_init(&top[k]);
		top_terms(m, k, &top[k]);
		rows[k].theme = k;
		rows[k].terms = t->nterms;
		rows[k].papers = t->papers;
		rows[k].centrality = t->centrality;
		rows[k].density = t->density;
		rows[k].quadrant = t->quad;
		rows[k].top_terms = top[k].buf;
		row = bs_table_add_row(out);
		bs_table_set_int(out, row, 0, k);
		bs_table_set_int(out, row, 1, t->nterms);
		bs_table_set_int(out, row, 2, (long long)t->papers);
		bs_table_set_real(out, row, 3, t->centrality, 3);
		bs_table_set_real(out, row, 4, t->density, 3);
		bs_table_set_text(out, row, 5, t->quad);
		bs_table_set_text(out, row, 6, top[k].buf);
	}
	rc = save_map(s, m, rows, err);
	for (igraph_integer_t k = 0; k < nk; k++)
		bs_strbuf_release(&top[k]);
	free(top);
	free(rows);
	return rc;
}

static void map_release(theme_map *m)
{
	for (int i = 0; i < m->n; i++)
		free(m->name[i]);
	free(m->name);
	free(m->tid);
	free(m->df);
	free(m->cooc);
	free(m->th);
	free(m->seen);
	free(m->tc);
	bs_hashmap_release(&m->index);
	bs_communities_release(&m->com);
	if (m->g.have_graph) {
		igraph_destroy(&m->g.g);
		m->g.have_graph = 0;
	}
	igraph_vector_destroy(&m->g.weight);
	igraph_vector_destroy(&m->g.joint);
	memset(m, 0, sizeof *m);
}

int bs_themes_build(bs_store *s, const bs_theme_opts *o, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"theme", "terms", "papers", "centrality", "density", "quadrant",
					   "top terms"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL, BS_COL_REAL,
					    BS_COL_TEXT, BS_COL_TEXT};
	theme_map m;
	int rc;

	memset(&m, 0, sizeof m);
	m.o = o;
	bs_hashmap_init(&m.index);
	igraph_vector_init(&m.g.weight, 0);
	igraph_vector_init(&m.g.joint, 0);
	bs_table_init(out, 7, cols, types);
	bs_igraph_init();
	rc = read_map(s, &m, err);
	if (!rc) {
		quadrants(&m);
		rc = list_themes(s, &m, out, err);
	}
	map_release(&m);
	if (rc)   /* nothing for the caller to release */
		bs_table_release(out);
	return rc;
}
