/* kwterms.h - the papers' keywords (paper_keywords, docs/user/schema.md)
 * streamed out for keyword terms: the term tables built from author or
 * indexed keywords (analysis/keywords/kwterms.h) and the keyword
 * co-occurrence network (reports/export.h).
 *
 * Errors: BS_ERR_DB "PATH: keywords: sqlite message".
 */
#ifndef BS_STORE_KWTERMS_H
#define BS_STORE_KWTERMS_H

#include "base/error.h"
#include "store/query.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* One keyword of one paper; the strings are borrowed for the call. */
typedef struct bs_kwterms_row {
	int64_t paper;
	int year;                  /* 0: none */
	int64_t venue;             /* 0: none */
	const char *key;           /* bs_text_key of the keyword */
	size_t keylen;
	const char *keyword;       /* as the record spelled it */
	size_t kwlen;
} bs_kwterms_row;

/* fn returns 0 to go on; anything else stops the scan and is returned. */
typedef int bs_kwterms_fn(void *ud, const bs_kwterms_row *r);

/* Every keyword of kind ("author" or "indexed") of the papers f selects
 * (NULL: all), in (paper id, position) order, one call each; a paper
 * without such keywords gives no call.  Call inside a read transaction
 * (bs_store_read_begin) to see one snapshot.  O(keywords) through the
 * (paper_id, kind) order of the table's primary key. */
int bs_kwterms_each(bs_store *s, const char *kind, const bs_filter *f, bs_kwterms_fn *fn, void *ud,
		    bs_error *err);

/* Papers f selects (NULL: all) and, of them, those with at least one
 * keyword of kind, into *papers and *with.  O(papers). */
int bs_kwterms_coverage(bs_store *s, const char *kind, const bs_filter *f, int64_t *papers, int64_t *with,
			bs_error *err);

#endif
