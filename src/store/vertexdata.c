/* vertexdata.c - per-author graph numbers for the exports (see
 * vertexdata.h). */
#include "store/vertexdata.h"
#include "store/store_db.h"
#include "text/venue.h"

#include <string.h>

int bs_vertexdata_metrics_each(bs_store *s, int64_t run_id,
			       int (*fn)(void *ud, const bs_vertexdata_metrics *m), void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT author_id, degree, strength, pagerank, betweenness, harmonic, eigenvector,"
			       " coreness, component, clustering FROM author_metrics WHERE run_id = ?1", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "author metrics");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run_id);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		bs_vertexdata_metrics m;
		m.author_id = sqlite3_column_int64(st, 0);
		m.degree = sqlite3_column_int(st, 1);
		m.strength = sqlite3_column_double(st, 2);
		m.pagerank = sqlite3_column_double(st, 3);
		m.betweenness = sqlite3_column_double(st, 4);
		m.harmonic = sqlite3_column_double(st, 5);
		m.eigenvector = sqlite3_column_double(st, 6);
		m.coreness = sqlite3_column_int(st, 7);
		m.component = sqlite3_column_int(st, 8);
		m.clustering = sqlite3_column_double(st, 9);
		rc = fn(ud, &m);
	}
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_vertexdata_communities_each(bs_store *s, int64_t run_id,
				   int (*fn)(void *ud, int64_t author_id, long community), void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT author_id, community FROM communities WHERE run_id = ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "communities");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run_id);
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		rc = fn(ud, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1));
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_vertexdata_mean_years_each(bs_store *s, const bs_filter *f,
				  int (*fn)(void *ud, int64_t author_id, double year), void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	int rc = BS_OK;

	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT s.author_id, AVG(p.year) FROM authorship s JOIN papers p ON p.id = s.paper_id"
			       " WHERE p.year IS NOT NULL"
			       "   AND (?1 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?1))"
			       "   AND (?2 IS NULL OR p.year >= ?2) AND (?3 IS NULL OR p.year <= ?3)"
			       " GROUP BY s.author_id", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "mean years");
		goto done;
	}
	if (f && f->venue) {
		bs_venue_key(f->venue, strlen(f->venue), &vkey);
		sqlite3_bind_text(st, 1, vkey.buf, (int)vkey.len, SQLITE_STATIC);
	}
	if (f && f->year_from)
		sqlite3_bind_int(st, 2, f->year_from);
	if (f && f->year_to)
		sqlite3_bind_int(st, 3, f->year_to);
	while (!rc && sqlite3_step(st) == SQLITE_ROW)
		rc = fn(ud, sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}
