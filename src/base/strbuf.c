#include "base/strbuf.h"
#include "base/error.h"

#include <stdio.h>
#include <string.h>

/* cap == 0 marks a buffer that is not ours: grow allocates instead of
 * reallocating, release does not free, and nothing writes through it (the
 * inline appends grow first, reset and setlen check cap). */
char bs_strbuf_slopbuf[1];

void bs_strbuf_init(bs_strbuf *sb)
{
	sb->buf = bs_strbuf_slopbuf;
	sb->len = 0;
	sb->cap = 0;
}

void bs_strbuf_release(bs_strbuf *sb)
{
	if (sb->cap)
		free(sb->buf);
	bs_strbuf_init(sb);
}

void bs_strbuf_grow(bs_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap;

	if (need <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap + cap / 2 + 64;
	if (sb->cap) {
		sb->buf = bs_xrealloc(sb->buf, cap);
	} else {
		sb->buf = bs_xmalloc(cap);
		sb->buf[0] = '\0';
	}
	sb->cap = cap;
}

void bs_strbuf_setlen(bs_strbuf *sb, size_t len)
{
	if (len > sb->len)
		len = sb->len;
	sb->len = len;
	if (sb->cap)
		sb->buf[len] = '\0';
}

void bs_strbuf_vaddf(bs_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	bs_strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void bs_strbuf_addf(bs_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bs_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

char *bs_strbuf_detach(bs_strbuf *sb, size_t *len)
{
	char *p;

	if (!sb->cap)
		bs_strbuf_grow(sb, 0);
	p = sb->buf;
	if (len)
		*len = sb->len;
	bs_strbuf_init(sb);
	return p;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void bs_strbuf_trim(bs_strbuf *sb)
{
	size_t b = 0, e = sb->len;

	while (e > 0 && is_space(sb->buf[e - 1]))
		e--;
	while (b < e && is_space(sb->buf[b]))
		b++;
	if (b)
		memmove(sb->buf, sb->buf + b, e - b);
	bs_strbuf_setlen(sb, e - b);
}
