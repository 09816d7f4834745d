#include "export.h"
#include "analyze.h"
#include "strbuf.h"
#include "table.h"
#include "outfile.h"
#include "xmltext.h"
#include "utf8.h"

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
	"degree", "strength", "pagerank", "betweenness", "harmonic", "eigenvector", "coreness",
	"component", "clustering", "community"
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

static int load_attrs(bs_store *s, const bs_coauthor_graph *g, int64_t mrun, int64_t crun, attrs *a,
		      bs_error *err)
{
	sqlite3_stmt *st;
	size_t n = (size_t)g->n;

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
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT author_id, degree, strength, pagerank, betweenness, harmonic, eigenvector,"
			       " coreness, component, clustering FROM author_metrics WHERE run_id = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_int64(st, 1, mrun);
	while (sqlite3_step(st) == SQLITE_ROW) {
		igraph_integer_t v = bs_graph_vertex(g, sqlite3_column_int64(st, 0));
		if (v < 0)
			continue;
		a->degree[v] = sqlite3_column_int(st, 1);
		a->strength[v] = sqlite3_column_double(st, 2);
		a->pagerank[v] = sqlite3_column_double(st, 3);
		a->betweenness[v] = sqlite3_column_double(st, 4);
		a->harmonic[v] = sqlite3_column_double(st, 5);
		a->eigenvector[v] = sqlite3_column_double(st, 6);
		a->coreness[v] = sqlite3_column_int(st, 7);
		a->component[v] = sqlite3_column_int(st, 8);
		a->clustering[v] = sqlite3_column_double(st, 9);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT author_id, community FROM communities WHERE run_id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	sqlite3_bind_int64(st, 1, crun);
	while (sqlite3_step(st) == SQLITE_ROW) {
		igraph_integer_t v = bs_graph_vertex(g, sqlite3_column_int64(st, 0));
		if (v >= 0)
			a->community[v] = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	return BS_OK;
dberr:
	return bs_error_set(err, BS_ERR_DB, "%s: %s", bs_store_path(s), sqlite3_errmsg(bs_store_db(s)));
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

/* the shared escaping: what XML cannot carry becomes U+FFFD (xmltext.h) */
static void xml_escape(FILE *f, const char *s)
{
	bs_xml_fputs(f, s);
}

static void write_gexf(FILE *f, const bs_coauthor_graph *g, const attrs *a, const char *keep,
		       const igraph_integer_t *newid)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
	      " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
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
		if (!keep[v])
			continue;
		fprintf(f, "      <node id=\"%lld\" label=\"", (long long)newid[v]);
		xml_escape(f, g->name[v]);
		fprintf(f, "\">\n        <attvalues>\n"
			   "          <attvalue for=\"papers\" value=\"%.0f\"/>\n"
			   "          <attvalue for=\"fractional\" value=\"%.6g\"/>\n",
			g->papers[v], g->papers_frac[v]);
		for (int k = 0; k < NUM_ATTRS; k++)
			fprintf(f, attr_is_int(k) ? "          <attvalue for=\"%s\" value=\"%.0f\"/>\n"
						  : "          <attvalue for=\"%s\" value=\"%.8g\"/>\n",
				num_names[k], attr_num(a, k, v));
		fputs("        </attvalues>\n      </node>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);
	for (igraph_integer_t e = 0, id = 0; e < igraph_ecount(&g->g); e++) {
		igraph_integer_t x = IGRAPH_FROM(&g->g, e), y = IGRAPH_TO(&g->g, e);
		if (!keep[x] || !keep[y])
			continue;
		fprintf(f, "      <edge id=\"%lld\" source=\"%lld\" target=\"%lld\" weight=\"%.8g\">"
			   "<attvalues><attvalue for=\"joint_papers\" value=\"%.0f\"/></attvalues></edge>\n",
			(long long)id++, (long long)newid[x], (long long)newid[y], VECTOR(g->weight)[e],
			VECTOR(g->joint)[e]);
	}
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
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
	for (igraph_integer_t e = 0; e < igraph_ecount(&g->g); e++) {
		igraph_integer_t x = IGRAPH_FROM(&g->g, e), y = IGRAPH_TO(&g->g, e);
		if (!keep[x] || !keep[y])
			continue;
		fprintf(edges, "%lld,%lld,", (long long)newid[x], (long long)newid[y]);
		bs_csv_field(edges, g->name[x], 1);
		fputc(',', edges);
		bs_csv_field(edges, g->name[y], 1);
		fprintf(edges, ",%.8g,%.0f\n", VECTOR(g->weight)[e], VECTOR(g->joint)[e]);
	}
}

/* VOSviewer map file: id, label, cluster, weight<...>, score<...> columns
 * (tab-separated, header row); network file: id1 id2 strength, no header. */
static void write_vos(FILE *map, FILE *net, const bs_coauthor_graph *g, const attrs *a,
		      const char *keep, const igraph_integer_t *newid)
{
	fputs("id\tlabel\tcluster\tweight<Documents>\tweight<Links>\tweight<Total link strength>"
	      "\tscore<Fractional documents>\n", map);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		if (!keep[v])
			continue;
		fprintf(map, "%lld\t", (long long)newid[v] + 1);
		bs_tsv_field(map, g->name[v], 1);   /* as every TSV: table.h */
		/* VOSviewer clusters are numbered from 1 */
		fprintf(map, "\t%ld\t%.0f\t%ld\t%.6g\t%.6g\n", a->community[v] + 1, g->papers[v], a->degree[v],
			a->strength[v], g->papers_frac[v]);
	}
	for (igraph_integer_t e = 0; e < igraph_ecount(&g->g); e++) {
		igraph_integer_t x = IGRAPH_FROM(&g->g, e), y = IGRAPH_TO(&g->g, e);
		if (!keep[x] || !keep[y])
			continue;
		fprintf(net, "%lld\t%lld\t%.6g\n", (long long)newid[x] + 1, (long long)newid[y] + 1,
			VECTOR(g->weight)[e]);
	}
}

static igraph_error_t write_igraph_format(FILE *f, const bs_coauthor_graph *g, const attrs *a,
					  const char *keep, const igraph_integer_t *newid, long nv,
					  bs_export_format fmt, bs_strbuf *name)
{
	igraph_t sub;
	igraph_vector_int_t edges;
	igraph_vector_t ew, ej;
	igraph_integer_t ne = 0;

	IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, 0);
	IGRAPH_VECTOR_INIT_FINALLY(&ew, 0);
	IGRAPH_VECTOR_INIT_FINALLY(&ej, 0);
	for (igraph_integer_t e = 0; e < igraph_ecount(&g->g); e++) {
		igraph_integer_t x = IGRAPH_FROM(&g->g, e), y = IGRAPH_TO(&g->g, e);
		if (!keep[x] || !keep[y])
			continue;
		IGRAPH_CHECK(igraph_vector_int_push_back(&edges, newid[x]));
		IGRAPH_CHECK(igraph_vector_int_push_back(&edges, newid[y]));
		IGRAPH_CHECK(igraph_vector_push_back(&ew, VECTOR(g->weight)[e]));
		IGRAPH_CHECK(igraph_vector_push_back(&ej, VECTOR(g->joint)[e]));
		ne++;
	}
	IGRAPH_CHECK(igraph_create(&sub, &edges, nv, IGRAPH_UNDIRECTED));
	IGRAPH_FINALLY(igraph_destroy, &sub);
	for (igraph_integer_t v = 0; v < g->n; v++) {
		if (!keep[v])
			continue;
		/* igraph escapes markup but stops at a control character and
		 * passes U+FFFE through: the names are made XML-safe first */
		bs_strbuf_reset(name);
		bs_xml_clean(name, g->name[v]);
		IGRAPH_CHECK(igraph_cattribute_VAS_set(&sub, fmt == BS_EXPORT_PAJEK ? "id" : "name", newid[v],
						       name->buf));
		if (fmt == BS_EXPORT_PAJEK)
			continue;   /* Pajek keeps labels and weights only */
		IGRAPH_CHECK(igraph_cattribute_VAS_set(&sub, "label", newid[v], name->buf));
		IGRAPH_CHECK(igraph_cattribute_VAN_set(&sub, "papers", newid[v], g->papers[v]));
		IGRAPH_CHECK(igraph_cattribute_VAN_set(&sub, "fractional", newid[v], g->papers_frac[v]));
		for (int k = 0; k < NUM_ATTRS; k++)
			IGRAPH_CHECK(igraph_cattribute_VAN_set(&sub, num_names[k], newid[v], attr_num(a, k, v)));
	}
	IGRAPH_CHECK(igraph_cattribute_EAN_setv(&sub, "weight", &ew));
	if (fmt != BS_EXPORT_PAJEK)
		IGRAPH_CHECK(igraph_cattribute_EAN_setv(&sub, "joint_papers", &ej));
	if (fmt == BS_EXPORT_PAJEK)
		IGRAPH_CHECK(igraph_write_graph_pajek(&sub, f));
	else
		IGRAPH_CHECK(igraph_write_graph_graphml(&sub, f, 0));
	(void)ne;
	igraph_destroy(&sub);
	igraph_vector_destroy(&ej);
	igraph_vector_destroy(&ew);
	igraph_vector_int_destroy(&edges);
	IGRAPH_FINALLY_CLEAN(4);
	return IGRAPH_SUCCESS;
}

/* "dir/name.ext" + "-nodes" -> "dir/name-nodes.ext" */
static void sibling(char *out, size_t cap, const char *path, const char *suffix, const char *ext)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');

	if (!dot || (slash && dot < slash))
		snprintf(out, cap, "%s%s%s", path, suffix, ext);
	else
		snprintf(out, cap, "%.*s%s%s", (int)(dot - path), path, suffix, dot);
}

int bs_export_graph(bs_store *s, const bs_graph_opts *go, const bs_export_opts *o,
		    const char *path, bs_export_stats *stats, bs_error *err)
{
	bs_coauthor_graph g;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analysis_info info;
	attrs a;
	char *keep = NULL;
	igraph_integer_t *newid = NULL;
	int64_t mrun = 0, crun = 0;
	long nv;
	int rc;
	bs_outfile out[2];
	size_t nout = 1;

	memset(stats, 0, sizeof *stats);
	memset(out, 0, sizeof out);
	memset(&a, 0, sizeof a);
	memset(&g, 0, sizeof g);
	/* standard output is one file: the two-file formats need names */
	if (bs_outfile_is_stdout(path) && (o->format == BS_EXPORT_CSV || o->format == BS_EXPORT_VOSVIEWER))
		return bs_error_set(err, BS_ERR_USAGE, "%s writes two files: -o - takes graphml, gexf or pajek",
				    o->format == BS_EXPORT_CSV ? "csv" : "vosviewer");
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	rc = bs_analyze_graph(s, go, &mo, 0, &mrun, &info, err);
	if (!rc)
		rc = bs_analyze_communities(s, go, &co, 0, &crun, &info, err);
	if (!rc)
		rc = bs_graph_build(s, go, &g, err);
	if (!rc)
		rc = load_attrs(s, &g, mrun, crun, &a, err);
	if (rc)
		goto cleanup;
	keep = bs_xmalloc((size_t)g.n + 1);
	nv = select_vertices(&g, &a, o, keep);
	if (nv == 0) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "no authors match the export filters");
		goto cleanup;
	}
	newid = bs_xmalloc(((size_t)g.n + 1) * sizeof *newid);
	{
		igraph_integer_t k = 0;
		for (igraph_integer_t v = 0; v < g.n; v++)
			newid[v] = keep[v] ? k++ : -1;
	}
	for (igraph_integer_t e = 0; e < igraph_ecount(&g.g); e++)
		if (keep[IGRAPH_FROM(&g.g, e)] && keep[IGRAPH_TO(&g.g, e)])
			stats->edges++;
	stats->vertices = nv;

	snprintf(stats->files[0], sizeof stats->files[0], "%s", path);
	if (o->format == BS_EXPORT_CSV)
		sibling(stats->files[1], sizeof stats->files[1], path, "-nodes", ".csv");
	else if (o->format == BS_EXPORT_VOSVIEWER)
		sibling(stats->files[1], sizeof stats->files[1], path, "-network", ".txt");
	if (stats->files[1][0])
		nout = 2;
	for (size_t i = 0; i < nout && !rc; i++)
		rc = bs_outfile_open(&out[i], stats->files[i], err);
	if (rc)
		goto cleanup;
	switch (o->format) {
	case BS_EXPORT_GEXF:
		write_gexf(out[0].f, &g, &a, keep, newid);
		break;
	case BS_EXPORT_CSV:
		write_csv(out[0].f, out[1].f, &g, &a, keep, newid);
		break;
	case BS_EXPORT_VOSVIEWER:
		write_vos(out[0].f, out[1].f, &g, &a, keep, newid);
		break;
	case BS_EXPORT_GRAPHML:
	case BS_EXPORT_PAJEK: {
		bs_strbuf name = BS_STRBUF_INIT;
		igraph_error_t ie;
		bs_strbuf_init(&name);
		ie = write_igraph_format(out[0].f, &g, &a, keep, newid, nv, o->format, &name);
		bs_strbuf_release(&name);
		if (ie != IGRAPH_SUCCESS)
			rc = bs_igraph_error(err, ie, "writing the graph");
		break;
	}
	}
	/* the pair is published together (one modification time, renames back
	 * to back); on an error nothing replaces the old files */
	if (!rc)
		rc = bs_outfile_commit(out, nout, err);
cleanup:
	bs_outfile_abort(out, 2);
	free(keep);
	free(newid);
	attrs_release(&a);
	bs_graph_release(&g);
	return rc;
}
