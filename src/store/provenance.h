/* provenance.h - what a report's manifest says it was made from: the
 * ingested files and the stored analysis runs it read.
 *
 * Both call fn once per row, in the order given, with strings valid only
 * during the call; a non-zero return from fn stops the walk and is
 * returned.  Errors: BS_ERR_DB with the database path and SQLite's
 * message (fn has then seen no row).
 */
#ifndef BS_PROVENANCE_H
#define BS_PROVENANCE_H

#include "base/error.h"
#include "store/store.h"

#include <stdint.h>

typedef struct bs_provenance_input {
	const char *path, *sha256, *format;
	int64_t records, new_papers;
} bs_provenance_input;

typedef struct bs_provenance_run {
	const char *kind, *params;    /* params: the run's JSON text */
	int64_t data_version;
} bs_provenance_run;

/* Every ingested file, in ingest order.  O(files). */
int bs_provenance_inputs(bs_store *s, int (*fn)(void *ud, const bs_provenance_input *r), void *ud,
			 bs_error *err);

/* The runs graph_run and community_run and every keyword-table and theme
 * run, by id.  O(runs). */
int bs_provenance_runs(bs_store *s, int64_t graph_run, int64_t community_run,
		       int (*fn)(void *ud, const bs_provenance_run *r), void *ud, bs_error *err);

#endif
