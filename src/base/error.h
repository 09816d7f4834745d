/* error.h - error codes and the error context every library call fills.
 *
 * Library functions return 0 (BS_OK) or one of the BS_ERR_* codes and, on
 * failure, describe what went wrong in a caller-owned bs_error.  Only the CLI
 * layer (main.c, cmd_*.c) prints messages or exits.
 *
 * Warnings that do not stop a job (a repaired byte, a missing field) go to a
 * bs_diag sink, which the caller provides; the library never writes to stderr.
 */
#ifndef BS_ERROR_H
#define BS_ERROR_H

#include <stddef.h>
#include <stdlib.h>

enum {
	BS_OK = 0,
	BS_ERR_IO,        /* file could not be opened, read or written      */
	BS_ERR_FORMAT,    /* input is not in the expected or any known format */
	BS_ERR_NOMEM,     /* allocation failed                              */
	BS_ERR_DB,        /* SQLite reported an error                       */
	BS_ERR_USAGE,     /* bad argument from the caller                   */
	BS_ERR_NOTFOUND,  /* a named thing (author, term, file) is absent   */
	BS_ERR_LIMIT,     /* an input exceeded a documented resource bound  */
	BS_ERR_EMPTY,     /* nothing to work on (empty input or database)   */
	BS_ERR_EXTERNAL,  /* an external program (gnuplot) failed           */
};

typedef struct bs_error {
	int code;          /* BS_OK when nothing failed */
	char msg[1024];    /* human-readable, names file:line where known */
} bs_error;

/* Reset to BS_OK with an empty message. */
void bs_error_clear(bs_error *e);

/* Set code and a printf-style message; returns code so callers can write
 * `return bs_error_set(err, BS_ERR_IO, "%s: %s", path, strerror(errno));`.
 * e may be NULL (the message is dropped). */
int bs_error_set(bs_error *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Short English name of a code ("I/O error", ...). Never NULL. */
const char *bs_error_name(int code);

/* Warning sink.  file may be NULL, line 0 when unknown. */
typedef struct bs_diag {
	void (*warn)(void *ud, const char *file, long line, const char *msg);
	void *ud;
	long count;        /* warnings emitted through bs_diag_warn */
} bs_diag;

/* Emit a formatted warning through d (NULL d: counted nowhere, dropped). */
void bs_diag_warn(bs_diag *d, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Allocation helpers: on failure they call the out-of-memory handler, which
 * by default aborts; the CLI installs one that prints and exits 1.  Memory
 * exhaustion is the one condition the library does not report as a code. */
void *bs_xmalloc(size_t n);
void *bs_xcalloc(size_t n, size_t size);
void *bs_xrealloc(void *p, size_t n);
char *bs_xstrdup(const char *s);
char *bs_xstrndup(const char *s, size_t n);
void bs_set_oom_handler(void (*fn)(size_t n));

#endif
