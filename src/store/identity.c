/* identity.c - the store side of author identity (see identity.h). */
#include "store/identity.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

static char *dup_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? bs_xstrdup((const char *)t) : NULL;
}

int bs_identity_state_get(bs_store *s, bs_identity_state *out, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(s->db, "SELECT mode, generation, resolved_file, aliases, aliases_path,"
			       " COALESCE(resolved_at, '') FROM identity_state WHERE id = 1", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "identity state");
		goto cleanup;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		out->mode = mode && !strcmp(mode, "names") ? BS_IDENTITY_NAMES : BS_IDENTITY_PERSONS;
		out->generation = sqlite3_column_int64(st, 1);
		out->resolved_file = sqlite3_column_int64(st, 2);
		out->aliases = dup_col(st, 3);
		out->aliases_path = dup_col(st, 4);
		snprintf(out->resolved_at, sizeof out->resolved_at, "%s", (const char *)sqlite3_column_text(st, 5));
	}
cleanup:
	sqlite3_finalize(st);
	return rc;
}

void bs_identity_state_release(bs_identity_state *st)
{
	if (!st)
		return;
	free(st->aliases);
	free(st->aliases_path);
	st->aliases = st->aliases_path = NULL;
}

typedef int name_fn(void *ud, int64_t id, const char *key, const char *name);
typedef int mention_fn(void *ud, const bs_identity_mention *m);
/* (paper, position, text, text): identifiers and addresses */
typedef int pair_fn(void *ud, int64_t paper, int position, const char *a, const char *b);
typedef int paper_text_fn(void *ud, int64_t paper, const char *text);
typedef int record_fn(void *ud, int64_t paper, const char *key, const char *locator);

/* The caller's callback (one of them set) and its data. */
typedef struct row_ctx {
	name_fn *name;
	mention_fn *mention;
	pair_fn *pair;
	paper_text_fn *text;
	record_fn *record;
	void *ud;
} row_ctx;

typedef int row_fn(sqlite3_stmt *st, const row_ctx *c);

/* One query's rows, each handed to row(st, c); a non-zero return stops
 * and is returned.  what names the query in errors. */
static int each_row(bs_store *s, const char *sql, const char *what, row_fn *row, const row_ctx *c, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, step = SQLITE_DONE;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, what);
		goto cleanup;
	}
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = row(st, c);
	if (!rc && step != SQLITE_DONE)
		rc = bs_store_db_error(s, err, what);
cleanup:
	sqlite3_finalize(st);
	return rc;
}

#define TEXT(i) ((const char *)sqlite3_column_text(st, (i)))

static int name_row(sqlite3_stmt *st, const row_ctx *c)
{
	return c->name(c->ud, sqlite3_column_int64(st, 0), TEXT(1), TEXT(2));
}

int bs_identity_each_name(bs_store *s, name_fn *fn, void *ud, bs_error *err)
{
	row_ctx c = {.name = fn, .ud = ud};
	return each_row(s, "SELECT id, key, name FROM authors ORDER BY id", "author names", name_row, &c, err);
}

static int mention_row(sqlite3_stmt *st, const row_ctx *c)
{
	bs_identity_mention m;

	m.paper = sqlite3_column_int64(st, 0);
	m.position = sqlite3_column_int(st, 1);
	m.name = sqlite3_column_int64(st, 2);
	m.person = sqlite3_column_int64(st, 3);
	m.year = sqlite3_column_int(st, 4);
	m.venue = sqlite3_column_int64(st, 5);
	return c->mention(c->ud, &m);
}

int bs_identity_each_mention(bs_store *s, mention_fn *fn, void *ud, bs_error *err)
{
	row_ctx c = {.mention = fn, .ud = ud};
	return each_row(s, "SELECT s.paper_id, s.position, s.name_id, s.author_id,"
			" COALESCE(p.year, 0), COALESCE(p.venue_id, 0)"
			" FROM authorship s JOIN papers p ON p.id = s.paper_id ORDER BY s.paper_id, s.position",
			"bylines", mention_row, &c, err);
}

static int pair_row(sqlite3_stmt *st, const row_ctx *c)
{
	return c->pair(c->ud, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1), TEXT(2), TEXT(3));
}

int bs_identity_each_author_id(bs_store *s, pair_fn *fn, void *ud, bs_error *err)
{
	row_ctx c = {.pair = fn, .ud = ud};
	return each_row(s, "SELECT paper_id, position, scheme, value FROM author_ids"
			" WHERE position >= 0 ORDER BY paper_id, position, scheme, value",
			"author identifiers", pair_row, &c, err);
}

int bs_identity_each_affil(bs_store *s, pair_fn *fn, void *ud, bs_error *err)
{
	row_ctx c = {.pair = fn, .ud = ud};
	return each_row(s, "SELECT paper_id, position, institution, country FROM affiliations"
			" WHERE institution IS NOT NULL OR country IS NOT NULL ORDER BY paper_id, position, seq",
			"affiliations", pair_row, &c, err);
}

static int paper_text_row(sqlite3_stmt *st, const row_ctx *c)
{
	return c->text(c->ud, sqlite3_column_int64(st, 0), TEXT(1));
}

int bs_identity_each_text(bs_store *s, paper_text_fn *fn, void *ud, bs_error *err)
{
	row_ctx c = {.text = fn, .ud = ud};
	return each_row(s, "SELECT p.id, p.title || COALESCE(' ' || (SELECT group_concat(k.keyword, ' ; ')"
			" FROM paper_keywords k WHERE k.paper_id = p.id AND k.kind = 'author'), '')"
			" FROM papers p ORDER BY p.id", "titles", paper_text_row, &c, err);
}

static int record_row(sqlite3_stmt *st, const row_ctx *c)
{
	return c->record(c->ud, sqlite3_column_int64(st, 0), TEXT(1), TEXT(2));
}

int bs_identity_each_record(bs_store *s, record_fn *fn, void *ud, bs_error *err)
{
	row_ctx c = {.record = fn, .ud = ud};
	return each_row(s, "SELECT ps.paper_id, NULLIF(ps.record_key, ''), f.path || ':' || ps.line"
			" FROM paper_sources ps JOIN ingest_files f ON f.id = ps.file_id ORDER BY ps.file_id, ps.position",
			"record keys", record_row, &c, err);
}

int bs_identity_touched_papers(bs_store *s, int64_t after_file, int64_t **papers, size_t *n, int64_t *last_file,
			       bs_error *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc = BS_OK, step;

	*papers = NULL;
	*n = 0;
	{
		sqlite3_int64 last = 0;
		rc = bs_store_sql_int(s, "SELECT COALESCE(MAX(id), 0) FROM ingest_files", &last, err);
		*last_file = last;
		if (rc)
			return rc;
	}
	if (sqlite3_prepare_v2(s->db, "SELECT DISTINCT paper_id FROM paper_sources WHERE file_id > ?1 ORDER BY paper_id",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "papers of new files");
	sqlite3_bind_int64(st, 1, after_file);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 256;
			*papers = bs_xrealloc(*papers, cap * sizeof **papers);
		}
		(*papers)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (step != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "papers of new files");
	sqlite3_finalize(st);
	return rc;
}

/* ---- the write ---- */

static int64_t person_id(const bs_identity_update *u, int64_t ref)
{
	return ref > 0 ? ref : u->persons[-ref - 1].id;
}

static int write_persons(bs_store *s, bs_identity_update *u, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(s->db, "INSERT INTO authors(name, key) VALUES(?1, ?2)"
			       " ON CONFLICT(key) DO UPDATE SET name = excluded.name RETURNING id",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "person rows");
	for (size_t i = 0; !rc && i < u->npersons; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, u->persons[i].label, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, u->persons[i].key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW)
			rc = bs_store_db_fail(s, err, "person rows");
		else
			u->persons[i].id = sqlite3_column_int64(st, 0);
		while (!rc && sqlite3_step(st) == SQLITE_ROW)
			;
	}
	sqlite3_finalize(st);
	return rc;
}

static int write_assign(bs_store *s, const bs_identity_update *u, long *changed, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (u->mode == BS_IDENTITY_NAMES) {
		int rc2 = bs_store_exec(s, "UPDATE authorship SET author_id = name_id WHERE author_id <> name_id", err);
		*changed += rc2 ? 0 : sqlite3_changes(s->db);
		return rc2;
	}
	if (sqlite3_prepare_v2(s->db, "UPDATE authorship SET author_id = ?3 WHERE paper_id = ?1 AND position = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "assign bylines");
	for (size_t i = 0; !rc && i < u->nassign; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, u->assign[i].paper);
		sqlite3_bind_int(st, 2, u->assign[i].position);
		sqlite3_bind_int64(st, 3, person_id(u, u->assign[i].person));
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = bs_store_db_fail(s, err, "assign bylines");
		else
			*changed += sqlite3_changes(s->db);
	}
	sqlite3_finalize(st);
	return rc;
}

static int write_pnames(bs_store *s, const bs_identity_update *u, bs_error *err)
{
	sqlite3_stmt *del = NULL, *ins = NULL;
	int rc = BS_OK;

	if (u->all || u->mode == BS_IDENTITY_NAMES)
		rc = bs_store_exec(s, "DELETE FROM person_names", err);
	if (!rc && (sqlite3_prepare_v2(s->db, "DELETE FROM person_names WHERE name_id = ?1", -1, &del, NULL) !=
			    SQLITE_OK ||
		    sqlite3_prepare_v2(s->db, "INSERT INTO person_names(name_id, person_id, mentions) VALUES(?1, ?2, ?3)",
				       -1, &ins, NULL) != SQLITE_OK))
		rc = bs_store_db_fail(s, err, "person names");
	for (size_t i = 0; !rc && !u->all && i < u->nredone; i++) {
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, u->names_redone[i]);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = bs_store_db_fail(s, err, "person names");
	}
	for (size_t i = 0; !rc && u->mode == BS_IDENTITY_PERSONS && i < u->npnames; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, u->pnames[i].name);
		sqlite3_bind_int64(ins, 2, person_id(u, u->pnames[i].person));
		sqlite3_bind_int64(ins, 3, u->pnames[i].mentions);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = bs_store_db_fail(s, err, "person names");
	}
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return rc;
}

/* The generation (part of the data version) rises only when the bylines'
 * persons, the mode or the rules change: a resolution that changes
 * nothing leaves the analysis runs current. */
static int write_state(bs_store *s, const bs_identity_update *u, int changed, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	if (sqlite3_prepare_v2(s->db, "UPDATE identity_state SET mode = ?1, resolved_file = ?2,"
			       " generation = generation + (?6 OR mode <> ?1 OR ?3),"
			       " resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
			       " aliases = CASE WHEN ?3 THEN ?4 ELSE aliases END,"
			       " aliases_path = CASE WHEN ?3 THEN ?5 ELSE aliases_path END WHERE id = 1",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_fail(s, err, "identity state");
	sqlite3_bind_text(st, 1, u->mode == BS_IDENTITY_NAMES ? "names" : "persons", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, u->resolved_file);
	sqlite3_bind_int(st, 3, u->set_aliases);
	if (u->aliases)
		sqlite3_bind_text(st, 4, u->aliases, -1, SQLITE_STATIC);
	if (u->aliases_path)
		sqlite3_bind_text(st, 5, u->aliases_path, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, changed);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = bs_store_db_fail(s, err, "identity state");
	sqlite3_finalize(st);
	return rc;
}

int bs_identity_write(bs_store *s, bs_identity_update *u, bs_error *err)
{
	int rc = bs_store_lock(s, err);

	u->changed = 0;
	if (rc)
		return rc;
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc)
		goto unlock;
	rc = write_persons(s, u, err);
	if (!rc)
		rc = write_assign(s, u, &u->changed, err);
	if (!rc)
		rc = write_pnames(s, u, err);
	if (!rc)
		rc = write_state(s, u, u->changed > 0, err);
	if (!rc)
		rc = bs_store_exec(s, "COMMIT", err);
	else
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);   /* rc reports */
unlock:
	bs_store_unlock(s);
	return rc;
}

/* ---- reads for the commands ---- */

int bs_identity_each_export_row(bs_store *s, int (*fn)(void *ud, const bs_identity_mention_row *r), void *ud,
				bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, step;

	if (sqlite3_prepare_v2(s->db, "SELECT ps.record_key, f.path, ps.line, a.position + 1, a.name, a.author_id, p.name"
			       " FROM paper_sources ps JOIN ingest_files f ON f.id = ps.file_id"
			       " JOIN authorship a ON a.paper_id = ps.paper_id JOIN authors p ON p.id = a.author_id"
			       " ORDER BY ps.file_id, ps.position, a.position", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "mentions");
		goto cleanup;
	}
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		bs_identity_mention_row r;
		r.record_key = (const char *)sqlite3_column_text(st, 0);
		r.file = (const char *)sqlite3_column_text(st, 1);
		r.line = (long)sqlite3_column_int64(st, 2);
		r.position = sqlite3_column_int(st, 3);
		r.name = (const char *)sqlite3_column_text(st, 4);
		r.person = sqlite3_column_int64(st, 5);
		r.label = (const char *)sqlite3_column_text(st, 6);
		rc = fn(ud, &r);
	}
	if (!rc && step != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "mentions");
cleanup:
	sqlite3_finalize(st);
	return rc;
}

int bs_identity_count(bs_store *s, bs_identity_counts *c, bs_error *err)
{
	sqlite3_int64 v[5] = {0};
	static const char *const sql[5] = {
		"SELECT COUNT(*) FROM authorship",
		"SELECT COUNT(DISTINCT name_id) FROM authorship",
		"SELECT COUNT(DISTINCT author_id) FROM authorship",
		"SELECT COUNT(*) FROM (SELECT name_id FROM person_names GROUP BY name_id HAVING COUNT(*) > 1)",
		/* merged: the one person of the name is another name's (its row,
		 * or a "<key>#k" row of another key), not the name's own person
		 * relabelled */
		"SELECT COUNT(*) FROM (SELECT name_id, MIN(person_id) AS p FROM person_names GROUP BY name_id"
		" HAVING COUNT(*) = 1) m JOIN authors n ON n.id = m.name_id JOIN authors pa ON pa.id = m.p"
		" WHERE CASE WHEN instr(pa.key, '#') > 0 THEN substr(pa.key, 1, instr(pa.key, '#') - 1)"
		" ELSE pa.key END <> n.key",
	};
	int rc = BS_OK;

	for (int i = 0; !rc && i < 5; i++)
		rc = bs_store_sql_int(s, sql[i], &v[i], err);
	c->mentions = v[0];
	c->names = v[1];
	c->persons = v[2];
	c->split_names = v[3];
	c->merged_names = v[4];
	return rc;
}

int bs_identity_byline_brief(bs_store *s, int64_t paper, int position, bs_strbuf *out, bs_strbuf *name,
			     bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	bs_strbuf_reset(out);
	bs_strbuf_reset(name);
	if (sqlite3_prepare_v2(s->db, "SELECT p.year, v.name, p.title, a.name FROM papers p"
			       " LEFT JOIN venues v ON v.id = p.venue_id"
			       " LEFT JOIN authorship a ON a.paper_id = p.id AND a.position = ?2 WHERE p.id = ?1",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "paper");
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, paper);
	sqlite3_bind_int(st, 2, position);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) != SQLITE_NULL)
			bs_strbuf_addf(out, "%d ", sqlite3_column_int(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			bs_strbuf_addf(out, "%s", (const char *)sqlite3_column_text(st, 1));
		if (out->len)
			bs_strbuf_adds(out, ": ");
		bs_strbuf_adds(out, (const char *)sqlite3_column_text(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			bs_strbuf_adds(name, (const char *)sqlite3_column_text(st, 3));
	}
cleanup:
	sqlite3_finalize(st);
	return rc;
}
