/* terms_write.c - step 4 of the keyword tables: every paper's term list,
 * the terms and their counts per year and venue, written through
 * store/terms_rows.h. */
#define _GNU_SOURCE   /* pthread_setname_np */
#include "analysis/keywords/terms_impl.h"
#include "base/strbuf.h"
#include "base/trace.h"
#include "store/terms_rows.h"

#include <pthread.h>

typedef struct pt { int32_t term; uint8_t where; } pt;   /* where: 1 title, 2 abstract */

/* Sort v[0..n) ascending: quicksort (median of three) down to runs of 24,
 * then one insertion sort.  A paper's distinct terms are 60-odd on the
 * corpora; glibc's qsort, a merge sort calling back for each comparison,
 * took 6% of the keyword tables' CPU at 1M papers. */
static void sort_i32(int32_t *v, size_t n)
{
	while (n > 24) {
		size_t i = 0, j = n - 1, m = n / 2;
		int32_t p;
		if (v[m] < v[0]) { int32_t t = v[m]; v[m] = v[0]; v[0] = t; }
		if (v[j] < v[0]) { int32_t t = v[j]; v[j] = v[0]; v[0] = t; }
		if (v[j] < v[m]) { int32_t t = v[j]; v[j] = v[m]; v[m] = t; }
		p = v[m];
		for (;;) {   /* Hoare partition: v[0..j] <= p <= v[j+1..n) */
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i >= j)
				break;
			{ int32_t t = v[i]; v[i] = v[j]; v[j] = t; }
			i++;
			j--;
		}
		/* recurse into the smaller side, loop on the larger: O(log n) stack */
		if (j + 1 < n - (j + 1)) {
			sort_i32(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_i32(v + j + 1, n - (j + 1));
			n = j + 1;
		}
	}
	for (size_t x = 1; x < n; x++) {
		int32_t t = v[x];
		size_t y = x;
		for (; y > 0 && v[y - 1] > t; y--)
			v[y] = v[y - 1];
		v[y] = t;
	}
}


typedef struct ty_row {
	uint64_t key;   /* term << 36 | year << 24 | venue: the primary key order */
	int64_t val;    /* papers << 32 | occurrences */
} ty_row;

static int cmp_ty(const void *a, const void *b)
{
	uint64_t x = ((const ty_row *)a)->key, y = ((const ty_row *)b)->key;

	return x < y ? -1 : x > y;
}

/* ---- step 4a: the paper term lists ----
 * A producer walks the token stream paper by paper and makes each paper's
 * list (term, counts in title and abstract) in term order, with the
 * per-term totals, the (term, year, venue) counts and the phrase
 * spellings on the side; the thread that owns the connection inserts the
 * lists meanwhile.  A paper's list is one row of paper_term_lists, JSON
 * text [[term,in_title,in_abstract],...] (the view paper_terms shows it
 * as one row per pair): SQLite's cost per row, which dominated when every
 * pair was a row (64M rows at 1M papers), is paid once a paper.  Chunks
 * go through a ring of PT_CHUNKS buffers; without a thread the producer
 * inserts each chunk itself. */

#define PT_CHUNK_PAPERS 4096
#define PT_CHUNKS 4
#define PT_ENTRY_MAX 40   /* "[" + 3 int32 + "," "," "]" + "," with room */

/* A chunk of lists: list i is text[off[i] .. off[i] + len[i]). */
typedef struct pt_chunk {
	int64_t paper[PT_CHUNK_PAPERS];
	size_t off[PT_CHUNK_PAPERS], len[PT_CHUNK_PAPERS];
	size_t n;                  /* lists */
	char *text;
	size_t used, cap;
	long entries;              /* (paper, term) pairs in the chunk */
} pt_chunk;

/* Dense term_year counts up to this many (group, term) cells (128 MiB). */
#define TY_DENSE_MAX ((size_t)16 << 20)

/* term_year's key: (term: 28 bits, year: 12, venue: 24) in 64 bits, in
 * the table's primary-key order */
static inline uint64_t ty_key(int32_t term, int year, int64_t venue)
{
	return ((uint64_t)term << 36) | ((uint64_t)(year & 0xFFF) << 24) | (uint64_t)(venue & 0xFFFFFF);
}

typedef struct pt_writer {
	bs_terms_rows *rows_out;       /* the store's writer, owned by the main thread */
	bs_error *err;                 /* filled when an insert fails */
	long rows;                     /* pairs written */
	int failed;                    /* an insert failed: see err */
} pt_writer;

/* Insert a chunk's lists; returns 0 or -1 (w->err has the message). */
static int pt_insert(pt_writer *w, const pt_chunk *c)
{
	if (bs_terms_rows_add_lists(w->rows_out, c->n, c->paper, c->text, c->off, c->len, w->err))
		return -1;
	w->rows += c->entries;
	return 0;
}

/* Decimal digits of v >= 0 at p; returns the end. */
static char *put_uint(char *p, uint32_t v)
{
	char tmp[10];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

typedef struct pt_producer {
	/* in */
	const bs_text *t;
	const paper_span *sp;
	size_t np;
	const int32_t *tok, *surf;
	const u64map *phr2, *phr3;
	const uint8_t *starts;         /* per key: 1 begins a bigram, 2 a trigram */
	int32_t nterm;                 /* keys + phrases */
	/* out (the producer's alone until it is joined) */
	long *papers, *occ;            /* per term */
	u64map ty;                     /* (term, year, venue) -> papers << 32 | occurrences */
	int64_t *dense;                /* or, when not NULL, the same per (group, term):
					* dense[grp[p] * nterm + term] */
	const int32_t *grp;            /* per paper: its (year, venue) group */
	u64map sf2, sf3;               /* surface sequences of phrase occurrences -> count */
	/* the ring; writer != NULL: no thread, insert in place */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pt_chunk *chunk[PT_CHUNKS];
	long produced, consumed;       /* chunks handed over / inserted */
	int done, stop;                /* producer finished / consumer failed */
	pt_writer *writer;
} pt_producer;

/* Hand a full chunk over; returns the next buffer (emptied), NULL to stop. */
static pt_chunk *pt_hand(pt_producer *P)
{
	pt_chunk *c;

	if (P->writer) {   /* no thread */
		if (pt_insert(P->writer, P->chunk[0])) {
			P->writer->failed = 1;
			return NULL;
		}
		c = P->chunk[0];
	} else {
		pthread_mutex_lock(&P->mu);
		P->produced++;
		pthread_cond_broadcast(&P->cv);
		while (!P->stop && P->produced - P->consumed >= PT_CHUNKS)
			pthread_cond_wait(&P->cv, &P->mu);
		pthread_mutex_unlock(&P->mu);
		if (P->stop)
			return NULL;
		c = P->chunk[P->produced % PT_CHUNKS];
	}
	c->n = c->used = 0;
	c->entries = 0;
	return c;
}

/* Paper p's terms into *buf, one entry per occurrence: its keys, and the
 * phrases that begin at each of them (never across the title's end),
 * whose spellings are counted on the side.  Returns the entries. */
static size_t paper_terms(pt_producer *P, size_t p, pt **buf, size_t *capbuf)
{
	const bs_text *t = P->t;
	const paper_span *sp = P->sp;
	const int32_t *tok = P->tok, *surf = P->surf;
	const uint8_t *starts = P->starts;
	size_t nb = 0;

	for (size_t i = sp[p].title; i < sp[p].end; i++) {
		int32_t a = tok[i];
		uint8_t where = i < sp[p].abstract ? 1 : 2;
		if (a < 0)
			continue;
		if (nb + 3 > *capbuf) {
			*capbuf = *capbuf ? 2 * *capbuf : 1024;
			*buf = bs_xrealloc(*buf, *capbuf * sizeof **buf);
		}
		(*buf)[nb].term = a;
		(*buf)[nb++].where = where;
		if (starts[a] && i + 1 < sp[p].end && tok[i + 1] >= 0 &&
		    (i + 1 < sp[p].abstract) == (i < sp[p].abstract)) {
			int64_t *h = starts[a] & 1 ? u64_slot((u64map *)P->phr2, key2(a, tok[i + 1]), 0) : NULL;
			if (h) {
				(*buf)[nb].term = t->nkey + (int32_t)*h;
				(*buf)[nb++].where = where;
				if (t->nsurf <= KEY_MAX)
					(*u64_slot(&P->sf2, key2(surf[i], surf[i + 1]), 1))++;
			}
			if ((starts[a] & 2) && i + 2 < sp[p].end && tok[i + 2] >= 0 &&
			    (i + 2 < sp[p].abstract) == (i < sp[p].abstract)) {
				h = u64_slot((u64map *)P->phr3, key3(a, tok[i + 1], tok[i + 2]), 0);
				if (h) {
					(*buf)[nb].term = t->nkey + (int32_t)*h;
					(*buf)[nb++].where = where;
					if (t->nsurf <= KEY_MAX)
						(*u64_slot(&P->sf3, key3(surf[i], surf[i + 1], surf[i + 2]), 1))++;
				}
			}
		}
	}
	return nb;
}

/* Append paper p's list (dist: its ndist distinct terms in order, with
 * their counts in cnt_t and cnt_a, zeroed here) to ch, and add it to the
 * totals. */
static void emit_list(pt_producer *P, pt_chunk *ch, size_t p, const int32_t *dist, size_t ndist, int32_t *cnt_t,
		      int32_t *cnt_a)
{
	const paper_span *sp = P->sp;
	int32_t nterm = P->nterm;
	char *o;

	if (ch->used + 2 + ndist * PT_ENTRY_MAX > ch->cap) {
		while (ch->used + 2 + ndist * PT_ENTRY_MAX > ch->cap)
			ch->cap = ch->cap ? 2 * ch->cap : 1 << 20;
		ch->text = bs_xrealloc(ch->text, ch->cap);
	}
	o = ch->text + ch->used;
	ch->paper[ch->n] = sp[p].id;
	ch->off[ch->n] = ch->used;
	*o++ = '[';
	for (size_t d = 0; d < ndist; d++) {
		int32_t term = dist[d];
		int in_t = cnt_t[term], in_a = cnt_a[term];
		if (d + 4 < ndist && !P->dense)
			u64_prefetch(&P->ty, ty_key(dist[d + 4], sp[p].year, sp[p].venue));
		cnt_t[term] = cnt_a[term] = 0;
		if (d)
			*o++ = ',';
		*o++ = '[';
		o = put_uint(o, (uint32_t)term);
		*o++ = ',';
		o = put_uint(o, (uint32_t)in_t);
		*o++ = ',';
		o = put_uint(o, (uint32_t)in_a);
		*o++ = ']';
		P->papers[term]++;
		P->occ[term] += in_t + in_a;
		if (P->dense)
			P->dense[(size_t)P->grp[p] * (size_t)nterm + (size_t)term] +=
				((int64_t)1 << 32) | (int64_t)(in_t + in_a);
		else
			*u64_slot(&P->ty, ty_key(term, sp[p].year, sp[p].venue), 1) +=
				((int64_t)1 << 32) | (int64_t)(in_t + in_a);
	}
	*o++ = ']';
	ch->len[ch->n] = (size_t)(o - (ch->text + ch->used));
	ch->used += ch->len[ch->n];
	ch->entries += (long)ndist;
}

static void *pt_produce(void *arg)
{
	pt_producer *P = arg;
	int32_t nterm = P->nterm;
	int32_t *cnt_t = bs_xcalloc((size_t)nterm + 1, sizeof *cnt_t);   /* zero between papers */
	int32_t *cnt_a = bs_xcalloc((size_t)nterm + 1, sizeof *cnt_a);
	int32_t *dist = NULL;                                           /* distinct terms of a paper */
	pt *buf = NULL;
	size_t capbuf = 0, ndist = 0, capdist = 0;
	pt_chunk *ch = P->chunk[0];

	for (size_t p = 0; p < P->np && ch; p++) {
		size_t nb = paper_terms(P, p, &buf, &capbuf);
		/* count per distinct term with arrays, then rows in term order */
		ndist = 0;
		if (nb > capdist) {
			capdist = capbuf;
			dist = bs_xrealloc(dist, capdist * sizeof *dist);
		}
		for (size_t i = 0; i < nb; i++) {
			int32_t a = buf[i].term;
			if (!cnt_t[a] && !cnt_a[a])
				dist[ndist++] = a;
			if (buf[i].where == 1)
				cnt_t[a]++;
			else
				cnt_a[a]++;
		}
		sort_i32(dist, ndist);
		if (!ndist)
			continue;
		emit_list(P, ch, p, dist, ndist, cnt_t, cnt_a);
		if (++ch->n == PT_CHUNK_PAPERS)
			ch = pt_hand(P);
	}
	if (ch && ch->n)
		pt_hand(P);
	free(cnt_t);
	free(cnt_a);
	free(dist);
	free(buf);
	if (!P->writer) {
		pthread_mutex_lock(&P->mu);
		P->done = 1;
		pthread_cond_broadcast(&P->cv);
		pthread_mutex_unlock(&P->mu);
	}
	return NULL;
}

/* Produce and insert every paper's term list, on two threads when one can
 * be started; fills P's totals.  Returns 0 or -1 (an insert failed; w->err
 * has the message). */
static int pt_run(pt_producer *P, pt_writer *w)
{
	pthread_t th;
	int rc = 0;

	for (int i = 0; i < PT_CHUNKS; i++)
		P->chunk[i] = bs_xcalloc(1, sizeof *P->chunk[i]);
	pthread_mutex_init(&P->mu, NULL);
	pthread_cond_init(&P->cv, NULL);
	if (pthread_create(&th, NULL, pt_produce, P) != 0) {
		P->writer = w;   /* no thread: the producer inserts as it goes */
		pt_produce(P);
		rc = w->failed ? -1 : 0;
	} else {
		pthread_setname_np(th, "bs-paperterms");
		for (;;) {
			pt_chunk *c;
			pthread_mutex_lock(&P->mu);
			while (P->consumed == P->produced && !P->done)
				pthread_cond_wait(&P->cv, &P->mu);
			if (P->consumed == P->produced) {   /* done and drained */
				pthread_mutex_unlock(&P->mu);
				break;
			}
			c = P->chunk[P->consumed % PT_CHUNKS];
			pthread_mutex_unlock(&P->mu);
			if (pt_insert(w, c)) {
				rc = -1;
				pthread_mutex_lock(&P->mu);
				P->stop = 1;
				pthread_cond_broadcast(&P->cv);
				pthread_mutex_unlock(&P->mu);
				break;
			}
			pthread_mutex_lock(&P->mu);
			P->consumed++;
			pthread_cond_broadcast(&P->cv);
			pthread_mutex_unlock(&P->mu);
		}
		pthread_join(th, NULL);
	}
	pthread_mutex_destroy(&P->mu);
	pthread_cond_destroy(&P->cv);
	for (int i = 0; i < PT_CHUNKS; i++) {
		free(P->chunk[i]->text);
		free(P->chunk[i]);
	}
	return rc;
}

/* term_year's counts: a dense array per (year, venue) group when the
 * groups times the terms are few enough (a paper's terms, in order, then
 * fall in one stretch of it), else the hash map.  Sets P->dense and
 * P->grp (*grp, per paper its group) and *gkey (per group ty_key(0, year,
 * venue)); *ngroup -1 when there are too many groups. */
static void dense_groups(pt_producer *P, int32_t **grp, uint64_t **gkey, int32_t *ngroup)
{
	const paper_span *sp = P->sp;
	size_t np = P->np;
	u64map gm;
	const char *env = getenv("BIBSCOPE_DENSE_MAX_CELLS");   /* tests: the hash map's path */
	size_t dense_max = env && *env ? (size_t)strtoull(env, NULL, 10) : TY_DENSE_MAX;

	u64_init(&gm, 256);
	*grp = bs_xmalloc((np + 1) * sizeof **grp);
	for (size_t p = 0; p < np && *ngroup >= 0; p++) {
		int64_t *g = u64_slot(&gm, ty_key(0, sp[p].year, sp[p].venue), 1);
		if (!*g) {
			if ((size_t)(*ngroup + 1) * (size_t)(P->nterm + 1) > dense_max) {
				*ngroup = -1;   /* too many: the hash map */
				break;
			}
			*g = ++*ngroup;
			*gkey = bs_xrealloc(*gkey, (size_t)*ngroup * sizeof **gkey);
			(*gkey)[*ngroup - 1] = ty_key(0, sp[p].year, sp[p].venue);
		}
		(*grp)[p] = (int32_t)*g - 1;
	}
	u64_release(&gm);
	if (*ngroup > 0) {
		P->dense = bs_xcalloc((size_t)*ngroup * (size_t)P->nterm, sizeof *P->dense);
		P->grp = *grp;
	}
}

/* A phrase is shown as its most frequent spelling: per phrase, best[id]
 * its surface ids and bestn[id] their occurrences (0: never seen). */
static void best_spellings(const bs_text *t, const phrases *ph, const pt_producer *P, int32_t (*best)[3],
			   int64_t *bestn)
{
	for (int pass = 0; pass < 2; pass++) {
		const u64map *m = pass ? &P->sf3 : &P->sf2;
		for (size_t i = 0; i < m->cap; i++) {
			uint64_t k;
			int32_t w[3], id;
			int64_t *h;
			if (!m->slot[i].key)
				continue;
			k = m->slot[i].key - 1;
			if (pass) {
				w[0] = (int32_t)(k >> (2 * KEY_BITS));
				w[1] = (int32_t)((k >> KEY_BITS) & KEY_MAX);
				w[2] = (int32_t)(k & KEY_MAX);
				h = u64_slot((u64map *)&ph->phr3, key3(t->surf_key[w[0]], t->surf_key[w[1]],
									t->surf_key[w[2]]), 0);
			} else {
				w[0] = (int32_t)(k >> KEY_BITS);
				w[1] = (int32_t)(k & KEY_MAX);
				w[2] = -1;
				h = u64_slot((u64map *)&ph->phr2, key2(t->surf_key[w[0]], t->surf_key[w[1]]), 0);
			}
			if (!h)
				continue;
			id = (int32_t)*h;
			if (m->slot[i].val > bestn[id] || (m->slot[i].val == bestn[id] && memcmp(w, best[id], sizeof w) < 0)) {
				bestn[id] = m->slot[i].val;
				memcpy(best[id], w, sizeof w);
			}
		}
	}
}

/* The terms rows: keys by their display form, phrases by their best
 * spelling. */
static int write_terms(bs_terms_rows *w, bs_text *t, const phrases *ph, const pt_producer *P,
		       int32_t (*best)[3], const int64_t *bestn, bs_error *err)
{
	const char **disp = bs_xcalloc((size_t)t->nkey + 1, sizeof *disp);
	bs_strbuf key = BS_STRBUF_INIT, dsp = BS_STRBUF_INIT;
	int rc = BS_OK;

	bs_strbuf_init(&key);
	bs_strbuf_init(&dsp);
	bs_text_display_forms(t, disp);
	for (int32_t id = 0; id < P->nterm && !rc; id++) {
		int n = 1;
		if (!P->papers[id])
			continue;
		bs_strbuf_reset(&key);
		bs_strbuf_reset(&dsp);
		if (id < t->nkey) {
			bs_strbuf_adds(&key, t->key_text[id]);
			bs_strbuf_adds(&dsp, disp[id]);
		} else {
			const int32_t *wd = ph->phr[id - t->nkey], *b = best[id - t->nkey];
			int have = bestn[id - t->nkey] > 0;
			for (n = 0; n < 3 && wd[n] >= 0; n++) {
				if (n) {
					bs_strbuf_addc(&key, ' ');
					bs_strbuf_addc(&dsp, ' ');
				}
				bs_strbuf_adds(&key, t->key_text[wd[n]]);
				bs_strbuf_adds(&dsp, have ? t->surf_text[b[n]] : disp[wd[n]]);
			}
		}
		rc = bs_terms_rows_add_term(w, id, key.buf, key.len, dsp.buf, dsp.len, n, P->papers[id], P->occ[id],
					    err);
	}
	bs_strbuf_release(&key);
	bs_strbuf_release(&dsp);
	free(disp);
	return rc;
}

/* The term_year rows of the dense counts, in key order: term by term,
 * groups in (year, venue) order. */
static size_t ty_rows_dense(const pt_producer *P, const uint64_t *gkey, int32_t ngroup, ty_row **out)
{
	int32_t *order = bs_xmalloc((size_t)ngroup * sizeof *order);
	ty_row *gs = bs_xmalloc((size_t)ngroup * sizeof *gs);
	ty_row *rows;
	size_t cap = 1024, n = 0;

	for (int32_t g = 0; g < ngroup; g++) {
		gs[g].key = gkey[g];
		gs[g].val = g;
	}
	qsort(gs, (size_t)ngroup, sizeof *gs, cmp_ty);
	for (int32_t g = 0; g < ngroup; g++)
		order[g] = (int32_t)gs[g].val;
	free(gs);
	rows = bs_xmalloc(cap * sizeof *rows);
	for (int32_t term = 0; term < P->nterm; term++)
		for (int32_t x = 0; x < ngroup; x++) {
			int64_t v = P->dense[(size_t)order[x] * (size_t)P->nterm + (size_t)term];
			if (!v)
				continue;
			if (n == cap) {
				cap *= 2;
				rows = bs_xrealloc(rows, cap * sizeof *rows);
			}
			rows[n].key = ((uint64_t)term << 36) | gkey[order[x]];
			rows[n++].val = v;
		}
	free(order);
	*out = rows;
	return n;
}

/* The term_year rows of the hash map, sorted into key order. */
static size_t ty_rows_map(const pt_producer *P, ty_row **out)
{
	const u64map *ty = &P->ty;
	ty_row *rows = bs_xmalloc((ty->count + 1) * sizeof *rows);
	size_t n = 0;

	for (size_t i = 0; i < ty->cap; i++)
		if (ty->slot[i].key) {
			rows[n].key = ty->slot[i].key - 1;
			rows[n++].val = ty->slot[i].val;
		}
	qsort(rows, n, sizeof *rows, cmp_ty);
	*out = rows;
	return n;
}

/* In key order: appends to the WITHOUT ROWID table instead of random inserts. */
static int write_years(bs_terms_rows *w, const pt_producer *P, const uint64_t *gkey, int32_t ngroup,
		       bs_error *err)
{
	ty_row *rows = NULL;
	size_t n = P->dense ? ty_rows_dense(P, gkey, ngroup, &rows) : ty_rows_map(P, &rows);
	int rc = BS_OK;

	for (size_t o = 0; o < n && !rc; o++) {
		uint64_t k = rows[o].key;
		rc = bs_terms_rows_add_year(w, (int64_t)(k >> 36), (int)((k >> 24) & 0xFFF), (int)(k & 0xFFFFFF),
					    rows[o].val >> 32, rows[o].val & 0xFFFFFFFF, err);
	}
	free(rows);
	return rc;
}

int terms_write_tables(bs_terms_rows *w, bs_text *t, const paper_span *sp, size_t np, const int32_t *tok,
		       const int32_t *surf, const phrases *ph, bs_terms_info *info, bs_error *err)
{
	pt_producer P;
	pt_writer pw;
	int32_t (*best)[3] = NULL;  /* per phrase: its most frequent surface sequence */
	int64_t *bestn = NULL;
	int32_t *grp = NULL;          /* per paper: its group */
	uint64_t *gkey = NULL;        /* per group: ty_key(0, year, venue) */
	int32_t ngroup = 0;           /* -1: too many for the dense counts */
	uint8_t *starts = bs_xcalloc((size_t)t->nkey + 1, 1);   /* 1: a bigram, 2: a trigram */
	int rc;

	memset(&P, 0, sizeof P);
	memset(&pw, 0, sizeof pw);
	P.t = t;
	P.sp = sp;
	P.np = np;
	P.tok = tok;
	P.surf = surf;
	P.phr2 = &ph->phr2;
	P.phr3 = &ph->phr3;
	P.starts = starts;
	P.nterm = t->nkey + ph->n;
	P.papers = bs_xcalloc((size_t)P.nterm + 1, sizeof *P.papers);
	P.occ = bs_xcalloc((size_t)P.nterm + 1, sizeof *P.occ);
	u64_init(&P.ty, 1 << 16);
	u64_init(&P.sf2, 1 << 12);
	u64_init(&P.sf3, 1 << 10);
	dense_groups(&P, &grp, &gkey, &ngroup);
	/* which keys begin a phrase: most tokens begin none and skip the lookups */
	for (int32_t i = 0; i < ph->n; i++)
		starts[ph->phr[i][0]] |= ph->phr[i][2] < 0 ? 1 : 2;
	pw.rows_out = w;
	pw.err = err;
	rc = pt_run(&P, &pw) ? err->code : BS_OK;
	if (rc)
		goto cleanup;
	info->paper_terms = pw.rows;
	bs_trace("terms: paper term lists inserted");
	best = bs_xcalloc((size_t)ph->n + 1, sizeof *best);
	bestn = bs_xcalloc((size_t)ph->n + 1, sizeof *bestn);
	best_spellings(t, ph, &P, best, bestn);
	rc = write_terms(w, t, ph, &P, best, bestn, err);
	if (!rc)
		rc = write_years(w, &P, gkey, ngroup, err);
cleanup:
	free(P.dense);
	free(grp);
	free(gkey);
	u64_release(&P.ty);
	u64_release(&P.sf2);
	u64_release(&P.sf3);
	free(best);
	free(bestn);
	free(P.papers);
	free(P.occ);
	free(starts);
	return rc;
}
