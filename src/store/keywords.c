/* keywords.c - the keyword analyses' queries (keywords.h). */
#include "store/keywords.h"
#include "store/store_db.h"
#include "base/strbuf.h"
#include "text/venue.h"

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

static int prepare(bs_store *s, const char *sql, sqlite3_stmt **st, const char *what, bs_error *err)
{
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, what);
	return BS_OK;
}

/* The step that ended a scan: BS_OK at its end, else the error. */
static int scan_end(bs_store *s, int r, const char *what, bs_error *err)
{
	return r == SQLITE_DONE ? BS_OK : bs_store_db_error(s, err, what);
}

/* ---- topics ---- */

/* the selected papers, as a subquery over papers p (parameters ?1-?6) */
#define TOPICS_SUBSET \
	"SELECT p.id FROM papers p" \
	" WHERE (?1 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?1))" \
	"   AND (?2 IS NULL OR p.year >= ?2) AND (?3 IS NULL OR p.year <= ?3)" \
	"   AND (?4 IS NULL OR p.id IN (SELECT paper_id FROM authorship WHERE author_id = ?4))" \
	"   AND (?5 IS NULL OR p.id IN (SELECT s.paper_id FROM authorship s JOIN communities c" \
	"        ON c.author_id = s.author_id WHERE c.run_id = ?5 AND c.community = ?6))"

static const char topics_subset_sql[] =
	"WITH sel AS (" TOPICS_SUBSET "),"
	" n AS (SELECT (SELECT COUNT(*) FROM papers) AS total, (SELECT COUNT(*) FROM sel) AS selected)"
	" SELECT t.display, x.k, t.n, t.papers, n.total, n.selected FROM"
	" (SELECT pt.term_id AS id, COUNT(*) AS k FROM paper_terms pt WHERE pt.paper_id IN (SELECT id FROM sel)"
	"  GROUP BY pt.term_id) x JOIN terms t ON t.id = x.id, n"
	" WHERE (?7 = 0 OR (?7 = 1 AND t.n = 1) OR (?7 = 2 AND t.n > 1)) AND (?8 = 0 OR t.papers >= ?9)"
	" ORDER BY CASE WHEN ?8 = 1 THEN x.k * ln(CAST(n.total AS REAL) / t.papers)"
	"  WHEN ?8 = 2 THEN x.k * ln((CAST(x.k AS REAL) / n.selected) / (CAST(t.papers AS REAL) / n.total))"
	"  ELSE x.k END DESC,"
	" t.display LIMIT ?10";

/* the whole corpus: straight from terms */
static const char topics_all_sql[] =
	"SELECT t.display, t.papers, t.n, t.papers, n.total, n.total FROM terms t,"
	" (SELECT COUNT(*) AS total FROM papers) n"
	" WHERE (?7 = 0 OR (?7 = 1 AND t.n = 1) OR (?7 = 2 AND t.n > 1)) AND (?8 = 0 OR t.papers >= ?9)"
	" AND ?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL"
	" ORDER BY CASE WHEN ?8 THEN t.papers * ln(CAST(n.total AS REAL) / t.papers) ELSE t.papers END DESC,"
	" t.display LIMIT ?10";

static void bind_topics(sqlite3_stmt *st, const bs_keywords_topics_query *q, bs_strbuf *vkey)
{
	const bs_filter *f = q->filter;

	if (f && f->venue) {
		bs_venue_key(f->venue, strlen(f->venue), vkey);
		sqlite3_bind_text(st, 1, vkey->buf, (int)vkey->len, SQLITE_STATIC);
	}
	if (f && f->year_from)
		sqlite3_bind_int(st, 2, f->year_from);
	if (f && f->year_to)
		sqlite3_bind_int(st, 3, f->year_to);
	if (q->author)
		sqlite3_bind_int64(st, 4, q->author);
	if (q->community >= 0) {
		sqlite3_bind_int64(st, 5, q->community_run);
		sqlite3_bind_int64(st, 6, q->community);
	}
	sqlite3_bind_int(st, 7, q->kind);
	sqlite3_bind_int(st, 8, q->tfidf);
	sqlite3_bind_int64(st, 9, q->min_df);
	sqlite3_bind_int64(st, 10, q->limit);
}

int bs_keywords_topics(bs_store *s, const bs_keywords_topics_query *q, bs_keywords_topic_fn *fn, void *ud,
		       bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int all = !bs_filter_active(q->filter) && !q->author && q->community < 0;
	int rc, r;

	bs_strbuf_init(&vkey);
	rc = prepare(s, all ? topics_all_sql : topics_subset_sql, &st, "topics", err);
	if (rc)
		goto done;
	bind_topics(st, q, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		bs_keywords_topic_row row;
		row.display = (const char *)sqlite3_column_text(st, 0);
		row.papers = sqlite3_column_double(st, 1);
		row.words = sqlite3_column_int(st, 2);
		row.df = sqlite3_column_double(st, 3);
		row.total = sqlite3_column_double(st, 4);
		row.selected = sqlite3_column_double(st, 5);
		rc = fn(ud, &row);
		if (rc)
			goto done;
	}
	rc = scan_end(s, r, "topics", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* ---- the terms table ---- */

int bs_keywords_term_space(bs_store *s, double *papers, size_t *nterms, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, "SELECT (SELECT COUNT(*) FROM papers), (SELECT COALESCE(MAX(id), -1) + 1 FROM terms)",
			 &st, "community labels", err);

	if (!rc && sqlite3_step(st) != SQLITE_ROW)
		rc = bs_store_db_error(s, err, "community labels");
	if (!rc) {
		*papers = sqlite3_column_double(st, 0);
		*nterms = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Rows of st as terms: id, n, papers, display from the columns given
 * (-1: none). */
static int scan_terms(bs_store *s, sqlite3_stmt *st, int cid, int cn, int cpapers, int cdisplay,
		      bs_keywords_term_fn *fn, void *ud, const char *what, bs_error *err)
{
	int r, rc;

	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		bs_keywords_term t;
		t.id = cid >= 0 ? sqlite3_column_int64(st, cid) : 0;
		t.words = cn >= 0 ? sqlite3_column_int(st, cn) : 0;
		t.papers = cpapers >= 0 ? sqlite3_column_int64(st, cpapers) : 0;
		t.display = cdisplay >= 0 ? (const char *)sqlite3_column_text(st, cdisplay) : NULL;
		rc = fn(ud, &t);
		if (rc)
			return rc;
	}
	return scan_end(s, r, what, err);
}

int bs_keywords_each_term(bs_store *s, bs_keywords_term_fn *fn, void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, "SELECT id, n, papers, display FROM terms", &st, "community labels", err);

	if (!rc)
		rc = scan_terms(s, st, 0, 1, 2, 3, fn, ud, "community labels", err);
	sqlite3_finalize(st);
	return rc;
}

int bs_keywords_terms_in(bs_store *s, long min_papers, bs_keywords_term_fn *fn, void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, "SELECT display, papers FROM terms WHERE papers >= ?1", &st, "term lookup", err);

	if (!rc) {
		sqlite3_bind_int64(st, 1, min_papers);
		rc = scan_terms(s, st, -1, -1, 1, 0, fn, ud, "term lookup", err);
	}
	sqlite3_finalize(st);
	return rc;
}

int bs_keywords_term_id(bs_store *s, const char *key, int64_t *id, int *found, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, "SELECT id FROM terms WHERE key = ?1", &st, "term lookup", err);

	*found = 0;
	if (!rc) {
		int r;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			*id = sqlite3_column_int64(st, 0);
			*found = 1;
		} else {
			rc = scan_end(s, r, "term lookup", err);
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- paper term lists ---- */

static int scan_lists(bs_store *s, sqlite3_stmt *st, bs_keywords_list_fn *fn, void *ud, const char *what,
		      bs_error *err)
{
	int r, rc;

	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rc = fn(ud, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
		if (rc)
			return rc;
	}
	return scan_end(s, r, what, err);
}

int bs_keywords_term_lists(bs_store *s, const bs_filter *f, bs_keywords_list_fn *fn, void *ud, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, bs_filter_active(f) ? "SELECT l.terms FROM papers p JOIN paper_term_lists l"
			 " ON l.paper_id = p.id WHERE" BS_FILTER_SQL : "SELECT terms FROM paper_term_lists",
			 &st, "themes", err);

	bs_strbuf_init(&vkey);
	if (!rc) {
		bs_filter_bind(st, f, &vkey);
		rc = scan_lists(s, st, fn, ud, "themes", err);
	}
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

struct bs_keywords_lists {
	bs_store *s;
	sqlite3_stmt *papers_of, *terms_of;
};

int bs_keywords_lists_open(bs_store *s, bs_keywords_lists **out, bs_error *err)
{
	bs_keywords_lists *l = bs_xcalloc(1, sizeof *l);
	int rc;

	*out = NULL;
	l->s = s;
	rc = prepare(s, "SELECT DISTINCT s.paper_id FROM communities c JOIN authorship s"
		     " ON s.author_id = c.author_id WHERE c.run_id = ?1 AND c.community = ?2",
		     &l->papers_of, "community labels", err);
	if (!rc)
		rc = prepare(s, "SELECT terms FROM paper_term_lists WHERE paper_id = ?1", &l->terms_of,
			     "community labels", err);
	if (rc)
		bs_keywords_lists_close(l);
	else
		*out = l;
	return rc;
}

int bs_keywords_lists_community(bs_keywords_lists *l, int64_t community_run, long community,
				bs_keywords_list_fn *fn, void *ud, bs_error *err)
{
	int r, rc = BS_OK;

	sqlite3_reset(l->papers_of);
	sqlite3_bind_int64(l->papers_of, 1, community_run);
	sqlite3_bind_int64(l->papers_of, 2, community);
	while ((r = sqlite3_step(l->papers_of)) == SQLITE_ROW) {
		sqlite3_reset(l->terms_of);
		sqlite3_bind_int64(l->terms_of, 1, sqlite3_column_int64(l->papers_of, 0));
		if (sqlite3_step(l->terms_of) == SQLITE_ROW)
			rc = fn(ud, (const char *)sqlite3_column_text(l->terms_of, 0),
				(size_t)sqlite3_column_bytes(l->terms_of, 0));
		else
			rc = fn(ud, NULL, 0);
		if (rc)
			return rc;
	}
	return scan_end(l->s, r, "community labels", err);
}

void bs_keywords_lists_close(bs_keywords_lists *l)
{
	if (!l)
		return;
	sqlite3_finalize(l->papers_of);
	sqlite3_finalize(l->terms_of);
	free(l);
}

/* ---- trends ---- */

static const char series_sql[] =
	"SELECT y.year, COALESCE(t.n, 0), y.total FROM"
	" (SELECT COALESCE(p.year, 0) AS year, COUNT(*) AS total FROM papers p WHERE" BS_FILTER_SQL " GROUP BY 1) y"
	" LEFT JOIN (SELECT year, SUM(papers) AS n FROM term_year WHERE term_id = ?1" TERM_VENUE " GROUP BY year) t"
	"   ON t.year = y.year ORDER BY y.year";

static const char series_venue_sql[] =
	"SELECT COALESCE(v.name, ''), y.year, COALESCE(t.n, 0), y.total FROM"
	" (SELECT COALESCE(p.year, 0) AS year, COALESCE(p.venue_id, 0) AS venue, COUNT(*) AS total FROM papers p"
	"   WHERE" BS_FILTER_SQL " GROUP BY 1, 2) y"
	" LEFT JOIN (SELECT year, venue_id, papers AS n FROM term_year WHERE term_id = ?1" TERM_VENUE ") t"
	"   ON t.year = y.year AND t.venue_id = y.venue"
	" LEFT JOIN venues v ON v.id = y.venue ORDER BY v.key, y.year";

int bs_keywords_series(bs_store *s, int64_t term, int by_venue, const bs_filter *f,
		       bs_keywords_series_fn *fn, void *ud, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	bs_strbuf_init(&vkey);
	rc = prepare(s, by_venue ? series_venue_sql : series_sql, &st, "trend", err);
	if (rc)
		goto done;
	sqlite3_bind_int64(st, 1, term);
	bs_filter_bind(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		bs_keywords_series_row row;
		row.venue = by_venue ? (const char *)sqlite3_column_text(st, 0) : NULL;
		row.year = sqlite3_column_int(st, by_venue);
		row.papers = sqlite3_column_int(st, by_venue + 1);
		row.total = sqlite3_column_int(st, by_venue + 2);
		rc = fn(ud, &row);
		if (rc)
			goto done;
	}
	rc = scan_end(s, r, "trend", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_keywords_abstract_years(bs_store *s, const bs_filter *f, long min_papers, bs_keywords_year_fn *fn,
			       void *ud, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	bs_strbuf_init(&vkey);
	rc = prepare(s, "SELECT p.year, COUNT(*), SUM(p.abstract IS NOT NULL AND p.abstract != '') FROM papers p"
		     " WHERE p.year > 0 AND" BS_FILTER_SQL
		     " GROUP BY p.year HAVING COUNT(*) >= ?3 ORDER BY p.year", &st, "abstract coverage", err);
	if (rc)
		goto done;
	bs_filter_bind(st, f, &vkey);
	sqlite3_bind_int64(st, 3, min_papers);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rc = fn(ud, sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
		if (rc)
			goto done;
	}
	rc = scan_end(s, r, "abstract coverage", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_keywords_year_bounds(bs_store *s, const bs_filter *f, int from, int to, long min_papers, int *a, int *b,
			    bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	*a = *b = 0;
	bs_strbuf_init(&vkey);
	rc = prepare(s, "SELECT COALESCE(MIN(year) FILTER (WHERE n >= ?3), MIN(year)),"
		     " COALESCE(MAX(year) FILTER (WHERE n >= ?3), MAX(year))"
		     " FROM (SELECT p.year, COUNT(*) AS n FROM papers p WHERE p.year >= ?1 AND p.year <= ?2"
		     " AND" BS_FILTER_SQL " GROUP BY p.year)", &st, "years", err);
	if (rc)
		goto done;
	bs_filter_bind(st, f, &vkey);
	sqlite3_bind_int(st, 1, from);
	sqlite3_bind_int(st, 2, to);
	sqlite3_bind_int64(st, 3, min_papers);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*a = sqlite3_column_int(st, 0);
		*b = sqlite3_column_int(st, 1);
	} else {
		rc = scan_end(s, r, "years", err);
	}
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_keywords_papers_in_year(bs_store *s, const bs_filter *f, int year, long *n, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	*n = 0;
	bs_strbuf_init(&vkey);
	rc = prepare(s, "SELECT COUNT(*) FROM papers p WHERE p.year = ?1 AND"
		     " (?101 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?101))", &st, "years", err);
	if (rc)
		goto done;
	sqlite3_bind_int(st, 1, year);
	bind_venue(st, f, &vkey);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	else
		rc = scan_end(s, r, "years", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_keywords_year_pairs(bs_store *s, const bs_filter *f, int a, int b, bs_keywords_pair_fn *fn, void *ud,
			   bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	bs_strbuf_init(&vkey);
	rc = prepare(s, "SELECT t.display, SUM(CASE WHEN ty.year = ?1 THEN ty.papers ELSE 0 END),"
		     " SUM(CASE WHEN ty.year = ?2 THEN ty.papers ELSE 0 END)"
		     " FROM term_year ty JOIN terms t ON t.id = ty.term_id"
		     " WHERE ty.year IN (?1, ?2)" TERM_VENUE_TY " GROUP BY ty.term_id", &st, "growth", err);
	if (rc)
		goto done;
	sqlite3_bind_int(st, 1, a);
	sqlite3_bind_int(st, 2, b);
	bind_venue(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rc = fn(ud, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
			sqlite3_column_int64(st, 2));
		if (rc)
			goto done;
	}
	rc = scan_end(s, r, "growth", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_keywords_term_years(bs_store *s, const bs_filter *f, int a, int b, long min_papers,
			   bs_keywords_term_year_fn *fn, void *ud, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	bs_strbuf_init(&vkey);
	rc = prepare(s, "SELECT ty.term_id, t.display, ty.year, SUM(ty.papers) FROM term_year ty"
		     " JOIN terms t ON t.id = ty.term_id WHERE t.papers >= ?3 AND ty.year BETWEEN ?1 AND ?2" TERM_VENUE_TY
		     " GROUP BY ty.term_id, ty.year ORDER BY ty.term_id, ty.year", &st, "bursts", err);
	if (rc)
		goto done;
	sqlite3_bind_int(st, 1, a);
	sqlite3_bind_int(st, 2, b);
	sqlite3_bind_int64(st, 3, min_papers);
	bind_venue(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		rc = fn(ud, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			sqlite3_column_int(st, 2), sqlite3_column_int64(st, 3));
		if (rc)
			goto done;
	}
	rc = scan_end(s, r, "bursts", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* ---- themes ---- */

int bs_keywords_count_papers(bs_store *s, const bs_filter *f, double *n, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, r;

	*n = 0;
	bs_strbuf_init(&vkey);
	rc = prepare(s, "SELECT COUNT(*) FROM papers p WHERE" BS_FILTER_SQL, &st, "themes", err);
	if (rc)
		goto done;
	bs_filter_bind(st, f, &vkey);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*n = sqlite3_column_double(st, 0);
	else
		rc = scan_end(s, r, "themes", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_keywords_theme_candidates(bs_store *s, const bs_filter *f, double max_papers, int limit, int words,
				 bs_keywords_term_fn *fn, void *ud, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	bs_strbuf_init(&vkey);
	rc = prepare(s, bs_filter_active(f) ?
		     "SELECT t.id, t.display, COUNT(*) AS k FROM papers p JOIN paper_terms pt ON pt.paper_id = p.id"
		     " JOIN terms t ON t.id = pt.term_id WHERE" BS_FILTER_SQL " AND (?3 OR t.n > 1)"
		     " GROUP BY t.id HAVING k <= ?1 AND k >= 2 ORDER BY k DESC, t.display LIMIT ?2" :
		     "SELECT id, display, papers FROM terms WHERE papers <= ?1 AND papers >= 2"
		     " AND (?3 OR n > 1) ORDER BY papers DESC, display LIMIT ?2", &st, "themes", err);
	if (rc)
		goto done;
	bs_filter_bind(st, f, &vkey);
	sqlite3_bind_double(st, 1, max_papers);
	sqlite3_bind_int(st, 2, limit);
	sqlite3_bind_int(st, 3, words);
	rc = scan_terms(s, st, 0, -1, 2, 1, fn, ud, "themes", err);
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}
