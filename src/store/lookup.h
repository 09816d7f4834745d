/* lookup.h - the small questions the commands ask the store: an author's
 * identity, metric ranks and community, a metric ranking, the listing of
 * a communities run, a term's display form.
 *
 * Every function reads only (bound parameters, the store's connection),
 * returns BS_OK or BS_ERR_DB ("PATH: WHAT: SQLite's message") and fills
 * err.  Results are the caller's: bs_table_release a table, json_decref a
 * json_t, bs_lookup_author_release an author.
 */
#ifndef BS_LOOKUP_H
#define BS_LOOKUP_H

#include "base/error.h"
#include "base/strbuf.h"
#include "base/table.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

/* One author's identity and productivity over all stored papers. */
typedef struct bs_lookup_author_info {
	int found;             /* 0: no row (the fields below are zero) */
	char *name;            /* display name (NULL when the author has no paper) */
	char *key;             /* match key with the DBLP homonym number, or NULL */
	long long papers;
	double fractional;     /* sum of 1/n over the author's papers */
	int first_year, last_year;
} bs_lookup_author_info;

/* Fill *out for author id.  O(papers of the author). */
int bs_lookup_author(bs_store *s, int64_t id, bs_lookup_author_info *out, bs_error *err);
/* Free what bs_lookup_author filled; safe twice. */
void bs_lookup_author_release(bs_lookup_author_info *a);

/* The author's value and rank (1 + authors with a higher value) for each
 * metric column of author_metrics in graph run `run`, as the table
 * metric (text), value (real), rank (int); a metric without a row for the
 * author is left out.  O(metrics x authors of the run). */
int bs_lookup_author_ranks(bs_store *s, int64_t run, int64_t id, bs_table *out, bs_error *err);

/* The author's community in communities run `run`: *found 0 when none,
 * else its number, size and top_authors (a new JSON array, or NULL when
 * the stored text does not parse).  O(1). */
typedef struct bs_lookup_community {
	int found;
	long long community, size;
	json_t *top_authors;
} bs_lookup_community;
int bs_lookup_author_community(bs_store *s, int64_t run, int64_t id, bs_lookup_community *out,
			       bs_error *err);

/* Authors of graph run `run` ranked by metric (an author_metrics column:
 * degree, strength, pagerank, betweenness, harmonic, eigenvector or
 * coreness; anything else is BS_ERR_USAGE), ties by name then id, at most
 * top rows (<= 0: all): rank, author, papers, <metric>.  O(authors log
 * authors). */
int bs_lookup_metric_ranking(bs_store *s, int64_t run, const char *metric, long top, bs_table *out,
			     bs_error *err);

/* One row of community_summary. */
typedef struct bs_lookup_community_row {
	long long community, size, papers;
	double density;
	const char *top_authors;   /* JSON array text; valid during the call */
} bs_lookup_community_row;

/* Call fn for the first top (<= 0: all) communities of run, by number;
 * a non-zero return of fn stops the walk and is returned.  O(rows). */
int bs_lookup_communities(bs_store *s, int64_t run, long top,
			  int (*fn)(void *ud, const bs_lookup_community_row *r), void *ud, bs_error *err);

/* *exists: whether run has a community numbered community.  O(1). */
int bs_lookup_community_exists(bs_store *s, int64_t run, long community, int *exists, bs_error *err);

/* The stored display form of term id into out (reset first); *found 0
 * and out untouched when there is no such term.  O(1). */
int bs_lookup_term_display(bs_store *s, int64_t id, bs_strbuf *out, int *found, bs_error *err);

#endif
