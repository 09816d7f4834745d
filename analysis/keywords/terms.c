#define _GNU_SOURCE   /* pthread_setname_np */
#include "base/trace.h"
#include "base/clock.h"
#include "analysis/keywords/terms.h"
#include "analysis/results.h"
#include "analysis/keywords/text.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void bs_terms_opts_init(bs_terms_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_count = 0;
	o->min_npmi = 0.3;
}

#define BS_TERMS_KEYS_VERSION 2

/* ---- a counting hash map: uint64 key -> int64 value (open addressing) ---- */

typedef struct u64slot {
	uint64_t key;        /* 0 = empty; stored keys are key + 1 */
	int64_t val;
} u64slot;

/* Key and value side by side: a probe touches one cache line.  The maps
 * of the n-gram counts hold millions of keys and are probed at random, so
 * the hot loops prefetch the slot of a key a few iterations ahead
 * (u64_prefetch). */
typedef struct u64map {
	u64slot *slot;
	size_t cap, count;
} u64map;

static void u64_init(u64map *m, size_t cap)
{
	size_t c = 1024;
	while (c < cap * 2)
		c <<= 1;
	m->cap = c;
	m->count = 0;
	m->slot = bs_xcalloc(c, sizeof *m->slot);
}

static void u64_release(u64map *m)
{
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static inline size_t u64_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k;
}

static inline void u64_prefetch(const u64map *m, uint64_t key)
{
	__builtin_prefetch(&m->slot[u64_hash(key) & (m->cap - 1)]);
}

static int64_t *u64_slot(u64map *m, uint64_t key, int create);

static void u64_grow(u64map *m)
{
	u64map n;
	u64_init(&n, m->cap);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].key)
			*u64_slot(&n, m->slot[i].key - 1, 1) = m->slot[i].val;
	u64_release(m);
	*m = n;
}

static int64_t *u64_slot(u64map *m, uint64_t key, int create)
{
	size_t i;

	if (create && (m->count + 1) * 10 > m->cap * 7)
		u64_grow(m);
	i = u64_hash(key) & (m->cap - 1);
	for (;;) {
		if (m->slot[i].key == key + 1)
			return &m->slot[i].val;
		if (!m->slot[i].key) {
			if (!create)
				return NULL;
			m->slot[i].key = key + 1;
			m->count++;
			return &m->slot[i].val;
		}
		i = (i + 1) & (m->cap - 1);
	}
}

#define KEY_BITS 21
#define KEY_MAX ((1 << KEY_BITS) - 1)

static uint64_t key2(int32_t a, int32_t b)
{
	return ((uint64_t)a << KEY_BITS) | (uint64_t)b;
}

static uint64_t key3(int32_t a, int32_t b, int32_t c)
{
	return ((uint64_t)a << (2 * KEY_BITS)) | ((uint64_t)b << KEY_BITS) | (uint64_t)c;
}

/* ---- synonyms ---- */

typedef struct synonyms {
	u64map map;            /* variant key (1-3 keys) + length tag -> index into canon */
	int32_t (*canon)[4];   /* canonical surface ids, -1 padded */
	size_t n, cap;
} synonyms;

static uint64_t syn_key(const int32_t *v, int len)
{
	uint64_t k = 0;
	for (int i = 0; i < len; i++)
		k = (k << KEY_BITS) | (uint64_t)v[i];
	return k * 4 + (uint64_t)len;
}

/* Surface ids of the words of s (at most max; max + 1 when there are more). */
static int surfaces_of(bs_text *t, const char *s, int32_t *out, int max)
{
	int32_t *v = NULL;
	size_t cap = 0, n = bs_text_tokenize(t, s, strlen(s), &v, 0, &cap);
	int k = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] >= 0) {
			if (k == max) {
				k = max + 1;
				break;
			}
			out[k++] = v[i];
		}
	free(v);
	return k;
}

static int load_synonyms(bs_text *t, const char *path, synonyms *sy, bs_error *err)
{
	FILE *f = fopen(path, "r");
	char line[2048];
	long ln = 0;

	if (!f)
		return bs_error_set(err, BS_ERR_IO, "%s: cannot read synonyms: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		char *tab, *e;
		int32_t var[4], can[4];
		int nv, nc;

		ln++;
		e = line + strlen(line);
		while (e > line && (e[-1] == '\n' || e[-1] == '\r'))
			*--e = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (!tab) {
			fclose(f);
			return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: expected 'variant<TAB>canonical'", path, ln);
		}
		*tab = '\0';
		nv = surfaces_of(t, line, var, 3);
		nc = surfaces_of(t, tab + 1, can, 4);
		for (int i = 0; i < nv && i < 3; i++)
			var[i] = t->surf_key[var[i]];
		if (nv < 1 || nv > 3 || nc < 1 || nc > 4) {
			fclose(f);
			return bs_error_set(err, BS_ERR_FORMAT,
					    "%s:%ld: a variant has 1 to 3 words and a canonical form 1 to 4"
					    " (stopwords do not count)", path, ln);
		}
		if (sy->n == sy->cap) {
			sy->cap = sy->cap ? 2 * sy->cap : 64;
			sy->canon = bs_xrealloc(sy->canon, sy->cap * sizeof *sy->canon);
		}
		for (int i = 0; i < 4; i++)
			sy->canon[sy->n][i] = i < nc ? can[i] : -1;
		*u64_slot(&sy->map, syn_key(var, nv), 1) = (int64_t)sy->n;
		sy->n++;
	}
	fclose(f);
	return BS_OK;
}

/* Rewrite the surface stream in[0..n) with the synonyms into out (longest
 * variant first; variants match by keys: "nerfs" as "nerf"). */
static size_t apply_synonyms(const bs_text *t, const synonyms *sy, const int32_t *in, size_t n,
			     int32_t *out)
{
	size_t i = 0, k = 0;

	while (i < n) {
		int done = 0;
		for (int len = 3; len >= 1 && !done; len--) {
			int ok = i + (size_t)len <= n;
			int32_t st[3];
			int64_t *hit;
			for (int j = 0; ok && j < len; j++) {
				ok = in[i + (size_t)j] >= 0;
				if (ok)
					st[j] = t->surf_key[in[i + (size_t)j]];
			}
			if (!ok)
				continue;
			hit = u64_slot((u64map *)&sy->map, syn_key(st, len), 0);
			if (hit) {
				for (int j = 0; j < 4 && sy->canon[*hit][j] >= 0; j++)
					out[k++] = sy->canon[*hit][j];
				i += (size_t)len;
				done = 1;
			}
		}
		if (!done)
			out[k++] = in[i++];
	}
	return k;
}

/* ---- paper term lists ---- */

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* An integer at *pp (optional '-', at most 18 digits) into *v. */
static int read_int(const char **pp, const char *e, int64_t *v)
{
	const char *p = skip_ws(*pp, e);
	int neg = 0, nd = 0;
	int64_t x = 0;

	if (p < e && *p == '-') {
		neg = 1;
		p++;
	}
	for (; p < e && *p >= '0' && *p <= '9' && nd < 18; p++, nd++)
		x = x * 10 + (*p - '0');
	if (!nd || (p < e && *p >= '0' && *p <= '9'))
		return -1;
	*v = neg ? -x : x;
	*pp = skip_ws(p, e);
	return 0;
}

static int expect(const char **pp, const char *e, char c)
{
	const char *p = skip_ws(*pp, e);

	if (p >= e || *p != c)
		return -1;
	*pp = skip_ws(p + 1, e);
	return 0;
}

long bs_term_list_decode(const char *text, size_t len, bs_term_count **out, size_t *cap)
{
	const char *p = text, *e = text + len;
	long n = 0;

	if (expect(&p, e, '['))
		return -1;
	if (!expect(&p, e, ']'))
		return p == e ? 0 : -1;
	for (;;) {
		bs_term_count c;
		if (expect(&p, e, '[') || read_int(&p, e, &c.term) || expect(&p, e, ',') ||
		    read_int(&p, e, &c.in_title) || expect(&p, e, ',') || read_int(&p, e, &c.in_abstract) ||
		    expect(&p, e, ']'))
			return -1;
		if ((size_t)n == *cap) {
			*cap = *cap ? 2 * *cap : 64;
			*out = bs_xrealloc(*out, *cap * sizeof **out);
		}
		(*out)[n++] = c;
		if (!expect(&p, e, ']'))
			return p == e ? n : -1;
		if (expect(&p, e, ','))
			return -1;
	}
}

/* ---- the build ---- */

typedef struct paper_span {
	int64_t id;
	int year;
	int64_t venue;
	size_t title, abstract, end;   /* offsets into the token stream */
} paper_span;

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

static int file_sha(const char *path, char hex[65])
{
	FILE *f;
	unsigned char buf[65536], md[32];
	size_t n;
	EVP_MD_CTX *c;

	hex[0] = '\0';
	if (!path)
		return 0;
	f = fopen(path, "rb");
	if (!f)
		return -1;
	c = EVP_MD_CTX_new();
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		EVP_DigestUpdate(c, buf, n);
	EVP_DigestFinal_ex(c, md, NULL);
	EVP_MD_CTX_free(c);
	fclose(f);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return 0;
}

static char *params_json(const bs_terms_opts *o, bs_error *err, int *rc)
{
	char sha1[65], sha2[65];
	json_t *j;
	char *s;

	*rc = BS_OK;
	if (file_sha(o->stopwords, sha1) || file_sha(o->synonyms, sha2)) {
		*rc = bs_error_set(err, BS_ERR_IO, "%s: cannot read: %s",
				   file_sha(o->stopwords, sha1) ? o->stopwords : o->synonyms, strerror(errno));
		return NULL;
	}
	j = json_object();
	json_object_set_new(j, "stopwords_sha256", sha1[0] ? json_string(sha1) : json_null());
	json_object_set_new(j, "synonyms_sha256", sha2[0] ? json_string(sha2) : json_null());
	json_object_set_new(j, "min_count", json_integer(o->min_count));
	json_object_set_new(j, "min_npmi", json_real(o->min_npmi));
	/* what a key is: 2 = inflection-folded words (1, unnamed: Porter
	 * stems); tables of another kind are rebuilt, not reused */
	json_object_set_new(j, "keys", json_integer(BS_TERMS_KEYS_VERSION));
	s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	return s;
}

static int db_err(bs_store *s, bs_error *err, const char *what)
{
	return bs_error_set(err, BS_ERR_DB, "%s: %s: %s", bs_store_path(s), what,
			    sqlite3_errmsg(bs_store_db(s)));
}

static int setup_text(bs_text *t, const bs_terms_opts *o, synonyms *sy, bs_error *err)
{
	int rc = bs_text_init(t, err);

	if (!rc && o->stopwords)
		rc = bs_text_load_stopwords(t, o->stopwords, err);
	u64_init(&sy->map, 64);
	if (!rc && o->synonyms)
		rc = load_synonyms(t, o->synonyms, sy, err);
	return rc;
}

static void synonyms_release(synonyms *sy)
{
	u64_release(&sy->map);
	free(sy->canon);
	memset(sy, 0, sizeof *sy);
}

int bs_terms_key(const bs_terms_opts *o, const char *text, bs_strbuf *out, bs_error *err)
{
	bs_text t;
	synonyms sy;
	int32_t v[8], w[16];
	int n, rc;

	memset(&sy, 0, sizeof sy);
	rc = setup_text(&t, o, &sy, err);
	bs_strbuf_reset(out);
	if (!rc) {
		n = surfaces_of(&t, text, v, 6);
		if (n < 1 || n > 6) {
			rc = bs_error_set(err, BS_ERR_NOTFOUND, n < 1 ? "'%s' has no words to look up (only stopwords?)"
					  : "'%s' is longer than a term can be", text);
		} else {
			size_t k = apply_synonyms(&t, &sy, v, (size_t)n, w);
			for (size_t i = 0; i < k; i++) {
				if (i)
					bs_strbuf_addc(out, ' ');
				bs_strbuf_adds(out, t.key_text[t.surf_key[w[i]]]);
			}
		}
	}
	synonyms_release(&sy);
	bs_text_release(&t);
	return rc;
}

/* Write every table; the caller holds the transaction. */
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
	sqlite3_stmt *ins;             /* INSERT INTO paper_term_lists */
	long rows;                     /* pairs written */
	int failed;                    /* an insert failed: see the connection */
} pt_writer;

/* Insert a chunk's lists; returns 0 or -1 (the connection has the message). */
static int pt_insert(pt_writer *w, const pt_chunk *c)
{
	for (size_t i = 0; i < c->n; i++) {
		sqlite3_bind_int64(w->ins, 1, c->paper[i]);
		sqlite3_bind_text(w->ins, 2, c->text + c->off[i], (int)c->len[i], SQLITE_STATIC);
		if (sqlite3_step(w->ins) != SQLITE_DONE)
			return -1;
		sqlite3_reset(w->ins);
	}
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

static void *pt_produce(void *arg)
{
	pt_producer *P = arg;
	const bs_text *t = P->t;
	const paper_span *sp = P->sp;
	const int32_t *tok = P->tok, *surf = P->surf;
	const uint8_t *starts = P->starts;
	int32_t nterm = P->nterm;
	int32_t *cnt_t = bs_xcalloc((size_t)nterm + 1, sizeof *cnt_t);   /* zero between papers */
	int32_t *cnt_a = bs_xcalloc((size_t)nterm + 1, sizeof *cnt_a);
	int32_t *dist = NULL;                                           /* distinct terms of a paper */
	pt *buf = NULL;
	size_t capbuf = 0, ndist = 0, capdist = 0;
	pt_chunk *ch = P->chunk[0];

	for (size_t p = 0; p < P->np && ch; p++) {
		size_t nb = 0;
		for (size_t i = sp[p].title; i < sp[p].end; i++) {
			int32_t a = tok[i];
			uint8_t where = i < sp[p].abstract ? 1 : 2;
			if (a < 0)
				continue;
			if (nb + 3 > capbuf) {
				capbuf = capbuf ? 2 * capbuf : 1024;
				buf = bs_xrealloc(buf, capbuf * sizeof *buf);
			}
			buf[nb].term = a;
			buf[nb++].where = where;
			if (starts[a] && i + 1 < sp[p].end && tok[i + 1] >= 0 &&
			    (i + 1 < sp[p].abstract) == (i < sp[p].abstract)) {
				int64_t *h = starts[a] & 1 ? u64_slot((u64map *)P->phr2, key2(a, tok[i + 1]), 0) : NULL;
				if (h) {
					buf[nb].term = t->nkey + (int32_t)*h;
					buf[nb++].where = where;
					if (t->nsurf <= KEY_MAX)
						(*u64_slot(&P->sf2, key2(surf[i], surf[i + 1]), 1))++;
				}
				if ((starts[a] & 2) && i + 2 < sp[p].end && tok[i + 2] >= 0 &&
				    (i + 2 < sp[p].abstract) == (i < sp[p].abstract)) {
					h = u64_slot((u64map *)P->phr3, key3(a, tok[i + 1], tok[i + 2]), 0);
					if (h) {
						buf[nb].term = t->nkey + (int32_t)*h;
						buf[nb++].where = where;
						if (t->nsurf <= KEY_MAX)
							(*u64_slot(&P->sf3, key3(surf[i], surf[i + 1], surf[i + 2]), 1))++;
					}
				}
			}
		}
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
		if (ch->used + 2 + ndist * PT_ENTRY_MAX > ch->cap) {
			while (ch->used + 2 + ndist * PT_ENTRY_MAX > ch->cap)
				ch->cap = ch->cap ? 2 * ch->cap : 1 << 20;
			ch->text = bs_xrealloc(ch->text, ch->cap);
		}
		{
			char *o = ch->text + ch->used;
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
 * be started; fills P's totals.  Returns 0 or -1 (an insert failed; the
 * connection has the message). */
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

static int write_tables(bs_store *s, bs_text *t, const paper_span *sp, size_t np, const int32_t *tok,
			const int32_t *surf,
			const u64map *phr2, const u64map *phr3, int32_t nphr, const int32_t (*phr)[3],
			bs_terms_info *info, bs_error *err)
{
	sqlite3 *db = bs_store_db(s);
	sqlite3_stmt *ins_pt = NULL, *ins_term = NULL, *ins_ty = NULL;
	int32_t nterm = t->nkey + nphr;
	pt_producer P;
	pt_writer w;
	u64map *ty = &P.ty, *sf2 = &P.sf2, *sf3 = &P.sf3;
	long *papers, *occ;
	int32_t (*best)[3] = NULL;  /* per phrase: its most frequent surface sequence */
	int64_t *bestn = NULL;
	size_t nty = 0;
	ty_row *tyrows = NULL;
	int32_t *grp = NULL;          /* per paper: its group */
	uint64_t *gkey = NULL;        /* per group: ty_key(0, year, venue) */
	int32_t ngroup = 0;           /* -1: too many for the dense counts */
	const char **disp = bs_xcalloc((size_t)t->nkey + 1, sizeof *disp);
	uint8_t *starts = bs_xcalloc((size_t)t->nkey + 1, 1);   /* 1: a bigram, 2: a trigram */
	int rc = BS_OK;

	memset(&P, 0, sizeof P);
	memset(&w, 0, sizeof w);
	P.t = t;
	P.sp = sp;
	P.np = np;
	P.tok = tok;
	P.surf = surf;
	P.phr2 = phr2;
	P.phr3 = phr3;
	P.starts = starts;
	P.nterm = nterm;
	papers = P.papers = bs_xcalloc((size_t)nterm + 1, sizeof *papers);
	occ = P.occ = bs_xcalloc((size_t)nterm + 1, sizeof *occ);
	u64_init(ty, 1 << 16);
	u64_init(sf2, 1 << 12);
	u64_init(sf3, 1 << 10);
	/* term_year's counts: a dense array per (year, venue) group when the
	 * groups times the terms are few enough (a paper's terms, in order,
	 * then fall in one stretch of it), else the hash map */
	{
		u64map gm;
		const char *env = getenv("BIBSCOPE_DENSE_MAX_CELLS");   /* tests: the hash map's path */
		size_t dense_max = env && *env ? (size_t)strtoull(env, NULL, 10) : TY_DENSE_MAX;
		u64_init(&gm, 256);
		grp = bs_xmalloc((np + 1) * sizeof *grp);
		for (size_t p = 0; p < np && ngroup >= 0; p++) {
			int64_t *g = u64_slot(&gm, ty_key(0, sp[p].year, sp[p].venue), 1);
			if (!*g) {
				if ((size_t)(ngroup + 1) * (size_t)(nterm + 1) > dense_max) {
					ngroup = -1;   /* too many: the hash map */
					break;
				}
				*g = ++ngroup;
				gkey = bs_xrealloc(gkey, (size_t)ngroup * sizeof *gkey);
				gkey[ngroup - 1] = ty_key(0, sp[p].year, sp[p].venue);
			}
			grp[p] = (int32_t)*g - 1;
		}
		u64_release(&gm);
		if (ngroup > 0) {
			P.dense = bs_xcalloc((size_t)ngroup * (size_t)nterm, sizeof *P.dense);
			P.grp = grp;
		}
	}
	/* which keys begin a phrase: most tokens begin none and skip the lookups */
	for (int32_t i = 0; i < nphr; i++)
		starts[phr[i][0]] |= phr[i][2] < 0 ? 1 : 2;
	if (sqlite3_prepare_v2(db, "INSERT INTO paper_term_lists(paper_id, terms) VALUES(?1, ?2)", -1, &ins_pt,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO terms(id, key, display, n, papers, occurrences)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6)", -1, &ins_term, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO term_year(term_id, year, venue_id, papers, occurrences)"
			       " VALUES(?1, ?2, ?3, ?4, ?5)", -1, &ins_ty, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "prepare term tables");
		goto cleanup;
	}
	w.ins = ins_pt;
	if (pt_run(&P, &w)) {
		rc = db_err(s, err, "paper_term_lists");
		goto cleanup;
	}
	info->paper_terms = w.rows;
	bs_trace("terms: paper term lists inserted");
	/* a phrase is shown as its most frequent spelling */
	best = bs_xcalloc((size_t)nphr + 1, sizeof *best);
	bestn = bs_xcalloc((size_t)nphr + 1, sizeof *bestn);
	for (int pass = 0; pass < 2; pass++) {
		u64map *m = pass ? sf3 : sf2;
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
				h = u64_slot((u64map *)phr3, key3(t->surf_key[w[0]], t->surf_key[w[1]],
								   t->surf_key[w[2]]), 0);
			} else {
				w[0] = (int32_t)(k >> KEY_BITS);
				w[1] = (int32_t)(k & KEY_MAX);
				w[2] = -1;
				h = u64_slot((u64map *)phr2, key2(t->surf_key[w[0]], t->surf_key[w[1]]), 0);
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
	/* terms */
	bs_text_display_forms(t, disp);
	for (int32_t id = 0; id < nterm; id++) {
		bs_strbuf key = BS_STRBUF_INIT, dsp = BS_STRBUF_INIT;
		int n = 1;
		if (!papers[id])
			continue;
		bs_strbuf_init(&key);
		bs_strbuf_init(&dsp);
		if (id < t->nkey) {
			bs_strbuf_adds(&key, t->key_text[id]);
			bs_strbuf_adds(&dsp, disp[id]);
		} else {
			const int32_t *w = phr[id - t->nkey], *b = best[id - t->nkey];
			int have = bestn[id - t->nkey] > 0;
			for (n = 0; n < 3 && w[n] >= 0; n++) {
				if (n) {
					bs_strbuf_addc(&key, ' ');
					bs_strbuf_addc(&dsp, ' ');
				}
				bs_strbuf_adds(&key, t->key_text[w[n]]);
				bs_strbuf_adds(&dsp, have ? t->surf_text[b[n]] : disp[w[n]]);
			}
		}
		sqlite3_bind_int(ins_term, 1, id);
		sqlite3_bind_text(ins_term, 2, key.buf, (int)key.len, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins_term, 3, dsp.buf, (int)dsp.len, SQLITE_TRANSIENT);
		sqlite3_bind_int(ins_term, 4, n);
		sqlite3_bind_int64(ins_term, 5, papers[id]);
		sqlite3_bind_int64(ins_term, 6, occ[id]);
		rc = sqlite3_step(ins_term) == SQLITE_DONE ? BS_OK : db_err(s, err, "terms");
		sqlite3_reset(ins_term);
		bs_strbuf_release(&key);
		bs_strbuf_release(&dsp);
		if (rc)
			goto cleanup;
	}
	/* in key order: appends to the WITHOUT ROWID table instead of random inserts */
	if (P.dense) {
		/* term by term, groups in (year, venue) order: already key order */
		int32_t *order = bs_xmalloc((size_t)ngroup * sizeof *order);
		ty_row *gs = bs_xmalloc((size_t)ngroup * sizeof *gs);
		size_t cap = 1024;
		for (int32_t g = 0; g < ngroup; g++) {
			gs[g].key = gkey[g];
			gs[g].val = g;
		}
		qsort(gs, (size_t)ngroup, sizeof *gs, cmp_ty);
		for (int32_t g = 0; g < ngroup; g++)
			order[g] = (int32_t)gs[g].val;
		free(gs);
		tyrows = bs_xmalloc(cap * sizeof *tyrows);
		for (int32_t term = 0; term < nterm; term++)
			for (int32_t x = 0; x < ngroup; x++) {
				int64_t v = P.dense[(size_t)order[x] * (size_t)nterm + (size_t)term];
				if (!v)
					continue;
				if (nty == cap) {
					cap *= 2;
					tyrows = bs_xrealloc(tyrows, cap * sizeof *tyrows);
				}
				tyrows[nty].key = ((uint64_t)term << 36) | gkey[order[x]];
				tyrows[nty++].val = v;
			}
		free(order);
	} else {
		tyrows = bs_xmalloc((ty->count + 1) * sizeof *tyrows);
		for (size_t i = 0; i < ty->cap; i++)
			if (ty->slot[i].key) {
				tyrows[nty].key = ty->slot[i].key - 1;
				tyrows[nty++].val = ty->slot[i].val;
			}
		qsort(tyrows, nty, sizeof *tyrows, cmp_ty);
	}
	for (size_t o = 0; o < nty; o++) {
		uint64_t k = tyrows[o].key;
		sqlite3_bind_int64(ins_ty, 1, (sqlite3_int64)(k >> 36));
		sqlite3_bind_int(ins_ty, 2, (int)((k >> 24) & 0xFFF));
		sqlite3_bind_int(ins_ty, 3, (int)(k & 0xFFFFFF));
		sqlite3_bind_int64(ins_ty, 4, tyrows[o].val >> 32);
		sqlite3_bind_int64(ins_ty, 5, tyrows[o].val & 0xFFFFFFFF);
		if (sqlite3_step(ins_ty) != SQLITE_DONE) {
			rc = db_err(s, err, "term_year");
			goto cleanup;
		}
		sqlite3_reset(ins_ty);
	}
cleanup:
	sqlite3_finalize(ins_pt);
	sqlite3_finalize(ins_term);
	sqlite3_finalize(ins_ty);
	free(tyrows);
	free(P.dense);
	free(grp);
	free(gkey);
	u64_release(ty);
	u64_release(sf2);
	u64_release(sf3);
	free(best);
	free(bestn);
	free(papers);
	free(occ);
	free(disp);
	free(starts);
	return rc;
}

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
				*ntok += apply_synonyms(t, sy, *tmp, k, *tok + *ntok);
			}
		}
		p->end = *ntok;
	}
}

/* Tokenize every paper into *tok (paper spans in *sp).  Falls back to one
 * thread when workers cannot start.  Errors: BS_ERR_DB. */
static int tokenize_papers(bs_store *s, bs_text *t, const synonyms *sy, paper_span **sp, size_t *np,
			   int32_t **tok, size_t *ntok, bs_error *err)
{
	sqlite3 *db = bs_store_db(s);
	sqlite3_stmt *st = NULL;
	tok_pool pl;
	tok_worker wk[TOK_WORKERS];
	pthread_t th[TOK_WORKERS];
	int started[TOK_WORKERS] = {0};
	size_t capsp = 0, captok = 0, captmp = 0;
	int32_t *tmp = NULL;
	long next_seq = 0, merge_seq = 0;
	int rc = BS_OK, r = SQLITE_ROW, more = 1;

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
	if (sqlite3_prepare_v2(db, "SELECT id, COALESCE(year, 0), COALESCE(venue_id, 0), title, abstract"
			       " FROM papers ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "papers");
		goto cleanup;
	}
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
		/* fill a batch */
		bs_arena_reset(&free_slot->texts);
		free_slot->n = 0;
		while (free_slot->n < TOK_BATCH && (r = sqlite3_step(st)) == SQLITE_ROW) {
			size_t i = free_slot->n++;
			free_slot->meta[i].id = sqlite3_column_int64(st, 0);
			free_slot->meta[i].year = sqlite3_column_int(st, 1);
			free_slot->meta[i].venue = sqlite3_column_int64(st, 2);
			for (int part = 0; part < 2; part++) {
				const char *txt = (const char *)sqlite3_column_text(st, 3 + part);
				size_t len = (size_t)sqlite3_column_bytes(st, 3 + part);
				free_slot->text[i][part] = txt ? bs_arena_strndup(&free_slot->texts, txt, len) : NULL;
				free_slot->len[i][part] = len;
			}
		}
		if (r != SQLITE_ROW) {
			more = 0;
			if (r != SQLITE_DONE) {
				rc = db_err(s, err, "papers");
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
	sqlite3_finalize(st);
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

/* ---- step 2: n-gram counts ----
 * Only the n-grams seen at least min_count times can become phrases, and
 * those are few: at 1M synthetic papers 10.3M distinct bigrams of
 * frequent words occur in 127M tokens, of which about 1% reach the
 * count.  Counting every one exactly meant a 256 MB hash map probed at
 * random (and rehashed five times on the way), for bigrams and again for
 * trigrams: 8.5 s.  So each is counted in two passes over the token
 * stream:
 *   1. a sketch: one saturating byte counter per hash bucket (a few
 *      tokens per bucket, small enough to stay in the cache), counting
 *      every occurrence;
 *   2. the exact count, in the hash map, of only the n-grams whose bucket
 *      reached min_count.
 * A bucket counts at least the n-gram's own occurrences, so no n-gram that
 * reaches min_count is left out, and the map holds exact counts: the
 * phrases are those of the one-pass count, and the map is a few MB.
 * Trigrams are counted where both of their bigrams are frequent (a bit
 * per position, set once the bigrams are known).  Each pass fetches the
 * bucket or slot SKETCH_AHEAD tokens on while it counts this one. */

/* Sketch buckets for a stream of ntok tokens: about 4 tokens a bucket,
 * 64 KiB to 64 MiB. */
static size_t sketch_size(size_t ntok)
{
	size_t n = (size_t)1 << 16;
	const char *env = getenv("BIBSCOPE_SKETCH_BUCKETS");   /* tests: every bucket shared */

	if (env && *env) {
		size_t want = (size_t)strtoull(env, NULL, 10);
		for (n = 1; n < want && n < ((size_t)1 << 26); n <<= 1)
			;
		return n;
	}

	while (n < ntok / 4 && n < ((size_t)1 << 26))
		n <<= 1;
	return n;
}

/* Bit i of the bit array b. */
static inline int bit_at(const uint8_t *b, size_t i)
{
	return (b[i >> 3] >> (i & 7)) & 1;
}

/* The n-gram key at position i of the stream, or UINT64_MAX when there
 * is none: a bigram (len 2) of frequent words, or a trigram (len 3)
 * whose two bigrams are frequent (freq2: a bit per position). */
static inline uint64_t ngram_at(const int32_t *tok, size_t ntok, size_t i, int len, const long *c1,
				long min_count, const uint8_t *freq2)
{
	if (len == 2) {
		int32_t a, b;
		if (i + 1 >= ntok)
			return UINT64_MAX;
		a = tok[i];
		b = tok[i + 1];
		if (a < 0 || b < 0 || c1[a] < min_count || c1[b] < min_count)
			return UINT64_MAX;
		return key2(a, b);
	}
	if (i + 2 >= ntok || !bit_at(freq2, i) || !bit_at(freq2, i + 1))
		return UINT64_MAX;
	return key3(tok[i], tok[i + 1], tok[i + 2]);
}

/* The sketch is read and written at random (32 MB at 1M papers) for
 * little work a token: fetched this many tokens ahead (8: 2.2 s a pass
 * at 1M papers; 32: 1.8 s). */
#define SKETCH_AHEAD 32

/* The two passes for n-grams of length len into out (exact counts of
 * every n-gram whose sketch bucket reached min_count). */
static void count_pass(const int32_t *tok, size_t ntok, int len, const long *c1, long min_count,
		       const uint8_t *freq2, uint8_t *sk, size_t nsk, int sketched, u64map *out)
{
	uint8_t thr = (uint8_t)(min_count > 255 ? 255 : min_count < 1 ? 1 : min_count);
	uint64_t ring[SKETCH_AHEAD];   /* keys of positions i .. i + SKETCH_AHEAD - 1 */
	size_t mask = nsk - 1;

	if (!sketched)
		memset(sk, 0, nsk);
	for (int pass = sketched; pass < 2; pass++) {
		for (size_t i = 0; i < SKETCH_AHEAD; i++) {
			ring[i] = ngram_at(tok, ntok, i, len, c1, min_count, freq2);
			if (ring[i] != UINT64_MAX)
				__builtin_prefetch(&sk[u64_hash(ring[i]) & mask]);
		}
		for (size_t i = 0; i < ntok; i++) {
			uint64_t k = ring[i % SKETCH_AHEAD], ka;
			size_t h;
			ka = ring[i % SKETCH_AHEAD] = ngram_at(tok, ntok, i + SKETCH_AHEAD, len, c1, min_count, freq2);
			if (ka != UINT64_MAX)
				__builtin_prefetch(&sk[u64_hash(ka) & mask]);
			if (k == UINT64_MAX)
				continue;
			h = u64_hash(k) & mask;
			if (pass == 0) {
				if (sk[h] < 255)
					sk[h]++;
			} else if (sk[h] >= thr) {
				(*u64_slot(out, k, 1))++;
			}
		}
		bs_trace("terms: %d-gram pass %d", len, pass + 1);
	}
}

static void count_ngrams(const int32_t *tok, size_t ntok, const long *c1, long min_count, u64map *c2,
			 u64map *c3)
{
	size_t nsk = sketch_size(ntok);
	uint8_t *sk = bs_xmalloc(nsk);
	uint8_t *freq2 = bs_xcalloc(ntok / 8 + 1, 1);   /* the bigram at i reached min_count */

	count_pass(tok, ntok, 2, c1, min_count, NULL, sk, nsk, 0, c2);
	bs_trace("terms: bigrams counted, %zu tokens, %zu candidates", ntok, c2->count);
	/* one pass marks the frequent bigrams and makes the trigrams' sketch:
	 * the trigram at i - 1 is known once the bigram at i is; its bucket
	 * is fetched now and counted SKETCH_AHEAD trigrams later (saturating
	 * counts do not depend on the order) */
	memset(sk, 0, nsk);
	{
		size_t pend[SKETCH_AHEAD], np = 0, mask = nsk - 1;
		for (size_t i = 0; i + 1 < ntok; i++) {
			uint64_t k, ka = ngram_at(tok, ntok, i + SKETCH_AHEAD, 2, c1, min_count, NULL);
			const int64_t *h;
			if (ka != UINT64_MAX)
				u64_prefetch(c2, ka);
			k = ngram_at(tok, ntok, i, 2, c1, min_count, NULL);
			if (k == UINT64_MAX)
				continue;
			h = u64_slot(c2, k, 0);
			if (!h || *h < min_count)
				continue;
			freq2[i >> 3] |= (uint8_t)(1u << (i & 7));
			if (i > 0 && bit_at(freq2, i - 1)) {
				size_t b = u64_hash(key3(tok[i - 1], tok[i], tok[i + 1])) & mask, *slot = &pend[np % SKETCH_AHEAD];
				if (np >= SKETCH_AHEAD && sk[*slot] < 255)
					sk[*slot]++;
				__builtin_prefetch(&sk[b]);
				*slot = b;
				np++;
			}
		}
		for (size_t j = np > SKETCH_AHEAD ? np - SKETCH_AHEAD : 0; j < np; j++)
			if (sk[pend[j % SKETCH_AHEAD]] < 255)
				sk[pend[j % SKETCH_AHEAD]]++;
	}
	bs_trace("terms: frequent bigrams marked, trigrams sketched");
	count_pass(tok, ntok, 3, c1, min_count, freq2, sk, nsk, 1, c3);
	free(freq2);
	free(sk);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void push_u64(uint64_t **v, size_t *n, size_t *cap, uint64_t k)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		*v = bs_xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = k;
}

/* Append the phrase (a, b, c) (c = -1 for a bigram); returns its index. */
static int32_t add_phrase(int32_t (**phr)[3], int32_t *n, int32_t *cap, int32_t a, int32_t b, int32_t c)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		*phr = bs_xrealloc(*phr, (size_t)*cap * sizeof **phr);
	}
	(*phr)[*n][0] = a;
	(*phr)[*n][1] = b;
	(*phr)[*n][2] = c;
	return (*n)++;
}

int bs_terms_ensure(bs_store *s, const bs_terms_opts *o, int force, bs_terms_info *info,
		    bs_error *err)
{
	sqlite3 *db = bs_store_db(s);
	sqlite3_stmt *st = NULL;
	bs_text t;
	synonyms sy;
	paper_span *sp = NULL;
	size_t np = 0, ntok = 0;
	int32_t *tok = NULL, *tmp = NULL, *surf = NULL;
	long *c1 = NULL;
	u64map c2, c3, phr2, phr3;
	int32_t (*phr)[3] = NULL;
	int32_t nphr = 0, capphr = 0;
	char *params = NULL;
	double t0 = bs_clock_seconds();
	long min_count = o->min_count;
	int64_t version = 0;
	int rc, began = 0, locked = 0;

	memset(info, 0, sizeof *info);
	memset(&sy, 0, sizeof sy);
	memset(&t, 0, sizeof t);
	memset(&c2, 0, sizeof c2);
	memset(&c3, 0, sizeof c3);
	memset(&phr2, 0, sizeof phr2);
	memset(&phr3, 0, sizeof phr3);
	params = params_json(o, err, &rc);
	if (rc)
		goto cleanup;
	if (!force) {
		rc = bs_results_find(s, "terms", params, &info->run_id, err);
		if (rc || info->run_id)
			goto cleanup;
	}
	rc = setup_text(&t, o, &sy, err);
	if (rc)
		goto cleanup;

	/* 1. tokenize every paper */
	bs_trace("terms: tokenizing");
	rc = bs_store_read_begin(s, &version, err);
	if (!rc)
		rc = tokenize_papers(s, &t, &sy, &sp, &np, &tok, &ntok, err);
	bs_store_read_end(s);
	if (rc)
		goto cleanup;
	bs_trace("terms: tokenized");
	if (np == 0) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "%s: no papers (ingest some first)", bs_store_path(s));
		goto cleanup;
	}
	info->papers = (long)np;
	if (min_count <= 0) {
		min_count = ((long)np + 1999) / 2000;
		if (min_count < 3)
			min_count = 3;
		if (min_count > 20)
			min_count = 20;
	}
	info->min_count = min_count;

	/* 2. n-gram counts among frequent words */
	c1 = bs_xcalloc((size_t)t.nkey + 1, sizeof *c1);
	/* from here on the stream holds keys; surf keeps the surface ids */
	surf = bs_xmalloc((ntok ? ntok : 1) * sizeof *surf);
	for (size_t i = 0; i < ntok; i++) {
		surf[i] = tok[i];
		if (tok[i] >= 0) {
			tok[i] = t.surf_key[tok[i]];
			c1[tok[i]]++;
			info->tokens++;
		}
	}
	u64_init(&c2, 1 << 18);
	u64_init(&c3, 1 << 16);
	u64_init(&phr2, 1 << 12);
	u64_init(&phr3, 1 << 10);
	if (t.nkey <= KEY_MAX)
		count_ngrams(tok, ntok, c1, min_count, &c2, &c3);
	bs_trace("terms: n-grams counted, %zu bigrams, %zu trigrams", c2.count, c3.count);
	/* 3. phrases by NPMI, numbered in key order (not in the maps' order) */
	{
		double N = (double)(info->tokens ? info->tokens : 1);
		uint64_t *cd = NULL;   /* keys of the phrases, sorted before they are numbered */
		size_t ncd = 0, capcd = 0;
		for (size_t i = 0; i < c2.cap; i++) {
			uint64_t k;
			int32_t a, b;
			double pxy, npmi;
			if (!c2.slot[i].key || c2.slot[i].val < min_count)
				continue;
			k = c2.slot[i].key - 1;
			a = (int32_t)(k >> KEY_BITS);
			b = (int32_t)(k & KEY_MAX);
			pxy = (double)c2.slot[i].val / N;
			npmi = log(pxy / (((double)c1[a] / N) * ((double)c1[b] / N))) / -log(pxy);
			if (npmi < o->min_npmi || a == b)
				continue;
			push_u64(&cd, &ncd, &capcd, k);
		}
		if (ncd)   /* cd is NULL when there are no candidates */
			qsort(cd, ncd, sizeof *cd, cmp_u64);
		for (size_t i = 0; i < ncd; i++) {
			uint64_t k = cd[i];
			*u64_slot(&phr2, k, 1) = add_phrase(&phr, &nphr, &capphr, (int32_t)(k >> KEY_BITS),
							    (int32_t)(k & KEY_MAX), -1);
			info->bigrams++;
		}
		ncd = 0;
		for (size_t i = 0; i < c3.cap; i++) {
			uint64_t k;
			int32_t a, b, c;
			double pr, npmi;
			if (!c3.slot[i].key || c3.slot[i].val < min_count)
				continue;
			k = c3.slot[i].key - 1;
			a = (int32_t)(k >> (2 * KEY_BITS));
			b = (int32_t)((k >> KEY_BITS) & KEY_MAX);
			c = (int32_t)(k & KEY_MAX);
			pr = (double)c3.slot[i].val / N;
			npmi = log(pr / (((double)c1[a] / N) * ((double)c1[b] / N) * ((double)c1[c] / N))) /
			       (-2 * log(pr));
			if (npmi < o->min_npmi)
				continue;
			push_u64(&cd, &ncd, &capcd, k);
		}
		if (ncd)   /* cd is NULL when there are no candidates */
			qsort(cd, ncd, sizeof *cd, cmp_u64);
		for (size_t i = 0; i < ncd; i++) {
			uint64_t k = cd[i];
			*u64_slot(&phr3, k, 1) = add_phrase(&phr, &nphr, &capphr, (int32_t)(k >> (2 * KEY_BITS)),
							    (int32_t)((k >> KEY_BITS) & KEY_MAX),
							    (int32_t)(k & KEY_MAX));
			info->trigrams++;
		}
		free(cd);
	}
	info->unigrams = t.nkey;

	/* the counts are done with: give their memory (1.5 GB at 3M papers)
	 * back before the tables are written */
	u64_release(&c2);
	u64_release(&c3);
	bs_trace("terms: phrases chosen; waiting for the write lock");
	/* 4. tables, in one transaction, under the writer lock (store.h) */
	rc = bs_store_lock(s, err);
	if (rc)
		goto cleanup;
	locked = 1;
	rc = bs_store_exec(s, "BEGIN IMMEDIATE; DELETE FROM paper_term_lists; DELETE FROM term_year;"
			   " DELETE FROM terms;", err);
	if (rc) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		goto cleanup;
	}
	began = 1;
	bs_trace("terms: write lock taken");
	rc = write_tables(s, &t, sp, np, tok, surf, &phr2, &phr3, nphr, (const int32_t(*)[3])phr, info, err);
	if (rc)
		goto cleanup;
	{
		int64_t v = version;   /* of the snapshot tokenized, not of now */
		json_t *sum = json_object();
		char *txt;
		info->seconds = bs_clock_seconds() - t0;
		json_object_set_new(sum, "papers", json_integer(info->papers));
		json_object_set_new(sum, "tokens", json_integer(info->tokens));
		json_object_set_new(sum, "unigrams", json_integer(info->unigrams));
		json_object_set_new(sum, "bigrams", json_integer(info->bigrams));
		json_object_set_new(sum, "trigrams", json_integer(info->trigrams));
		json_object_set_new(sum, "paper_terms", json_integer(info->paper_terms));
		json_object_set_new(sum, "min_count", json_integer(info->min_count));
		txt = json_dumps(sum, JSON_SORT_KEYS | JSON_COMPACT);
		json_decref(sum);
		{
			if (sqlite3_prepare_v2(db, "DELETE FROM runs WHERE kind = 'terms'", -1, &st, NULL) != SQLITE_OK ||
			    sqlite3_step(st) != SQLITE_DONE)
				rc = db_err(s, err, "runs");
			sqlite3_finalize(st);
			st = NULL;
		}
		if (!rc && (sqlite3_prepare_v2(db, "INSERT INTO runs(kind, params, data_version, summary, created_at)"
					       " VALUES('terms', ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
					       -1, &st, NULL) != SQLITE_OK)) {
			rc = db_err(s, err, "runs");
		} else if (!rc) {
			sqlite3_bind_text(st, 1, params, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, v);
			sqlite3_bind_text(st, 3, txt, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_err(s, err, "runs");
			info->run_id = sqlite3_last_insert_rowid(db);
		}
		sqlite3_finalize(st);
		st = NULL;
		free(txt);
	}
	bs_trace("terms: tables written, committing");
	if (!rc)
		rc = bs_store_exec(s, "COMMIT", err);
	bs_trace("terms: %s", rc ? "failed" : "committed");
	if (!rc) {
		began = 0;
		info->computed = 1;
		info->seconds = bs_clock_seconds() - t0;
	}
cleanup:
	if (began)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (locked)
		bs_store_unlock(s);
	sqlite3_finalize(st);
	free(params);
	free(sp);
	free(tok);
	free(surf);
	free(tmp);
	free(c1);
	free(phr);
	u64_release(&c2);
	u64_release(&c3);
	u64_release(&phr2);
	u64_release(&phr3);
	synonyms_release(&sy);
	bs_text_release(&t);
	return rc;
}
