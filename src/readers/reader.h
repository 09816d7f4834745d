/* reader.h - the one interface every input format implements.
 *
 *   bs_reader *r;
 *   if (bs_reader_open(&r, path, NULL, &diag, &err)) ...   // sniffs the format
 *   while ((rc = bs_reader_next(r, &rec, &err)) == 1) ...  // rec valid until next call
 *   bs_reader_close(r);
 *
 * A format module provides a bs_reader_ops table: sniff() scores the first
 * bytes of a file (0 = not this format, 100 = certain), open() sets up its
 * state, next() yields one record at a time from the bs_input (streaming:
 * memory is bounded by the largest record), close() frees the state.
 * Recoverable problems (a missing field, a repaired byte, unparseable text
 * that is skipped) are warnings through the bs_diag with file:line and do not
 * stop the reader; skipped chunks are counted in r->skipped.
 */
#ifndef BS_READER_H
#define BS_READER_H

#include "base/arena.h"
#include "base/error.h"
#include "readers/input.h"
#include "readers/record.h"

typedef struct bs_reader bs_reader;

typedef struct bs_reader_ops {
	const char *name;                 /* "paperlist", "bibtex", ... */
	const char *description;
	int (*sniff)(const char *data, size_t n, const char *path);
	int (*open)(bs_reader *r, bs_error *err);
	/* 1: *rec filled; 0: end of input; -1: fatal error (err filled) */
	int (*next)(bs_reader *r, bs_record *rec, bs_error *err);
	void (*close)(bs_reader *r);
} bs_reader_ops;

struct bs_reader {
	const bs_reader_ops *ops;
	bs_input *in;          /* owned */
	bs_arena arena;        /* reset before every record */
	bs_diag *diag;         /* borrowed, may be NULL */
	bs_record rec;
	void *state;           /* format-private */
	long records;          /* records yielded */
	long skipped;          /* chunks of unreadable text skipped */
	void *shared;          /* run-wide context (BibTeX: bs_bibctx), borrowed */
};

/* Registered formats, NULL-terminated. */
extern const bs_reader_ops *const bs_reader_formats[];

/* Look a format up by name; NULL when unknown. */
const bs_reader_ops *bs_reader_find(const char *name);

/* Open path (plain or .gz) and pick its format: format names one
 * explicitly, NULL sniffs the content.  Errors: BS_ERR_IO (cannot open or
 * read), BS_ERR_EMPTY (no content), BS_ERR_FORMAT (no format recognises
 * it, or the file looks binary), BS_ERR_USAGE (unknown format name). */
int bs_reader_open(bs_reader **out, const char *path, const char *format,
		   bs_diag *diag, bs_error *err);
/* bs_reader_open with a run-wide context for formats that share state
 * across files (BibTeX macros and crossref); shared may be NULL. */
int bs_reader_open_shared(bs_reader **out, const char *path, const char *format,
			  bs_diag *diag, void *shared, bs_error *err);
/* Same over a memory block (tests and fuzzers). */
int bs_reader_open_mem(bs_reader **out, const char *name, const void *data, size_t n,
		       const char *format, bs_diag *diag, bs_error *err);
int bs_reader_open_mem_shared(bs_reader **out, const char *name, const void *data, size_t n,
			      const char *format, bs_diag *diag, void *shared, bs_error *err);

/* Next record: 1 with *rec set, 0 at end, -1 on a fatal error. */
int bs_reader_next(bs_reader *r, bs_record **rec, bs_error *err);

/* Free everything; NULL is fine. */
void bs_reader_close(bs_reader *r);

/* Helpers for format modules: build a record in the reader's arena.
 * Text is repaired (invalid UTF-8 -> U+FFFD), markup stripped, entities
 * decoded and white space collapsed; names go to display form. */
typedef struct bs_recbuild {
	bs_reader *r;
	bs_record *rec;
	const char **authors;
	size_t n, cap;
	bs_strbuf tmp, tmp2;
	/* the rich lists, grown in the arena (see record.h) */
	struct bs_recbuild_list { const char **v; size_t n, cap; } kw, ikw, refs;
	bs_rec_id *ids;
	size_t nids, capids;
	bs_rec_affil *affils;
	size_t naffils, capaffils;
} bs_recbuild;

void bs_recbuild_init(bs_recbuild *b, bs_reader *r, bs_record *rec);
/* Add an author; inverted: "Last, First" form.  LaTeX left in the name is
 * decoded (latex.h, bs_latex_decode_name); empty names and placeholders
 * ("[Anonymous]", "et al.": bs_name_placeholder) are skipped.  Returns the
 * name's index in rec->authors (for bs_recbuild_id and _affil), -1 when
 * skipped. */
int bs_recbuild_author(bs_recbuild *b, const char *s, size_t n, int inverted);
/* Cleaned copy of s[0..n) (one line unless multiline) into the arena; s
 * must not point into b's scratch buffers. */
const char *bs_recbuild_text(bs_recbuild *b, const char *s, size_t n, int multiline);
/* Year from the first 4-digit number in s (1500..2200), or 0. */
int bs_recbuild_year(const char *s);
/* The rich fields (record.h).  Each value is cleaned to one line
 * (bs_recbuild_text); empty values are skipped.  keyword(): indexed 0 an
 * author keyword, 1 an indexed one (Keywords Plus, MeSH); a keyword
 * already in that list (same text, case aside) is not added twice.
 * keywords() splits s at every sep first.  ref(): one cited reference,
 * raw.  id(): author -1 for the paper, BS_REC_AUTHOR_UNPLACED for an
 * author the byline does not hold, else an index bs_recbuild_author
 * returned; scheme is a static BS_ID_ name.  affil(): an address, of
 * author (or -1).  All O(n) in the value, keyword() O(keywords). */
void bs_recbuild_keyword(bs_recbuild *b, int indexed, const char *s, size_t n);
void bs_recbuild_keywords(bs_recbuild *b, int indexed, const char *s, size_t n, char sep);
void bs_recbuild_ref(bs_recbuild *b, const char *s, size_t n);
void bs_recbuild_id(bs_recbuild *b, int author, const char *scheme, const char *s, size_t n);
void bs_recbuild_affil(bs_recbuild *b, int author, const char *s, size_t n);
/* A count ("12", " 12 ") as a long; -1 when s holds no plain number. */
long bs_recbuild_count(const char *s, size_t n);
/* Store the authors and rich lists in rec and release the scratch buffers. */
void bs_recbuild_finish(bs_recbuild *b);

/* Byte-at-a-time view of an input for the character-level parsers (BibTeX,
 * JSON): refilled from bs_input_read() a block at a time, so peeking costs
 * no call except at a block boundary.  Zero-initialise; owns no memory. */
typedef struct bs_bytes {
	unsigned char buf[65536];
	size_t pos, len;   /* unread bytes are buf[pos..len) */
	int eof;
} bs_bytes;

/* Refill b from in and return the next byte without consuming it (0..255),
 * -1 at end, -2 on a read error (err filled).  Called by bs_bytes_peek. */
int bs_bytes_fill(bs_bytes *b, bs_input *in, bs_error *err);

/* The next byte without consuming it, as bs_bytes_fill; consume it with
 * b->pos++ when the result is >= 0. */
static inline int bs_bytes_peek(bs_bytes *b, bs_input *in, bs_error *err)
{
	return b->pos < b->len ? b->buf[b->pos] : bs_bytes_fill(b, in, err);
}

/* 1 when data looks binary (control characters other than NUL over 5% of
 * the first block, or NUL bytes over 25%), for sniffers. */
int bs_looks_binary(const char *data, size_t n);

#endif
