/* batch.c - the statements of the ingest path: the prepared lookups and
 * updates (bs_store_stmt) and the batched inserts of new rows (see
 * row_batch in store_int.h), written before any other statement runs. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const sql_text[Q__COUNT] = {
	[Q_SEL_DOI] = "SELECT id FROM papers WHERE doi = ?1",
	[Q_SEL_URL] = "SELECT id, doi, title_key, year FROM papers WHERE url_key = ?1",
	[Q_SEL_TITLE] = "SELECT id, doi FROM papers WHERE title_key = ?1 AND year IS ?2",
	[Q_SEL_PAPER_KEYS] = "SELECT doi, url_key, title_key, year FROM papers WHERE id = ?1",
	[Q_SEL_PAPER_VENUE] = "SELECT venue_id, url_key FROM papers WHERE id = ?1",
	[Q_SEL_FIRST_AUTHOR] = "SELECT a.key FROM authorship s JOIN authors a ON a.id = s.name_id"
			       " WHERE s.paper_id = ?1 ORDER BY s.position LIMIT 1",
	[Q_MERGE_PAPER] = "UPDATE papers SET"
			  " title = CASE WHEN title = '' THEN ?2 ELSE title END,"
			  " title_key = CASE WHEN title = '' THEN ?3 ELSE title_key END,"
			  " year = COALESCE(year, ?4),"
			  " venue_id = COALESCE(venue_id, ?5),"
			  " doi = COALESCE(doi, ?6),"
			  " url = COALESCE(url, ?7),"
			  " url_key = COALESCE(url_key, ?8),"
			  " abstract = CASE WHEN length(?9) > length(COALESCE(abstract, '')) THEN ?9"
			  "  ELSE abstract END,"
			  /* where it sits: only from a record of the paper's venue (a
			   * preprint's pages are not the journal's) */
			  " volume = CASE WHEN venue_id IS NULL OR venue_id IS ?5 THEN COALESCE(volume, ?10) ELSE volume END,"
			  " issue = CASE WHEN venue_id IS NULL OR venue_id IS ?5 THEN COALESCE(issue, ?11) ELSE issue END,"
			  " pages = CASE WHEN venue_id IS NULL OR venue_id IS ?5 THEN COALESCE(pages, ?12) ELSE pages END"
			  " WHERE id = ?1 AND ((title = '' AND ?2 != '') OR (year IS NULL AND ?4 IS NOT NULL)"
			  "  OR (venue_id IS NULL AND ?5 IS NOT NULL) OR (doi IS NULL AND ?6 IS NOT NULL)"
			  "  OR (url IS NULL AND ?7 IS NOT NULL) OR (url_key IS NULL AND ?8 IS NOT NULL)"
			  "  OR length(?9) > length(COALESCE(abstract, ''))"
			  "  OR (volume IS NULL AND ?10 IS NOT NULL) OR (issue IS NULL AND ?11 IS NOT NULL)"
			  "  OR (pages IS NULL AND ?12 IS NOT NULL))",
	[Q_SEL_VENUE] = "SELECT id, name FROM venues WHERE key = ?1",
	[Q_INS_VENUE] = "INSERT INTO venues(name, key) VALUES(?1, ?2)",
	[Q_UPD_VENUE_NAME] = "UPDATE venues SET name = ?1 WHERE id = ?2",
	[Q_SEL_AUTHOR] = "SELECT id, name FROM authors WHERE key = ?1",
	[Q_SEL_AUTHOR_NAME] = "SELECT name FROM authors WHERE id = ?1",
	[Q_INS_FILE] = "INSERT INTO ingest_files(path, sha256, format, started_at, modified_at)"
		       " VALUES(?1, '', ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3)",
	[Q_UPD_FILE] = "UPDATE ingest_files SET sha256 = ?2, bytes = ?3, read = ?4, new = ?5,"
		       " duplicate = ?6, skipped = ?7, warnings = ?8,"
		       " finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
	[Q_UPD_AUTHOR_NAME] = "UPDATE authors SET name = " ELECTED_NAME("?1") " WHERE id = ?1",
	[Q_PAPER_NAUTHORS] = "SELECT n_authors FROM papers WHERE id = ?1",
	[Q_SET_NAUTHORS] = "UPDATE papers SET n_authors = ?2 WHERE id = ?1",
	[Q_SEL_CONTENT] = "SELECT id FROM papers WHERE content_key = ?1",
	[Q_SEL_PAPER_LOC] = "SELECT venue_id, volume, issue, pages FROM papers WHERE id = ?1",
	[Q_SEL_AUTHOR_KEYS] = "SELECT a.key FROM authorship s JOIN authors a ON a.id = s.name_id"
			      " WHERE s.paper_id = ?1 ORDER BY s.position",
	[Q_SEL_PAPER_TITLE] = "SELECT title, title_key, year, doi FROM papers WHERE id = ?1",
	/* rich fields of a merge: type and language filled, the citation
	 * count replaced by a more recent one: a dated count over an undated
	 * one, a later export date over an earlier one, and on the same date
	 * (or both undated) the larger count */
	[Q_MERGE_RICH] = "UPDATE papers SET doc_type = COALESCE(doc_type, ?2), language = COALESCE(language, ?3),"
			 " times_cited = CASE WHEN ?4 IS NOT NULL AND (times_cited IS NULL"
			 "  OR (?6 IS NOT NULL AND (cited_as_of IS NULL OR ?6 > cited_as_of))"
			 "  OR (?6 IS cited_as_of AND ?4 > times_cited)) THEN ?4 ELSE times_cited END,"
			 " cited_source = CASE WHEN ?4 IS NOT NULL AND (times_cited IS NULL"
			 "  OR (?6 IS NOT NULL AND (cited_as_of IS NULL OR ?6 > cited_as_of))"
			 "  OR (?6 IS cited_as_of AND ?4 > times_cited)) THEN ?5 ELSE cited_source END,"
			 " cited_as_of = CASE WHEN ?4 IS NOT NULL AND (times_cited IS NULL"
			 "  OR (?6 IS NOT NULL AND (cited_as_of IS NULL OR ?6 > cited_as_of))"
			 "  OR (?6 IS cited_as_of AND ?4 > times_cited)) THEN ?6 ELSE cited_as_of END"
			 " WHERE id = ?1",
	[Q_INS_KEYWORD_MERGE] = "INSERT OR IGNORE INTO paper_keywords(paper_id, kind, key, keyword, position)"
				" VALUES(?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position) + 1, 0) FROM paper_keywords"
				" WHERE paper_id = ?1 AND kind = ?2))",
	[Q_HAS_REFS] = "SELECT EXISTS (SELECT 1 FROM paper_refs WHERE paper_id = ?1)",
	/* 0: no address; 1: addresses of the paper only (whose is not said); 2:
	 * addresses tied to authors */
	[Q_HAS_AFFILS] = "SELECT COALESCE(MAX(position >= 0) + 1, 0) FROM affiliations WHERE paper_id = ?1",
	[Q_DEL_AFFILS] = "DELETE FROM affiliations WHERE paper_id = ?1",
};

static const struct { const char *head; int ncols; } batch_sql[B__COUNT] = {
	[B_AUTHORS] = {"INSERT INTO authors(id, name, key) VALUES", 3},
	[B_PAPERS] = {"INSERT INTO papers(id, title, title_key, year, venue_id, doi, url, url_key,"
		      " abstract, n_authors, content_key, volume, issue, pages, doc_type, language,"
		      " times_cited, cited_source, cited_as_of) VALUES", 19},
	[B_AUTHORSHIP] = {"INSERT INTO authorship(paper_id, position, author_id, name, name_id) VALUES", 5},
	[B_SOURCES] = {"INSERT OR REPLACE INTO paper_sources(file_id, position, line, paper_id, format,"
		       " match, record_key) VALUES", 7},
	[B_IDS] = {"INSERT OR IGNORE INTO paper_ids(paper_id, scheme, value) VALUES", 3},
	[B_KEYWORDS] = {"INSERT OR IGNORE INTO paper_keywords(paper_id, kind, key, keyword, position) VALUES", 5},
	[B_REFS] = {"INSERT OR IGNORE INTO paper_refs(paper_id, position, raw, first_author, year, source,"
		    " volume, page, doi, ref_key) VALUES", 10},
	[B_AFFILS] = {"INSERT OR IGNORE INTO affiliations(paper_id, position, seq, address, institution, country)"
		      " VALUES", 6},
	[B_AUTHOR_IDS] = {"INSERT OR IGNORE INTO author_ids(paper_id, position, scheme, value) VALUES", 4},
};

/* Finalize the prepared ingest statements (they are prepared again on use). */
void bs_store_finalize_statements(bs_store *s)
{
	for (int i = 0; i < Q__COUNT; i++) {
		sqlite3_finalize(s->q[i]);
		s->q[i] = NULL;
	}
	for (int t = 0; t < B__COUNT; t++)
		for (int k = 0; k < BATCH_SIZES; k++) {
			sqlite3_finalize(s->batch[t].st[k]);
			s->batch[t].st[k] = NULL;
		}
}


/* ---- batched inserts (see row_batch) ---- */

void bs_store_batch_cell(bs_store *s, int t, unsigned char type, int64_t i, uint32_t len)
{
	row_batch *b = &s->batch[t];

	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 1024;
		b->cells = bs_xrealloc(b->cells, b->cap * sizeof *b->cells);
	}
	b->cells[b->n].type = type;
	b->cells[b->n].i = i;
	b->cells[b->n++].len = len;
	s->batch_pending++;
}

void bs_store_batch_int(bs_store *s, int t, int64_t v)
{
	bs_store_batch_cell(s, t, C_INT, v, 0);
}

/* an int, or NULL when v is 0 */
void bs_store_batch_int_or_null(bs_store *s, int t, int64_t v)
{
	bs_store_batch_cell(s, t, v ? C_INT : C_NULL, v, 0);
}

void bs_store_batch_text(bs_store *s, int t, const char *v, size_t len)
{
	row_batch *b = &s->batch[t];
	int64_t off = (int64_t)b->text.len;

	bs_strbuf_add(&b->text, v, len);
	bs_store_batch_cell(s, t, C_TEXT, off, (uint32_t)len);
}

/* text, or NULL when v is NULL or "" */
void bs_store_batch_text_or_null(bs_store *s, int t, const char *v)
{
	if (v && *v)
		bs_store_batch_text(s, t, v, strlen(v));
	else
		bs_store_batch_cell(s, t, C_NULL, 0, 0);
}

static size_t batch_rows(const bs_store *s, int t)
{
	return s->batch[t].n / (size_t)batch_sql[t].ncols;
}

void bs_store_batch_drop(bs_store *s)
{
	for (int t = 0; t < B__COUNT; t++) {
		s->batch[t].n = 0;
		bs_strbuf_reset(&s->batch[t].text);
	}
	s->batch_pending = 0;
}

void bs_store_batch_release(bs_store *s)
{
	for (int t = 0; t < B__COUNT; t++) {
		free(s->batch[t].cells);
		s->batch[t].cells = NULL;
		s->batch[t].n = s->batch[t].cap = 0;
		bs_strbuf_release(&s->batch[t].text);
	}
	s->batch_pending = 0;
}

void bs_store_multirow_sql(bs_strbuf *sql, const char *head, int ncols, int rows)
{
	bs_strbuf_adds(sql, head);
	for (int r = 0; r < rows; r++) {
		bs_strbuf_adds(sql, r ? ",(" : "(");
		for (int c = 0; c < ncols; c++)
			bs_strbuf_adds(sql, c ? ",?" : "?");
		bs_strbuf_addc(sql, ')');
	}
}

/* The statement inserting 64 >> (2 * k) rows into table t. */
static sqlite3_stmt *batch_stmt(bs_store *s, int t, int k, bs_error *err)
{
	row_batch *b = &s->batch[t];

	if (!b->st[k]) {
		bs_strbuf sql = BS_STRBUF_INIT;
		int rows = 64 >> (2 * k), rc;
		bs_strbuf_init(&sql);
		bs_store_multirow_sql(&sql, batch_sql[t].head, batch_sql[t].ncols, rows);
		rc = sqlite3_prepare_v3(s->db, sql.buf, (int)sql.len, SQLITE_PREPARE_PERSISTENT, &b->st[k],
					NULL);
		bs_strbuf_release(&sql);
		if (rc != SQLITE_OK) {
			bs_store_db_fail(s, err, "prepare");
			return NULL;
		}
	}
	return b->st[k];
}

static const char *const batch_what[B__COUNT] = {
	[B_AUTHORS] = "cannot add author", [B_PAPERS] = "cannot add paper",
	[B_AUTHORSHIP] = "cannot add authorship", [B_SOURCES] = "cannot record provenance",
	[B_IDS] = "cannot add identifier", [B_KEYWORDS] = "cannot add keyword",
	[B_REFS] = "cannot add reference", [B_AFFILS] = "cannot add affiliation",
	[B_AUTHOR_IDS] = "cannot add author identifier",
};

/* Write every pending row, table by table in foreign-key order. */
int bs_store_batch_write(bs_store *s, bs_error *err)
{
	int rc = BS_OK;

	if (!s->batch_pending)
		return BS_OK;
	for (int t = 0; t < B__COUNT && !rc; t++) {
		row_batch *b = &s->batch[t];
		size_t ncols = (size_t)batch_sql[t].ncols, rows = batch_rows(s, t), done = 0;
		/* never NULL: an empty text must bind as '' (regression: a batch
		 * whose only text was a missing title bound NULL) */
		const char *text = bs_strbuf_str(&b->text);

		for (int k = 0; k < BATCH_SIZES && !rc; k++) {
			size_t chunk = (size_t)64 >> (2 * k);
			while (rows - done >= chunk) {
				sqlite3_stmt *st = batch_stmt(s, t, k, err);
				const batch_cell *c = b->cells + done * ncols;
				if (!st) {
					rc = BS_ERR_DB;
					break;
				}
				for (size_t j = 0; j < chunk * ncols; j++) {
					if (c[j].type == C_INT)
						sqlite3_bind_int64(st, (int)j + 1, c[j].i);
					else if (c[j].type == C_TEXT)
						sqlite3_bind_text(st, (int)j + 1, text + c[j].i, (int)c[j].len,
								  SQLITE_STATIC);
					else
						sqlite3_bind_null(st, (int)j + 1);
				}
				if (sqlite3_step(st) != SQLITE_DONE)
					rc = bs_store_db_fail(s, err, batch_what[t]);
				sqlite3_reset(st);
				if (rc)
					break;
				done += chunk;
			}
		}
	}
	bs_store_batch_drop(s);
	return rc;
}

sqlite3_stmt *bs_store_stmt(bs_store *s, int which, bs_error *err)
{
	sqlite3_stmt *st;

	/* the venue statements read and write venues alone, which no batched
	 * row is: a new venue on every other record (a journal export) need
	 * not cut the batches short, and papers batched after it still find
	 * their venue written first */
	if (s->batch_pending && which != Q_SEL_VENUE && which != Q_INS_VENUE && which != Q_UPD_VENUE_NAME &&
	    bs_store_batch_write(s, err))
		return NULL;
	if (s->lookup_unsure && (which == Q_SEL_DOI || which == Q_SEL_URL || which == Q_SEL_TITLE ||
				 which == Q_SEL_AUTHOR) && bs_store_ensure_lookup_indexes(s, err))
		return NULL;
	st = s->q[which];
	if (!st) {
		if (sqlite3_prepare_v3(s->db, sql_text[which], -1, SQLITE_PREPARE_PERSISTENT,
				       &s->q[which], NULL) != SQLITE_OK) {
			bs_store_db_fail(s, err, "prepare");
			return NULL;
		}
		st = s->q[which];
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

void bs_store_bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Enough rows wait that they are written now (the caller's file goes on). */
int bs_store_batch_full(const bs_store *s)
{
	return batch_rows(s, B_PAPERS) >= BATCH_WRITE_PAPERS ||
	       batch_rows(s, B_AUTHORSHIP) >= BATCH_WRITE_PAPERS * 16 ||
	       s->batch[B_PAPERS].text.len >= BATCH_WRITE_BYTES;
}

/* Reset every prepared statement, so that none keeps a read open across
 * a COMMIT, a RELEASE or a CREATE INDEX. */
void bs_store_reset_statements(bs_store *s)
{
	for (int i = 0; i < Q__COUNT; i++)
		if (s->q[i])
			sqlite3_reset(s->q[i]);
}
