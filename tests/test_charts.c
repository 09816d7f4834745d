/* Charts (charts.h) and their data (store/chartdata.h) on the bundled
 * 30-paper example: one test per public function.  Charts draw into
 * scripts (bs_gp_init_script), so no gnuplot and no font is needed. */
#include "test.h"
#include "fixture.h"
#include "analysis/graph/graph.h"
#include "reports/charts.h"
#include "reports/report.h"
#include "store/chartdata.h"
#include "store/ingest.h"

#include <unistd.h>

static char dir[64];

static bs_store *open_example(const char *md)
{
	snprintf(dir, sizeof dir, "/tmp/bs_test_charts_XXXXXX");
	if (!mkdtemp(dir))
		return NULL;
	return fixture_store(dir, md, "c");
}

static void test_opts_init(void)
{
	bs_chart_opts o;

	bs_chart_opts_init(&o);
	CHECK_INT(o.width, 1200);
	CHECK_INT(o.height, 800);
	CHECK_INT(o.dpi, 96);
	CHECK_INT(o.seed, 42);
	CHECK(o.data == NULL && o.terms == NULL && !bs_filter_active(&o.filter));
}

static void test_out_format_of(void)
{
	CHECK_INT(bs_out_format_of("a/b.png"), BS_OUT_PNG);
	CHECK_INT(bs_out_format_of("b.PDF"), BS_OUT_PDF);
	CHECK_INT(bs_out_format_of("c.svg"), BS_OUT_SVG);
	CHECK_INT(bs_out_format_of("c.svgz"), -1);
	CHECK_INT(bs_out_format_of("noext"), -1);
}

static void test_find(void)
{
	size_t n = 0;

	for (n = 0; bs_charts[n].name; n++)
		CHECK(bs_chart_find(bs_charts[n].name) == &bs_charts[n]);
	CHECK_INT(n, 13);
	CHECK(bs_chart_find("pie") == NULL);
}

static void test_output(void)
{
	bs_strbuf script = BS_STRBUF_INIT;
	bs_chart_opts o;
	bs_gp gp;

	bs_strbuf_init(&script);
	bs_chart_opts_init(&o);
	bs_gp_init_script(&gp, &script);
	bs_chart_output(&gp, "it's.svg", BS_OUT_SVG, &o);
	CHECK(strstr(script.buf, "set terminal svg size 1200,800") != NULL);
	/* the path is quoted, never raw */
	CHECK(strstr(script.buf, "set output 'it''s.svg'") != NULL);
	bs_strbuf_reset(&script);
	o.dpi = 192;
	bs_chart_output(&gp, "a.png", BS_OUT_PNG, &o);
	CHECK(strstr(script.buf, "pngcairo size 2400,1600") != NULL);
	bs_strbuf_release(&script);
}

static void test_out_check(void)
{
	char path[160];
	bs_error err;
	FILE *f;

	snprintf(path, sizeof path, "%s/x.svg", dir);
	f = fopen(path, "w");
	fputs("<svg>\n</svg>\n", f);
	fclose(f);
	CHECK_INT(bs_out_check(path, BS_OUT_SVG, "x.svg", &err), BS_OK);
	f = fopen(path, "w");
	fputs("<svg>\n<g>", f);   /* cut short */
	fclose(f);
	CHECK_INT(bs_out_check(path, BS_OUT_SVG, "x.svg", &err), BS_ERR_IO);
	CHECK(strstr(err.msg, "x.svg") != NULL);
	CHECK_INT(bs_out_check(path, BS_OUT_PDF, "x.pdf", &err), BS_ERR_IO);
	unlink(path);
	snprintf(path, sizeof path, "%s/missing.png", dir);
	CHECK_INT(bs_out_check(path, BS_OUT_PNG, "missing.png", &err), BS_ERR_IO);
}

static void test_data(void)
{
	bs_chart_data d;

	bs_chart_data_init(&d);
	CHECK(d.graph_run == 0 && d.community_run == 0 && !d.terms_ready && !d.have_themes);
	bs_chart_data_release(&d);
	bs_chart_data_release(&d);   /* safe twice */
}

/* every chart: refused without its runs, drawn with them */
static void test_draw(bs_store *s)
{
	bs_strbuf script = BS_STRBUF_INIT;
	bs_chart_data d, none;
	bs_chart_opts o;
	bs_error err;
	bs_gp gp;

	bs_strbuf_init(&script);
	bs_chart_opts_init(&o);
	bs_chart_data_init(&d);
	bs_chart_data_init(&none);
	for (size_t i = 0; bs_charts[i].name; i++) {
		const bs_chart *c = &bs_charts[i];
		bs_strbuf_reset(&script);
		bs_gp_init_script(&gp, &script);
		o.data = &none;
		if (c->runs) {
			CHECK_INT(c->draw(&gp, s, &o, &err), BS_ERR_USAGE);
			CHECK(strstr(err.msg, c->name) != NULL);
		}
		CHECK_INT(bs_report_prepare_chart(s, c, &o.filter, &d, &err), BS_OK);
		o.data = &d;
		bs_strbuf_reset(&script);
		CHECK_INT(c->draw(&gp, s, &o, &err), BS_OK);
		CHECK(strstr(script.buf, "plot") != NULL);
		if (c->needs == BS_CHART_RICH)   /* no addresses or keywords: the chart says so */
			CHECK(strstr(script.buf, "no paper of this selection") != NULL);
		else if (!(c->runs & BS_CHART_RUN_THEMES))
			CHECK(c->runs || strstr(script.buf, "EOD") != NULL);
	}
	/* a filter is every chart's selection: no papers of 2022 in the
	 * authors-per-paper counts of 2023 */
	bs_strbuf_reset(&script);
	bs_gp_init_script(&gp, &script);
	o.filter.year_from = 3000;
	CHECK_INT(bs_chart_find("authors-per-paper")->draw(&gp, s, &o, &err), BS_OK);
	CHECK(strstr(script.buf, "no papers in this selection") != NULL);
	bs_chart_data_release(&d);
	bs_strbuf_release(&script);
}

static long sum_counts(const bs_chartdata_count *c, size_t n)
{
	long t = 0;

	for (size_t i = 0; i < n; i++)
		t += c[i].n;
	return t;
}

static void test_chartdata(bs_store *s)
{
	bs_chartdata_venue *v;
	bs_chartdata_year_venue *yv;
	bs_chartdata_count *c, *top;
	bs_chart_data d;
	bs_filter f;
	bs_error err;
	size_t n, ntop, nlinks;
	int64_t *pairs;
	double *joint;
	char *names[5];
	long comm[5];

	memset(&f, 0, sizeof f);
	CHECK_INT(bs_chartdata_top_venues(s, &f, 12, &v, &n, &err), BS_OK);
	CHECK(n >= 1);
	for (size_t i = 1; i < n; i++)
		CHECK(v[i].papers <= v[i - 1].papers);
	bs_chartdata_free(v, n);
	CHECK_INT(bs_chartdata_year_venues(s, &f, &yv, &n, &err), BS_OK);
	for (size_t i = 1; i < n; i++)
		CHECK(yv[i].year >= yv[i - 1].year);
	free(yv);
	CHECK_INT(bs_chartdata_papers_per_year(s, &f, &c, &n, &err), BS_OK);
	CHECK_INT(sum_counts(c, n), 30);
	free(c);
	CHECK_INT(bs_chartdata_authors_per_paper(s, &f, &c, &n, &err), BS_OK);
	CHECK_INT(sum_counts(c, n), 30);
	free(c);
	CHECK_INT(bs_chartdata_productivity(s, &f, &c, &n, &err), BS_OK);
	CHECK(n >= 1 && c[0].key >= 1);
	free(c);
	f.year_from = 3000;   /* a filter that selects nothing */
	CHECK_INT(bs_chartdata_productivity(s, &f, &c, &n, &err), BS_OK);
	CHECK_INT(n, 0);
	free(c);
	f.year_from = 0;
	CHECK_INT(bs_chartdata_top_authors(s, &f, 5, &top, &ntop, &err), BS_OK);
	CHECK_INT(ntop, 5);
	for (size_t i = 1; i < ntop; i++)
		CHECK(top[i].key > top[i - 1].key);   /* in author-id order */
	{
		int64_t ids[5];
		for (size_t i = 0; i < ntop; i++)
			ids[i] = top[i].key;
		CHECK_INT(bs_chartdata_author_names(s, ids, ntop, names, &err), BS_OK);
		for (size_t i = 0; i < ntop; i++) {
			CHECK(names[i] && names[i][0]);
			free(names[i]);
		}
		CHECK_INT(bs_chartdata_links_among(s, &f, ids, ntop, 50, &pairs, &joint, &nlinks, &err), BS_OK);
		for (size_t k = 0; k < nlinks; k++)
			CHECK(pairs[2 * k] < pairs[2 * k + 1] && joint[k] >= 1);
		free(pairs);
		free(joint);
		bs_chart_data_init(&d);
		CHECK_INT(bs_report_prepare_chart(s, bs_chart_find("network"), &f, &d, &err), BS_OK);
		CHECK(d.community_run > 0);
		CHECK_INT(bs_chartdata_author_communities(s, d.community_run, ids, ntop, comm, &err), BS_OK);
		CHECK_INT(bs_chartdata_community_sizes(s, d.community_run, 3, &c, &n, &err), BS_OK);
		CHECK(n >= 1 && n <= 3);
		for (size_t i = 1; i < n; i++)
			CHECK(c[i].n <= c[i - 1].n);   /* largest first */
		free(c);
		bs_chart_data_release(&d);
	}
	free(top);
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
	test_opts_init();
	test_out_format_of();
	test_find();
	test_output();
	test_out_check();
	test_data();
	test_draw(s);
	test_chartdata(s);
	bs_store_close(s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return test_done("charts");
}
