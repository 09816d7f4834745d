/* terms_tokenize.c - step 1 of the keyword tables: every paper's tokens. */
#define _GNU_SOURCE   /* pthread_setname_np */
#include "analysis/keywords/terms_impl.h"
#include "store/terms_rows.h"

#include <pthread.h>

/* ---- step 1: tokenizing every paper, in two worker threads ----
 * The main thread reads papers in id order into batches; batch i goes to
 * worker i % 2, which tokenizes it with its own raw bs_text (thread-local
 * surface ids, stopwords included).  The main thread merges finished
 * batches in order, mapping each local id through bs_text_surface() of the
 * main text: ids are created in order of first sight and stopwords become
 * breaks exactly as a single-threaded pass over the papers would do. */

#define TOK_WORKERS 2
#define TOK_SLOTS 4
#define TOK_BATCH 256

typedef struct tok_slot {
	bs_arena texts;                 /* title and abstract copies */
	const char *text[TOK_BATCH][2];
	size_t len[TOK_BATCH][2];
	paper_span meta[TOK_BATCH];     /* id, year, venue */
	size_t n;
	int32_t *codes;                 /* worker output */
	size_t ncodes, capcodes;
	size_t part[TOK_BATCH][2];      /* start of each part in codes */
	size_t part_end[TOK_BATCH][2];
	int32_t new_base, new_end;      /* worker surface ids first seen in this batch ... */
	const char **new_text;          /* ... and their texts (in texts): the main thread
					 * never reads the worker's bs_text, which keeps growing */
	int state;                      /* 0 free, 1 ready, 2 done */
	long seq;
} tok_slot;

typedef struct tok_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	tok_slot slot[TOK_SLOTS];
	int finished;
} tok_pool;

typedef struct tok_worker {
	tok_pool *pool;
	int index;
	bs_text t;
	int32_t *map;                   /* local surface id -> main id, -1 unknown */
	size_t capmap;
} tok_worker;

static void *tok_run(void *arg)
{
	tok_worker *w = arg;
	tok_pool *pl = w->pool;

	for (;;) {
		tok_slot *sl = NULL;
		pthread_mutex_lock(&pl->mu);
		for (;;) {
			for (int i = 0; i < TOK_SLOTS; i++)
				if (pl->slot[i].state == 1 && pl->slot[i].seq % TOK_WORKERS == w->index &&
				    (!sl || pl->slot[i].seq < sl->seq))
					sl = &pl->slot[i];
			if (sl || pl->finished)
				break;
			pthread_cond_wait(&pl->cv, &pl->mu);
		}
		pthread_mutex_unlock(&pl->mu);
		if (!sl)
			return NULL;
		sl->ncodes = 0;
		sl->new_base = w->t.nsurf;
		for (size_t i = 0; i < sl->n; i++)
			for (int part = 0; part < 2; part++) {
				sl->part[i][part] = sl->ncodes;
				if (sl->text[i][part])
					sl->ncodes = bs_text_tokenize(&w->t, sl->text[i][part], sl->len[i][part],
								      &sl->codes, sl->ncodes, &sl->capcodes);
				sl->part_end[i][part] = sl->ncodes;
			}
		sl->new_end = w->t.nsurf;
		sl->new_text = bs_arena_alloc(&sl->texts, (size_t)(sl->new_end - sl->new_base + 1) *
					      sizeof *sl->new_text);
		for (int32_t id = sl->new_base; id < sl->new_end; id++)
			sl->new_text[id - sl->new_base] = bs_arena_strdup(&sl->texts, w->t.surf_text[id]);
		pthread_mutex_lock(&pl->mu);
		sl->state = 2;
		pthread_cond_broadcast(&pl->cv);
		pthread_mutex_unlock(&pl->mu);
	}
}


/* Merge one finished batch into the main stream.  Reads only the slot
 * (never w->t, which the worker may be extending for its next batch). */
static void tok_merge(bs_text *t, tok_worker *w, tok_slot *sl, const synonyms *sy, paper_span **sp,
		      size_t *np, size_t *capsp, int32_t **tok, size_t *ntok, size_t *captok,
		      int32_t **tmp, size_t *captmp)
{
	if ((size_t)sl->new_end > w->capmap) {
		size_t old = w->capmap;
		w->capmap = (size_t)sl->new_end * 2;
		w->map = bs_xrealloc(w->map, w->capmap * sizeof *w->map);
		for (size_t i = old; i < w->capmap; i++)
			w->map[i] = -1;
	}
	for (size_t i = 0; i < sl->n; i++) {
		paper_span *p;
		if (*np == *capsp) {
			*capsp = *capsp ? 2 * *capsp : 4096;
			*sp = bs_xrealloc(*sp, *capsp * sizeof **sp);
		}
		p = &(*sp)[(*np)++];
		*p = sl->meta[i];
		for (int part = 0; part < 2; part++) {
			size_t k = 0;
			int32_t **dst = sy->n ? tmp : tok;
			size_t *dlen = sy->n ? &k : ntok, *dcap = sy->n ? captmp : captok;
			if (part == 0)
				p->title = *ntok;
			else
				p->abstract = *ntok;
			if (!sl->text[i][part])
				continue;
			for (size_t c = sl->part[i][part]; c < sl->part_end[i][part]; c++) {
				int32_t lid = sl->codes[c], gid;
				if (lid < 0) {
					bs_text_push(dst, dlen, dcap, BS_TOK_BREAK);
					continue;
				}
				gid = w->map[lid];
				if (gid < 0) {
					/* first seen in this batch (earlier ones are mapped) */
					const char *txt = sl->new_text[lid - sl->new_base];
					gid = w->map[lid] = bs_text_surface(t, txt, strlen(txt));
				}
				if (t->surf_key[gid] < 0) {
					bs_text_push(dst, dlen, dcap, BS_TOK_BREAK);
				} else {
					t->surf_count[gid]++;
					bs_text_push(dst, dlen, dcap, gid);
				}
			}
			/* the tokenizer ends every text with a break */
			bs_text_push(dst, dlen, dcap, BS_TOK_BREAK);
			if (sy->n) {
				if (*ntok + 2 * k + 8 > *captok) {
					*captok = (*ntok + 2 * k + 8) * 2;
					*tok = bs_xrealloc(*tok, *captok * sizeof **tok);
				}
				*ntok += terms_apply_synonyms(t, sy, *tmp, k, *tok + *ntok);
			}
		}
		p->end = *ntok;
	}
}

/* Fill sl with up to TOK_BATCH papers of c (copies of their texts): 1
 * while there are more, 0 at the end, -1 on error (err filled). */
static int tok_fill(bs_paper_texts *c, tok_slot *sl, bs_error *err)
{
	bs_paper_text p;
	int r = 1;

	bs_arena_reset(&sl->texts);
	sl->n = 0;
	while (sl->n < TOK_BATCH && (r = bs_terms_rows_texts_next(c, &p, err)) == 1) {
		size_t i = sl->n++;
		sl->meta[i].id = p.id;
		sl->meta[i].year = p.year;
		sl->meta[i].venue = p.venue;
		sl->text[i][0] = p.title ? bs_arena_strndup(&sl->texts, p.title, p.title_len) : NULL;
		sl->len[i][0] = p.title_len;
		sl->text[i][1] = p.abstract ? bs_arena_strndup(&sl->texts, p.abstract, p.abstract_len) : NULL;
		sl->len[i][1] = p.abstract_len;
	}
	return r;
}

/* Tokenize every paper into *tok (paper spans in *sp).  Falls back to one
 * thread when workers cannot start.  Errors: BS_ERR_DB. */
int terms_tokenize_papers(bs_store *s, bs_text *t, const synonyms *sy, paper_span **sp, size_t *np,
			  int32_t **tok, size_t *ntok, bs_error *err)
{
	bs_paper_texts *cur = NULL;
	tok_pool pl;
	tok_worker wk[TOK_WORKERS];
	pthread_t th[TOK_WORKERS];
	int started[TOK_WORKERS] = {0};
	size_t capsp = 0, captok = 0, captmp = 0;
	int32_t *tmp = NULL;
	long next_seq = 0, merge_seq = 0;
	int rc = BS_OK, r, more = 1;

	memset(&pl, 0, sizeof pl);
	memset(wk, 0, sizeof wk);
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	for (int i = 0; i < TOK_SLOTS; i++)
		bs_arena_init(&pl.slot[i].texts);
	for (int i = 0; i < TOK_WORKERS; i++) {
		wk[i].pool = &pl;
		wk[i].index = i;
		if (bs_text_init(&wk[i].t, err)) {
			rc = err->code;
			goto cleanup;
		}
		wk[i].t.raw = 1;
	}
	for (int i = 0; i < TOK_WORKERS; i++) {
		started[i] = pthread_create(&th[i], NULL, tok_run, &wk[i]) == 0;
		if (started[i])
			pthread_setname_np(th[i], "bs-tokenize");
		if (!started[i]) {
			rc = bs_error_set(err, BS_ERR_NOMEM, "cannot start the tokenizer threads");
			goto cleanup;
		}
	}
	rc = bs_terms_rows_texts_open(s, &cur, err);
	if (rc)
		goto cleanup;
	for (;;) {
		tok_slot *free_slot = NULL, *oldest = NULL;
		pthread_mutex_lock(&pl.mu);
		for (int i = 0; i < TOK_SLOTS; i++) {
			if (pl.slot[i].state == 0 && !free_slot)
				free_slot = &pl.slot[i];
			if (pl.slot[i].state != 0 && pl.slot[i].seq == merge_seq)
				oldest = &pl.slot[i];
		}
		if (oldest && (oldest->state == 2 || !more || !free_slot)) {
			/* merge in order (waiting for it when nothing else can be done) */
			while (oldest->state != 2)
				pthread_cond_wait(&pl.cv, &pl.mu);
			pthread_mutex_unlock(&pl.mu);
			tok_merge(t, &wk[oldest->seq % TOK_WORKERS], oldest, sy, sp, np, &capsp, tok, ntok,
				  &captok, &tmp, &captmp);
			pthread_mutex_lock(&pl.mu);
			oldest->state = 0;
			merge_seq++;
			pthread_mutex_unlock(&pl.mu);
			continue;
		}
		pthread_mutex_unlock(&pl.mu);
		if (!more || !free_slot)
			break;   /* nothing in flight and nothing left to read */
		r = tok_fill(cur, free_slot, err);
		if (r != 1) {
			more = 0;
			if (r < 0) {
				rc = err->code;
				break;
			}
		}
		if (free_slot->n) {
			pthread_mutex_lock(&pl.mu);
			free_slot->seq = next_seq++;
			free_slot->state = 1;
			pthread_cond_broadcast(&pl.cv);
			pthread_mutex_unlock(&pl.mu);
		}
	}
cleanup:
	bs_terms_rows_texts_close(cur);
	pthread_mutex_lock(&pl.mu);
	pl.finished = 1;
	pthread_cond_broadcast(&pl.cv);
	pthread_mutex_unlock(&pl.mu);
	for (int i = 0; i < TOK_WORKERS; i++)
		if (started[i])
			pthread_join(th[i], NULL);
	for (int i = 0; i < TOK_WORKERS; i++) {
		bs_text_release(&wk[i].t);
		free(wk[i].map);
	}
	for (int i = 0; i < TOK_SLOTS; i++) {
		bs_arena_release(&pl.slot[i].texts);
		free(pl.slot[i].codes);
	}
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.cv);
	free(tmp);
	return rc;
}

