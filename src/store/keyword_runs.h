/* keyword_runs.h - the `runs` rows of the keyword analyses (kinds "terms"
 * and "themes"): the data version a terms run read, and replacing the run
 * of a kind by a new one.  Kept apart from runs.h so that a general runs
 * writer can take its place.
 *
 * Errors: BS_ERR_DB "PATH: WHAT: sqlite message".
 */
#ifndef BS_KEYWORD_RUNS_H
#define BS_KEYWORD_RUNS_H

#include "base/error.h"
#include "store/store.h"

#include <stdint.h>

/* The data_version of the stored terms run into *version, *found 1; when
 * there is none, *version is left alone and *found 0.  O(runs). */
int bs_keyword_runs_terms_version(bs_store *s, int64_t *version, int *found, bs_error *err);

/* Inside the caller's write transaction: delete every run of kind, then
 * insert one (kind, params, version, summary, now) and give its id in
 * *run_id.  params and summary are JSON text (borrowed); what names the
 * step in an error.  O(runs of kind). */
int bs_keyword_runs_replace(bs_store *s, const char *kind, const char *params, int64_t version,
			    const char *summary, const char *what, int64_t *run_id, bs_error *err);

/* ROLLBACK the open transaction, if any; errors are of no interest there
 * (the caller already has one). */
void bs_keyword_runs_rollback(bs_store *s);

#endif
