/* kwterms.c - the papers' keywords for keyword terms (kwterms.h). */
#include "store/kwterms.h"
#include "store/store_db.h"
#include "base/strbuf.h"

int bs_kwterms_each(bs_store *s, const char *kind, const bs_filter *f, bs_kwterms_fn *fn, void *ud,
		    bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc = BS_OK;

	bs_strbuf_init(&vkey);
	/* the primary key (paper_id, kind, key) gives the papers in order;
	 * the sort by position is within one paper's few keywords */
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT p.id, COALESCE(p.year, 0), COALESCE(p.venue_id, 0), k.key, k.keyword"
			       " FROM papers p JOIN paper_keywords k ON k.paper_id = p.id"
			       " WHERE k.kind = ?1 AND" BS_FILTER_SQL
			       " ORDER BY p.id, k.position, k.key", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "keywords");
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	bs_filter_bind(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		bs_kwterms_row row;
		row.paper = sqlite3_column_int64(st, 0);
		row.year = sqlite3_column_int(st, 1);
		row.venue = sqlite3_column_int64(st, 2);
		row.key = (const char *)sqlite3_column_text(st, 3);
		row.keylen = (size_t)sqlite3_column_bytes(st, 3);
		row.keyword = (const char *)sqlite3_column_text(st, 4);
		row.kwlen = (size_t)sqlite3_column_bytes(st, 4);
		if (!row.key || !row.keyword)
			continue;   /* NOT NULL columns: cannot happen */
		if ((rc = fn(ud, &row)))
			goto cleanup;
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "keywords");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_kwterms_coverage(bs_store *s, const char *kind, const bs_filter *f, int64_t *papers, int64_t *with,
			bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	*papers = *with = 0;
	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT COUNT(*), COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM paper_keywords k"
			       " WHERE k.paper_id = p.id AND k.kind = ?1)) FROM papers p WHERE" BS_FILTER_SQL,
			       -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "keywords");
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	bs_filter_bind(st, f, &vkey);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = bs_store_db_error(s, err, "keywords");
		goto cleanup;
	}
	*papers = sqlite3_column_int64(st, 0);
	*with = sqlite3_column_int64(st, 1);
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}
