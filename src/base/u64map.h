/* u64map.h - uint64 key -> int64 count, inline, for the hot counting loops.
 *
 * The project has three maps, each for a measured reason:
 *   bs_hashmap (hashmap.h)  string keys -> int64: names, venues, spellings;
 *   bs_fpmap   (fpmap.h)    64-bit fingerprint -> one id or a sorted id
 *                           list: the store's dedup filter;
 *   u64map     (this file)  integer keys -> int64, every function inline:
 *                           the keyword tables count millions of n-grams
 *                           with random probes, where a call per probe and
 *                           a string key cost more than the counting.
 * Open addressing with linear probing; a key is stored as key + 1, so 0
 * marks an empty slot; the table doubles at 70% load.  u64_slot(m, key, 1) returns the count
 * of key, inserted as 0 when absent; with create = 0 NULL when absent.
 * Ownership: the map owns its slots; u64_release frees them (safe twice).
 */
#ifndef BS_U64MAP_H
#define BS_U64MAP_H

#include "base/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct u64slot {
	uint64_t key;        /* 0 = empty; stored keys are key + 1 */
	int64_t val;
} u64slot;

/* Key and value side by side: a probe touches one cache line.  The maps
 * of the n-gram counts hold millions of keys and are probed at random, so
 * the hot loops prefetch the slot of a key a few iterations ahead
 * (u64_prefetch). */
typedef struct u64map {
	u64slot *slot;
	size_t cap, count;
} u64map;

static inline void u64_init(u64map *m, size_t cap)
{
	/* from 16 slots: identity resolution sets up a few maps for each of
	 * hundreds of thousands of blocks of a handful of bylines */
	size_t c = 16;
	while (c < cap * 2)
		c <<= 1;
	m->cap = c;
	m->count = 0;
	m->slot = bs_xcalloc(c, sizeof *m->slot);
}

static inline void u64_release(u64map *m)
{
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static inline size_t u64_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

static inline void u64_prefetch(const u64map *m, uint64_t key)
{
	__builtin_prefetch(&m->slot[u64_hash(key) & (m->cap - 1)]);
}

static inline int64_t *u64_slot(u64map *m, uint64_t key, int create);

static inline void u64_grow(u64map *m)
{
	u64map n;
	u64_init(&n, m->cap);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].key)
			*u64_slot(&n, m->slot[i].key - 1, 1) = m->slot[i].val;
	u64_release(m);
	*m = n;
}

static inline int64_t *u64_slot(u64map *m, uint64_t key, int create)
{
	size_t i;

	if (create && (m->count + 1) * 10 > m->cap * 7)
		u64_grow(m);
	i = u64_hash(key) & (m->cap - 1);
	for (;;) {
		if (m->slot[i].key == key + 1)
			return &m->slot[i].val;
		if (!m->slot[i].key) {
			if (!create)
				return NULL;
			m->slot[i].key = key + 1;
			m->count++;
			return &m->slot[i].val;
		}
		i = (i + 1) & (m->cap - 1);
	}
}

#endif
