/* store_int.h - what the parts of the store share, private to src/store/.
 *
 * The store is one object, struct bs_store, worked on by one file per job:
 *   store.c   open, close, read transactions, the file transaction and
 *             bs_store_add_record (the public entry points)
 *   lock.c    the writer lock (flock on "DB-lock")
 *   schema.c  the schema, its migrations and the SQL functions they use
 *   publish.c a new database built aside, group commits, the bulk load's
 *             deferred indexes, bs_store_finish
 *   batch.c   the prepared statements and the batched inserts
 *   intern.c  venue and author ids: caches, spellings, display names
 *   dedup.c   the dedup filter and the rules that match a record to a paper
 * Functions shared between them are bs_store_-prefixed and declared here;
 * everything else is file-static.
 *
 * ---- the states of a store ----
 *
 * A bs_store is in one of the states below; each description gives the
 * flags of struct bs_store that tell it apart.
 *
 *                           bs_store_open
 *        +------------+------------+--------------------+
 *        |            |            |                    |
 *        V            V            V       publish      V       abandon
 *     READER        OPEN        WRITER <------------ BUILDING ----------> DEAD
 *                   ^  |         |  ^                 |    ^
 *       commit,     |  | begin   |  | commit,   begin |    | group_commit
 *       rollback    |  V         V  | rollback        V    |
 *                   +--- FILE ------+               FILE <---> GROUP
 *                         ^ |                   (savepoint)  release,
 *         batch_write     | | add_record            ^ |     begin,
 *                         | V                       | V     rollback
 *                       PENDING                   PENDING
 *
 *     every state ------------- bs_store_close ------------> CLOSED
 *
 * READING (in_read) may be entered from READER, OPEN and WRITER, and
 * BROKEN (broken) and BULK (bulk) are marks on top of the other states.
 *
 *  CLOSED:   no bs_store (bs_store_close freed it).
 *  READER:   BS_STORE_READONLY.  writer = 0, lock_depth = 0, build_path =
 *            NULL, in_tx = 0, group_open = 0; nothing is ever written.
 *  OPEN:     read-write without BS_STORE_BUILD (an analysis storing its
 *            runs).  writer = 0; lock_depth > 0 only between bs_store_lock
 *            and bs_store_unlock.
 *  WRITER:   BS_STORE_BUILD on an existing database (an ingest), or a
 *            build once published.  writer = 1 and lock_depth >= 1 until
 *            bs_store_close; build_path = NULL; the file is in WAL mode.
 *  BUILDING: BS_STORE_BUILD where no database existed: db is the file
 *            build_path ("<path>.bulk-PID"), exclusively locked, journal
 *            in memory.  writer = 1, lock_depth >= 1, build_path != NULL,
 *            group_open = 0.
 *  GROUP:    BUILDING with the group transaction open between two files:
 *            group_open = 1, in_tx = 0.
 *  FILE:     one input file's transaction: in_tx = 1 (in a build the
 *            savepoint "file" inside the group: group_open = 1 too);
 *            in_read = 0.
 *  PENDING:  FILE with rows waiting in the batches: batch_pending > 0.
 *            Every statement other than the batch inserts writes them
 *            first (bs_store_stmt, bs_store_exec), so no query sees a
 *            database without them; the venue statements alone do not
 *            (they touch no batched table).
 *  READING:  in_read = 1 between bs_store_read_begin and _end: one SQLite
 *            read transaction, no write, in_tx = 0.
 *  BULK:     bulk = 1 (so bulk_checked = 1): the first file went into an
 *            empty database, the deferred indexes are dropped and display
 *            names wait for bs_store_finish; bulk_touched = 1 (only with
 *            bulk) while touched covers every author of the load.
 *            lookup_unsure = 1 while the lookup indexes may be missing.
 *  BROKEN:   broken = 1 after an I/O-class SQLite error (bs_store_note_error);
 *            never cleared.  A BROKEN build is never published.
 *  DEAD:     db = NULL: a build abandoned (failed, broken, or no paper
 *            stored) by bs_store_finish, its file removed.  Only
 *            bs_store_close is legal; build_path = NULL, group_open = 0,
 *            in_tx = 0.
 *
 * Transitions and the function that performs each:
 *
 *   CLOSED   -> READER, OPEN, WRITER, BUILDING  [bs_store_open]
 *   READER, OPEN, WRITER -> READING            [bs_store_read_begin]
 *   READING  -> the state before               [bs_store_read_end]
 *   OPEN     -> OPEN + lock_depth++            [bs_store_lock]
 *   OPEN + lock_depth -> OPEN                  [bs_store_unlock]
 *   OPEN, WRITER -> FILE                       [bs_store_file_begin: BEGIN IMMEDIATE]
 *   BUILDING, GROUP -> FILE                    [bs_store_file_begin: BEGIN, SAVEPOINT file]
 *   FILE     -> FILE + BULK                    [bs_store_maybe_start_bulk]
 *   FILE     -> PENDING                        [bs_store_add_record (bs_store_batch_*)]
 *   PENDING  -> FILE                           [bs_store_batch_write]
 *   FILE, PENDING -> OPEN, WRITER              [bs_store_file_commit: COMMIT]
 *   FILE, PENDING -> GROUP                     [bs_store_file_commit: RELEASE file]
 *   FILE, PENDING -> OPEN, WRITER, GROUP       [bs_store_file_rollback; BULK ends]
 *   FILE, PENDING -> BUILDING + BROKEN         [bs_store_file_rollback, savepoint lost]
 *   GROUP    -> BUILDING                       [bs_store_group_commit]
 *   BULK     -> not BULK                       [bs_store_finish_bulk]
 *   any      -> + BROKEN                       [bs_store_note_error]
 *   BUILDING, GROUP -> WRITER                  [bs_store_finish: publish_build]
 *   BUILDING, GROUP -> DEAD                    [bs_store_finish: bs_store_abandon_build]
 *   any      -> CLOSED                         [bs_store_close: a FILE rolls back,
 *                                               a BULK or a build is finished]
 *
 * bs_store_assert_state() checks the legal combinations above at the
 * transitions (assert: debug and debugoptimized builds only).
 */
#ifndef BS_STORE_INT_H
#define BS_STORE_INT_H

#include "store/store_db.h"
#include "base/fpmap.h"
#include "base/hashmap.h"
#include "base/strbuf.h"

#include <assert.h>
#include <stdint.h>

/* Results not checked, on purpose, throughout the store: sqlite3_bind_*
 * (fails only for an index out of range, a bug, or for lack of memory,
 * which the step that follows reports), sqlite3_reset and
 * sqlite3_finalize (they repeat the error of the last step, checked
 * already) and close() of a descriptor only read from. */

/* An author's display name, the one election rule of every statement that
 * sets it: the most frequent spelling in authorship, ties to the longer
 * byte form (the accented one), then alphabetical.  who: the author's id
 * as SQL ("authors.id", "?1"). */
#define ELECTED_NAME_BY(col, who) "(SELECT name FROM authorship WHERE " col " = " who \
	" GROUP BY name ORDER BY COUNT(*) DESC, length(CAST(name AS BLOB)) DESC, name LIMIT 1)"
/* a name's spellings are its bylines as written (name_id); author_id is
 * the person, which identity resolution may point elsewhere */
#define ELECTED_NAME(who) ELECTED_NAME_BY("name_id", who)

enum {
	Q_SEL_DOI, Q_SEL_URL, Q_SEL_TITLE, Q_SEL_FIRST_AUTHOR,
	Q_MERGE_PAPER, Q_SEL_VENUE, Q_INS_VENUE, Q_UPD_VENUE_NAME, Q_SEL_AUTHOR,
	Q_SEL_AUTHOR_NAME, Q_INS_FILE, Q_UPD_FILE, Q_SEL_PAPER_KEYS, Q_SEL_PAPER_VENUE,
	Q_UPD_AUTHOR_NAME, Q_PAPER_NAUTHORS, Q_SET_NAUTHORS, Q_SEL_CONTENT, Q_SEL_PAPER_LOC,
	Q_SEL_AUTHOR_KEYS, Q_SEL_PAPER_TITLE, Q_MERGE_RICH, Q_INS_KEYWORD_MERGE, Q_HAS_REFS,
	Q_HAS_AFFILS, Q_DEL_AFFILS, Q__COUNT
};

/* Batched inserts.  New rows of authors, papers, authorship,
 * paper_sources and the rich records' tables wait in the store and reach
 * SQLite through multi-row INSERTs of 64, 16, 4 or 1 rows: one statement
 * step per 64 rows instead of one per row, which is what a load spent
 * most of its time on.  Every other statement the store runs
 * (bs_store_stmt(), bs_store_exec()) but the venue ones first writes all
 * pending rows, in foreign-key order, so lookups, merges and the commit
 * see them; a rollback drops them.  Ids of new papers and authors
 * are handed out by the store: max(id) + 1 at bs_store_file_begin(), under
 * the write lock, as SQLite would have chosen them. */
enum { B_AUTHORS, B_PAPERS, B_AUTHORSHIP, B_SOURCES, B_IDS, B_KEYWORDS, B_REFS, B_AFFILS, B_AUTHOR_IDS,
       B__COUNT };
enum { C_NULL, C_INT, C_TEXT };
#define BATCH_SIZES 4          /* 64, 16, 4, 1 rows per statement */
#define BATCH_WRITE_PAPERS 512 /* pending papers (or 16 times as many bylines) that trigger a write */
#define BATCH_WRITE_BYTES ((size_t)16 << 20)


typedef struct batch_cell {
	int64_t i;          /* C_INT: the value; C_TEXT: offset in text */
	uint32_t len;       /* C_TEXT: bytes */
	unsigned char type;
} batch_cell;

typedef struct row_batch {
	batch_cell *cells;  /* rows * ncols, row-major */
	size_t n, cap;      /* cells */
	bs_strbuf text;     /* the text values, back to back */
	sqlite3_stmt *st[BATCH_SIZES];   /* prepared on first use */
} row_batch;

struct bs_store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q__COUNT];
	bs_hashmap authors;   /* match key -> index into author_cache */
	struct author_entry { int64_t id; char *name; } *author_cache;
	size_t n_author_cache, cap_author_cache;
	int author_cache_complete;  /* every stored author is in the cache */
	bs_hashmap venues;    /* venue key -> index into venue_cache */
	struct venue_entry { int64_t id; int rank; char *name; } *venue_cache;
	size_t n_venue_cache, cap_venue_cache;
	/* venue spellings of the current file: venue id + spelling -> index
	 * into spell, records counted; written to venue_names at its commit */
	bs_hashmap spell_map;
	struct spelling { int64_t venue; char *name; int64_t records; } *spell;
	size_t n_spell, cap_spell, last_spell;
	bs_strbuf spell_key;  /* scratch */
	bs_fpmap paper_keys;      /* fingerprints of the stored papers' dedup keys -> papers */
	bs_fpmap content_seen;    /* content hashes of this file's keyless records (see bs_store_content_match) */
	bs_fpmap file_keys;       /* papers of this file's records -> hashes of their record keys */
	bs_strbuf file_path;      /* the current file's path as given */
	bs_strbuf file_ident;     /* ... and its absolute path, for bs_store_content_match ("" until needed) */
	int paper_keys_complete;  /* a miss in paper_keys means no match */
	bs_hashmap touched;   /* author_cache indexes whose display name may change */
	bs_strbuf k1, k2, k3; /* scratch keys */
	bs_strbuf vname;      /* scratch: a venue's display form */
	bs_strbuf nm;         /* scratch author display name */
	int64_t *bl_ids;      /* bs_store_resolve_byline(): author ids in byline order */
	size_t *bl_off;       /* ... and offsets of their spellings in bl_names */
	long *bl_pos;         /* per record author: its byline position, -1 when dropped */
	size_t bl_n, bl_cap;
	bs_strbuf bl_names;   /* NUL-separated spellings */
	int in_tx;
	/* A new database's build: files are savepoints of a group
	 * transaction (see bs_store_group_commit) */
	int group_open;
	long group_files, group_records;
	uint64_t input_bytes; /* bs_store_set_input_hint(); 0 = unknown */
	int bulk_checked;     /* decided whether this run is a bulk load */
	int bulk;             /* deferred indexes dropped; names elected at finish */
	int bulk_touched;     /* touched covers the whole bulk load (no rollback) */
	char *build_path;     /* BS_STORE_BUILD: the file being built, else NULL */
	row_batch batch[B__COUNT];   /* rows not yet written (see above) */
	size_t batch_pending;        /* cells pending in all batches */
	sqlite3_int64 next_paper, next_author;   /* ids for new rows */
	int lookup_unsure;           /* the lookup indexes may be missing */
	int lock_fd;                 /* the writer lock's file, -1 when not held */
	int lock_depth;              /* nested bs_store_lock() calls */
	int writer;                  /* BS_STORE_BUILD: holds the writer lock until closed */
	int broken;                  /* an I/O-class SQLite error: never publish the build */
	int in_read;                 /* inside bs_store_read_begin() */
};

#define BUILD_SUFFIX ".bulk-"
/* internal open flag (store.h's end at 1 << 4): the file is opened as an
 * immutable URI (see reopen_immutable in store.c) */
#define BS_STORE_IMMUTABLE (1 << 8)

/* The legal flag combinations of the state diagram above. */
static inline void bs_store_assert_state(const bs_store *s)
{
	assert(!(s->in_tx && s->in_read));
	assert(!s->group_open || s->build_path);
	assert(!s->build_path || s->writer);
	assert(!s->writer || s->lock_depth >= 1);
	assert((s->lock_depth > 0) == (s->lock_fd >= 0));
	assert(!s->bulk_touched || s->bulk);
	assert(!s->bulk || s->bulk_checked);
	assert(s->db || (!s->in_tx && !s->group_open && !s->build_path));
	(void)s;
}

/* store.c */
void bs_store_note_error(bs_store *s);
int bs_store_db_fail(bs_store *s, bs_error *err, const char *what);
int bs_store_connect(bs_store *s, const char *file, int flags, bs_error *err);

/* lock.c: take (wait: block until free, else *got = 0 when held
 * elsewhere; nested calls count) and drop the writer lock */
int bs_store_lock_take(bs_store *s, int wait, int *got, bs_error *err);
void bs_store_lock_drop(bs_store *s);

/* schema.c */
int bs_store_sql_int(bs_store *s, const char *sql, sqlite3_int64 *n, bs_error *err);
int bs_store_user_version(bs_store *s, int *v, bs_error *err);
int bs_store_migrate(bs_store *s, bs_error *err);
void bs_store_register_functions(sqlite3 *db);

/* publish.c */
void bs_store_dir_of(const char *path, bs_strbuf *out);
void bs_store_remove_stale_builds(const char *path);
void bs_store_abandon_build(bs_store *s);
int bs_store_finish_bulk(bs_store *s, bs_error *err);
/* richrec.c: write rec's rich fields (record.h) for paper.  is_new: the
 * paper row was just queued with s's resolved byline; byline_from_rec:
 * the paper's byline is rec's (new, or a merge that gave it its byline),
 * else record authors are placed by their keys.  Merges keep the union
 * of identifiers and keywords, the addresses and references of the first
 * record that had any (addresses tied to authors over the paper's alone),
 * and the most recent citation count. */
int bs_store_add_rich(bs_store *s, const bs_record *rec, int64_t paper, int is_new, int byline_from_rec,
		      bs_error *err);
int bs_store_maybe_start_bulk(bs_store *s, bs_error *err);
int bs_store_ensure_lookup_indexes(bs_store *s, bs_error *err);
int bs_store_group_commit(bs_store *s, bs_error *err);
int bs_store_group_file_done(bs_store *s, long records, bs_error *err);

/* batch.c */
sqlite3_stmt *bs_store_stmt(bs_store *s, int which, bs_error *err);
void bs_store_reset_statements(bs_store *s);
void bs_store_finalize_statements(bs_store *s);
void bs_store_bind_text_or_null(sqlite3_stmt *st, int i, const char *v);
void bs_store_batch_cell(bs_store *s, int t, unsigned char type, int64_t i, uint32_t len);
void bs_store_batch_int(bs_store *s, int t, int64_t v);
void bs_store_batch_int_or_null(bs_store *s, int t, int64_t v);
void bs_store_batch_text(bs_store *s, int t, const char *v, size_t len);
void bs_store_batch_text_or_null(bs_store *s, int t, const char *v);
int bs_store_batch_full(const bs_store *s);
int bs_store_batch_write(bs_store *s, bs_error *err);
void bs_store_batch_drop(bs_store *s);
void bs_store_batch_release(bs_store *s);

/* intern.c */
int bs_store_worth_preloading(const bs_store *s, sqlite3_int64 n, sqlite3_int64 max);
int bs_store_preload_authors(bs_store *s, bs_error *err);
int bs_store_elect_touched(bs_store *s, int refresh, bs_error *err);
void bs_store_touched_clear(bs_store *s);
void bs_store_venue_cache_clear(bs_store *s);
void bs_store_spellings_clear(bs_store *s);
int bs_store_spellings_write(bs_store *s, bs_error *err);
int bs_store_venue_id(bs_store *s, const char *name, const char *key, int64_t *id, bs_error *err);
void bs_store_author_cache_clear(bs_store *s);
int bs_store_resolve_byline(bs_store *s, const bs_record *rec, bs_error *err);
void bs_store_insert_byline(bs_store *s, int64_t paper);

/* dedup.c */
/* bs_hash_bytes() of a record's DOI, URL key and title key */
typedef struct rec_hash { uint64_t doi, url, title; } rec_hash;
/* title keys this long or longer are also matched with one word mistyped */
#define TYPO_MIN_KEY 24
uint64_t bs_store_content_hash(const char *file, const char *title, int year, int64_t venue,
			       const char *abstract, const char *author_ids);
int64_t bs_store_content_key_rank(uint64_t h, int64_t rank);
int bs_store_preload_paper_keys(bs_store *s, bs_error *err);
int bs_store_paper_key_known(bs_store *s, char kind, uint64_t h, int year);
void bs_store_remember_paper(bs_store *s, const bs_record *rec, bs_match how, const rec_hash *h,
			     const char *tkey, size_t tlen, const char *ukey, int64_t paper);
int bs_store_content_match(bs_store *s, const bs_record *rec, int64_t venue, int64_t *key,
			   int64_t *paper, bs_match *how, bs_error *err);
int bs_store_find_match(bs_store *s, const bs_record *rec, int64_t venue, const char *title_key,
			const char *url_key, const rec_hash *h, int64_t *paper, bs_match *how,
			bs_error *err);
int bs_store_typo_match(bs_store *s, const bs_record *rec, int64_t venue, const char *tkey, size_t L,
			int64_t *paper, bs_match *how, bs_error *err);

#endif
