/* fpmap.h - 64-bit fingerprint -> the ids that have it.
 *
 * The store's dedup filter: each dedup key of a stored paper is hashed to
 * a 64-bit fingerprint, mapped to the paper (one id), or to a sorted list
 * of ids when several papers share the key ("Preface").  A fingerprint is
 * only a hash, so a caller confirms every id it gets against the real
 * key; a miss is exact.  Open addressing with linear probing (fingerprint
 * 0 marks an empty slot, and is stored as 1): one cache line per probe,
 * where a string map costs two (slot, then key).  The table doubles at 75%
 * load.  Ids must be > 0.
 *
 * Ownership: the map owns its slots and lists.  Zero-initialise (or
 * memset) to get an empty map; bs_fpmap_release() frees everything and
 * leaves an empty map (safe twice).
 */
#ifndef BS_FPMAP_H
#define BS_FPMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct bs_fpmap_slot { uint64_t fp; int64_t id; } bs_fpmap_slot;
typedef struct bs_fpmap_list { int64_t *ids; size_t n, cap; } bs_fpmap_list;

typedef struct bs_fpmap {
	bs_fpmap_slot *slots;  /* id > 0: that id; id < 0: lists[-id - 1] */
	size_t cap, count;     /* cap: power of two, or 0 */
	bs_fpmap_list *lists;
	size_t nlists, caplists;
} bs_fpmap;

void bs_fpmap_release(bs_fpmap *f);

/* The ids with fingerprint h, ascending: *n of them (0 when none) at the
 * result, valid until the next bs_fpmap_add(); a single id is copied to
 * *one and the result points there.  Expected O(1) + the list. */
const int64_t *bs_fpmap_get(const bs_fpmap *f, uint64_t h, int64_t *one, size_t *n);

/* Add id under h (nothing when it is there already).  Expected O(1);
 * inserting into a list of k ids is O(k) unless id is the largest. */
void bs_fpmap_add(bs_fpmap *f, uint64_t h, int64_t id);

#endif
