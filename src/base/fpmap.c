#include "base/fpmap.h"
#include "base/error.h"

#include <stdlib.h>
#include <string.h>

void bs_fpmap_release(bs_fpmap *f)
{
	for (size_t i = 0; i < f->nlists; i++)
		free(f->lists[i].ids);
	free(f->lists);
	free(f->slots);
	memset(f, 0, sizeof *f);
}

const int64_t *bs_fpmap_get(const bs_fpmap *f, uint64_t h, int64_t *one, size_t *n)
{
	size_t i;

	*n = 0;
	if (!f->cap)
		return NULL;
	h += !h;
	for (i = (size_t)h & (f->cap - 1); f->slots[i].fp; i = (i + 1) & (f->cap - 1)) {
		int64_t id = f->slots[i].id;
		if (f->slots[i].fp != h)
			continue;
		if (id > 0) {
			*one = id;
			*n = 1;
			return one;
		}
		*n = f->lists[-id - 1].n;
		return f->lists[-id - 1].ids;
	}
	return NULL;
}

/* id into the sorted list l, unless it is there */
static void list_insert(bs_fpmap_list *l, int64_t id)
{
	size_t k = l->n;

	while (k > 0 && l->ids[k - 1] > id)
		k--;
	if (k > 0 && l->ids[k - 1] == id)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->ids = bs_xrealloc(l->ids, l->cap * sizeof *l->ids);
	}
	memmove(l->ids + k + 1, l->ids + k, (l->n - k) * sizeof *l->ids);
	l->ids[k] = id;
	l->n++;
}

static void grow(bs_fpmap *f)
{
	size_t ncap = f->cap ? f->cap * 2 : 4096, i;
	bs_fpmap_slot *ns = bs_xcalloc(ncap, sizeof *ns);

	for (size_t k = 0; k < f->cap; k++) {
		if (!f->slots[k].fp)
			continue;
		for (i = (size_t)f->slots[k].fp & (ncap - 1); ns[i].fp; i = (i + 1) & (ncap - 1))
			;
		ns[i] = f->slots[k];
	}
	free(f->slots);
	f->slots = ns;
	f->cap = ncap;
}

void bs_fpmap_add(bs_fpmap *f, uint64_t h, int64_t id)
{
	size_t i;

	h += !h;
	if ((f->count + 1) * 4 >= f->cap * 3)
		grow(f);
	for (i = (size_t)h & (f->cap - 1); f->slots[i].fp; i = (i + 1) & (f->cap - 1)) {
		bs_fpmap_slot *sl = &f->slots[i];
		if (sl->fp != h)
			continue;
		if (sl->id == id)
			return;
		if (sl->id > 0) {   /* a second id: the slot becomes a list */
			bs_fpmap_list *l;
			if (f->nlists == f->caplists) {
				f->caplists = f->caplists ? f->caplists * 2 : 64;
				f->lists = bs_xrealloc(f->lists, f->caplists * sizeof *f->lists);
			}
			l = &f->lists[f->nlists++];
			memset(l, 0, sizeof *l);
			list_insert(l, sl->id);
			sl->id = -(int64_t)f->nlists;
		}
		list_insert(&f->lists[-sl->id - 1], id);
		return;
	}
	f->slots[i].fp = h;
	f->slots[i].id = id;
	f->count++;
}
