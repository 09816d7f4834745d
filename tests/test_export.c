/* Graph exports (export.h) and the vertex data they read
 * (store/vertexdata.h) on the bundled 30-paper example: one test per
 * public function. */
#include "test.h"
#include "fixture.h"
#include "analysis/analyze.h"
#include "reports/export.h"
#include "store/ingest.h"
#include "store/vertexdata.h"

#include <math.h>
#include <unistd.h>

static char dir[64];

static bs_store *open_example(const char *md)
{
	snprintf(dir, sizeof dir, "/tmp/bs_test_export_XXXXXX");
	if (!mkdtemp(dir))
		return NULL;
	return fixture_store(dir, md, "e");
}

/* lines of path holding needle (NULL: every line) */
static long count_lines(const char *path, const char *needle)
{
	char line[4096];
	long n = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!needle || strstr(line, needle))
			n++;
	fclose(f);
	return n;
}

static void test_format_parse(void)
{
	CHECK_INT(bs_export_format_parse("graphml"), BS_EXPORT_GRAPHML);
	CHECK_INT(bs_export_format_parse("gexf"), BS_EXPORT_GEXF);
	CHECK_INT(bs_export_format_parse("pajek"), BS_EXPORT_PAJEK);
	CHECK_INT(bs_export_format_parse("csv"), BS_EXPORT_CSV);
	CHECK_INT(bs_export_format_parse("vosviewer"), BS_EXPORT_VOSVIEWER);
	CHECK_INT(bs_export_format_parse("GraphML"), -1);
	CHECK_INT(bs_export_format_parse(""), -1);
}

static void export_one(bs_store *s, bs_export_format fmt, const char *name, bs_export_stats *st)
{
	bs_graph_opts go;
	bs_export_opts o;
	bs_error err;
	char path[160];

	bs_graph_opts_init(&go);
	memset(&o, 0, sizeof o);
	o.format = fmt;
	o.community = -1;
	o.depth = 1;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	CHECK_INT(bs_export_graph(s, &go, &o, path, st, &err), BS_OK);
	CHECK(st->vertices > 0 && st->edges > 0);
	CHECK_STR(st->files[0], path);
}

/* every format: one kept edge a line or element, as many as stats says */
static void test_export_graph(bs_store *s)
{
	bs_export_stats st, csv;
	bs_graph_opts go;
	bs_export_opts o;
	bs_error err;
	char path[160];

	export_one(s, BS_EXPORT_GRAPHML, "g.graphml", &st);
	CHECK_INT(count_lines(st.files[0], "<edge "), st.edges);
	CHECK_INT(count_lines(st.files[0], "<node "), st.vertices);
	export_one(s, BS_EXPORT_GEXF, "g.gexf", &st);
	CHECK_INT(count_lines(st.files[0], "<edge "), st.edges);
	CHECK_INT(count_lines(st.files[0], "<viz:position "), st.vertices);
	export_one(s, BS_EXPORT_PAJEK, "g.net", &st);
	CHECK_INT(count_lines(st.files[0], NULL), st.vertices + st.edges + 2);
	export_one(s, BS_EXPORT_CSV, "g.csv", &csv);
	CHECK_INT(count_lines(csv.files[0], NULL), csv.edges + 1);
	CHECK_INT(count_lines(csv.files[1], NULL), csv.vertices + 1);
	CHECK(strstr(csv.files[1], "g-nodes.csv") != NULL);
	export_one(s, BS_EXPORT_VOSVIEWER, "g.txt", &st);
	CHECK_INT(count_lines(st.files[1], NULL), st.edges);
	CHECK_INT(count_lines(st.files[0], NULL), st.vertices + 1);
	CHECK(st.clusters >= 1 && st.folded_communities == 0);
	CHECK_INT(count_lines(st.files[2], "\"source_id\""), st.edges);
	/* a selection: the top 3 authors and the edges among them */
	bs_graph_opts_init(&go);
	memset(&o, 0, sizeof o);
	o.format = BS_EXPORT_CSV;
	o.community = -1;
	o.top = 3;
	snprintf(path, sizeof path, "%s/top.csv", dir);
	CHECK_INT(bs_export_graph(s, &go, &o, path, &st, &err), BS_OK);
	CHECK_INT(st.vertices, 3);
	CHECK(st.edges <= 3 && st.edges <= csv.edges);
	/* nothing selected: an error, nothing written */
	o.community = 1000000;
	snprintf(path, sizeof path, "%s/none.graphml", dir);
	o.format = BS_EXPORT_GRAPHML;
	CHECK_INT(bs_export_graph(s, &go, &o, path, &st, &err), BS_ERR_EMPTY);
	CHECK(access(path, F_OK) != 0);
	/* standard output is one file */
	o.format = BS_EXPORT_VOSVIEWER;
	o.community = -1;
	CHECK_INT(bs_export_graph(s, &go, &o, "-", &st, &err), BS_ERR_USAGE);
}

static int count_metrics(void *ud, const bs_vertexdata_metrics *m)
{
	CHECK(m->author_id > 0 && m->degree >= 0 && m->pagerank >= 0);
	(*(long *)ud)++;
	return 0;
}

static int count_community(void *ud, int64_t author_id, long community)
{
	CHECK(author_id > 0 && community >= 0);
	(*(long *)ud)++;
	return 0;
}

static int check_year(void *ud, int64_t author_id, double year)
{
	const bs_filter *f = ud;
	CHECK(author_id > 0 && !isnan(year));
	CHECK(year >= (f->year_from ? f->year_from : 1900) && year <= 2100);
	return 0;
}

static int stop_year(void *ud, int64_t author_id, double year)
{
	(void)author_id;
	(void)year;
	(*(long *)ud)++;
	return 5;
}

static void test_vertexdata(bs_store *s)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analysis_info info;
	bs_filter f;
	bs_error err;
	int64_t grun, crun;
	long n = 0, m = 0;

	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	CHECK_INT(bs_analyze_graph(s, &go, &mo, 0, &grun, &info, &err), BS_OK);
	CHECK_INT(bs_analyze_communities(s, &go, &co, 0, &crun, &info, &err), BS_OK);
	CHECK_INT(bs_vertexdata_metrics_each(s, grun, count_metrics, &n, &err), BS_OK);
	CHECK_INT(bs_vertexdata_communities_each(s, crun, count_community, &m, &err), BS_OK);
	CHECK(n > 0);
	CHECK_INT(m, n);   /* the same authors */
	n = 0;
	CHECK_INT(bs_vertexdata_metrics_each(s, -1, count_metrics, &n, &err), BS_OK);
	CHECK_INT(n, 0);   /* no such run */
	memset(&f, 0, sizeof f);
	CHECK_INT(bs_vertexdata_mean_years_each(s, &f, check_year, &f, &err), BS_OK);
	f.year_from = 2023;
	CHECK_INT(bs_vertexdata_mean_years_each(s, &f, check_year, &f, &err), BS_OK);
	n = 0;
	CHECK_INT(bs_vertexdata_mean_years_each(s, NULL, stop_year, &n, &err), 5);
	CHECK_INT(n, 1);
}

int main(int argc, char **argv)
{
	bs_store *s;
	char cmd[200];

	if (argc < 2)
		return 77;
	bs_igraph_init();
	s = open_example(argv[1]);
	if (!s)
		return 1;
	test_format_parse();
	test_export_graph(s);
	test_vertexdata(s);
	bs_store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_done("export");
}
