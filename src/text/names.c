#include "text/names.h"
#include "base/utf8.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

size_t bs_name_homonym_suffix(const char *s, size_t n)
{
	size_t i = n;

	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i < 6)
		return 0;
	for (size_t k = 1; k <= 4; k++)
		if (!isdigit((unsigned char)s[i - k]))
			return 0;
	if (s[i - 5] != ' ')
		return 0;
	return n - (i - 5);
}

void bs_name_display(const char *name, size_t n, bs_strbuf *out)
{
	bs_text_nfkc(name, n, out);
	{
		size_t suf = bs_name_homonym_suffix(out->buf, out->len);
		if (suf)
			bs_strbuf_setlen(out, out->len - suf);
	}
}

/* name[0..n) without its balanced "(...)" parts into out, or 0 when it
 * has none or nothing but them (then the name is keyed whole). */
static int strip_parenthesized(const char *name, size_t n, bs_strbuf *out)
{
	size_t i = 0, kept = 0;
	int stripped = 0;

	if (!memchr(name, '(', n))
		return 0;
	bs_strbuf_reset(out);
	while (i < n) {
		const char *close;
		if (name[i] == '(' && (close = memchr(name + i, ')', n - i)) != NULL) {
			bs_strbuf_addc(out, ' ');
			i = (size_t)(close - name) + 1;
			stripped = 1;
			continue;
		}
		if (isalnum((unsigned char)name[i]) || (unsigned char)name[i] >= 0x80)
			kept++;
		bs_strbuf_addc(out, name[i++]);
	}
	return stripped && kept;
}

void bs_name_key(const char *name, size_t n, bs_strbuf *out)
{
	bs_strbuf bare = BS_STRBUF_INIT;

	if (strip_parenthesized(name, n, &bare))
		bs_text_key(bare.buf, bare.len, out);
	else
		bs_text_key(name, n, out);
	bs_strbuf_release(&bare);
}

static void add_trimmed(bs_strbuf *out, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return;
	if (out->len)
		bs_strbuf_addc(out, ' ');
	bs_strbuf_add(out, s, n);
}

void bs_name_uninvert(const char *s, size_t n, bs_strbuf *out)
{
	const char *c1 = memchr(s, ',', n), *c2;

	bs_strbuf_reset(out);
	if (!c1) {
		add_trimmed(out, s, n);
		return;
	}
	c2 = memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - s));
	if (c2) {
		/* Last, Jr, First */
		add_trimmed(out, c2 + 1, n - (size_t)(c2 + 1 - s));
		add_trimmed(out, s, (size_t)(c1 - s));
		add_trimmed(out, c1 + 1, (size_t)(c2 - c1 - 1));
	} else {
		add_trimmed(out, c1 + 1, n - (size_t)(c1 + 1 - s));
		add_trimmed(out, s, (size_t)(c1 - s));
	}
}

int bs_name_placeholder(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		return 1;
	if (n && s[n - 1] == '.')
		n--;   /* "et al." */
	return (n == 6 && !strncasecmp(s, "others", 6)) || (n == 5 && !strncasecmp(s, "et al", 5));
}

/* ---- identity blocking ---- */

#define NAME_MAX_TOKENS 16

typedef struct name_tokens {
	const char *tok[NAME_MAX_TOKENS];
	size_t len[NAME_MAX_TOKENS];
	size_t n;          /* given names: tok[0..n) */
	const char *family;
	size_t family_len;
} name_tokens;

static int is_generation_suffix(const char *t, size_t n)
{
	static const char *const sfx[] = {"jr", "sr", "ii", "iii", "iv"};
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
		if (strlen(sfx[i]) == n && !memcmp(t, sfx[i], n))
			return 1;
	return 0;
}

static int is_number(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)t[i]))
			return 0;
	return n > 0;
}

/* Split a key into given names and the family name; tokens past
 * NAME_MAX_TOKENS are left out (no real name has that many). */
static void split_key(const char *key, name_tokens *t)
{
	const char *all[NAME_MAX_TOKENS + 1];
	size_t len[NAME_MAX_TOKENS + 1], n = 0;
	const char *p = key;

	while (*p && n < NAME_MAX_TOKENS + 1) {
		const char *q;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		q = p;
		while (*q && *q != ' ')
			q++;
		all[n] = p;
		len[n++] = (size_t)(q - p);
		p = q;
	}
	/* the DBLP number and a generational suffix follow the family name */
	while (n > 1 && (is_number(all[n - 1], len[n - 1]) || is_generation_suffix(all[n - 1], len[n - 1])))
		n--;
	t->n = 0;
	t->family = n ? all[n - 1] : "";
	t->family_len = n ? len[n - 1] : 0;
	for (size_t i = 0; i + 1 < n && i < NAME_MAX_TOKENS; i++) {
		t->tok[t->n] = all[i];
		t->len[t->n++] = len[i];
	}
}

void bs_name_block(const char *key, bs_strbuf *out)
{
	name_tokens t;

	bs_strbuf_reset(out);
	split_key(key, &t);
	bs_strbuf_add(out, t.family, t.family_len);
	if (t.n) {
		bs_strbuf_addc(out, ' ');
		/* the first byte: keys are ASCII-folded, and a multibyte first
		 * letter still groups by its lead byte, a superset of the block */
		bs_strbuf_addc(out, t.tok[0][0]);
	}
}

/* one token of a against one of b: equal, or one is the initial of the other */
static int token_match(const char *a, size_t na, const char *b, size_t nb)
{
	if (na == nb && !memcmp(a, b, na))
		return 1;
	return (na == 1 || nb == 1) && a[0] == b[0];
}

/* 1 when the given names of the shorter list (s) align in order with those
 * of the longer (l), s[0] with l[0] */
static int given_align(const name_tokens *s, const name_tokens *l)
{
	size_t j = 1;

	if (!token_match(s->tok[0], s->len[0], l->tok[0], l->len[0]))
		return 0;
	for (size_t i = 1; i < s->n; i++) {
		while (j < l->n && !token_match(s->tok[i], s->len[i], l->tok[j], l->len[j]))
			j++;
		if (j == l->n)
			return 0;
		j++;
	}
	return 1;
}

/* the given names joined without spaces equal ("xiao ming" ~ "xiaoming") */
static int given_joined_equal(const name_tokens *a, const name_tokens *b)
{
	size_t i = 0, j = 0, oi = 0, oj = 0;

	while (i < a->n && j < b->n) {
		if (a->tok[i][oi] != b->tok[j][oj])
			return 0;
		if (++oi == a->len[i]) {
			i++;
			oi = 0;
		}
		if (++oj == b->len[j]) {
			j++;
			oj = 0;
		}
	}
	return i == a->n && j == b->n;
}

/* 1 when a or b spells out no given name, or they spell out one alike */
static int share_full_given(const name_tokens *a, const name_tokens *b)
{
	int fa = 0, fb = 0;

	for (size_t i = 0; i < a->n; i++)
		fa |= a->len[i] > 1;
	for (size_t j = 0; j < b->n; j++)
		fb |= b->len[j] > 1;
	if (!fa || !fb)
		return 1;
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->len[i] > 1 && a->len[i] == b->len[j] && !memcmp(a->tok[i], b->tok[j], a->len[i]))
				return 1;
	return 0;
}

size_t bs_name_first_given(const char *key, const char **tok)
{
	name_tokens t;

	split_key(key, &t);
	*tok = t.n ? t.tok[0] : key;
	return t.n ? t.len[0] : 0;
}

int bs_name_compatible(const char *a, const char *b)
{
	name_tokens ta, tb;

	split_key(a, &ta);
	split_key(b, &tb);
	if (ta.family_len != tb.family_len || memcmp(ta.family, tb.family, ta.family_len))
		return 0;
	if (!ta.n || !tb.n)
		return 1;   /* a family name alone says nothing against */
	if (given_joined_equal(&ta, &tb))
		return 1;
	/* both spell out given names: one of them must be the same ("Y.
	 * Jennifer Sun" is not "Yizhou Sun", though Y matches Yizhou) */
	if (!share_full_given(&ta, &tb))
		return 0;
	return ta.n <= tb.n ? given_align(&ta, &tb) : given_align(&tb, &ta);
}
