/* input.h - byte source for readers: a plain or gzip-compressed file (zlib
 * detects which), a stream (named pipe, /dev/stdin, "-"), or a memory block
 * (tests, fuzzers).
 *
 * The input hashes every decompressed byte it reads (SHA-256), counts
 * lines, skips a leading UTF-8 byte-order mark and treats LF, CRLF and a lone
 * CR alike as a line break.  Lines longer than BS_INPUT_MAX_LINE are cut at
 * that length (the rest is dropped) and flagged, so one huge line costs
 * bounded memory.  Memory: one 256 KiB buffer plus the longest line.
 *
 * Encodings: UTF-16 (LE or BE, with a byte-order mark, or without one when
 * the text starts in the ASCII range) is decoded to UTF-8 as it is read,
 * before the format is sniffed; an unpaired surrogate or an odd last byte
 * becomes U+FFFD.  What getline and read hand out is valid UTF-8 (unless
 * bs_input_set_text(in, 0)): a NUL byte becomes U+FFFD; a byte that is not
 * UTF-8 becomes U+FFFD, or its Windows-1252 character in a file with no
 * UTF-8 text before its first such byte (see text_fix in input.c).  Each
 * repair is a warning naming file:line through the diag set with
 * bs_input_set_diag (none without one).  bs_input_peek shows the bytes
 * before that repair (after UTF-16 decoding).
 *
 * Streams cannot be rewound and the ingest opens a file more than once, so
 * the first open of a stream copies it whole into an unlinked temporary
 * file ($TMPDIR, else /tmp; at most BS_INPUT_MAX_SPOOL bytes) that every
 * later open in the process reads.  Opening a named pipe waits for a writer,
 * as reading a pipe does; the wait hook is told after a second.
 */
#ifndef BS_INPUT_H
#define BS_INPUT_H

#include "base/error.h"
#include "base/strbuf.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define BS_INPUT_MAX_LINE ((size_t)64 << 20)
#define BS_INPUT_PEEK 65536
#define BS_INPUT_MAX_SPOOL ((uint64_t)16 << 30)

typedef struct bs_input bs_input;

/* Open path ("-": standard input).  Errors: BS_ERR_IO (missing,
 * unreadable, a directory, a socket, a device other than a terminal),
 * BS_ERR_LIMIT (a stream longer than BS_INPUT_MAX_SPOOL). */
int bs_input_open(bs_input **out, const char *path, bs_error *err);
/* Read from data[0..n) (not copied: it must outlive the input); name is
 * used in messages. */
int bs_input_open_mem(bs_input **out, const char *name, const void *data, size_t n,
		      bs_error *err);
/* Close and free; NULL is fine. */
void bs_input_close(bs_input *in);

/* Called (from the thread opening it) when a stream has given no data
 * for a second: a named pipe without a writer yet, a terminal.  Process-wide;
 * fn NULL: nobody is told. */
typedef void bs_input_wait_fn(void *ud, const char *name);
void bs_input_set_wait_hook(bs_input_wait_fn *fn, void *ud);

/* Where repair warnings go: *diagp at the time of each warning (a reader
 * passes &r->diag, which its prefetch thread swaps for one that keeps
 * warnings in order with the records); diagp or *diagp NULL: nowhere. */
void bs_input_set_diag(bs_input *in, bs_diag *const *diagp);
/* on 0: hand bytes out unrepaired (a format that decodes its own declared
 * encoding, XML); UTF-16 is still decoded.  Call before the first read. */
void bs_input_set_text(bs_input *in, int on);

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

/* Bytes handed out so far (after decompression and UTF-16 decoding, before
 * repair; a UTF-8 BOM included). */
uint64_t bs_input_offset(const bs_input *in);

/* Bytes of the file read so far: the compressed bytes zlib has consumed
 * for a gzip file (gzoffset, taken after each block read), so that it
 * measures progress against the size on disk; for a plain file the bytes
 * read (read-ahead and UTF-16 before decoding included). */
uint64_t bs_input_file_offset(const bs_input *in);

/* Stop hashing: for a pass that never asks for the SHA-256 (a first pass
 * over a file).  bs_input_sha256 then fails with BS_ERR_USAGE. */
void bs_input_no_digest(bs_input *in);

/* Hex SHA-256 of all content bytes (decompressed, not decoded); reads the rest of the input first so the
 * hash always covers the whole file. */
int bs_input_sha256(bs_input *in, char hex[65], bs_error *err);

#endif
