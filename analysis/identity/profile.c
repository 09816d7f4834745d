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

int32_t idn_bag_top(const idn_bag *b)
{
	int32_t best = -1, bc = 0;

	for (size_t i = 0; i < b->n; i++) {
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
	idn_bag_release(&p->venue);
	idn_bag_release(&p->term);
	idn_bag_release(&p->inst);
	memset(p, 0, sizeof *p);
}

/* ---- maps ---- */

void idn_imap_release(idn_imap *m)
{
	if (!m)
		return;
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static uint32_t imap_hash(int32_t id, uint32_t cap)
{
	return ((uint32_t)id * 0x9E3779B1u) & (cap - 1);
}

static int32_t *imap_find(int32_t *slot, uint32_t cap, int32_t id)
{
	uint32_t i = imap_hash(id, cap);

	while (slot[2 * i] && slot[2 * i] != id + 1)
		i = (i + 1) & (cap - 1);
	return &slot[2 * i];
}

int32_t idn_imap_add(idn_imap *m, int32_t id, int32_t cnt)
{
	int32_t *s, old;

	if ((m->n + 1) * 4 > m->cap * 3) {   /* grow at 75% load */
		uint32_t cap = m->cap ? 2 * m->cap : 8;
		int32_t *slot = bs_xcalloc((size_t)cap, 2 * sizeof *slot);
		for (uint32_t i = 0; i < m->cap; i++)
			if (m->slot[2 * i]) {
				int32_t *t = imap_find(slot, cap, m->slot[2 * i] - 1);
				t[0] = m->slot[2 * i];
				t[1] = m->slot[2 * i + 1];
			}
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
	}
	s = imap_find(m->slot, m->cap, id);
	if (!s[0]) {
		s[0] = id + 1;
		m->n++;
	}
	old = s[1];
	s[1] += cnt;
	m->norm2 += (double)s[1] * s[1] - (double)old * old;
	return old;
}

int32_t idn_imap_get(const idn_imap *m, int32_t id)
{
	if (!m->n)
		return 0;
	return imap_find(m->slot, m->cap, id)[1];
}

size_t idn_bag_common_map(const idn_bag *a, const idn_imap *m)
{
	size_t c = 0;

	if (!m->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		c += imap_find(m->slot, m->cap, a->id[i])[0] != 0;
	return c;
}

double idn_bag_cosine_map(const idn_bag *a, const idn_imap *m)
{
	double dot = 0;

	if (a->norm2 <= 0 || m->norm2 <= 0)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		const int32_t *s = imap_find(m->slot, m->cap, a->id[i]);
		if (s[0])
			dot += (double)a->cnt[i] * s[1];
	}
	return dot / sqrt(a->norm2 * m->norm2);
}

/* ---- sets ---- */

void idn_iset_release(idn_iset *s)
{
	if (!s)
		return;
	free(s->slot);
	memset(s, 0, sizeof *s);
}

static int32_t *iset_find(int32_t *slot, uint32_t cap, int32_t id)
{
	uint32_t i = imap_hash(id, cap);

	while (slot[i] && slot[i] != id + 1)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

void idn_iset_put(idn_iset *s, int32_t id)
{
	int32_t *t;

	if ((s->n + 1) * 4 > s->cap * 3) {   /* grow at 75% load */
		uint32_t cap = s->cap ? 2 * s->cap : 16;
		int32_t *slot = bs_xcalloc((size_t)cap, sizeof *slot);
		for (uint32_t i = 0; i < s->cap; i++)
			if (s->slot[i])
				*iset_find(slot, cap, s->slot[i] - 1) = s->slot[i];
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	t = iset_find(s->slot, s->cap, id);
	if (!*t) {
		*t = id + 1;
		s->n++;
	}
}

size_t idn_bag_common_set(const idn_bag *a, const idn_iset *s)
{
	size_t c = 0;

	if (!s->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		c += *iset_find(s->slot, s->cap, a->id[i]) != 0;
	return c;
}
