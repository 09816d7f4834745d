/* runs.c - stored analysis runs (see runs.h). */
#include "store/runs.h"
#include "store/store_db.h"

int bs_store_db_error(bs_store *s, bs_error *err, const char *what)
{
	return bs_error_set(err, BS_ERR_DB, "%s: %s: %s", bs_store_path(s), what,
			    sqlite3_errmsg(bs_store_db(s)));
}

int bs_runs_summary(bs_store *s, int64_t run_id, json_t **out, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	*out = NULL;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT summary FROM runs WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = bs_store_db_error(s, err, "read run");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run_id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
		*out = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
	else if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "read run");
done:
	sqlite3_finalize(st);
	return rc;
}

const char *bs_store_sqlite_version(void)
{
	return sqlite3_libversion();
}
