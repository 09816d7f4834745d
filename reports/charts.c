#include "reports/charts.h"
#include "base/clock.h"
#include "analysis/analyze.h"
#include "analysis/graph/layout.h"
#include "base/strbuf.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"
#include "analysis/keywords/topics.h"
#include "analysis/keywords/trends.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

/* fonts: DejaVu for Latin, Greek, Cyrillic; WenQuanYi Micro Hei for CJK */
#define FONT "DejaVu Sans,WenQuanYi Micro Hei"

static const char *const palette[] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
	"#bcbd22", "#17becf", "#393b79", "#637939",
};
#define NPAL 12

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
static void style(bs_gp *gp, const char *title)
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
		bs_gp_cmd(gp, "set linetype %d lc rgb '%s'", i + 1, palette[i]);
}

/* array NAME[n] of quoted labels */
static void label_array(bs_gp *gp, const char *name, char **labels, size_t n)
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

/* The chart filter as SQL over papers p, with parameters ?101-?103: the
 * selection every query of a chart shares (query.h). */
#define PAPER_FILTER BS_FILTER_SQL
#define bind_filter bs_filter_bind

/* a chart with nothing to show: say so instead of failing on log scales */
static int empty_plot(bs_gp *gp, const char *what)
{
	bs_gp_cmd(gp, "unset logscale");
	bs_gp_cmd(gp, "set label 99 '%s' at graph 0.5, 0.5 center", what);
	bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
	return BS_OK;
}

static int db_err(bs_store *s, bs_error *err)
{
	return bs_error_set(err, BS_ERR_DB, "%s: %s", bs_store_path(s), sqlite3_errmsg(bs_store_db(s)));
}

static void free_labels(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* Label step for a year axis from first to last: every year up to 16 of
 * them, else every 2, 5, 10, 20, 25, 50 or 100 years. */
static int year_step(int first, int last)
{
	static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
	int span = last - first + 1;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (span / steps[i] <= 16)
			return steps[i];
	return 100;
}

/* label at most max characters long (UTF-8), cut with an ellipsis; malloc'd */
static char *short_label(const char *s, size_t max)
{
	bs_strbuf b = BS_STRBUF_INIT;

	bs_strbuf_init(&b);
	bs_utf8_ellipsize(s, max, &b);
	return bs_strbuf_detach(&b, NULL);
}

/* 1. papers per year, stacked by venue: the PPY_VENUES venues with the most
 * papers in the selection by name, every other venue summed into one
 * "other venues" series, so that every paper is counted and the key stays
 * readable whatever the number of venues (a DBLP export has hundreds); with
 * many years only every 2nd, 5th, 10th, ... year is labelled. */
#define PPY_VENUES 10
/* a time line longer than PPY_MAX_SPAN years folds its sparse past into
 * one bar, keeping at least PPY_MIN_SPAN years on the axis */
#define PPY_MAX_SPAN 60
#define PPY_MIN_SPAN 30

static int papers_per_year(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	char **venues = NULL;
	int64_t vid[PPY_VENUES + 1];
	long *cnt = NULL;
	struct ppy_row { int year; int64_t venue; long n; } *rows = NULL;
	size_t nrows = 0, caprows = 0;
	int nv = 0, nseries, ny = 0, first = 0, last = 0, start = 0, cut = 0, other = 0, step = 1, rc = BS_OK;
	bs_strbuf vkey = BS_STRBUF_INIT, row = BS_STRBUF_INIT;

	bs_strbuf_init(&vkey);
	bs_strbuf_init(&row);
	style(gp, "Papers per year, by venue");
	/* the venues with the most papers (one more than shown, to know
	 * whether an "other" series is needed) */
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT COALESCE(p.venue_id, 0), COALESCE(v.name, '(no venue)'), COUNT(*)"
			       " FROM papers p LEFT JOIN venues v ON v.id = p.venue_id WHERE p.year > 0 AND" PAPER_FILTER
			       " GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err);
		goto cleanup;
	}
	bind_filter(st, &o->filter, &vkey);
	sqlite3_bind_int(st, 1, PPY_VENUES + 2);
	venues = bs_xcalloc(PPY_VENUES + 2, sizeof *venues);
	while (sqlite3_step(st) == SQLITE_ROW && nv < PPY_VENUES + 2) {
		if (nv < PPY_VENUES + 1)
			vid[nv] = sqlite3_column_int64(st, 0);
		venues[nv++] = short_label((const char *)sqlite3_column_text(st, 1), 40);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (nv == PPY_VENUES + 2) {   /* more than one venue left over: sum them */
		free(venues[PPY_VENUES]);
		free(venues[PPY_VENUES + 1]);
		venues[PPY_VENUES] = bs_xstrdup("other venues");
		venues[PPY_VENUES + 1] = NULL;
		nv = PPY_VENUES;
		other = 1;
	}
	nseries = nv + other;
	/* papers per (year, venue) */
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT p.year, COALESCE(p.venue_id, 0), COUNT(*) FROM papers p"
			       " WHERE p.year > 0 AND" PAPER_FILTER " GROUP BY 1, 2 ORDER BY 1", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err);
		goto cleanup;
	}
	bind_filter(st, &o->filter, &vkey);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nrows == caprows) {
			caprows = caprows ? 2 * caprows : 256;
			rows = bs_xrealloc(rows, caprows * sizeof *rows);
		}
		rows[nrows].year = sqlite3_column_int(st, 0);
		rows[nrows].venue = sqlite3_column_int64(st, 1);
		rows[nrows++].n = (long)sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (nrows == 0 || nseries == 0) {
		rc = empty_plot(gp, "no papers with a year in this selection");
		goto cleanup;
	}
	/* every year from the first to the last, so that the axis is a time
	 * line (a year without papers is an empty slot, not skipped); a long
	 * sparse past (a bibliography citing a book of 1781) is one bar
	 * "<Y" instead, so that every paper still counts.  Y is the latest
	 * year, keeping PPY_MIN_SPAN years on the axis, before which lie at
	 * most 1% of the papers, or at most 5% when a gap of more than ten
	 * years without papers ends at Y */
	first = rows[0].year;
	last = rows[nrows - 1].year;
	if (last - first + 1 > PPY_MAX_SPAN) {
		long total = 0, before = 0;
		size_t i = 0;
		int prev = first;   /* the latest year with papers before y */
		for (size_t k = 0; k < nrows; k++)
			total += rows[k].n;
		for (int y = first + 1; y <= last - PPY_MIN_SPAN + 1; y++) {
			while (i < nrows && rows[i].year < y) {
				before += rows[i].n;
				prev = rows[i++].year;
			}
			if (before * 100 <= total || (y - prev > 10 && before * 20 <= total))
				cut = y;
		}
		if (cut <= first + 1)
			cut = 0;   /* nothing worth folding */
	}
	start = cut ? cut - 1 : first;   /* slot 0: the "before" bar */
	ny = last - start + 1;
	cnt = bs_xcalloc((size_t)ny * (size_t)nseries, sizeof *cnt);
	for (size_t i = 0; i < nrows; i++) {   /* rows come by year */
		int k, slot = cut && rows[i].year < cut ? 0 : rows[i].year - start;
		for (k = 0; k < nv && vid[k] != rows[i].venue; k++)
			;
		if (k == nv && !other)
			continue;   /* cannot happen: every venue is a series or "other" */
		cnt[(size_t)slot * (size_t)nseries + (size_t)k] += rows[i].n;
	}
	label_array(gp, "V", venues, (size_t)nseries);
	/* columns: year (0 for the "before" bar, whose tic always shows), tic
	 * label, one count per series */
	bs_gp_cmd(gp, "$d << EOD");
	for (int y = 0; y < ny; y++) {
		bs_strbuf_reset(&row);
		if (cut && y == 0)
			bs_strbuf_addf(&row, "0\t<%d", cut);
		else
			bs_strbuf_addf(&row, "%d\t%d", start + y, start + y);
		for (int v = 0; v < nseries; v++)
			bs_strbuf_addf(&row, "\t%ld", cnt[(size_t)y * (size_t)nseries + (size_t)v]);
		bs_gp_cmd(gp, "%s", row.buf);
	}
	bs_gp_cmd(gp, "EOD");
	step = year_step(cut ? cut : first, last);
	bs_gp_cmd(gp, "set style data histograms");
	bs_gp_cmd(gp, "set style histogram rowstacked");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set boxwidth 0.7");
	bs_gp_cmd(gp, "set ylabel 'papers'");
	bs_gp_cmd(gp, "set key outside right top vertical");
	bs_gp_cmd(gp, "set yrange [0:*]");
	/* the "before" bar's tic always shows; the years just after it do not,
	 * so that the labels do not overlap */
	bs_gp_cmd(gp, "plot for [i=1:%d] $d using (column(i+2)):xtic(int($1) == 0 ||"
		  " (int($1) %% %d == 0 && int($1) >= %d) ? stringcolumn(2) : '')"
		  " title V[i] lc rgb word('%s %s %s %s %s %s %s %s %s %s %s %s', (i-1)%%12+1)",
		  nseries, step, cut ? cut + 3 : 0, palette[0], palette[1], palette[2], palette[3], palette[4], palette[5],
		  palette[6], palette[7], palette[8], palette[9], palette[10], palette[11]);
cleanup:
	sqlite3_finalize(st);
	if (venues)
		free_labels(venues, PPY_VENUES + 2);
	free(cnt);
	free(rows);
	bs_strbuf_release(&vkey);
	bs_strbuf_release(&row);
	return rc;
}

/* 2. top authors, full and fractional counts */
static int top_authors(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_filter f;
	bs_table t;
	char **names;
	int n, rc;

	f = o->filter;
	rc = bs_query_top_authors(s, &f, 0, o->top > 0 ? o->top : 20, &t, err);
	if (rc)
		return rc;
	n = (int)t.nrows;
	if (n == 0) {
		bs_table_release(&t);
		style(gp, "Most prolific authors");
		return empty_plot(gp, "no papers in this selection");
	}
	names = bs_xcalloc((size_t)n + 1, sizeof *names);
	for (int i = 0; i < n; i++)
		names[i] = bs_xstrdup(bs_table_get(&t, (size_t)i, 1));
	style(gp, "Most prolific authors: papers (full count) and fractional count");
	label_array(gp, "A", names, (size_t)n);
	bs_gp_cmd(gp, "$d << EOD");
	for (int i = 0; i < n; i++)
		bs_gp_cmd(gp, "%s\t%s", bs_table_get(&t, (size_t)i, 2), bs_table_get(&t, (size_t)i, 3));
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style data histograms");
	bs_gp_cmd(gp, "set style histogram clustered gap 1");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set xtics rotate by 40 right");
	bs_gp_cmd(gp, "set bmargin 10");
	bs_gp_cmd(gp, "set ylabel 'papers'");
	bs_gp_cmd(gp, "set yrange [0:*]");
	bs_gp_cmd(gp, "set key top right");
	bs_gp_cmd(gp, "plot $d using 1:xtic(A[int($0)+1]) title 'papers' lc rgb '%s', '' using 2 title 'fractional (1/n per paper)' lc rgb '%s'",
		  palette[0], palette[1]);
	free_labels(names, (size_t)n);
	bs_table_release(&t);
	return BS_OK;
}

/* 3. Lotka's law: authors with n papers, log-log, with a power-law fit */
static int lotka(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	sqlite3_stmt *st;
	double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, k = 0, a, c, r2;

	bs_strbuf vkey = BS_STRBUF_INIT;

	bs_strbuf_init(&vkey);
	/* without a filter the counts come from the index authorship_author
	 * alone, without a lookup of every byline's paper */
	if (sqlite3_prepare_v2(bs_store_db(s), !bs_filter_active(&o->filter) ?
			       "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM authorship s"
			       " GROUP BY s.author_id) GROUP BY n ORDER BY n" :
			       "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM authorship s"
			       " JOIN papers p ON p.id = s.paper_id WHERE" PAPER_FILTER
			       " GROUP BY s.author_id) GROUP BY n ORDER BY n", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err);
	bind_filter(st, &o->filter, &vkey);
	style(gp, "Author productivity and Lotka's law");
	bs_gp_cmd(gp, "$d << EOD");
	while (sqlite3_step(st) == SQLITE_ROW) {
		double x = sqlite3_column_double(st, 0), y = sqlite3_column_double(st, 1);
		bs_gp_cmd(gp, "%.0f\t%.0f", x, y);
		x = log10(x);
		y = log10(y);
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
		syy += y * y;
		k++;
	}
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	bs_gp_cmd(gp, "EOD");
	/* least squares on log10: log y = c - a log x */
	if (k >= 2 && k * sxx - sx * sx != 0) {
		double b = (k * sxy - sx * sy) / (k * sxx - sx * sx);
		double den = sqrt((k * sxx - sx * sx) * (k * syy - sy * sy));
		a = -b;
		c = (sy - b * sx) / k;
		r2 = den > 0 ? pow((k * sxy - sx * sy) / den, 2) : 0;
	} else {
		a = 2;
		c = 0;
		r2 = 0;
	}
	if (k == 0)
		return empty_plot(gp, "no papers in this selection");
	bs_gp_cmd(gp, "set logscale xy");
	bs_gp_cmd(gp, "set xlabel 'papers per author (n)'");
	bs_gp_cmd(gp, "set ylabel 'authors with n papers'");
	bs_gp_cmd(gp, "set key top right");
	bs_gp_cmd(gp, "f(x) = 10**(%.6f) * x**(-%.6f)", c, a);
	bs_gp_cmd(gp, "plot $d using 1:2 with points pt 7 ps 1 lc rgb '%s' title 'authors', f(x) with lines lw 2 lc rgb '%s'"
		  " title sprintf('Lotka fit: authors = %%.0f / n^%%.2f  (R² = %%.3f)', %.6f, %.6f, %.6f)",
		  palette[0], palette[3], pow(10, c), a, r2);
	return BS_OK;
}

/* 4. authors per paper */
static int authors_per_paper(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	sqlite3_stmt *st;
	bs_strbuf vkey = BS_STRBUF_INIT;
	long rows = 0;

	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT n_authors, COUNT(*) FROM papers p WHERE" PAPER_FILTER
			       " GROUP BY n_authors ORDER BY 1", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err);
	bind_filter(st, &o->filter, &vkey);
	style(gp, "Authors per paper");
	bs_gp_cmd(gp, "$d << EOD");
	while (sqlite3_step(st) == SQLITE_ROW) {
		bs_gp_cmd(gp, "%d\t%lld", sqlite3_column_int(st, 0), (long long)sqlite3_column_int64(st, 1));
		rows++;
	}
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	if (rows == 0) {
		bs_gp_cmd(gp, "EOD");
		return empty_plot(gp, "no papers in this selection");
	}
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set boxwidth 0.8");
	bs_gp_cmd(gp, "set logscale y");
	bs_gp_cmd(gp, "set xlabel 'authors on the paper'");
	bs_gp_cmd(gp, "set ylabel 'papers'");
	bs_gp_cmd(gp, "set xrange [-0.5:*]");
	bs_gp_cmd(gp, "plot $d using 1:2 with boxes lc rgb '%s'", palette[0]);
	return BS_OK;
}

/* default graph run id (computing it when needed) */
static int graph_run(bs_store *s, const bs_filter *f, int64_t *run, bs_error *err)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_analysis_info info;

	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_metrics_opts_init(&mo);
	return bs_analyze_graph(s, &go, &mo, 0, run, &info, err);
}

static int community_run(bs_store *s, const bs_filter *f, int64_t *run, bs_error *err)
{
	bs_graph_opts go;
	bs_community_opts co;
	bs_analysis_info info;

	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_community_opts_init(&co);
	return bs_analyze_communities(s, &go, &co, 0, run, &info, err);
}

int bs_charts_prepare_graph(bs_store *s, const bs_chart_opts *o, int64_t *grun, int64_t *crun, bs_error *err)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;

	bs_graph_opts_init(&go);
	go.filter = o->filter;
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	return bs_analyze_graph_communities(s, &go, &mo, &co, grun, crun, err);
}

static json_t *run_summary(bs_store *s, int64_t run)
{
	sqlite3_stmt *st;
	json_t *j = NULL;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT summary FROM runs WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, run);
		if (sqlite3_step(st) == SQLITE_ROW)
			j = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
		sqlite3_finalize(st);
	}
	return j ? j : json_object();
}

/* 5. degree distribution, log-log */
static int degree_distribution(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	int64_t run;
	json_t *sum, *h;
	int rc = graph_run(s, &o->filter, &run, err);

	if (rc)
		return rc;
	sum = run_summary(s, run);
	h = json_object_get(sum, "degree_distribution");
	style(gp, "Co-authorship degree distribution");
	bs_gp_cmd(gp, "$d << EOD");
	{
		long rows = 0;
		for (size_t i = 0; i < json_array_size(h); i++) {
			json_int_t d = json_integer_value(json_array_get(json_array_get(h, i), 0));
			json_int_t n = json_integer_value(json_array_get(json_array_get(h, i), 1));
			if (d > 0) {
				bs_gp_cmd(gp, "%lld\t%lld", (long long)d, (long long)n);
				rows++;
			}
		}
		bs_gp_cmd(gp, "EOD");
		if (rows == 0) {
			json_decref(sum);
			return empty_plot(gp, "no co-authorship links");
		}
	}
	bs_gp_cmd(gp, "set logscale xy");
	bs_gp_cmd(gp, "set xlabel 'co-authors (degree)'");
	bs_gp_cmd(gp, "set ylabel 'authors'");
	bs_gp_cmd(gp, "plot $d using 1:2 with points pt 7 ps 0.9 lc rgb '%s'", palette[0]);
	json_decref(sum);
	return BS_OK;
}

/* 6. community sizes */
static int community_sizes(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	int64_t run;
	sqlite3_stmt *st;
	json_t *sum;
	int rc = community_run(s, &o->filter, &run, err), n = o->top > 0 ? o->top : 30;

	if (rc)
		return rc;
	sum = run_summary(s, run);
	style(gp, "Largest co-authorship communities (Leiden)");
	bs_gp_cmd(gp, "set label 1 sprintf('%%d communities, modularity %%.3f', %lld, %.6f) at graph 0.98, 0.95 right",
		  (long long)json_integer_value(json_object_get(sum, "communities")),
		  json_real_value(json_object_get(sum, "modularity")));
	json_decref(sum);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT community, size FROM community_summary WHERE run_id = ?1"
			       " ORDER BY community LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err);
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int(st, 2, n);
	bs_gp_cmd(gp, "$d << EOD");
	while (sqlite3_step(st) == SQLITE_ROW)
		bs_gp_cmd(gp, "%d\t%lld", sqlite3_column_int(st, 0), (long long)sqlite3_column_int64(st, 1));
	sqlite3_finalize(st);
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

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
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
} top_net;

static void top_net_release(top_net *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->name[i]);
	free(t->id);
	free(t->papers);
	free(t->name);
	memset(t, 0, sizeof *t);
}

static int top_network(bs_store *s, const bs_chart_opts *o, int n, top_net *t, igraph_t *sub, igraph_vector_t *w,
		       bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	igraph_vector_int_t edges;
	bs_graph_opts go;
	int rc = BS_OK;

	memset(t, 0, sizeof *t);
	bs_strbuf_init(&vkey);
	bs_graph_opts_init(&go);
	t->id = bs_xcalloc((size_t)n + 1, sizeof *t->id);
	t->papers = bs_xcalloc((size_t)n + 1, sizeof *t->papers);
	t->name = bs_xcalloc((size_t)n + 1, sizeof *t->name);
	/* the top n, then in author-id order, as the graph's vertices are */
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT author_id, k FROM (SELECT s.author_id, COUNT(*) AS k"
			       " FROM authorship s JOIN papers p ON p.id = s.paper_id WHERE" PAPER_FILTER
			       " GROUP BY s.author_id ORDER BY k DESC, s.author_id LIMIT ?1) ORDER BY author_id",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err);
		goto cleanup;
	}
	sqlite3_bind_int(st, 1, n);
	bind_filter(st, &o->filter, &vkey);
	while (t->n < n && sqlite3_step(st) == SQLITE_ROW) {
		t->id[t->n] = sqlite3_column_int64(st, 0);
		t->papers[t->n++] = (double)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT name FROM authors WHERE id = ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err);
		goto cleanup;
	}
	for (int i = 0; i < t->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, t->id[i]);
		t->name[i] = bs_xstrdup(sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "");
	}
	sqlite3_finalize(st);
	st = NULL;
	/* edges a < b among the shown authors */
	igraph_vector_int_init(&edges, 0);
	igraph_vector_init(w, 0);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT b.author_id, COUNT(*) FROM authorship a"
			       " JOIN papers p ON p.id = a.paper_id JOIN authorship b ON b.paper_id = a.paper_id"
			       " WHERE a.author_id = ?1 AND b.author_id > ?1 AND p.n_authors <= ?2 AND" PAPER_FILTER
			       " GROUP BY b.author_id ORDER BY b.author_id", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err);
		igraph_vector_int_destroy(&edges);
		igraph_vector_destroy(w);
		goto cleanup;
	}
	bind_filter(st, &o->filter, &vkey);
	sqlite3_bind_int(st, 2, go.max_authors);
	for (int i = 0; i < t->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, t->id[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t b = sqlite3_column_int64(st, 0);
			const int64_t *hit = bsearch(&b, t->id, (size_t)t->n, sizeof *t->id, cmp_id);
			if (!hit)
				continue;
			igraph_vector_int_push_back(&edges, i);
			igraph_vector_int_push_back(&edges, (igraph_integer_t)(hit - t->id));
			igraph_vector_push_back(w, (double)sqlite3_column_int64(st, 1));
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (igraph_create(sub, &edges, t->n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		igraph_vector_destroy(w);
		rc = bs_igraph_error(err, IGRAPH_FAILURE, "network chart");
	}
	igraph_vector_int_destroy(&edges);
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	if (rc)
		top_net_release(t);
	return rc;
}

/* 7. co-authorship network of the most prolific authors */
static int network(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	top_net t;
	int64_t crun;
	int n = o->top > 0 ? o->top : 60, labelled = 25, rc;
	igraph_t sub;
	igraph_matrix_t pos;
	igraph_vector_t w;
	long *comm = NULL;

	rc = community_run(s, &o->filter, &crun, err);
	if (rc)
		return rc;
	rc = top_network(s, o, n, &t, &sub, &w, err);
	if (rc)
		return rc;
	n = t.n;
	igraph_matrix_init(&pos, 0, 0);
	bs_layout_compute(&sub, &w, o->seed, &pos);
	/* community of each shown author */
	comm = bs_xcalloc((size_t)n + 1, sizeof *comm);
	{
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(bs_store_db(s), "SELECT community FROM communities WHERE run_id = ?1 AND author_id = ?2",
				       -1, &st, NULL) == SQLITE_OK) {
			for (int i = 0; i < n; i++) {
				sqlite3_reset(st);
				sqlite3_bind_int64(st, 1, crun);
				sqlite3_bind_int64(st, 2, t.id[i]);
				comm[i] = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
			}
			sqlite3_finalize(st);
		}
	}
	style(gp, "Co-authorship network of the most prolific authors");
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
			  0.6 + 0.35 * sqrt(t.papers[i]), comm[i] % NPAL + 1);
	bs_gp_cmd(gp, "EOD");
	/* labels for the most prolific (keep is sorted by vertex id: rank again) */
	{
		bs_strbuf q = BS_STRBUF_INIT;
		int *idx = bs_xmalloc((size_t)(n ? n : 1) * sizeof *idx);
		bs_strbuf_init(&q);
		for (int i = 0; i < n; i++)
			idx[i] = i;
		for (int i = 0; i < n; i++)     /* selection sort by papers, small n */
			for (int j = i + 1; j < n; j++)
				if (t.papers[idx[j]] > t.papers[idx[i]]) {
					int t = idx[i];
					idx[i] = idx[j];
					idx[j] = t;
				}
		for (int r = 0; r < n && r < labelled; r++) {
			int i = idx[r];
			bs_strbuf_reset(&q);
			bs_gp_quote(&q, t.name[i]);
			/* alternate above and below to keep neighbours' labels apart */
			bs_gp_cmd(gp, "set label %d %s at %.4f,%.4f offset 0,%s center font ',8' front", r + 1, q.buf,
				  MATRIX(pos, i, 0), MATRIX(pos, i, 1), r % 2 ? "-1.1" : "1.1");
		}
		free(idx);
		bs_strbuf_release(&q);
	}
	bs_gp_cmd(gp, "plot $e using 1:2:3:4 with vectors nohead lw 1 lc rgb '#bbbbbb', "
		      "$v using 1:2:3:4 with points pt 7 ps variable lc variable");
	free(comm);
	igraph_matrix_destroy(&pos);
	igraph_vector_destroy(&w);
	igraph_destroy(&sub);
	top_net_release(&t);
	return BS_OK;
}

/* horizontal bars of labelled values: rows of (label, value) */
static void hbars(bs_gp *gp, bs_table *t, size_t label_col, size_t value_col, const char *xlabel, const char *color)
{
	size_t n = t->nrows;
	char **labels = bs_xcalloc(n + 1, sizeof *labels);

	for (size_t i = 0; i < n; i++)
		labels[n - 1 - i] = bs_xstrdup(bs_table_get(t, i, label_col));   /* top at the top */
	label_array(gp, "T", labels, n);
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < n; i++)
		bs_gp_cmd(gp, "%s", bs_table_get(t, n - 1 - i, value_col));
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set grid xtics lc rgb '#dddddd'");
	bs_gp_cmd(gp, "unset grid");
	bs_gp_cmd(gp, "set lmargin 28");
	bs_gp_cmd(gp, "set xlabel '%s'", xlabel);
	bs_gp_cmd(gp, "set xrange [0:*]");
	bs_gp_cmd(gp, "set yrange [-0.7:%.1f]", n ? (double)n - 1 + 0.7 : 0.7);
	bs_gp_cmd(gp, "plot $d using ($1/2):0:($1/2):(0.38):ytic(T[int($0)+1]) with boxxyerror lc rgb '%s'", color);
	free_labels(labels, n);
}

static int ensure_terms(bs_store *s, bs_error *err)
{
	bs_terms_opts to;
	bs_terms_info info;

	bs_terms_opts_init(&to);
	return bs_terms_ensure(s, &to, 0, &info, err);
}

/* 8. top terms */
static int top_terms(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_topics_opts to;
	bs_table t;
	int rc = ensure_terms(s, err);

	if (rc)
		return rc;
	bs_topics_opts_init(&to);
	to.filter = o->filter;
	to.top = o->top > 0 ? o->top : 25;
	to.kind = BS_TERMS_PHRASES;
	to.distinct = 1;   /* "deep neural networks", not also "deep neural" */
	rc = bs_topics_query(s, &to, &t, err);
	if (rc)
		return rc;
	style(gp, "Top phrases (papers containing them)");
	if (t.nrows == 0) {   /* an empty datablock makes gnuplot fail, and the report with it */
		bs_table_release(&t);
		return empty_plot(gp, "no phrases in this selection");
	}
	hbars(gp, &t, 1, 2, "papers", palette[2]);
	bs_table_release(&t);
	return BS_OK;
}

/* Papers with a year in the selection f: in all (*total) and in its
 * median year (*median); one query. */
static void selection_papers(bs_store *s, const bs_filter *f, long *total, long *median)
{
	sqlite3_stmt *st;
	long *per_year = NULL;
	size_t n = 0, cap = 0;
	bs_strbuf vkey = BS_STRBUF_INIT;

	*total = *median = 0;
	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT COUNT(*) FROM papers p WHERE p.year > 0 AND" PAPER_FILTER
			       " GROUP BY p.year ORDER BY 1", -1, &st, NULL) == SQLITE_OK) {
		bind_filter(st, f, &vkey);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				per_year = bs_xrealloc(per_year, cap * sizeof *per_year);
			}
			per_year[n] = (long)sqlite3_column_int64(st, 0);
			*total += per_year[n++];
		}
	}
	sqlite3_finalize(st);
	if (n)
		*median = per_year[n / 2];
	free(per_year);
	bs_strbuf_release(&vkey);
}

/* 9. trend lines for chosen terms, or the top emerging ones */
/* A note on a chart of shares over years whose abstract coverage is
 * uneven (trends.h, bs_trends_abstract_coverage): numbers only, no user
 * text. */
static int coverage_note(bs_gp *gp, bs_store *s, const bs_filter *f, const char *where)
{
	bs_coverage c;
	bs_error e;

	bs_error_clear(&e);
	if (bs_trends_abstract_coverage(s, f, &c, &e) || !c.uneven)
		return 0;
	bs_gp_cmd(gp, "set label 3 'abstracts cover %.0f%% of the papers of %d, %.0f%% of %d:"
		  " terms of abstracts rise where abstracts begin' at %s", 100 * c.low, c.low_year,
		  100 * c.high, c.high_year, where);
	return 1;
}

static int trends(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_table g;
	char **names = NULL;
	int64_t *ids = NULL;
	long papers, median, min_total;
	int n = 0, thin = 0, first = 0, last = 0, no_window = 0, rc = ensure_terms(s, err);
	bs_filter f;

	if (rc)
		return rc;
	f = o->filter;   /* venue and years (regression: the venue was dropped) */
	/* a year with a handful of papers gives shares that are noise (one
	 * paper: 0 or 100%): years under 5% of the median year's papers are
	 * left out, and the chart says so */
	selection_papers(s, &f, &papers, &median);
	min_total = median / 20 > 1 ? median / 20 : 1;
	if (o->nterms > 0) {
		bs_terms_opts to;
		bs_terms_opts_init(&to);
		for (int i = 0; i < o->nterms; i++) {
			bs_strbuf key = BS_STRBUF_INIT;
			bs_table near;
			int64_t id;
			/* near is filled only when the term has words to look up
			 * (regression: released uninitialised for a stopword) */
			memset(&near, 0, sizeof near);
			bs_strbuf_init(&key);
			rc = bs_terms_key(&to, o->terms[i], &key, err);
			if (!rc)
				rc = bs_trends_find_term(s, key.buf, o->terms[i], &id, &near, err);
			bs_table_release(&near);
			bs_strbuf_release(&key);
			if (rc) {
				free_labels(names, (size_t)n);
				free(ids);
				return rc;
			}
			names = bs_xrealloc(names, (size_t)(n + 1) * sizeof *names);
			ids = bs_xrealloc(ids, (size_t)(n + 1) * sizeof *ids);
			names[n] = bs_xstrdup(o->terms[i]);
			ids[n++] = id;
		}
	} else {
		/* support: 20 papers, or 1 in 15 of a small selection (the
		 * bundled 30-paper example would show no term at 20) */
		long support = 20;
		if (papers / 15 < support)
			support = papers / 15 > 2 ? papers / 15 : 2;
		rc = bs_trends_growth(s, &f, 0, support, 6, 0, &g, err);
		if (rc == BS_ERR_EMPTY) {   /* fewer than two years to compare */
			no_window = 1;
			rc = BS_OK;
			memset(&g, 0, sizeof g);
		}
		if (rc)
			return rc;
		for (size_t i = 0; i < g.nrows; i++) {
			bs_strbuf key = BS_STRBUF_INIT;
			bs_table near;
			bs_terms_opts to;
			int64_t id;
			memset(&near, 0, sizeof near);
			bs_strbuf_init(&key);
			bs_terms_opts_init(&to);
			if (!bs_terms_key(&to, bs_table_get(&g, i, 1), &key, err) &&
			    !bs_trends_find_term(s, key.buf, bs_table_get(&g, i, 1), &id, &near, err)) {
				names = bs_xrealloc(names, (size_t)(n + 1) * sizeof *names);
				ids = bs_xrealloc(ids, (size_t)(n + 1) * sizeof *ids);
				names[n] = bs_xstrdup(bs_table_get(&g, i, 1));
				ids[n++] = id;
			}
			bs_table_release(&near);
			bs_strbuf_release(&key);
		}
		bs_table_release(&g);
	}
	style(gp, o->nterms > 0 ? "Share of papers per year" : "Share of papers per year: top emerging terms");
	label_array(gp, "T", names, (size_t)n);
	for (int i = 0; i < n; i++) {
		bs_table t;
		bs_gp_cmd(gp, "$d%d << EOD", i);
		if (!bs_trends_series(s, ids[i], names[i], 0, &f, &t, err)) {
			int prev = 0;
			for (size_t r = 0; r < t.nrows; r++) {
				const char *year = bs_table_get(&t, r, 1), *total = bs_table_get(&t, r, 3);
				int y;
				if (!year)
					continue;
				if (total && atol(total) < min_total) {
					thin++;
					continue;
				}
				y = (int)strtol(year, NULL, 10);
				if (!first || y < first)
					first = y;
				if (y > last)
					last = y;
				/* a year without data (none, or too few papers) breaks
				 * the line: a blank line ends a segment in gnuplot */
				if (prev && y > prev + 1)
					bs_gp_cmd(gp, "%s", "");
				prev = y;
				bs_gp_cmd(gp, "%s\t%s", year, bs_table_get(&t, r, 4));
			}
			bs_table_release(&t);
		}
		bs_gp_cmd(gp, "EOD");
	}
	bs_gp_cmd(gp, "set xlabel 'year'");
	bs_gp_cmd(gp, "set ylabel 'share of papers (%%)'");
	bs_gp_cmd(gp, "set xtics %d", first ? year_step(first, last) : 1);
	bs_gp_cmd(gp, "set autoscale xfix");   /* the data's years plus the offsets, not the next tics */
	if (thin)
		bs_gp_cmd(gp, "set label 2 'years with fewer than %ld papers are not shown' at graph 0.99, graph 0.97 right",
			  min_total);
	(void)coverage_note(gp, s, &f, "graph 0.99, graph 0.93 right");
	bs_gp_cmd(gp, "set offsets 0.3, 0.3, 0, 0");
	bs_gp_cmd(gp, "set yrange [0:*]");
	bs_gp_cmd(gp, "set key top left");
	if (n == 0) {
		bs_gp_cmd(gp, "set label 1 '%s' at graph 0.5,0.5 center", no_window ?
			  "no emerging terms: the selection has fewer than two years to compare" : "no emerging terms");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
	} else {
		bs_strbuf cmd = BS_STRBUF_INIT;
		bs_strbuf_init(&cmd);
		bs_strbuf_adds(&cmd, "plot ");
		for (int i = 0; i < n; i++)
			bs_strbuf_addf(&cmd, "%s$d%d using 1:2 with linespoints lw 2 pt 7 lc rgb '%s' title T[%d]",
				       i ? ", " : "", i, palette[i % NPAL], i + 1);
		bs_gp_cmd(gp, "%s", cmd.buf);
		bs_strbuf_release(&cmd);
	}
	free_labels(names, (size_t)n);
	free(ids);
	return BS_OK;
}

/* 10. burst timeline */
static int bursts(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_burst_opts bo;
	bs_filter f;
	bs_table t;
	char **labels;
	size_t n;
	int no_window = 0, rc = ensure_terms(s, err);

	if (rc)
		return rc;
	f = o->filter;
	bs_burst_opts_init(&bo);
	bo.top = o->top > 0 ? o->top : 15;
	rc = bs_trends_bursts(s, &f, &bo, &t, err);
	if (rc == BS_ERR_EMPTY) {   /* fewer than two years */
		memset(&t, 0, sizeof t);
		no_window = 1;
		rc = BS_OK;
	}
	if (rc)
		return rc;
	n = t.nrows;
	style(gp, "Bursts (Kleinberg, two states)");
	labels = bs_xcalloc(n + 1, sizeof *labels);
	for (size_t i = 0; i < n; i++)
		labels[n - 1 - i] = bs_xstrdup(bs_table_get(&t, i, 1));
	label_array(gp, "T", labels, n);
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < n; i++) {
		size_t r = n - 1 - i;
		bs_gp_cmd(gp, "%s\t%s\t%s", bs_table_get(&t, r, 2), bs_table_get(&t, r, 3), bs_table_get(&t, r, 4));
	}
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set lmargin 28");
	bs_gp_cmd(gp, "set xlabel 'year'");
	{
		int first = 0, last = 0;
		for (size_t i = 0; i < n; i++) {
			int a = (int)strtol(bs_table_get(&t, i, 2), NULL, 10), b = (int)strtol(bs_table_get(&t, i, 3), NULL, 10);
			if (!first || a < first)
				first = a;
			if (b > last)
				last = b;
		}
		bs_gp_cmd(gp, "set xtics %d", first ? year_step(first, last) : 1);
	}
	bs_gp_cmd(gp, "set grid xtics lc rgb '#dddddd'");
	if (coverage_note(gp, s, &f, "screen 0.5, screen 0.02 center"))
		bs_gp_cmd(gp, "set bmargin 5");
	bs_gp_cmd(gp, "set yrange [-0.7:%.1f]", n ? (double)n - 1 + 0.7 : 0.7);
	if (n == 0) {
		bs_gp_cmd(gp, "set label 1 '%s' at graph 0.5,0.5 center", no_window ?
			  "no bursts: the selection has fewer than two years" : "no bursts");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
	} else {
		bs_gp_cmd(gp, "plot $d using (($1+$2)/2):0:(($2-$1)/2+0.45):(0.35):ytic(T[int($0)+1]) with boxxyerror lc rgb '%s'",
			  palette[3]);
	}
	free_labels(labels, n);
	bs_table_release(&t);
	return BS_OK;
}

/* The y (in data units) of each theme's label: above its bubble, else
 * below, else one more line above or below, and so on, the first place
 * that does not overlap a label placed before it (themes are numbered by
 * size, so the larger keep the places nearest their bubble).  Label boxes
 * are estimated in pixels of a width x height chart: 6 px a character and
 * 14 px a line of the 8-point labels, the nearest places 30 px from the
 * bubble's centre (measured on the PNG); the data ranges get the offsets
 * the plot sets.  O(n^2 * places), n <= 64. */
#define LABEL_PLACES 12
static double *label_ys(const bs_table *t, char **labels, size_t n, const bs_chart_opts *o)
{
	double *lp = bs_xcalloc(n + 1, sizeof *lp);   /* label y: pixels, then data units */
	double *x = bs_xcalloc(n + 1, sizeof *x), *y = bs_xcalloc(n + 1, sizeof *y), *w = bs_xcalloc(n + 1, sizeof *w);
	double xlo = 0, xhi = 0, ylo = 0, yhi = 0, xs, ys, pw = o->width > 200 ? o->width - 130 : 70,
	       ph = o->height > 200 ? o->height - 120 : 80;

	for (size_t i = 0; i < n; i++) {
		x[i] = strtod(bs_table_get(t, i, 3), NULL);
		y[i] = strtod(bs_table_get(t, i, 4), NULL);
		w[i] = 6.0 * (double)bs_utf8_width(labels[i]);
		if (!i || x[i] < xlo) xlo = x[i];
		if (!i || x[i] > xhi) xhi = x[i];
		if (!i || y[i] < ylo) ylo = y[i];
		if (!i || y[i] > yhi) yhi = y[i];
	}
	/* to pixels, with the plot's offsets (0.12 + 0.12, 0.25 + 0.15) */
	xs = (xhi - xlo) * 1.24;
	ys = (yhi - ylo) * 1.40;
	if (ys <= 0)
		ys = fabs(yhi) > 0 ? fabs(yhi) : 1;   /* one level: any scale keeps them apart */
	for (size_t i = 0; i < n; i++) {
		x[i] = xs > 0 ? (x[i] - xlo) / xs * pw : 0;
		y[i] = (y[i] - ylo) / ys * ph;
	}
	for (size_t i = 0; i < n; i++) {
		lp[i] = y[i] + 30;
		for (int k = 0; k < LABEL_PLACES; k++) {
			/* 0: above, 1: below, 2: a line higher, 3: a line lower, ... */
			double at = y[i] + (k % 2 ? -1 : 1) * (30 + (k / 2) * 14);
			int clash = 0;
			for (size_t j = 0; j < i && !clash; j++)
				clash = fabs(x[i] - x[j]) < (w[i] + w[j]) / 2 + 4 && fabs(at - lp[j]) < 14;
			if (!clash) {
				lp[i] = at;
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++)   /* back to data units */
		lp[i] = ylo + lp[i] / ph * ys;
	free(x);
	free(y);
	free(w);
	return lp;
}

/* 11. thematic map */
static int thematic_map(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_theme_opts th;
	bs_table t;
	char **labels;
	size_t n, isolated = 0;
	double mc, md, *ly;
	int rc = ensure_terms(s, err);

	if (rc)
		return rc;
	bs_theme_opts_init(&th);
	th.top_terms = 2;
	th.filter = o->filter;   /* regression: the map was of every paper */
	rc = bs_themes_build(s, &th, &t, err);
	if (rc == BS_ERR_EMPTY) {
		/* too small a corpus: draw an empty map rather than fail the report */
		style(gp, "Thematic map");
		bs_gp_cmd(gp, "set label 1 'too few phrases for a thematic map' at graph 0.5,0.5 center");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
		return BS_OK;
	}
	if (rc)
		return rc;
	/* a theme of one term linked to no other (centrality and density 0)
	 * is no theme: a selection of a few thousand papers has a dozen,
	 * whose bubbles and labels piled up at the origin over the axis
	 * labels; they are left out, and the chart says how many */
	{
		bs_table kept;
		bs_table_init(&kept, t.ncols, (const char *const *)t.names, t.types);
		for (size_t i = 0; i < t.nrows; i++) {
			size_t r;
			if (!strcmp(bs_table_get(&t, i, 1), "1") && strtod(bs_table_get(&t, i, 3), NULL) == 0 &&
			    strtod(bs_table_get(&t, i, 4), NULL) == 0) {
				isolated++;
				continue;
			}
			r = bs_table_add_row(&kept);
			for (size_t c = 0; c < t.ncols; c++)
				bs_table_set_text(&kept, r, c, bs_table_get(&t, i, c));
		}
		bs_table_release(&t);
		t = kept;
	}
	if (t.nrows == 0) {
		bs_table_release(&t);
		style(gp, "Thematic map");
		bs_gp_cmd(gp, "set label 1 'no themes: no phrase is linked to another' at graph 0.5,0.5 center");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
		return BS_OK;
	}
	n = t.nrows;
	labels = bs_xcalloc(n + 1, sizeof *labels);
	{
		double *c = bs_xcalloc(n + 1, sizeof *c), *d = bs_xcalloc(n + 1, sizeof *d);
		for (size_t i = 0; i < n; i++) {
			labels[i] = bs_xstrdup(bs_table_get(&t, i, 6));
			c[i] = strtod(bs_table_get(&t, i, 3), NULL);
			d[i] = strtod(bs_table_get(&t, i, 4), NULL);
		}
		/* medians by insertion sort (few themes) */
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && c[j] < c[j - 1]; j--) {
				double x = c[j]; c[j] = c[j - 1]; c[j - 1] = x;
			}
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && d[j] < d[j - 1]; j--) {
				double x = d[j]; d[j] = d[j - 1]; d[j - 1] = x;
			}
		mc = n ? (n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2) : 0;
		md = n ? (n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2) : 0;
		free(c);
		free(d);
	}
	ly = label_ys(&t, labels, n, o);
	style(gp, "Thematic map: Callon centrality and density");
	label_array(gp, "T", labels, n);
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < n; i++)
		bs_gp_cmd(gp, "%s\t%s\t%s\t%zu\t%.6g", bs_table_get(&t, i, 3), bs_table_get(&t, i, 4),
			  bs_table_get(&t, i, 2), i % NPAL, ly[i]);
	bs_gp_cmd(gp, "EOD");
	free(ly);
	bs_gp_cmd(gp, "set xlabel 'centrality (relevance)'");
	bs_gp_cmd(gp, "set ylabel 'density (development)'");
	bs_gp_cmd(gp, "set arrow 1 from %.6f, graph 0 to %.6f, graph 1 nohead dt 2 lc rgb '#888888'", mc, mc);
	bs_gp_cmd(gp, "set arrow 2 from graph 0, first %.6f to graph 1, first %.6f nohead dt 2 lc rgb '#888888'", md, md);
	bs_gp_cmd(gp, "set label 11 'motor themes' at graph 0.98, graph 0.96 right tc rgb '#888888'");
	bs_gp_cmd(gp, "set label 12 'niche themes' at graph 0.02, graph 0.96 left tc rgb '#888888'");
	bs_gp_cmd(gp, "set label 13 'emerging or declining' at graph 0.02, graph 0.04 left tc rgb '#888888'");
	bs_gp_cmd(gp, "set label 14 'basic themes' at graph 0.98, graph 0.04 right tc rgb '#888888'");
	if (isolated)
		bs_gp_cmd(gp, "set label 15 '%zu %s linked to no other %s not shown' at screen 0.99, screen 0.02 right"
			  " tc rgb '#888888'", isolated, isolated == 1 ? "term" : "terms", isolated == 1 ? "is" : "are");
	bs_gp_cmd(gp, "set offsets graph 0.12, graph 0.12, graph 0.25, graph 0.15");
	/* centrality and density are >= 0: the margins may not take the axes
	 * below 0 (they went to -0.2 on the corpus); [0<*:*] autoscales with
	 * 0 as the lowest minimum, and a bubble at 0 is drawn whole */
	bs_gp_cmd(gp, "set xrange [0<*:*]");
	bs_gp_cmd(gp, "set yrange [0<*:*]");
	/* bubble area by papers, relative to the largest theme: an absolute
	 * scale (sqrt(papers / 1000)) made 1M-paper themes bubbles a third of
	 * the chart wide, over each other and over the labels, which sit about
	 * 30 pixels from a centre (label_ys) */
	{
		double pmax = 1;
		for (size_t i = 0; i < n; i++) {
			double p = strtod(bs_table_get(&t, i, 2), NULL);
			if (p > pmax)
				pmax = p;
		}
		bs_gp_cmd(gp, "plot $d using 1:2:(1+5*sqrt($3/%.17g)) with points pt 7 ps variable lc rgb '%s', "
			      "$d using 1:5:(T[int($0)+1]) with labels font ',8'",
			      pmax, palette[4]);
	}
	free_labels(labels, n);
	bs_table_release(&t);
	return BS_OK;
}

const bs_chart bs_charts[] = {
	{"papers-per-year", "Papers per year, by venue", papers_per_year, 0},
	{"top-authors", "Most prolific authors", top_authors, 0},
	{"lotka", "Author productivity and Lotka's law", lotka, 0},
	{"authors-per-paper", "Authors per paper", authors_per_paper, 0},
	{"degree-distribution", "Co-authorship degree distribution", degree_distribution, BS_CHART_GRAPH | BS_CHART_IGRAPH},
	{"community-sizes", "Community sizes", community_sizes, BS_CHART_GRAPH | BS_CHART_IGRAPH},
	{"network", "Co-authorship network of the most prolific authors", network, BS_CHART_GRAPH | BS_CHART_IGRAPH},
	{"top-terms", "Top phrases", top_terms, BS_CHART_TERMS},
	{"trends", "Term trends", trends, BS_CHART_TERMS},
	{"bursts", "Term bursts", bursts, BS_CHART_TERMS},
	{"thematic-map", "Thematic map", thematic_map, BS_CHART_TERMS | BS_CHART_IGRAPH},
	{NULL, NULL, NULL, 0},
};

const bs_chart *bs_chart_find(const char *name)
{
	for (size_t i = 0; bs_charts[i].name; i++)
		if (!strcmp(bs_charts[i].name, name))
			return &bs_charts[i];
	return NULL;
}
