/* profile.h - what a group of bylines looks like, for comparing groups of
 * one name (private to analysis/identity/): sorted id lists with counts. */
#ifndef BS_IDN_PROFILE_H
#define BS_IDN_PROFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct idn_bag {
	int32_t *id, *cnt;   /* sorted by id */
	size_t n, cap;
	double norm2;        /* sum of cnt^2, kept by finish and merge */
} idn_bag;

/* A group's profile: co-author names, venues, title and keyword terms,
 * institutions (for labels only). */
typedef struct idn_profile {
	idn_bag co, venue, term, inst;
	int32_t ymin, ymax;  /* 0 when no year */
	int32_t size;
} idn_profile;

/* An id -> count map: a person's profile, which every group that joins
 * it adds to.  Adding a group costs the group's ids, where merging sorted
 * bags cost the person's, quadratic in the blocks of thousands of bylines
 * one common name holds; and looking a group's ids up costs the group's
 * ids, whatever the person's size.  Open addressing that starts small
 * (most persons have a handful of ids), so not u64map. */
typedef struct idn_imap {
	int32_t *slot;       /* pairs (id + 1, count); id + 1 == 0: empty */
	uint32_t cap, n;     /* cap: pairs, 0 or a power of two */
	double norm2;        /* sum of count^2, exact (integers below 2^53) */
} idn_imap;

void idn_imap_release(idn_imap *m);
/* Add cnt to id's count (id >= 0); returns the count before.  Amortised O(1). */
int32_t idn_imap_add(idn_imap *m, int32_t id, int32_t cnt);
/* id's count, 0 when absent.  O(1) expected. */
int32_t idn_imap_get(const idn_imap *m, int32_t id);
/* A set of ids (>= 0), open addressing from a small start: a person's
 * co-authors' co-authors, hundreds of thousands of inserts in the blocks
 * of common names, where a count and a norm per insert cost a third more. */
typedef struct idn_iset {
	int32_t *slot;       /* id + 1; 0: empty */
	uint32_t cap, n;     /* cap: 0 or a power of two */
} idn_iset;

void idn_iset_release(idn_iset *s);
/* Insert id; amortised O(1). */
void idn_iset_put(idn_iset *s, int32_t id);
/* The ids of bag a that s holds.  O(a->n). */
size_t idn_bag_common_set(const idn_bag *a, const idn_iset *s);

/* The ids of bag a that m holds; the cosine of their counts (the dot
 * product summed in a's id order).  O(a->n). */
size_t idn_bag_common_map(const idn_bag *a, const idn_imap *m);
double idn_bag_cosine_map(const idn_bag *a, const idn_imap *m);

void idn_bag_release(idn_bag *b);
/* Sort and sum the pushed (id, 1) pairs. */
void idn_bag_push(idn_bag *b, int32_t id, int32_t cnt);
void idn_bag_finish(idn_bag *b);
/* The id with the largest count (ties: the smallest id), or -1. */
int32_t idn_bag_top(const idn_bag *b);

void idn_profile_release(idn_profile *p);

#endif
