/* bibctx.h - what BibTeX files given together share: @string macros and
 * the fields crossref inherits (year, and the volume title as venue),
 * keyed by entry key (case-insensitive).
 *
 * bs_ingest_paths() creates one context per run and fills it with a first
 * pass over every BibTeX file (bs_bibtex_scan), so that abbrev.bib's
 * macros and crossref.bib's proceedings serve articles.bib whatever the
 * order of the files.  Month macros (jan..dec) are predefined.  The
 * context owns all its strings; bs_bibctx_free() releases it (NULL ok).
 */
#ifndef BS_BIBCTX_H
#define BS_BIBCTX_H

#include "arena.h"
#include "error.h"
#include "hashmap.h"

typedef struct bs_bibctx {
	bs_hashmap macros;     /* lower-case name -> index into vals */
	bs_hashmap entries;    /* lower-case key -> index into xref */
	char **vals;
	size_t nvals, capvals;
	struct bs_bibref { int year; const char *venue; } *xref;
	size_t nxref, capxref;
	bs_arena arena;
} bs_bibctx;

bs_bibctx *bs_bibctx_new(void);
void bs_bibctx_free(bs_bibctx *c);
/* Define (or redefine) a macro; name is case-insensitive. */
void bs_bibctx_define(bs_bibctx *c, const char *name, size_t n, const char *value, size_t vlen);
/* Value of a macro or NULL. */
const char *bs_bibctx_macro(bs_bibctx *c, const char *name, size_t n);
/* Remember an entry for crossref (the first definition wins). */
void bs_bibctx_entry(bs_bibctx *c, const char *key, size_t n, int year, const char *venue);
const struct bs_bibref *bs_bibctx_lookup(bs_bibctx *c, const char *key, size_t n);

#endif
