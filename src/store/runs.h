/* runs.h - stored analysis runs: one row per computed result in `runs`
 * (docs/user/schema.md) and the rows that belong to it, read and written
 * only through these functions.
 *
 * Writing a run is one transaction under the writer lock (store.h):
 *
 *	bs_runs_begin(s, kind, params, version, summary, flags, &id, err);
 *	bs_runs_insert(s, BS_RUN_AUTHOR_METRICS, nrows, fill, ctx, err);  (any number)
 *	rc = bs_runs_end(s, id, summary_or_NULL, rc, err);
 *
 * begin takes the lock, opens the transaction, drops the runs it replaces
 * with their rows, and adds the run row; end commits when rc is 0 (storing
 * the summary when one is given there) or rolls back, and always releases
 * the lock.  A failed begin leaves nothing to end.  The data version is the
 * one of the snapshot the results were computed from (bs_store_read_begin),
 * so results computed while an ingest commits are stale, never current.
 *
 * Errors: BS_ERR_DB with the database path and SQLite's message.
 */
#ifndef BS_RUNS_H
#define BS_RUNS_H

#include "base/error.h"
#include "store/store.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* The stored summary of run_id as a new JSON object (json_decref it), or
 * *out = NULL when the run is absent or has no summary.  O(1). */
int bs_runs_summary(bs_store *s, int64_t run_id, json_t **out, bs_error *err);

/* Latest run of kind with exactly these params (canonical JSON text) and
 * the current data version; *run_id = 0 when there is none.  O(runs). */
int bs_runs_find(bs_store *s, const char *kind, const char *params, int64_t *run_id, bs_error *err);

/* The newest run of kind, whatever its params and data version; *run_id
 * = 0 when there is none.  O(runs). */
int bs_runs_latest(bs_store *s, const char *kind, int64_t *run_id, bs_error *err);

/* The data version of the run of kind into *version, *found 1; when there
 * is none, *version is left alone and *found 0.  Meant for the kinds kept
 * one a kind (BS_RUNS_REPLACE_KIND), such as "terms": the snapshot the
 * keyword tables were built from.  O(runs). */
int bs_runs_kind_version(bs_store *s, const char *kind, int64_t *version, int *found, bs_error *err);

/* begin's flags.  By default a run replaces the runs of the same kind and
 * params; with BS_RUNS_REPLACE_KIND every run of its kind, whatever the
 * params (one current run a kind, as the keyword tables keep). */
#define BS_RUNS_REPLACE_KIND 1u

/* Start writing a run: lock, BEGIN IMMEDIATE, drop the replaced runs and
 * their rows, insert the run row (summary may be NULL: then give it to
 * bs_runs_end).  kind, params and summary are copied.  On success the
 * transaction stays open until bs_runs_end; on error it is rolled back and
 * the lock released.  Foreign keys are off while the run is open (the rows
 * come from the database itself; checking each one's parents costs a third
 * of the insert time on millions of rows). */
int bs_runs_begin(bs_store *s, const char *kind, const char *params, int64_t version,
		  const char *summary, unsigned flags, int64_t *run_id, bs_error *err);

/* The run row alone, for a writer whose rows live outside the run tables
 * and that owns the transaction (the keyword tables, store/terms_rows.h):
 * inside the caller's write transaction, under the writer lock, drop the
 * runs this one replaces (flags as for begin) with their rows and add the
 * run row.  The caller commits or rolls back; foreign keys are left as
 * they are.  O(runs replaced and their rows). */
int bs_runs_add(bs_store *s, const char *kind, const char *params, int64_t version, const char *summary,
		unsigned flags, int64_t *run_id, bs_error *err);

/* The tables holding a run's rows; each row starts with the run id, which
 * bs_runs_insert adds itself.  The columns fill gives, in order: */
typedef enum bs_run_table {
	/* author_id, papers, fractional, degree, strength, pagerank, betweenness,
	 * harmonic, eigenvector, coreness, component, clustering */
	BS_RUN_AUTHOR_METRICS,
	/* author_id, community */
	BS_RUN_COMMUNITIES,
	/* community, size, internal_edges, density, papers, top_authors (JSON text) */
	BS_RUN_COMMUNITY_SUMMARY,
	/* term_id, theme */
	BS_RUN_THEME_TERMS,
	/* theme, terms, papers, centrality, density, quadrant, top_terms */
	BS_RUN_THEME_SUMMARY,
} bs_run_table;

typedef enum bs_run_type { BS_RUN_INT, BS_RUN_REAL, BS_RUN_TEXT } bs_run_type;

/* One column value; text is copied at once, so it need only live until
 * fill is called again. */
typedef struct bs_run_value {
	bs_run_type type;
	union {
		int64_t i;
		double r;
		const char *t;
	} v;
} bs_run_value;

static inline void bs_run_int(bs_run_value *c, int64_t i)
{
	c->type = BS_RUN_INT;
	c->v.i = i;
}

static inline void bs_run_real(bs_run_value *c, double r)
{
	c->type = BS_RUN_REAL;
	c->v.r = r;
}

static inline void bs_run_text(bs_run_value *c, const char *t)
{
	c->type = BS_RUN_TEXT;
	c->v.t = t;
}

/* Fill row's columns (the table's columns after run_id) into col. */
typedef void (*bs_run_fill)(void *ctx, size_t row, bs_run_value *col);

/* Insert rows 0 .. nrows-1 of run_id into table, in the run begun by
 * bs_runs_begin; 64 rows a statement (one statement a row costs about
 * twice as much on millions of rows).  O(nrows). */
int bs_runs_insert(bs_store *s, bs_run_table table, int64_t run_id, size_t nrows, bs_run_fill fill,
		   void *ctx, bs_error *err);

/* Finish the run begun by bs_runs_begin: rc 0 stores summary (when not
 * NULL) and commits, anything else rolls back.  Foreign keys go on again
 * and the lock is released either way.  Returns rc, or the commit's
 * error. */
int bs_runs_end(bs_store *s, int64_t run_id, const char *summary, int rc, bs_error *err);

/* The SQLite library version, for `bibscope --version`. */
const char *bs_store_sqlite_version(void);

#endif
