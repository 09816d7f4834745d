/* wosrec.h - one Web of Science record built from its tagged fields, for
 * both WoS exports: the tab-delimited one (wos.c: a column per tag) and
 * the plain-text one (wosplain.c: a line per tag, continuation lines
 * indented).  One builder, so that a record gives identical rows from
 * either export.
 *
 * Values are given as the tab-delimited export writes them: list fields
 * (AU, AF, C1, CR, RI, OI, DE, ID) "; "-separated.  The plain-text reader
 * joins the lines of AU, AF, C1 and CR with "; " and the lines of every
 * other field with " ".
 */
#ifndef BS_WOSREC_H
#define BS_WOSREC_H

#include "readers/reader.h"

/* The tags a record is built from, in this order. */
enum {
	WOS_PT, WOS_AU, WOS_AF, WOS_TI, WOS_SO, WOS_LA, WOS_DT, WOS_DE, WOS_ID, WOS_AB, WOS_C1,
	WOS_RI, WOS_OI, WOS_CR, WOS_TC, WOS_Z9, WOS_PY, WOS_VL, WOS_IS, WOS_BP, WOS_EP, WOS_AR,
	WOS_DI, WOS_PM, WOS_DA, WOS_UT, WOS__N
};
extern const char *const bs_wos_tags[WOS__N];

typedef struct bs_wos_fields {
	const char *v[WOS__N];   /* value of each tag, not NUL-terminated; NULL = absent */
	size_t n[WOS__N];
} bs_wos_fields;

/* The index of two-letter tag t in bs_wos_tags, or -1. */
int bs_wos_tag(const char *t, size_t n);

/* Fill rec (already cleared, line set) from f through b, which this
 * initialises and finishes.  O(total length); the references' author
 * matching O(authors x named authors). */
void bs_wos_build(bs_reader *r, bs_record *rec, const bs_wos_fields *f);

#endif
