/* charts_authors.c - the charts of the co-authorship graph: degree
 * distribution, community sizes, the network of the most prolific
 * authors.  They draw the graph and community runs of bs_chart_data. */
#include "reports/charts_draw.h"
#include "analysis/graph/graph.h"
#include "analysis/graph/layout.h"
#include "base/strbuf.h"
#include "store/chartdata.h"
#include "store/runs.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 5. degree distribution, log-log */
int bs_chart_degree_distribution(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	json_t *sum = NULL, *h;
	long rows = 0;
	int rc;

	if (!o->data || !o->data->graph_run)
		return bs_chart_unprepared("degree-distribution", err);
	rc = bs_runs_summary(s, o->data->graph_run, &sum, err);
	if (rc)
		return rc;
	h = json_object_get(sum, "degree_distribution");
	bs_chart_style(gp, "Co-authorship degree distribution");
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < json_array_size(h); i++) {
		json_int_t d = json_integer_value(json_array_get(json_array_get(h, i), 0));
		json_int_t n = json_integer_value(json_array_get(json_array_get(h, i), 1));
		if (d > 0) {
			bs_gp_cmd(gp, "%lld\t%lld", (long long)d, (long long)n);
			rows++;
		}
	}
	bs_gp_cmd(gp, "EOD");
	json_decref(sum);
	if (rows == 0)
		return bs_chart_empty(gp, "no co-authorship links");
	bs_gp_cmd(gp, "set logscale xy");
	bs_gp_cmd(gp, "set xlabel 'co-authors (degree)'");
	bs_gp_cmd(gp, "set ylabel 'authors'");
	bs_gp_cmd(gp, "plot $d using 1:2 with points pt 7 ps 0.9 lc rgb '%s'", bs_chart_palette[0]);
	return BS_OK;
}

/* 6. community sizes */
int bs_chart_community_sizes(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_chartdata_count *rows;
	size_t nrows;
	json_t *sum = NULL;
	int64_t run;
	int rc;

	if (!o->data || !o->data->community_run)
		return bs_chart_unprepared("community-sizes", err);
	run = o->data->community_run;
	rc = bs_runs_summary(s, run, &sum, err);
	if (rc)
		return rc;
	bs_chart_style(gp, "Largest co-authorship communities (Leiden)");
	bs_gp_cmd(gp, "set label 1 sprintf('%%d communities, modularity %%.3f', %lld, %.6f) at graph 0.98, 0.95 right",
		  (long long)json_integer_value(json_object_get(sum, "communities")),
		  json_real_value(json_object_get(sum, "modularity")));
	json_decref(sum);
	rc = bs_chartdata_community_sizes(s, run, o->top > 0 ? o->top : 30, &rows, &nrows, err);
	if (rc)
		return rc;
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < nrows; i++)
		bs_gp_cmd(gp, "%d\t%lld", (int)rows[i].key, (long long)rows[i].n);
	free(rows);
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set boxwidth 0.8");
	bs_gp_cmd(gp, "set xlabel 'community (largest first)'");
	bs_gp_cmd(gp, "set ylabel 'authors'");
	bs_gp_cmd(gp, "set xrange [-0.7:*]");
	bs_gp_cmd(gp, "set yrange [0:*]");
	bs_gp_cmd(gp, "plot $d using 1:2:($1) with boxes lc variable");
	return BS_OK;
}

/* The network chart's graph without building the whole co-authorship
 * graph: the n most prolific authors of the selection (papers, ties by
 * author id) in author-id order, and the edges among them weighted by
 * joint papers (papers with more than the graph's max_authors authors add
 * none, as in the graph).  One aggregate over the bylines, then one indexed
 * query per shown author: milliseconds where building the graph of a
 * million authors takes seconds. */
typedef struct top_net {
	int n;
	int64_t *id;
	double *papers;
	char **name;
	long *comm;
} top_net;

static void top_net_release(top_net *t)
{
	for (int i = 0; t->name && i < t->n; i++)
		free(t->name[i]);
	free(t->id);
	free(t->papers);
	free(t->name);
	free(t->comm);
	memset(t, 0, sizeof *t);
}

/* the top n authors, their names and communities */
static int top_authors(bs_store *s, const bs_chart_opts *o, int n, top_net *t, bs_error *err)
{
	bs_chartdata_count *top;
	size_t ntop;
	int rc;

	memset(t, 0, sizeof *t);
	rc = bs_chartdata_top_authors(s, &o->filter, n, &top, &ntop, err);
	if (rc)
		return rc;
	t->id = bs_xcalloc(ntop + 1, sizeof *t->id);
	t->papers = bs_xcalloc(ntop + 1, sizeof *t->papers);
	t->name = bs_xcalloc(ntop + 1, sizeof *t->name);
	t->comm = bs_xcalloc(ntop + 1, sizeof *t->comm);
	for (size_t i = 0; i < ntop && t->n < n; i++) {
		t->id[t->n] = top[i].key;
		t->papers[t->n++] = (double)top[i].n;
	}
	free(top);
	rc = bs_chartdata_author_names(s, t->id, (size_t)t->n, t->name, err);
	if (!rc)
		rc = bs_chartdata_author_communities(s, o->data->community_run, t->id, (size_t)t->n, t->comm, err);
	if (rc)
		top_net_release(t);
	return rc;
}

/* the subgraph among t's authors, weighted by joint papers */
static int top_graph(bs_store *s, const bs_chart_opts *o, const top_net *t, igraph_t *sub, igraph_vector_t *w,
		     bs_error *err)
{
	igraph_vector_int_t edges;
	bs_graph_opts go;
	int64_t *pairs;
	double *joint;
	size_t nlinks;
	int rc;

	bs_graph_opts_init(&go);
	rc = bs_chartdata_links_among(s, &o->filter, t->id, (size_t)t->n, go.max_authors, &pairs, &joint, &nlinks,
				      err);
	if (rc)
		return rc;
	igraph_vector_int_init(&edges, 0);
	igraph_vector_init(w, 0);
	for (size_t k = 0; k < nlinks; k++) {
		igraph_vector_int_push_back(&edges, (igraph_integer_t)pairs[2 * k]);
		igraph_vector_int_push_back(&edges, (igraph_integer_t)pairs[2 * k + 1]);
		igraph_vector_push_back(w, joint[k]);
	}
	free(pairs);
	free(joint);
	if (igraph_create(sub, &edges, t->n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		igraph_vector_destroy(w);
		rc = bs_igraph_error(err, IGRAPH_FAILURE, "network chart");
	}
	igraph_vector_int_destroy(&edges);
	return rc;
}

/* labels for the most prolific (t is in author-id order: rank again) */
static void network_labels(bs_gp *gp, const top_net *t, const igraph_matrix_t *pos, int labelled)
{
	bs_strbuf q = BS_STRBUF_INIT;
	int n = t->n, *idx = bs_xmalloc((size_t)(n ? n : 1) * sizeof *idx);

	bs_strbuf_init(&q);
	for (int i = 0; i < n; i++)
		idx[i] = i;
	for (int i = 0; i < n; i++)     /* selection sort by papers, small n */
		for (int j = i + 1; j < n; j++)
			if (t->papers[idx[j]] > t->papers[idx[i]]) {
				int x = idx[i];
				idx[i] = idx[j];
				idx[j] = x;
			}
	for (int r = 0; r < n && r < labelled; r++) {
		int i = idx[r];
		bs_strbuf_reset(&q);
		bs_gp_quote(&q, t->name[i]);
		/* alternate above and below to keep neighbours' labels apart */
		bs_gp_cmd(gp, "set label %d %s at %.4f,%.4f offset 0,%s center font ',8' front", r + 1, q.buf,
			  MATRIX(*pos, i, 0), MATRIX(*pos, i, 1), r % 2 ? "-1.1" : "1.1");
	}
	free(idx);
	bs_strbuf_release(&q);
}

/* 7. co-authorship network of the most prolific authors */
int bs_chart_network(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	top_net t;
	int n = o->top > 0 ? o->top : 60, rc;
	igraph_t sub;
	igraph_matrix_t pos;
	igraph_vector_t w;

	if (!o->data || !o->data->community_run)
		return bs_chart_unprepared("network", err);
	rc = top_authors(s, o, n, &t, err);
	if (rc)
		return rc;
	rc = top_graph(s, o, &t, &sub, &w, err);
	if (rc) {
		top_net_release(&t);
		return rc;
	}
	n = t.n;
	igraph_matrix_init(&pos, 0, 0);
	bs_layout_compute(&sub, &w, o->seed, &pos);
	bs_chart_style(gp, "Co-authorship network of the most prolific authors");
	bs_gp_cmd(gp, "unset border");
	bs_gp_cmd(gp, "unset tics");
	bs_gp_cmd(gp, "unset grid");
	bs_gp_cmd(gp, "set size ratio -1");
	bs_gp_cmd(gp, "set offsets graph 0.08, graph 0.08, graph 0.05, graph 0.05");
	bs_gp_cmd(gp, "$e << EOD");
	for (igraph_integer_t e = 0; e < igraph_ecount(&sub); e++) {
		igraph_integer_t a = IGRAPH_FROM(&sub, e), b = IGRAPH_TO(&sub, e);
		bs_gp_cmd(gp, "%.4f\t%.4f\t%.4f\t%.4f", MATRIX(pos, a, 0), MATRIX(pos, a, 1),
			  MATRIX(pos, b, 0) - MATRIX(pos, a, 0), MATRIX(pos, b, 1) - MATRIX(pos, a, 1));
	}
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "$v << EOD");
	for (int i = 0; i < n; i++)
		bs_gp_cmd(gp, "%.4f\t%.4f\t%.3f\t%ld", MATRIX(pos, i, 0), MATRIX(pos, i, 1),
			  0.6 + 0.35 * sqrt(t.papers[i]), t.comm[i] % NPAL + 1);
	bs_gp_cmd(gp, "EOD");
	network_labels(gp, &t, &pos, 25);
	bs_gp_cmd(gp, "plot $e using 1:2:3:4 with vectors nohead lw 1 lc rgb '#bbbbbb', "
		      "$v using 1:2:3:4 with points pt 7 ps variable lc variable");
	igraph_matrix_destroy(&pos);
	igraph_vector_destroy(&w);
	igraph_destroy(&sub);
	top_net_release(&t);
	return BS_OK;
}
