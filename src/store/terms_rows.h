/* terms_rows.h - the keyword tables' bulk traffic: every paper's title and
 * abstract streamed out for the tokenizer, and the tables terms,
 * paper_term_lists and term_year written back (docs/user/schema.md).
 *
 * Both sides keep their prepared statements for the whole pass, so a row
 * costs one step of SQLite and no parse.  Errors: BS_ERR_DB "PATH: WHAT:
 * sqlite message", WHAT naming the table.
 */
#ifndef BS_TERMS_ROWS_H
#define BS_TERMS_ROWS_H

#include "base/error.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* ---- reading: every paper in id order ---- */

typedef struct bs_paper_text {
	int64_t id;
	int year;                 /* 0: none */
	int64_t venue;            /* 0: none */
	const char *title;        /* NULL when absent; borrowed until the next call */
	size_t title_len;
	const char *abstract;     /* NULL when absent; borrowed until the next call */
	size_t abstract_len;
} bs_paper_text;

typedef struct bs_paper_texts bs_paper_texts;

/* Open the stream (one SELECT over papers, ORDER BY id).  Call inside the
 * caller's read transaction to see one snapshot. */
int bs_terms_rows_texts_open(bs_store *s, bs_paper_texts **out, bs_error *err);
/* The next paper into *p: 1, or 0 at the end, or -1 with err filled. */
int bs_terms_rows_texts_next(bs_paper_texts *c, bs_paper_text *p, bs_error *err);
void bs_terms_rows_texts_close(bs_paper_texts *c);   /* NULL is fine */

/* ---- writing: the three tables, replaced in one transaction ---- */

typedef struct bs_terms_rows bs_terms_rows;

/* BEGIN IMMEDIATE, empty the three tables and prepare the inserts.  The
 * caller holds the writer lock (bs_store_lock).  On error nothing is open
 * and *out is NULL. */
int bs_terms_rows_open(bs_store *s, bs_terms_rows **out, bs_error *err);

/* n paper term lists: paper[i] gets the JSON text text + off[i] of len[i]
 * bytes (terms.h's format).  O(n). */
int bs_terms_rows_add_lists(bs_terms_rows *w, size_t n, const int64_t *paper, const char *text,
			    const size_t *off, const size_t *len, bs_error *err);

/* One terms row (key and display of the given lengths). */
int bs_terms_rows_add_term(bs_terms_rows *w, int32_t id, const char *key, size_t keylen,
			   const char *display, size_t displen, int words, int64_t papers,
			   int64_t occurrences, bs_error *err);

/* One term_year row (venue 0: none); fastest in primary-key order. */
int bs_terms_rows_add_year(bs_terms_rows *w, int64_t term, int year, int venue, int64_t papers,
			   int64_t occurrences, bs_error *err);

/* COMMIT what was written (and what else the transaction holds, such as
 * the run row (store/runs.h, bs_runs_add)). */
int bs_terms_rows_commit(bs_terms_rows *w, bs_error *err);

/* Finish: ROLLBACK when not committed, finalize, free.  NULL is fine. */
void bs_terms_rows_close(bs_terms_rows *w);

#endif
