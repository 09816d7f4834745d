/* input.h - byte source for readers: a plain or gzip-compressed file (zlib
 * detects which), or a memory block (tests, fuzzers).
 *
 * The input hashes every decompressed byte it hands out (SHA-256), counts
 * lines, skips a leading UTF-8 byte-order mark and treats LF, CRLF and a lone
 * CR alike as a line break.  Lines longer than BS_INPUT_MAX_LINE are cut at
 * that length (the rest is dropped) and flagged, so one huge line costs
 * bounded memory.  Memory: one 256 KiB buffer plus the longest line.
 */
#ifndef BS_INPUT_H
#define BS_INPUT_H

#include "error.h"
#include "strbuf.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define BS_INPUT_MAX_LINE ((size_t)64 << 20)
#define BS_INPUT_PEEK 65536

typedef struct bs_input bs_input;

/* Open path.  Errors: BS_ERR_IO (missing, unreadable, a directory). */
int bs_input_open(bs_input **out, const char *path, bs_error *err);
/* Read from data[0..n) (not copied: it must outlive the input); name is
 * used in messages. */
int bs_input_open_mem(bs_input **out, const char *name, const void *data, size_t n,
		      bs_error *err);
/* Close and free; NULL is fine. */
void bs_input_close(bs_input *in);

const char *bs_input_name(const bs_input *in);
int bs_input_is_gzip(const bs_input *in);
/* Compressed size on disk (plain: same as content); 0 for memory inputs. */
uint64_t bs_input_file_size(const bs_input *in);

/* The first up to BS_INPUT_PEEK bytes of content (after a BOM), without
 * consuming them; *n == 0 means the input is empty.  Only valid before
 * the first getline/read. */
int bs_input_peek(bs_input *in, const char **data, size_t *n, bs_error *err);

/* Next line without its terminator into line (reset first; may contain NUL
 * bytes).  Returns 1 for a line, 0 at end of input, -1 on a read error
 * (err filled).  *cut is set to 1 when the line was longer than
 * BS_INPUT_MAX_LINE and was truncated (cut may be NULL). */
int bs_input_getline(bs_input *in, bs_strbuf *line, int *cut, bs_error *err);
/* Line number of the line last returned (1-based). */
long bs_input_lineno(const bs_input *in);

/* Raw block read: up to n bytes into buf; returns bytes read, 0 at end,
 * -1 on error.  Do not mix with getline. */
ssize_t bs_input_read(bs_input *in, void *buf, size_t n, bs_error *err);

/* Decompressed bytes handed out so far (BOM included). */
uint64_t bs_input_offset(const bs_input *in);

/* Stop hashing: for a pass that never asks for the SHA-256 (a first pass
 * over a file).  bs_input_sha256 then fails with BS_ERR_USAGE. */
void bs_input_no_digest(bs_input *in);

/* Hex SHA-256 of all content bytes; reads the rest of the input first so the
 * hash always covers the whole file. */
int bs_input_sha256(bs_input *in, char hex[65], bs_error *err);

#endif
