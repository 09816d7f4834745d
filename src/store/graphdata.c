/* graphdata.c - what the co-authorship graph is read from (see graphdata.h). */
#include "store/graphdata.h"
#include "base/strbuf.h"
#include "store/store_db.h"
#include "text/venue.h"

#include <stdlib.h>
#include <string.h>

/* SQL selecting (paper_id, author_id) in byline order, filtered.  Without
 * a filter the bylines alone answer it, in their primary-key order: no
 * paper row (with its abstract) is read. */
static int prepare_bylines(bs_store *s, const bs_filter *f, sqlite3_stmt **st, bs_strbuf *vkey,
			   bs_error *err)
{
	const char *sql_all = "SELECT paper_id, author_id FROM authorship ORDER BY paper_id, position";
	const char *sql =
		"SELECT s.paper_id, s.author_id FROM authorship s"
		" JOIN papers p ON p.id = s.paper_id"
		" WHERE (?1 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?1))"
		"   AND (?2 IS NULL OR p.year >= ?2) AND (?3 IS NULL OR p.year <= ?3)"
		" ORDER BY s.paper_id, s.position";
	int active = f && bs_filter_active(f);

	if (sqlite3_prepare_v2(bs_store_db(s), active ? sql : sql_all, -1, st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "authorship query");
	if (!active)
		return BS_OK;
	if (f->venue) {
		bs_venue_key(f->venue, strlen(f->venue), vkey);
		sqlite3_bind_text(*st, 1, vkey->buf, (int)vkey->len, SQLITE_STATIC);
	}
	if (f->year_from)
		sqlite3_bind_int(*st, 2, f->year_from);
	if (f->year_to)
		sqlite3_bind_int(*st, 3, f->year_to);
	return BS_OK;
}

void bs_bylines_release(bs_bylines *b)
{
	free(b->author);
	free(b->start);
	memset(b, 0, sizeof *b);
	b->min_author = INT64_MAX;
	b->max_author = INT64_MIN;
}

int bs_graphdata_bylines(bs_store *s, const bs_filter *f, bs_bylines *b, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	size_t cap = 0, capstart = 0;
	int64_t cur_paper = -1;
	int r, rc;

	memset(b, 0, sizeof *b);
	b->min_author = INT64_MAX;
	b->max_author = INT64_MIN;
	bs_strbuf_init(&vkey);
	rc = prepare_bylines(s, f, &st, &vkey, err);
	if (rc)
		goto done;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t paper = sqlite3_column_int64(st, 0), a = sqlite3_column_int64(st, 1);
		if (b->n == cap) {
			cap = cap ? 2 * cap : 4096;
			b->author = bs_xrealloc(b->author, cap * sizeof *b->author);
		}
		if (paper != cur_paper) {
			if (b->papers + 1 >= capstart) {
				capstart = capstart ? 2 * capstart : 4096;
				b->start = bs_xrealloc(b->start, capstart * sizeof *b->start);
			}
			b->start[b->papers++] = b->n;
			cur_paper = paper;
		}
		if (a > b->max_author)
			b->max_author = a;
		if (a < b->min_author)
			b->min_author = a;
		b->author[b->n++] = a;
	}
	if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "authorship query");
		goto done;
	}
	if (b->papers)
		b->start[b->papers] = b->n;
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	if (rc)
		bs_bylines_release(b);
	return rc;
}

int bs_graphdata_names(bs_store *s, int (*fn)(void *ud, int64_t id, const char *name), void *ud,
		       bs_error *err)
{
	sqlite3_stmt *q;
	int r = SQLITE_DONE, rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT id, name FROM authors ORDER BY id", -1, &q, NULL) !=
	    SQLITE_OK)
		return bs_store_db_error(s, err, "authors");
	while (!rc && (r = sqlite3_step(q)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 1);
		rc = fn(ud, sqlite3_column_int64(q, 0), name ? name : "");
	}
	if (!rc && r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "authors");
	sqlite3_finalize(q);
	return rc;
}

int bs_graphdata_authorships(bs_store *s, int (*fn)(void *ud, int64_t paper, int64_t author), void *ud,
			     bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int r = SQLITE_DONE, rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT paper_id, author_id FROM authorship ORDER BY paper_id", -1, &st,
			       NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "community papers");
	while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	if (!rc && r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "community papers");
	sqlite3_finalize(st);
	return rc;
}

int64_t bs_graphdata_paper_id_bound(bs_store *s)
{
	sqlite3_stmt *st;
	int64_t maxid = 0;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT MAX(id) FROM papers", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		maxid = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return maxid;
}

void bs_graphdata_release_cache(bs_store *s)
{
	sqlite3_db_release_memory(bs_store_db(s));
}
