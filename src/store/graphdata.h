/* graphdata.h - what the co-authorship graph is built from: the bylines
 * of the papers passing a filter, the authors' display names, and the
 * plain authorship pairs.  The filter (venue key, years) is bound here.
 *
 * Errors: BS_ERR_DB with the database path and SQLite's message.
 */
#ifndef BS_GRAPHDATA_H
#define BS_GRAPHDATA_H

#include "base/error.h"
#include "store/query.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* The bylines of the papers passing a filter, papers in id order, each
 * paper's authors in byline order.  Owns its arrays. */
typedef struct bs_bylines {
	int64_t *author;            /* per byline: author id */
	size_t n;                   /* bylines */
	size_t *start;              /* per paper: its first byline; start[papers] = n */
	size_t papers;              /* papers with at least one author */
	int64_t min_author, max_author;   /* INT64_MAX, INT64_MIN when n == 0 */
} bs_bylines;

/* Read the bylines of the papers passing f (NULL or inactive: all of them,
 * from the bylines' primary key alone, no paper row read).  On error b is
 * released.  O(A) for A authorships read, plus the filter's join. */
int bs_graphdata_bylines(bs_store *s, const bs_filter *f, bs_bylines *b, bs_error *err);
void bs_bylines_release(bs_bylines *b);   /* safe twice */

/* fn(ud, id, name) for every author in id order (name never NULL); a
 * non-zero return from fn stops and is returned.  O(authors). */
int bs_graphdata_names(bs_store *s, int (*fn)(void *ud, int64_t id, const char *name), void *ud,
		       bs_error *err);

/* fn(ud, paper, author) for every authorship, whatever the filter, in
 * paper id order; a non-zero return from fn stops and is returned.
 * O(authorships). */
int bs_graphdata_authorships(bs_store *s, int (*fn)(void *ud, int64_t paper, int64_t author), void *ud,
			     bs_error *err);

/* The largest paper id (0 for none, -1 when it cannot be read): an upper
 * bound of the paper count, ids only grow.  O(1). */
int64_t bs_graphdata_paper_id_bound(bs_store *s);

/* Give back the page cache no statement holds (after a big read, before
 * the big arrays of the analysis). */
void bs_graphdata_release_cache(bs_store *s);

#endif
