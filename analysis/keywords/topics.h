/* topics.h - the most frequent or most distinctive terms of a set of
 * papers: all papers, a year range, a venue, one author's papers or one
 * co-authorship community's papers.
 *
 * freq ranks by papers containing the term; tfidf by papers × ln(N / df),
 * N all papers and df the term's papers in the whole corpus, so terms
 * common everywhere sink; lift by papers × ln((papers / selected) / (df / N)),
 * how much more often the selection uses the term than the corpus does
 * (better than tf-idf for large selections such as big communities).  With tfidf, terms in fewer than min_df papers
 * of the corpus are left out (they would win on noise).
 */
#ifndef BS_TOPICS_H
#define BS_TOPICS_H

#include "store/query.h"
#include "store/store.h"
#include "analysis/keywords/terms.h"
#include "base/table.h"

typedef enum { BS_TERMS_ALL, BS_TERMS_WORDS, BS_TERMS_PHRASES } bs_terms_kind;

typedef struct bs_topics_opts {
	bs_filter filter;        /* years and venue */
	int64_t author;          /* 0: any */
	int64_t community_run;   /* with community >= 0 */
	long community;          /* -1: any */
	int tfidf;               /* 1: tf-idf, 2: lift (distinctive for large subsets) */
	bs_terms_kind kind;
	long min_df;             /* default 3 */
	int top;                 /* default 20 */
	int distinct;            /* 1: no fragment beside its phrase (bs_topics_pick_distinct) */
} bs_topics_opts;

void bs_topics_opts_init(bs_topics_opts *o);

/* Columns: rank, term, papers, share (percent of the selected papers),
 * score, words.  Errors: BS_ERR_DB. */
int bs_topics_query(bs_store *s, const bs_topics_opts *o, bs_table *out, bs_error *err);

/* "a, b, c": the top n distinctive terms of a community (lift, as
 * bs_topics_query with tfidf 2 and min_df 3: phrases, and words too when
 * the community has fewer than n phrases), into out. */
int bs_topics_label(bs_store *s, int64_t community_run, long community, int n, bs_strbuf *out,
		    bs_error *err);

/* Up to n of cands (best first; papers[i] = papers with cands[i]) with
 * no fragment beside the phrase it is part of.  A fragment is a phrase
 * inside a longer one as whole words and in at most 1.5 times its papers
 * (two thirds or more of its papers have the longer one).  A longer
 * phrase takes the place of its fragments already taken ("statistical
 * machine translation" for "statistical machine"), a fragment of a phrase
 * taken is skipped; "neural networks" stays beside "graph neural
 * networks", being in many more papers.  pick (n slots) gets pointers into
 * cands, in the order taken; returns how many.  O(ncand * n) string
 * searches. */
int bs_topics_pick_distinct(const char *const *cands, const double *papers, size_t ncand, int n,
			    const char **pick);

/* Labels for many communities: the terms table is loaded once (O(terms)
 * memory), then each label costs O(terms listed for the community's
 * papers in paper_term_lists) with array counters instead of an SQL GROUP
 * BY.  The labeler borrows s; release before closing it. */
typedef struct bs_labeler {
	bs_store *s;
	size_t nterms;          /* max term id + 1 */
	int *words;             /* per term id: words in it (0: no such term) */
	long long *df;          /* papers containing it in the corpus */
	char **display;
	int32_t *count;         /* scratch, zero between calls */
	int32_t *touched;
	double total;           /* papers in the corpus */
	struct bs_keywords_lists *lists;   /* the community's term lists (store/keywords.h) */
	bs_term_count *list;    /* scratch: one paper's decoded term list */
	size_t listcap;
} bs_labeler;

int bs_labeler_init(bs_labeler *l, bs_store *s, bs_error *err);
int bs_labeler_label(bs_labeler *l, int64_t community_run, long community, int n, bs_strbuf *out,
		     bs_error *err);
void bs_labeler_release(bs_labeler *l);   /* safe twice */

#endif
