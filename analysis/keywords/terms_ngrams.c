/* terms_ngrams.c - steps 2 and 3 of the keyword tables: n-gram counts and
 * the phrases among them. */
#include "analysis/keywords/terms_impl.h"
#include "base/trace.h"

#include <math.h>

/* ---- step 2: n-gram counts ----
 * Only the n-grams seen at least min_count times can become phrases, and
 * those are few: at 1M synthetic papers 10.3M distinct bigrams of
 * frequent words occur in 127M tokens, of which about 1% reach the
 * count.  Counting every one exactly meant a 256 MB hash map probed at
 * random (and rehashed five times on the way), for bigrams and again for
 * trigrams: 8.5 s.  So each is counted in two passes over the token
 * stream:
 *   1. a sketch: one saturating byte counter per hash bucket (a few
 *      tokens per bucket, small enough to stay in the cache), counting
 *      every occurrence;
 *   2. the exact count, in the hash map, of only the n-grams whose bucket
 *      reached min_count.
 * A bucket counts at least the n-gram's own occurrences, so no n-gram that
 * reaches min_count is left out, and the map holds exact counts: the
 * phrases are those of the one-pass count, and the map is a few MB.
 * Trigrams are counted where both of their bigrams are frequent (a bit
 * per position, set once the bigrams are known).  Each pass fetches the
 * bucket or slot SKETCH_AHEAD tokens on while it counts this one. */

/* Sketch buckets for a stream of ntok tokens: about 4 tokens a bucket,
 * 64 KiB to 64 MiB. */
static size_t sketch_size(size_t ntok)
{
	size_t n = (size_t)1 << 16;
	const char *env = getenv("BIBSCOPE_SKETCH_BUCKETS");   /* tests: every bucket shared */

	if (env && *env) {
		size_t want = (size_t)strtoull(env, NULL, 10);
		for (n = 1; n < want && n < ((size_t)1 << 26); n <<= 1)
			;
		return n;
	}

	while (n < ntok / 4 && n < ((size_t)1 << 26))
		n <<= 1;
	return n;
}

/* Bit i of the bit array b. */
static inline int bit_at(const uint8_t *b, size_t i)
{
	return (b[i >> 3] >> (i & 7)) & 1;
}

/* The n-gram key at position i of the stream, or UINT64_MAX when there
 * is none: a bigram (len 2) of frequent words, or a trigram (len 3)
 * whose two bigrams are frequent (freq2: a bit per position). */
static inline uint64_t ngram_at(const int32_t *tok, size_t ntok, size_t i, int len, const long *c1,
				long min_count, const uint8_t *freq2)
{
	if (len == 2) {
		int32_t a, b;
		if (i + 1 >= ntok)
			return UINT64_MAX;
		a = tok[i];
		b = tok[i + 1];
		if (a < 0 || b < 0 || c1[a] < min_count || c1[b] < min_count)
			return UINT64_MAX;
		return key2(a, b);
	}
	if (i + 2 >= ntok || !bit_at(freq2, i) || !bit_at(freq2, i + 1))
		return UINT64_MAX;
	return key3(tok[i], tok[i + 1], tok[i + 2]);
}

/* The sketch is read and written at random (32 MB at 1M papers) for
 * little work a token: fetched this many tokens ahead (8: 2.2 s a pass
 * at 1M papers; 32: 1.8 s). */
#define SKETCH_AHEAD 32

/* The two passes for n-grams of length len into out (exact counts of
 * every n-gram whose sketch bucket reached min_count). */
static void count_pass(const int32_t *tok, size_t ntok, int len, const long *c1, long min_count,
		       const uint8_t *freq2, uint8_t *sk, size_t nsk, int sketched, u64map *out)
{
	uint8_t thr = (uint8_t)(min_count > 255 ? 255 : min_count < 1 ? 1 : min_count);
	uint64_t ring[SKETCH_AHEAD];   /* keys of positions i .. i + SKETCH_AHEAD - 1 */
	size_t mask = nsk - 1;

	if (!sketched)
		memset(sk, 0, nsk);
	for (int pass = sketched; pass < 2; pass++) {
		for (size_t i = 0; i < SKETCH_AHEAD; i++) {
			ring[i] = ngram_at(tok, ntok, i, len, c1, min_count, freq2);
			if (ring[i] != UINT64_MAX)
				__builtin_prefetch(&sk[u64_hash(ring[i]) & mask]);
		}
		for (size_t i = 0; i < ntok; i++) {
			uint64_t k = ring[i % SKETCH_AHEAD], ka;
			size_t h;
			ka = ring[i % SKETCH_AHEAD] = ngram_at(tok, ntok, i + SKETCH_AHEAD, len, c1, min_count, freq2);
			if (ka != UINT64_MAX)
				__builtin_prefetch(&sk[u64_hash(ka) & mask]);
			if (k == UINT64_MAX)
				continue;
			h = u64_hash(k) & mask;
			if (pass == 0) {
				if (sk[h] < 255)
					sk[h]++;
			} else if (sk[h] >= thr) {
				(*u64_slot(out, k, 1))++;
			}
		}
		bs_trace("terms: %d-gram pass %d", len, pass + 1);
	}
}

static void count_ngrams(const int32_t *tok, size_t ntok, const long *c1, long min_count, u64map *c2,
			 u64map *c3)
{
	size_t nsk = sketch_size(ntok);
	uint8_t *sk = bs_xmalloc(nsk);
	uint8_t *freq2 = bs_xcalloc(ntok / 8 + 1, 1);   /* the bigram at i reached min_count */

	count_pass(tok, ntok, 2, c1, min_count, NULL, sk, nsk, 0, c2);
	bs_trace("terms: bigrams counted, %zu tokens, %zu candidates", ntok, c2->count);
	/* one pass marks the frequent bigrams and makes the trigrams' sketch:
	 * the trigram at i - 1 is known once the bigram at i is; its bucket
	 * is fetched now and counted SKETCH_AHEAD trigrams later (saturating
	 * counts do not depend on the order) */
	memset(sk, 0, nsk);
	{
		size_t pend[SKETCH_AHEAD], np = 0, mask = nsk - 1;
		for (size_t i = 0; i + 1 < ntok; i++) {
			uint64_t k, ka = ngram_at(tok, ntok, i + SKETCH_AHEAD, 2, c1, min_count, NULL);
			const int64_t *h;
			if (ka != UINT64_MAX)
				u64_prefetch(c2, ka);
			k = ngram_at(tok, ntok, i, 2, c1, min_count, NULL);
			if (k == UINT64_MAX)
				continue;
			h = u64_slot(c2, k, 0);
			if (!h || *h < min_count)
				continue;
			freq2[i >> 3] |= (uint8_t)(1u << (i & 7));
			if (i > 0 && bit_at(freq2, i - 1)) {
				size_t b = u64_hash(key3(tok[i - 1], tok[i], tok[i + 1])) & mask, *slot = &pend[np % SKETCH_AHEAD];
				if (np >= SKETCH_AHEAD && sk[*slot] < 255)
					sk[*slot]++;
				__builtin_prefetch(&sk[b]);
				*slot = b;
				np++;
			}
		}
		for (size_t j = np > SKETCH_AHEAD ? np - SKETCH_AHEAD : 0; j < np; j++)
			if (sk[pend[j % SKETCH_AHEAD]] < 255)
				sk[pend[j % SKETCH_AHEAD]]++;
	}
	bs_trace("terms: frequent bigrams marked, trigrams sketched");
	count_pass(tok, ntok, 3, c1, min_count, freq2, sk, nsk, 1, c3);
	free(freq2);
	free(sk);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void push_u64(uint64_t **v, size_t *n, size_t *cap, uint64_t k)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		*v = bs_xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = k;
}

/* Append the phrase (a, b, c) (c = -1 for a bigram); returns its index. */
static int32_t add_phrase(int32_t (**phr)[3], int32_t *n, int32_t *cap, int32_t a, int32_t b, int32_t c)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		*phr = bs_xrealloc(*phr, (size_t)*cap * sizeof **phr);
	}
	(*phr)[*n][0] = a;
	(*phr)[*n][1] = b;
	(*phr)[*n][2] = c;
	return (*n)++;
}


/* Bigrams of c2 with at least min_count occurrences and an NPMI of at
 * least min_npmi, as phrases numbered in key order (not in the map's). */
static void pick_bigrams(const u64map *c2, const long *c1, double N, long min_count, double min_npmi,
			 phrases *ph, bs_terms_info *info)
{
	uint64_t *cd = NULL;   /* keys of the phrases, sorted before they are numbered */
	size_t ncd = 0, capcd = 0;

	for (size_t i = 0; i < c2->cap; i++) {
		uint64_t k;
		int32_t a, b;
		double pxy, npmi;
		if (!c2->slot[i].key || c2->slot[i].val < min_count)
			continue;
		k = c2->slot[i].key - 1;
		a = (int32_t)(k >> KEY_BITS);
		b = (int32_t)(k & KEY_MAX);
		pxy = (double)c2->slot[i].val / N;
		npmi = log(pxy / (((double)c1[a] / N) * ((double)c1[b] / N))) / -log(pxy);
		if (npmi < min_npmi || a == b)
			continue;
		push_u64(&cd, &ncd, &capcd, k);
	}
	if (ncd)   /* cd is NULL when there are no candidates */
		qsort(cd, ncd, sizeof *cd, cmp_u64);
	for (size_t i = 0; i < ncd; i++) {
		uint64_t k = cd[i];
		*u64_slot(&ph->phr2, k, 1) = add_phrase(&ph->phr, &ph->n, &ph->cap, (int32_t)(k >> KEY_BITS),
							(int32_t)(k & KEY_MAX), -1);
		info->bigrams++;
	}
	free(cd);
}

/* The same for the trigrams of c3, numbered after the bigrams. */
static void pick_trigrams(const u64map *c3, const long *c1, double N, long min_count, double min_npmi,
			  phrases *ph, bs_terms_info *info)
{
	uint64_t *cd = NULL;
	size_t ncd = 0, capcd = 0;

	for (size_t i = 0; i < c3->cap; i++) {
		uint64_t k;
		int32_t a, b, c;
		double pr, npmi;
		if (!c3->slot[i].key || c3->slot[i].val < min_count)
			continue;
		k = c3->slot[i].key - 1;
		a = (int32_t)(k >> (2 * KEY_BITS));
		b = (int32_t)((k >> KEY_BITS) & KEY_MAX);
		c = (int32_t)(k & KEY_MAX);
		pr = (double)c3->slot[i].val / N;
		npmi = log(pr / (((double)c1[a] / N) * ((double)c1[b] / N) * ((double)c1[c] / N))) /
		       (-2 * log(pr));
		if (npmi < min_npmi)
			continue;
		push_u64(&cd, &ncd, &capcd, k);
	}
	if (ncd)   /* cd is NULL when there are no candidates */
		qsort(cd, ncd, sizeof *cd, cmp_u64);
	for (size_t i = 0; i < ncd; i++) {
		uint64_t k = cd[i];
		*u64_slot(&ph->phr3, k, 1) = add_phrase(&ph->phr, &ph->n, &ph->cap, (int32_t)(k >> (2 * KEY_BITS)),
							(int32_t)((k >> KEY_BITS) & KEY_MAX),
							(int32_t)(k & KEY_MAX));
		info->trigrams++;
	}
	free(cd);
}

void terms_find_phrases(const int32_t *tok, size_t ntok, const long *c1, long ntokens, int32_t nkey,
			long min_count, double min_npmi, phrases *ph, bs_terms_info *info)
{
	u64map c2, c3;
	double N = (double)(ntokens ? ntokens : 1);

	u64_init(&c2, 1 << 18);
	u64_init(&c3, 1 << 16);
	u64_init(&ph->phr2, 1 << 12);
	u64_init(&ph->phr3, 1 << 10);
	if (nkey <= KEY_MAX)
		count_ngrams(tok, ntok, c1, min_count, &c2, &c3);
	bs_trace("terms: n-grams counted, %zu bigrams, %zu trigrams", c2.count, c3.count);
	pick_bigrams(&c2, c1, N, min_count, min_npmi, ph, info);
	pick_trigrams(&c3, c1, N, min_count, min_npmi, ph, info);
	/* the counts are done with: give their memory (1.5 GB at 3M papers)
	 * back before the tables are written */
	u64_release(&c2);
	u64_release(&c3);
}
