/* runs.c - stored analysis runs (see runs.h). */
#include "store/runs.h"
#include "base/strbuf.h"
#include "base/trace.h"
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

int bs_runs_find(bs_store *s, const char *kind, const char *params, int64_t *run_id, bs_error *err)
{
	sqlite3_stmt *st;
	int64_t v;
	int rc;

	*run_id = 0;
	rc = bs_store_data_version(s, &v, err);
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT id FROM runs WHERE kind = ?1 AND params = ?2 AND data_version = ?3"
			       " ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "find run");
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, v);
	if (sqlite3_step(st) == SQLITE_ROW)
		*run_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return BS_OK;
}

int bs_runs_latest(bs_store *s, const char *kind, int64_t *run_id, bs_error *err)
{
	sqlite3_stmt *st;
	int r, rc = BS_OK;

	*run_id = 0;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT id FROM runs WHERE kind = ?1 ORDER BY id DESC LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "find run");
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*run_id = sqlite3_column_int64(st, 0);
	else if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "find run");
	sqlite3_finalize(st);
	return rc;
}

int bs_runs_kind_version(bs_store *s, const char *kind, int64_t *version, int *found, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	*found = 0;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT data_version FROM runs WHERE kind = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = bs_store_db_error(s, err, "run version");
		goto done;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*version = sqlite3_column_int64(st, 0);
		*found = 1;
	} else if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "run version");
	}
done:
	sqlite3_finalize(st);
	return rc;
}

/* The tables whose rows belong to a run (run_id REFERENCES runs(id) ON
 * DELETE CASCADE). */
static const char *const run_tables[] = {
	"author_metrics", "communities", "community_summary", "theme_terms", "theme_summary",
};

/* Runs sql once, with kind and params bound to ?1 and ?2 where it has
 * them.  *row (may be NULL) gets the first column of its first row (left
 * as it is when there is none).  Errors: BS_ERR_DB. */
static int kind_params_step(bs_store *s, const char *sql, const char *kind, const char *params, int *row,
			    bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int r, rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "replace run");
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW && row)
		*row = sqlite3_column_int(st, 0);
	else if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = bs_store_db_error(s, err, "replace run");
	sqlite3_finalize(st);
	return rc;
}

/* Drop the runs a new run of kind+params replaces, and their rows, table
 * by table (the cascade does not run with foreign keys off).  Inside the
 * run's transaction. */
static int drop_replaced(bs_store *s, const char *kind, const char *params, unsigned flags, bs_error *err)
{
	int by_kind = (flags & BS_RUNS_REPLACE_KIND) != 0;
	bs_strbuf sql = BS_STRBUF_INIT;
	int rc = BS_OK;

	for (size_t i = 0; i < sizeof run_tables / sizeof run_tables[0] && !rc; i++) {
		int others = 1;
		/* does any other run own rows here?  (run_id leads every key:
		 * one lookup a run)  If not, DELETE without WHERE: SQLite drops
		 * the table's pages at once instead of deleting 2.5M rows and
		 * their index entries one by one.  Table names are ours, not data. */
		bs_strbuf_reset(&sql);
		bs_strbuf_addf(&sql, "SELECT EXISTS(SELECT 1 FROM runs r WHERE NOT (%s)"
			       " AND EXISTS(SELECT 1 FROM %s t WHERE t.run_id = r.id))",
			       by_kind ? "r.kind = ?1" : "r.kind = ?1 AND r.params = ?2", run_tables[i]);
		rc = kind_params_step(s, sql.buf, kind, params, &others, err);
		bs_strbuf_reset(&sql);
		if (others)
			bs_strbuf_addf(&sql, "DELETE FROM %s WHERE run_id IN (SELECT id FROM runs WHERE %s)",
				       run_tables[i], by_kind ? "kind = ?1" : "kind = ?1 AND params = ?2");
		else
			bs_strbuf_addf(&sql, "DELETE FROM %s", run_tables[i]);
		if (!rc)
			rc = kind_params_step(s, sql.buf, kind, params, NULL, err);
	}
	bs_strbuf_release(&sql);
	if (!rc)
		rc = kind_params_step(s, by_kind ? "DELETE FROM runs WHERE kind = ?1" :
				      "DELETE FROM runs WHERE kind = ?1 AND params = ?2", kind, params, NULL, err);
	return rc;
}

static int add_run_row(bs_store *s, const char *kind, const char *params, int64_t version, const char *summary,
		       int64_t *run_id, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s),
			       "INSERT INTO runs(kind, params, data_version, summary, created_at)"
			       " VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "add run");
		goto done;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, version);
	if (summary)
		sqlite3_bind_text(st, 4, summary, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "add run");
		goto done;
	}
	*run_id = sqlite3_last_insert_rowid(bs_store_db(s));
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_runs_add(bs_store *s, const char *kind, const char *params, int64_t version, const char *summary,
		unsigned flags, int64_t *run_id, bs_error *err)
{
	int rc = drop_replaced(s, kind, params, flags, err);

	*run_id = 0;
	if (!rc)
		rc = add_run_row(s, kind, params, version, summary, run_id, err);
	return rc;
}

/* Foreign keys are off until bs_runs_end: with them on, SQLite looks up
 * each row's parent author and run (1M papers: 1.8 s of the 4.9 s that
 * the 2.5M metric rows take, at the end of analyze).  The rows come from
 * the database itself (the graph is read from authorship; no command
 * deletes an author). */
int bs_runs_begin(bs_store *s, const char *kind, const char *params, int64_t version,
		  const char *summary, unsigned flags, int64_t *run_id, bs_error *err)
{
	int rc;

	*run_id = 0;
	bs_trace("%s run: waiting for the write lock", kind);
	rc = bs_store_lock(s, err);
	if (rc)
		return rc;
	rc = bs_store_exec(s, "PRAGMA foreign_keys = OFF", err);
	if (rc) {
		bs_store_unlock(s);
		return rc;
	}
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc) {
		bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
		bs_store_unlock(s);
		return rc;
	}
	bs_trace("%s run: write lock taken", kind);
	rc = bs_runs_add(s, kind, params, version, summary, flags, run_id, err);
	if (rc) {
		sqlite3_exec(bs_store_db(s), "ROLLBACK", NULL, NULL, NULL);
		bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
		bs_store_unlock(s);
		*run_id = 0;
	}
	return rc;
}

/* The row tables' INSERT heads and widths (run_id included). */
static const struct {
	const char *head;
	int ncols;
	const char *what;
} row_tables[] = {
	[BS_RUN_AUTHOR_METRICS] = {"INSERT INTO author_metrics(run_id, author_id, papers, fractional, degree,"
				   " strength, pagerank, betweenness, harmonic, eigenvector, coreness, component,"
				   " clustering) VALUES", 13, "author metrics"},
	[BS_RUN_COMMUNITIES] = {"INSERT INTO communities(run_id, author_id, community) VALUES", 3, "communities"},
	[BS_RUN_COMMUNITY_SUMMARY] = {"INSERT INTO community_summary(run_id, community, size, internal_edges,"
				      " density, papers, top_authors) VALUES", 7, "community summary"},
	[BS_RUN_THEME_TERMS] = {"INSERT INTO theme_terms(run_id, term_id, theme) VALUES", 3, "theme terms"},
	[BS_RUN_THEME_SUMMARY] = {"INSERT INTO theme_summary(run_id, theme, terms, papers, centrality, density,"
				  " quadrant, top_terms) VALUES", 8, "theme summary"},
};

#define MAX_ROW_COLS 13
#define ROWS_PER_INSERT 64

/* Binds row's values to parameters base+1 .. base+ncols, run_id first. */
static void bind_row(sqlite3_stmt *st, int base, int ncols, int64_t run_id, size_t row, bs_run_fill fill,
		     void *ctx)
{
	bs_run_value col[MAX_ROW_COLS];

	fill(ctx, row, col);
	sqlite3_bind_int64(st, base + 1, run_id);
	for (int i = 1; i < ncols; i++) {
		const bs_run_value *c = &col[i - 1];
		if (c->type == BS_RUN_INT)
			sqlite3_bind_int64(st, base + 1 + i, c->v.i);
		else if (c->type == BS_RUN_REAL)
			sqlite3_bind_double(st, base + 1 + i, c->v.r);
		else
			sqlite3_bind_text(st, base + 1 + i, c->v.t, -1, SQLITE_TRANSIENT);
	}
}

int bs_runs_insert(bs_store *s, bs_run_table table, int64_t run_id, size_t nrows, bs_run_fill fill,
		   void *ctx, bs_error *err)
{
	const char *head = row_tables[table].head;
	int ncols = row_tables[table].ncols;
	sqlite3_stmt *many = NULL, *one = NULL;
	bs_strbuf sql = BS_STRBUF_INIT;
	size_t v = 0;
	int rc = BS_OK;

	bs_store_multirow_sql(&sql, head, ncols, ROWS_PER_INSERT);
	if (nrows >= ROWS_PER_INSERT &&
	    sqlite3_prepare_v2(bs_store_db(s), sql.buf, (int)sql.len, &many, NULL) != SQLITE_OK)
		goto db_fail;
	for (; v + ROWS_PER_INSERT <= nrows; v += ROWS_PER_INSERT) {
		sqlite3_reset(many);
		for (int r = 0; r < ROWS_PER_INSERT; r++)
			bind_row(many, r * ncols, ncols, run_id, v + (size_t)r, fill, ctx);
		if (sqlite3_step(many) != SQLITE_DONE)
			goto db_fail;
	}
	bs_strbuf_reset(&sql);
	bs_store_multirow_sql(&sql, head, ncols, 1);
	if (v < nrows && sqlite3_prepare_v2(bs_store_db(s), sql.buf, (int)sql.len, &one, NULL) != SQLITE_OK)
		goto db_fail;
	for (; v < nrows; v++) {
		sqlite3_reset(one);
		bind_row(one, 0, ncols, run_id, v, fill, ctx);
		if (sqlite3_step(one) != SQLITE_DONE)
			goto db_fail;
	}
	goto done;
db_fail:
	rc = bs_store_db_error(s, err, row_tables[table].what);
done:
	sqlite3_finalize(many);
	sqlite3_finalize(one);
	bs_strbuf_release(&sql);
	return rc;
}

static int set_summary(bs_store *s, int64_t run_id, const char *summary, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), "UPDATE runs SET summary = ?2 WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = bs_store_db_error(s, err, "run summary");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, summary, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "run summary");
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_runs_end(bs_store *s, int64_t run_id, const char *summary, int rc, bs_error *err)
{
	if (!rc && summary)
		rc = set_summary(s, run_id, summary, err);
	if (!rc) {
		bs_trace("run rows inserted, committing");
		rc = bs_store_exec(s, "COMMIT", err);
	}
	if (rc)
		sqlite3_exec(bs_store_db(s), "ROLLBACK", NULL, NULL, NULL);
	bs_trace("run %s", rc ? "rolled back" : "committed");
	bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
	bs_store_unlock(s);
	return rc;
}

const char *bs_store_sqlite_version(void)
{
	return sqlite3_libversion();
}
