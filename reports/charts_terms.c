/* charts_terms.c - the charts of the keyword tables: top phrases, term
 * trends, bursts and the thematic map.  The caller has made the keyword
 * tables (and, for the map, the themes) current: bs_chart_data. */
#include "reports/charts_draw.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"
#include "analysis/keywords/topics.h"
#include "analysis/keywords/trends.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "store/chartdata.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* horizontal bars of labelled values: rows of (label, value) */
static void hbars(bs_gp *gp, bs_table *t, size_t label_col, size_t value_col, const char *xlabel, const char *color)
{
	size_t n = t->nrows;
	char **labels = bs_xcalloc(n + 1, sizeof *labels);

	for (size_t i = 0; i < n; i++)
		labels[n - 1 - i] = bs_xstrdup(bs_table_get(t, i, label_col));   /* top at the top */
	bs_chart_labels(gp, "T", labels, n);
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
	bs_chart_free_labels(labels, n);
}

/* the keyword tables are the caller's to make (bs_chart_data) */
static int terms_ready(const bs_chart_opts *o, const char *name, bs_error *err)
{
	return o->data && o->data->terms_ready ? BS_OK : bs_chart_unprepared(name, err);
}

/* 8. top terms */
int bs_chart_top_terms(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_topics_opts to;
	bs_table t;
	int rc = terms_ready(o, "top-terms", err);

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
	bs_chart_style(gp, "Top phrases (papers containing them)");
	if (t.nrows == 0) {   /* an empty datablock makes gnuplot fail, and the report with it */
		bs_table_release(&t);
		return bs_chart_empty(gp, "no phrases in this selection");
	}
	hbars(gp, &t, 1, 2, "papers", bs_chart_palette[2]);
	bs_table_release(&t);
	return BS_OK;
}

/* Papers with a year in the selection f: in all (*total) and in its
 * median year (*median); one query. */
static void selection_papers(bs_store *s, const bs_filter *f, long *total, long *median)
{
	bs_chartdata_count *per_year = NULL;
	size_t n = 0;
	bs_error e;

	*total = *median = 0;
	bs_error_clear(&e);
	/* without the numbers every year is shown: no error of its own */
	(void)bs_chartdata_papers_per_year(s, f, &per_year, &n, &e);
	for (size_t i = 0; i < n; i++)
		*total += per_year[i].n;
	if (n)
		*median = per_year[n / 2].n;
	free(per_year);
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

/* the terms of the trends chart, names and term ids */
typedef struct trend_terms {
	char **names;
	int64_t *ids;
	int n;
	int no_window;   /* fewer than two years to compare */
} trend_terms;

static void trend_terms_add(trend_terms *tt, const char *name, int64_t id)
{
	tt->names = bs_xrealloc(tt->names, (size_t)(tt->n + 1) * sizeof *tt->names);
	tt->ids = bs_xrealloc(tt->ids, (size_t)(tt->n + 1) * sizeof *tt->ids);
	tt->names[tt->n] = bs_xstrdup(name);
	tt->ids[tt->n++] = id;
}

static void trend_terms_release(trend_terms *tt)
{
	bs_chart_free_labels(tt->names, (size_t)tt->n);
	free(tt->ids);
	memset(tt, 0, sizeof *tt);
}

/* term (as typed) -> its stored id; near is filled only when the term has
 * words to look up (regression: released uninitialised for a stopword) */
static int trend_term_id(bs_store *s, const char *term, int64_t *id, bs_error *err)
{
	bs_strbuf key = BS_STRBUF_INIT;
	bs_terms_opts to;
	bs_table near;
	int rc;

	memset(&near, 0, sizeof near);
	bs_strbuf_init(&key);
	bs_terms_opts_init(&to);
	rc = bs_terms_key(&to, term, &key, err);
	if (!rc)
		rc = bs_trends_find_term(s, key.buf, term, id, &near, err);
	bs_table_release(&near);
	bs_strbuf_release(&key);
	return rc;
}

/* the chosen terms (o->terms), each of which must be found */
static int trend_terms_chosen(bs_store *s, const bs_chart_opts *o, trend_terms *tt, bs_error *err)
{
	for (int i = 0; i < o->nterms; i++) {
		int64_t id;
		int rc = trend_term_id(s, o->terms[i], &id, err);
		if (rc)
			return rc;
		trend_terms_add(tt, o->terms[i], id);
	}
	return BS_OK;
}

/* the top emerging terms of the selection of papers papers */
static int trend_terms_emerging(bs_store *s, const bs_filter *f, long papers, trend_terms *tt, bs_error *err)
{
	/* support: 20 papers, or 1 in 15 of a small selection (the bundled
	 * 30-paper example would show no term at 20) */
	long support = 20;
	bs_table g;
	int rc;

	if (papers / 15 < support)
		support = papers / 15 > 2 ? papers / 15 : 2;
	rc = bs_trends_growth(s, f, 0, support, 6, 0, &g, err);
	if (rc == BS_ERR_EMPTY) {   /* fewer than two years to compare */
		tt->no_window = 1;
		return BS_OK;
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < g.nrows; i++) {
		int64_t id;
		bs_error e;
		/* a term that cannot be looked up is left out */
		bs_error_clear(&e);
		if (!trend_term_id(s, bs_table_get(&g, i, 1), &id, &e))
			trend_terms_add(tt, bs_table_get(&g, i, 1), id);
	}
	bs_table_release(&g);
	return BS_OK;
}

/* one datablock $dI per term: (year, share) of the years with at least
 * min_total papers; *thin counts the years left out, [*first, *last] the
 * years shown */
static void trend_blocks(bs_gp *gp, bs_store *s, const bs_filter *f, const trend_terms *tt, long min_total,
			 int *thin, int *first, int *last)
{
	for (int i = 0; i < tt->n; i++) {
		bs_table t;
		bs_error e;
		int prev = 0;
		bs_error_clear(&e);
		bs_gp_cmd(gp, "$d%d << EOD", i);
		if (bs_trends_series(s, tt->ids[i], tt->names[i], 0, f, &t, &e)) {
			bs_gp_cmd(gp, "EOD");
			continue;
		}
		for (size_t r = 0; r < t.nrows; r++) {
			const char *year = bs_table_get(&t, r, 1), *total = bs_table_get(&t, r, 3);
			int y;
			if (!year)
				continue;
			if (total && strtol(total, NULL, 10) < min_total) {
				(*thin)++;
				continue;
			}
			y = (int)strtol(year, NULL, 10);
			if (!*first || y < *first)
				*first = y;
			if (y > *last)
				*last = y;
			/* a year without data (none, or too few papers) breaks
			 * the line: a blank line ends a segment in gnuplot */
			if (prev && y > prev + 1)
				bs_gp_cmd(gp, "%s", "");
			prev = y;
			bs_gp_cmd(gp, "%s\t%s", year, bs_table_get(&t, r, 4));
		}
		bs_table_release(&t);
		bs_gp_cmd(gp, "EOD");
	}
}

int bs_chart_trends(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	trend_terms tt;
	long papers, median, min_total;
	int thin = 0, first = 0, last = 0, rc = terms_ready(o, "trends", err);
	bs_filter f;

	if (rc)
		return rc;
	memset(&tt, 0, sizeof tt);
	f = o->filter;   /* venue and years (regression: the venue was dropped) */
	/* a year with a handful of papers gives shares that are noise (one
	 * paper: 0 or 100%): years under 5% of the median year's papers are
	 * left out, and the chart says so */
	selection_papers(s, &f, &papers, &median);
	min_total = median / 20 > 1 ? median / 20 : 1;
	rc = o->nterms > 0 ? trend_terms_chosen(s, o, &tt, err) : trend_terms_emerging(s, &f, papers, &tt, err);
	if (rc) {
		trend_terms_release(&tt);
		return rc;
	}
	bs_chart_style(gp, o->nterms > 0 ? "Share of papers per year" : "Share of papers per year: top emerging terms");
	bs_chart_labels(gp, "T", tt.names, (size_t)tt.n);
	trend_blocks(gp, s, &f, &tt, min_total, &thin, &first, &last);
	bs_gp_cmd(gp, "set xlabel 'year'");
	bs_gp_cmd(gp, "set ylabel 'share of papers (%%)'");
	bs_gp_cmd(gp, "set xtics %d", first ? bs_chart_year_step(first, last) : 1);
	bs_gp_cmd(gp, "set autoscale xfix");   /* the data's years plus the offsets, not the next tics */
	if (thin)
		bs_gp_cmd(gp, "set label 2 'years with fewer than %ld papers are not shown' at graph 0.99, graph 0.97 right",
			  min_total);
	(void)coverage_note(gp, s, &f, "graph 0.99, graph 0.93 right");
	bs_gp_cmd(gp, "set offsets 0.3, 0.3, 0, 0");
	bs_gp_cmd(gp, "set yrange [0:*]");
	bs_gp_cmd(gp, "set key top left");
	if (tt.n == 0) {
		bs_gp_cmd(gp, "set label 1 '%s' at graph 0.5,0.5 center", tt.no_window ?
			  "no emerging terms: the selection has fewer than two years to compare" : "no emerging terms");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
	} else {
		bs_strbuf cmd = BS_STRBUF_INIT;
		bs_strbuf_init(&cmd);
		bs_strbuf_adds(&cmd, "plot ");
		for (int i = 0; i < tt.n; i++)
			bs_strbuf_addf(&cmd, "%s$d%d using 1:2 with linespoints lw 2 pt 7 lc rgb '%s' title T[%d]",
				       i ? ", " : "", i, bs_chart_palette[i % NPAL], i + 1);
		bs_gp_cmd(gp, "%s", cmd.buf);
		bs_strbuf_release(&cmd);
	}
	trend_terms_release(&tt);
	return BS_OK;
}

/* 10. burst timeline */
int bs_chart_bursts(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_burst_opts bo;
	bs_filter f;
	bs_table t;
	char **labels;
	size_t n;
	int no_window = 0, rc = terms_ready(o, "bursts", err);

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
	bs_chart_style(gp, "Bursts (Kleinberg, two states)");
	labels = bs_xcalloc(n + 1, sizeof *labels);
	for (size_t i = 0; i < n; i++)
		labels[n - 1 - i] = bs_xstrdup(bs_table_get(&t, i, 1));
	bs_chart_labels(gp, "T", labels, n);
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
		bs_gp_cmd(gp, "set xtics %d", first ? bs_chart_year_step(first, last) : 1);
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
			  bs_chart_palette[3]);
	}
	bs_chart_free_labels(labels, n);
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
/* The themes worth a bubble: a theme of one term linked to no other
 * (centrality and density 0) is no theme: a selection of a few thousand
 * papers has a dozen, whose bubbles and labels piled up at the origin
 * over the axis labels; they are left out (*isolated counts them), and
 * the chart says how many. */
static void themes_linked(const bs_table *t, bs_table *kept, size_t *isolated)
{
	*isolated = 0;
	bs_table_init(kept, t->ncols, (const char *const *)t->names, t->types);
	for (size_t i = 0; i < t->nrows; i++) {
		size_t r;
		if (!strcmp(bs_table_get(t, i, 1), "1") && strtod(bs_table_get(t, i, 3), NULL) == 0 &&
		    strtod(bs_table_get(t, i, 4), NULL) == 0) {
			(*isolated)++;
			continue;
		}
		r = bs_table_add_row(kept);
		for (size_t c = 0; c < t->ncols; c++)
			bs_table_set_text(kept, r, c, bs_table_get(t, i, c));
	}
}

/* the median of column col of t's n rows (insertion sort: few themes) */
static double column_median(const bs_table *t, size_t col, size_t n)
{
	double *v = bs_xcalloc(n + 1, sizeof *v), m;

	for (size_t i = 0; i < n; i++)
		v[i] = strtod(bs_table_get(t, i, col), NULL);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j] < v[j - 1]; j--) {
			double x = v[j]; v[j] = v[j - 1]; v[j - 1] = x;
		}
	m = n ? (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) : 0;
	free(v);
	return m;
}

/* 11. thematic map, of the themes the caller built (bs_chart_data) */
int bs_chart_thematic_map(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err)
{
	bs_table t;
	char **labels;
	size_t n, isolated = 0;
	double mc, md, *ly;

	(void)s;
	if (!o->data || !o->data->terms_ready || !o->data->have_themes)
		return bs_chart_unprepared("thematic-map", err);
	if (o->data->have_themes == 2) {
		/* too small a corpus: draw an empty map rather than fail the report */
		bs_chart_style(gp, "Thematic map");
		bs_gp_cmd(gp, "set label 1 'too few phrases for a thematic map' at graph 0.5,0.5 center");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
		return BS_OK;
	}
	themes_linked(&o->data->themes, &t, &isolated);
	if (t.nrows == 0) {
		bs_table_release(&t);
		bs_chart_style(gp, "Thematic map");
		bs_gp_cmd(gp, "set label 1 'no themes: no phrase is linked to another' at graph 0.5,0.5 center");
		bs_gp_cmd(gp, "plot [0:1][0:1] NaN");
		return BS_OK;
	}
	n = t.nrows;
	labels = bs_xcalloc(n + 1, sizeof *labels);
	for (size_t i = 0; i < n; i++)
		labels[i] = bs_xstrdup(bs_table_get(&t, i, 6));
	mc = column_median(&t, 3, n);
	md = column_median(&t, 4, n);
	ly = label_ys(&t, labels, n, o);
	bs_chart_style(gp, "Thematic map: Callon centrality and density");
	bs_chart_labels(gp, "T", labels, n);
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
			      pmax, bs_chart_palette[4]);
	}
	bs_chart_free_labels(labels, n);
	bs_table_release(&t);
	return BS_OK;
}
