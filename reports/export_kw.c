/* export_kw.c - the keyword co-occurrence network (export.h,
 * bs_export_keywords). */
#include "reports/export.h"
#include "reports/export_impl.h"
#include "reports/xmltext.h"
#include "analysis/keywords/kwterms.h"
#include "base/outfile.h"
#include "base/table.h"
#include "base/u64map.h"
#include "base/utf8.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void bs_kwnet_opts_init(bs_kwnet_opts *o)
{
	memset(o, 0, sizeof *o);
	o->source = BS_TERMS_FROM_AUTHOR_KEYWORDS;
	o->min_occurrences = 2;
}

/* The network: kept keywords (node i is term node[i] of the set) and
 * the weighted links between them, in (u, v) order, u < v. */
typedef struct kwnet {
	bs_kwset k;
	int32_t *node;            /* per node: its term */
	int32_t *node_of;         /* per term: its node, -1 when left out */
	size_t n;
	int64_t *links;           /* per node: degree */
	double *strength;         /* per node: total link strength */
	uint64_t *edge;           /* u << 32 | v */
	int64_t *weight;
	size_t m;
} kwnet;

/* a candidate node: its papers and term */
typedef struct kw_cand {
	int64_t papers;
	int32_t term;
} kw_cand;

/* more papers first, then key order (term ids are in key order) */
static int cmp_by_papers(const void *x, const void *y)
{
	const kw_cand *a = x, *b = y;

	if (a->papers != b->papers)
		return (a->papers < b->papers) - (a->papers > b->papers);
	return (a->term > b->term) - (a->term < b->term);
}

static int cmp_i32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return (a > b) - (a < b);
}

static int cmp_edge(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

/* The nodes: at least min_occurrences papers, the top of them, numbered
 * in key order. */
static void select_nodes(kwnet *g, const bs_kwnet_opts *o)
{
	const bs_kwset *k = &g->k;

	g->node = bs_xmalloc((k->nterms + 1) * sizeof *g->node);
	g->node_of = bs_xmalloc((k->nterms + 1) * sizeof *g->node_of);
	for (size_t t = 0; t < k->nterms; t++) {
		g->node_of[t] = -1;
		if (k->papers[t] >= o->min_occurrences)
			g->node[g->n++] = (int32_t)t;
	}
	if (o->top > 0 && g->n > (size_t)o->top) {
		kw_cand *c = bs_xmalloc(g->n * sizeof *c);
		for (size_t i = 0; i < g->n; i++) {
			c[i].papers = k->papers[g->node[i]];
			c[i].term = g->node[i];
		}
		qsort(c, g->n, sizeof *c, cmp_by_papers);
		g->n = (size_t)o->top;
		for (size_t i = 0; i < g->n; i++)
			g->node[i] = c[i].term;
		free(c);
		qsort(g->node, g->n, sizeof *g->node, cmp_i32);
	}
	for (size_t i = 0; i < g->n; i++)
		g->node_of[g->node[i]] = (int32_t)i;
}

/* Every pair of kept keywords of every paper, counted. */
static void count_links(kwnet *g)
{
	const bs_kwset *k = &g->k;
	int32_t *cur = bs_xmalloc((k->nterms + 1) * sizeof *cur);
	u64map pairs;
	size_t w = 0;

	u64_init(&pairs, 1024);
	for (size_t p = 0; p < k->npapers; p++) {
		size_t c = 0;
		for (size_t j = k->start[p]; j < k->start[p + 1]; j++)
			if (g->node_of[k->term[j]] >= 0)
				cur[c++] = g->node_of[k->term[j]];   /* ascending: terms and nodes share the order */
		for (size_t a = 0; a < c; a++)
			for (size_t b = a + 1; b < c; b++)
				(*u64_slot(&pairs, ((uint64_t)cur[a] << 32) | (uint64_t)cur[b], 1))++;
	}
	g->edge = bs_xmalloc((pairs.count + 1) * sizeof *g->edge);
	g->weight = bs_xmalloc((pairs.count + 1) * sizeof *g->weight);
	for (size_t i = 0; i < pairs.cap; i++)
		if (pairs.slot[i].key)
			g->edge[w++] = pairs.slot[i].key - 1;
	qsort(g->edge, w, sizeof *g->edge, cmp_edge);
	g->m = w;
	g->links = bs_xcalloc(g->n + 1, sizeof *g->links);
	g->strength = bs_xcalloc(g->n + 1, sizeof *g->strength);
	for (size_t e = 0; e < w; e++) {
		size_t u = (size_t)(g->edge[e] >> 32), v = (size_t)(g->edge[e] & 0xFFFFFFFFu);
		g->weight[e] = *u64_slot(&pairs, g->edge[e], 0);
		g->links[u]++;
		g->links[v]++;
		g->strength[u] += (double)g->weight[e];
		g->strength[v] += (double)g->weight[e];
	}
	u64_release(&pairs);
	free(cur);
}

static void kwnet_release(kwnet *g)
{
	bs_kwset_release(&g->k);
	free(g->node);
	free(g->node_of);
	free(g->links);
	free(g->strength);
	free(g->edge);
	free(g->weight);
	memset(g, 0, sizeof *g);
}

#define EU(g, e) ((long long)((g)->edge[e] >> 32))
#define EV(g, e) ((long long)((g)->edge[e] & 0xFFFFFFFFu))

/* mean publication year of node i's papers, NAN without years */
static double avg_year(const kwnet *g, size_t i)
{
	int32_t t = g->node[i];
	return g->k.year_n[t] ? g->k.year_sum[t] / (double)g->k.year_n[t] : NAN;
}

static void kw_gexf(FILE *f, const kwnet *g)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
	      "  <meta><creator>bibscope</creator><description>keyword co-occurrence network</description></meta>\n"
	      "  <graph defaultedgetype=\"undirected\" mode=\"static\">\n"
	      "    <attributes class=\"node\">\n"
	      "      <attribute id=\"key\" title=\"key\" type=\"string\"/>\n"
	      "      <attribute id=\"occurrences\" title=\"occurrences\" type=\"integer\"/>\n"
	      "      <attribute id=\"links\" title=\"links\" type=\"integer\"/>\n"
	      "      <attribute id=\"strength\" title=\"total link strength\" type=\"double\"/>\n"
	      "      <attribute id=\"avg_year\" title=\"mean publication year\" type=\"double\"/>\n"
	      "    </attributes>\n    <nodes>\n", f);
	for (size_t i = 0; i < g->n; i++) {
		int32_t t = g->node[i];
		double y = avg_year(g, i);
		fprintf(f, "      <node id=\"%zu\" label=\"", i);
		bs_xml_fputs(f, g->k.display[t]);
		fputs("\">\n        <attvalues>\n          <attvalue for=\"key\" value=\"", f);
		bs_xml_fputs(f, g->k.key[t]);
		fprintf(f, "\"/>\n          <attvalue for=\"occurrences\" value=\"%lld\"/>\n"
			   "          <attvalue for=\"links\" value=\"%lld\"/>\n"
			   "          <attvalue for=\"strength\" value=\"%.15g\"/>\n",
			(long long)g->k.papers[t], (long long)g->links[i], g->strength[i]);
		if (!isnan(y))
			fprintf(f, "          <attvalue for=\"avg_year\" value=\"%.4f\"/>\n", y);
		fputs("        </attvalues>\n      </node>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);
	for (size_t e = 0; e < g->m; e++)
		fprintf(f, "      <edge id=\"%zu\" source=\"%lld\" target=\"%lld\" weight=\"%lld\"/>\n", e, EU(g, e),
			EV(g, e), (long long)g->weight[e]);
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

static void kw_graphml(FILE *f, const kwnet *g)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""
	      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
	      " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns"
	      " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	      "  <key id=\"key\" for=\"node\" attr.name=\"key\" attr.type=\"string\"/>\n"
	      "  <key id=\"occurrences\" for=\"node\" attr.name=\"occurrences\" attr.type=\"int\"/>\n"
	      "  <key id=\"links\" for=\"node\" attr.name=\"links\" attr.type=\"int\"/>\n"
	      "  <key id=\"strength\" for=\"node\" attr.name=\"strength\" attr.type=\"double\"/>\n"
	      "  <key id=\"avg_year\" for=\"node\" attr.name=\"avg_year\" attr.type=\"double\"/>\n"
	      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
	      "  <graph id=\"G\" edgedefault=\"undirected\">\n", f);
	for (size_t i = 0; i < g->n; i++) {
		int32_t t = g->node[i];
		double y = avg_year(g, i);
		fprintf(f, "    <node id=\"n%zu\">\n      <data key=\"label\">", i);
		bs_xml_fputs(f, g->k.display[t]);
		fputs("</data>\n      <data key=\"key\">", f);
		bs_xml_fputs(f, g->k.key[t]);
		fprintf(f, "</data>\n      <data key=\"occurrences\">%lld</data>\n"
			   "      <data key=\"links\">%lld</data>\n      <data key=\"strength\">%.15g</data>\n",
			(long long)g->k.papers[t], (long long)g->links[i], g->strength[i]);
		if (!isnan(y))
			fprintf(f, "      <data key=\"avg_year\">%.4f</data>\n", y);
		fputs("    </node>\n", f);
	}
	for (size_t e = 0; e < g->m; e++)
		fprintf(f, "    <edge source=\"n%lld\" target=\"n%lld\">\n      <data key=\"weight\">%lld</data>\n"
			   "    </edge>\n", EU(g, e), EV(g, e), (long long)g->weight[e]);
	fputs("  </graph>\n</graphml>\n", f);
}

/* Pajek: as export.c's labels (no escape inside "...": '"' becomes "'",
 * TAB, LF, CR a space, what XML cannot carry U+FFFD). */
static void kw_pajek(FILE *f, const kwnet *g)
{
	bs_strbuf tmp = BS_STRBUF_INIT;

	bs_strbuf_init(&tmp);
	fprintf(f, "*Vertices %zu\n", g->n);
	for (size_t i = 0; i < g->n; i++) {
		bs_strbuf_reset(&tmp);
		bs_xml_clean(&tmp, g->k.display[g->node[i]]);
		fprintf(f, "%zu \"", i + 1);
		for (const char *p = tmp.buf; *p; p++)
			fputc(*p == '"' ? '\'' : *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, f);
		fputs("\"\n", f);
	}
	fputs("*Edges\n", f);
	for (size_t e = 0; e < g->m; e++)
		fprintf(f, "%lld %lld %lld\n", EU(g, e) + 1, EV(g, e) + 1, (long long)g->weight[e]);
	bs_strbuf_release(&tmp);
}

static void kw_csv(FILE *edges, FILE *nodes, const kwnet *g)
{
	fputs("id,label,key,occurrences,links,strength,avg_year\n", nodes);
	for (size_t i = 0; i < g->n; i++) {
		int32_t t = g->node[i];
		double y = avg_year(g, i);
		fprintf(nodes, "%zu,", i);
		bs_csv_field(nodes, g->k.display[t], 1);
		fputc(',', nodes);
		bs_csv_field(nodes, g->k.key[t], 1);
		fprintf(nodes, ",%lld,%lld,%.15g,", (long long)g->k.papers[t], (long long)g->links[i], g->strength[i]);
		if (!isnan(y))
			fprintf(nodes, "%.4f", y);
		fputc('\n', nodes);
	}
	fputs("source,target,source_label,target_label,weight\n", edges);
	for (size_t e = 0; e < g->m; e++) {
		fprintf(edges, "%lld,%lld,", EU(g, e), EV(g, e));
		bs_csv_field(edges, g->k.display[g->node[EU(g, e)]], 1);
		fputc(',', edges);
		bs_csv_field(edges, g->k.display[g->node[EV(g, e)]], 1);
		fprintf(edges, ",%lld\n", (long long)g->weight[e]);
	}
}

/* VOSviewer map file (id, label, weights, score<Avg. pub. year>: no
 * cluster and no coordinates, VOSviewer makes both) and network file. */
static void kw_vos(FILE *map, FILE *net, const kwnet *g)
{
	fputs("id\tlabel\tweight<Occurrences>\tweight<Links>\tweight<Total link strength>\tscore<Avg. pub. year>\n",
	      map);
	for (size_t i = 0; i < g->n; i++) {
		double y = avg_year(g, i);
		fprintf(map, "%zu\t", i + 1);
		bs_tsv_field(map, g->k.display[g->node[i]], 1);
		fprintf(map, "\t%lld\t%lld\t%.6g\t", (long long)g->k.papers[g->node[i]], (long long)g->links[i],
			g->strength[i]);
		if (!isnan(y))
			fprintf(map, "%.2f", y);
		fputc('\n', map);
	}
	for (size_t e = 0; e < g->m; e++)
		fprintf(net, "%lld\t%lld\t%lld\n", EU(g, e) + 1, EV(g, e) + 1, (long long)g->weight[e]);
}

/* one JSON value, compact, onto the stream; the reference is stolen */
static int json_put(FILE *f, json_t *j)
{
	int rc = j ? json_dumpf(j, f, JSON_COMPACT | JSON_REAL_PRECISION(10)) : -1;
	json_decref(j);
	return rc;
}

/* VOSviewer Online JSON: the map file's items and the links, no
 * coordinates (VOSviewer Online lays the map out itself). */
static int kw_vos_json(FILE *f, const kwnet *g)
{
	bs_strbuf tmp = BS_STRBUF_INIT;
	int rc = 0;

	bs_strbuf_init(&tmp);
	fputs("{\"config\":", f);
	rc |= json_put(f, json_pack("{s:{s:s,s:s,s:s,s:s,s:s}}", "terminology", "item", "keyword", "items",
				    "keywords", "link", "co-occurrence link", "links", "co-occurrence links",
				    "link_strength", "co-occurrences"));
	fputs(",\n\"network\":{\"items\":[\n", f);
	for (size_t i = 0; i < g->n; i++) {
		const char *label = g->k.display[g->node[i]];
		double y = avg_year(g, i);
		json_t *item, *scores = json_object();
		if (bs_utf8_needs_repair(label, strlen(label))) {
			bs_strbuf_reset(&tmp);
			bs_utf8_repair(label, strlen(label), &tmp);
			label = tmp.buf;
		}
		if (!isnan(y))
			json_object_set_new(scores, "Avg. pub. year", json_real(round(y * 100) / 100));
		item = json_pack("{s:I,s:s,s:{s:I,s:I,s:I},s:o}", "id", (json_int_t)i + 1, "label", label, "weights",
				 "Occurrences", (json_int_t)g->k.papers[g->node[i]], "Links", (json_int_t)g->links[i],
				 "Total link strength", (json_int_t)g->strength[i], "scores", scores);
		fputs(i ? ",\n" : "", f);
		rc |= json_put(f, item);
	}
	fputs("\n],\"links\":[\n", f);
	for (size_t e = 0; e < g->m; e++) {
		fputs(e ? ",\n" : "", f);
		rc |= json_put(f, json_pack("{s:I,s:I,s:I}", "source_id", (json_int_t)EU(g, e) + 1, "target_id",
					    (json_int_t)EV(g, e) + 1, "strength", (json_int_t)g->weight[e]));
	}
	fputs("\n]}}\n", f);
	bs_strbuf_release(&tmp);
	return rc ? -1 : 0;
}

static int kw_write_fn(const void *net, bs_export_format format, FILE *const f[3])
{
	const kwnet *g = net;

	switch (format) {
	case BS_EXPORT_GEXF: kw_gexf(f[0], g); break;
	case BS_EXPORT_GRAPHML: kw_graphml(f[0], g); break;
	case BS_EXPORT_PAJEK: kw_pajek(f[0], g); break;
	case BS_EXPORT_CSV: kw_csv(f[0], f[1], g); break;
	case BS_EXPORT_VOSVIEWER:
		kw_vos(f[0], f[1], g);
		return kw_vos_json(f[2], g) ? -1 : 0;
	}
	return 0;
}

static int kw_write(const bs_kwnet_opts *o, const char *path, const kwnet *g, bs_export_stats *stats,
		    bs_error *err)
{
	return bs_export_write_files(o->format, path, stats, kw_write_fn, g, err);
}

int bs_export_keywords(bs_store *s, const bs_kwnet_opts *o, const char *path, bs_export_stats *stats,
		       bs_error *err)
{
	bs_terms_opts to;
	kwnet g;
	int rc;

	memset(stats, 0, sizeof *stats);
	memset(&g, 0, sizeof g);
	if (bs_outfile_is_stdout(path) && (o->format == BS_EXPORT_CSV || o->format == BS_EXPORT_VOSVIEWER))
		return bs_error_set(err, BS_ERR_USAGE, "%s writes two files: -o - takes graphml, gexf or pajek",
				    o->format == BS_EXPORT_CSV ? "csv" : "vosviewer");
	bs_terms_opts_init(&to);
	to.source = (bs_terms_source)o->source;
	to.stopwords = o->stopwords;
	to.synonyms = o->synonyms;
	rc = bs_kwset_load(s, &to, &o->filter, &g.k, NULL, err);
	if (rc)
		goto done;
	select_nodes(&g, o);
	if (g.n == 0) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "no %s keyword is listed by %ld or more of the selected papers"
				  " (%zu papers with such keywords)", bs_kwterms_kind(to.source), o->min_occurrences,
				  g.k.npapers);
		goto done;
	}
	count_links(&g);
	stats->vertices = (long)g.n;
	stats->edges = (long)g.m;
	rc = kw_write(o, path, &g, stats, err);
done:
	kwnet_release(&g);
	return rc;
}
