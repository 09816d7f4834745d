/* xmltext.h - text every XML, SVG and HTML output can carry.
 *
 * XML 1.0 allows TAB, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD and
 * U+10000..U+10FFFF; anything else in a file makes it not well-formed, and
 * a parser (Gephi, networkx, a browser's XML mode, xmllint) rejects the
 * whole file.  The one rule, for every writer: a character XML cannot carry
 * -- a C0 control but TAB, LF, CR; U+FFFE, U+FFFF; a surrogate; a byte
 * sequence that is not UTF-8 -- is written as U+FFFD, so the text keeps a
 * visible mark where something unprintable was.  Labels that a renderer
 * draws (gnuplot's cairo terminals refuse every Unicode noncharacter, so a
 * whole report failed on one name) use bs_label_char_ok, which also turns
 * U+FDD0..U+FDEF and U+xFFFE/U+xFFFF of every plane into U+FFFD.
 */
#ifndef BS_XMLTEXT_H
#define BS_XMLTEXT_H

#include "base/strbuf.h"

#include <stdint.h>
#include <stdio.h>

/* XML 1.0's Char production. */
int bs_xml_char_ok(int32_t cp);
/* bs_xml_char_ok and not a Unicode noncharacter. */
int bs_label_char_ok(int32_t cp);

/* Append s with every character XML cannot carry (see above) as U+FFFD,
 * nothing escaped: for writers that escape markup themselves (igraph's
 * GraphML writer). */
void bs_xml_clean(bs_strbuf *out, const char *s);

/* Append s as XML character data or attribute value: & < > " ' as
 * entities, characters XML cannot carry as U+FFFD.  NULL is "". */
void bs_xml_escape(bs_strbuf *out, const char *s);

/* bs_xml_escape onto a stream. */
void bs_xml_fputs(FILE *f, const char *s);

#endif
