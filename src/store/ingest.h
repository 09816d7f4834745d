/* ingest.h - read files into the store, one transaction per file.
 *
 * bs_ingest_paths() expands directories recursively (sorted, dot-files and
 * symlinked directories skipped), opens each file through the reader
 * interface and stores its records.  A file that fails (unreadable, not a
 * known format, a read error half-way) is rolled back as a whole, reported
 * through on_file, and the next file goes on: one bad file never loses the
 * good ones.  Nothing is printed: the caller gets callbacks.
 */
#ifndef BS_INGEST_H
#define BS_INGEST_H

#include "base/error.h"
#include "store/store.h"

#include <stdint.h>

typedef struct bs_ingest_file_result {
	const char *path;
	const char *format;    /* NULL when no reader could open the file */
	bs_file_counts counts;
	int status;            /* BS_OK, or the error code of the failure */
	int from_walk;         /* found by walking a directory, not named */
	const char *message;   /* failure text, NULL when status == BS_OK */
} bs_ingest_file_result;

/* 1 when a failed file is only skipped, not an error: an empty file, or a
 * file in no known format found while walking a directory. */
static inline int bs_ingest_is_skip(int status, int from_walk)
{
	return status == BS_ERR_EMPTY || (from_walk && status == BS_ERR_FORMAT);
}

typedef struct bs_ingest_opts {
	const char *format;                 /* force a format, NULL sniffs */
	int dry_run;                        /* parse and count only; store untouched */
	bs_diag *diag;                      /* reader warnings */
	/* progress over all input bytes (compressed size on disk) */
	void (*on_progress)(void *ud, uint64_t done, uint64_t total, const char *path);
	/* after each file, committed or rolled back */
	void (*on_file)(void *ud, const bs_ingest_file_result *res);
	/* each named path (file or directory) from which no record was read
	 * and about which no error was reported: an empty directory, one of
	 * empty or non-bibliographic files only, an empty file */
	void (*on_empty)(void *ud, const char *path);
	/* each duplicate found, for --explain */
	void (*on_match)(void *ud, const char *path, const bs_record *rec, bs_match how,
			 int64_t paper_id);
	void *ud;
} bs_ingest_opts;

typedef struct bs_ingest_totals {
	long files, files_failed, files_skipped;   /* skipped: not bibliographic, found by a walk */
	long read, new_papers, duplicate, skipped, warnings;
	uint64_t bytes;
	int store_failed;   /* finishing the database failed (err says why): nothing is stored */
	long files_not_tried;   /* after a write to the database failed, the files left unread */
	long paths_empty;       /* named paths no record was read from (on_empty) */
} bs_ingest_totals;

/* Ingest paths[0..n).  Returns BS_OK when every named file and every file
 * of a known format was stored; otherwise the code of the last failure
 * (files that did work are committed).  err describes the last failure.
 * A named path that yields no record is no failure here: on_empty and
 * t->paths_empty tell of it.  A new database that would hold no paper
 * is not created (bs_store_finish). */
int bs_ingest_paths(bs_store *s, const char *const *paths, int n, const bs_ingest_opts *o,
		    bs_ingest_totals *t, bs_error *err);

#endif
