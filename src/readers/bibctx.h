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
 * parsed and stored while the first pass still runs.  That pass runs at a
 * lower priority (it serves a rare case and must not take a core from the
 * main pass) and quits once the main pass is over (bs_bibctx_stop).
 */
#ifndef BS_BIBCTX_H
#define BS_BIBCTX_H

#include "base/arena.h"
#include "base/error.h"
#include "base/hashmap.h"

#include <pthread.h>
#include <stdint.h>

typedef struct bs_bibctx {
	bs_hashmap macros;     /* lower-case name -> index into vals */
	bs_hashmap entries;    /* lower-case key -> index into xref */
	bs_hashmap venues;     /* venue -> its one copy in arena (as intptr_t) */
	char **vals;
	size_t *lens;          /* strlen of each of vals */
	size_t nvals, capvals;
	struct bs_bibref { int year; const char *venue; } *xref;
	size_t nxref, capxref;
	bs_arena arena;
	pthread_mutex_t mu;    /* guards filling */
	pthread_cond_t cv;
	int filling;           /* a first pass is still writing */
	int stop;              /* the main pass is done: the first pass may quit (atomic) */
	/* macro expansion budget, per pass (0: main pass, 1: first pass),
	 * see bs_bibctx_expand_room */
	uint64_t bytes_read[2], expanded[2];
} bs_bibctx;

/* Macro text that one pass of a run may expand in all: this much plus
 * BS_BIBCTX_EXPAND_RATIO times the BibTeX bytes it has read.  A macro is
 * expanded when used, so "@string{m1 = m0 # m0}" doubles at each
 * definition: forty of them would ask for a terabyte from a 1 KB file.  The
 * bound is on the whole run, not per file, so that many small files cannot
 * add up their allowances; real files expand a few times their size. */
#define BS_BIBCTX_EXPAND_SLACK ((uint64_t)64 << 20)
#define BS_BIBCTX_EXPAND_RATIO 16

bs_bibctx *bs_bibctx_new(void);
void bs_bibctx_free(bs_bibctx *c);
/* Define (or redefine) a macro; name is case-insensitive.  Redefining it
 * with the value it has costs nothing (the main pass repeats every
 * definition the first pass made). */
void bs_bibctx_define(bs_bibctx *c, const char *name, size_t n, const char *value, size_t vlen);
/* Value of a macro or NULL; its length in *len (len may be NULL). */
const char *bs_bibctx_macro(bs_bibctx *c, const char *name, size_t n, size_t *len);
/* Expansion budget of pass (0 main, 1 first pass): the bytes a macro use
 * may still add, given that the current file has read `reading` bytes so
 * far; bs_bibctx_expanded() spends them, bs_bibctx_file_read() adds a
 * finished file's bytes to the pass's total. */
uint64_t bs_bibctx_expand_room(const bs_bibctx *c, int pass, uint64_t reading);
void bs_bibctx_expanded(bs_bibctx *c, int pass, uint64_t n);
void bs_bibctx_file_read(bs_bibctx *c, int pass, uint64_t n);
/* Remember an entry for crossref (the first definition wins; keys of 512
 * bytes or more are not kept).  venue is copied once per distinct value. */
void bs_bibctx_entry(bs_bibctx *c, const char *key, size_t n, int year, const char *venue);
const struct bs_bibref *bs_bibctx_lookup(bs_bibctx *c, const char *key, size_t n);

/* Mark c as being filled by another thread / as filled (wakes waiters). */
void bs_bibctx_set_filling(bs_bibctx *c);
void bs_bibctx_filled(bs_bibctx *c);
/* Block until no fill is under way. */
void bs_bibctx_wait(bs_bibctx *c);
/* Tell a first pass still running that nobody will read c any more (the
 * main pass is over); bs_bibctx_stopped() is what the first pass polls. */
void bs_bibctx_stop(bs_bibctx *c);
int bs_bibctx_stopped(bs_bibctx *c);

/* The first pass (readers/bibtex.c): read every entry of the BibTeX file
 * at path into ctx, without the records; stops early once ctx is stopped.
 * bs_bibtex_collect does the same with a reader opened on ctx
 * (bs_reader_open_shared or bs_reader_open_mem_shared, format "bibtex"),
 * which is then spent; the caller still closes it.  Errors: those of the
 * reader (the main pass reports them with their lines), BS_ERR_USAGE for
 * a reader of another format or context. */
struct bs_reader;
int bs_bibtex_prescan(const char *path, bs_bibctx *ctx, bs_error *err);
int bs_bibtex_collect(struct bs_reader *r, bs_bibctx *ctx, bs_error *err);

#endif
