/* export_countries.c - see export_countries.h.  The network is small (a
 * few hundred countries at most), so it is held as the two tables the
 * store answers with and written from them. */
#include "reports/export_countries.h"
#include "reports/export_impl.h"
#include "reports/xmltext.h"
#include "store/countries.h"
#include "base/outfile.h"
#include "base/table.h"
#include "base/utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* countries table columns (countries.h) */
enum { C_COUNTRY = 1, C_PAPERS, C_SCP, C_MCP, C_PCT, C_CITES };

struct named {
	const char *name;
	size_t row;
};

typedef struct cnet {
	bs_table nodes;     /* bs_countries_table, kept rows first */
	bs_table links;     /* bs_countries_edges */
	size_t nv;          /* kept countries: rows 0..nv of nodes */
	long *src, *dst;    /* kept edges: node rows */
	double *w;
	size_t ne;
	struct named *order;   /* kept nodes sorted by name, for lookups */
} cnet;

static long cell_long(const bs_table *t, size_t row, size_t col)
{
	const char *s = bs_table_get(t, row, col);
	return s ? strtol(s, NULL, 10) : 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* The row of country name among the kept nodes, -1 when not kept. */
static long node_of(const cnet *n, const char *name)
{
	struct named key = {name, 0};
	const struct named *hit = bsearch(&key, n->order, n->nv, sizeof *n->order, cmp_name);

	return hit ? (long)hit->row : -1;
}

static void select_net(cnet *n, const bs_export_opts *o)
{
	n->nv = 0;
	/* rows come most papers first: the kept ones are a prefix */
	while (n->nv < n->nodes.nrows && cell_long(&n->nodes, n->nv, C_PAPERS) >= o->min_papers &&
	       (o->top <= 0 || n->nv < (size_t)o->top))
		n->nv++;
	n->order = bs_xmalloc((n->nv + 1) * sizeof *n->order);
	for (size_t i = 0; i < n->nv; i++) {
		n->order[i].name = bs_table_get(&n->nodes, i, C_COUNTRY);
		n->order[i].row = i;
	}
	qsort(n->order, n->nv, sizeof *n->order, cmp_name);
	n->src = bs_xmalloc((n->links.nrows + 1) * sizeof *n->src);
	n->dst = bs_xmalloc((n->links.nrows + 1) * sizeof *n->dst);
	n->w = bs_xmalloc((n->links.nrows + 1) * sizeof *n->w);
	n->ne = 0;
	for (size_t e = 0; e < n->links.nrows; e++) {
		long a = node_of(n, bs_table_get(&n->links, e, 0)), b = node_of(n, bs_table_get(&n->links, e, 1));
		if (a < 0 || b < 0)
			continue;
		n->src[n->ne] = a;
		n->dst[n->ne] = b;
		n->w[n->ne++] = (double)cell_long(&n->links, e, 2);
	}
}

static const char *name_of(const cnet *n, size_t v)
{
	return bs_table_get(&n->nodes, v, C_COUNTRY);
}

static void write_graphml(FILE *f, const cnet *n)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
	      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
	      " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
	      " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	      "  <key id=\"papers\" for=\"node\" attr.name=\"papers\" attr.type=\"int\"/>\n"
	      "  <key id=\"scp\" for=\"node\" attr.name=\"scp\" attr.type=\"int\"/>\n"
	      "  <key id=\"mcp\" for=\"node\" attr.name=\"mcp\" attr.type=\"int\"/>\n"
	      "  <key id=\"citations\" for=\"node\" attr.name=\"citations\" attr.type=\"int\"/>\n"
	      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
	      "  <key id=\"e_papers\" for=\"edge\" attr.name=\"papers\" attr.type=\"int\"/>\n"
	      "  <graph id=\"G\" edgedefault=\"undirected\">\n", f);
	for (size_t v = 0; v < n->nv; v++) {
		fprintf(f, "    <node id=\"n%zu\">\n      <data key=\"name\">", v);
		bs_xml_fputs(f, name_of(n, v));
		fputs("</data>\n      <data key=\"label\">", f);
		bs_xml_fputs(f, name_of(n, v));
		fprintf(f, "</data>\n      <data key=\"papers\">%ld</data>\n      <data key=\"scp\">%ld</data>\n"
			   "      <data key=\"mcp\">%ld</data>\n      <data key=\"citations\">%ld</data>\n    </node>\n",
			cell_long(&n->nodes, v, C_PAPERS), cell_long(&n->nodes, v, C_SCP),
			cell_long(&n->nodes, v, C_MCP), cell_long(&n->nodes, v, C_CITES));
	}
	for (size_t e = 0; e < n->ne; e++)
		fprintf(f, "    <edge source=\"n%ld\" target=\"n%ld\">\n      <data key=\"weight\">%.15g</data>\n"
			   "      <data key=\"e_papers\">%.0f</data>\n    </edge>\n", n->src[e], n->dst[e], n->w[e], n->w[e]);
	fputs("  </graph>\n</graphml>\n", f);
}

/* GEXF 1.2draft, as the co-authorship export writes it (export.c) */
static void write_gexf(FILE *f, const cnet *n)
{
	static const char *const attr[] = {"papers", "scp", "mcp", "citations"};
	static const int col[] = {C_PAPERS, C_SCP, C_MCP, C_CITES};

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
	      "  <meta><creator>bibscope</creator><description>country collaboration network</description></meta>\n"
	      "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
	      "    <attributes class=\"node\">\n", f);
	for (int k = 0; k < 4; k++)
		fprintf(f, "      <attribute id=\"%s\" title=\"%s\" type=\"integer\"/>\n", attr[k], attr[k]);
	fputs("    </attributes>\n    <nodes>\n", f);
	for (size_t v = 0; v < n->nv; v++) {
		fprintf(f, "      <node id=\"%zu\" label=\"", v);
		bs_xml_fputs(f, name_of(n, v));
		fputs("\">\n        <attvalues>\n", f);
		for (int k = 0; k < 4; k++)
			fprintf(f, "          <attvalue for=\"%s\" value=\"%ld\"/>\n", attr[k],
				cell_long(&n->nodes, v, (size_t)col[k]));
		fputs("        </attvalues>\n      </node>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);
	for (size_t e = 0; e < n->ne; e++)
		fprintf(f, "      <edge id=\"%zu\" source=\"%ld\" target=\"%ld\" weight=\"%.8g\"/>\n", e, n->src[e],
			n->dst[e], n->w[e]);
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

/* Pajek: country names hold no '"', tab or line break; cleaned anyway */
static void write_pajek(FILE *f, const cnet *n)
{
	bs_strbuf tmp = BS_STRBUF_INIT;

	bs_strbuf_init(&tmp);
	fprintf(f, "*Vertices %zu\n", n->nv);
	for (size_t v = 0; v < n->nv; v++) {
		bs_strbuf_reset(&tmp);
		bs_xml_clean(&tmp, name_of(n, v));
		fprintf(f, "%zu \"", v + 1);
		for (const char *p = tmp.buf; *p; p++)
			fputc(*p == '"' ? '\'' : *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
		fputs("\"\n", f);
	}
	fputs("*Edges\n", f);
	for (size_t e = 0; e < n->ne; e++)
		fprintf(f, "%ld %ld %.15g\n", n->src[e] + 1, n->dst[e] + 1, n->w[e]);
	bs_strbuf_release(&tmp);
}

static void write_csv(FILE *edges, FILE *nodes, const cnet *n)
{
	fputs("id,name,papers,scp,mcp,citations\n", nodes);
	for (size_t v = 0; v < n->nv; v++) {
		fprintf(nodes, "%zu,", v);
		bs_csv_field(nodes, name_of(n, v), 1);
		fprintf(nodes, ",%ld,%ld,%ld,%ld\n", cell_long(&n->nodes, v, C_PAPERS), cell_long(&n->nodes, v, C_SCP),
			cell_long(&n->nodes, v, C_MCP), cell_long(&n->nodes, v, C_CITES));
	}
	fputs("source,target,source_name,target_name,weight,papers\n", edges);
	for (size_t e = 0; e < n->ne; e++) {
		fprintf(edges, "%ld,%ld,", n->src[e], n->dst[e]);
		bs_csv_field(edges, name_of(n, (size_t)n->src[e]), 1);
		fputc(',', edges);
		bs_csv_field(edges, name_of(n, (size_t)n->dst[e]), 1);
		fprintf(edges, ",%.8g,%.0f\n", n->w[e], n->w[e]);
	}
}

/* VOSviewer map (id, label, weights, score<MCP %>) and network files */
static void write_vos(FILE *map, FILE *net, const cnet *n)
{
	fputs("id\tlabel\tweight<Documents>\tweight<Citations>\tscore<MCP %>\n", map);
	for (size_t v = 0; v < n->nv; v++) {
		fprintf(map, "%zu\t", v + 1);
		bs_tsv_field(map, name_of(n, v), 1);
		fprintf(map, "\t%ld\t%ld\t%s\n", cell_long(&n->nodes, v, C_PAPERS), cell_long(&n->nodes, v, C_CITES),
			bs_table_get(&n->nodes, v, C_PCT));
	}
	for (size_t e = 0; e < n->ne; e++)
		fprintf(net, "%ld\t%ld\t%.6g\n", n->src[e] + 1, n->dst[e] + 1, n->w[e]);
}

/* The VOSviewer Online JSON file: the map and network files' content */
static int write_vos_json(FILE *f, const cnet *n)
{
	json_t *items = json_array(), *links = json_array(), *doc;
	int rc = 0;

	for (size_t v = 0; v < n->nv; v++)
		rc |= json_array_append_new(items, json_pack("{s:I,s:s,s:{s:I,s:I},s:{s:f}}", "id", (json_int_t)v + 1,
							     "label", name_of(n, v), "weights", "Documents",
							     (json_int_t)cell_long(&n->nodes, v, C_PAPERS), "Citations",
							     (json_int_t)cell_long(&n->nodes, v, C_CITES), "scores",
							     "MCP %", strtod(bs_table_get(&n->nodes, v, C_PCT), NULL)));
	for (size_t e = 0; e < n->ne; e++)
		rc |= json_array_append_new(links, json_pack("{s:I,s:I,s:f}", "source_id", (json_int_t)n->src[e] + 1,
							     "target_id", (json_int_t)n->dst[e] + 1, "strength", n->w[e]));
	doc = json_pack("{s:{s:{s:s,s:s,s:s,s:s,s:s}},s:{s:o,s:o}}", "config", "terminology", "item", "country",
			"items", "countries", "link", "collaboration link", "links", "collaboration links",
			"link_strength", "joint papers", "network", "items", items, "links", links);
	if (!doc || rc || json_dumpf(doc, f, JSON_COMPACT | JSON_REAL_PRECISION(10)))
		rc = -1;
	fputc('\n', f);
	json_decref(doc);
	return rc;
}

static int countries_write(const void *net, bs_export_format format, FILE *const f[3])
{
	const cnet *n = net;

	switch (format) {
	case BS_EXPORT_GRAPHML: write_graphml(f[0], n); break;
	case BS_EXPORT_GEXF: write_gexf(f[0], n); break;
	case BS_EXPORT_PAJEK: write_pajek(f[0], n); break;
	case BS_EXPORT_CSV: write_csv(f[0], f[1], n); break;
	case BS_EXPORT_VOSVIEWER:
		write_vos(f[0], f[1], n);
		return write_vos_json(f[2], n) ? -1 : 0;
	}
	return 0;
}

int bs_export_countries(bs_store *s, const bs_filter *f, const bs_export_opts *o, const char *path,
			bs_export_stats *st, bs_error *err)
{
	cnet n;
	int rc;

	memset(st, 0, sizeof *st);
	memset(&n, 0, sizeof n);
	if (bs_outfile_is_stdout(path) && (o->format == BS_EXPORT_CSV || o->format == BS_EXPORT_VOSVIEWER))
		return bs_error_set(err, BS_ERR_USAGE, "%s writes two files: -o - takes graphml, gexf or pajek",
				    o->format == BS_EXPORT_CSV ? "csv" : "vosviewer");
	rc = bs_countries_table(s, f, 0, 0, &n.nodes, err);
	if (!rc)
		rc = bs_countries_edges(s, f, 0, &n.links, err);
	if (rc)
		goto cleanup;
	select_net(&n, o);
	if (!n.nv) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "no countries match the export filters"
				  " (do the records carry addresses?)");
		goto cleanup;
	}
	st->vertices = (long)n.nv;
	st->edges = (long)n.ne;
	rc = bs_export_write_files(o->format, path, st, countries_write, &n, err);
cleanup:
	bs_table_release(&n.nodes);
	bs_table_release(&n.links);
	free(n.order);
	free(n.src);
	free(n.dst);
	free(n.w);
	return rc;
}
