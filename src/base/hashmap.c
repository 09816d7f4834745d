#include "base/hashmap.h"
#include "base/error.h"

#include <string.h>

uint64_t bs_hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	/* final mix so that low bits depend on all input bits */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

void bs_hashmap_init(bs_hashmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
	bs_arena_init(&m->keys);
}

void bs_hashmap_release(bs_hashmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
	bs_arena_release(&m->keys);
}

static bs_hashmap_slot *find(bs_hashmap_slot *slots, size_t cap, const char *key,
			     size_t len, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	for (;;) {
		bs_hashmap_slot *s = &slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
		i = (i + 1) & (cap - 1);
	}
}

static void rehash(bs_hashmap *m, size_t ncap)
{
	bs_hashmap_slot *ns = bs_xcalloc(ncap, sizeof *ns);

	for (size_t i = 0; i < m->cap; i++) {
		bs_hashmap_slot *s = &m->slots[i];
		if (s->key)
			*find(ns, ncap, s->key, s->len, s->hash) = *s;
	}
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
}

int64_t *bs_hashmap_get(bs_hashmap *m, const char *key, size_t len)
{
	bs_hashmap_slot *s;

	if (!m->cap)
		return NULL;
	s = find(m->slots, m->cap, key, len, bs_hash_bytes(key, len));
	return s->key ? &s->value : NULL;
}

void bs_hashmap_put(bs_hashmap *m, const char *key, size_t len, int64_t value)
{
	uint64_t h = bs_hash_bytes(key, len);
	bs_hashmap_slot *s;

	if ((m->count + 1) * 10 >= m->cap * 7)
		rehash(m, m->cap ? m->cap * 2 : 1024);
	s = find(m->slots, m->cap, key, len, h);
	if (!s->key) {
		s->key = bs_arena_strndup(&m->keys, key, len);
		s->len = len;
		s->hash = h;
		m->count++;
	}
	s->value = value;
}
