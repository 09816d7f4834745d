/* latex.h - LaTeX text to Unicode, for BibTeX values and for names that
 * other formats carry with LaTeX left in them (CSL-JSON converted from
 * BibTeX: "B\"{u}nz", "Cl\'{e}men\c{c}on").
 *
 * Accents become combining marks composed later by NFC/NFKC ({\"o},
 * \'{e}, \v{c}, \c{c}, \k{a}, \H{o}, \r{u}); {\ss} \aa \o {\l} \ae \oe \i
 * and the like, a few symbols and Greek letters become their characters;
 * \& \% \$ \_ \# \{ \} their character; "\\", "\ " and the thin spaces
 * \, \; \: \> a space; \- \/ \@ \! \* and the math delimiters \( \) \[ \]
 * nothing ("Lan\-guage" -> "Language", "Eur.\@ J." -> "Eur. J."), except
 * that "\-" before a capital is a hyphen ("pre\-{C}olumbian"); any other
 * command is dropped with its argument kept as text ("\emph{x}" -> "x").
 * Braces and math dollars are removed, "~" is a space, "--" an en dash
 * and "---" an em dash.  O(n); out is reset; never fails.
 */
#ifndef BS_LATEX_H
#define BS_LATEX_H

#include "base/strbuf.h"

#include <stddef.h>

/* Decode s[0..n) (valid UTF-8) into out. */
void bs_latex_decode(const char *s, size_t n, bs_strbuf *out);

/* The same for a name outside BibTeX, where an unknown command is a
 * damaged accent: its letters are kept ("Clemen\con" -> "Clemencon",
 * whose match key is that of "Clemençon"). */
void bs_latex_decode_name(const char *s, size_t n, bs_strbuf *out);

/* 1 when s[0..n) has LaTeX markup a name can carry: a backslash or a brace. */
int bs_latex_in_name(const char *s, size_t n);

#endif
