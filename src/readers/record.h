/* record.h - one bibliographic record as a reader yields it.
 *
 * Every string is valid UTF-8, NUL-terminated and never NULL ("" when the
 * field is missing); they belong to the reader's arena and stay valid until
 * the next bs_reader_next() or bs_reader_close().  Text fields are already
 * cleaned (markup stripped, white space collapsed, NFC); author names are
 * NFKC-normalised (names.h).
 */
#ifndef BS_RECORD_H
#define BS_RECORD_H

#include "base/arena.h"

#include <stddef.h>

typedef struct bs_record {
	const char *title;
	const char **authors;  /* nauthors names (NFKC, white space collapsed), in byline
				* order; a DBLP homonym suffix ("Richard Roberts 0001") may
				* remain: the store keeps it in the key, hides it in the name */
	size_t nauthors;
	const char *venue;     /* as written ("nips", "CVPR") */
	int year;              /* 0 when unknown */
	const char *doi;       /* bare, lower-case ("10.1109/cvpr.2023.1") */
	const char *url;
	const char *abstract;
	/* Where the record sits in its venue, as written ("" when unknown):
	 * volume, issue (BibTeX number), pages ("123-130", or the first page),
	 * and the record's own key in its file (BibTeX entry key, DBLP key).
	 * The dedup rules keep two records of one venue apart when these say
	 * they are two items (a monthly column of one editor). */
	const char *volume, *issue, *pages, *key;
	long line;             /* 1-based line where the record starts */
	long position;         /* 1-based ordinal of the record in its file */
	/* Dedup keys, optional: bs_store_prepare_record() fills them (on the
	 * reader thread, see prefetch.h); NULL when not computed, and the store
	 * then computes them itself.  Same lifetime as the other strings. */
	const char *title_key, *url_key, *venue_key;
	const char **author_keys;   /* nauthors match keys ("" when no letter or digit) */
	const char **author_names;  /* nauthors display names (homonym suffix hidden) */
} bs_record;

/* Reset r to an empty record (all strings ""). */
void bs_record_clear(bs_record *r);

/* Extract a bare lower-case DOI from s ("https://doi.org/10.1/X",
 * "doi:10.1/x", "10.1/x") into the arena; NULL when s holds no DOI. */
const char *bs_record_doi_from(bs_arena *a, const char *s);

#endif
