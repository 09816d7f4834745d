/* utf8.h - UTF-8 repair, markup stripping and Unicode normalisation
 * (utf8proc underneath).  All functions append to a caller-owned bs_strbuf
 * and run in O(n) time.
 */
#ifndef BS_UTF8_H
#define BS_UTF8_H

#include "base/strbuf.h"

#include <stddef.h>
#include <stdint.h>

/* Append in[0..n) to out as valid UTF-8: each NUL byte and each maximal
 * invalid sequence becomes U+FFFD; other C0 controls but TAB and LF become a
 * space.  Returns the number of replacements made (0: input was clean). */
size_t bs_utf8_repair(const char *in, size_t n, bs_strbuf *out);
/* Whether bs_utf8_repair would change in[0..n).  O(n), no allocation. */
int bs_utf8_needs_repair(const char *in, size_t n);

/* Append code point cp (a valid scalar value) to out as UTF-8. */
void bs_utf8_add_cp(bs_strbuf *out, int32_t cp);

/* 1 when s[0..n) is valid UTF-8 without NUL bytes. */
int bs_utf8_valid(const char *s, size_t n);

/* Offset of the first byte of in[0..n) that is NUL or does not start a
 * valid UTF-8 sequence; n when there is none.  *multibyte is set to 1 when
 * a valid multi-byte sequence precedes that offset (else left alone).  When
 * final is 0, a sequence cut by the end of in that more bytes could complete
 * stops the scan too, with *partial set to 1 (else *partial is 0). */
size_t bs_utf8_check(const char *in, size_t n, int final, int *multibyte, int *partial);

/* Append in[0..n) to out as valid UTF-8, other bytes unchanged (control
 * characters included): a NUL becomes U+FFFD; an invalid sequence becomes
 * one U+FFFD, or, when cp1252 is set, each of its bytes becomes its
 * Windows-1252 character (U+FFFD for the five bytes that code page leaves
 * undefined).  Adds the U+FFFD count to *replaced and the number of bytes
 * read as Windows-1252 to *decoded. */
void bs_utf8_fix(const char *in, size_t n, int cp1252, bs_strbuf *out,
		 size_t *replaced, size_t *decoded);

enum {
	BS_TEXT_STRIP_TAGS = 1 << 0,  /* drop HTML/MathML tags, keep inner text */
	BS_TEXT_ENTITIES   = 1 << 1,  /* decode &amp; &lt; &gt; &quot; &#NN; ... */
	BS_TEXT_ONE_LINE   = 1 << 2,  /* newlines become spaces too */
};

/* Clean free text (a title or an abstract): optional tag stripping and
 * entity decoding, then runs of white space collapse to one space (paragraph
 * breaks, i.e. "\n", are kept unless BS_TEXT_ONE_LINE), ends trimmed, NFC.
 * in must be valid UTF-8 (run bs_utf8_repair first) and must not point into
 * out, which is reset.  O(n); ASCII text is one copy. */
void bs_text_clean(const char *in, size_t n, int flags, bs_strbuf *out);

/* NFKC with white space collapsed and trimmed: the display form of a name. out is reset. */
void bs_text_nfkc(const char *in, size_t n, bs_strbuf *out);

/* Matching key: NFKC, case-folded, accents stripped, ł ø æ đ ð þ œ ı
 * transliterated, every run of non-alphanumeric characters one space,
 * trimmed.  "Bernhard Schölkopf" and "BERNHARD SCHOLKOPF" share a key. out is reset. */
void bs_text_key(const char *in, size_t n, bs_strbuf *out);

/* Terminal column width of valid UTF-8 s (wide CJK counts 2). */
size_t bs_utf8_width(const char *s);

/* Byte length of the longest prefix of s whose width is <= cols, cut at a
 * character boundary. */
size_t bs_utf8_prefix_for_width(const char *s, size_t cols);

/* s itself when its width is <= cols (cols >= 1), else its longest prefix
 * of width <= cols - 1 and an ellipsis "…" (width 1): a label that fits
 * cols terminal columns or chart characters, wide CJK counting 2 and
 * combining marks staying with their base.  out is reset. */
void bs_utf8_ellipsize(const char *s, size_t cols, bs_strbuf *out);

/* Edit distance of valid UTF-8 a and b in characters: insertions,
 * deletions, substitutions and swaps of two neighbours ("cvrp" is 1 from
 * "cvpr") count 1 each (optimal string alignment).  Stops counting at
 * limit: the result is min(distance, limit + 1).  O(len(a) * len(b)). */
size_t bs_utf8_distance(const char *a, const char *b, size_t limit);

#endif
