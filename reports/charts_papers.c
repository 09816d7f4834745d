/* charts_papers.c - the charts of papers, venues and years: papers per
 * year by venue, top authors, Lotka's law, authors per paper. */
#include "reports/charts_draw.h"
#include "base/strbuf.h"
#include "store/chartdata.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* the series of the chart: venue ids and labels, "other venues" last */
typedef struct ppy_series {
	char **label;      /* PPY_VENUES + 2 slots */
	int64_t vid[PPY_VENUES + 1];
	int nv, other;
} ppy_series;

/* The venues with the most papers (one more than shown, to know whether
 * an "other" series is needed). */
static int ppy_venues(bs_store *s, const bs_filter *f, ppy_series *sr, bs_error *err)
{
	bs_chartdata_venue *v;
	size_t n;
	int rc;

	sr->label = bs_xcalloc(PPY_VENUES + 2, sizeof *sr->label);
	sr->nv = sr->other = 0;
	rc = bs_chartdata_top_venues(s, f, PPY_VENUES + 2, &v, &n, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (sr->nv < PPY_VENUES + 1)
			sr->vid[sr->nv] = v[i].id;
		sr->label[sr->nv++] = bs_chart_short_label(v[i].name, 40);
	}
	bs_chartdata_free(v, n);
	if (sr->nv == PPY_VENUES + 2) {   /* more than one venue left over: sum them */
		free(sr->label[PPY_VENUES]);
		free(sr->label[PPY_VENUES + 1]);
		sr->label[PPY_VENUES] = bs_xstrdup("other venues");
		sr->label[PPY_VENUES + 1] = NULL;
		sr->nv = PPY_VENUES;
		sr->other = 1;
	}
	return BS_OK;
}

/* Every year from the first to the last, so that the axis is a time line
 * (a year without papers is an empty slot, not skipped); a long sparse
 * past (a bibliography citing a book of 1781) is one bar "<Y" instead, so
 * that every paper still counts.  Y, returned (0: no fold), is the latest
 * year, keeping PPY_MIN_SPAN years on the axis, before which lie at most
 * 1% of the papers, or at most 5% when a gap of more than ten years
 * without papers ends at Y.  rows come by year. */
static int ppy_cut(const bs_chartdata_year_venue *rows, size_t nrows)
{
	int first = rows[0].year, last = rows[nrows - 1].year, cut = 0;
	long total = 0, before = 0;
	size_t i = 0;
	int prev = first;   /* the latest year with papers before y */

	if (last - first + 1 <= PPY_MAX_SPAN)
		return 0;
	for (size_t k = 0; k < nrows; k++)
		total += rows[k].papers;
	for (int y = first + 1; y <= last - PPY_MIN_SPAN + 1; y++) {
		while (i < nrows && rows[i].year < y) {
			before += rows[i].papers;
			prev = rows[i++].year;
		}
		if (before * 100 <= total || (y - prev > 10 && before * 20 <= total))
			cut = y;
	}
	return cut <= first + 1 ? 0 : cut;   /* nothing worth folding */
}

/* the datablock $d: year (0 for the "before" bar, whose tic always
 * shows), tic label, one count per series */
static void ppy_block(bs_gp *gp, const bs_chartdata_year_venue *rows, size_t nrows, const ppy_series *sr,
		      int cut, int start, int ny)
{
	int nseries = sr->nv + sr->other;
	long *cnt = bs_xcalloc((size_t)ny * (size_t)nseries, sizeof *cnt);
	bs_strbuf row = BS_STRBUF_INIT;

	bs_strbuf_init(&row);
	for (size_t i = 0; i < nrows; i++) {   /* rows come by year */
		int k, slot = cut && rows[i].year < cut ? 0 : rows[i].year - start;
		for (k = 0; k < sr->nv && sr->vid[k] != rows[i].venue; k++)
			;
		if (k == sr->nv && !sr->other)
			continue;   /* cannot happen: every venue is a series or "other" */
		cnt[(size_t)slot * (size_t)nseries + (size_t)k] += rows[i].papers;
	}
	bs_chart_labels(gp, "V", sr->label, (size_t)nseries);
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
	free(cnt);
	bs_strbuf_release(&row);
}

int bs_chart_papers_per_year(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	const char *const *pal = bs_chart_palette;
	ppy_series sr;
	bs_chartdata_year_venue *rows = NULL;
	size_t nrows = 0;
	int first, last, cut, start, rc;

	memset(&sr, 0, sizeof sr);
	bs_chart_style(gp, "Papers per year, by venue");
	rc = ppy_venues(s, &o->filter, &sr, err);
	/* papers per (year, venue) */
	if (!rc)
		rc = bs_chartdata_year_venues(s, &o->filter, &rows, &nrows, err);
	if (rc)
		goto done;
	if (nrows == 0 || sr.nv + sr.other == 0) {
		rc = bs_chart_empty(gp, "no papers with a year in this selection");
		goto done;
	}
	first = rows[0].year;
	last = rows[nrows - 1].year;
	cut = ppy_cut(rows, nrows);
	start = cut ? cut - 1 : first;   /* slot 0: the "before" bar */
	ppy_block(gp, rows, nrows, &sr, cut, start, last - start + 1);
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
		  sr.nv + sr.other, bs_chart_year_step(cut ? cut : first, last), cut ? cut + 3 : 0, pal[0], pal[1],
		  pal[2], pal[3], pal[4], pal[5], pal[6], pal[7], pal[8], pal[9], pal[10], pal[11]);
done:
	if (sr.label)
		bs_chart_free_labels(sr.label, PPY_VENUES + 2);
	free(rows);
	return rc;
}

/* 2. top authors, full and fractional counts */
int bs_chart_top_authors(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
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
		bs_chart_style(gp, "Most prolific authors");
		return bs_chart_empty(gp, "no papers in this selection");
	}
	names = bs_xcalloc((size_t)n + 1, sizeof *names);
	for (int i = 0; i < n; i++)
		names[i] = bs_xstrdup(bs_table_get(&t, (size_t)i, 1));
	bs_chart_style(gp, "Most prolific authors: papers (full count) and fractional count");
	bs_chart_labels(gp, "A", names, (size_t)n);
	bs_gp_cmd(gp, "$d << EOD");
	for (int i = 0; i < n; i++)
		bs_gp_cmd(gp, "%s\t%s", bs_table_get(&t, (size_t)i, 2), bs_table_get(&t, (size_t)i, 3));
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style data histograms");
	bs_gp_cmd(gp, "set style histogram clustered gap 1");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set xtics rotate by 40 right");
	{
		/* a person's label ("Bo Han (adversarial; with Tongliang Liu)")
		 * runs down and to the left of its bar: room below and left */
		size_t longest = 0, first = 0;
		for (int i = 0; i < n; i++) {
			size_t len = strlen(names[i]);
			longest = len > longest ? len : longest;
			if (i < 3 && len > first)
				first = len;   /* the first bars' labels reach the left edge */
		}
		bs_gp_cmd(gp, "set bmargin %d", longest > 24 ? (int)(longest * 0.36) + 2 : 10);
		if (first > 16)
			bs_gp_cmd(gp, "set lmargin %d", (int)(first * 0.7));
	}
	bs_gp_cmd(gp, "set ylabel 'papers'");
	bs_gp_cmd(gp, "set yrange [0:*]");
	bs_gp_cmd(gp, "set key top right");
	bs_gp_cmd(gp, "plot $d using 1:xtic(A[int($0)+1]) title 'papers' lc rgb '%s', '' using 2 title 'fractional (1/n per paper)' lc rgb '%s'",
		  bs_chart_palette[0], bs_chart_palette[1]);
	bs_chart_free_labels(names, (size_t)n);
	bs_table_release(&t);
	return BS_OK;
}

/* 3. Lotka's law: authors with n papers, log-log, with a power-law fit */
int bs_chart_lotka(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_chartdata_count *rows;
	size_t nrows;
	double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, k = 0, a, c, r2;
	int rc = bs_chartdata_productivity(s, &o->filter, &rows, &nrows, err);

	if (rc)
		return rc;
	bs_chart_style(gp, "Author productivity and Lotka's law");
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < nrows; i++) {
		double x = (double)rows[i].key, y = (double)rows[i].n;
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
	free(rows);
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
		return bs_chart_empty(gp, "no papers in this selection");
	bs_gp_cmd(gp, "set logscale xy");
	bs_gp_cmd(gp, "set xlabel 'papers per author (n)'");
	bs_gp_cmd(gp, "set ylabel 'authors with n papers'");
	bs_gp_cmd(gp, "set key top right");
	bs_gp_cmd(gp, "f(x) = 10**(%.6f) * x**(-%.6f)", c, a);
	bs_gp_cmd(gp, "plot $d using 1:2 with points pt 7 ps 1 lc rgb '%s' title 'authors', f(x) with lines lw 2 lc rgb '%s'"
		  " title sprintf('Lotka fit: authors = %%.0f / n^%%.2f  (R² = %%.3f)', %.6f, %.6f, %.6f)",
		  bs_chart_palette[0], bs_chart_palette[3], pow(10, c), a, r2);
	return BS_OK;
}

/* 4. authors per paper */
int bs_chart_authors_per_paper(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_chartdata_count *rows;
	size_t nrows;
	int rc = bs_chartdata_authors_per_paper(s, &o->filter, &rows, &nrows, err);

	if (rc)
		return rc;
	bs_chart_style(gp, "Authors per paper");
	bs_gp_cmd(gp, "$d << EOD");
	for (size_t i = 0; i < nrows; i++)
		bs_gp_cmd(gp, "%d\t%lld", (int)rows[i].key, (long long)rows[i].n);
	free(rows);
	if (nrows == 0) {
		bs_gp_cmd(gp, "EOD");
		return bs_chart_empty(gp, "no papers in this selection");
	}
	bs_gp_cmd(gp, "EOD");
	bs_gp_cmd(gp, "set style fill solid 0.85 border -1");
	bs_gp_cmd(gp, "set boxwidth 0.8");
	bs_gp_cmd(gp, "set logscale y");
	bs_gp_cmd(gp, "set xlabel 'authors on the paper'");
	bs_gp_cmd(gp, "set ylabel 'papers'");
	bs_gp_cmd(gp, "set xrange [-0.5:*]");
	bs_gp_cmd(gp, "plot $d using 1:2 with boxes lc rgb '%s'", bs_chart_palette[0]);
	return BS_OK;
}
