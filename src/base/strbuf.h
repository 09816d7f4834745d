/* strbuf.h - the one growable string type.
 *
 * A bs_strbuf owns its buffer; buf is never NULL and always NUL-terminated
 * (it may also contain NUL bytes before len when it holds raw input).  An
 * empty value (BS_STRBUF_INIT, bs_strbuf_init) points buf at the shared
 * one-byte "" bs_strbuf_slopbuf and has cap == 0: it owns nothing, and the
 * first growth allocates a fresh buffer, so the slopbuf is never written
 * nor freed.  bs_strbuf_release() frees the buffer and leaves an empty,
 * reusable value (safe to call twice).  A zero-initialised value (buf NULL)
 * still works with every function here, but its buf must not be read
 * directly: create strbufs with BS_STRBUF_INIT or bs_strbuf_init.
 * Growth is amortised O(1) per byte; allocation failure goes to the OOM
 * handler (error.h).
 */
#ifndef BS_STRBUF_H
#define BS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct bs_strbuf {
	char *buf;     /* NUL-terminated; bs_strbuf_slopbuf while cap == 0 */
	size_t len;
	size_t cap;
} bs_strbuf;

/* The "" every empty strbuf points at; never written. */
extern char bs_strbuf_slopbuf[1];

#define BS_STRBUF_INIT { bs_strbuf_slopbuf, 0, 0 }

void bs_strbuf_init(bs_strbuf *sb);
void bs_strbuf_release(bs_strbuf *sb);
/* Make room for extra more bytes plus the terminator. */
void bs_strbuf_grow(bs_strbuf *sb, size_t extra);
void bs_strbuf_setlen(bs_strbuf *sb, size_t len);   /* len <= current len */

/* The appends below are inline: parsers call them per byte. */
static inline void bs_strbuf_reset(bs_strbuf *sb)   /* len = 0, keeps memory */
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

/* Exchange the contents (and ownership) of a and b. */
static inline void bs_strbuf_swap(bs_strbuf *a, bs_strbuf *b)
{
	bs_strbuf t = *a;
	*a = *b;
	*b = t;
}

static inline void bs_strbuf_add(bs_strbuf *sb, const void *data, size_t n)
{
	if (!n)
		return;
	if (sb->len + n + 1 > sb->cap)
		bs_strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

static inline void bs_strbuf_adds(bs_strbuf *sb, const char *s)
{
	bs_strbuf_add(sb, s, strlen(s));
}

static inline void bs_strbuf_addc(bs_strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		bs_strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}
void bs_strbuf_addf(bs_strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void bs_strbuf_vaddf(bs_strbuf *sb, const char *fmt, va_list ap);
/* Hand the buffer to the caller (free() it; a fresh "" when sb was empty,
 * never the slopbuf); sb becomes empty. */
char *bs_strbuf_detach(bs_strbuf *sb, size_t *len);
/* Remove leading/trailing ASCII white space. */
void bs_strbuf_trim(bs_strbuf *sb);
/* C string: never NULL (also for a zero-initialised value). */
static inline const char *bs_strbuf_str(const bs_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

#endif
