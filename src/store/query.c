#include "store/query.h"
#include "store/store_db.h"
#include "text/names.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int parse_year(const char *s, size_t n, int *out)
{
	int y = 0;

	if (n != 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	*out = y;
	return 0;
}

int bs_filter_parse_years(bs_filter *f, const char *s, bs_error *err)
{
	const char *dash = strchr(s, '-');
	int a = 0, b = 0;

	if (!dash) {
		if (parse_year(s, strlen(s), &a))
			goto bad;
		f->year_from = f->year_to = a;
		return BS_OK;
	}
	if (dash > s && parse_year(s, (size_t)(dash - s), &a))
		goto bad;
	if (dash[1] && parse_year(dash + 1, strlen(dash + 1), &b))
		goto bad;
	if (dash == s && !dash[1])
		goto bad;
	if (a && b && a > b)
		goto bad;
	f->year_from = a;
	f->year_to = b;
	return BS_OK;
bad:
	return bs_error_set(err, BS_ERR_USAGE,
			    "bad year range '%s' (expected YYYY, YYYY-YYYY, YYYY- or -YYYY)", s);
}

int bs_query_top_authors(bs_store *s, const bs_filter *f, int fractional, int top,
			 bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"rank", "author", "papers", "fractional"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL};
	const char *sql_nofilter =
		"SELECT a.name, COUNT(*) AS n, round(SUM(1.0 / p.n_authors), 9) AS frac"
		" FROM authorship s JOIN authors a ON a.id = s.author_id"
		" JOIN papers p ON p.id = s.paper_id"
		" GROUP BY s.author_id"
		" ORDER BY %s, a.name, a.id LIMIT ?1";
	const char *sql_filter =
		"SELECT a.name, COUNT(*) AS n, round(SUM(1.0 / p.n_authors), 9) AS frac"
		" FROM papers p JOIN authorship s ON s.paper_id = p.id"
		" JOIN authors a ON a.id = s.author_id"
		" WHERE (?2 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?2))"
		"   AND (?3 IS NULL OR p.year >= ?3) AND (?4 IS NULL OR p.year <= ?4)"
		" GROUP BY s.author_id"
		" ORDER BY %s, a.name, a.id LIMIT ?1";
	/* Unfiltered, by papers: the counts come from the covering index
	 * authorship_author alone, and only the authors with at least the
	 * top-th count (ties included, so the order and LIMIT are unchanged)
	 * are joined with their papers for the fractional count.  The plain
	 * query looks up every byline's paper (1M papers: 4 s against 1 s). */
	const char *sql_top =
		"WITH c AS MATERIALIZED (SELECT author_id, COUNT(*) AS n FROM authorship GROUP BY author_id),"
		" t AS (SELECT n FROM c ORDER BY n DESC LIMIT 1 OFFSET ?1 - 1)"
		" SELECT a.name, c.n, (SELECT round(SUM(1.0 / p.n_authors), 9) FROM authorship s JOIN papers p ON p.id = s.paper_id"
		"                      WHERE s.author_id = c.author_id) AS frac"
		" FROM c JOIN authors a ON a.id = c.author_id"
		" WHERE c.n >= COALESCE((SELECT n FROM t), 0)"
		" ORDER BY c.n DESC, a.name, a.id LIMIT ?1";
	const char *order = fractional ? "round(frac, 9) DESC" : "n DESC";
	int filtered = bs_filter_active(f);
	bs_strbuf sql = BS_STRBUF_INIT, vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;
	long rank = 0;

	bs_strbuf_init(&sql);
	bs_strbuf_init(&vkey);
	bs_table_init(out, 4, cols, types);
	if (!filtered && !fractional && top > 0)
		bs_strbuf_adds(&sql, sql_top);
	else
		bs_strbuf_addf(&sql, filtered ? sql_filter : sql_nofilter, order);
	if (sqlite3_prepare_v2(bs_store_db(s), sql.buf, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "top authors");
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, top > 0 ? top : -1);
	if (filtered) {
		if (f->venue) {
			bs_venue_key(f->venue, strlen(f->venue), &vkey);
			sqlite3_bind_text(st, 2, vkey.buf, (int)vkey.len, SQLITE_STATIC);
		}
		if (f->year_from)
			sqlite3_bind_int(st, 3, f->year_from);
		if (f->year_to)
			sqlite3_bind_int(st, 4, f->year_to);
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		bs_table_set_int(out, row, 0, ++rank);
		bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, 0));
		bs_table_set_int(out, row, 2, sqlite3_column_int64(st, 1));
		bs_table_set_real(out, row, 3, sqlite3_column_double(st, 2), 2);
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "top authors");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&sql);
	bs_strbuf_release(&vkey);
	return rc;
}

void bs_filter_bind(sqlite3_stmt *st, const bs_filter *f, bs_strbuf *vkey)
{
	if (!f)
		return;
	if (f->venue) {
		bs_strbuf_reset(vkey);
		bs_venue_key(f->venue, strlen(f->venue), vkey);
		sqlite3_bind_text(st, 101, vkey->buf, (int)vkey->len, SQLITE_STATIC);
	}
	if (f->year_from)
		sqlite3_bind_int(st, 102, f->year_from);
	if (f->year_to)
		sqlite3_bind_int(st, 103, f->year_to);
}

void bs_selection_release(bs_selection *sel)
{
	bs_strbuf_release(&sel->venue_key);
	bs_strbuf_release(&sel->venue_name);
	bs_strbuf_release(&sel->text);
}

/* "years 2021-2023", "year 2023", "years from 2021", "years to 2023" */
static void years_text(const bs_filter *f, bs_strbuf *out)
{
	if (f->year_from && f->year_from == f->year_to)
		bs_strbuf_addf(out, "year %d", f->year_from);
	else if (f->year_from && f->year_to)
		bs_strbuf_addf(out, "years %d-%d", f->year_from, f->year_to);
	else if (f->year_from)
		bs_strbuf_addf(out, "years from %d", f->year_from);
	else if (f->year_to)
		bs_strbuf_addf(out, "years to %d", f->year_to);
}

int bs_query_selection(bs_store *s, const bs_filter *f, bs_selection *sel, bs_error *err)
{
	const char *sql =
		"SELECT (SELECT COUNT(*) FROM papers p WHERE" BS_FILTER_SQL "), (SELECT COUNT(*) FROM papers),"
		" (SELECT name FROM venues WHERE key = ?101)";
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	int rc = BS_OK, known = 0;

	memset(sel, 0, sizeof *sel);
	bs_strbuf_init(&sel->venue_key);
	bs_strbuf_init(&sel->venue_name);
	bs_strbuf_init(&sel->text);
	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "selection");
		goto cleanup;
	}
	bs_filter_bind(st, f, &vkey);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = bs_store_db_error(s, err, "selection");
		goto cleanup;
	}
	sel->papers = (long)sqlite3_column_int64(st, 0);
	sel->total = (long)sqlite3_column_int64(st, 1);
	known = sqlite3_column_type(st, 2) != SQLITE_NULL;
	if (f && f->venue) {
		bs_strbuf_add(&sel->venue_key, vkey.buf, vkey.len);
		bs_strbuf_adds(&sel->venue_name, known ? (const char *)sqlite3_column_text(st, 2) : f->venue);
		bs_strbuf_addf(&sel->text, "venue %s", sel->venue_name.buf);
	}
	if (f && (f->year_from || f->year_to)) {
		if (sel->text.len)
			bs_strbuf_adds(&sel->text, ", ");
		years_text(f, &sel->text);
	}
	if (!sel->text.len)
		bs_strbuf_adds(&sel->text, "all papers");
	if (sel->papers == 0) {
		if (f && f->venue && !known)
			rc = bs_error_set(err, BS_ERR_EMPTY, "no papers match the selection: no venue '%s' in %s"
					  " (bibscope venues lists them)", f->venue, bs_store_path(s));
		else if (bs_filter_active(f))
			rc = bs_error_set(err, BS_ERR_EMPTY, "no papers match the selection %s (of the %ld papers in %s)",
					  sel->text.buf, sel->total, bs_store_path(s));
		else
			rc = bs_error_set(err, BS_ERR_EMPTY, "%s holds no papers (bibscope ingest adds them)",
					  bs_store_path(s));
	}
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_query_summary(bs_store *s, const bs_filter *f, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"measure", "value"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_TEXT};
	static const char *const names[] = {
		"papers", "authors", "authorships", "venues", "years", "papers without year",
		"papers without authors", "papers with abstract", "papers with DOI", "files ingested",
	};
	/* one statement, and the measures that need every paper row in one
	 * pass over papers (four full scans before: 1M papers, 1.1 GB) */
	const char *sql =
		/* authors are persons: the distinct people bylines are assigned to
		 * (the authors table also holds names merged into another's
		 * person) */
		"SELECT (SELECT COUNT(*) FROM papers), (SELECT COUNT(DISTINCT author_id) FROM authorship),"
		" (SELECT COUNT(*) FROM authorship), (SELECT COUNT(*) FROM venues),"
		" CASE WHEN mn IS NULL THEN '' WHEN mn = mx THEN CAST(mn AS TEXT) ELSE mn || '-' || mx END,"
		" COALESCE(ny, 0), COALESCE(na, 0), COALESCE(nab, 0),"
		" (SELECT COUNT(*) FROM papers WHERE doi IS NOT NULL), (SELECT COUNT(*) FROM ingest_files)"
		" FROM (SELECT MIN(year) AS mn, MAX(year) AS mx, SUM(year IS NULL) AS ny, SUM(n_authors = 0) AS na,"
		"       SUM(abstract IS NOT NULL) AS nab FROM papers)";
	/* the same measures of the selected papers: one pass over them, one
	 * over their bylines */
	const char *sql_filter =
		"WITH sel AS MATERIALIZED (SELECT p.id, p.venue_id, p.year, p.n_authors, p.abstract IS NOT NULL AS ab,"
		"   p.doi IS NOT NULL AS hd FROM papers p WHERE" BS_FILTER_SQL "),"
		" bl AS (SELECT COUNT(*) AS n, COUNT(DISTINCT s.author_id) AS a FROM sel JOIN authorship s ON s.paper_id = sel.id)"
		" SELECT COUNT(*), (SELECT a FROM bl), (SELECT n FROM bl), COUNT(DISTINCT venue_id),"
		" CASE WHEN MIN(year) IS NULL THEN '' WHEN MIN(year) = MAX(year) THEN CAST(MIN(year) AS TEXT)"
		"  ELSE MIN(year) || '-' || MAX(year) END,"
		" COALESCE(SUM(year IS NULL), 0), COALESCE(SUM(n_authors = 0), 0), COALESCE(SUM(ab), 0),"
		" COALESCE(SUM(hd), 0) FROM sel";
	int filtered = bs_filter_active(f);
	int nmeasures = (int)(sizeof names / sizeof names[0]) - (filtered ? 1 : 0);
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	bs_strbuf_init(&vkey);
	bs_table_init(out, 2, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s), filtered ? sql_filter : sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "summary");
		goto cleanup;
	}
	if (filtered)
		bs_filter_bind(st, f, &vkey);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = bs_store_db_error(s, err, "summary");
		goto cleanup;
	}
	for (int i = 0; i < nmeasures; i++) {
		size_t row = bs_table_add_row(out);
		bs_table_set_text(out, row, 0, names[i]);
		bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, i));
	}
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* Steps st to the end, adding one row to out per result row; column c
 * fills out's column c by its type, NULL leaves the cell empty, and result
 * columns past out->ncols are ignored (ordering keys). Finalizes st. */
static int fill_rows(bs_store *s, sqlite3_stmt *st, bs_table *out, const char *what, bs_error *err)
{
	int r;

	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		for (size_t c = 0; c < out->ncols; c++) {
			if (sqlite3_column_type(st, (int)c) == SQLITE_NULL)
				continue;
			if (out->types[c] == BS_COL_INT)
				bs_table_set_int(out, row, c, sqlite3_column_int64(st, (int)c));
			else if (out->types[c] == BS_COL_REAL)
				bs_table_set_g(out, row, c, sqlite3_column_double(st, (int)c));
			else
				bs_table_set_text(out, row, c, (const char *)sqlite3_column_text(st, (int)c));
		}
	}
	r = r == SQLITE_DONE ? BS_OK : bs_store_db_error(s, err, what);
	sqlite3_finalize(st);
	return r;
}

int bs_query_venue_years(bs_store *s, const bs_filter *f, const char *no_venue, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"venue", "year", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT, BS_COL_INT};
	const char *sql =
		"SELECT COALESCE(v.name, ?1), p.year, COUNT(*) FROM papers p"
		" LEFT JOIN venues v ON v.id = p.venue_id WHERE" BS_FILTER_SQL
		" GROUP BY p.venue_id, p.year ORDER BY v.key, p.year";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;

	bs_strbuf_init(&vkey);
	bs_table_init(out, 3, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "papers per venue and year");
	sqlite3_bind_text(st, 1, no_venue ? no_venue : "", -1, SQLITE_STATIC);
	bs_filter_bind(st, f, &vkey);
	rc = fill_rows(s, st, out, "papers per venue and year", err);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_query_venue_summary(bs_store *s, const bs_filter *f, const char *no_venue, int top, bs_table *out,
			   bs_error *err)
{
	static const char *const cols[] = {"venue", "papers", "first", "last", "years"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_INT};
	const char *sql =
		"WITH pv AS (SELECT COALESCE(venue_id, 0) AS vid, COUNT(*) AS n, MIN(year) AS y0,"
		"  MAX(year) AS y1, COUNT(DISTINCT year) AS ny FROM papers p WHERE" BS_FILTER_SQL " GROUP BY COALESCE(venue_id, 0)),"
		" ranked AS (SELECT pv.*, COALESCE(v.name, ?1) AS name,"
		"  ROW_NUMBER() OVER (ORDER BY pv.n DESC, COALESCE(v.name, ?1), pv.vid) AS r"
		"  FROM pv LEFT JOIN venues v ON v.id = pv.vid)"
		" SELECT name, n, y0, y1, ny, 0 FROM ranked WHERE r <= ?2"
		" UNION ALL SELECT '(' || COUNT(*) || ' other venues)', SUM(n), MIN(y0), MAX(y1), NULL, 1"
		"  FROM ranked WHERE r > ?2 HAVING COUNT(*) > 0"
		" ORDER BY 6, 2 DESC, 1";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;

	bs_strbuf_init(&vkey);
	bs_table_init(out, 5, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "papers per venue");
	sqlite3_bind_text(st, 1, no_venue ? no_venue : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, top);
	bs_filter_bind(st, f, &vkey);
	rc = fill_rows(s, st, out, "papers per venue", err);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_query_venues(bs_store *s, int top, const char *venue_key, int spellings, bs_table *out,
		    bs_error *err)
{
	static const char *const vcols[] = {"venue", "key", "papers", "first", "last", "spellings"};
	static const bs_col_type vtypes[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_INT};
	static const char *const scols[] = {"venue", "spelling", "records"};
	static const bs_col_type stypes[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT};
#define VENUES_SEL \
	"WITH pv AS (SELECT venue_id AS vid, COUNT(*) AS n, MIN(year) AS y0, MAX(year) AS y1 FROM papers" \
	"  WHERE venue_id IS NOT NULL GROUP BY venue_id)," \
	" sel AS (SELECT v.id, v.name, v.key, COALESCE(pv.n, 0) AS n, pv.y0, pv.y1 FROM venues v" \
	"  LEFT JOIN pv ON pv.vid = v.id WHERE ?2 IS NULL OR v.key = ?2 ORDER BY n DESC, v.name LIMIT ?1)"
	static const char vsql[] = VENUES_SEL
		" SELECT sel.name, sel.key, sel.n, sel.y0, sel.y1,"
		"  (SELECT COUNT(*) FROM venue_names w WHERE w.venue_id = sel.id) FROM sel ORDER BY sel.n DESC, sel.name";
	static const char ssql[] = VENUES_SEL
		" SELECT sel.name, w.name, w.records FROM sel JOIN venue_names w ON w.venue_id = sel.id"
		" ORDER BY sel.n DESC, sel.name, w.records DESC, w.name";
#undef VENUES_SEL
	sqlite3_stmt *st;

	if (spellings)
		bs_table_init(out, 3, scols, stypes);
	else
		bs_table_init(out, 6, vcols, vtypes);
	if (sqlite3_prepare_v2(bs_store_db(s), spellings ? ssql : vsql, -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "venues");
	sqlite3_bind_int(st, 1, top > 0 ? top : -1);
	if (venue_key)
		sqlite3_bind_text(st, 2, venue_key, -1, SQLITE_STATIC);
	return fill_rows(s, st, out, "venues", err);
}

int bs_query_table(bs_store *s, const char *sql, int64_t p1, int64_t p2, size_t ncols,
		   const char *const *cols, const bs_col_type *types, bs_table *out, bs_error *err)
{
	sqlite3_stmt *st;

	bs_table_init(out, ncols, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "query");
	sqlite3_bind_int64(st, 1, p1);
	sqlite3_bind_int64(st, 2, p2);
	return fill_rows(s, st, out, "query", err);
}

/* One candidate row of bs_query_find_author: what tells the author apart
 * (papers, years, venues, co-authors).  name shows the DBLP homonym number
 * that the stored display name hides, so that it can be typed back. */
static int add_candidate(bs_store *s, bs_table *cand, int64_t id, const char *name, const char *key,
			 bs_error *err)
{
	static const char *const parts[] = {
		/* years */
		"SELECT CAST(MIN(p.year) AS TEXT) || CASE WHEN MAX(p.year) > MIN(p.year)"
		" THEN '-' || MAX(p.year) ELSE '' END FROM authorship s JOIN papers p ON p.id = s.paper_id"
		" WHERE s.author_id = ?1",
		/* the three venues with most papers, ties by name */
		"SELECT group_concat(v || ' (' || n || ')', ', ') FROM (SELECT COALESCE(v.name, '(none)') AS v,"
		" COUNT(*) AS n FROM authorship s JOIN papers p ON p.id = s.paper_id"
		" LEFT JOIN venues v ON v.id = p.venue_id WHERE s.author_id = ?1"
		" GROUP BY p.venue_id ORDER BY n DESC, v LIMIT 3)",
		/* the three co-authors with most joint papers, ties by name, id */
		"SELECT group_concat(a || ' (' || n || ')', ', ') FROM (SELECT a.name AS a, COUNT(*) AS n"
		" FROM authorship s1 JOIN authorship s2 ON s2.paper_id = s1.paper_id AND s2.author_id != s1.author_id"
		" JOIN authors a ON a.id = s2.author_id WHERE s1.author_id = ?1"
		" GROUP BY s2.author_id ORDER BY n DESC, a.name, a.id LIMIT 3)",
	};
	bs_strbuf nm = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	/* a person row ("<name key>#k") shows its label, which holds the
	 * number already */
	size_t klen = strlen(key);
	size_t row = bs_table_add_row(cand), suf = strchr(key, '#') ? 0 : bs_name_homonym_suffix(key, klen);
	int rc = BS_OK;

	bs_strbuf_init(&nm);
	bs_strbuf_adds(&nm, name);
	if (suf && !bs_name_homonym_suffix(name, strlen(name)))
		bs_strbuf_addf(&nm, "%.*s", (int)suf, key + klen - suf);
	bs_table_set_int(cand, row, 0, id);
	bs_table_set_text(cand, row, 1, nm.buf);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (sqlite3_prepare_v2(bs_store_db(s), parts[i], -1, &st, NULL) != SQLITE_OK) {
			rc = bs_store_db_error(s, err, "author lookup");
			goto cleanup;
		}
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			bs_table_set_text(cand, row, 3 + i, (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		st = NULL;
	}
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&nm);
	return rc;
}

/* "#123": the author id 123, else -1 */
static int64_t id_form(const char *name)
{
	char *end;
	long long v;

	if (name[0] != '#' || !isdigit((unsigned char)name[1]))
		return -1;
	v = strtoll(name + 1, &end, 10);
	return *end || v < 0 ? -1 : (int64_t)v;
}

int bs_query_find_author(bs_store *s, const char *name, int64_t *id, bs_table *cand,
			 bs_error *err)
{
	static const char *const cols[] = {"id", "author", "papers", "years", "venues", "top co-authors"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT,
					    BS_COL_TEXT};
	/* the key, or the key and a homonym number ("lei zhang 0003"); the
	 * range keeps to the index */
	/* a name finds the persons its bylines went to (identity resolution
	 * may have split it, or merged it into another name's person) */
#define PERSONS_OF(names) \
	"SELECT a.id, a.name, a.key, (SELECT COUNT(*) FROM authorship s WHERE s.author_id = a.id) AS n" \
	" FROM authors a WHERE a.id IN (SELECT s.author_id FROM authorship s WHERE s.name_id IN (" names "))"
	static const char exact_sql[] =
		PERSONS_OF("SELECT a.id FROM authors a WHERE a.key = ?1 OR (?2 AND a.key > ?1 || ' 0'"
			   " AND a.key < ?1 || ' :' AND length(a.key) = length(?1) + 5"
			   " AND substr(a.key, -4) GLOB '[0-9][0-9][0-9][0-9]')")
		" ORDER BY n DESC, a.id";
	/* keys hold only letters, digits and spaces: no LIKE wildcards; person
	 * rows ("key#k") are found through their names */
	static const char part_sql[] =
		PERSONS_OF("SELECT a.id FROM authors a WHERE a.key LIKE '%' || ?1 || '%' AND instr(a.key, '#') = 0")
		" ORDER BY n DESC, a.id LIMIT ?3";
#undef PERSONS_OF
	enum { MAX_PARTIAL = 20 };
	bs_strbuf key = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int64_t want = id_form(name);
	int rc = BS_OK, r, pass, more = 0;

	*id = 0;
	bs_strbuf_init(&key);
	bs_table_init(cand, 6, cols, types);
	if (want >= 0) {
		/* an authors row without bylines is no author: a name whose
		 * bylines went to persons, a person row no longer used */
		if (sqlite3_prepare_v2(bs_store_db(s), "SELECT id FROM authors WHERE id = ?1"
				       " AND EXISTS (SELECT 1 FROM authorship WHERE author_id = ?1)", -1, &st,
				       NULL) != SQLITE_OK) {
			rc = bs_store_db_error(s, err, "author lookup");
			goto cleanup;
		}
		sqlite3_bind_int64(st, 1, want);
		if (sqlite3_step(st) == SQLITE_ROW)
			*id = want;
		else
			rc = bs_error_set(err, BS_ERR_NOTFOUND, "no author with id %lld (a name's persons:"
					  " 'bibscope author NAME')", (long long)want);
		goto cleanup;
	}
	bs_name_key(name, strlen(name), &key);
	if (!key.len) {
		rc = bs_error_set(err, BS_ERR_NOTFOUND, "no author named '%s'", name);
		goto cleanup;
	}
	for (pass = 0; pass < 2 && !cand->nrows; pass++) {
		if (sqlite3_prepare_v2(bs_store_db(s), pass ? part_sql : exact_sql, -1, &st, NULL) != SQLITE_OK) {
			rc = bs_store_db_error(s, err, "author lookup");
			goto cleanup;
		}
		sqlite3_bind_text(st, 1, key.buf, (int)key.len, SQLITE_STATIC);
		if (!pass)   /* a name typed with its number is that author alone */
			sqlite3_bind_int(st, 2, !bs_name_homonym_suffix(key.buf, key.len));
		else
			sqlite3_bind_int(st, 3, MAX_PARTIAL + 1);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			if (pass && cand->nrows == MAX_PARTIAL) {
				more = 1;
				break;
			}
			rc = add_candidate(s, cand, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
					   (const char *)sqlite3_column_text(st, 2), err);
			if (rc)
				goto cleanup;
			bs_table_set_int(cand, cand->nrows - 1, 2, sqlite3_column_int64(st, 3));
		}
		if (r != SQLITE_ROW && r != SQLITE_DONE) {
			rc = bs_store_db_error(s, err, "author lookup");
			goto cleanup;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (cand->nrows == 1) {
		*id = strtoll(bs_table_get(cand, 0, 0), NULL, 10);
		goto cleanup;
	}
	if (!cand->nrows)
		rc = bs_error_set(err, BS_ERR_NOTFOUND, "no author named '%s'", name);
	else if (pass == 1)   /* the loop ended after the exact pass */
		rc = bs_error_set(err, BS_ERR_NOTFOUND, "'%s' is ambiguous: %zu authors have this name", name,
				  cand->nrows);
	else
		rc = bs_error_set(err, BS_ERR_NOTFOUND, "'%s' is ambiguous: %zu%s authors match", name,
				  cand->nrows, more ? " or more" : "");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&key);
	return rc;
}

int bs_query_author_spellings(bs_store *s, int64_t id, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"spelling", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT};
	return bs_query_table(s, "SELECT name, COUNT(*) FROM authorship WHERE author_id = ?1"
			      " GROUP BY name ORDER BY 2 DESC, name", id, 0, 2, cols, types, out, err);
}

int bs_query_author_years(bs_store *s, int64_t id, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"year", "papers"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT};
	return bs_query_table(s, "SELECT p.year, COUNT(*) FROM authorship s JOIN papers p ON p.id = s.paper_id"
			      " WHERE s.author_id = ?1 GROUP BY p.year ORDER BY p.year", id, 0, 2, cols, types,
			      out, err);
}

int bs_query_author_venues(bs_store *s, int64_t id, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"venue", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT};
	return bs_query_table(s, "SELECT COALESCE(v.name, '(none)'), COUNT(*) FROM authorship s"
			      " JOIN papers p ON p.id = s.paper_id LEFT JOIN venues v ON v.id = p.venue_id"
			      " WHERE s.author_id = ?1 GROUP BY p.venue_id ORDER BY 2 DESC, 1", id, 0, 2, cols,
			      types, out, err);
}

int bs_query_coauthors(bs_store *s, int64_t id, int top, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"coauthor", "joint papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT};
	return bs_query_table(s, "SELECT a.name, COUNT(*) AS n FROM authorship s1"
			      " JOIN authorship s2 ON s2.paper_id = s1.paper_id AND s2.author_id != s1.author_id"
			      " JOIN authors a ON a.id = s2.author_id WHERE s1.author_id = ?1"
			      " GROUP BY s2.author_id ORDER BY n DESC, a.name LIMIT ?2", id, top > 0 ? top : -1, 2,
			      cols, types, out, err);
}

/* how far a typed venue key may be from a stored one to be suggested */
static size_t venue_limit(const char *key)
{
	size_t n = strlen(key) / 3;
	return n < 1 ? 1 : n > 3 ? 3 : n;
}

typedef struct venue_near {
	char *name;
	long long papers;
	size_t dist;
} venue_near;

static int cmp_near(const void *a, const void *b)
{
	const venue_near *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	if (x->papers != y->papers)
		return x->papers > y->papers ? -1 : 1;
	return strcmp(x->name, y->name);
}

int bs_query_resolve_venue(bs_store *s, const char *venue, bs_table *near, bs_error *err)
{
	static const char *const cols[] = {"venue", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT};
	/* each venue once per spelling (and once by its own key), ordered by venue */
	static const char sql[] =
		"SELECT v.id, v.name, v.key, (SELECT COUNT(*) FROM papers p WHERE p.venue_id = v.id), w.name"
		" FROM venues v LEFT JOIN venue_names w ON w.venue_id = v.id ORDER BY v.id";
	bs_strbuf key = BS_STRBUF_INIT, text = BS_STRBUF_INIT, k = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	venue_near *v = NULL;
	size_t nv = 0, cap = 0, limit;
	int64_t last = -1;
	int rc = BS_OK, r;

	bs_strbuf_init(&key);
	bs_strbuf_init(&text);
	bs_strbuf_init(&k);
	bs_table_init(near, 2, cols, types);
	bs_venue_key(venue, strlen(venue), &key);
	if (!key.len) {
		rc = bs_error_set(err, BS_ERR_USAGE, "venue '%s' has no letter or digit", venue);
		goto cleanup;
	}
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT 1 FROM venues WHERE key = ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "venue lookup");
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, key.buf, (int)key.len, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (r == SQLITE_ROW)
		goto cleanup;
	if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "venue lookup");
		goto cleanup;
	}
	/* unknown: the venues nearest by edit distance, over their keys
	 * and the text keys of their spellings */
	rc = bs_error_set(err, BS_ERR_NOTFOUND, "unknown venue '%s'", venue);
	bs_text_key(venue, strlen(venue), &text);
	limit = venue_limit(key.buf);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "venue lookup");
		goto cleanup;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t vid = sqlite3_column_int64(st, 0);
		size_t d;
		if (vid != last) {
			if (nv == cap) {
				cap = cap ? 2 * cap : 64;
				v = bs_xrealloc(v, cap * sizeof *v);
			}
			v[nv].name = bs_xstrdup((const char *)sqlite3_column_text(st, 1));
			v[nv].papers = sqlite3_column_int64(st, 3);
			v[nv].dist = bs_utf8_distance(key.buf, (const char *)sqlite3_column_text(st, 2), limit);
			nv++;
			last = vid;
		}
		if (sqlite3_column_type(st, 4) != SQLITE_NULL && text.len) {
			const char *w = (const char *)sqlite3_column_text(st, 4);
			bs_text_key(w, strlen(w), &k);
			d = bs_utf8_distance(text.buf, k.buf, limit);
			if (d < v[nv - 1].dist)
				v[nv - 1].dist = d;
		}
	}
	if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "venue lookup");
		goto cleanup;
	}
	if (nv)
		qsort(v, nv, sizeof *v, cmp_near);
	for (size_t i = 0; i < nv && i < 5 && v[i].dist <= limit; i++) {
		size_t row = bs_table_add_row(near);
		bs_table_set_text(near, row, 0, v[i].name);
		bs_table_set_int(near, row, 1, v[i].papers);
	}
cleanup:
	sqlite3_finalize(st);
	for (size_t i = 0; i < nv; i++)
		free(v[i].name);
	free(v);
	bs_strbuf_release(&key);
	bs_strbuf_release(&text);
	bs_strbuf_release(&k);
	return rc;
}
