/* arena.h - bump allocator for parsed batches.
 *
 * A reader allocates every string of a record from its arena and resets the
 * arena before parsing the next record, so a record costs no free() calls.
 * Pointers stay valid until bs_arena_reset() or bs_arena_release().
 * Allocation is O(1) amortised; failure goes to the OOM handler.
 */
#ifndef BS_ARENA_H
#define BS_ARENA_H

#include <stddef.h>

typedef struct bs_arena_block bs_arena_block;

typedef struct bs_arena {
	bs_arena_block *head;    /* current block; earlier ones chained */
	size_t block_size;       /* default size of a new block */
} bs_arena;

#define BS_ARENA_INIT { 0, 0 }

void bs_arena_init(bs_arena *a);
/* Free every block; a stays valid and empty (safe to call twice). */
void bs_arena_release(bs_arena *a);
/* Forget all allocations but keep one block for reuse. */
void bs_arena_reset(bs_arena *a);
/* n bytes aligned for any scalar type. */
void *bs_arena_alloc(bs_arena *a, size_t n);
/* Copy of s[0..n) with a terminating NUL. */
char *bs_arena_strndup(bs_arena *a, const char *s, size_t n);
char *bs_arena_strdup(bs_arena *a, const char *s);

#endif
