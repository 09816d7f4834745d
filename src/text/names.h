/* names.h - author name normalisation.
 *
 * Display form: NFKC, white space collapsed, a DBLP homonym suffix
 * ("Richard Roberts 0001") hidden.  Match key: case-folded, accents stripped,
 * ł ø æ đ ß transliterated, punctuation folded to spaces (utf8.h
 * bs_text_key), a nickname in parentheses dropped, the homonym suffix kept
 * so that DBLP's distinct people stay distinct.  Given names are never reduced to initials: "Li X" and
 * "Li Xiang" have different keys.  Input must be valid UTF-8.  O(n).
 */
#ifndef BS_NAMES_H
#define BS_NAMES_H

#include "base/strbuf.h"

#include <stddef.h>

/* Display form of name[0..n) into out (reset first). */
void bs_name_display(const char *name, size_t n, bs_strbuf *out);

/* Match key of name[0..n) into out (reset first).  Empty when the name has
 * no letter or digit.  A nickname or alternative name in parentheses is
 * left out ("Duen Horng (Polo) Chau" -> "duen horng chau", the key of the
 * spelling without it), unless nothing else is left. */
void bs_name_key(const char *name, size_t n, bs_strbuf *out);

/* "Last, First" -> "First Last"; "Last, Jr, First" -> "First Last Jr";
 * a name without a comma is copied.  White space trimmed.  out is reset. */
void bs_name_uninvert(const char *s, size_t n, bs_strbuf *out);

/* 1 when s[0..n) (display form) stands for no person: a placeholder in
 * square brackets ("[Anonymous]" in Web of Science, "[No author name
 * available]" in Scopus) or "et al." / "others" (any case).  Readers drop
 * these, so that they never become one author of many papers. */
int bs_name_placeholder(const char *s, size_t n);

/* Length of a trailing " NNNN" DBLP homonym suffix of s[0..n), or 0. */
size_t bs_name_homonym_suffix(const char *s, size_t n);

/* Identity blocking on match keys (bs_name_key form: given names first,
 * family name last; a DBLP number and a generational suffix "jr", "sr",
 * "ii", "iii", "iv" are not part of either).
 *
 * bs_name_block: the block of key into out (reset first): "family g", g
 * the first letter of the first given name ("michael i jordan" -> "jordan
 * m"; a family name alone -> "jordan").  Two compatible keys always share
 * a block, so resolution compares names only within one.  O(n).
 *
 * bs_name_compatible: 1 when keys a and b can name one person: the same
 * family name, and the given names align in order, a token matching an
 * equal token or its one-letter initial, the shorter list leaving out
 * tokens after the first ("michael i jordan" ~ "michael jordan" ~ "m i
 * jordan"; "xiaoming li" ~ "xiao ming li"; never "michael i jordan" with
 * "michael j jordan", nor "x li" with "y li"); and when both spell out a
 * given name, one spelled-out name is the same in both ("y jennifer sun"
 * is not "yizhou sun").  Symmetric.  O(len^2) in the tokens. */
void bs_name_block(const char *key, bs_strbuf *out);
int bs_name_compatible(const char *a, const char *b);

/* bs_name_first_given: the first given name of key (*tok points into key)
 * and its length, 0 when key has none.  Two keys whose first given names
 * are both spelled out (two letters or more) and differ, neither being
 * the start of the other, are never compatible: identity resolution
 * skips such pairs without comparing them.  O(n). */
size_t bs_name_first_given(const char *key, const char **tok);

#endif
