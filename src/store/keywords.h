/* keywords.h - the store's answers for the keyword analyses (topics,
 * trends, themes, community labels), read from the tables terms,
 * paper_term_lists (the view paper_terms) and term_year.  The theme rows
 * are a run's rows, written through store/runs.h.
 *
 * Row callbacks: fn(ud, row) is called once per result row, in the order
 * the function states; the row and its strings are borrowed for the call.
 * fn returns 0 to go on; anything else stops the scan and is returned.
 * Filters (may be NULL) are bound by the store.  Errors: BS_ERR_DB
 * "PATH: WHAT: sqlite message".
 */
#ifndef BS_KEYWORDS_H
#define BS_KEYWORDS_H

#include "base/error.h"
#include "store/query.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* ---- topics ---- */

/* What bs_keywords_topics selects and ranks (topics.h explains the
 * scores): the papers of filter, author (0: any) and community (>= 0:
 * that community of community_run), terms of kind (0 all, 1 words,
 * 2 phrases), ranked by papers (tfidf 0), tf-idf (1) or lift (2), those
 * in fewer than min_df papers left out when tfidf is set; limit < 0: all. */
typedef struct bs_keywords_topics_query {
	const bs_filter *filter;
	int64_t author;
	int64_t community_run;
	long community;
	int kind;
	int tfidf;
	long min_df;
	int64_t limit;
} bs_keywords_topics_query;

typedef struct bs_keywords_topic_row {
	const char *display;
	double papers;          /* selected papers with the term */
	int words;
	double df;              /* papers with the term in the corpus */
	double total;           /* papers in the corpus */
	double selected;        /* papers selected */
} bs_keywords_topic_row;

typedef int bs_keywords_topic_fn(void *ud, const bs_keywords_topic_row *r);

/* Rows best first, ties by display.  O(paper-term pairs of the selection). */
int bs_keywords_topics(bs_store *s, const bs_keywords_topics_query *q, bs_keywords_topic_fn *fn, void *ud,
		       bs_error *err);

/* ---- the terms table ---- */

typedef struct bs_keywords_term {
	int64_t id;
	int words;
	int64_t papers;
	const char *display;
} bs_keywords_term;

typedef int bs_keywords_term_fn(void *ud, const bs_keywords_term *t);

/* Papers in the corpus and max term id + 1 (0 without terms).  O(1). */
int bs_keywords_term_space(bs_store *s, double *papers, size_t *nterms, bs_error *err);
/* Every term, in no particular order.  O(terms). */
int bs_keywords_each_term(bs_store *s, bs_keywords_term_fn *fn, void *ud, bs_error *err);
/* Terms in at least min_papers papers (display and papers only set).  O(terms). */
int bs_keywords_terms_in(bs_store *s, long min_papers, bs_keywords_term_fn *fn, void *ud, bs_error *err);
/* The id of the term stored under key: *found 1, else 0.  O(log terms). */
int bs_keywords_term_id(bs_store *s, const char *key, int64_t *id, int *found, bs_error *err);

/* ---- paper term lists ---- */

/* fn gets a paper's list as JSON text (terms.h), or NULL, 0 when the
 * paper has none. */
typedef int bs_keywords_list_fn(void *ud, const char *text, size_t len);

/* The lists of the papers f selects, in no particular order.  O(papers). */
int bs_keywords_term_lists(bs_store *s, const bs_filter *f, bs_keywords_list_fn *fn, void *ud, bs_error *err);

/* The lists of a community's papers, one call per paper (each once),
 * through statements prepared once: open, any number of queries, close
 * (NULL is fine).  O(papers of the community). */
typedef struct bs_keywords_lists bs_keywords_lists;
int bs_keywords_lists_open(bs_store *s, bs_keywords_lists **out, bs_error *err);
int bs_keywords_lists_community(bs_keywords_lists *l, int64_t community_run, long community,
				bs_keywords_list_fn *fn, void *ud, bs_error *err);
void bs_keywords_lists_close(bs_keywords_lists *l);

/* ---- trends (term_year) ---- */

typedef struct bs_keywords_series_row {
	const char *venue;      /* by venue only: its name, "" for none */
	int year;               /* 0: none */
	long papers, total;     /* papers with the term, papers */
} bs_keywords_series_row;

typedef int bs_keywords_series_fn(void *ud, const bs_keywords_series_row *r);

/* One row per year (by_venue: per venue and year, venues by key) of the
 * papers f selects, with the papers that contain term.  O(years x venues). */
int bs_keywords_series(bs_store *s, int64_t term, int by_venue, const bs_filter *f,
		       bs_keywords_series_fn *fn, void *ud, bs_error *err);

/* Per year > 0 with at least min_papers papers that f selects, by year:
 * fn(ud, year, papers, papers with an abstract).  O(papers). */
typedef int bs_keywords_year_fn(void *ud, int year, int64_t papers, int64_t with_abstract);
int bs_keywords_abstract_years(bs_store *s, const bs_filter *f, long min_papers, bs_keywords_year_fn *fn,
			       void *ud, bs_error *err);

/* Among the years in [from, to] of the papers f selects, the first (*a)
 * and last (*b) with at least min_papers papers, else the first and last
 * with any (0 when there are none).  O(papers). */
int bs_keywords_year_bounds(bs_store *s, const bs_filter *f, int from, int to, long min_papers, int *a, int *b,
			    bs_error *err);

/* Papers of year in f's venue (if any).  O(papers of the year). */
int bs_keywords_papers_in_year(bs_store *s, const bs_filter *f, int year, long *n, bs_error *err);

/* Per term with papers in year a or b (in f's venue, if any): fn(ud,
 * display, papers in a, papers in b).  O(term_year rows of the years). */
typedef int bs_keywords_pair_fn(void *ud, const char *display, int64_t in_a, int64_t in_b);
int bs_keywords_year_pairs(bs_store *s, const bs_filter *f, int a, int b, bs_keywords_pair_fn *fn, void *ud,
			   bs_error *err);

/* For terms in at least min_papers papers, their papers per year in
 * [a, b] (f's venue, if any), by term id, then year.  O(term_year rows). */
typedef int bs_keywords_term_year_fn(void *ud, int64_t term, const char *display, int year, int64_t papers);
int bs_keywords_term_years(bs_store *s, const bs_filter *f, int a, int b, long min_papers,
			   bs_keywords_term_year_fn *fn, void *ud, bs_error *err);

/* ---- themes ---- */

/* Papers f selects, into *n.  O(papers). */
int bs_keywords_count_papers(bs_store *s, const bs_filter *f, double *n, bs_error *err);

/* The themes' candidate terms: in the papers f selects, terms in 2 to
 * max_papers of them, phrases only unless words, most papers first (ties
 * by display), at most limit; fn gets id, display and papers.
 * O(paper-term pairs of the selection), O(terms) without a filter. */
int bs_keywords_theme_candidates(bs_store *s, const bs_filter *f, double max_papers, int limit, int words,
				 bs_keywords_term_fn *fn, void *ud, bs_error *err);

#endif
