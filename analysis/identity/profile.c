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

static void set_norm(idn_bag *b)
{
	double n = 0;
	for (size_t k = 0; k < b->n; k++)
		n += (double)b->cnt[k] * b->cnt[k];
	b->norm2 = n;
}

void idn_bag_finish(idn_bag *b)
{
	uint64_t *t;
	size_t o = 0;

	if (b->n < 2) {
		set_norm(b);
		return;
	}
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
	set_norm(b);
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
	set_norm(dst);
}

/* The first index >= from of b's ids not below id (b sorted), by
 * galloping: a small group against a large person costs O(small log large). */
static size_t gallop(const idn_bag *b, size_t from, int32_t id)
{
	size_t step = 1, lo = from, hi;

	while (lo + step < b->n && b->id[lo + step] < id) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < b->n ? lo + step : b->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (b->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Sum over ids in both of f(count in a, count in b): a merge walk, or
 * galloping through the larger bag when the other is much smaller. */
static double intersect(const idn_bag *a, const idn_bag *b, int dot, size_t *common)
{
	double sum = 0;
	size_t c = 0;

	if (a->n > b->n) {
		const idn_bag *t = a;
		a = b;
		b = t;
	}
	if (a->n * 16 < b->n) {
		size_t j = 0;
		for (size_t i = 0; i < a->n && j < b->n; i++) {
			j = gallop(b, j, a->id[i]);
			if (j < b->n && b->id[j] == a->id[i]) {
				c++;
				if (dot)
					sum += (double)a->cnt[i] * b->cnt[j];
			}
		}
	} else {
		size_t i = 0, j = 0;
		while (i < a->n && j < b->n) {
			if (a->id[i] < b->id[j])
				i++;
			else if (b->id[j] < a->id[i])
				j++;
			else {
				c++;
				if (dot)
					sum += (double)a->cnt[i] * b->cnt[j];
				i++;
				j++;
			}
		}
	}
	*common = c;
	return sum;
}

size_t idn_bag_common(const idn_bag *a, const idn_bag *b)
{
	size_t c;

	(void)intersect(a, b, 0, &c);
	return c;
}

double idn_bag_cosine(const idn_bag *a, const idn_bag *b)
{
	size_t c;
	double dot;

	if (a->norm2 <= 0 || b->norm2 <= 0)
		return 0;
	dot = intersect(a, b, 1, &c);
	return dot / sqrt(a->norm2 * b->norm2);
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
