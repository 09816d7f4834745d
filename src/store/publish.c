/* publish.c - a new database built aside and published, the group
 * transaction of a build, and the bulk load's deferred indexes and display
 * names (bs_store_finish).  The states involved are drawn in store_int.h. */
#include "store/store_int.h"
#include "base/trace.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Secondary indexes that a bulk load into an empty database builds at the
 * end instead of maintaining row by row (see bs_store_finish).  The lookup
 * ones (DOI, URL key, title key, author key) serve queries that the
 * in-memory maps answer during a bulk load (match_by_filter, the author
 * cache); should a query reach SQLite anyway (a failed file clears the
 * maps), bs_store_ensure_lookup_indexes() builds them first.  Uniqueness of DOIs
 * and author keys holds meanwhile because the maps see every stored key. */
static const struct { const char *name, *sql; int lookup; } deferred_indexes[] = {
	{"authorship_author", "CREATE INDEX IF NOT EXISTS authorship_author ON authorship(author_id, paper_id)", 0},
	{"authorship_name", "CREATE INDEX IF NOT EXISTS authorship_name ON authorship(name_id)", 0},
	{"papers_venue_year", "CREATE INDEX IF NOT EXISTS papers_venue_year ON papers(venue_id, year)", 0},
	{"paper_sources_paper", "CREATE INDEX IF NOT EXISTS paper_sources_paper ON paper_sources(paper_id)", 0},
	{"papers_doi", "CREATE UNIQUE INDEX IF NOT EXISTS papers_doi ON papers(doi) WHERE doi IS NOT NULL", 1},
	{"papers_url", "CREATE INDEX IF NOT EXISTS papers_url ON papers(url_key) WHERE url_key IS NOT NULL", 1},
	{"papers_title", "CREATE INDEX IF NOT EXISTS papers_title ON papers(title_key, year)", 1},
	{"authors_key", "CREATE UNIQUE INDEX IF NOT EXISTS authors_key ON authors(key)", 1},
};
#define N_DEFERRED (sizeof deferred_indexes / sizeof deferred_indexes[0])

/* Display name = most frequent spelling, for every author with several. */
static const char elect_all_sql[] =
	"UPDATE authors SET name = " ELECTED_NAME("authors.id")
	" WHERE id IN (SELECT name_id FROM authorship GROUP BY name_id"
	" HAVING COUNT(DISTINCT name) > 1)";

/* The directory part of path, with its '/' ("./" when there is none). */
void bs_store_dir_of(const char *path, bs_strbuf *out)
{
	const char *slash = strrchr(path, '/');

	bs_strbuf_reset(out);
	if (slash)
		bs_strbuf_add(out, path, (size_t)(slash - path + 1));
	else
		bs_strbuf_adds(out, "./");
}

/* Remove "<path>.bulk-PID" files left by builds whose process is gone
 * (killed): they never became the database. */
void bs_store_remove_stale_builds(const char *path)
{
	const char *slash = strrchr(path, '/');
	bs_strbuf dir = BS_STRBUF_INIT, prefix = BS_STRBUF_INIT, f = BS_STRBUF_INIT;
	DIR *d;
	struct dirent *e;

	bs_strbuf_init(&dir);
	bs_strbuf_init(&prefix);
	bs_strbuf_init(&f);
	bs_store_dir_of(path, &dir);
	bs_strbuf_addf(&prefix, "%s" BUILD_SUFFIX, slash ? slash + 1 : path);
	d = opendir(dir.buf);
	while (d && (e = readdir(d)) != NULL) {
		char *end;
		long pid;
		if (strncmp(e->d_name, prefix.buf, prefix.len) != 0)
			continue;
		pid = strtol(e->d_name + prefix.len, &end, 10);
		if (pid <= 0 || (*end && strcmp(end, "-journal") != 0))
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;   /* a live build (or not ours to judge) */
		bs_strbuf_reset(&f);
		bs_strbuf_addf(&f, "%s%s", dir.buf, e->d_name);
		(void)unlink(f.buf);   /* gone already (another build's cleanup) is as good */
	}
	if (d)
		closedir(d);
	bs_strbuf_release(&dir);
	bs_strbuf_release(&prefix);
	bs_strbuf_release(&f);
}

static int fsync_path(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Make the finished build file the database: close it, sync it, link it
 * to the database path (never over a database another process created
 * meanwhile), and reopen the database there in WAL mode. */
static int publish_build(bs_store *s, bs_error *err)
{
	bs_strbuf dir = BS_STRBUF_INIT;
	int rc = BS_OK;

	bs_store_finalize_statements(s);
	if (sqlite3_close(s->db) != SQLITE_OK) {
		rc = bs_store_db_fail(s, err, "cannot close the new database");
		(void)sqlite3_close_v2(s->db);   /* frees it whatever it says */
	}
	s->db = NULL;
	if (!rc && fsync_path(s->build_path, 0) != 0)
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot sync: %s", s->build_path, strerror(errno));
	if (!rc && link(s->build_path, s->path) != 0) {
		if (errno == EEXIST)
			rc = bs_error_set(err, BS_ERR_DB, "%s: another process created this database during"
					  " the ingest; nothing was stored: run the ingest again", s->path);
		else if (access(s->path, F_OK) != 0 && rename(s->build_path, s->path) == 0)
			;   /* a file system without hard links */
		else
			rc = bs_error_set(err, BS_ERR_IO, "%s: cannot create: %s", s->path, strerror(errno));
	}
	(void)unlink(s->build_path);   /* linked or renamed, or abandoned: its name goes */
	bs_strbuf_init(&dir);
	bs_store_dir_of(s->path, &dir);
	if (!rc && fsync_path(dir.buf, 1) != 0) {
		/* the link may not survive a power cut: take it back */
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot sync its directory: %s; nothing was stored",
				  s->path, strerror(errno));
		(void)unlink(s->path);   /* best effort: the error above already reports */
	}
	bs_strbuf_release(&dir);
	free(s->build_path);
	s->build_path = NULL;
	if (!rc)
		rc = bs_store_connect(s, s->path, 0, err);
	return rc;
}

/* Drop an unpublished build file: it never becomes the database. */
void bs_store_abandon_build(bs_store *s)
{
	bs_store_finalize_statements(s);
	/* close_v2 cannot fail with the statements finalized, and the file
	 * goes anyway (a transaction left open dies with the connection) */
	(void)sqlite3_close_v2(s->db);
	s->db = NULL;
	s->in_tx = 0;
	s->group_open = 0;
	/* a leftover file is removed by the next build (remove_stale_builds) */
	(void)unlink(s->build_path);
	free(s->build_path);
	s->build_path = NULL;
	bs_store_assert_state(s);
}

/* Rebuild the deferred indexes when missing and elect display names: the
 * authors a bulk load saw spelled differently (s->touched, when it covers
 * the whole load), else every author with several spellings. */
int bs_store_finish_bulk(bs_store *s, bs_error *err)
{
	sqlite3_stmt *st;
	int missing = 0, rc;

	if (s->in_tx)
		return bs_error_set(err, BS_ERR_USAGE, "%s: finish inside a file transaction", s->path);
	if (sqlite3_prepare_v2(s->db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "index check");
	/* a failed check reads as "present": the indexes only speed lookups
	 * up, and the next read-write open checks again */
	for (size_t i = 0; i < N_DEFERRED; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, deferred_indexes[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0)
			missing = 1;
	}
	sqlite3_finalize(st);
	if (!missing) {
		s->bulk = 0;
		return BS_OK;
	}
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	for (size_t i = 0; !rc && i < N_DEFERRED; i++) {
		rc = bs_store_exec(s, deferred_indexes[i].sql, err);
		bs_trace("index %s built", deferred_indexes[i].name);
	}
	if (!rc && s->bulk && s->bulk_touched)
		rc = bs_store_elect_touched(s, 0, err);
	else if (!rc)
		rc = bs_store_exec(s, elect_all_sql, err);
	bs_trace("display names elected");
	if (!rc)
		rc = bs_store_exec(s, "COMMIT", err);
	bs_trace("bulk load committed");
	s->bulk = 0;
	s->bulk_touched = 0;
	if (rc) {
		/* undoes the indexes and names built so far; should it fail too
		 * there is no transaction left to end, and rc already reports */
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	/* the cached display names may have changed */
	bs_store_author_cache_clear(s);
	bs_hashmap_release(&s->touched);
	bs_hashmap_init(&s->touched);
	return BS_OK;
}

/* 1 when the database being built holds a paper (or cannot tell) */
static int build_has_papers(bs_store *s)
{
	sqlite3_stmt *st;
	int has = 1;

	if (sqlite3_prepare_v2(s->db, "SELECT EXISTS (SELECT 1 FROM papers)", -1, &st, NULL) != SQLITE_OK)
		return 1;
	if (sqlite3_step(st) == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return has;
}

int bs_store_finish(bs_store *s, bs_error *err)
{
	int rc = s->broken && s->build_path ? BS_OK : bs_store_group_commit(s, err);

	if (rc && s->build_path) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		bs_error_set(err, rc, "%s: not created: writing the new database failed (%s); nothing was stored",
			     s->path, why);
	}

	if (!rc && !(s->broken && s->build_path))
		rc = bs_store_finish_bulk(s, err);

	if (s->build_path) {
		/* a build that failed anywhere is never published: a write error
		 * in a file's transaction may leave pages the rollback could not
		 * restore (the journal is in memory, the disk refused them) */
		if (!rc && s->broken)
			rc = bs_error_set(err, BS_ERR_DB, "%s: not created: writing the new database failed"
					  " (see above); nothing was stored", s->path);
		if (rc) {
			bs_store_abandon_build(s);
			return rc;
		}
		if (!build_has_papers(s)) {
			/* nothing was stored: no empty database is left behind */
			bs_store_abandon_build(s);
			bs_trace("empty database not created");
			return BS_OK;
		}
		rc = publish_build(s, err);
		bs_trace("database published");
	}
	bs_store_assert_state(s);
	return rc;
}

/* An ingest into an empty database is a bulk load: drop the deferred
 * indexes (inside the first file's transaction, so a rollback restores
 * them) and let bs_store_finish() rebuild them and elect display names. */
int bs_store_maybe_start_bulk(bs_store *s, bs_error *err)
{
	sqlite3_int64 n = 0;

	if (s->bulk_checked)
		return BS_OK;
	s->bulk_checked = 1;
	if (bs_store_sql_int(s, "SELECT max(id) FROM papers", &n, err))
		return BS_ERR_DB;
	if (n > 0)
		return BS_OK;
	for (size_t i = 0; i < N_DEFERRED; i++) {
		bs_strbuf sql = BS_STRBUF_INIT;
		int rc;
		bs_strbuf_init(&sql);
		bs_strbuf_addf(&sql, "DROP INDEX IF EXISTS %s", deferred_indexes[i].name);
		rc = bs_store_exec(s, sql.buf, err);
		bs_strbuf_release(&sql);
		if (rc)
			return rc;
	}
	s->bulk = 1;
	s->bulk_touched = 1;
	s->lookup_unsure = 1;
	return BS_OK;
}

/* Build the lookup indexes a bulk load dropped, before the first query
 * that needs them.  No statement may be running. */
int bs_store_ensure_lookup_indexes(bs_store *s, bs_error *err)
{
	int rc = BS_OK;

	s->lookup_unsure = 0;
	bs_store_reset_statements(s);
	for (size_t i = 0; !rc && i < N_DEFERRED; i++)
		if (deferred_indexes[i].lookup)
			rc = bs_store_exec(s, deferred_indexes[i].sql, err);
	if (rc)
		s->lookup_unsure = 1;
	return rc;
}

/* While a new database is built nobody else can see it, and a killed or
 * failed build leaves nothing at all, so a transaction per file buys
 * nothing there and costs a commit (its page writes) per file: a
 * directory of one-record files spent most of its time committing.  A
 * build's files are savepoints of one group transaction instead, which
 * commits every GROUP_FILES files or GROUP_RECORDS records and before
 * the build finishes; a failed file still rolls back alone. */
#define GROUP_FILES 1000
#define GROUP_RECORDS 200000

int bs_store_group_commit(bs_store *s, bs_error *err)
{
	int rc;

	if (!s->group_open)
		return BS_OK;
	bs_store_reset_statements(s);
	rc = bs_store_exec(s, "COMMIT", err);
	s->group_open = 0;
	s->group_files = s->group_records = 0;
	/* a failed COMMIT leaves the transaction open: end it.  Its own result
	 * does not matter: the build is marked broken and never published */
	if (rc)
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* A build's file was committed (RELEASE file) with records records: the
 * group transaction commits when it has grown enough. */
int bs_store_group_file_done(bs_store *s, long records, bs_error *err)
{
	s->group_files++;
	s->group_records += records;
	if (s->group_files >= GROUP_FILES || s->group_records >= GROUP_RECORDS)
		return bs_store_group_commit(s, err);
	return BS_OK;
}
