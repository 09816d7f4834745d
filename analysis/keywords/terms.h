/* terms.h - keyword tables: terms, paper_term_lists (shown row by row as
 * the view paper_terms) and term_year.
 *
 * bs_terms_build() reads every paper's title and abstract, runs the text
 * pipeline (text.h), applies synonyms, finds phrases and writes the three
 * tables in one transaction (replacing the previous ones):
 *
 *   - unigram terms are keys (text.h: words with a plural or -s folded,
 *     "transformers" = "transformer" but not "transform"), shown by their
 *     most frequent surface form;
 *   - phrases are bigrams and trigrams inside chunks (never across a
 *     stopword or punctuation) that occur at least min_count times with a
 *     normalised PMI of at least min_npmi: for a bigram
 *     log(p(xy)/(p(x)p(y))) / -log p(xy), for a trigram
 *     log(p(xyz)/(p(x)p(y)p(z))) / -2 log p(xyz), with token probabilities;
 *   - a paper contains a term when the term occurs in its title or
 *     abstract; a phrase occurrence also counts for the words inside it.
 *
 * Synonyms (tab-separated "variant<TAB>canonical" lines, e.g.
 * "nerf<TAB>neural radiance fields") rewrite the token stream before
 * anything is counted.  The run is recorded in `runs` (kind "terms") with
 * its parameters, so later commands reuse it until the data changes.
 *
 * Cost: O(text) tokenizing with a cached key per distinct word, O(tokens)
 * hash-counting of candidate n-grams whose words are frequent enough, and
 * O(paper-term pairs) writing.  Memory: the token stream (4 bytes a token)
 * plus the n-gram tables.
 */
#ifndef BS_TERMS_H
#define BS_TERMS_H

#include "base/error.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Where terms come from: the words of titles and abstracts (the pipeline
 * above), or the papers' author keywords or indexed keywords (Keywords
 * Plus, MeSH, index terms: paper_keywords), each keyword one term grouped
 * by its text key (kwterms.h). */
typedef enum bs_terms_source {
	BS_TERMS_FROM_WORDS = 0,
	BS_TERMS_FROM_AUTHOR_KEYWORDS,
	BS_TERMS_FROM_INDEXED_KEYWORDS
} bs_terms_source;

/* "words", "author-keywords", "indexed-keywords" -> source; -1 if unknown. */
int bs_terms_source_parse(const char *s);
/* The name bs_terms_source_parse reads. */
const char *bs_terms_source_name(bs_terms_source src);

typedef struct bs_terms_opts {
	bs_terms_source source;    /* default words */
	const char *stopwords;     /* extra stopwords file, or NULL */
	const char *synonyms;      /* synonyms file, or NULL */
	long min_count;            /* phrase occurrences; 0 (default): papers / 2000,
				    * at least 3 and at most 20 */
	double min_npmi;           /* default 0.3 */
} bs_terms_opts;

typedef struct bs_terms_info {
	int computed;              /* 0: a stored run was current */
	double seconds;
	long papers, tokens, unigrams, bigrams, trigrams, paper_terms;
	long min_count;            /* the phrase threshold used */
	int64_t run_id;
} bs_terms_info;

void bs_terms_opts_init(bs_terms_opts *o);

/* Reuse the stored term tables when they were made with the same options
 * (the source among them) and data, else build them (kwterms.h for the
 * keyword sources; there papers counts papers with keywords, unigrams the
 * keywords).  Errors: BS_ERR_IO (stopword/synonym file),
 * BS_ERR_DB, BS_ERR_EMPTY (no papers). */
int bs_terms_ensure(bs_store *s, const bs_terms_opts *o, int force, bs_terms_info *info,
		    bs_error *err);

/* One entry of a paper's term list. */
typedef struct bs_term_count {
	int64_t term;
	int64_t in_title, in_abstract;
} bs_term_count;

/* Decode paper_term_lists.terms, the JSON text [[term,in_title,
 * in_abstract],...] (whitespace allowed, integers only), into *out, grown
 * with bs_xrealloc (*cap its capacity; *out may be NULL with *cap 0; the
 * caller frees it).  Returns the entries' count, or -1 when the text is
 * not such a list (a hand-edited row).  O(len). */
long bs_term_list_decode(const char *text, size_t len, bs_term_count **out, size_t *cap);

/* Parse a user's term ("diffusion models") into the stored key
 * ("diffusion model") with the same pipeline, stopwords and synonyms (o) as
 * the tables, into out (for a keyword source: its text key, through the
 * synonyms).  Errors: BS_ERR_NOTFOUND when nothing but
 * stopwords remains, BS_ERR_IO for an unreadable stopword/synonym file. */
int bs_terms_key(const bs_terms_opts *o, const char *text, bs_strbuf *out, bs_error *err);

#endif
