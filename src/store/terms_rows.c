/* terms_rows.c - the keyword tables' bulk reads and writes (terms_rows.h). */
#include "store/terms_rows.h"
#include "store/store_db.h"

#include <stdlib.h>

struct bs_paper_texts {
	bs_store *s;
	sqlite3_stmt *st;
};

int bs_terms_rows_texts_open(bs_store *s, bs_paper_texts **out, bs_error *err)
{
	bs_paper_texts *c = bs_xcalloc(1, sizeof *c);

	*out = NULL;
	c->s = s;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT id, COALESCE(year, 0), COALESCE(venue_id, 0), title, abstract"
			       " FROM papers ORDER BY id", -1, &c->st, NULL) != SQLITE_OK) {
		int rc = bs_store_db_error(s, err, "papers");
		bs_terms_rows_texts_close(c);
		return rc;
	}
	*out = c;
	return BS_OK;
}

int bs_terms_rows_texts_next(bs_paper_texts *c, bs_paper_text *p, bs_error *err)
{
	int r = sqlite3_step(c->st);

	if (r == SQLITE_DONE)
		return 0;
	if (r != SQLITE_ROW) {
		bs_store_db_error(c->s, err, "papers");
		return -1;
	}
	p->id = sqlite3_column_int64(c->st, 0);
	p->year = sqlite3_column_int(c->st, 1);
	p->venue = sqlite3_column_int64(c->st, 2);
	p->title = (const char *)sqlite3_column_text(c->st, 3);
	p->title_len = (size_t)sqlite3_column_bytes(c->st, 3);
	p->abstract = (const char *)sqlite3_column_text(c->st, 4);
	p->abstract_len = (size_t)sqlite3_column_bytes(c->st, 4);
	return 1;
}

void bs_terms_rows_texts_close(bs_paper_texts *c)
{
	if (!c)
		return;
	sqlite3_finalize(c->st);
	free(c);
}

struct bs_terms_rows {
	bs_store *s;
	sqlite3_stmt *list, *term, *year;
	int open;                  /* a transaction to roll back */
};

int bs_terms_rows_open(bs_store *s, bs_terms_rows **out, bs_error *err)
{
	sqlite3 *db = bs_store_db(s);
	bs_terms_rows *w = bs_xcalloc(1, sizeof *w);
	int rc;

	*out = NULL;
	w->s = s;
	rc = bs_store_exec(s, "BEGIN IMMEDIATE; DELETE FROM paper_term_lists; DELETE FROM term_year;"
			   " DELETE FROM terms;", err);
	w->open = 1;   /* a failed BEGIN or DELETE may leave it open */
	if (rc)
		goto done;
	if (sqlite3_prepare_v2(db, "INSERT INTO paper_term_lists(paper_id, terms) VALUES(?1, ?2)", -1, &w->list,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO terms(id, key, display, n, papers, occurrences)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", -1, &w->term, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO term_year(term_id, year, venue_id, papers, occurrences)"
			       " VALUES(?1, ?2, ?3, ?4, ?5)", -1, &w->year, NULL) != SQLITE_OK)
		rc = bs_store_db_error(s, err, "prepare term tables");
done:
	if (rc)
		bs_terms_rows_close(w);
	else
		*out = w;
	return rc;
}

int bs_terms_rows_add_lists(bs_terms_rows *w, size_t n, const int64_t *paper, const char *text,
			    const size_t *off, const size_t *len, bs_error *err)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_int64(w->list, 1, paper[i]);
		sqlite3_bind_text(w->list, 2, text + off[i], (int)len[i], SQLITE_STATIC);
		if (sqlite3_step(w->list) != SQLITE_DONE) {
			int rc = bs_store_db_error(w->s, err, "paper_term_lists");
			sqlite3_reset(w->list);
			return rc;
		}
		sqlite3_reset(w->list);
	}
	return BS_OK;
}

int bs_terms_rows_add_term(bs_terms_rows *w, int32_t id, const char *key, size_t keylen,
			   const char *display, size_t displen, int words, int64_t papers,
			   int64_t occurrences, bs_error *err)
{
	int rc;

	sqlite3_bind_int(w->term, 1, id);
	sqlite3_bind_text(w->term, 2, key, (int)keylen, SQLITE_TRANSIENT);
	sqlite3_bind_text(w->term, 3, display, (int)displen, SQLITE_TRANSIENT);
	sqlite3_bind_int(w->term, 4, words);
	sqlite3_bind_int64(w->term, 5, papers);
	sqlite3_bind_int64(w->term, 6, occurrences);
	rc = sqlite3_step(w->term) == SQLITE_DONE ? BS_OK : bs_store_db_error(w->s, err, "terms");
	sqlite3_reset(w->term);
	return rc;
}

int bs_terms_rows_add_year(bs_terms_rows *w, int64_t term, int year, int venue, int64_t papers,
			   int64_t occurrences, bs_error *err)
{
	int rc;

	sqlite3_bind_int64(w->year, 1, term);
	sqlite3_bind_int(w->year, 2, year);
	sqlite3_bind_int(w->year, 3, venue);
	sqlite3_bind_int64(w->year, 4, papers);
	sqlite3_bind_int64(w->year, 5, occurrences);
	rc = sqlite3_step(w->year) == SQLITE_DONE ? BS_OK : bs_store_db_error(w->s, err, "term_year");
	sqlite3_reset(w->year);
	return rc;
}

int bs_terms_rows_commit(bs_terms_rows *w, bs_error *err)
{
	int rc = bs_store_exec(w->s, "COMMIT", err);

	if (!rc)
		w->open = 0;
	return rc;
}

void bs_terms_rows_close(bs_terms_rows *w)
{
	if (!w)
		return;
	sqlite3_finalize(w->list);
	sqlite3_finalize(w->term);
	sqlite3_finalize(w->year);
	if (w->open)
		sqlite3_exec(bs_store_db(w->s), "ROLLBACK", NULL, NULL, NULL);
	free(w);
}
