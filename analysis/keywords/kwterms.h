/* kwterms.h - keywords as terms: the author keywords or indexed keywords
 * (Keywords Plus, MeSH, index terms) of the papers, from paper_keywords.
 *
 * A term is a keyword's text key (bs_text_key: case- and accent-folded,
 * every run of punctuation one space), so "Deep-Learning" and "deep
 * learning" are one term, shown by its most frequent spelling (ties: the
 * bytewise smallest).  The same files as for words apply: a stopwords
 * file's line (its key) drops that keyword; a synonyms file's line
 * "variant<TAB>canonical" maps the variant's key to the canonical's.  A
 * paper counts a term once, whatever spellings or synonyms it lists.
 * Terms are numbered in key order.
 *
 * bs_kwset_load gives the grouped keywords in memory (the keyword network
 * of reports/export.h); bs_kwterms_build writes them as the term tables
 * (terms.h: terms with n = words in the key and occurrences = papers,
 * paper_term_lists entries [term, 0, 0] (neither title nor abstract),
 * term_year) so that topics, trends and themes read keywords as they read
 * words.
 *
 * Cost: O(keywords) hashing, O(terms log terms + keywords log) sorting;
 * memory O(keywords).
 */
#ifndef BS_KWTERMS_H
#define BS_KWTERMS_H

#include "analysis/keywords/terms.h"
#include "store/query.h"

/* The grouped keywords of the selected papers with at least one. */
typedef struct bs_kwset {
	size_t nterms;
	char **key;               /* per term, in key order */
	char **display;           /* its most frequent spelling */
	int64_t *papers;          /* papers listing it */
	double *year_sum;         /* sum of those papers' years (those with one) */
	int64_t *year_n;          /* how many have a year */
	size_t npapers;
	int64_t *paper;           /* per paper: id, year (0: none), venue (0: none) */
	int *year;
	int64_t *venue;
	size_t *start;            /* paper i's terms: term[start[i] .. start[i + 1]), ascending */
	int32_t *term;
	size_t cap_p, cap_t;      /* private */
} bs_kwset;

/* The paper_keywords kind of a keyword source ("author", "indexed"), NULL
 * for words. */
const char *bs_kwterms_kind(bs_terms_source src);

/* Load the keywords of o->source (not words) of the papers f selects (NULL:
 * all), with o's stopwords and synonyms, in one snapshot; *version gets
 * its data version (may be NULL).  Errors: BS_ERR_IO / BS_ERR_FORMAT (the
 * files), BS_ERR_DB.  Release with bs_kwset_release, also on error. */
int bs_kwset_load(bs_store *s, const bs_terms_opts *o, const bs_filter *f, bs_kwset *out, int64_t *version,
		  bs_error *err);
void bs_kwset_release(bs_kwset *k);   /* safe twice */

/* Write the term tables from the keywords of o->source and record the
 * "terms" run with params (terms.c's canonical JSON), replacing the
 * previous tables and run.  Errors: BS_ERR_EMPTY (no paper has such
 * keywords), as bs_kwset_load, BS_ERR_DB. */
int bs_kwterms_build(bs_store *s, const bs_terms_opts *o, const char *params, bs_terms_info *info,
		     bs_error *err);

/* The stored key of a user's keyword (its text key through the synonyms)
 * into out.  Errors: BS_ERR_NOTFOUND (no letters or digits), BS_ERR_IO /
 * BS_ERR_FORMAT (synonyms file). */
int bs_kwterms_key(const bs_terms_opts *o, const char *text, bs_strbuf *out, bs_error *err);

#endif
