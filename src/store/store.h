/* store.h - the SQLite database (schema documented in docs/user/schema.md).
 *
 * bs_store_open() creates or migrates the file (PRAGMA user_version), turns
 * on WAL, foreign keys and a busy timeout, and prepares the statements the
 * ingest path uses.  All user data reaches SQL through bound parameters.
 *
 * Ingest protocol, one SQLite transaction per input file:
 *   bs_store_file_begin()  -> BEGIN IMMEDIATE, ingest_files row
 *   bs_store_add_record()  -> dedup lookup, insert or merge, provenance
 *   bs_store_file_commit() -> counts, display names, COMMIT
 *   bs_store_file_rollback() on any error (nothing of the file remains)
 * so after a crash the database holds complete files only.
 *
 * Ownership: the bs_store owns its sqlite3 handle and statements;
 * bs_store_close() frees everything (NULL is fine).
 */
#ifndef BS_STORE_H
#define BS_STORE_H

#include "base/error.h"
#include "readers/record.h"
#include "base/strbuf.h"

#include <stdint.h>

#define BS_SCHEMA_VERSION 16
/* PRAGMA application_id of a bibscope database ("bscp") */
#define BS_APPLICATION_ID 1651729264
#define BS_STRINGIFY_(x) #x
#define BS_STRINGIFY(x) BS_STRINGIFY_(x)

typedef struct bs_store bs_store;

enum {
	BS_STORE_READONLY = 1 << 0,   /* open an existing database read-only */
	BS_STORE_MUST_EXIST = 1 << 1, /* fail with BS_ERR_NOTFOUND when absent */
	BS_STORE_MIGRATE_ONLY = 1 << 2, /* read-write, but do not finish a bulk load */
	BS_STORE_NO_MIGRATE = 1 << 3, /* read-only: report an old schema, do not migrate */
	BS_STORE_BUILD = 1 << 4,      /* the ingest: may create the schema, holds the
				       * writer lock until closed, and a new database
				       * is built aside (see below) */
};

/* Open or create path.  With BS_STORE_BUILD, when path does not exist the
 * database is built in "<path>.bulk-PID" instead: exclusive lock, in-memory
 * rollback journal (a failed file still rolls back), no syncs.  It becomes
 * path only in bs_store_finish(), synced and hard-linked (never replacing a
 * file another process created meanwhile), so a killed build leaves no
 * database, and its file is removed by the next build.  Other processes
 * see no database until then.  A read-only open of a file with an older schema
 * migrates it first through a short read-write open.  Errors: BS_ERR_DB (not a database, newer schema,
 * SQLite failure), BS_ERR_NOTFOUND (MUST_EXIST and no file). */
int bs_store_open(bs_store **out, const char *path, int flags, bs_error *err);
void bs_store_close(bs_store *s);

/* The writer lock ("DB-lock", flock): one process writes a database at a
 * time.  BS_STORE_BUILD holds it from open to close (an ingest); other
 * writers take it around each write transaction with bs_store_lock() and
 * bs_store_unlock() (nested calls count; close drops it).  Waiting has no
 * time limit: the hook, when set, is told once per wait (db path, the
 * holder's pid or 0), so the caller can say why it waits.  Readers never
 * take it.  Errors: BS_ERR_IO (the lock file cannot be made or locked). */
typedef void bs_store_wait_fn(void *ud, const char *db_path, long holder_pid);
void bs_store_set_wait_hook(bs_store_wait_fn *fn, void *ud);
int bs_store_lock(bs_store *s, bs_error *err);
void bs_store_unlock(bs_store *s);

/* The data version: the id of the newest ingest_files row (0 for an empty
 * database), so that every ingest makes older analysis results stale. */
int bs_store_data_version(bs_store *s, int64_t *version, bs_error *err);

/* A consistent read for an analysis: bs_store_read_begin() opens a read
 * transaction and gives the data version of its snapshot; every query
 * until bs_store_read_end() sees that snapshot, whatever other processes
 * commit meanwhile.  An analysis reads its input in between and stores
 * its results with that version (never one read later: results of
 * 51,208 papers must not be labelled current for 1,051,208).  No write
 * may happen in between.  read_end is safe without a read_begin. */
int bs_store_read_begin(bs_store *s, int64_t *version, bs_error *err);
void bs_store_read_end(bs_store *s);

/* 1 when an SQLite error of this store may have left its file damaged or
 * incomplete (I/O error, full disk, corruption): an ingest stops there,
 * and a new database being built is not published. */
int bs_store_broken(const bs_store *s);
const char *bs_store_path(const bs_store *s);

/* Per-file counters, filled by bs_store_add_record and the caller. */
typedef struct bs_file_counts {
	long read, new_papers, duplicate, skipped, warnings;
	uint64_t bytes;
} bs_file_counts;

/* How a record was matched to a stored paper. */
/* BS_MATCH_CONTENT: a record with no key to match by (no DOI, no URL, and
 * no title or neither authors nor a venue) found again by its content. */
/* BS_MATCH_TITLE_TYPO: the titles differ by a typo in one word, the years
 * are one and every author agrees. */
typedef enum {
	BS_MATCH_NONE, BS_MATCH_DOI, BS_MATCH_URL, BS_MATCH_TITLE, BS_MATCH_CONTENT, BS_MATCH_TITLE_TYPO
} bs_match;
const char *bs_match_name(bs_match m);

int bs_store_file_begin(bs_store *s, const char *path, const char *format,
			int64_t *file_id, bs_error *err);
/* Store rec: a new paper, or merged into the paper it duplicates (missing
 * fields filled in, never overwritten).  *match tells which; *paper_id is the
 * stored paper.  Either may be NULL.  Counts go to c. */
int bs_store_add_record(bs_store *s, int64_t file_id, const char *format,
			const bs_record *rec, bs_file_counts *c, bs_match *match,
			int64_t *paper_id, bs_error *err);
int bs_store_file_commit(bs_store *s, int64_t file_id, const char *sha256,
			 const bs_file_counts *c, bs_error *err);
void bs_store_file_rollback(bs_store *s);

/* Tell the store how many input bytes this run will read (0 = unknown, the
 * default).  The in-memory dedup filter and author cache are preloaded
 * from the database when it is small (up to 50,000 rows) or when the input
 * is large next to it (about one record per kB, at least 1/8 of the stored
 * papers); otherwise lookups go to the indexes one record at a time, so
 * adding a small file to a large database does not read the whole
 * database first.  Call before the first bs_store_file_begin(). */
void bs_store_set_input_hint(bs_store *s, uint64_t bytes);

/* Finish a bulk load: an ingest into an empty database drops the secondary
 * indexes authorship_author, papers_venue_year and paper_sources_paper and
 * defers display-name election; this rebuilds the indexes and elects every
 * author's most frequent spelling, in one transaction.  A no-op when the
 * indexes exist.  Called by bs_store_close() and, to complete a bulk load
 * that was killed, by bs_store_open() (read-write).  O(authorships).
 * A BS_STORE_BUILD database is then published at its path and reopened
 * there (WAL); on error, or when it holds no paper (an ingest that found
 * no record), the build file is removed and nothing is created: the store
 * is then closed but for bs_store_close(). */
int bs_store_finish(bs_store *s, bs_error *err);

/* Compute rec's dedup keys (title_key, url_key, author_keys, author_names)
 * into a, so that bs_store_add_record() need not: thread-safe, meant for the
 * reader thread (bs_prefetch_start_prepared). */
void bs_store_prepare_record(bs_record *rec, bs_arena *a);

/* Normalised keys used for deduplication: bs_keys_title and bs_keys_url
 * of text/keys.h, which new code calls directly. */
void bs_store_title_key(const char *title, bs_strbuf *out);
void bs_store_url_key(const char *url, bs_strbuf *out);

#endif
