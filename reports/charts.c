/* charts.c - the chart table, output setup and the helpers every chart
 * shares; the charts themselves are in charts_papers.c, charts_authors.c
 * and charts_terms.c. */
#include "reports/charts_draw.h"
#include "base/clock.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

/* fonts: DejaVu for Latin, Greek, Cyrillic; WenQuanYi Micro Hei for CJK */
#define FONT "DejaVu Sans,WenQuanYi Micro Hei"

const char *const bs_chart_palette[BS_CHART_COLOURS] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
	"#bcbd22", "#17becf", "#393b79", "#637939",
};

void bs_chart_opts_init(bs_chart_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = 1200;
	o->height = 800;
	o->dpi = BS_DEFAULT_DPI;
	o->seed = BS_DEFAULT_SEED;
}

int bs_out_format_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return -1;
	if (!strcasecmp(dot, ".png"))
		return BS_OUT_PNG;
	if (!strcasecmp(dot, ".pdf"))
		return BS_OUT_PDF;
	if (!strcasecmp(dot, ".svg"))
		return BS_OUT_SVG;
	return -1;
}

void bs_chart_output(bs_gp *gp, const char *path, bs_out_format f, const bs_chart_opts *o)
{
	bs_strbuf q = BS_STRBUF_INIT;
	int fs = 10 * (o->dpi > 0 ? o->dpi : BS_DEFAULT_DPI) / BS_DEFAULT_DPI;

	bs_strbuf_init(&q);
	bs_gp_quote(&q, path);
	if (f == BS_OUT_PNG)
		bs_gp_cmd(gp, "set terminal pngcairo size %d,%d font '" FONT ",%d' noenhanced",
			  o->width * o->dpi / BS_DEFAULT_DPI, o->height * o->dpi / BS_DEFAULT_DPI, fs);
	else if (f == BS_OUT_PDF)
		bs_gp_cmd(gp, "set terminal pdfcairo size %.2fin,%.2fin font '" FONT ",9' noenhanced",
			  o->width / 96.0, o->height / 96.0);
	else
		bs_gp_cmd(gp, "set terminal svg size %d,%d font '" FONT ",10' noenhanced dynamic",
			  o->width, o->height);
	bs_gp_cmd(gp, "set output %s", q.buf);
	bs_strbuf_release(&q);
}

int bs_out_check(const char *path, bs_out_format f, const char *shown, bs_error *err)
{
	static const char *const kind[] = {"PNG", "PDF", "SVG"};
	static const unsigned char iend[] = {'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
	unsigned char tail[64];
	struct stat st;
	struct statvfs vs;
	size_t n = 0;
	int whole = 0;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return bs_error_set(err, BS_ERR_IO, "cannot write %s: %s", shown, strerror(errno));
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0) {
		long off = st.st_size > (off_t)sizeof tail ? (long)(st.st_size - (off_t)sizeof tail) : 0;
		if (fseek(fp, off, SEEK_SET) == 0)
			n = fread(tail, 1, sizeof tail, fp);
	}
	fclose(fp);
	while (f != BS_OUT_PNG && n && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
		n--;
	if (f == BS_OUT_PNG)
		whole = n >= sizeof iend && !memcmp(tail + n - sizeof iend, iend, sizeof iend);
	else if (f == BS_OUT_PDF)
		whole = n >= 5 && !memcmp(tail + n - 5, "%%EOF", 5);
	else
		whole = n >= 6 && !memcmp(tail + n - 6, "</svg>", 6);
	if (whole)
		return BS_OK;
	return bs_error_set(err, BS_ERR_IO, "cannot write %s: gnuplot wrote %lld bytes, not a whole %s%s", shown,
			    (long long)(n ? st.st_size : 0), kind[f],
			    statvfs(path, &vs) == 0 && vs.f_bavail == 0 ? " (no space left on device)" :
			    " (is the disk full?)");
}

/* reset, then the house style */
void bs_chart_style(bs_gp *gp, const char *title)
{
	bs_strbuf q = BS_STRBUF_INIT;

	bs_strbuf_init(&q);
	bs_gp_quote(&q, title);
	bs_gp_cmd(gp, "reset");
	bs_gp_cmd(gp, "set datafile separator '\\t'");
	bs_gp_cmd(gp, "set title %s font ',13'", q.buf);
	bs_strbuf_release(&q);
	bs_gp_cmd(gp, "set border 3 lc rgb '#555555'");
	bs_gp_cmd(gp, "set tics nomirror");
	bs_gp_cmd(gp, "set grid ytics lc rgb '#dddddd'");
	bs_gp_cmd(gp, "set key noautotitle");
	/* linetypes outlive "reset": set them in every chart, so that its
	 * colours never depend on the charts drawn before it */
	for (int i = 0; i < NPAL; i++)
		bs_gp_cmd(gp, "set linetype %d lc rgb '%s'", i + 1, bs_chart_palette[i]);
}

/* array NAME[n] of quoted labels */
void bs_chart_labels(bs_gp *gp, const char *name, char **labels, size_t n)
{
	bs_strbuf q = BS_STRBUF_INIT;

	bs_strbuf_init(&q);
	bs_gp_cmd(gp, "array %s[%zu]", name, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		bs_strbuf_reset(&q);
		bs_gp_quote(&q, labels[i]);
		bs_gp_cmd(gp, "%s[%zu] = %s", name, i + 1, q.buf);
	}
	bs_strbuf_release(&q);
}

/* a chart with nothing to show: say so instead of failing on log scales */
int bs_chart_empty(bs_gp *gp, const char *what)
{
	bs_gp_cmd(gp, "unset logscale");
	bs_gp_cmd(gp, "set label 99 '%s' at graph 0.5, 0.5 center", what);
	bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
	return BS_OK;
}

void bs_chart_free_labels(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* Label step for a year axis from first to last: every year up to 16 of
 * them, else every 2, 5, 10, 20, 25, 50 or 100 years. */
int bs_chart_year_step(int first, int last)
{
	static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
	int span = last - first + 1;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (span / steps[i] <= 16)
			return steps[i];
	return 100;
}

/* label at most max characters long (UTF-8), cut with an ellipsis; malloc'd */
char *bs_chart_short_label(const char *s, size_t max)
{
	bs_strbuf b = BS_STRBUF_INIT;

	bs_strbuf_init(&b);
	bs_utf8_ellipsize(s, max, &b);
	return bs_strbuf_detach(&b, NULL);
}
int bs_chart_unprepared(const char *name, bs_error *err)
{
	return bs_error_set(err, BS_ERR_USAGE, "internal: the %s chart was drawn before its runs were made", name);
}

void bs_chart_data_init(bs_chart_data *d)
{
	memset(d, 0, sizeof *d);
}

void bs_chart_data_release(bs_chart_data *d)
{
	bs_table_release(&d->themes);
	d->have_themes = 0;
}

const bs_chart bs_charts[] = {
	{"papers-per-year", "Papers per year, by venue", bs_chart_papers_per_year, 0, 0},
	{"top-authors", "Most prolific authors", bs_chart_top_authors, 0, 0},
	{"lotka", "Author productivity and Lotka's law", bs_chart_lotka, 0, 0},
	{"authors-per-paper", "Authors per paper", bs_chart_authors_per_paper, 0, 0},
	{"degree-distribution", "Co-authorship degree distribution", bs_chart_degree_distribution,
	 BS_CHART_GRAPH | BS_CHART_IGRAPH, BS_CHART_RUN_GRAPH},
	{"community-sizes", "Community sizes", bs_chart_community_sizes, BS_CHART_GRAPH | BS_CHART_IGRAPH,
	 BS_CHART_RUN_COMMUNITIES},
	{"network", "Co-authorship network of the most prolific authors", bs_chart_network,
	 BS_CHART_GRAPH | BS_CHART_IGRAPH, BS_CHART_RUN_COMMUNITIES},
	{"top-terms", "Top phrases", bs_chart_top_terms, BS_CHART_TERMS, BS_CHART_RUN_TERMS},
	{"trends", "Term trends", bs_chart_trends, BS_CHART_TERMS, BS_CHART_RUN_TERMS},
	{"bursts", "Term bursts", bs_chart_bursts, BS_CHART_TERMS, BS_CHART_RUN_TERMS},
	{"thematic-map", "Thematic map", bs_chart_thematic_map, BS_CHART_TERMS | BS_CHART_IGRAPH,
	 BS_CHART_RUN_TERMS | BS_CHART_RUN_THEMES},
	{"countries", "Countries by papers (SCP and MCP, every address)", bs_chart_countries, BS_CHART_RICH, 0},
	{"keyword-trends", "Top author keywords per year", bs_chart_keyword_trends, BS_CHART_RICH, 0},
	{NULL, NULL, NULL, 0, 0},
};

const bs_chart *bs_chart_find(const char *name)
{
	for (size_t i = 0; bs_charts[i].name; i++)
		if (!strcmp(bs_charts[i].name, name))
			return &bs_charts[i];
	return NULL;
}
