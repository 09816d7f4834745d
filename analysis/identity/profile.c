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

/* (id, count) packed in one word, id in the high half (ids are >= 0) */
static uint64_t pack(int32_t id, int32_t cnt)
{
	return (uint64_t)(uint32_t)id << 32 | (uint32_t)cnt;
}

/* Sort v[0..n) by their high 32 bits (a quicksort on words, insertion
 * sort below 24): bags are sorted for every group compared, and qsort with
 * a callback on pairs was a fifth of the resolution. */
static void sort_packed(uint64_t *v, size_t n)
{
	while (n > 24) {
		uint64_t a = v[0] >> 32, b = v[n / 2] >> 32, c = v[n - 1] >> 32;
		uint64_t pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		size_t i = 0, j = n - 1;
		for (;;) {
			while ((v[i] >> 32) < pivot)
				i++;
			while ((v[j] >> 32) > pivot)
				j--;
			if (i >= j)
				break;
			uint64_t t = v[i];
			v[i++] = v[j];
			v[j--] = t;
		}
		/* recurse on the smaller side, loop on the larger */
		if (j + 1 < n - j - 1) {
			sort_packed(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_packed(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;
		while (j > 0 && (v[j - 1] >> 32) > (x >> 32)) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

void idn_bag_finish(idn_bag *b)
{
	uint64_t *t;
	size_t o = 0;

	if (b->n < 2)
		return;
	t = bs_xmalloc(b->n * sizeof *t);
	for (size_t i = 0; i < b->n; i++)
		t[i] = pack(b->id[i], b->cnt[i]);
	sort_packed(t, b->n);
	for (size_t i = 0; i < b->n; i++) {
		int32_t id = (int32_t)(t[i] >> 32), cnt = (int32_t)(uint32_t)t[i];
		if (o && b->id[o - 1] == id) {
			b->cnt[o - 1] += cnt;
			continue;
		}
		b->id[o] = id;
		b->cnt[o++] = cnt;
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
