#include "store/keyword_runs.h"
#include "store/store_db.h"

int bs_keyword_runs_terms_version(bs_store *s, int64_t *version, int *found, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	*found = 0;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT data_version FROM runs WHERE kind = 'terms'", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "themes");
		goto done;
	}
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*version = sqlite3_column_int64(st, 0);
		*found = 1;
	} else if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "themes");
	}
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_keyword_runs_replace(bs_store *s, const char *kind, const char *params, int64_t version,
			    const char *summary, const char *what, int64_t *run_id, bs_error *err)
{
	sqlite3 *db = bs_store_db(s);
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	*run_id = 0;
	if (sqlite3_prepare_v2(db, "DELETE FROM runs WHERE kind = ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, what);
		goto done;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, what);
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "INSERT INTO runs(kind, params, data_version, summary, created_at)"
			       " VALUES(?4, ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, what);
		goto done;
	}
	sqlite3_bind_text(st, 1, params, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, version);
	sqlite3_bind_text(st, 3, summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, what);
		goto done;
	}
	*run_id = sqlite3_last_insert_rowid(db);
done:
	sqlite3_finalize(st);
	return rc;
}

void bs_keyword_runs_rollback(bs_store *s)
{
	sqlite3_exec(bs_store_db(s), "ROLLBACK", NULL, NULL, NULL);
}
