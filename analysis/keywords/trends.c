#include "analysis/keywords/trends.h"
#include "store/keywords.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Levenshtein distance between two strings, by bytes, capped. */
static int edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	int *prev, *cur, r;

	if (n > 64 || m > 64)
		return 99;
	prev = bs_xmalloc((m + 1) * sizeof *prev);
	cur = bs_xmalloc((m + 1) * sizeof *cur);
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < c)
				c = prev[j] + 1;
			if (cur[j - 1] + 1 < c)
				c = cur[j - 1] + 1;
			cur[j] = c;
		}
		memcpy(prev, cur, (m + 1) * sizeof *prev);
	}
	r = prev[m];
	free(prev);
	free(cur);
	return r;
}

typedef struct nearby { int dist; long papers; char *display; } nearby;

static int cmp_near(const void *x, const void *y)
{
	const nearby *a = x, *b = y;
	if (a->dist != b->dist)
		return a->dist - b->dist;
	if (a->papers != b->papers)
		return a->papers > b->papers ? -1 : 1;
	return strcmp(a->display, b->display);
}

/* the nearest terms so far (bs_trends_find_term) */
typedef struct near_scan {
	nearby best[5];
	int nb;
	const char *typed;      /* lowercased */
} near_scan;

static int near_term(void *ud, const bs_keywords_term *t)
{
	near_scan *ns = ud;
	nearby c;

	c.display = (char *)t->display;
	c.papers = (long)(int)t->papers;
	c.dist = edit_distance(ns->typed, c.display);
	if (ns->nb < 5 || cmp_near(&c, &ns->best[ns->nb - 1]) < 0) {
		if (ns->nb < 5)
			ns->nb++;
		else
			free(ns->best[ns->nb - 1].display);
		c.display = bs_xstrdup(c.display);
		ns->best[ns->nb - 1] = c;
		qsort(ns->best, (size_t)ns->nb, sizeof *ns->best, cmp_near);
	}
	return 0;
}

int bs_trends_find_term(bs_store *s, const char *key, const char *typed, int64_t *id,
			bs_table *near, bs_error *err)
{
	static const char *const cols[] = {"term", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT};
	near_scan ns;
	int found = 0, rc;
	bs_strbuf low = BS_STRBUF_INIT;

	*id = 0;
	bs_table_init(near, 2, cols, types);
	/* term ids start at 0 (regression: the most frequent term, id 0, was "no such term") */
	rc = bs_keywords_term_id(s, key, id, &found, err);
	if (rc || found)
		return rc;
	/* nearest by edit distance of the display form, among terms in 2+ papers */
	memset(&ns, 0, sizeof ns);
	bs_strbuf_init(&low);
	bs_text_key(typed, strlen(typed), &low);
	ns.typed = low.buf;
	rc = bs_keywords_terms_in(s, 2, near_term, &ns, err);
	for (int i = 0; i < ns.nb; i++) {
		size_t r = bs_table_add_row(near);
		bs_table_set_text(near, r, 0, ns.best[i].display);
		bs_table_set_int(near, r, 1, ns.best[i].papers);
		free(ns.best[i].display);
	}
	bs_strbuf_release(&low);
	return rc ? rc : bs_error_set(err, BS_ERR_NOTFOUND, "no such term: '%s'", typed);
}

/* one row of a trend series */
typedef struct series_scan {
	bs_table *out;
	const char *display;
	int by_venue;
} series_scan;

static int series_row(void *ud, const bs_keywords_series_row *r)
{
	series_scan *ss = ud;
	bs_table *out = ss->out;
	size_t row = bs_table_add_row(out);
	int c = 0;

	bs_table_set_text(out, row, c++, ss->display);
	if (ss->by_venue)
		bs_table_set_text(out, row, c++, r->venue);
	if (r->year > 0)
		bs_table_set_int(out, row, c, r->year);
	c++;
	bs_table_set_int(out, row, c++, r->papers);
	bs_table_set_int(out, row, c++, r->total);
	bs_table_set_real(out, row, c, r->total ? 100.0 * (double)r->papers / (double)r->total : 0, 2);
	return 0;
}

int bs_trends_series(bs_store *s, int64_t term, const char *display, int by_venue,
		     const bs_filter *f, bs_table *out, bs_error *err)
{
	static const char *const c1[] = {"term", "year", "papers", "total", "share"};
	static const bs_col_type t1[] = {BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL};
	static const char *const c2[] = {"term", "venue", "year", "papers", "total", "share"};
	static const bs_col_type t2[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL};
	series_scan ss = {out, display, by_venue};

	if (by_venue)
		bs_table_init(out, 6, c2, t2);
	else
		bs_table_init(out, 5, c1, t1);
	return bs_keywords_series(s, term, by_venue, f, series_row, &ss, err);
}

static int coverage_year(void *ud, int year, int64_t papers, int64_t with_abstract)
{
	bs_coverage *c = ud;
	double share = (double)with_abstract / (double)papers;

	if (!c->n_years++ || share < c->low) {
		c->low = share;
		c->low_year = year;
	}
	if (c->n_years == 1 || share > c->high) {
		c->high = share;
		c->high_year = year;
	}
	return 0;
}

int bs_trends_abstract_coverage(bs_store *s, const bs_filter *f, bs_coverage *c, bs_error *err)
{
	int rc;

	memset(c, 0, sizeof *c);
	rc = bs_keywords_abstract_years(s, f, BS_YEAR_MIN_PAPERS, coverage_year, c, err);
	c->uneven = c->n_years && c->high - c->low > BS_COVERAGE_GAP;
	return rc;
}

/* The window [*a, *b]: f's years, else the first and last years of the
 * papers f selects with at least min_papers papers (a bibliography's
 * single book of 1781 is no year to compare with), else their first and
 * last years.  One year is no window (regression: --years 2023 compared
 * 2023 with itself, every G2 was 0 and the "emerging" terms were the
 * first names in alphabetical order). */
static int year_range(bs_store *s, const bs_filter *f, long min_papers, int *a, int *b, bs_error *err)
{
	*a = f ? f->year_from : 0;
	*b = f ? f->year_to : 0;
	if (*a && *b && *a < *b)
		return BS_OK;
	if (!*a || !*b) {
		int lo, hi;
		int rc = bs_keywords_year_bounds(s, f, *a ? *a : 1, *b ? *b : 9999, min_papers, &lo, &hi, err);
		if (rc)
			return rc;
		if (!*a)
			*a = lo;
		if (!*b)
			*b = hi;
	}
	if (!*a || !*b || *a >= *b)
		return bs_error_set(err, BS_ERR_EMPTY, "growth needs at least two years of papers (have %d-%d)", *a, *b);
	return BS_OK;
}

typedef struct grow { char *display; long p0, p1; double s0, s1, g, g2, key; } grow;

static double xlogx_ratio(double x, double e)
{
	return x > 0 && e > 0 ? x * log(x / e) : 0;
}

/* Dunning's log-likelihood ratio G2 of the 2x2 table (papers with and
 * without the term, first and last year). */
static double g2(double a, double n1, double b, double n2)
{
	double k = a + b, n = n1 + n2, e1 = n1 * k / n, e2 = n2 * k / n;
	return 2 * (xlogx_ratio(a, e1) + xlogx_ratio(b, e2) + xlogx_ratio(n1 - a, n1 - e1) +
		    xlogx_ratio(n2 - b, n2 - e2));
}

static int cmp_grow_desc(const void *x, const void *y)
{
	const grow *a = x, *b = y;
	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return strcmp(a->display, b->display);
}

static int cmp_grow_asc(const void *x, const void *y)
{
	const grow *a = x, *b = y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return strcmp(a->display, b->display);
}

/* the growth of the terms between two years (bs_trends_growth) */
typedef struct growth_scan {
	grow *g;
	size_t n, cap;
	long N0, N1, min_support;
	int declining, by_ratio;
} growth_scan;

static int growth_term(void *ud, const char *display, int64_t in_a, int64_t in_b)
{
	growth_scan *gs = ud;
	long p0 = (long)in_a, p1 = (long)in_b, N0 = gs->N0, N1 = gs->N1;
	int declining = gs->declining, by_ratio = gs->by_ratio;
	grow *g;

	if ((declining ? p0 : p1) < gs->min_support)
		return 0;
	if (gs->n == gs->cap) {
		gs->cap = gs->cap ? 2 * gs->cap : 1024;
		gs->g = bs_xrealloc(gs->g, gs->cap * sizeof *gs->g);
	}
	g = &gs->g[gs->n];
	g->p0 = p0;
	g->p1 = p1;
	g->s0 = (double)p0 / (double)N0;
	g->s1 = (double)p1 / (double)N1;
	g->g = log(((double)p1 + 0.5) / ((double)N1 + 1)) - log(((double)p0 + 0.5) / ((double)N0 + 1));
	g->g2 = g2((double)p0, (double)N0, (double)p1, (double)N1);
	if (g->s1 < g->s0)
		g->g2 = -g->g2;   /* signed: negative for a falling share */
	g->key = by_ratio ? g->g : g->g2;
	if (by_ratio ? 0 : (declining ? g->g2 > 0 : g->g2 < 0))
		return 0;   /* keyness ranking lists only the right direction */
	g->display = bs_xstrdup(display);
	gs->n++;
	return 0;
}

static int growth(bs_store *s, const bs_filter *f, int declining, long min_support, int top,
		  int by_ratio, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"rank", "term", "first year", "first share", "last year",
					   "last share", "growth", "G2", "papers"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL, BS_COL_INT,
					    BS_COL_REAL, BS_COL_REAL, BS_COL_REAL, BS_COL_INT};
	growth_scan gs;
	int a, b, rc;

	memset(&gs, 0, sizeof gs);
	bs_table_init(out, 9, cols, types);
	rc = year_range(s, f, BS_YEAR_MIN_PAPERS, &a, &b, err);
	if (!rc)
		rc = bs_keywords_papers_in_year(s, f, a, &gs.N0, err);
	if (!rc)
		rc = bs_keywords_papers_in_year(s, f, b, &gs.N1, err);
	if (rc)
		return rc;
	if (!gs.N0 || !gs.N1)
		return bs_error_set(err, BS_ERR_EMPTY, "no papers in %d or %d", a, b);
	gs.min_support = min_support;
	gs.declining = declining;
	gs.by_ratio = by_ratio;
	rc = bs_keywords_year_pairs(s, f, a, b, growth_term, &gs, err);
	if (!rc && gs.n)
		qsort(gs.g, gs.n, sizeof *gs.g, declining ? cmp_grow_asc : cmp_grow_desc);
	for (size_t i = 0; i < gs.n; i++) {
		const grow *g = &gs.g[i];
		if (!rc && (top <= 0 || (int)i < top)) {
			size_t r = bs_table_add_row(out);
			bs_table_set_int(out, r, 0, (long long)i + 1);
			bs_table_set_text(out, r, 1, g->display);
			bs_table_set_int(out, r, 2, a);
			bs_table_set_real(out, r, 3, 100 * g->s0, 2);
			bs_table_set_int(out, r, 4, b);
			bs_table_set_real(out, r, 5, 100 * g->s1, 2);
			bs_table_set_real(out, r, 6, g->g, 3);
			bs_table_set_real(out, r, 7, g->g2, 1);
			bs_table_set_int(out, r, 8, declining ? g->p0 : g->p1);
		}
		free(g->display);
	}
	free(gs.g);
	return rc;
}

void bs_burst_opts_init(bs_burst_opts *o)
{
	o->s = 2;
	o->gamma = 1;
	o->min_papers = 20;
	o->top = 20;
}

/* -log of the binomial likelihood without the (constant) coefficient */
static double cost(double r, double d, double p)
{
	if (p <= 0)
		p = 1e-12;
	if (p >= 1)
		p = 1 - 1e-12;
	return -(r * log(p) + (d - r) * log(1 - p));
}

void bs_kleinberg(const double *r, const double *d, int n, double s, double gamma, int *state,
		  double *gain)
{
	double R = 0, D = 0, p0, p1, tau;
	double c[2], prev[2];
	int *back = bs_xcalloc((size_t)(2 * (n ? n : 1)), sizeof *back);

	for (int t = 0; t < n; t++) {
		R += r[t];
		D += d[t];
	}
	p0 = D > 0 ? R / D : 0;
	p1 = s * p0;
	if (p1 >= 1)
		p1 = 0.9999;
	tau = gamma * log((double)(n > 1 ? n : 2));
	prev[0] = 0;
	prev[1] = tau;   /* starting in the burst state costs an entry */
	for (int t = 0; t < n; t++) {
		double c0 = cost(r[t], d[t], p0), c1 = cost(r[t], d[t], p1);
		gain[t] = c0 - c1;
		/* into state 0: from 0 or from 1 (leaving is free) */
		if (prev[0] <= prev[1]) {
			c[0] = prev[0] + c0;
			back[2 * t] = 0;
		} else {
			c[0] = prev[1] + c0;
			back[2 * t] = 1;
		}
		/* into state 1: from 1, or from 0 paying tau */
		if (prev[1] <= prev[0] + tau) {
			c[1] = prev[1] + c1;
			back[2 * t + 1] = 1;
		} else {
			c[1] = prev[0] + tau + c1;
			back[2 * t + 1] = 0;
		}
		if (t == 0) {
			c[0] = c0;
			back[0] = 0;
			c[1] = tau + c1;
			back[1] = 0;
		}
		prev[0] = c[0];
		prev[1] = c[1];
	}
	if (n > 0) {
		int q = prev[1] < prev[0] ? 1 : 0;
		for (int t = n - 1; t >= 0; t--) {
			state[t] = q;
			q = back[2 * t + q];
		}
	}
	free(back);
}

typedef struct burst { char *display; int start, end; double weight; long papers; } burst;

static int cmp_burst(const void *x, const void *y)
{
	const burst *a = x, *b = y;
	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return strcmp(a->display, b->display);
}

/* bs_trends_growth and bs_trends_bursts release out on error: their
 * callers (the report's charts) have nothing to release then */
int bs_trends_growth(bs_store *s, const bs_filter *f, int declining, long min_support, int top,
		     int by_ratio, bs_table *out, bs_error *err)
{
	int rc = growth(s, f, declining, min_support, top, by_ratio, out, err);

	if (rc)
		bs_table_release(out);
	return rc;
}

/* the yearly counts of one term at a time, and the bursts found so far */
typedef struct burst_scan {
	const bs_burst_opts *o;
	int a, ny;               /* first year, years */
	double *d, *r, *gain;    /* per year: papers, papers with the term, cost saved */
	int *state;
	int64_t cur;             /* the term being read, -1 before the first */
	char *disp;
	long total;              /* its papers in the window */
	burst *bu;
	size_t nb, capb;
} burst_scan;

/* The bursts of the term just read.  A burst is a run of burst-state
 * years with papers: a year without any paper (Viterbi keeps the state
 * across it for free) ends it, so no burst spans a gap in the data. */
static void burst_flush(burst_scan *bs)
{
	int ny = bs->ny;

	if (bs->cur < 0 || bs->total < bs->o->min_papers)
		return;
	bs_kleinberg(bs->r, bs->d, ny, bs->o->s, bs->o->gamma, bs->state, bs->gain);
	for (int t = 0; t < ny;) {
		int e = t;
		double w = 0;
		long p = 0;
		if (!bs->state[t] || bs->d[t] <= 0) {
			t++;
			continue;
		}
		while (e < ny && bs->state[e] && bs->d[e] > 0) {
			w += bs->gain[e];
			p += (long)bs->r[e];
			e++;
		}
		if (bs->nb == bs->capb) {
			bs->capb = bs->capb ? 2 * bs->capb : 256;
			bs->bu = bs_xrealloc(bs->bu, bs->capb * sizeof *bs->bu);
		}
		bs->bu[bs->nb].display = bs_xstrdup(bs->disp);
		bs->bu[bs->nb].start = bs->a + t;
		bs->bu[bs->nb].end = bs->a + e - 1;
		bs->bu[bs->nb].weight = w;
		bs->bu[bs->nb].papers = p;
		bs->nb++;
		t = e;
	}
}

static int burst_row(void *ud, int64_t term, const char *display, int year, int64_t papers)
{
	burst_scan *bs = ud;

	if (term != bs->cur) {
		burst_flush(bs);
		bs->cur = term;
		free(bs->disp);
		bs->disp = bs_xstrdup(display);
		memset(bs->r, 0, (size_t)bs->ny * sizeof *bs->r);
		bs->total = 0;
	}
	bs->r[year - bs->a] = (double)papers;
	bs->total += (long)papers;
	return 0;
}

static int bursts(bs_store *s, const bs_filter *f, const bs_burst_opts *o, bs_table *out,
		  bs_error *err)
{
	static const char *const cols[] = {"rank", "term", "start", "end", "weight", "papers"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_REAL,
					    BS_COL_INT};
	burst_scan bs;
	int a, b, rc;

	memset(&bs, 0, sizeof bs);
	bs_table_init(out, 6, cols, types);
	rc = year_range(s, f, 0, &a, &b, err);
	if (rc)
		return rc;
	bs.o = o;
	bs.a = a;
	bs.ny = b - a + 1;
	bs.cur = -1;
	bs.d = bs_xcalloc((size_t)bs.ny, sizeof *bs.d);
	bs.r = bs_xcalloc((size_t)bs.ny, sizeof *bs.r);
	bs.gain = bs_xcalloc((size_t)bs.ny, sizeof *bs.gain);
	bs.state = bs_xcalloc((size_t)bs.ny, sizeof *bs.state);
	for (int y = a; y <= b && !rc; y++) {
		long n;
		rc = bs_keywords_papers_in_year(s, f, y, &n, err);
		bs.d[y - a] = (double)n;
	}
	if (!rc)
		rc = bs_keywords_term_years(s, f, a, b, o->min_papers, burst_row, &bs, err);
	if (!rc) {
		burst_flush(&bs);
		if (bs.nb)
			qsort(bs.bu, bs.nb, sizeof *bs.bu, cmp_burst);
	}
	for (size_t i = 0; i < bs.nb; i++) {
		if (!rc && (o->top <= 0 || (int)i < o->top)) {
			size_t row = bs_table_add_row(out);
			bs_table_set_int(out, row, 0, (long long)i + 1);
			bs_table_set_text(out, row, 1, bs.bu[i].display);
			bs_table_set_int(out, row, 2, bs.bu[i].start);
			bs_table_set_int(out, row, 3, bs.bu[i].end);
			bs_table_set_real(out, row, 4, bs.bu[i].weight, 2);
			bs_table_set_int(out, row, 5, bs.bu[i].papers);
		}
		free(bs.bu[i].display);
	}
	free(bs.bu);
	free(bs.disp);
	free(bs.d);
	free(bs.r);
	free(bs.gain);
	free(bs.state);
	return rc;
}

int bs_trends_bursts(bs_store *s, const bs_filter *f, const bs_burst_opts *o, bs_table *out,
		     bs_error *err)
{
	int rc = bursts(s, f, o, out, err);

	if (rc)
		bs_table_release(out);
	return rc;
}
