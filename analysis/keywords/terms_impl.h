/* terms_impl.h - the parts of the keyword tables' build (terms.h) that
 * its files share: the counting hash map, n-gram keys, synonyms, paper
 * spans and the steps.  Private to analysis/keywords/terms*.c.
 *
 *   terms.c           options, synonyms, term lists, the build's order
 *   terms_tokenize.c  step 1: every paper's tokens, on worker threads
 *   terms_ngrams.c    steps 2-3: n-gram counts, phrases by NPMI
 *   terms_write.c     step 4: the tables, through store/terms_rows.h
 */
#ifndef BS_TERMS_IMPL_H
#define BS_TERMS_IMPL_H

#include "analysis/keywords/terms.h"
#include "analysis/keywords/text.h"
#include "base/error.h"
#include "base/u64map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KEY_BITS 21
#define KEY_MAX ((1 << KEY_BITS) - 1)

static inline uint64_t key2(int32_t a, int32_t b)
{
	return ((uint64_t)a << KEY_BITS) | (uint64_t)b;
}

static inline uint64_t key3(int32_t a, int32_t b, int32_t c)
{
	return ((uint64_t)a << (2 * KEY_BITS)) | ((uint64_t)b << KEY_BITS) | (uint64_t)c;
}

/* ---- synonyms ---- */

typedef struct synonyms {
	u64map map;            /* variant key (1-3 keys) + length tag -> index into canon */
	int32_t (*canon)[4];   /* canonical surface ids, -1 padded */
	size_t n, cap;
} synonyms;

/* Rewrite the surface stream in[0..n) with the synonyms into out (longest
 * variant first; variants match by keys: "nerfs" as "nerf"). */
size_t terms_apply_synonyms(const bs_text *t, const synonyms *sy, const int32_t *in, size_t n, int32_t *out);

/* ---- the build's steps ---- */

typedef struct paper_span {
	int64_t id;
	int year;
	int64_t venue;
	size_t title, abstract, end;   /* offsets into the token stream */
} paper_span;

/* The phrases: phr[i] = its keys (third -1 for a bigram); phr2 and phr3
 * map key2/key3 of a bigram/trigram to its index i. */
typedef struct phrases {
	u64map phr2, phr3;
	int32_t (*phr)[3];
	int32_t n, cap;
} phrases;

/* Step 1: tokenize every paper into *tok (paper spans in *sp), in the
 * caller's read transaction.  Errors: BS_ERR_DB, BS_ERR_NOMEM. */
int terms_tokenize_papers(bs_store *s, bs_text *t, const synonyms *sy, paper_span **sp, size_t *np,
			  int32_t **tok, size_t *ntok, bs_error *err);

/* Steps 2-3: the phrases of the key stream tok (c1: per key its tokens,
 * ntokens in all), numbered in key order, into ph; counts them in info. */
void terms_find_phrases(const int32_t *tok, size_t ntok, const long *c1, long ntokens, int32_t nkey,
			long min_count, double min_npmi, phrases *ph, bs_terms_info *info);

/* Step 4: write the three tables through w (store/terms_rows.h). */
struct bs_terms_rows;
int terms_write_tables(struct bs_terms_rows *w, bs_text *t, const paper_span *sp, size_t np, const int32_t *tok,
		       const int32_t *surf, const phrases *ph, bs_terms_info *info, bs_error *err);

#endif
