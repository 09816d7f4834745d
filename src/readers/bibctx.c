#include "readers/bibctx.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

static const char *const months[] = {"jan", "January", "feb", "February", "mar", "March",
	"apr", "April", "may", "May", "jun", "June", "jul", "July", "aug", "August",
	"sep", "September", "oct", "October", "nov", "November", "dec", "December", NULL};

bs_bibctx *bs_bibctx_new(void)
{
	bs_bibctx *c = bs_xcalloc(1, sizeof *c);

	bs_hashmap_init(&c->macros);
	bs_hashmap_init(&c->entries);
	bs_hashmap_init(&c->venues);
	bs_arena_init(&c->arena);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	for (size_t i = 0; months[i]; i += 2)
		bs_bibctx_define(c, months[i], 3, months[i + 1], strlen(months[i + 1]));
	return c;
}

void bs_bibctx_free(bs_bibctx *c)
{
	if (!c)
		return;
	bs_hashmap_release(&c->macros);
	bs_hashmap_release(&c->entries);
	bs_hashmap_release(&c->venues);
	bs_arena_release(&c->arena);
	free(c->vals);
	free(c->lens);
	free(c->xref);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	free(c);
}

void bs_bibctx_set_filling(bs_bibctx *c)
{
	pthread_mutex_lock(&c->mu);
	c->filling = 1;
	pthread_mutex_unlock(&c->mu);
}

void bs_bibctx_filled(bs_bibctx *c)
{
	pthread_mutex_lock(&c->mu);
	c->filling = 0;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

void bs_bibctx_wait(bs_bibctx *c)
{
	pthread_mutex_lock(&c->mu);
	while (c->filling)
		pthread_cond_wait(&c->cv, &c->mu);
	pthread_mutex_unlock(&c->mu);
}

void bs_bibctx_stop(bs_bibctx *c)
{
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
}

int bs_bibctx_stopped(bs_bibctx *c)
{
	return __atomic_load_n(&c->stop, __ATOMIC_RELAXED);
}

static char *lower(bs_bibctx *c, const char *s, size_t n)
{
	char *k = bs_arena_strndup(&c->arena, s, n);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

#define KEY_MAX 512   /* longest key (exclusive) that entries and lookups keep */
#define MACRO_NAME_MAX 256   /* longest macro name (exclusive) */

/* s[0..n) lower-cased into buf (KEY_MAX bytes); 0 when n >= max (<= KEY_MAX) */
static int lower_key(char *buf, const char *s, size_t n, size_t max)
{
	if (n >= max || n >= KEY_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	return 1;
}

/* m's value for s[0..n) lower-cased; NULL when absent or n >= max */
static int64_t *get_lower(bs_hashmap *m, const char *s, size_t n, size_t max)
{
	char buf[KEY_MAX];

	return lower_key(buf, s, n, max) ? bs_hashmap_get(m, buf, n) : NULL;
}

void bs_bibctx_define(bs_bibctx *c, const char *name, size_t n, const char *value, size_t vlen)
{
	int64_t *v;
	char *val;

	if (n >= MACRO_NAME_MAX)
		return;   /* bs_bibctx_macro could never find it */
	v = get_lower(&c->macros, name, n, MACRO_NAME_MAX);
	if (v && c->lens[*v] == vlen && !memcmp(c->vals[*v], value, vlen))
		return;   /* the same again: no second copy */
	val = bs_arena_strndup(&c->arena, value, vlen);
	if (v) {
		c->vals[*v] = val;
		c->lens[*v] = vlen;
		return;
	}
	if (c->nvals == c->capvals) {
		c->capvals = c->capvals ? 2 * c->capvals : 256;
		c->vals = bs_xrealloc(c->vals, c->capvals * sizeof *c->vals);
		c->lens = bs_xrealloc(c->lens, c->capvals * sizeof *c->lens);
	}
	c->vals[c->nvals] = val;
	c->lens[c->nvals] = vlen;
	bs_hashmap_put(&c->macros, lower(c, name, n), n, (int64_t)c->nvals++);
}

const char *bs_bibctx_macro(bs_bibctx *c, const char *name, size_t n, size_t *len)
{
	int64_t *v = get_lower(&c->macros, name, n, MACRO_NAME_MAX);

	if (len)
		*len = v ? c->lens[*v] : 0;
	return v ? c->vals[*v] : NULL;
}

uint64_t bs_bibctx_expand_room(const bs_bibctx *c, int pass, uint64_t reading)
{
	uint64_t allowed = BS_BIBCTX_EXPAND_SLACK + BS_BIBCTX_EXPAND_RATIO * (c->bytes_read[pass] + reading);

	return allowed > c->expanded[pass] ? allowed - c->expanded[pass] : 0;
}

void bs_bibctx_expanded(bs_bibctx *c, int pass, uint64_t n)
{
	c->expanded[pass] += n;
}

void bs_bibctx_file_read(bs_bibctx *c, int pass, uint64_t n)
{
	c->bytes_read[pass] += n;
}

/* The context's one copy of venue (many entries share one) */
static const char *intern_venue(bs_bibctx *c, const char *venue)
{
	size_t n = strlen(venue);
	int64_t *v = bs_hashmap_get(&c->venues, venue, n);
	char *copy;

	if (v)
		return (const char *)(intptr_t)*v;
	copy = bs_arena_strndup(&c->arena, venue, n);
	bs_hashmap_put(&c->venues, venue, n, (int64_t)(intptr_t)copy);
	return copy;
}

void bs_bibctx_entry(bs_bibctx *c, const char *key, size_t n, int year, const char *venue)
{
	char k[KEY_MAX];

	if (!lower_key(k, key, n, KEY_MAX))
		return;   /* bs_bibctx_lookup would not find it either */
	if (bs_hashmap_get(&c->entries, k, n))
		return;
	if (c->nxref == c->capxref) {
		c->capxref = c->capxref ? 2 * c->capxref : 1024;
		c->xref = bs_xrealloc(c->xref, c->capxref * sizeof *c->xref);
	}
	c->xref[c->nxref].year = year;
	c->xref[c->nxref].venue = venue && *venue ? intern_venue(c, venue) : NULL;
	bs_hashmap_put(&c->entries, k, n, (int64_t)c->nxref++);
}

const struct bs_bibref *bs_bibctx_lookup(bs_bibctx *c, const char *key, size_t n)
{
	int64_t *v = get_lower(&c->entries, key, n, KEY_MAX);

	return v ? &c->xref[*v] : NULL;
}
