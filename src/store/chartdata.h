/* chartdata.h - the numbers the charts draw, read from the store.
 *
 * Every function reads the papers a filter selects (query.h; NULL or
 * inactive: every paper) or a stored run given by id, and answers with
 * arrays the caller frees (bs_chartdata_free for the venue list, free()
 * for the rest).  Nothing here computes or stores a run: the caller has
 * made the runs it names (analysis/analyze.h).  Row orders are part of the
 * contract: the charts' data blocks follow them byte for byte.
 *
 * Errors: BS_ERR_DB with the database path and SQLite's message; on an
 * error the outputs are empty (NULL, 0).
 */
#ifndef BS_CHARTDATA_H
#define BS_CHARTDATA_H

#include "base/error.h"
#include "store/query.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* a key and how many rows have it: (papers n, authors with n papers),
 * (authors n, papers with n authors), (community, size), ... */
typedef struct bs_chartdata_count {
	int64_t key;
	long n;
} bs_chartdata_count;

/* a venue of the selection: id (0: papers without a venue), display name
 * ("(no venue)" for those), papers with a year */
typedef struct bs_chartdata_venue {
	int64_t id;
	char *name;
	long papers;
} bs_chartdata_venue;

/* papers of one venue in one year */
typedef struct bs_chartdata_year_venue {
	int year;
	int64_t venue;
	long papers;
} bs_chartdata_year_venue;

/* The at most limit venues with the most papers with a year, ties by
 * name.  O(papers). */
int bs_chartdata_top_venues(bs_store *s, const bs_filter *f, int limit, bs_chartdata_venue **out, size_t *n,
			    bs_error *err);
void bs_chartdata_free(bs_chartdata_venue *v, size_t n);

/* Papers per (year, venue id) of the papers with a year, by year.
 * O(papers). */
int bs_chartdata_year_venues(bs_store *s, const bs_filter *f, bs_chartdata_year_venue **out, size_t *n,
			     bs_error *err);

/* Papers with a year per year, by year: counts only (key = 0).
 * O(papers). */
int bs_chartdata_papers_per_year(bs_store *s, const bs_filter *f, bs_chartdata_count **out, size_t *n,
				 bs_error *err);

/* Lotka: (n, authors with n papers in the selection), by n.
 * O(authorships). */
int bs_chartdata_productivity(bs_store *s, const bs_filter *f, bs_chartdata_count **out, size_t *n,
			      bs_error *err);

/* (authors on a paper, papers with that many), by authors.  O(papers). */
int bs_chartdata_authors_per_paper(bs_store *s, const bs_filter *f, bs_chartdata_count **out, size_t *n,
				   bs_error *err);

/* (community, size) of community run_id, the limit first communities
 * (largest first, as numbered).  O(limit). */
int bs_chartdata_community_sizes(bs_store *s, int64_t run_id, int limit, bs_chartdata_count **out, size_t *n,
				 bs_error *err);

/* The limit most prolific authors of the selection (papers, ties by
 * author id), in author-id order: (author id, papers).  O(authorships). */
int bs_chartdata_top_authors(bs_store *s, const bs_filter *f, int limit, bs_chartdata_count **out, size_t *n,
			     bs_error *err);

/* names[i] = the name of author ids[i] ("" for an unknown id), malloc'd
 * each; names has n slots.  O(n). */
int bs_chartdata_author_names(bs_store *s, const int64_t *ids, size_t n, char **names, bs_error *err);

/* The co-authorship links among the authors ids (sorted ascending, n of
 * them) within the selection, counting only papers with at most
 * max_authors authors: for i = 0..n-1, the links i - j with ids[j] >
 * ids[i], by ids[j]; *pairs holds 2 * *nlinks vertex indices (i, j) and
 * *joint the joint papers of each link.  O(n * authorships of one author). */
int bs_chartdata_links_among(bs_store *s, const bs_filter *f, const int64_t *ids, size_t n, int max_authors,
			     int64_t **pairs, double **joint, size_t *nlinks, bs_error *err);

/* comm[i] = the community of author ids[i] in community run_id (0 when
 * the author has none); comm has n slots.  O(n). */
int bs_chartdata_author_communities(bs_store *s, int64_t run_id, const int64_t *ids, size_t n, long *comm,
				    bs_error *err);

#endif
