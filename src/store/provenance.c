/* provenance.c - the files and runs a report was made from (see
 * provenance.h). */
#include "store/provenance.h"
#include "store/store_db.h"

static const char *text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

int bs_provenance_inputs(bs_store *s, int (*fn)(void *ud, const bs_provenance_input *r), void *ud,
			 bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT path, sha256, format, read, new FROM ingest_files ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "ingested files");
		goto done;
	}
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		bs_provenance_input r;
		r.path = text(st, 0);
		r.sha256 = text(st, 1);
		r.format = text(st, 2);
		r.records = sqlite3_column_int64(st, 3);
		r.new_papers = sqlite3_column_int64(st, 4);
		rc = fn(ud, &r);
	}
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_provenance_runs(bs_store *s, int64_t graph_run, int64_t community_run,
		       int (*fn)(void *ud, const bs_provenance_run *r), void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT kind, params, data_version FROM runs"
			       " WHERE id IN (?1, ?2) OR kind IN ('terms', 'themes') ORDER BY id", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "runs");
		goto done;
	}
	sqlite3_bind_int64(st, 1, graph_run);
	sqlite3_bind_int64(st, 2, community_run);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		bs_provenance_run r;
		r.kind = text(st, 0);
		r.params = text(st, 1);
		r.data_version = sqlite3_column_int64(st, 2);
		rc = fn(ud, &r);
	}
done:
	sqlite3_finalize(st);
	return rc;
}
