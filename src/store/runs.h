/* runs.h - stored analysis runs: one row per computed result in `runs`
 * (docs/user/schema.md), read and written only through these functions.
 *
 * Errors: BS_ERR_DB with the database path and SQLite's message.
 */
#ifndef BS_RUNS_H
#define BS_RUNS_H

#include "base/error.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

/* The stored summary of run_id as a new JSON object (json_decref it), or
 * *out = NULL when the run is absent or has no summary.  O(1). */
int bs_runs_summary(bs_store *s, int64_t run_id, json_t **out, bs_error *err);

/* The SQLite library version, for `bibscope --version`. */
const char *bs_store_sqlite_version(void);

#endif
