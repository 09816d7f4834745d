/* The report (report.h) and what its manifest reads (store/provenance.h)
 * on the bundled 30-paper example: one test per public function.  The
 * report is written as SVG only (gnuplot's svg terminal draws without
 * fonts); skipped without gnuplot. */
#include "test.h"
#include "fixture.h"
#include "analysis/graph/graph.h"
#include "reports/report.h"
#include "store/ingest.h"
#include "store/provenance.h"

#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static bs_store *open_example(const char *md)
{
	snprintf(dir, sizeof dir, "/tmp/bs_test_report_XXXXXX");
	if (!mkdtemp(dir))
		return NULL;
	return fixture_store(dir, md, "r");
}

static int exists(const char *d, const char *name)
{
	char p[512];
	struct stat st;

	snprintf(p, sizeof p, "%s/%s", d, name);
	return stat(p, &st) == 0 && st.st_size > 0;
}

static void test_prepare_chart(bs_store *s)
{
	bs_chart_data d;
	bs_filter f;
	bs_error err;
	int64_t g;

	memset(&f, 0, sizeof f);
	bs_chart_data_init(&d);
	CHECK_INT(bs_report_prepare_chart(s, bs_chart_find("lotka"), &f, &d, &err), BS_OK);
	CHECK(d.graph_run == 0 && d.community_run == 0 && !d.terms_ready);   /* nothing to make */
	CHECK_INT(bs_report_prepare_chart(s, bs_chart_find("degree-distribution"), &f, &d, &err), BS_OK);
	CHECK(d.graph_run > 0 && d.community_run == 0);
	g = d.graph_run;
	CHECK_INT(bs_report_prepare_chart(s, bs_chart_find("community-sizes"), &f, &d, &err), BS_OK);
	CHECK(d.community_run > 0 && d.graph_run == g);
	CHECK_INT(bs_report_prepare_chart(s, bs_chart_find("thematic-map"), &f, &d, &err), BS_OK);
	CHECK(d.terms_ready && d.have_themes);
	bs_chart_data_release(&d);
	/* a stored run is reused: the same id again */
	bs_chart_data_init(&d);
	CHECK_INT(bs_report_prepare_chart(s, bs_chart_find("degree-distribution"), &f, &d, &err), BS_OK);
	CHECK_INT(d.graph_run, g);
	bs_chart_data_release(&d);
}

static int count_input(void *ud, const bs_provenance_input *in)
{
	CHECK(in->path && strlen(in->sha256 ? in->sha256 : "") == 64);
	CHECK_INT(in->records, 30);
	(*(int *)ud)++;
	return 0;
}

static int count_run(void *ud, const bs_provenance_run *r)
{
	CHECK(r->kind && r->params && r->data_version > 0);
	(*(int *)ud)++;
	return 0;
}

static int stop_run(void *ud, const bs_provenance_run *r)
{
	(void)r;
	(*(int *)ud)++;
	return 7;
}

static void test_provenance(bs_store *s)
{
	bs_error err;
	int n = 0;

	CHECK_INT(bs_provenance_inputs(s, count_input, &n, &err), BS_OK);
	CHECK_INT(n, 1);
	n = 0;
	CHECK_INT(bs_provenance_runs(s, 0, 0, count_run, &n, &err), BS_OK);
	CHECK(n >= 1);   /* the keyword tables and themes at least */
	n = 0;
	CHECK_INT(bs_provenance_runs(s, 0, 0, stop_run, &n, &err), 7);
	CHECK_INT(n, 1);
}

static void test_write(bs_store *s)
{
	bs_report_opts o;
	bs_report_info info;
	bs_error err;
	char out[128], p[200];
	json_t *m;
	FILE *f;

	memset(&o, 0, sizeof o);
	bs_chart_opts_init(&o.chart);
	snprintf(out, sizeof out, "%s/rep", dir);
	o.dir = out;
	o.formats = BS_REPORT_SVG;
	CHECK_INT(bs_report_write(s, &o, &info, &err), BS_OK);
	CHECK_INT(info.charts, 11);
	CHECK_INT(info.pages, 0);   /* no PDF */
	for (size_t i = 0; bs_charts[i].name; i++) {
		snprintf(p, sizeof p, "%s.svg", bs_charts[i].name);
		/* the fixture has no addresses: no countries chart (richpages.h) */
		CHECK(exists(out, p) == (bs_charts[i].needs != BS_CHART_RICH));
		snprintf(p, sizeof p, "%s.png", bs_charts[i].name);
		CHECK(!exists(out, p));
	}
	CHECK(exists(out, "index.html"));
	snprintf(p, sizeof p, "%s/manifest.json", out);
	m = json_load_file(p, 0, NULL);
	CHECK(m != NULL);
	CHECK_INT(json_array_size(json_object_get(m, "files")), 13);
	CHECK_INT(json_array_size(json_object_get(m, "inputs")), 1);
	CHECK(json_array_size(json_object_get(m, "analysis_runs")) >= 3);
	json_decref(m);
	/* again into the report: replaced whole */
	CHECK_INT(bs_report_write(s, &o, &info, &err), BS_OK);
	/* a directory that is no report is refused, and left alone */
	snprintf(p, sizeof p, "%s/mine.txt", out);
	f = fopen(p, "w");
	fputs("mine\n", f);
	fclose(f);
	CHECK_INT(bs_report_write(s, &o, &info, &err), BS_ERR_IO);
	CHECK(strstr(err.msg, "not a bibscope report") != NULL);
	CHECK(exists(out, "mine.txt") && exists(out, "lotka.svg"));
	/* a selection of no papers: refused before any work */
	o.chart.filter.year_from = 3000;
	snprintf(out, sizeof out, "%s/none", dir);
	CHECK(bs_report_write(s, &o, &info, &err) == BS_ERR_EMPTY);
	CHECK(access(out, F_OK) != 0);
}

int main(int argc, char **argv)
{
	bs_store *s;
	char cmd[200];

	if (argc < 2 || system("command -v gnuplot > /dev/null 2>&1") != 0)
		return 77;
	bs_igraph_init();
	s = open_example(argv[1]);
	if (!s)
		return 1;
	test_prepare_chart(s);
	test_provenance(s);
	test_write(s);
	bs_store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_done("report");
}
