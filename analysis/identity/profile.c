/* profile.c - sorted bags of ids for comparing groups of bylines. */
#include "analysis/identity/profile.h"
#include "base/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void idn_bag_release(idn_bag *b)
{
	if (!b)
		return;
	free(b->id);
	free(b->cnt);
	memset(b, 0, sizeof *b);
}

void idn_bag_push(idn_bag *b, int32_t id, int32_t cnt)
{
	if (b->n >= b->cap) {
		b->cap = b->cap ? 2 * b->cap : 8;
		b->id = bs_xrealloc(b->id, b->cap * sizeof *b->id);
		b->cnt = bs_xrealloc(b->cnt, b->cap * sizeof *b->cnt);
	}
	b->id[b->n] = id;
	b->cnt[b->n++] = cnt;
}

typedef struct pair32 { int32_t id, cnt; } pair32;

static int cmp_pair(const void *x, const void *y)
{
	const pair32 *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

void idn_bag_finish(idn_bag *b)
{
	pair32 *t;
	size_t o = 0;

	if (b->n < 2)
		return;
	t = bs_xmalloc(b->n * sizeof *t);
	for (size_t i = 0; i < b->n; i++) {
		t[i].id = b->id[i];
		t[i].cnt = b->cnt[i];
	}
	qsort(t, b->n, sizeof *t, cmp_pair);
	for (size_t i = 0; i < b->n; i++) {
		if (o && b->id[o - 1] == t[i].id) {
			b->cnt[o - 1] += t[i].cnt;
			continue;
		}
		b->id[o] = t[i].id;
		b->cnt[o++] = t[i].cnt;
	}
	b->n = o;
	free(t);
}

void idn_bag_merge(idn_bag *dst, const idn_bag *src)
{
	idn_bag r;
	size_t i = 0, j = 0;

	if (!src->n)
		return;
	memset(&r, 0, sizeof r);
	while (i < dst->n || j < src->n) {
		if (j == src->n || (i < dst->n && dst->id[i] < src->id[j])) {
			idn_bag_push(&r, dst->id[i], dst->cnt[i]);
			i++;
		} else if (i == dst->n || src->id[j] < dst->id[i]) {
			idn_bag_push(&r, src->id[j], src->cnt[j]);
			j++;
		} else {
			idn_bag_push(&r, dst->id[i], dst->cnt[i] + src->cnt[j]);
			i++;
			j++;
		}
	}
	idn_bag_release(dst);
	*dst = r;
}

size_t idn_bag_common(const idn_bag *a, const idn_bag *b)
{
	size_t i = 0, j = 0, c = 0;

	while (i < a->n && j < b->n) {
		if (a->id[i] < b->id[j])
			i++;
		else if (b->id[j] < a->id[i])
			j++;
		else {
			c++;
			i++;
			j++;
		}
	}
	return c;
}

double idn_bag_cosine(const idn_bag *a, const idn_bag *b)
{
	double dot = 0, na = 0, nb = 0;
	size_t i = 0, j = 0;

	for (size_t k = 0; k < a->n; k++)
		na += (double)a->cnt[k] * a->cnt[k];
	for (size_t k = 0; k < b->n; k++)
		nb += (double)b->cnt[k] * b->cnt[k];
	if (na <= 0 || nb <= 0)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->id[i] < b->id[j])
			i++;
		else if (b->id[j] < a->id[i])
			j++;
		else
			dot += (double)a->cnt[i++] * b->cnt[j++];
	}
	return dot / sqrt(na * nb);
}

int32_t idn_bag_top(const idn_bag *b, const idn_bag *exclude)
{
	int32_t best = -1, bc = 0;
	size_t j = 0;

	for (size_t i = 0; i < b->n; i++) {
		if (exclude) {
			while (j < exclude->n && exclude->id[j] < b->id[i])
				j++;
			if (j < exclude->n && exclude->id[j] == b->id[i])
				continue;
		}
		if (b->cnt[i] > bc) {
			bc = b->cnt[i];
			best = b->id[i];
		}
	}
	return best;
}

void idn_profile_release(idn_profile *p)
{
	if (!p)
		return;
	idn_bag_release(&p->co);
	idn_bag_release(&p->hop2);
	idn_bag_release(&p->venue);
	idn_bag_release(&p->term);
	idn_bag_release(&p->inst);
	idn_bag_release(&p->country);
	memset(p, 0, sizeof *p);
}

void idn_profile_merge(idn_profile *dst, const idn_profile *src)
{
	idn_bag_merge(&dst->co, &src->co);
	idn_bag_merge(&dst->hop2, &src->hop2);
	idn_bag_merge(&dst->venue, &src->venue);
	idn_bag_merge(&dst->term, &src->term);
	idn_bag_merge(&dst->inst, &src->inst);
	idn_bag_merge(&dst->country, &src->country);
	if (src->ymin && (!dst->ymin || src->ymin < dst->ymin))
		dst->ymin = src->ymin;
	if (src->ymax > dst->ymax)
		dst->ymax = src->ymax;
	dst->size += src->size;
}
