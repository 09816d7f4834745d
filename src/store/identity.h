/* identity.h - what author identity resolution reads from the store and
 * writes back (the decisions themselves: analysis/identity/).
 *
 * A byline (mention) is authorship(paper_id, position): name_id is the
 * name as written, author_id the person it is assigned to.  A person is an
 * authors row: the name's own row when the name is one person, or a row
 * resolution creates with key "<name key>#<k>" and the person's label as
 * its name.  person_names lists the names whose bylines do not all go to
 * their own row.  identity_state holds the mode, the alias rules, the
 * last ingest file whose papers are resolved and a generation that a write moving bylines
 * raises (it is part of the data version: analysis runs made before are
 * stale).
 *
 * Readers stream rows to a callback (a non-zero return stops and is
 * returned); errors: BS_ERR_DB.  Each reads one table once: O(rows).
 */
#ifndef BS_STORE_IDENTITY_H
#define BS_STORE_IDENTITY_H

#include "store/store.h"

#include <stdint.h>

typedef enum { BS_IDENTITY_PERSONS = 0, BS_IDENTITY_NAMES = 1 } bs_identity_mode;

typedef struct bs_identity_state {
	bs_identity_mode mode;
	int64_t generation, resolved_file;   /* the last ingest file resolved */
	char *aliases;        /* the alias file's text, or NULL; owned */
	char *aliases_path;   /* where it was read from, or NULL; owned */
	char resolved_at[32]; /* "" before the first resolution */
} bs_identity_state;

int bs_identity_state_get(bs_store *s, bs_identity_state *st, bs_error *err);
void bs_identity_state_release(bs_identity_state *st);   /* safe twice */

/* Every authors row, by id: name rows and person rows (key with '#',
 * which no name key has: punctuation folds to spaces). */
int bs_identity_each_name(bs_store *s, int (*fn)(void *ud, int64_t id, const char *key, const char *name),
			  void *ud, bs_error *err);

typedef struct bs_identity_mention {
	int64_t paper, name, person, venue;   /* venue 0 when none */
	int position, year;                   /* year 0 when none */
} bs_identity_mention;

/* Every byline, by paper then position. */
int bs_identity_each_mention(bs_store *s, int (*fn)(void *ud, const bs_identity_mention *m), void *ud,
			     bs_error *err);

/* Author identifiers (orcid, scopus, researcherid, dblp), by paper. */
int bs_identity_each_author_id(bs_store *s,
			       int (*fn)(void *ud, int64_t paper, int position, const char *scheme,
					 const char *value),
			       void *ud, bs_error *err);

/* Addresses with an institution or a country; position -1 = the paper's. */
int bs_identity_each_affil(bs_store *s,
			   int (*fn)(void *ud, int64_t paper, int position, const char *institution,
				     const char *country),
			   void *ud, bs_error *err);

/* Paper titles and author keywords as one text, by paper. */
int bs_identity_each_text(bs_store *s, int (*fn)(void *ud, int64_t paper, const char *text), void *ud,
			  bs_error *err);

/* Every source record, by file and position: its paper, its own key
 * (BibTeX key, WoS UT, ...; NULL when the format has none) and its
 * locator FILE:LINE (the path as ingested, the record's first line). */
int bs_identity_each_record(bs_store *s,
			    int (*fn)(void *ud, int64_t paper, const char *key, const char *locator), void *ud,
			    bs_error *err);

/* The papers that files after after_file brought or merged into (new
 * bylines, identifiers or addresses may come with a merge), sorted, into
 * *papers (malloc'd, the caller frees), and the last file's id.
 * O(source records of those files). */
int bs_identity_touched_papers(bs_store *s, int64_t after_file, int64_t **papers, size_t *n, int64_t *last_file,
			       bs_error *err);

/* ---- the write ---- */

/* A person is referred to as an authors id (> 0) or as -(1 + i), i an
 * index into bs_identity_update.persons (rows to create or relabel). */
typedef struct bs_identity_person {
	const char *key, *label;
	int64_t id;   /* out: its authors id */
} bs_identity_person;

typedef struct bs_identity_assign {
	int64_t paper, person;
	int position;
} bs_identity_assign;

typedef struct bs_identity_pname {
	int64_t name, person;
	long mentions;
} bs_identity_pname;

typedef struct bs_identity_update {
	bs_identity_person *persons;
	size_t npersons;
	const bs_identity_assign *assign;   /* bylines whose person changes */
	size_t nassign;
	const int64_t *names_redone;        /* names whose person_names rows are replaced */
	size_t nredone;
	int all;                            /* replace every person_names row */
	const bs_identity_pname *pnames;
	size_t npnames;
	bs_identity_mode mode;
	int64_t resolved_file;              /* the last ingest file now resolved */
	int set_aliases;                    /* store aliases/aliases_path (NULL clears) */
	const char *aliases, *aliases_path;
	long changed;                       /* out: bylines whose person changed */
} bs_identity_update;

/* One transaction under the writer lock: person rows upserted by key
 * (persons[i].id filled), bylines reassigned (u->changed counts them),
 * person_names replaced, the state updated; its generation rises when a
 * byline's person, the mode or the rules changed.  O(rows written). */
int bs_identity_write(bs_store *s, bs_identity_update *u, bs_error *err);

/* ---- reads for the commands ---- */

/* The mentions export: one row per source record and byline, by file and
 * record: record key (NULL when the format has none: then the file path
 * and line), position (1-based), name as written, person id and label. */
typedef struct bs_identity_mention_row {
	const char *record_key, *file, *name, *label;
	long line;
	int position;
	int64_t person;
} bs_identity_mention_row;

int bs_identity_each_export_row(bs_store *s, int (*fn)(void *ud, const bs_identity_mention_row *r), void *ud,
				bs_error *err);

/* Persons and mentions counted: persons = distinct author_id of bylines;
 * names = distinct name_id; split = names with several persons; merged =
 * names whose bylines go to another name's row. */
typedef struct bs_identity_counts {
	int64_t mentions, names, persons, split_names, merged_names;
} bs_identity_counts;

int bs_identity_count(bs_store *s, bs_identity_counts *c, bs_error *err);

/* A paper as a byline's explanation shows it: "YEAR VENUE: TITLE" (the
 * parts it has), and the byline's name as written at position (0-based),
 * into out and name (reset first). */
int bs_identity_byline_brief(bs_store *s, int64_t paper, int position, bs_strbuf *out, bs_strbuf *name,
			     bs_error *err);

#endif
