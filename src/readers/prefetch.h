/* prefetch.h - run a reader in a second thread so parsing overlaps with
 * storing.
 *
 * The reader thread fills batches of up to 256 records (deep copies in a
 * per-batch arena) into a queue of 4; bs_prefetch_next() hands them out one
 * by one in file order.  Warnings the reader emits are queued with the
 * records and replayed through the caller's bs_diag from the caller's
 * thread, in order, so callbacks never run concurrently.  Memory: at most
 * 4 batches.  The reader stays owned by the caller; do not touch it between
 * start and stop.
 */
#ifndef BS_PREFETCH_H
#define BS_PREFETCH_H

#include "base/error.h"
#include "readers/reader.h"

#include <stdint.h>

typedef struct bs_prefetch bs_prefetch;

/* Start reading r in a thread; r's warnings are replayed through the
 * bs_diag r had.  Errors: BS_ERR_NOMEM when the thread cannot start (the
 * caller may then read r directly). */
int bs_prefetch_start(bs_prefetch **out, bs_reader *r, bs_error *err);

/* Like bs_prefetch_start(), and prepare (when not NULL) is called on the
 * reader thread for every record, with the batch arena for what it adds
 * (e.g. bs_store_prepare_record: dedup keys). */
int bs_prefetch_start_prepared(bs_prefetch **out, bs_reader *r,
			       void (*prepare)(bs_record *rec, bs_arena *a), bs_error *err);

/* 1: *rec is the next record (valid until the next call) and *offset the
 * bytes of the file read when it was read (bs_input_file_offset: compressed
 * bytes for .gz); 0: end; -1: the reader failed (err filled). */
int bs_prefetch_next(bs_prefetch *p, bs_record **rec, uint64_t *offset, bs_error *err);

/* Stop the thread (cancelling a read in progress), free everything and
 * give r back its diag.  NULL is fine. */
void bs_prefetch_stop(bs_prefetch *p);

#endif
