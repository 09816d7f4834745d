#include "analysis/results.h"
#include "base/strbuf.h"
#include "store/graphdata.h"
#include "store/runs.h"
#include "text/venue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const bs_graph_metric_names[BS_GRAPH_METRIC_COUNT + 1] = {BS_GRAPH_METRIC_NAMES, NULL};

int bs_graph_metric_index(const char *name)
{
	for (int i = 0; name && i < BS_GRAPH_METRIC_COUNT; i++)
		if (!strcmp(name, bs_graph_metric_names[i]))
			return i;
	return -1;
}

int bs_results_data_version(bs_store *s, int64_t *v, bs_error *err)
{
	return bs_store_data_version(s, v, err);
}

/* The venue by its key, as the filter matches it: "CVPR" and "cvpr" select
 * the same papers and share their runs (the typed text made two runs, and
 * one that was not UTF-8 made a run without the key). */
static json_t *graph_params(const bs_graph_opts *g)
{
	json_t *o = json_object();
	bs_strbuf vkey = BS_STRBUF_INIT;

	bs_strbuf_init(&vkey);
	if (g->filter.venue)
		bs_venue_key(g->filter.venue, strlen(g->filter.venue), &vkey);
	json_object_set_new(o, "weight", json_string(g->fractional ? "fractional" : "count"));
	json_object_set_new(o, "max_authors", json_integer(g->max_authors));
	json_object_set_new(o, "venue", g->filter.venue ? json_stringn(vkey.buf, vkey.len) : json_null());
	bs_strbuf_release(&vkey);
	json_object_set_new(o, "year_from", g->filter.year_from ? json_integer(g->filter.year_from) : json_null());
	json_object_set_new(o, "year_to", g->filter.year_to ? json_integer(g->filter.year_to) : json_null());
	return o;
}

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	return s ? s : bs_xstrdup("{}");
}

char *bs_results_graph_params(const bs_graph_opts *g, const bs_metrics_opts *m)
{
	json_t *o = graph_params(g);

	json_object_set_new(o, "betweenness", json_string(m->bc_mode == BS_BC_EXACT ? "exact" :
							  m->bc_mode == BS_BC_SAMPLE ? "sample" : "auto"));
	json_object_set_new(o, "exact_limit", json_real(m->exact_limit));
	json_object_set_new(o, "k", json_integer(m->k));
	json_object_set_new(o, "seed", json_integer((json_int_t)m->seed));
	return dump(o);
}

char *bs_results_community_params(const bs_graph_opts *g, const bs_community_opts *c)
{
	json_t *o = graph_params(g);

	json_object_set_new(o, "algorithm", json_string(bs_comm_algo_name(c->algo)));
	json_object_set_new(o, "resolution", json_real(c->resolution));
	json_object_set_new(o, "seed", json_integer((json_int_t)c->seed));
	json_object_set_new(o, "iterations", json_integer(c->iterations));
	if (c->algo == BS_COMM_LEIDEN)   /* runs of igraph's Leiden (before bs_leiden) are not current */
		json_object_set_new(o, "implementation", json_string("bs_leiden"));
	return dump(o);
}

int bs_results_find(bs_store *s, const char *kind, const char *params, int64_t *run_id,
		    bs_error *err)
{
	return bs_runs_find(s, kind, params, run_id, err);
}

int bs_results_graph_sampling(bs_store *s, int64_t run_id, int *sampled, long *k, bs_error *err)
{
	json_t *j = NULL;
	const char *b;
	int rc;

	*sampled = 0;
	*k = 0;
	rc = bs_runs_summary(s, run_id, &j, err);
	b = j ? json_string_value(json_object_get(j, "betweenness")) : NULL;
	if (b && !strcmp(b, "sampled")) {
		*sampled = 1;
		*k = (long)json_integer_value(json_object_get(j, "betweenness_k"));
	}
	json_decref(j);
	return rc;
}

json_t *bs_results_graph_summary_json(const bs_coauthor_graph *g, const bs_author_metrics *m,
				      const bs_graph_summary *sum)
{
	json_t *o = json_object(), *hist = json_array();

	json_object_set_new(o, "vertices", json_integer(sum->vertices));
	json_object_set_new(o, "edges", json_integer(sum->edges));
	json_object_set_new(o, "papers", json_integer(g->n_papers));
	json_object_set_new(o, "papers_excluded", json_integer(g->n_papers_excluded));
	json_object_set_new(o, "max_authors", json_integer(g->opts.max_authors));
	json_object_set_new(o, "components", json_integer(sum->components));
	json_object_set_new(o, "isolated", json_integer(sum->isolated));
	json_object_set_new(o, "giant_component", json_integer(sum->giant));
	json_object_set_new(o, "giant_share", json_real(sum->giant_share));
	json_object_set_new(o, "density", json_real(sum->density));
	json_object_set_new(o, "mean_degree", json_real(sum->mean_degree));
	json_object_set_new(o, "transitivity", json_real(sum->transitivity));
	json_object_set_new(o, "mean_distance", json_real(sum->mean_distance));
	json_object_set_new(o, "diameter", json_real(sum->diameter));
	json_object_set_new(o, "distance_sampled", json_boolean(sum->distance_sampled));
	json_object_set_new(o, "distance_sources", json_integer(sum->distance_sources));
	json_object_set_new(o, "betweenness", json_string(m->approximate ? "sampled" : "exact"));
	json_object_set_new(o, "betweenness_k", json_integer(m->approximate ? m->k : 0));
	json_object_set_new(o, "betweenness_exact_cpu_seconds", json_real(round(m->bc_seconds * 100) / 100));
	for (igraph_integer_t d = 0; d < igraph_vector_int_size(&sum->degree_hist); d++) {
		json_t *row;
		if (!VECTOR(sum->degree_hist)[d])
			continue;
		row = json_array();
		json_array_append_new(row, json_integer(d));
		json_array_append_new(row, json_integer(VECTOR(sum->degree_hist)[d]));
		json_array_append_new(hist, row);
	}
	json_object_set_new(o, "degree_distribution", hist);
	return o;
}

typedef struct metric_rows {
	const bs_coauthor_graph *g;
	const bs_author_metrics *m;
} metric_rows;

static void fill_metric_row(void *ctx, size_t row, bs_run_value *col)
{
	const metric_rows *r = ctx;
	const bs_author_metrics *m = r->m;
	igraph_integer_t v = (igraph_integer_t)row;

	bs_run_int(&col[0], r->g->author_id[v]);
	bs_run_int(&col[1], (int64_t)r->g->papers[v]);
	bs_run_real(&col[2], r->g->papers_frac[v]);
	bs_run_int(&col[3], (int64_t)VECTOR(m->degree)[v]);
	bs_run_real(&col[4], VECTOR(m->strength)[v]);
	bs_run_real(&col[5], VECTOR(m->pagerank)[v]);
	bs_run_real(&col[6], VECTOR(m->betweenness)[v]);
	bs_run_real(&col[7], VECTOR(m->harmonic)[v]);
	bs_run_real(&col[8], VECTOR(m->eigenvector)[v]);
	bs_run_int(&col[9], VECTOR(m->coreness)[v]);
	bs_run_int(&col[10], VECTOR(m->component)[v]);
	bs_run_real(&col[11], VECTOR(m->clustering)[v]);
}

int bs_results_save_graph(bs_store *s, const char *params, int64_t version, const bs_coauthor_graph *g,
			  const bs_author_metrics *m, const bs_graph_summary *sum,
			  int64_t *run_id, bs_error *err)
{
	char *summary = dump(bs_results_graph_summary_json(g, m, sum));
	metric_rows rows = {g, m};
	int rc;

	rc = bs_runs_begin(s, "graph", params, version, summary, 0, run_id, err);
	free(summary);
	if (rc)
		return rc;
	rc = bs_runs_insert(s, BS_RUN_AUTHOR_METRICS, *run_id, (size_t)g->n, fill_metric_row, &rows, err);
	return bs_runs_end(s, *run_id, NULL, rc, err);
}

typedef struct member { igraph_integer_t v; double papers; } member;

static int cmp_member(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->papers != y->papers)
		return x->papers > y->papers ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* Counting state of community_papers: vert maps an author id to its
 * vertex (or -1), last holds the last paper each community counted. */
typedef struct paper_count {
	const bs_communities *c;
	const int32_t *vert;
	int64_t maxid, *last;
	long long *papers;
} paper_count;

static int count_paper(void *ud, int64_t p, int64_t a)
{
	paper_count *pc = ud;
	igraph_integer_t k;

	if (a < 0 || a > pc->maxid || pc->vert[a] < 0)
		return 0;
	k = VECTOR(pc->c->membership)[pc->vert[a]];
	if (pc->last[k] != p) {
		pc->last[k] = p;
		pc->papers[k]++;
	}
	return 0;
}

/* Per community, the distinct papers with at least one member (any paper
 * of a member author, as stored, also those left out of the graph): one
 * pass over authorship, a paper counted once per community by remembering
 * the last paper each community counted.  O(authorships). */
static int community_papers(bs_store *s, const bs_coauthor_graph *g, const bs_communities *c,
			    long long *papers, bs_error *err)
{
	int64_t maxid = 0, *last;
	int32_t *vert;
	int rc;

	for (igraph_integer_t v = 0; v < g->n; v++)
		if (g->author_id[v] > maxid)
			maxid = g->author_id[v];
	vert = bs_xmalloc(((size_t)maxid + 1) * sizeof *vert);
	for (int64_t a = 0; a <= maxid; a++)
		vert[a] = -1;
	for (igraph_integer_t v = 0; v < g->n; v++)
		vert[g->author_id[v]] = (int32_t)v;
	last = bs_xmalloc(((size_t)c->count + 1) * sizeof *last);
	for (igraph_integer_t k = 0; k <= c->count; k++)
		last[k] = -1;
	{
		paper_count pc = {c, vert, maxid, last, papers};
		rc = bs_graphdata_authorships(s, count_paper, &pc, err);
	}
	free(vert);
	free(last);
	return rc;
}

/* What a communities run stores beside the membership: per community its
 * size, internal edges and papers, and the members grouped by community,
 * most prolific first (community k's from start[k]). */
typedef struct comm_stats {
	igraph_integer_t count;
	long long *size, *internal, *start, *papers;
	member *mem;
} comm_stats;

static void comm_stats_release(comm_stats *cs)
{
	free(cs->size);
	free(cs->internal);
	free(cs->start);
	free(cs->papers);
	free(cs->mem);
	memset(cs, 0, sizeof *cs);
}

static int comm_stats_compute(bs_store *s, const bs_coauthor_graph *g, const bs_communities *c, comm_stats *cs,
			      bs_error *err)
{
	igraph_integer_t nc = c->count;
	long long *fill;

	cs->count = nc;
	cs->size = bs_xcalloc((size_t)nc + 1, sizeof *cs->size);
	cs->internal = bs_xcalloc((size_t)nc + 1, sizeof *cs->internal);
	cs->start = bs_xcalloc((size_t)nc + 2, sizeof *cs->start);
	cs->papers = bs_xcalloc((size_t)nc + 1, sizeof *cs->papers);
	cs->mem = bs_xcalloc((size_t)g->n + 1, sizeof *cs->mem);
	for (igraph_integer_t v = 0; v < g->n; v++)
		cs->size[VECTOR(c->membership)[v]]++;
	for (igraph_integer_t e = 0; e < igraph_ecount(&g->g); e++) {
		igraph_integer_t a = VECTOR(c->membership)[IGRAPH_FROM(&g->g, e)];
		if (a == VECTOR(c->membership)[IGRAPH_TO(&g->g, e)])
			cs->internal[a]++;
	}
	for (igraph_integer_t k = 0; k < nc; k++)
		cs->start[k + 1] = cs->start[k] + cs->size[k];
	fill = bs_xcalloc((size_t)nc + 1, sizeof *fill);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		igraph_integer_t k = VECTOR(c->membership)[v];
		cs->mem[cs->start[k] + fill[k]].v = v;
		cs->mem[cs->start[k] + fill[k]].papers = g->papers[v];
		fill[k]++;
	}
	free(fill);
	for (igraph_integer_t k = 0; k < nc; k++)
		qsort(cs->mem + cs->start[k], (size_t)cs->size[k], sizeof *cs->mem, cmp_member);
	return community_papers(s, g, c, cs->papers, err);
}

typedef struct member_rows {
	const bs_coauthor_graph *g;
	const bs_communities *c;
} member_rows;

static void fill_member_row(void *ctx, size_t row, bs_run_value *col)
{
	const member_rows *r = ctx;
	igraph_integer_t v = (igraph_integer_t)row;

	bs_run_int(&col[0], r->g->author_id[v]);
	bs_run_int(&col[1], VECTOR(r->c->membership)[v]);
}

typedef struct summary_rows {
	const bs_coauthor_graph *g;
	const comm_stats *cs;
	char *toptxt;   /* the last row's top_authors */
} summary_rows;

/* community k's row; its five most prolific members as a JSON array */
static void fill_summary_row(void *ctx, size_t row, bs_run_value *col)
{
	summary_rows *r = ctx;
	const comm_stats *cs = r->cs;
	igraph_integer_t k = (igraph_integer_t)row;
	long long size = cs->size[k];
	json_t *top = json_array();

	for (long long i = 0; i < size && i < 5; i++)
		json_array_append_new(top, json_string(r->g->name[cs->mem[cs->start[k] + i].v]));
	free(r->toptxt);
	r->toptxt = dump(top);
	bs_run_int(&col[0], k);
	bs_run_int(&col[1], size);
	bs_run_int(&col[2], cs->internal[k]);
	bs_run_real(&col[3], size > 1 ? 2.0 * (double)cs->internal[k] / ((double)size * (double)(size - 1)) : 0);
	bs_run_int(&col[4], cs->papers[k]);
	bs_run_text(&col[5], r->toptxt);
}

int bs_results_save_communities(bs_store *s, const char *params, int64_t version,
				const bs_coauthor_graph *g, const bs_communities *c, int64_t *run_id,
				bs_error *err)
{
	comm_stats cs;
	member_rows mrows = {g, c};
	summary_rows srows = {g, &cs, NULL};
	json_t *summary;
	char *sumtxt;
	int rc;

	memset(&cs, 0, sizeof cs);
	rc = comm_stats_compute(s, g, c, &cs, err);
	if (rc)
		goto done;
	summary = json_object();
	json_object_set_new(summary, "communities", json_integer(c->count));
	json_object_set_new(summary, "modularity", json_real(c->modularity));
	sumtxt = dump(summary);
	rc = bs_runs_begin(s, "communities", params, version, sumtxt, 0, run_id, err);
	free(sumtxt);
	if (rc)
		goto done;
	rc = bs_runs_insert(s, BS_RUN_COMMUNITIES, *run_id, (size_t)g->n, fill_member_row, &mrows, err);
	if (!rc)
		rc = bs_runs_insert(s, BS_RUN_COMMUNITY_SUMMARY, *run_id, (size_t)c->count, fill_summary_row,
				    &srows, err);
	rc = bs_runs_end(s, *run_id, NULL, rc, err);
done:
	free(srows.toptxt);
	comm_stats_release(&cs);
	return rc;
}
