/* bibctx.h - what BibTeX files given together share: @string macros and
 * the fields crossref inherits (year, and the volume title as venue),
 * keyed by entry key (case-insensitive).
 *
 * bs_ingest_paths() creates one context per run and fills it with a first
 * pass over every BibTeX file (bs_bibtex_prescan), so that abbrev.bib's
 * macros and crossref.bib's proceedings serve articles.bib whatever the
 * order of the files.  Month macros (jan..dec) are predefined.  The
 * context owns all its strings; bs_bibctx_free() releases it (NULL ok).
 *
 * Threads: the first pass may run on its own thread while the main pass
 * starts (bs_bibctx_set_filling, then bs_bibctx_filled when it is done).
 * Until then only that thread may touch the context; everyone else calls
 * bs_bibctx_wait() before any other call, which returns at once when no
 * fill is under way.  The BibTeX reader waits only when it first needs the
 * context (a macro, an @string, a crossref with a field to inherit), so a
 * file like DBLP's, whose entries carry their own year and venue, is
 * parsed and stored while the first pass still runs.
 */
#ifndef BS_BIBCTX_H
#define BS_BIBCTX_H

#include "arena.h"
#include "error.h"
#include "hashmap.h"

#include <pthread.h>

typedef struct bs_bibctx {
	bs_hashmap macros;     /* lower-case name -> index into vals */
	bs_hashmap entries;    /* lower-case key -> index into xref */
	char **vals;
	size_t nvals, capvals;
	struct bs_bibref { int year; const char *venue; } *xref;
	size_t nxref, capxref;
	bs_arena arena;
	pthread_mutex_t mu;    /* guards filling */
	pthread_cond_t cv;
	int filling;           /* a first pass is still writing */
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

/* Mark c as being filled by another thread / as filled (wakes waiters). */
void bs_bibctx_set_filling(bs_bibctx *c);
void bs_bibctx_filled(bs_bibctx *c);
/* Block until no fill is under way. */
void bs_bibctx_wait(bs_bibctx *c);

#endif
