/* store_db.h - the store layer's private door to SQLite.
 *
 * Only files in src/store/ include this header (scripts/check_layers.py
 * rejects <sqlite3.h> anywhere else).  Every query module of the store gets
 * the connection and the one error helper from here.
 */
#ifndef BS_STORE_DB_H
#define BS_STORE_DB_H

#include "store/query.h"
#include "store/store.h"
#include "base/table.h"

#include <sqlite3.h>

/* The connection behind s; valid until bs_store_close(s). */
sqlite3 *bs_store_db(bs_store *s);

/* Fill err with BS_ERR_DB "PATH: WHAT: sqlite message" and return it. */
int bs_store_db_error(bs_store *s, bs_error *err, const char *what);

/* Run sql (no parameters, no user data) for its effect. */
int bs_store_exec(bs_store *s, const char *sql, bs_error *err);

/* Append to sql the text of a multi-row INSERT: head (e.g. "INSERT INTO
 * t(a, b) VALUES"), then rows groups of ncols parameters, "(?,?),(?,?)",
 * numbered in order (row r, column c is parameter r * ncols + c + 1). */
void bs_store_multirow_sql(bs_strbuf *sql, const char *head, int ncols, int rows);

/* f as SQL over the papers aliased p, with the parameters ?101 (venue
 * key), ?102 and ?103 (years) that bs_filter_bind binds: every query of a
 * selection says it the same way.  A venue no paper has selects nothing. */
#define BS_FILTER_SQL \
	" (?101 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?101))" \
	" AND (?102 IS NULL OR p.year >= ?102) AND (?103 IS NULL OR p.year <= ?103)"

/* Bind f (may be NULL) to BS_FILTER_SQL's parameters of st; vkey holds
 * the venue key and must outlive the statement's use. */
void bs_filter_bind(sqlite3_stmt *st, const bs_filter *f, bs_strbuf *vkey);

/* Run a one-row-per-result query with an int64 parameter ?1 and an int
 * parameter ?2 into a table with the given columns. */
int bs_query_table(bs_store *s, const char *sql, int64_t p1, int64_t p2, size_t ncols,
		   const char *const *cols, const bs_col_type *types, bs_table *out, bs_error *err);

#endif
