#include "analysis/keywords/trends.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The venue of a filter over term_year (unaliased, or as ty), with the
 * parameter ?101 of BS_FILTER_SQL (bs_filter_bind or bind_venue): the
 * term counts of a selection are those of its venue and years. */
#define TERM_VENUE " AND (?101 IS NULL OR venue_id = (SELECT id FROM venues WHERE key = ?101))"
#define TERM_VENUE_TY " AND (?101 IS NULL OR ty.venue_id = (SELECT id FROM venues WHERE key = ?101))"

static void bind_venue(sqlite3_stmt *st, const bs_filter *f, bs_strbuf *vkey)
{
	if (f && f->venue) {
		bs_strbuf_reset(vkey);
		bs_venue_key(f->venue, strlen(f->venue), vkey);
		sqlite3_bind_text(st, 101, vkey->buf, (int)vkey->len, SQLITE_STATIC);
	}
}

static int db_err(bs_store *s, bs_error *err, const char *what)
{
	return bs_error_set(err, BS_ERR_DB, "%s: %s: %s", bs_store_path(s), what,
			    sqlite3_errmsg(bs_store_db(s)));
}

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

int bs_trends_find_term(bs_store *s, const char *key, const char *typed, int64_t *id,
			bs_table *near, bs_error *err)
{
	static const char *const cols[] = {"term", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT};
	sqlite3_stmt *st;
	nearby best[5];
	int nb = 0, found = 0;
	bs_strbuf low = BS_STRBUF_INIT;

	*id = 0;
	bs_table_init(near, 2, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT id FROM terms WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "term lookup");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		found = 1;   /* term ids start at 0 (regression: the most frequent term, id 0, was "no such term") */
	}
	sqlite3_finalize(st);
	if (found)
		return BS_OK;
	/* nearest by edit distance of the display form, among terms in 2+ papers */
	bs_strbuf_init(&low);
	bs_text_key(typed, strlen(typed), &low);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT display, papers FROM terms WHERE papers >= 2", -1, &st,
			       NULL) != SQLITE_OK) {
		bs_strbuf_release(&low);
		return db_err(s, err, "term lookup");
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		nearby c;
		c.display = (char *)sqlite3_column_text(st, 0);
		c.papers = sqlite3_column_int(st, 1);
		c.dist = edit_distance(low.buf, c.display);
		if (nb < 5 || cmp_near(&c, &best[nb - 1]) < 0) {
			if (nb < 5)
				nb++;
			else
				free(best[nb - 1].display);
			c.display = bs_xstrdup(c.display);
			best[nb - 1] = c;
			qsort(best, (size_t)nb, sizeof *best, cmp_near);
		}
	}
	sqlite3_finalize(st);
	for (int i = 0; i < nb; i++) {
		size_t r = bs_table_add_row(near);
		bs_table_set_text(near, r, 0, best[i].display);
		bs_table_set_int(near, r, 1, best[i].papers);
		free(best[i].display);
	}
	bs_strbuf_release(&low);
	return bs_error_set(err, BS_ERR_NOTFOUND, "no such term: '%s'", typed);
}

int bs_trends_series(bs_store *s, int64_t term, const char *display, int by_venue,
		     const bs_filter *f, bs_table *out, bs_error *err)
{
	static const char *const c1[] = {"term", "year", "papers", "total", "share"};
	static const bs_col_type t1[] = {BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL};
	static const char *const c2[] = {"term", "venue", "year", "papers", "total", "share"};
	static const bs_col_type t2[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL};
	const char *sql1 =
		"SELECT y.year, COALESCE(t.n, 0), y.total FROM"
		" (SELECT COALESCE(p.year, 0) AS year, COUNT(*) AS total FROM papers p WHERE" BS_FILTER_SQL " GROUP BY 1) y"
		" LEFT JOIN (SELECT year, SUM(papers) AS n FROM term_year WHERE term_id = ?1" TERM_VENUE " GROUP BY year) t"
		"   ON t.year = y.year ORDER BY y.year";
	const char *sql2 =
		"SELECT COALESCE(v.name, ''), y.year, COALESCE(t.n, 0), y.total FROM"
		" (SELECT COALESCE(p.year, 0) AS year, COALESCE(p.venue_id, 0) AS venue, COUNT(*) AS total FROM papers p"
		"   WHERE" BS_FILTER_SQL " GROUP BY 1, 2) y"
		" LEFT JOIN (SELECT year, venue_id, papers AS n FROM term_year WHERE term_id = ?1" TERM_VENUE ") t"
		"   ON t.year = y.year AND t.venue_id = y.venue"
		" LEFT JOIN venues v ON v.id = y.venue ORDER BY v.key, y.year";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int r;

	if (by_venue)
		bs_table_init(out, 6, c2, t2);
	else
		bs_table_init(out, 5, c1, t1);
	if (sqlite3_prepare_v2(bs_store_db(s), by_venue ? sql2 : sql1, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "trend");
	sqlite3_bind_int64(st, 1, term);
	bs_strbuf_init(&vkey);
	bs_filter_bind(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		int c = 0;
		long n, tot;
		bs_table_set_text(out, row, c++, display);
		if (by_venue)
			bs_table_set_text(out, row, c++, (const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_int(st, by_venue) > 0)
			bs_table_set_int(out, row, c, sqlite3_column_int(st, by_venue));
		c++;
		n = sqlite3_column_int(st, by_venue + 1);
		tot = sqlite3_column_int(st, by_venue + 2);
		bs_table_set_int(out, row, c++, n);
		bs_table_set_int(out, row, c++, tot);
		bs_table_set_real(out, row, c, tot ? 100.0 * (double)n / (double)tot : 0, 2);
	}
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return r == SQLITE_DONE ? BS_OK : db_err(s, err, "trend");
}

int bs_trends_abstract_coverage(bs_store *s, const bs_filter *f, bs_coverage *c, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int r;

	memset(c, 0, sizeof *c);
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT p.year, COUNT(*), SUM(p.abstract IS NOT NULL AND p.abstract != '') FROM papers p"
			       " WHERE p.year > 0 AND" BS_FILTER_SQL
			       " GROUP BY p.year HAVING COUNT(*) >= ?3 ORDER BY p.year", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "abstract coverage");
	bs_strbuf_init(&vkey);
	bs_filter_bind(st, f, &vkey);
	sqlite3_bind_int(st, 3, BS_YEAR_MIN_PAPERS);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		double share = (double)sqlite3_column_int64(st, 2) / (double)sqlite3_column_int64(st, 1);
		int year = sqlite3_column_int(st, 0);
		if (!c->n_years++ || share < c->low) {
			c->low = share;
			c->low_year = year;
		}
		if (c->n_years == 1 || share > c->high) {
			c->high = share;
			c->high_year = year;
		}
	}
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	c->uneven = c->n_years && c->high - c->low > BS_COVERAGE_GAP;
	return r == SQLITE_DONE ? BS_OK : db_err(s, err, "abstract coverage");
}

/* The window [*a, *b]: f's years, else the first and last years of the
 * papers f selects with at least min_papers papers (a bibliography's
 * single book of 1781 is no year to compare with), else their first and
 * last years.  One year is no window (regression: --years 2023 compared
 * 2023 with itself, every G2 was 0 and the "emerging" terms were the
 * first names in alphabetical order). */
static int year_range(bs_store *s, const bs_filter *f, long min_papers, int *a, int *b, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st;

	*a = f ? f->year_from : 0;
	*b = f ? f->year_to : 0;
	if (*a && *b && *a < *b)
		return BS_OK;
	if (!*a || !*b) {
		if (sqlite3_prepare_v2(bs_store_db(s),
				       "SELECT COALESCE(MIN(year) FILTER (WHERE n >= ?3), MIN(year)),"
				       " COALESCE(MAX(year) FILTER (WHERE n >= ?3), MAX(year))"
				       " FROM (SELECT p.year, COUNT(*) AS n FROM papers p WHERE p.year >= ?1 AND p.year <= ?2"
				       " AND" BS_FILTER_SQL " GROUP BY p.year)", -1, &st, NULL) != SQLITE_OK)
			return db_err(s, err, "years");
		bs_strbuf_init(&vkey);
		bs_filter_bind(st, f, &vkey);
		sqlite3_bind_int(st, 1, *a ? *a : 1);
		sqlite3_bind_int(st, 2, *b ? *b : 9999);
		sqlite3_bind_int64(st, 3, min_papers);
		if (sqlite3_step(st) == SQLITE_ROW) {
			if (!*a)
				*a = sqlite3_column_int(st, 0);
			if (!*b)
				*b = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
		bs_strbuf_release(&vkey);
	}
	if (!*a || !*b || *a >= *b)
		return bs_error_set(err, BS_ERR_EMPTY, "growth needs at least two years of papers (have %d-%d)", *a, *b);
	return BS_OK;
}

/* papers of year that f's venue (if any) selects */
static long papers_in_year(bs_store *s, const bs_filter *f, int year)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	long n = 0;

	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT COUNT(*) FROM papers p WHERE p.year = ?1 AND"
			       " (?101 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?101))", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, year);
		bind_venue(st, f, &vkey);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	bs_strbuf_release(&vkey);
	return n;
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

static int growth(bs_store *s, const bs_filter *f, int declining, long min_support, int top,
		  int by_ratio, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"rank", "term", "first year", "first share", "last year",
					   "last share", "growth", "G2", "papers"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL, BS_COL_INT,
					    BS_COL_REAL, BS_COL_REAL, BS_COL_REAL, BS_COL_INT};
	sqlite3_stmt *st;
	grow *g = NULL;
	size_t n = 0, cap = 0;
	long N0, N1;
	int a, b, rc;
	bs_strbuf vkey = BS_STRBUF_INIT;

	bs_strbuf_init(&vkey);
	bs_table_init(out, 9, cols, types);
	rc = year_range(s, f, BS_YEAR_MIN_PAPERS, &a, &b, err);
	if (rc)
		return rc;
	N0 = papers_in_year(s, f, a);
	N1 = papers_in_year(s, f, b);
	if (!N0 || !N1)
		return bs_error_set(err, BS_ERR_EMPTY, "no papers in %d or %d", a, b);
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT t.display, SUM(CASE WHEN ty.year = ?1 THEN ty.papers ELSE 0 END),"
			       " SUM(CASE WHEN ty.year = ?2 THEN ty.papers ELSE 0 END)"
			       " FROM term_year ty JOIN terms t ON t.id = ty.term_id"
			       " WHERE ty.year IN (?1, ?2)" TERM_VENUE_TY " GROUP BY ty.term_id", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "growth");
	sqlite3_bind_int(st, 1, a);
	sqlite3_bind_int(st, 2, b);
	bind_venue(st, f, &vkey);
	while (sqlite3_step(st) == SQLITE_ROW) {
		long p0 = sqlite3_column_int64(st, 1), p1 = sqlite3_column_int64(st, 2);
		if ((declining ? p0 : p1) < min_support)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			g = bs_xrealloc(g, cap * sizeof *g);
		}
		g[n].display = bs_xstrdup((const char *)sqlite3_column_text(st, 0));
		g[n].p0 = p0;
		g[n].p1 = p1;
		g[n].s0 = (double)p0 / (double)N0;
		g[n].s1 = (double)p1 / (double)N1;
		g[n].g = log(((double)p1 + 0.5) / ((double)N1 + 1)) - log(((double)p0 + 0.5) / ((double)N0 + 1));
		g[n].g2 = g2((double)p0, (double)N0, (double)p1, (double)N1);
		if (g[n].s1 < g[n].s0)
			g[n].g2 = -g[n].g2;   /* signed: negative for a falling share */
		g[n].key = by_ratio ? g[n].g : g[n].g2;
		if (by_ratio ? 0 : (declining ? g[n].g2 > 0 : g[n].g2 < 0)) {
			free(g[n].display);
			continue;   /* keyness ranking lists only the right direction */
		}
		n++;
	}
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	if (n)
		qsort(g, n, sizeof *g, declining ? cmp_grow_asc : cmp_grow_desc);
	for (size_t i = 0; i < n; i++) {
		if (top <= 0 || (int)i < top) {
			size_t r = bs_table_add_row(out);
			bs_table_set_int(out, r, 0, (long long)i + 1);
			bs_table_set_text(out, r, 1, g[i].display);
			bs_table_set_int(out, r, 2, a);
			bs_table_set_real(out, r, 3, 100 * g[i].s0, 2);
			bs_table_set_int(out, r, 4, b);
			bs_table_set_real(out, r, 5, 100 * g[i].s1, 2);
			bs_table_set_real(out, r, 6, g[i].g, 3);
			bs_table_set_real(out, r, 7, g[i].g2, 1);
			bs_table_set_int(out, r, 8, declining ? g[i].p0 : g[i].p1);
		}
		free(g[i].display);
	}
	free(g);
	return BS_OK;
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

static int bursts(bs_store *s, const bs_filter *f, const bs_burst_opts *o, bs_table *out,
		  bs_error *err)
{
	static const char *const cols[] = {"rank", "term", "start", "end", "weight", "papers"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_REAL,
					    BS_COL_INT};
	sqlite3_stmt *st;
	int a, b, ny, rc;
	double *d, *r, *gain;
	int *state;
	burst *bu = NULL;
	size_t nb = 0, capb = 0;
	int64_t cur = -1;
	char *disp = NULL;
	long total = 0;
	bs_strbuf vkey = BS_STRBUF_INIT;

	bs_strbuf_init(&vkey);
	bs_table_init(out, 6, cols, types);
	rc = year_range(s, f, 0, &a, &b, err);
	if (rc)
		return rc;
	ny = b - a + 1;
	d = bs_xcalloc((size_t)ny, sizeof *d);
	r = bs_xcalloc((size_t)ny, sizeof *r);
	gain = bs_xcalloc((size_t)ny, sizeof *gain);
	state = bs_xcalloc((size_t)ny, sizeof *state);
	for (int y = a; y <= b; y++)
		d[y - a] = (double)papers_in_year(s, f, y);
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT ty.term_id, t.display, ty.year, SUM(ty.papers) FROM term_year ty"
			       " JOIN terms t ON t.id = ty.term_id WHERE t.papers >= ?3 AND ty.year BETWEEN ?1 AND ?2" TERM_VENUE_TY
			       " GROUP BY ty.term_id, ty.year ORDER BY ty.term_id, ty.year", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "bursts");
		goto cleanup;
	}
	sqlite3_bind_int(st, 1, a);
	sqlite3_bind_int(st, 2, b);
	sqlite3_bind_int64(st, 3, o->min_papers);
	bind_venue(st, f, &vkey);
	for (;;) {
		int row = sqlite3_step(st) == SQLITE_ROW;
		int64_t term = row ? sqlite3_column_int64(st, 0) : -2;
		if (term != cur && cur >= 0 && total >= o->min_papers) {
			bs_kleinberg(r, d, ny, o->s, o->gamma, state, gain);
			/* a burst is a run of burst-state years with papers: a
			 * year without any paper (Viterbi keeps the state across
			 * it for free) ends it, so no burst spans a gap in the data */
			for (int t = 0; t < ny;) {
				if (!state[t] || d[t] <= 0) {
					t++;
					continue;
				}
				{
					int e = t;
					double w = 0;
					long p = 0;
					while (e < ny && state[e] && d[e] > 0) {
						w += gain[e];
						p += (long)r[e];
						e++;
					}
					if (nb == capb) {
						capb = capb ? 2 * capb : 256;
						bu = bs_xrealloc(bu, capb * sizeof *bu);
					}
					bu[nb].display = bs_xstrdup(disp);
					bu[nb].start = a + t;
					bu[nb].end = a + e - 1;
					bu[nb].weight = w;
					bu[nb].papers = p;
					nb++;
					t = e;
				}
			}
		}
		if (!row)
			break;
		if (term != cur) {
			cur = term;
			free(disp);
			disp = bs_xstrdup((const char *)sqlite3_column_text(st, 1));
			memset(r, 0, (size_t)ny * sizeof *r);
			total = 0;
		}
		r[sqlite3_column_int(st, 2) - a] = sqlite3_column_double(st, 3);
		total += sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (nb)
		qsort(bu, nb, sizeof *bu, cmp_burst);
	for (size_t i = 0; i < nb; i++) {
		if (o->top <= 0 || (int)i < o->top) {
			size_t row = bs_table_add_row(out);
			bs_table_set_int(out, row, 0, (long long)i + 1);
			bs_table_set_text(out, row, 1, bu[i].display);
			bs_table_set_int(out, row, 2, bu[i].start);
			bs_table_set_int(out, row, 3, bu[i].end);
			bs_table_set_real(out, row, 4, bu[i].weight, 2);
			bs_table_set_int(out, row, 5, bu[i].papers);
		}
		free(bu[i].display);
	}
cleanup:
	bs_strbuf_release(&vkey);
	free(bu);
	free(disp);
	free(d);
	free(r);
	free(gain);
	free(state);
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
