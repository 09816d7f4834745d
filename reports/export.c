#include "reports/export.h"
#include "reports/export_impl.h"
#include "reports/charts.h"
#include "analysis/analyze.h"
#include "analysis/results.h"
#include "base/strbuf.h"
#include "base/table.h"
#include "base/outfile.h"
#include "reports/xmltext.h"
#include "base/utf8.h"
#include "text/venue.h"
#include "analysis/graph/layout.h"
#include "store/vertexdata.h"

#include <jansson.h>
#include <math.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int bs_export_format_parse(const char *s)
{
	if (!strcmp(s, "graphml")) return BS_EXPORT_GRAPHML;
	if (!strcmp(s, "gexf")) return BS_EXPORT_GEXF;
	if (!strcmp(s, "pajek")) return BS_EXPORT_PAJEK;
	if (!strcmp(s, "csv")) return BS_EXPORT_CSV;
	if (!strcmp(s, "vosviewer")) return BS_EXPORT_VOSVIEWER;
	return -1;
}

/* per-vertex attributes loaded from the stored runs */
typedef struct attrs {
	double *pagerank, *betweenness, *harmonic, *eigenvector, *clustering, *strength;
	long *degree, *coreness, *component, *community;
} attrs;

static const char *const num_names[] = {
	BS_GRAPH_METRIC_NAMES, "component", "clustering", "community"
};

static double attr_num(const attrs *a, int k, igraph_integer_t v)
{
	switch (k) {
	case 0: return (double)a->degree[v];
	case 1: return a->strength[v];
	case 2: return a->pagerank[v];
	case 3: return a->betweenness[v];
	case 4: return a->harmonic[v];
	case 5: return a->eigenvector[v];
	case 6: return (double)a->coreness[v];
	case 7: return (double)a->component[v];
	case 8: return a->clustering[v];
	default: return (double)a->community[v];
	}
}

static int attr_is_int(int k)
{
	return k == 0 || k == 6 || k == 7 || k == 9;
}

#define NUM_ATTRS 10

static void attrs_release(attrs *a)
{
	free(a->pagerank); free(a->betweenness); free(a->harmonic); free(a->eigenvector);
	free(a->clustering); free(a->strength); free(a->degree); free(a->coreness);
	free(a->component); free(a->community);
	memset(a, 0, sizeof *a);
}

/* where load_attrs puts what the store gives */
typedef struct attrs_load {
	const bs_coauthor_graph *g;
	attrs *a;
} attrs_load;

static int put_metrics(void *ud, const bs_vertexdata_metrics *m)
{
	const attrs_load *l = ud;
	igraph_integer_t v = bs_graph_vertex(l->g, m->author_id);
	attrs *a = l->a;

	if (v < 0)
		return 0;
	a->degree[v] = m->degree;
	a->strength[v] = m->strength;
	a->pagerank[v] = m->pagerank;
	a->betweenness[v] = m->betweenness;
	a->harmonic[v] = m->harmonic;
	a->eigenvector[v] = m->eigenvector;
	a->coreness[v] = m->coreness;
	a->component[v] = m->component;
	a->clustering[v] = m->clustering;
	return 0;
}

static int put_community(void *ud, int64_t author_id, long community)
{
	const attrs_load *l = ud;
	igraph_integer_t v = bs_graph_vertex(l->g, author_id);

	if (v >= 0)
		l->a->community[v] = community;
	return 0;
}

/* the metrics of graph run mrun and the communities of run crun, by vertex */
static int load_attrs(bs_store *s, const bs_coauthor_graph *g, int64_t mrun, int64_t crun, attrs *a,
		      bs_error *err)
{
	attrs_load l = {g, a};
	size_t n = (size_t)g->n;
	int rc;

	a->pagerank = bs_xcalloc(n, sizeof(double));
	a->betweenness = bs_xcalloc(n, sizeof(double));
	a->harmonic = bs_xcalloc(n, sizeof(double));
	a->eigenvector = bs_xcalloc(n, sizeof(double));
	a->clustering = bs_xcalloc(n, sizeof(double));
	a->strength = bs_xcalloc(n, sizeof(double));
	a->degree = bs_xcalloc(n, sizeof(long));
	a->coreness = bs_xcalloc(n, sizeof(long));
	a->component = bs_xcalloc(n, sizeof(long));
	a->community = bs_xcalloc(n, sizeof(long));
	rc = bs_vertexdata_metrics_each(s, mrun, put_metrics, &l, err);
	if (!rc)
		rc = bs_vertexdata_communities_each(s, crun, put_community, &l, err);
	return rc;
}

/* The kept edges: those whose two ends are selected, in edge order.
 * for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) ... */
typedef struct kept_edge {
	igraph_integer_t e, u, w;   /* edge id, its ends */
} kept_edge;
#define KEPT_EDGES {-1, 0, 0}

static int kept_edge_next(const bs_coauthor_graph *g, const char *keep, kept_edge *k)
{
	igraph_integer_t m = igraph_ecount(&g->g);

	while (++k->e < m) {
		k->u = IGRAPH_FROM(&g->g, k->e);
		k->w = IGRAPH_TO(&g->g, k->e);
		if (keep[k->u] && keep[k->w])
			return 1;
	}
	return 0;
}

typedef struct cand { igraph_integer_t v; double papers; const char *name; } cand;

static int cmp_cand(const void *x, const void *y)
{
	const cand *a = x, *b = y;
	if (a->papers != b->papers)
		return a->papers > b->papers ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* keep[v] = 1 for the selected vertices; returns how many. */
static long select_vertices(const bs_coauthor_graph *g, const attrs *a, const bs_export_opts *o,
			    char *keep)
{
	igraph_integer_t n = g->n;
	long count = 0;

	memset(keep, 1, (size_t)n);
	if (o->ego) {
		igraph_integer_t ego = bs_graph_vertex(g, o->ego);
		igraph_vector_int_t order, layers;
		memset(keep, 0, (size_t)n);
		if (ego >= 0) {
			igraph_vector_int_init(&order, 0);
			igraph_vector_int_init(&layers, 0);
			if (igraph_bfs_simple(&g->g, ego, IGRAPH_ALL, &order, &layers, NULL) == IGRAPH_SUCCESS) {
				igraph_integer_t nl = igraph_vector_int_size(&layers) - 1;
				igraph_integer_t upto = o->depth < nl ? VECTOR(layers)[o->depth + 1] :
					igraph_vector_int_size(&order);
				for (igraph_integer_t i = 0; i < upto; i++)
					keep[VECTOR(order)[i]] = 1;
			}
			igraph_vector_int_destroy(&order);
			igraph_vector_int_destroy(&layers);
		}
	}
	for (igraph_integer_t v = 0; v < n; v++) {
		if (!keep[v])
			continue;
		if (o->min_papers && g->papers[v] < (double)o->min_papers)
			keep[v] = 0;
		else if (o->community >= 0 && a->community[v] != o->community)
			keep[v] = 0;
		if (keep[v])
			count++;
	}
	if (o->top > 0 && count > o->top) {
		cand *c = bs_xmalloc((size_t)count * sizeof *c);
		long k = 0;
		for (igraph_integer_t v = 0; v < n; v++)
			if (keep[v]) {
				c[k].v = v;
				c[k].papers = g->papers[v];
				c[k].name = g->name[v];
				k++;
			}
		qsort(c, (size_t)count, sizeof *c, cmp_cand);
		for (long i = o->top; i < count; i++)
			keep[c[i].v] = 0;
		free(c);
		count = o->top;
	}
	return count;
}

/* the charts' colour of a community (charts.h) as red, green, blue */
static void community_rgb(long community, int rgb[3])
{
	const char *hex = bs_chart_palette[(community < 0 ? 0 : (size_t)community) % BS_CHART_COLOURS];
	long v = strtol(hex + 1, NULL, 16);

	rgb[0] = (int)(v >> 16 & 0xff);
	rgb[1] = (int)(v >> 8 & 0xff);
	rgb[2] = (int)(v & 0xff);
}

/* node size in Gephi's units: 10 for one paper, growing with the square
 * root of the papers as the report's network chart does */
static double viz_size(double papers)
{
	return 4.0 + 6.0 * sqrt(papers > 0 ? papers : 0);
}

/* what an export writes beside the stored attributes */
typedef struct extras {
	igraph_matrix_t pos;    /* by new id: layout scaled into [-1, 1] */
	int have_pos;
	double *year;           /* by vertex: mean publication year, NAN if none */
	long *cluster;          /* by vertex: VOSviewer cluster 1..k */
} extras;

/* GEXF 1.2draft: the namespace networkx 2.8 reads (it knows 1.1draft and
 * 1.2draft only; "No <graph> element" on 1.3) and Gephi opens; the viz
 * elements in the viz namespace, as the normative RELAX NG grammar has them */
static void write_gexf(FILE *f, const bs_coauthor_graph *g, const attrs *a, const char *keep,
		       const igraph_integer_t *newid, const extras *x)
{
	igraph_integer_t id = 0;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\""
	      " version=\"1.2\">\n"
	      "  <meta><creator>bibscope</creator><description>co-authorship network</description></meta>\n"
	      "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
	      "    <attributes class=\"node\">\n"
	      "      <attribute id=\"papers\" title=\"papers\" type=\"integer\"/>\n"
	      "      <attribute id=\"fractional\" title=\"fractional papers\" type=\"double\"/>\n", f);
	for (int k = 0; k < NUM_ATTRS; k++)
		fprintf(f, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n", num_names[k], num_names[k],
			attr_is_int(k) ? "integer" : "double");
	fputs("    </attributes>\n"
	      "    <attributes class=\"edge\">\n"
	      "      <attribute id=\"joint_papers\" title=\"joint papers\" type=\"integer\"/>\n"
	      "    </attributes>\n"
	      "    <nodes>\n", f);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		int rgb[3];
		if (!keep[v])
			continue;
		fprintf(f, "      <node id=\"%lld\" label=\"", (long long)newid[v]);
		bs_xml_fputs(f, g->name[v]);
		fprintf(f, "\">\n        <attvalues>\n"
			   "          <attvalue for=\"papers\" value=\"%.0f\"/>\n"
			   "          <attvalue for=\"fractional\" value=\"%.6g\"/>\n",
			g->papers[v], g->papers_frac[v]);
		for (int k = 0; k < NUM_ATTRS; k++)
			fprintf(f, attr_is_int(k) ? "          <attvalue for=\"%s\" value=\"%.0f\"/>\n"
						  : "          <attvalue for=\"%s\" value=\"%.8g\"/>\n",
				num_names[k], attr_num(a, k, v));
		community_rgb(a->community[v], rgb);
		fprintf(f, "        </attvalues>\n"
			   "        <viz:color r=\"%d\" g=\"%d\" b=\"%d\"/>\n"
			   "        <viz:size value=\"%.4g\"/>\n",
			rgb[0], rgb[1], rgb[2], viz_size(g->papers[v]));
		if (x->have_pos)
			fprintf(f, "        <viz:position x=\"%.3f\" y=\"%.3f\" z=\"0\"/>\n",
				1000.0 * MATRIX(x->pos, newid[v], 0), 1000.0 * MATRIX(x->pos, newid[v], 1));
		fputs("      </node>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t u = k.u, w = k.w, e = k.e;
		fprintf(f, "      <edge id=\"%lld\" source=\"%lld\" target=\"%lld\" weight=\"%.8g\">"
			   "<attvalues><attvalue for=\"joint_papers\" value=\"%.0f\"/></attvalues></edge>\n",
			(long long)id++, (long long)newid[u], (long long)newid[w], VECTOR(g->weight)[e],
			VECTOR(g->joint)[e]);
	}
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

/* GraphML written here rather than by igraph, whose writer types every
 * number "double": counts are "int" so that networkx (and igraph through
 * networkx) read them as integers */
static void write_graphml(FILE *f, const bs_coauthor_graph *g, const attrs *a, const char *keep,
			  const igraph_integer_t *newid)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
	      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
	      " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
	      " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	      "  <key id=\"papers\" for=\"node\" attr.name=\"papers\" attr.type=\"int\"/>\n"
	      "  <key id=\"fractional\" for=\"node\" attr.name=\"fractional\" attr.type=\"double\"/>\n", f);
	for (int k = 0; k < NUM_ATTRS; k++)
		fprintf(f, "  <key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", num_names[k],
			num_names[k], attr_is_int(k) ? "int" : "double");
	fputs("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
	      "  <key id=\"joint_papers\" for=\"edge\" attr.name=\"joint_papers\" attr.type=\"int\"/>\n"
	      "  <graph id=\"G\" edgedefault=\"undirected\">\n", f);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		if (!keep[v])
			continue;
		fprintf(f, "    <node id=\"n%lld\">\n      <data key=\"name\">", (long long)newid[v]);
		bs_xml_fputs(f, g->name[v]);
		fputs("</data>\n      <data key=\"label\">", f);
		bs_xml_fputs(f, g->name[v]);
		fprintf(f, "</data>\n      <data key=\"papers\">%.0f</data>\n"
			   "      <data key=\"fractional\">%.15g</data>\n", g->papers[v], g->papers_frac[v]);
		for (int k = 0; k < NUM_ATTRS; k++)
			fprintf(f, attr_is_int(k) ? "      <data key=\"%s\">%.0f</data>\n"
						  : "      <data key=\"%s\">%.15g</data>\n",
				num_names[k], attr_num(a, k, v));
		fputs("    </node>\n", f);
	}
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t u = k.u, w = k.w, e = k.e;
		fprintf(f, "    <edge source=\"n%lld\" target=\"n%lld\">\n"
			   "      <data key=\"weight\">%.15g</data>\n"
			   "      <data key=\"joint_papers\">%.0f</data>\n    </edge>\n",
			(long long)newid[u], (long long)newid[w], VECTOR(g->weight)[e], VECTOR(g->joint)[e]);
	}
	fputs("  </graph>\n</graphml>\n", f);
}

/* A Pajek label: the format has no escape inside "...", and igraph's
 * reader (python-igraph's Read_Pajek) stops at the first '"' of a name
 * (its writer's \" is no escape to it): a double quote becomes an
 * apostrophe, TAB, LF and CR a space (one vertex a line), and what XML
 * cannot carry U+FFFD as in the other exports. */
static void pajek_label(FILE *f, const char *s, bs_strbuf *tmp)
{
	bs_strbuf_reset(tmp);
	bs_xml_clean(tmp, s);
	fputc('"', f);
	for (const char *p = tmp->buf; *p; p++)
		fputc(*p == '"' ? '\'' : *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
	fputc('"', f);
}

static void write_pajek(FILE *f, const bs_coauthor_graph *g, const char *keep, const igraph_integer_t *newid,
			long nv)
{
	bs_strbuf tmp = BS_STRBUF_INIT;

	bs_strbuf_init(&tmp);
	fprintf(f, "*Vertices %ld\n", nv);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		if (!keep[v])
			continue;
		fprintf(f, "%lld ", (long long)newid[v] + 1);
		pajek_label(f, g->name[v], &tmp);
		fputc('\n', f);
	}
	fputs("*Edges\n", f);
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t u = k.u, w = k.w, e = k.e;
		fprintf(f, "%lld %lld %.15g\n", (long long)newid[u] + 1, (long long)newid[w] + 1,
			VECTOR(g->weight)[e]);
	}
	bs_strbuf_release(&tmp);
}

static void write_csv(FILE *edges, FILE *nodes, const bs_coauthor_graph *g, const attrs *a,
		      const char *keep, const igraph_integer_t *newid)
{
	fputs("id,name,papers,fractional", nodes);
	for (int k = 0; k < NUM_ATTRS; k++)
		fprintf(nodes, ",%s", num_names[k]);
	fputc('\n', nodes);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		if (!keep[v])
			continue;
		fprintf(nodes, "%lld,", (long long)newid[v]);
		bs_csv_field(nodes, g->name[v], 1);
		fprintf(nodes, ",%.0f,%.6g", g->papers[v], g->papers_frac[v]);
		for (int k = 0; k < NUM_ATTRS; k++)
			fprintf(nodes, attr_is_int(k) ? ",%.0f" : ",%.8g", attr_num(a, k, v));
		fputc('\n', nodes);
	}
	fputs("source,target,source_name,target_name,weight,joint_papers\n", edges);
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t x = k.u, y = k.w, e = k.e;
		fprintf(edges, "%lld,%lld,", (long long)newid[x], (long long)newid[y]);
		bs_csv_field(edges, g->name[x], 1);
		fputc(',', edges);
		bs_csv_field(edges, g->name[y], 1);
		fprintf(edges, ",%.8g,%.0f\n", VECTOR(g->weight)[e], VECTOR(g->joint)[e]);
	}
}

/* VOSviewer map file: id, label, cluster, weight<...>, score<...> columns
 * (tab-separated, header row); network file: id1 id2 strength, no header.
 * score<Avg. pub. year> first: the overlay visualization's default. */
static void write_vos(FILE *map, FILE *net, const bs_coauthor_graph *g, const attrs *a,
		      const char *keep, const igraph_integer_t *newid, const extras *x)
{
	fputs("id\tlabel\tcluster\tweight<Documents>\tweight<Links>\tweight<Total link strength>"
	      "\tscore<Avg. pub. year>\tscore<Fractional documents>\n", map);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		if (!keep[v])
			continue;
		fprintf(map, "%lld\t", (long long)newid[v] + 1);
		bs_tsv_field(map, g->name[v], 1);   /* as every TSV: table.h */
		fprintf(map, "\t%ld\t%.0f\t%ld\t%.6g\t", x->cluster[v], g->papers[v], a->degree[v], a->strength[v]);
		if (!isnan(x->year[v]))
			fprintf(map, "%.2f", x->year[v]);
		fprintf(map, "\t%.6g\n", g->papers_frac[v]);
	}
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t u = k.u, w = k.w, e = k.e;
		fprintf(net, "%lld\t%lld\t%.6g\n", (long long)newid[u] + 1, (long long)newid[w] + 1,
			VECTOR(g->weight)[e]);
	}
}

/* one JSON value, compact, onto the stream; the reference is stolen */
static int json_put(FILE *f, json_t *j)
{
	int rc = j ? json_dumpf(j, f, JSON_COMPACT | JSON_REAL_PRECISION(10)) : -1;
	json_decref(j);
	return rc;
}

/* The VOSviewer Online JSON file: {"config": ..., "network": {"items":
 * [...], "links": [...]}}, the same ids, clusters, weights and scores as the
 * map file, with the layout's coordinates.  Written item by item (no
 * document in memory); jansson builds and escapes each. */
static int write_vos_json(FILE *f, const bs_coauthor_graph *g, const attrs *a, const char *keep,
			  const igraph_integer_t *newid, const extras *x)
{
	bs_strbuf tmp = BS_STRBUF_INIT;
	int rc = 0, first = 1;

	bs_strbuf_init(&tmp);
	fputs("{\"config\":", f);
	rc |= json_put(f, json_pack("{s:{s:s,s:s,s:s,s:s,s:s}}", "terminology", "item", "author", "items",
				    "authors", "link", "co-authorship link", "links", "co-authorship links",
				    "link_strength", "joint papers"));
	fputs(",\n\"network\":{\"items\":[\n", f);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		json_t *item, *scores;
		const char *label = g->name[v];
		if (!keep[v])
			continue;
		if (bs_utf8_needs_repair(label, strlen(label))) {
			bs_strbuf_reset(&tmp);
			bs_utf8_repair(label, strlen(label), &tmp);
			label = tmp.buf;
		}
		scores = json_pack("{s:f}", "Fractional documents", g->papers_frac[v]);
		if (scores && !isnan(x->year[v]))
			json_object_set_new(scores, "Avg. pub. year", json_real(round(x->year[v] * 100) / 100));
		item = json_pack("{s:I,s:s,s:I,s:{s:I,s:I,s:f},s:o}", "id", (json_int_t)newid[v] + 1,
				 "label", label, "cluster", (json_int_t)x->cluster[v], "weights",
				 "Documents", (json_int_t)g->papers[v], "Links", (json_int_t)a->degree[v],
				 "Total link strength", a->strength[v], "scores", scores);
		if (item && x->have_pos) {
			json_object_set_new(item, "x", json_real(round(MATRIX(x->pos, newid[v], 0) * 1e6) / 1e6));
			json_object_set_new(item, "y", json_real(round(MATRIX(x->pos, newid[v], 1) * 1e6) / 1e6));
		}
		fputs(first ? "" : ",\n", f);
		first = 0;
		rc |= json_put(f, item);
	}
	fputs("\n],\"links\":[\n", f);
	first = 1;
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t u = k.u, w = k.w, e = k.e;
		fputs(first ? "" : ",\n", f);
		first = 0;
		rc |= json_put(f, json_pack("{s:I,s:I,s:f}", "source_id", (json_int_t)newid[u] + 1, "target_id",
					    (json_int_t)newid[w] + 1, "strength", VECTOR(g->weight)[e]));
	}
	fputs("\n]}}\n", f);
	bs_strbuf_release(&tmp);
	return rc ? -1 : 0;
}

/* The layout of the selected subgraph (layout.h, seed 42 as the report's
 * chart), centred and scaled into [-1, 1]. */
static igraph_error_t compute_layout(const bs_coauthor_graph *g, const char *keep, const igraph_integer_t *newid,
				     long nv, extras *x)
{
	igraph_t sub;
	igraph_vector_int_t edges;
	igraph_vector_t w;
	double lo[2], hi[2], half = 0;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, 0);
	IGRAPH_VECTOR_INIT_FINALLY(&w, 0);
	for (kept_edge k = KEPT_EDGES; kept_edge_next(g, keep, &k);) {
		igraph_integer_t u = k.u, v = k.w, e = k.e;
		IGRAPH_CHECK(igraph_vector_int_push_back(&edges, newid[u]));
		IGRAPH_CHECK(igraph_vector_int_push_back(&edges, newid[v]));
		IGRAPH_CHECK(igraph_vector_push_back(&w, VECTOR(g->weight)[e]));
	}
	IGRAPH_CHECK(igraph_create(&sub, &edges, nv, IGRAPH_UNDIRECTED));
	IGRAPH_FINALLY(igraph_destroy, &sub);
	IGRAPH_CHECK(bs_layout_compute(&sub, &w, 42, &x->pos));
	igraph_destroy(&sub);
	igraph_vector_destroy(&w);
	igraph_vector_int_destroy(&edges);
	IGRAPH_FINALLY_CLEAN(3);
	for (int c = 0; c < 2; c++) {
		lo[c] = hi[c] = nv ? MATRIX(x->pos, 0, c) : 0;
		for (igraph_integer_t i = 1; i < nv; i++) {
			double z = MATRIX(x->pos, i, c);
			lo[c] = z < lo[c] ? z : lo[c];
			hi[c] = z > hi[c] ? z : hi[c];
		}
		if ((hi[c] - lo[c]) / 2 > half)
			half = (hi[c] - lo[c]) / 2;
	}
	for (igraph_integer_t i = 0; i < nv; i++)
		for (int c = 0; c < 2; c++)
			MATRIX(x->pos, i, c) = half > 0 ? (MATRIX(x->pos, i, c) - (lo[c] + hi[c]) / 2) / half : 0;
	x->have_pos = 1;
	return IGRAPH_SUCCESS;
}

/* Each author's mean publication year over the papers the graph counts
 * (same venue and year filter); NAN when none of them has a year. */
typedef struct years_load {
	const bs_coauthor_graph *g;
	double *year;
} years_load;

static int put_year(void *ud, int64_t author_id, double year)
{
	const years_load *l = ud;
	igraph_integer_t v = bs_graph_vertex(l->g, author_id);

	if (v >= 0)
		l->year[v] = year;
	return 0;
}

/* Each author's mean publication year over the papers the graph counts
 * (same venue and year filter); NAN when none of them has a year. */
static int load_years(bs_store *s, const bs_graph_opts *go, const bs_coauthor_graph *g, double *year,
		      bs_error *err)
{
	years_load l = {g, year};

	for (igraph_integer_t v = 0; v < g->n; v++)
		year[v] = NAN;
	return bs_vertexdata_mean_years_each(s, &go->filter, put_year, &l, err);
}

typedef struct comm_size { long id, n; } comm_size;

static int cmp_comm_size(const void *x, const void *y)
{
	const comm_size *a = x, *b = y;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* VOSviewer clusters: the communities present among the selected authors,
 * numbered 1..k by size (largest first, ties by community number), so a
 * filter leaves no gaps.  VOSviewer takes at most 1,000 clusters: beyond
 * that the smallest communities share cluster 1,000, and stats says how
 * many and whom. */
static void assign_clusters(const bs_coauthor_graph *g, const attrs *a, const char *keep, long *cluster,
			    bs_export_stats *st)
{
	long maxc = 0, k = 0, *rank;
	comm_size *cs;

	for (igraph_integer_t v = 0; v < g->n; v++)
		if (keep[v] && a->community[v] > maxc)
			maxc = a->community[v];
	cs = bs_xcalloc((size_t)maxc + 1, sizeof *cs);
	rank = bs_xcalloc((size_t)maxc + 1, sizeof *rank);
	for (long c = 0; c <= maxc; c++)
		cs[c].id = c;
	for (igraph_integer_t v = 0; v < g->n; v++)
		if (keep[v])
			cs[a->community[v] < 0 ? 0 : a->community[v]].n++;
	qsort(cs, (size_t)maxc + 1, sizeof *cs, cmp_comm_size);
	while (k <= maxc && cs[k].n > 0)
		k++;
	for (long i = 0; i < k; i++) {
		rank[cs[i].id] = i < BS_VOS_MAX_CLUSTERS ? i + 1 : BS_VOS_MAX_CLUSTERS;
		if (k > BS_VOS_MAX_CLUSTERS && i >= BS_VOS_MAX_CLUSTERS - 1) {
			st->folded_communities++;
			st->folded_authors += cs[i].n;
		}
	}
	st->clusters = k < BS_VOS_MAX_CLUSTERS ? k : BS_VOS_MAX_CLUSTERS;
	for (igraph_integer_t v = 0; v < g->n; v++)
		cluster[v] = keep[v] ? rank[a->community[v] < 0 ? 0 : a->community[v]] : 0;
	free(cs);
	free(rank);
}

/* "dir/name.ext" + "-nodes" -> "dir/name-nodes.ext" */
void bs_export_sibling(char *out, size_t cap, const char *path, const char *suffix, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');

	if (!dot || (slash && dot < slash))
		snprintf(out, cap, "%s%s%s", path, suffix, ext);
	else
		snprintf(out, cap, "%.*s%s%s", (int)(dot - path), path, suffix, dot);
}

/* "dir/name.ext" -> "dir/name.json" ("dir/name-vosviewer.json" when path
 * is that already) */
void bs_export_json_sibling(char *out, size_t cap, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	int n = (int)(!dot || (slash && dot < slash) ? strlen(path) : (size_t)(dot - path));

	snprintf(out, cap, "%.*s.json", n, path);
	if (!strcmp(out, path))
		snprintf(out, cap, "%.*s-vosviewer.json", n, path);
}

/* The graph of go and its stored attributes: the default graph run's
 * metrics and community run's communities, made when missing. */
static int export_load(bs_store *s, const bs_graph_opts *go, bs_coauthor_graph *g, attrs *a, bs_error *err)
{
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analysis_info info;
	int64_t mrun = 0, crun = 0;
	int rc;

	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	rc = bs_analyze_graph(s, go, &mo, 0, &mrun, &info, err);
	if (!rc)
		rc = bs_analyze_communities(s, go, &co, 0, &crun, &info, err);
	if (!rc)
		rc = bs_graph_build(s, go, g, err);
	if (!rc)
		rc = load_attrs(s, g, mrun, crun, a, err);
	return rc;
}

/* What the format writes beside the attributes: the layout (GEXF,
 * VOSviewer), the mean years and clusters (VOSviewer). */
static int export_extras(bs_store *s, const bs_graph_opts *go, const bs_export_opts *o, const bs_coauthor_graph *g,
			 const attrs *a, const char *keep, const igraph_integer_t *newid, long nv, extras *x,
			 bs_export_stats *stats, bs_error *err)
{
	int rc;

	if (o->format == BS_EXPORT_GEXF || o->format == BS_EXPORT_VOSVIEWER) {
		igraph_error_t ie = compute_layout(g, keep, newid, nv, x);
		if (ie != IGRAPH_SUCCESS)
			return bs_igraph_error(err, ie, "network layout");
	}
	if (o->format != BS_EXPORT_VOSVIEWER)
		return BS_OK;
	x->year = bs_xmalloc(((size_t)g->n + 1) * sizeof *x->year);
	x->cluster = bs_xcalloc((size_t)g->n + 1, sizeof *x->cluster);
	rc = load_years(s, go, g, x->year, err);
	if (!rc)
		assign_clusters(g, a, keep, x->cluster, stats);
	return rc;
}

int bs_export_write_files(bs_export_format format, const char *path, bs_export_stats *stats,
			  bs_export_write_fn *write, const void *net, bs_error *err)
{
	bs_outfile out[3];
	FILE *f[3] = {NULL, NULL, NULL};
	size_t nout = 1;
	int rc = BS_OK;

	memset(out, 0, sizeof out);
	snprintf(stats->files[0], sizeof stats->files[0], "%s", path);
	if (format == BS_EXPORT_CSV) {
		bs_export_sibling(stats->files[1], sizeof stats->files[1], path, "-nodes", ".csv");
	} else if (format == BS_EXPORT_VOSVIEWER) {
		bs_export_sibling(stats->files[1], sizeof stats->files[1], path, "-network", ".txt");
		bs_export_json_sibling(stats->files[2], sizeof stats->files[2], path);
	}
	while (nout < 3 && stats->files[nout][0])
		nout++;
	for (size_t i = 0; i < nout && !rc; i++) {
		rc = bs_outfile_open(&out[i], stats->files[i], err);
		f[i] = out[i].f;
	}
	if (rc)
		goto done;
	if (write(net, format, f))
		rc = bs_error_set(err, BS_ERR_NOMEM, "%s: cannot build the JSON document", stats->files[2]);
	if (!rc)
		rc = bs_outfile_commit(out, nout, err);
done:
	bs_outfile_abort(out, 3);
	return rc;
}

/* the co-authorship network and what its writers need */
typedef struct coauthor_net {
	const bs_coauthor_graph *g;
	const attrs *a;
	const char *keep;
	const igraph_integer_t *newid;
	long nv;
	const extras *x;
} coauthor_net;

static int coauthor_write(const void *net, bs_export_format format, FILE *const f[3])
{
	const coauthor_net *n = net;

	switch (format) {
	case BS_EXPORT_GEXF:
		write_gexf(f[0], n->g, n->a, n->keep, n->newid, n->x);
		break;
	case BS_EXPORT_CSV:
		write_csv(f[0], f[1], n->g, n->a, n->keep, n->newid);
		break;
	case BS_EXPORT_VOSVIEWER:
		write_vos(f[0], f[1], n->g, n->a, n->keep, n->newid, n->x);
		return write_vos_json(f[2], n->g, n->a, n->keep, n->newid, n->x) ? -1 : 0;
	case BS_EXPORT_GRAPHML:
		write_graphml(f[0], n->g, n->a, n->keep, n->newid);
		break;
	case BS_EXPORT_PAJEK:
		write_pajek(f[0], n->g, n->keep, n->newid, n->nv);
		break;
	}
	return 0;
}

static int export_write(const bs_export_opts *o, const char *path, const bs_coauthor_graph *g, const attrs *a,
			const char *keep, const igraph_integer_t *newid, long nv, const extras *x,
			bs_export_stats *stats, bs_error *err)
{
	coauthor_net n = {g, a, keep, newid, nv, x};

	return bs_export_write_files(o->format, path, stats, coauthor_write, &n, err);
}

int bs_export_graph(bs_store *s, const bs_graph_opts *go, const bs_export_opts *o,
		    const char *path, bs_export_stats *stats, bs_error *err)
{
	bs_coauthor_graph g;
	attrs a;
	extras x;
	char *keep = NULL;
	igraph_integer_t *newid = NULL, k = 0;
	long nv;
	int rc;

	memset(stats, 0, sizeof *stats);
	memset(&a, 0, sizeof a);
	memset(&g, 0, sizeof g);
	/* standard output is one file: the two-file formats need names */
	if (bs_outfile_is_stdout(path) && (o->format == BS_EXPORT_CSV || o->format == BS_EXPORT_VOSVIEWER))
		return bs_error_set(err, BS_ERR_USAGE, "%s writes two files: -o - takes graphml, gexf or pajek",
				    o->format == BS_EXPORT_CSV ? "csv" : "vosviewer");
	memset(&x, 0, sizeof x);
	igraph_matrix_init(&x.pos, 0, 0);
	rc = export_load(s, go, &g, &a, err);
	if (rc)
		goto done;
	keep = bs_xmalloc((size_t)g.n + 1);
	nv = select_vertices(&g, &a, o, keep);
	if (nv == 0) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "no authors match the export filters");
		goto done;
	}
	newid = bs_xmalloc(((size_t)g.n + 1) * sizeof *newid);
	for (igraph_integer_t v = 0; v < g.n; v++)
		newid[v] = keep[v] ? k++ : -1;
	for (kept_edge e = KEPT_EDGES; kept_edge_next(&g, keep, &e);)
		stats->edges++;
	stats->vertices = nv;
	rc = export_extras(s, go, o, &g, &a, keep, newid, nv, &x, stats, err);
	if (!rc)
		rc = export_write(o, path, &g, &a, keep, newid, nv, &x, stats, err);
done:
	free(keep);
	free(newid);
	free(x.year);
	free(x.cluster);
	igraph_matrix_destroy(&x.pos);
	attrs_release(&a);
	bs_graph_release(&g);
	return rc;
}
