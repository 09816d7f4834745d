/* hashmap.h - string -> int64 map with open addressing (linear probing).
 * (The project's other two maps, and why each exists: base/u64map.h.)
 *
 * Used for author and term ids during ingest and analysis.  Keys are copied
 * into the map's own arena; values are caller-defined.  Lookup and insert are
 * expected O(1); the table doubles at 70% load.  Keys may contain any bytes
 * (the length is explicit).
 */
#ifndef BS_HASHMAP_H
#define BS_HASHMAP_H

#include "base/arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct bs_hashmap_slot {
	const char *key;   /* NULL: empty slot */
	size_t len;
	uint64_t hash;
	int64_t value;
} bs_hashmap_slot;

typedef struct bs_hashmap {
	bs_hashmap_slot *slots;
	size_t cap;        /* power of two, or 0 */
	size_t count;
	bs_arena keys;
} bs_hashmap;

void bs_hashmap_init(bs_hashmap *m);
void bs_hashmap_release(bs_hashmap *m);   /* safe twice */
/* Pointer to the value for key, or NULL. Valid until the next insert. */
int64_t *bs_hashmap_get(bs_hashmap *m, const char *key, size_t len);
/* Insert or overwrite. */
void bs_hashmap_put(bs_hashmap *m, const char *key, size_t len, int64_t value);
/* 64-bit FNV-1a, then a final mix (h ^= h >> 33, h *= 0xff51afd7ed558ccd,
 * h ^= h >> 33) so that the low bits depend on every input bit; exposed
 * for tests and other tables. */
uint64_t bs_hash_bytes(const void *data, size_t len);

#endif
