/* query.h - read-only questions to the store, answered as bs_tables.
 * Filters are bound parameters; an absent filter is NULL / 0.
 */
#ifndef BS_QUERY_H
#define BS_QUERY_H

#include "base/error.h"
#include "store/store.h"
#include "base/strbuf.h"
#include "base/table.h"

typedef struct bs_filter {
	const char *venue;    /* matched by venue key (case/accent-insensitive) */
	int year_from;        /* 0: open */
	int year_to;          /* 0: open */
} bs_filter;

/* Whether f (may be NULL) selects anything less than every paper. */
static inline int bs_filter_active(const bs_filter *f)
{
	return f && (f->venue || f->year_from || f->year_to);
}

/* Parse "2021", "2021-2023", "2021-" or "-2023" into f.  BS_ERR_USAGE. */
int bs_filter_parse_years(bs_filter *f, const char *s, bs_error *err);

/* What f selects, for a report's title page and manifest: the papers it
 * selects and those of the whole database, the venue's key and its
 * display name (empty without a venue filter), and "venue CVPR, year
 * 2023" in text ("all papers" without a filter). */
typedef struct bs_selection {
	long papers, total;
	bs_strbuf venue_key, venue_name, text;
} bs_selection;

/* Resolve f into sel (initialised here; release with
 * bs_selection_release).  Errors: BS_ERR_EMPTY when f selects no paper
 * ("no papers match --venue 'x' --years 2030: ...", saying whether the
 * venue is unknown), BS_ERR_DB. */
int bs_query_selection(bs_store *s, const bs_filter *f, bs_selection *sel, bs_error *err);
void bs_selection_release(bs_selection *sel);

/* Top authors.  Columns: rank, author, papers, fractional.  Sorted by
 * papers (fractional = 0) or by fractional count (each paper gives 1/n to
 * each of its n authors), ties by name.  top <= 0: all.  O(authorships). */
int bs_query_top_authors(bs_store *s, const bs_filter *f, int fractional, int top,
			 bs_table *out, bs_error *err);

/* Corpus summary of the papers f selects (NULL or inactive: the whole
 * database): one row per measure (measure, value).  Authors, authorships
 * and venues are those of the selected papers; "files ingested" is
 * listed only without a filter (files are no part of a selection). */
int bs_query_summary(bs_store *s, const bs_filter *f, bs_table *out, bs_error *err);

/* Papers per venue and year (venue, year, papers) of the papers f selects
 * (may be NULL), sorted by venue, year;
 * papers without a venue under no_venue ("" for data exports, a label
 * such as "(no venue)" for people: a blank first column reads as a
 * layout glitch). */
int bs_query_venue_years(bs_store *s, const bs_filter *f, const char *no_venue, bs_table *out, bs_error *err);

/* Of the papers f selects (may be NULL): papers per venue for the top
 * venues with the most papers (ties by
 * name): venue, papers, first and last year, years with papers; then,
 * when there are more venues, one row "(N other venues)" with their
 * papers.  The report's venue table for a corpus whose venue-year table
 * would fill pages.  One scan of papers: O(papers + venues log venues). */
int bs_query_venue_summary(bs_store *s, const bs_filter *f, const char *no_venue, int top, bs_table *out,
			   bs_error *err);

/* The venues, most papers first (ties by name): venue (display name),
 * key, papers, first and last year, spellings (distinct spellings the
 * records used, venue_names); or, with spellings set, one row per
 * spelling: venue, spelling, records (the source records that named the
 * venue so), most used first.  top > 0 keeps that many venues; venue_key
 * (bs_venue_key of what the user typed) keeps that venue alone, NULL all.
 * O(papers + venue_names). */
int bs_query_venues(bs_store *s, int top, const char *venue_key, int spellings, bs_table *out,
		    bs_error *err);

/* Find an author by name, case- and accent-insensitively.  The authors
 * whose match key is the name's match, and so do those whose key is the
 * name's and a DBLP homonym number: "Lei Zhang" matches "Lei Zhang" and
 * "Lei Zhang 0003", "Lei Zhang 0003" that one alone.  When none does,
 * the authors whose key contains the name's (at most 20) match.  "#N"
 * is the author with id N.  Exactly one match: *id, BS_OK.  Otherwise
 * BS_ERR_NOTFOUND, with the matches in cand, most papers first, ties by
 * id: id, author (with its homonym number), papers, years, venues and
 * top co-authors (three each, with their papers).  cand is always
 * initialised. */
int bs_query_find_author(bs_store *s, const char *name, int64_t *id, bs_table *cand,
			 bs_error *err);

/* Check a venue filter: BS_OK when venue (any spelling: its venue key)
 * names a stored venue.  Otherwise BS_ERR_NOTFOUND ("unknown venue 'X'")
 * with the nearest venues in near (venue, papers; at most 5): those whose
 * key, or the text key of a spelling, is within a few edits of what was
 * typed (1 to 3 by its length), nearest first, then most papers, then
 * name; or BS_ERR_USAGE when venue has no letter or digit.  near is
 * always initialised.  O(venues + spellings). */
int bs_query_resolve_venue(bs_store *s, const char *venue, bs_table *near, bs_error *err);

/* Author profile pieces, each a fresh table:
 *   spellings (spelling, papers); years (year, papers);
 *   venues (venue, papers); coauthors (coauthor, joint papers), top N. */
int bs_query_author_spellings(bs_store *s, int64_t id, bs_table *out, bs_error *err);
int bs_query_author_years(bs_store *s, int64_t id, bs_table *out, bs_error *err);
int bs_query_author_venues(bs_store *s, int64_t id, bs_table *out, bs_error *err);
int bs_query_coauthors(bs_store *s, int64_t id, int top, bs_table *out, bs_error *err);


#endif
