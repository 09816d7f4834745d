#define _GNU_SOURCE   /* pthread_setname_np */
#include "readers/prefetch.h"

#include <pthread.h>
#include <string.h>

#define BATCH 256
#define SLOTS 4

typedef struct warn_item {
	long line;
	size_t before;      /* replay before record number `before` of the batch */
	const char *msg;    /* in the batch arena */
} warn_item;

typedef struct batch {
	bs_arena arena;
	bs_record rec[BATCH];
	uint64_t offset[BATCH];
	size_t n;
	warn_item *warns;
	size_t nwarn, capwarn;
	int end;            /* 0: more follow; 1: end of input; -1: error */
	bs_error err;
} batch;

struct bs_prefetch {
	bs_reader *r;
	bs_diag *user_diag;
	bs_diag collect;            /* installed in r while the thread runs */
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	batch slots[SLOTS];
	size_t head, count;         /* filled slots: head .. head+count-1 */
	int cancel;
	batch *filling;             /* the batch the thread writes (warnings go here) */
	void (*prepare)(bs_record *rec, bs_arena *a);
	/* consumer position */
	batch *cur;
	size_t pos, wpos;
};

static const char *copy(bs_arena *a, const char *s)
{
	return bs_arena_strdup(a, s ? s : "");
}

static const char **copy_list(bs_arena *a, const char *const *src, size_t n)
{
	const char **v;

	if (!n)
		return NULL;
	v = bs_arena_alloc(a, n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = copy(a, src[i]);
	return v;
}

/* the rich fields of record.h */
static void copy_rich(bs_arena *a, bs_record *dst, const bs_record *src)
{
	dst->doc_type = copy(a, src->doc_type);
	dst->language = copy(a, src->language);
	dst->cited_source = copy(a, src->cited_source);
	dst->cited_as_of = copy(a, src->cited_as_of);
	dst->keywords = copy_list(a, src->keywords, src->nkeywords);
	dst->index_keywords = copy_list(a, src->index_keywords, src->nindex_keywords);
	dst->refs = copy_list(a, src->refs, src->nrefs);
	dst->ids = NULL;
	if (src->nids) {
		bs_rec_id *v = bs_arena_alloc(a, src->nids * sizeof *v);
		for (size_t i = 0; i < src->nids; i++) {
			v[i].author = src->ids[i].author;
			v[i].scheme = copy(a, src->ids[i].scheme);
			v[i].value = copy(a, src->ids[i].value);
		}
		dst->ids = v;
	}
	dst->affils = NULL;
	if (src->naffils) {
		bs_rec_affil *v = bs_arena_alloc(a, src->naffils * sizeof *v);
		for (size_t i = 0; i < src->naffils; i++) {
			v[i].author = src->affils[i].author;
			v[i].text = copy(a, src->affils[i].text);
		}
		dst->affils = v;
	}
}

static void copy_record(bs_arena *a, bs_record *dst, const bs_record *src)
{
	*dst = *src;
	dst->title = copy(a, src->title);
	dst->venue = copy(a, src->venue);
	dst->doi = copy(a, src->doi);
	dst->url = copy(a, src->url);
	dst->abstract = copy(a, src->abstract);
	dst->volume = copy(a, src->volume);
	dst->issue = copy(a, src->issue);
	dst->pages = copy(a, src->pages);
	dst->key = copy(a, src->key);
	dst->authors = NULL;
	if (src->nauthors) {
		const char **v = bs_arena_alloc(a, src->nauthors * sizeof *v);
		for (size_t i = 0; i < src->nauthors; i++)
			v[i] = copy(a, src->authors[i]);
		dst->authors = v;
	}
	copy_rich(a, dst, src);
}

static void collect_warning(void *ud, const char *file, long line, const char *msg)
{
	bs_prefetch *p = ud;
	batch *b = p->filling;
	(void)file;

	if (b->nwarn == b->capwarn) {
		b->capwarn = b->capwarn ? 2 * b->capwarn : 16;
		b->warns = bs_xrealloc(b->warns, b->capwarn * sizeof *b->warns);
	}
	b->warns[b->nwarn].line = line;
	b->warns[b->nwarn].before = b->n;
	b->warns[b->nwarn].msg = bs_arena_strdup(&b->arena, msg);
	b->nwarn++;
}

static void *run(void *arg)
{
	bs_prefetch *p = arg;

	for (;;) {
		batch *b;
		int rc = 1;

		pthread_mutex_lock(&p->mu);
		while (p->count == SLOTS && !__atomic_load_n(&p->cancel, __ATOMIC_RELAXED))
			pthread_cond_wait(&p->cv, &p->mu);
		if (__atomic_load_n(&p->cancel, __ATOMIC_RELAXED)) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		b = &p->slots[(p->head + p->count) % SLOTS];
		pthread_mutex_unlock(&p->mu);

		bs_arena_reset(&b->arena);
		b->n = b->nwarn = 0;
		b->end = 0;
		bs_error_clear(&b->err);
		p->filling = b;
		while (b->n < BATCH) {
			bs_record *rec;
			rc = bs_reader_next(p->r, &rec, &b->err);
			if (rc != 1)
				break;
			copy_record(&b->arena, &b->rec[b->n], rec);
			if (p->prepare)
				p->prepare(&b->rec[b->n], &b->arena);
			b->offset[b->n] = bs_input_file_offset(p->r->in);
			b->n++;
			if (__atomic_load_n(&p->cancel, __ATOMIC_RELAXED))
				break;
		}
		if (rc == 0)
			b->end = 1;
		else if (rc < 0)
			b->end = -1;

		pthread_mutex_lock(&p->mu);
		p->count++;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (b->end)
			return NULL;
	}
}

int bs_prefetch_start(bs_prefetch **out, bs_reader *r, bs_error *err)
{
	return bs_prefetch_start_prepared(out, r, NULL, err);
}

int bs_prefetch_start_prepared(bs_prefetch **out, bs_reader *r,
			       void (*prepare)(bs_record *rec, bs_arena *a), bs_error *err)
{
	bs_prefetch *p = bs_xcalloc(1, sizeof *p);

	*out = NULL;
	p->r = r;
	p->prepare = prepare;
	p->user_diag = r->diag;
	p->collect.warn = collect_warning;
	p->collect.ud = p;
	for (int i = 0; i < SLOTS; i++)
		bs_arena_init(&p->slots[i].arena);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	r->diag = &p->collect;
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		r->diag = p->user_diag;
		bs_prefetch_stop(p);
		return bs_error_set(err, BS_ERR_NOMEM, "cannot start the reader thread");
	}
	pthread_setname_np(p->thread, "bs-reader");   /* for perf and top */
	p->started = 1;
	*out = p;
	return BS_OK;
}

static void replay(bs_prefetch *p, batch *b, size_t upto)
{
	const char *name = bs_input_name(p->r->in);

	while (p->wpos < b->nwarn && b->warns[p->wpos].before <= upto) {
		bs_diag_warn(p->user_diag, name, b->warns[p->wpos].line, "%s",
			     b->warns[p->wpos].msg);
		p->wpos++;
	}
}

/* Give the consumed batch back to the producer. */
static void release_current(bs_prefetch *p)
{
	if (!p->cur)
		return;
	pthread_mutex_lock(&p->mu);
	p->head = (p->head + 1) % SLOTS;
	p->count--;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	p->cur = NULL;
}

int bs_prefetch_next(bs_prefetch *p, bs_record **rec, uint64_t *offset, bs_error *err)
{
	for (;;) {
		batch *b = p->cur;

		if (!b) {
			pthread_mutex_lock(&p->mu);
			while (p->count == 0)
				pthread_cond_wait(&p->cv, &p->mu);
			b = p->cur = &p->slots[p->head];
			pthread_mutex_unlock(&p->mu);
			p->pos = p->wpos = 0;
		}
		replay(p, b, p->pos);
		if (p->pos < b->n) {
			*rec = &b->rec[p->pos];
			*offset = b->offset[p->pos];
			p->pos++;
			return 1;
		}
		replay(p, b, (size_t)-1);
		if (b->end == 1)
			return 0;
		if (b->end == -1) {
			if (err)
				*err = b->err;
			return -1;
		}
		release_current(p);
	}
}

void bs_prefetch_stop(bs_prefetch *p)
{
	if (!p)
		return;
	if (p->started) {
		pthread_mutex_lock(&p->mu);
		__atomic_store_n(&p->cancel, 1, __ATOMIC_RELAXED);
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
	}
	p->r->diag = p->user_diag;
	for (int i = 0; i < SLOTS; i++) {
		bs_arena_release(&p->slots[i].arena);
		free(p->slots[i].warns);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}
