#include "base/arena.h"
#include "base/error.h"

#include <stdint.h>
#include <string.h>

struct bs_arena_block {
	bs_arena_block *prev;
	size_t size, used;
	max_align_t data[];
};

void bs_arena_init(bs_arena *a)
{
	a->head = NULL;
	a->block_size = 64 * 1024;
}

void bs_arena_release(bs_arena *a)
{
	bs_arena_block *b = a->head;

	while (b) {
		bs_arena_block *prev = b->prev;
		free(b);
		b = prev;
	}
	a->head = NULL;
}

void bs_arena_reset(bs_arena *a)
{
	bs_arena_block *b = a->head;

	if (!b)
		return;
	/* keep the newest block only when it is of the default size */
	while (b->prev) {
		bs_arena_block *prev = b->prev;
		free(b);
		b = prev;
	}
	if (b->size > (a->block_size ? a->block_size : 65536) * 4) {
		free(b);
		a->head = NULL;
		return;
	}
	b->used = 0;
	a->head = b;
}

void *bs_arena_alloc(bs_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	bs_arena_block *b = a->head;
	size_t bs;
	void *p;

	n = (n + align - 1) / align * align;
	if (!n)
		n = align;
	if (!b || b->size - b->used < n) {
		bs = a->block_size ? a->block_size : 64 * 1024;
		if (bs < n)
			bs = n;
		b = bs_xmalloc(sizeof *b + bs);
		b->size = bs;
		b->used = 0;
		b->prev = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *bs_arena_strndup(bs_arena *a, const char *s, size_t n)
{
	char *p = bs_arena_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *bs_arena_strdup(bs_arena *a, const char *s)
{
	return bs_arena_strndup(a, s, strlen(s));
}
