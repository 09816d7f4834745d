/* store.c - the store's public entry points: open (create, migrate,
 * build aside) and close, read transactions, and the file transaction
 * that adds records (bs_store_file_begin, bs_store_add_record,
 * bs_store_file_commit, bs_store_file_rollback).  The other jobs live in
 * lock.c, schema.c, publish.c, batch.c, intern.c and dedup.c; the states
 * they move the store through are drawn in store_int.h. */
#include "store/store_int.h"
#include "base/trace.h"
#include "text/keys.h"
#include "text/venue.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* An SQLite error that means the file itself may be damaged or incomplete
 * (a failed write, a full disk, corruption), as opposed to a constraint or a
 * busy database: a build that saw one is never published. */
void bs_store_note_error(bs_store *s)
{
	int code = s->db ? sqlite3_errcode(s->db) & 0xff : SQLITE_CANTOPEN;

	if (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CORRUPT ||
	    code == SQLITE_NOMEM || code == SQLITE_CANTOPEN || code == SQLITE_NOTADB)
		s->broken = 1;
}

/* bs_store_db_error(), after noting whether the error broke the file */
int bs_store_db_fail(bs_store *s, bs_error *err, const char *what)
{
	bs_store_note_error(s);
	return bs_store_db_error(s, err, what);
}

int bs_store_data_version(bs_store *s, int64_t *version, bs_error *err)
{
	sqlite3_int64 v = 0;
	/* every ingest adds a file row and every identity resolution a
	 * generation: both only grow, so their sum changes with either */
	int rc = bs_store_sql_int(s, "SELECT COALESCE(MAX(id), 0)"
				  " + (SELECT COALESCE(MAX(generation), 0) FROM identity_state) FROM ingest_files",
				  &v, err);

	*version = v;
	return rc;
}

int bs_store_read_begin(bs_store *s, int64_t *version, bs_error *err)
{
	int rc;

	*version = 0;
	if (s->in_read)
		return bs_error_set(err, BS_ERR_USAGE, "%s: nested read transaction", s->path);
	rc = bs_store_exec(s, "BEGIN DEFERRED", err);
	if (rc)
		return rc;
	assert(!s->in_tx);
	s->in_read = 1;
	/* the first read fixes the snapshot: the version belongs to it */
	rc = bs_store_data_version(s, version, err);
	if (rc)
		bs_store_read_end(s);
	return rc;
}

void bs_store_read_end(bs_store *s)
{
	if (!s || !s->in_read)
		return;
	/* ends a read: a failed COMMIT of a read transaction has nothing to
	 * lose, and SQLite ends the transaction anyway */
	(void)sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	s->in_read = 0;
}

int bs_store_broken(const bs_store *s)
{
	return s && s->broken;
}

sqlite3 *bs_store_db(bs_store *s) { return s->db; }
const char *bs_store_path(const bs_store *s) { return s->path; }

int bs_store_exec(bs_store *s, const char *sql, bs_error *err)
{
	char *msg = NULL;

	if (s->batch_pending) {
		int rc = bs_store_batch_write(s, err);
		if (rc)
			return rc;
	}
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		bs_store_note_error(s);
		bs_error_set(err, BS_ERR_DB, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return BS_ERR_DB;
	}
	return BS_OK;
}

/* A WAL database in a directory we cannot write, with no -shm file beside
 * it, cannot be read by a read-only connection (SQLite must create the
 * -shm); no one writes it then (a writer would have made the -shm), so
 * it is opened as immutable. */
static int reopen_immutable(bs_store *s, const char *file, int flags, bs_error *err)
{
	bs_strbuf uri = BS_STRBUF_INIT;
	int rc;

	(void)sqlite3_close_v2(s->db);   /* a fresh handle: nothing to lose */
	s->db = NULL;
	bs_strbuf_init(&uri);
	bs_strbuf_adds(&uri, "file:");
	for (const char *p = file; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			bs_strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			bs_strbuf_addc(&uri, *p);
	}
	bs_strbuf_adds(&uri, "?immutable=1");
	rc = bs_store_connect(s, uri.buf, flags | BS_STORE_IMMUTABLE, err);
	bs_strbuf_release(&uri);
	return rc;
}

/* Only bibscope's own databases are opened, and nothing is written to
 * any other SQLite file: it is checked before the journal mode is set.
 * Ours: PRAGMA application_id says so, or (made before the id was set)
 * it has bibscope's papers and ingest_files tables.  A file with no schema
 * at all becomes ours only when opened to be created (neither MUST_EXIST
 * nor READONLY: the ingest); the other commands refuse it unchanged. */
static int check_identity(bs_store *s, int flags, bs_error *err)
{
	sqlite3_int64 app = 0, objects = 0, ours = 0;
	int rc;

	rc = bs_store_sql_int(s, "PRAGMA application_id", &app, NULL);
	if (!rc && app == BS_APPLICATION_ID)
		return BS_OK;
	if (!rc)
		rc = bs_store_sql_int(s, "SELECT count(*) FROM sqlite_schema", &objects, NULL);
	if (!rc)
		rc = bs_store_sql_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
			     " AND name IN ('papers', 'ingest_files', 'authors')", &ours, NULL);
	if (rc) {
		bs_store_note_error(s);
		return bs_error_set(err, BS_ERR_DB, "%s: %s", s->path, sqlite3_errmsg(s->db));
	}
	if (app == 0 && ours == 3)
		return BS_OK;
	if (app == 0 && objects == 0) {
		if (!(flags & (BS_STORE_MUST_EXIST | BS_STORE_READONLY)))
			return BS_OK;
		return bs_error_set(err, BS_ERR_NOTFOUND, "%s: no bibscope data in this file (run 'bibscope ingest' first)",
				    s->path);
	}
	return bs_error_set(err, BS_ERR_DB, "%s: not a bibscope database (it holds another program's tables);"
			    " nothing was changed: name another file with --db", s->path);
}

/* Open the SQLite connection to file and set it up: a build file gets an
 * exclusive lock, an in-memory rollback journal (a failed input file still
 * rolls back) and no syncs, since it only becomes the database once it is
 * complete and synced (publish_build); the database proper gets WAL. */
int bs_store_connect(bs_store *s, const char *file, int flags, bs_error *err)
{
	/* NOMUTEX: a connection is only ever used by the thread that opened it
	 * (reader and path threads never touch SQLite), so SQLite need not lock
	 * around every call */
	int rc, oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, query_only = 0;

	if (flags & BS_STORE_READONLY) {
		/* A read-only SQLite connection to a WAL database leaves the
		 * -wal and -shm files behind when it is the last to close (it may
		 * not checkpoint).  Where the file and its directory are writable,
		 * open read-write with PRAGMA query_only instead: no statement
		 * can write, and the last close removes both files. */
		bs_strbuf dir = BS_STRBUF_INIT;
		bs_strbuf_init(&dir);
		bs_store_dir_of(file, &dir);
		query_only = !(flags & BS_STORE_IMMUTABLE) && access(file, W_OK) == 0 && access(dir.buf, W_OK) == 0;
		bs_strbuf_release(&dir);
		oflags = query_only ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
		if (flags & BS_STORE_IMMUTABLE)
			oflags |= SQLITE_OPEN_URI;
	}
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(file, &s->db, oflags, NULL) != SQLITE_OK)
		return bs_error_set(err, BS_ERR_DB, "%s: cannot open database: %s", s->path,
				    s->db ? sqlite3_errmsg(s->db) : "out of memory");
	(void)sqlite3_busy_timeout(s->db, 30000);   /* cannot fail on an open handle */
	bs_store_register_functions(s->db);
	(void)sqlite3_extended_result_codes(s->db, 1);   /* as the timeout */
	/* a file that is not a database fails here with a clear message */
	rc = bs_store_exec(s, "PRAGMA foreign_keys = ON", err);
	if (!rc && (flags & BS_STORE_READONLY) && !query_only && !(flags & BS_STORE_IMMUTABLE) &&
	    sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK &&
	    (sqlite3_errcode(s->db) & 0xff) == SQLITE_READONLY)
		return reopen_immutable(s, file, flags, err);
	if (!rc)
		rc = check_identity(s, flags, err);
	if (!rc && (flags & BS_STORE_READONLY))
		rc = query_only ? bs_store_exec(s, "PRAGMA query_only = 1", err) : BS_OK;
	else if (!rc && s->build_path && !strcmp(file, s->build_path))
		rc = bs_store_exec(s, "PRAGMA foreign_keys = OFF; PRAGMA page_size = 8192; PRAGMA locking_mode = EXCLUSIVE;"
				   " PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;", err);
	else if (!rc)
		rc = bs_store_exec(s, "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 8192;", err);
	if (!rc)
		rc = bs_store_exec(s, "PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;"
				   " PRAGMA mmap_size = 268435456;", err);
	return rc;
}

int bs_store_open(bs_store **out, const char *path, int flags, bs_error *err)
{
	bs_store *s;
	struct stat st;
	int rc, locked = 0;

	*out = NULL;
	if ((flags & (BS_STORE_MUST_EXIST | BS_STORE_READONLY)) && stat(path, &st) != 0)
		return bs_error_set(err, BS_ERR_NOTFOUND,
				    "%s: no such database (run 'bibscope ingest' first)", path);
	s = bs_xcalloc(1, sizeof *s);
	s->path = bs_xstrdup(path);
	s->lookup_unsure = 1;   /* a bulk load killed in another run may have left them out */
	bs_hashmap_init(&s->authors);
	bs_hashmap_init(&s->venues);
	bs_hashmap_init(&s->touched);
	bs_strbuf_init(&s->k1);
	bs_strbuf_init(&s->k2);
	bs_strbuf_init(&s->k3);
	bs_strbuf_init(&s->vname);
	bs_strbuf_init(&s->spell_key);
	bs_hashmap_init(&s->spell_map);
	bs_strbuf_init(&s->nm);
	bs_strbuf_init(&s->bl_names);
	bs_strbuf_init(&s->file_ident);
	bs_strbuf_init(&s->file_path);
	for (int t = 0; t < B__COUNT; t++)
		bs_strbuf_init(&s->batch[t].text);
	s->lock_fd = -1;
	if (!(flags & BS_STORE_READONLY)) {
		/* the ingest writes from here to bs_store_close(): it waits for
		 * any other writer first, so it also sees whether a database
		 * appeared meanwhile; others only try (below) */
		s->writer = (flags & BS_STORE_BUILD) != 0;
		rc = bs_store_lock_take(s, s->writer, &locked, err);
		if (rc)
			goto fail;
	}
	if ((flags & BS_STORE_BUILD) && !(flags & BS_STORE_READONLY) && stat(path, &st) != 0 &&
	    errno == ENOENT) {
		bs_strbuf b = BS_STRBUF_INIT;
		bs_strbuf_init(&b);
		bs_store_remove_stale_builds(path);
		bs_strbuf_addf(&b, "%s" BUILD_SUFFIX "%ld", path, (long)getpid());
		s->build_path = bs_strbuf_detach(&b, NULL);
		(void)unlink(s->build_path);   /* our pid's, from a dead run: usually absent */
	}
	rc = bs_store_connect(s, s->build_path ? s->build_path : path, flags, err);
	if (rc)
		goto fail;
	if (!(flags & BS_STORE_READONLY)) {
		int v = 0;
		/* Without the writer lock another process is writing: it has
		 * migrated the file and will finish its own bulk load; only an
		 * older schema (its writer is an older bibscope) makes us wait. */
		rc = locked ? BS_OK : bs_store_user_version(s, &v, err);
		if (!rc && !locked && v < BS_SCHEMA_VERSION)
			rc = bs_store_lock_take(s, 1, &locked, err);
		if (!rc && locked)
			rc = bs_store_migrate(s, err);
		if (!rc && locked && !(flags & BS_STORE_MIGRATE_ONLY))
			rc = bs_store_finish_bulk(s, err);   /* completes a bulk load cut short */
		if (rc)
			goto fail;
		if (locked && !s->writer)
			bs_store_lock_drop(s);
	} else {
		int v;
		rc = bs_store_user_version(s, &v, err);
		if (!rc && v < BS_SCHEMA_VERSION && !(flags & BS_STORE_NO_MIGRATE)) {
			/* an older file: migrate it once through a writable handle */
			bs_store *w;
			bs_store_close(s);
			rc = bs_store_open(&w, path, BS_STORE_MUST_EXIST | BS_STORE_MIGRATE_ONLY, err);
			if (rc && (access(path, W_OK) != 0 || strstr(err->msg, "readonly"))) {
				/* say why a read-only file cannot simply be read */
				char why[sizeof err->msg];
				snprintf(why, sizeof why, "%s", err->msg);
				bs_error_set(err, rc, "%s: schema version %d needs migrating to %d, which needs"
					     " write access (copy the file somewhere writable): %s", path, v,
					     BS_SCHEMA_VERSION, why);
			}
			if (rc)
				return rc;
			bs_store_close(w);
			return bs_store_open(out, path, flags | BS_STORE_NO_MIGRATE, err);
		}
		if (!rc && v != BS_SCHEMA_VERSION)
			rc = bs_error_set(err, BS_ERR_DB, "%s: schema version %d, expected %d%s", path, v,
					  BS_SCHEMA_VERSION, v < BS_SCHEMA_VERSION ?
					  " (run 'bibscope ingest' once to migrate)" : " (upgrade bibscope)");
		if (rc)
			goto fail;
	}
	bs_store_assert_state(s);
	*out = s;
	return BS_OK;
fail:
	if (s->build_path)
		bs_store_abandon_build(s);
	bs_store_close(s);
	return rc;
}

void bs_store_close(bs_store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		bs_store_file_rollback(s);
	/* close cannot report: a caller that cares calls bs_store_finish
	 * first (the ingest does); a failed build is then simply not
	 * published, a failed index rebuild is redone by the next open */
	if (s->bulk || s->build_path)
		(void)bs_store_finish(s, NULL);
	bs_store_finalize_statements(s);
	if (s->db) {
		/* fold the WAL back so a copied .db file is complete; a busy
		 * or failed checkpoint only leaves the WAL for the next one,
		 * and close_v2 frees the connection whatever it returns */
		if (!sqlite3_db_readonly(s->db, "main"))
			(void)sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		(void)sqlite3_close_v2(s->db);
	}
	bs_store_author_cache_clear(s);
	bs_hashmap_release(&s->authors);
	bs_store_venue_cache_clear(s);
	bs_hashmap_release(&s->venues);
	bs_hashmap_release(&s->touched);
	bs_fpmap_release(&s->paper_keys);
	bs_fpmap_release(&s->content_seen);
	bs_fpmap_release(&s->file_keys);
	bs_strbuf_release(&s->file_ident);
	bs_strbuf_release(&s->file_path);
	bs_strbuf_release(&s->k1);
	bs_strbuf_release(&s->k2);
	bs_strbuf_release(&s->k3);
	bs_strbuf_release(&s->vname);
	bs_store_spellings_clear(s);
	bs_strbuf_release(&s->spell_key);
	bs_strbuf_release(&s->nm);
	bs_strbuf_release(&s->bl_names);
	free(s->bl_ids);
	free(s->bl_off);
	free(s->bl_pos);
	bs_store_batch_release(s);
	if (s->lock_depth) {
		s->lock_depth = 1;
		bs_store_lock_drop(s);
	}
	free(s->path);
	free(s);
}

void bs_store_title_key(const char *title, bs_strbuf *out)
{
	bs_keys_title(title, out);
}

void bs_store_url_key(const char *url, bs_strbuf *out)
{
	bs_keys_url(url, out);
}

const char *bs_match_name(bs_match m)
{
	switch (m) {
	case BS_MATCH_DOI: return "doi";
	case BS_MATCH_URL: return "url";
	case BS_MATCH_TITLE: return "title+year+first-author";
	case BS_MATCH_CONTENT: return "same-record";
	case BS_MATCH_TITLE_TYPO: return "title-typo+year+authors";
	default: return "new";
	}
}

void bs_store_prepare_record(bs_record *rec, bs_arena *a)
{
	bs_strbuf k = BS_STRBUF_INIT, nm = BS_STRBUF_INIT;

	bs_strbuf_init(&k);
	bs_strbuf_init(&nm);
	bs_keys_title(rec->title, &k);
	rec->title_key = bs_arena_strndup(a, k.buf, k.len);
	bs_keys_url(rec->url, &k);
	rec->url_key = bs_arena_strndup(a, k.buf, k.len);
	bs_venue_key(rec->venue, strlen(rec->venue), &k);
	rec->venue_key = bs_arena_strndup(a, k.buf, k.len);
	if (rec->nauthors) {
		const char **keys = bs_arena_alloc(a, rec->nauthors * sizeof *keys);
		const char **names = bs_arena_alloc(a, rec->nauthors * sizeof *names);
		for (size_t i = 0; i < rec->nauthors; i++) {
			bs_keys_author(rec->authors[i], &k, &nm);
			keys[i] = bs_arena_strndup(a, k.buf, k.len);
			names[i] = bs_arena_strndup(a, nm.buf, nm.len);
		}
		rec->author_keys = keys;
		rec->author_names = names;
	}
	bs_strbuf_release(&k);
	bs_strbuf_release(&nm);
}


void bs_store_set_input_hint(bs_store *s, uint64_t bytes)
{
	if (s)
		s->input_bytes = bytes;
}

/* The date a file was last modified, UTC, YYYY-MM-DD, into out[11], for
 * the ingest log (a hint of when an export was made; never a count's
 * date, which a copy of the file would change); today for standard input
 * or a file that cannot be stat'ed. */
static void file_date(const char *path, char out[11])
{
	struct stat sb;
	struct tm tm;
	time_t t = time(NULL);

	if (strcmp(path, "-") && stat(path, &sb) == 0)
		t = sb.st_mtime;
	if (!gmtime_r(&t, &tm) || !strftime(out, 11, "%Y-%m-%d", &tm))
		memcpy(out, "1970-01-01", 11);
}

int bs_store_file_begin(bs_store *s, const char *path, const char *format,
			int64_t *file_id, bs_error *err)
{
	sqlite3_stmt *st;
	char date[11];
	int rc;

	if (s->build_path) {
		rc = s->group_open ? BS_OK : bs_store_exec(s, "BEGIN IMMEDIATE", err);
		s->group_open = 1;
		if (!rc)
			rc = bs_store_exec(s, "SAVEPOINT file", err);
		if (rc) {
			/* ends the group transaction when BEGIN opened it; when
			 * BEGIN failed there is none, and ROLLBACK's error says so */
			(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			s->group_open = 0;
			return rc;
		}
	} else {
		rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
		if (rc)
			return rc;
	}
	s->in_tx = 1;
	st = bs_store_stmt(s, Q_INS_FILE, err);
	if (!st)
		goto fail;
	file_date(path, date);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, format, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE) {
		bs_store_db_fail(s, err, "cannot log the file");
		goto fail;
	}
	*file_id = sqlite3_last_insert_rowid(s->db);
	bs_fpmap_release(&s->content_seen);
	bs_fpmap_release(&s->file_keys);
	bs_strbuf_reset(&s->file_path);
	bs_strbuf_adds(&s->file_path, path);
	bs_strbuf_reset(&s->file_ident);   /* made by bs_store_content_match when needed */
	if (bs_store_maybe_start_bulk(s, err))
		goto fail;
	if (bs_store_sql_int(s, "SELECT max(id) FROM papers", &s->next_paper, err) ||
	    bs_store_sql_int(s, "SELECT max(id) FROM authors", &s->next_author, err))
		goto fail;
	s->next_paper++;
	s->next_author++;
	if (!s->author_cache_complete && !s->n_author_cache && bs_store_preload_authors(s, err))
		goto fail;
	if (!s->paper_keys_complete && !s->paper_keys.count && bs_store_preload_paper_keys(s, err))
		goto fail;
	assert(s->in_tx && !s->batch_pending);
	bs_store_assert_state(s);
	return BS_OK;
fail:
	bs_store_file_rollback(s);
	return BS_ERR_DB;
}

void bs_store_file_rollback(bs_store *s)
{
	bs_store_batch_drop(s);
	/* The ROLLBACKs' results are not needed: a failed ROLLBACK leaves no
	 * transaction either (SQLite rolls back on its own, or there was
	 * none), and the file's rows are gone both ways; only a savepoint that
	 * cannot be undone taints the build, which is then not published. */
	if (s->in_tx && s->group_open &&
	    sqlite3_exec(s->db, "ROLLBACK TO file; RELEASE file", NULL, NULL, NULL) != SQLITE_OK) {
		bs_store_note_error(s);   /* the files before it cannot be trusted either */
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->group_open = 0;
	} else if (s->in_tx && !s->group_open) {
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	s->in_tx = 0;
	/* a rolled-back DROP INDEX is undone: decide again on the next file */
	s->bulk_checked = 0;
	s->bulk = 0;
	s->bulk_touched = 0;
	s->lookup_unsure = 1;
	/* ids handed out inside the transaction no longer exist */
	bs_store_author_cache_clear(s);
	bs_fpmap_release(&s->paper_keys);
	bs_fpmap_release(&s->content_seen);
	bs_fpmap_release(&s->file_keys);
	s->paper_keys_complete = 0;
	bs_store_venue_cache_clear(s);
	bs_store_spellings_clear(s);
	bs_store_touched_clear(s);
	assert(!s->in_tx && !s->batch_pending);
	bs_store_assert_state(s);
}

/* ---- adding a record: match, then a new row or a merge ---- */

/* The record's dedup keys: computed on the reader thread when it could
 * (bs_store_prepare_record), else here. */
static void record_keys(const bs_record *rec, bs_strbuf *tkey, bs_strbuf *ukey)
{
	if (rec->title_key) {
		bs_strbuf_adds(tkey, rec->title_key);
		bs_strbuf_adds(ukey, rec->url_key);
	} else {
		bs_keys_title(rec->title, tkey);
		bs_keys_url(rec->url, ukey);
	}
}

/* The stored paper rec duplicates (*how BS_MATCH_NONE: none), by its keys,
 * a mistyped title, or, for a record with no key to match by (*keyless),
 * its content (*ckey: its content key).  A record that matched nothing
 * leaves its byline resolved in s (bs_store_resolve_byline). */
static int match_record(bs_store *s, const bs_record *rec, int64_t venue, const bs_strbuf *tkey,
			const bs_strbuf *ukey, const rec_hash *h, int64_t *paper, bs_match *how,
			int *keyless, int64_t *ckey, bs_error *err)
{
	int rc;

	rc = bs_store_find_match(s, rec, venue, tkey->buf, ukey->buf, h, paper, how, err);
	if (!rc && *how == BS_MATCH_NONE && s->paper_keys_complete && tkey->len >= TYPO_MIN_KEY &&
	    rec->year && rec->nauthors)
		rc = bs_store_typo_match(s, rec, venue, tkey->buf, tkey->len, paper, how, err);
	if (rc || *how != BS_MATCH_NONE)
		return rc;
	/* authors first, so the row is written once with its author count */
	rc = bs_store_resolve_byline(s, rec, err);
	if (!rc && !*rec->doi && !ukey->len && (!tkey->len || (!s->bl_n && !venue))) {
		*keyless = 1;
		rc = bs_store_content_match(s, rec, venue, ckey, paper, how, err);
	}
	return rc;
}

/* Queue rec as the new paper `paper`, with the byline resolved in s. */
static void add_paper(bs_store *s, const bs_record *rec, int64_t paper, int64_t venue,
		      const bs_strbuf *tkey, const bs_strbuf *ukey, int keyless, int64_t ckey)
{
	bs_store_batch_int(s, B_PAPERS, paper);
	bs_store_batch_text(s, B_PAPERS, rec->title, strlen(rec->title));
	bs_store_batch_text(s, B_PAPERS, tkey->buf, tkey->len);
	bs_store_batch_int_or_null(s, B_PAPERS, rec->year);
	bs_store_batch_int_or_null(s, B_PAPERS, venue);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->doi);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->url);
	bs_store_batch_text_or_null(s, B_PAPERS, ukey->buf);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->abstract);
	bs_store_batch_int(s, B_PAPERS, (int64_t)s->bl_n);
	if (keyless)
		bs_store_batch_int(s, B_PAPERS, ckey);
	else
		bs_store_batch_cell(s, B_PAPERS, C_NULL, 0, 0);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->volume);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->issue);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->pages);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->doc_type);
	bs_store_batch_text_or_null(s, B_PAPERS, rec->language);
	if (rec->cited >= 0) {
		bs_store_batch_int(s, B_PAPERS, rec->cited);
		bs_store_batch_text_or_null(s, B_PAPERS, rec->cited_source);
		bs_store_batch_text_or_null(s, B_PAPERS, rec->cited_as_of);
	} else {
		for (int i = 0; i < 3; i++)
			bs_store_batch_cell(s, B_PAPERS, C_NULL, 0, 0);
	}
	bs_store_insert_byline(s, paper);
}

/* Bind Q_MERGE_PAPER (fill the stored paper's missing fields from rec);
 * doi: 1 offer rec's DOI, -1 not, 0 only the title and the abstract (the
 * retry after another paper turned out to hold the DOI). */
static void bind_merge(sqlite3_stmt *st, const bs_record *rec, int64_t paper, int64_t venue,
		       const bs_strbuf *tkey, const bs_strbuf *ukey, int doi)
{
	sqlite3_bind_int64(st, 1, paper);
	sqlite3_bind_text(st, 2, rec->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tkey->buf, (int)tkey->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, rec->abstract, -1, SQLITE_STATIC);
	if (!doi)
		return;
	if (rec->year)
		sqlite3_bind_int(st, 4, rec->year);
	if (venue)
		sqlite3_bind_int64(st, 5, venue);
	if (doi > 0)
		bs_store_bind_text_or_null(st, 6, rec->doi);
	bs_store_bind_text_or_null(st, 7, rec->url);
	bs_store_bind_text_or_null(st, 8, ukey->buf);
	bs_store_bind_text_or_null(st, 10, rec->volume);
	bs_store_bind_text_or_null(st, 11, rec->issue);
	bs_store_bind_text_or_null(st, 12, rec->pages);
}

/* Merge rec into the stored paper it duplicates (how): missing fields
 * filled in, never overwritten, and its byline when the paper had none. */
static int merge_paper(bs_store *s, const bs_record *rec, int64_t paper, int64_t venue, bs_match how,
		       const rec_hash *h, const bs_strbuf *tkey, const bs_strbuf *ukey, int *byline_from_rec,
		       bs_error *err)
{
	sqlite3_stmt *st;
	int nauth = 0, r;
	/* a DOI is only added when no other paper holds it: the filter knows
	 * when it is complete (the DOI index may not exist then), else the
	 * index refuses it (below) */
	int with_doi = how != BS_MATCH_DOI &&
		       !(s->paper_keys_complete && *rec->doi && bs_store_paper_key_known(s, 'd', h->doi, 0));

	if ((st = bs_store_stmt(s, Q_MERGE_PAPER, err)) == NULL)
		return BS_ERR_DB;
	bind_merge(st, rec, paper, venue, tkey, ukey, with_doi ? 1 : -1);
	if (sqlite3_step(st) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) != SQLITE_CONSTRAINT_UNIQUE)
			return bs_store_db_fail(s, err, "cannot merge paper");
		/* the DOI belongs to another paper: merge without it */
		if ((st = bs_store_stmt(s, Q_MERGE_PAPER, err)) == NULL)
			return BS_ERR_DB;
		bind_merge(st, rec, paper, venue, tkey, ukey, 0);
		if (sqlite3_step(st) != SQLITE_DONE)
			return bs_store_db_fail(s, err, "cannot merge paper");
	}
	st = bs_store_stmt(s, Q_PAPER_NAUTHORS, err);
	if (!st)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		nauth = sqlite3_column_int(st, 0);
	else if (r != SQLITE_DONE)
		return bs_store_db_fail(s, err, "paper lookup");
	if (nauth || !rec->nauthors)
		return BS_OK;
	if (bs_store_resolve_byline(s, rec, err))
		return BS_ERR_DB;
	bs_store_insert_byline(s, paper);
	*byline_from_rec = 1;
	if ((st = bs_store_stmt(s, Q_SET_NAUTHORS, err)) == NULL)
		return BS_ERR_DB;
	sqlite3_bind_int64(st, 1, paper);
	sqlite3_bind_int(st, 2, (int)s->bl_n);
	if (sqlite3_step(st) != SQLITE_DONE)
		return bs_store_db_fail(s, err, "cannot set author count");
	return BS_OK;
}

int bs_store_add_record(bs_store *s, int64_t file_id, const char *format,
			const bs_record *rec, bs_file_counts *c, bs_match *match,
			int64_t *paper_id, bs_error *err)
{
	bs_strbuf tkey = BS_STRBUF_INIT, ukey = BS_STRBUF_INIT;
	int64_t paper = 0, venue = 0, ckey = 0;
	bs_match how = BS_MATCH_NONE;
	rec_hash h = {0, 0, 0};
	int rc, keyless = 0;

	bs_strbuf_init(&tkey);
	bs_strbuf_init(&ukey);
	c->read++;
	record_keys(rec, &tkey, &ukey);
	rc = bs_store_venue_id(s, rec->venue, rec->venue_key, &venue, err);
	if (rc)
		goto cleanup;
	if (s->paper_keys_complete) {
		h.doi = bs_hash_bytes(rec->doi, strlen(rec->doi));
		h.url = bs_hash_bytes(ukey.buf, ukey.len);
		h.title = bs_hash_bytes(tkey.buf, tkey.len);
	}
	rc = match_record(s, rec, venue, &tkey, &ukey, &h, &paper, &how, &keyless, &ckey, err);
	if (rc)
		goto cleanup;
	if (how == BS_MATCH_NONE) {
		paper = s->next_paper++;
		add_paper(s, rec, paper, venue, &tkey, &ukey, keyless, ckey);
		c->new_papers++;
		rc = bs_store_add_rich(s, rec, paper, 1, 1, err);
	} else {
		int from_rec = 0;
		rc = merge_paper(s, rec, paper, venue, how, &h, &tkey, &ukey, &from_rec, err);
		if (!rc)
			rc = bs_store_add_rich(s, rec, paper, 0, from_rec, err);
		c->duplicate++;
	}
	if (rc)
		goto cleanup;
	bs_store_batch_int(s, B_SOURCES, file_id);
	bs_store_batch_int(s, B_SOURCES, rec->position);
	bs_store_batch_int(s, B_SOURCES, rec->line);
	bs_store_batch_int(s, B_SOURCES, paper);
	bs_store_batch_text(s, B_SOURCES, format, strlen(format));
	bs_store_batch_text(s, B_SOURCES, bs_match_name(how), strlen(bs_match_name(how)));
	bs_store_batch_text_or_null(s, B_SOURCES, rec->key);
	if (bs_store_batch_full(s) && (rc = bs_store_batch_write(s, err)) != BS_OK)
		goto cleanup;
	bs_store_remember_paper(s, rec, how, &h, tkey.buf, tkey.len, ukey.buf, paper);
	if (match)
		*match = how;
	if (paper_id)
		*paper_id = paper;
cleanup:
	bs_strbuf_release(&tkey);
	bs_strbuf_release(&ukey);
	return rc;
}

int bs_store_file_commit(bs_store *s, int64_t file_id, const char *sha256,
			 const bs_file_counts *c, bs_error *err)
{
	sqlite3_stmt *st;
	int rc;

	/* display name = most frequent spelling, for authors seen spelled
	 * differently from their current display name (a bulk load elects
	 * them all in bs_store_finish) */
	bs_trace("file's records added");
	if (bs_store_batch_write(s, err) || bs_store_spellings_write(s, err))
		goto fail;
	if (!s->bulk && bs_store_elect_touched(s, 1, err))
		goto fail;
	st = bs_store_stmt(s, Q_UPD_FILE, err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)c->bytes);
	sqlite3_bind_int64(st, 4, c->read);
	sqlite3_bind_int64(st, 5, c->new_papers);
	sqlite3_bind_int64(st, 6, c->duplicate);
	sqlite3_bind_int64(st, 7, c->skipped);
	sqlite3_bind_int64(st, 8, c->warnings);
	if (sqlite3_step(st) != SQLITE_DONE) {
		bs_store_db_fail(s, err, "cannot finish the file log");
		goto fail;
	}
	bs_store_reset_statements(s);
	rc = bs_store_exec(s, s->group_open ? "RELEASE file" : "COMMIT", err);
	if (rc)
		goto fail;
	s->in_tx = 0;
	assert(!s->batch_pending);
	if (s->group_open && bs_store_group_file_done(s, c->read, err) != BS_OK)
		return BS_ERR_DB;   /* the build is broken: it will not be published */
	bs_trace("file committed");
	if (!s->bulk)   /* a bulk load elects them all at the end */
		bs_store_touched_clear(s);
	bs_store_assert_state(s);
	return BS_OK;
fail:
	bs_store_file_rollback(s);
	return BS_ERR_DB;
}

