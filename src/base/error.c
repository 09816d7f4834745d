#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void bs_error_clear(bs_error *e)
{
	if (!e)
		return;
	e->code = BS_OK;
	e->msg[0] = '\0';
}

int bs_error_set(bs_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

const char *bs_error_name(int code)
{
	switch (code) {
	case BS_OK: return "ok";
	case BS_ERR_IO: return "I/O error";
	case BS_ERR_FORMAT: return "format error";
	case BS_ERR_NOMEM: return "out of memory";
	case BS_ERR_DB: return "database error";
	case BS_ERR_USAGE: return "usage error";
	case BS_ERR_NOTFOUND: return "not found";
	case BS_ERR_LIMIT: return "limit exceeded";
	case BS_ERR_EMPTY: return "empty";
	case BS_ERR_EXTERNAL: return "external program failed";
	}
	return "unknown error";
}

void bs_diag_warn(bs_diag *d, const char *file, long line, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	if (!d)
		return;
	d->count++;
	if (!d->warn)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	d->warn(d->ud, file, line, buf);
}

static void default_oom(size_t n)
{
	(void)n;
	abort();
}

static void (*oom_handler)(size_t) = default_oom;

void bs_set_oom_handler(void (*fn)(size_t n))
{
	oom_handler = fn ? fn : default_oom;
}

static void *oom(size_t n)
{
	oom_handler(n);
	abort(); /* a handler must not return */
}

void *bs_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

/* Large blocks are zeroed by writing: calloc hands back fresh pages
 * untouched, the first read of each maps the kernel's shared zero page,
 * and the first write after it is a second fault that copies the page and
 * flushes the TLB of every core the process runs on (an IPI).  Counters
 * and hash tables are read before they are written, so at 1M papers those
 * shootdowns cost about 4 s of CPU; one write fault a page costs none.
 * GCC folds malloc + memset(0) back into calloc (-O2, tree-ssa-strlen), so
 * the pointer goes through an empty asm first: the compiler can no longer
 * tell that it came from malloc.  test_strbuf checks, with mincore(), that
 * a fresh large block is resident on return. */
#define CALLOC_WRITE_MIN ((size_t)1 << 18)

void *bs_xcalloc(size_t n, size_t size)
{
	void *p;

	if (!n)
		n = 1;
	if (!size)
		size = 1;
	if (n > SIZE_MAX / size)
		return oom(SIZE_MAX);
	if (n * size < CALLOC_WRITE_MIN)
		p = calloc(n, size);
	else if ((p = malloc(n * size)) != NULL) {
		__asm__ __volatile__("" : "+r"(p));
		memset(p, 0, n * size);
	}
	return p ? p : oom(n * size);
}

void *bs_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *bs_xstrdup(const char *s)
{
	return bs_xstrndup(s, strlen(s));
}

char *bs_xstrndup(const char *s, size_t n)
{
	char *p = bs_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
