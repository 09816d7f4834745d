/* kwterms.c - keywords as terms (kwterms.h). */
#include "analysis/keywords/kwterms.h"
#include "base/clock.h"
#include "base/hashmap.h"
#include "base/utf8.h"
#include "store/kwterms.h"
#include "store/runs.h"
#include "store/terms_rows.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *bs_kwterms_kind(bs_terms_source src)
{
	return src == BS_TERMS_FROM_AUTHOR_KEYWORDS ? "author"
	       : src == BS_TERMS_FROM_INDEXED_KEYWORDS ? "indexed" : NULL;
}

/* ---- the stopwords and synonyms files, by key ---- */

typedef struct kwfiles {
	bs_hashmap stop;          /* key of a stopword line */
	bs_hashmap syn;           /* variant key -> index into canon */
	char **canon;             /* canonical keys */
	size_t ncanon, cap;
	bs_strbuf a, b;
} kwfiles;

static void files_release(kwfiles *fl)
{
	bs_hashmap_release(&fl->stop);
	bs_hashmap_release(&fl->syn);
	for (size_t i = 0; i < fl->ncanon; i++)
		free(fl->canon[i]);
	free(fl->canon);
	bs_strbuf_release(&fl->a);
	bs_strbuf_release(&fl->b);
	memset(fl, 0, sizeof *fl);
}

/* Read path line by line into fl: a stopword's key, or with syn a
 * "variant<TAB>canonical" pair of keys. */
static int read_file(kwfiles *fl, const char *path, int syn, bs_error *err)
{
	FILE *f = fopen(path, "r");
	char line[2048];
	long ln = 0;
	int rc = BS_OK;

	if (!f)
		return bs_error_set(err, BS_ERR_IO, "%s: cannot read %s: %s", path, syn ? "synonyms" : "stopwords",
				    strerror(errno));
	while (!rc && fgets(line, sizeof line, f)) {
		char *e = line + strlen(line), *tab;
		ln++;
		while (e > line && (e[-1] == '\n' || e[-1] == '\r'))
			*--e = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		tab = syn ? strchr(line, '\t') : NULL;
		if (syn && !tab) {
			rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: expected 'variant<TAB>canonical'", path, ln);
			break;
		}
		bs_text_key(line, tab ? (size_t)(tab - line) : strlen(line), &fl->a);
		if (!syn) {
			if (fl->a.len)
				bs_hashmap_put(&fl->stop, fl->a.buf, fl->a.len, 1);
			continue;
		}
		bs_text_key(tab + 1, strlen(tab + 1), &fl->b);
		if (!fl->a.len || !fl->b.len) {
			rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: a variant and its canonical form need letters"
					  " or digits", path, ln);
			break;
		}
		if (fl->ncanon == fl->cap) {
			fl->cap = fl->cap ? 2 * fl->cap : 32;
			fl->canon = bs_xrealloc(fl->canon, fl->cap * sizeof *fl->canon);
		}
		fl->canon[fl->ncanon] = bs_xstrndup(fl->b.buf, fl->b.len);
		bs_hashmap_put(&fl->syn, fl->a.buf, fl->a.len, (int64_t)fl->ncanon++);
	}
	fclose(f);
	return rc;
}

static int files_load(kwfiles *fl, const bs_terms_opts *o, bs_error *err)
{
	int rc = BS_OK;

	memset(fl, 0, sizeof *fl);
	bs_hashmap_init(&fl->stop);
	bs_hashmap_init(&fl->syn);
	bs_strbuf_init(&fl->a);
	bs_strbuf_init(&fl->b);
	if (o->stopwords)
		rc = read_file(fl, o->stopwords, 0, err);
	if (!rc && o->synonyms)
		rc = read_file(fl, o->synonyms, 1, err);
	return rc;
}

/* The term key of a keyword key (through the synonyms), NULL when it is a
 * stopword. */
static const char *map_key(kwfiles *fl, const char *key, size_t *len)
{
	int64_t *c = bs_hashmap_get(&fl->syn, key, *len);

	if (c) {
		key = fl->canon[*c];
		*len = strlen(key);
	}
	return bs_hashmap_get(&fl->stop, key, *len) ? NULL : key;
}

/* ---- loading ---- */

typedef struct kwload {
	bs_kwset *k;
	kwfiles files;
	bs_hashmap terms;         /* key -> load-order id */
	char **tkey;              /* per load-order id */
	size_t capk;
	bs_hashmap spell;         /* load-order id (4 bytes) + spelling -> count */
	bs_strbuf tmp;
	int64_t last;             /* the paper of the previous row */
	size_t nt;                /* entries in k->term */
} kwload;

static int add_row(void *ud, const bs_kwterms_row *r)
{
	kwload *L = ud;
	bs_kwset *k = L->k;
	size_t len = r->keylen;
	const char *key = map_key(&L->files, r->key, &len);
	int64_t *id, *cnt;
	int32_t tid;

	if (!key || !len)
		return 0;
	if (!(id = bs_hashmap_get(&L->terms, key, len))) {
		if (k->nterms == L->capk) {
			L->capk = L->capk ? 2 * L->capk : 256;
			L->tkey = bs_xrealloc(L->tkey, L->capk * sizeof *L->tkey);
		}
		L->tkey[k->nterms] = bs_xstrndup(key, len);
		bs_hashmap_put(&L->terms, key, len, (int64_t)k->nterms);
		tid = (int32_t)k->nterms++;
	} else {
		tid = (int32_t)*id;
	}
	if (k->npapers == 0 || r->paper != L->last) {
		if (k->npapers + 2 > k->cap_p) {
			k->cap_p = k->cap_p ? 2 * k->cap_p : 256;
			k->paper = bs_xrealloc(k->paper, k->cap_p * sizeof *k->paper);
			k->year = bs_xrealloc(k->year, k->cap_p * sizeof *k->year);
			k->venue = bs_xrealloc(k->venue, k->cap_p * sizeof *k->venue);
			k->start = bs_xrealloc(k->start, k->cap_p * sizeof *k->start);
		}
		k->paper[k->npapers] = r->paper;
		k->year[k->npapers] = r->year;
		k->venue[k->npapers] = r->venue;
		k->start[k->npapers++] = L->nt;
		L->last = r->paper;
	}
	if (L->nt == k->cap_t) {
		k->cap_t = k->cap_t ? 2 * k->cap_t : 1024;
		k->term = bs_xrealloc(k->term, k->cap_t * sizeof *k->term);
	}
	k->term[L->nt++] = tid;
	bs_strbuf_reset(&L->tmp);
	bs_strbuf_add(&L->tmp, (const char *)&tid, sizeof tid);
	bs_strbuf_add(&L->tmp, r->keyword, r->kwlen);
	if ((cnt = bs_hashmap_get(&L->spell, L->tmp.buf, L->tmp.len)))
		(*cnt)++;
	else
		bs_hashmap_put(&L->spell, L->tmp.buf, L->tmp.len, 1);
	return 0;
}

typedef struct key_ref {
	const char *key;
	int32_t id;
} key_ref;

static int cmp_key_ref(const void *x, const void *y)
{
	return strcmp(((const key_ref *)x)->key, ((const key_ref *)y)->key);
}

static int cmp_i32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return (a > b) - (a < b);
}

static void pick_display(kwload *L, const int32_t *rank);

/* Number the terms in key order, sort and deduplicate each paper's terms,
 * count papers and years per term. */
static void renumber(kwload *L)
{
	bs_kwset *k = L->k;
	key_ref *order = bs_xmalloc((k->nterms + 1) * sizeof *order);
	int32_t *rank = bs_xmalloc((k->nterms + 1) * sizeof *rank);
	size_t w = 0;

	for (size_t i = 0; i < k->nterms; i++) {
		order[i].key = L->tkey[i];
		order[i].id = (int32_t)i;
	}
	qsort(order, k->nterms, sizeof *order, cmp_key_ref);
	if (!k->start)
		k->start = bs_xcalloc(1, sizeof *k->start);
	k->start[k->npapers] = L->nt;
	k->key = bs_xcalloc(k->nterms + 1, sizeof *k->key);
	k->display = bs_xcalloc(k->nterms + 1, sizeof *k->display);
	k->papers = bs_xcalloc(k->nterms + 1, sizeof *k->papers);
	k->year_sum = bs_xcalloc(k->nterms + 1, sizeof *k->year_sum);
	k->year_n = bs_xcalloc(k->nterms + 1, sizeof *k->year_n);
	for (size_t i = 0; i < k->nterms; i++) {
		rank[order[i].id] = (int32_t)i;
		k->key[i] = L->tkey[order[i].id];
		L->tkey[order[i].id] = NULL;
	}
	for (size_t p = 0; p < k->npapers; p++) {
		size_t a = k->start[p], b = k->start[p + 1], w0 = w;
		for (size_t j = a; j < b; j++)
			k->term[j] = rank[k->term[j]];
		qsort(k->term + a, b - a, sizeof *k->term, cmp_i32);
		for (size_t j = a; j < b; j++)
			if (j == a || k->term[j] != k->term[j - 1])
				k->term[w++] = k->term[j];
		k->start[p] = w0;
		for (size_t j = w0; j < w; j++) {
			k->papers[k->term[j]]++;
			if (k->year[p] > 0) {
				k->year_sum[k->term[j]] += k->year[p];
				k->year_n[k->term[j]]++;
			}
		}
	}
	if (k->npapers)
		k->start[k->npapers] = w;
	pick_display(L, rank);
	free(order);
	free(rank);
}

/* Each term's most frequent spelling (ties: bytewise smallest). */
static void pick_display(kwload *L, const int32_t *rank)
{
	bs_kwset *k = L->k;
	int64_t *best = bs_xcalloc(k->nterms + 1, sizeof *best);
	size_t *blen = bs_xcalloc(k->nterms + 1, sizeof *blen);
	const char **bsp = bs_xcalloc(k->nterms + 1, sizeof *bsp);

	for (size_t i = 0; i < L->spell.cap; i++) {
		const bs_hashmap_slot *sl = &L->spell.slots[i];
		int32_t tid;
		const char *sp;
		size_t len;
		int better;
		if (!sl->key || sl->len < sizeof tid)
			continue;
		memcpy(&tid, sl->key, sizeof tid);
		tid = rank[tid];
		sp = sl->key + sizeof tid;
		len = sl->len - sizeof tid;
		better = sl->value > best[tid];
		if (!better && sl->value == best[tid]) {
			int c = memcmp(sp, bsp[tid], len < blen[tid] ? len : blen[tid]);
			better = c < 0 || (c == 0 && len < blen[tid]);
		}
		if (better) {
			best[tid] = sl->value;
			bsp[tid] = sp;
			blen[tid] = len;
		}
	}
	for (size_t t = 0; t < k->nterms; t++)
		k->display[t] = bsp[t] ? bs_xstrndup(bsp[t], blen[t]) : bs_xstrdup(k->key[t]);
	free(best);
	free(blen);
	free(bsp);
}

void bs_kwset_release(bs_kwset *k)
{
	for (size_t t = 0; k->key && t < k->nterms; t++)
		free(k->key[t]);
	for (size_t t = 0; k->display && t < k->nterms; t++)
		free(k->display[t]);
	free(k->key);
	free(k->display);
	free(k->papers);
	free(k->year_sum);
	free(k->year_n);
	free(k->paper);
	free(k->year);
	free(k->venue);
	free(k->start);
	free(k->term);
	memset(k, 0, sizeof *k);
}

int bs_kwset_load(bs_store *s, const bs_terms_opts *o, const bs_filter *f, bs_kwset *out, int64_t *version,
		  bs_error *err)
{
	kwload L;
	int64_t v = 0;
	const char *kind = bs_kwterms_kind(o->source);
	int rc;

	memset(out, 0, sizeof *out);
	memset(&L, 0, sizeof L);
	L.k = out;
	bs_hashmap_init(&L.terms);
	bs_hashmap_init(&L.spell);
	bs_strbuf_init(&L.tmp);
	rc = files_load(&L.files, o, err);
	if (!rc && !kind)
		rc = bs_error_set(err, BS_ERR_USAGE, "words are not keywords");
	if (rc)
		goto cleanup;
	if (!(rc = bs_store_read_begin(s, &v, err)))
		rc = bs_kwterms_each(s, kind, f, add_row, &L, err);
	bs_store_read_end(s);
	if (rc)
		goto cleanup;
	renumber(&L);
	if (version)
		*version = v;
cleanup:
	for (size_t t = 0; L.tkey && t < out->nterms; t++)
		free(L.tkey[t]);
	free(L.tkey);
	if (rc) {
		/* the keys are L's until renumber hands them over */
		if (!out->key)
			out->nterms = 0;
		bs_kwset_release(out);
	}
	files_release(&L.files);
	bs_hashmap_release(&L.terms);
	bs_hashmap_release(&L.spell);
	bs_strbuf_release(&L.tmp);
	return rc;
}

int bs_kwterms_key(const bs_terms_opts *o, const char *text, bs_strbuf *out, bs_error *err)
{
	kwfiles fl;
	bs_strbuf key = BS_STRBUF_INIT;
	const char *k;
	size_t len;
	int rc;

	bs_strbuf_init(&key);
	bs_strbuf_reset(out);
	rc = files_load(&fl, o, err);
	if (rc)
		goto cleanup;
	bs_text_key(text, strlen(text), &key);
	len = key.len;
	if (!len) {
		rc = bs_error_set(err, BS_ERR_NOTFOUND, "'%s' has no letters or digits to look up", text);
		goto cleanup;
	}
	/* a stopword is looked up as itself: the lookup then fails naming it */
	k = map_key(&fl, key.buf, &len);
	bs_strbuf_add(out, k ? k : key.buf, k ? len : key.len);
cleanup:
	files_release(&fl);
	bs_strbuf_release(&key);
	return rc;
}

/* ---- the term tables ---- */

typedef struct ty_row {
	int32_t term;
	int year;
	int64_t venue;
} ty_row;

static int cmp_ty(const void *x, const void *y)
{
	const ty_row *a = x, *b = y;

	if (a->term != b->term)
		return (a->term > b->term) - (a->term < b->term);
	if (a->year != b->year)
		return (a->year > b->year) - (a->year < b->year);
	return (a->venue > b->venue) - (a->venue < b->venue);
}

static int write_terms(bs_terms_rows *w, const bs_kwset *k, bs_error *err)
{
	int rc = BS_OK;

	for (size_t t = 0; t < k->nterms && !rc; t++) {
		int words = 1;
		for (const char *p = k->key[t]; *p; p++)
			words += *p == ' ';
		rc = bs_terms_rows_add_term(w, (int32_t)t, k->key[t], strlen(k->key[t]), k->display[t],
					    strlen(k->display[t]), words, k->papers[t], k->papers[t], err);
	}
	return rc;
}

static int write_lists(bs_terms_rows *w, const bs_kwset *k, bs_error *err)
{
	bs_strbuf txt = BS_STRBUF_INIT;
	int rc = BS_OK;

	bs_strbuf_init(&txt);
	for (size_t p = 0; p < k->npapers && !rc; p++) {
		size_t off = 0;
		bs_strbuf_reset(&txt);
		bs_strbuf_addc(&txt, '[');
		for (size_t j = k->start[p]; j < k->start[p + 1]; j++)
			bs_strbuf_addf(&txt, "%s[%ld,0,0]", j > k->start[p] ? "," : "", (long)k->term[j]);
		bs_strbuf_addc(&txt, ']');
		rc = bs_terms_rows_add_lists(w, 1, &k->paper[p], txt.buf, &off, &txt.len, err);
	}
	bs_strbuf_release(&txt);
	return rc;
}

/* term_year: papers per (term, year, venue); a paper counts a term once. */
static int write_years(bs_terms_rows *w, const bs_kwset *k, bs_error *err)
{
	size_t n = k->npapers ? k->start[k->npapers] : 0, i = 0;
	ty_row *r = bs_xmalloc((n + 1) * sizeof *r);
	int rc = BS_OK;

	for (size_t p = 0; p < k->npapers; p++)
		for (size_t j = k->start[p]; j < k->start[p + 1]; j++) {
			r[i].term = k->term[j];
			r[i].year = k->year[p];
			r[i++].venue = k->venue[p];
		}
	qsort(r, n, sizeof *r, cmp_ty);
	for (size_t a = 0; a < n && !rc;) {
		size_t b = a + 1;
		while (b < n && !cmp_ty(&r[a], &r[b]))
			b++;
		rc = bs_terms_rows_add_year(w, r[a].term, r[a].year, (int)r[a].venue, (int64_t)(b - a),
					    (int64_t)(b - a), err);
		a = b;
	}
	free(r);
	return rc;
}

static char *summary_json(const bs_terms_opts *o, const bs_terms_info *info)
{
	json_t *sum = json_object();
	char *txt;

	json_object_set_new(sum, "source", json_string(bs_terms_source_name(o->source)));
	json_object_set_new(sum, "papers", json_integer(info->papers));
	json_object_set_new(sum, "keywords", json_integer(info->unigrams));
	json_object_set_new(sum, "paper_terms", json_integer(info->paper_terms));
	txt = json_dumps(sum, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(sum);
	return txt;
}

int bs_kwterms_build(bs_store *s, const bs_terms_opts *o, const char *params, bs_terms_info *info,
		     bs_error *err)
{
	double t0 = bs_clock_seconds();
	bs_terms_rows *w = NULL;
	bs_kwset k;
	int64_t version = 0;
	char *sum = NULL;
	int locked = 0, rc;

	memset(info, 0, sizeof *info);
	rc = bs_kwset_load(s, o, NULL, &k, &version, err);
	if (rc)
		return rc;
	if (!k.npapers) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "%s: no paper has %s keywords (ingest records that list"
				  " them, such as a WoS export's %s field)", bs_store_path(s), bs_kwterms_kind(o->source),
				  o->source == BS_TERMS_FROM_AUTHOR_KEYWORDS ? "DE" : "ID");
		goto cleanup;
	}
	info->papers = (long)k.npapers;
	info->unigrams = (long)k.nterms;
	info->paper_terms = (long)k.start[k.npapers];
	if ((rc = bs_store_lock(s, err)))
		goto cleanup;
	locked = 1;
	if ((rc = bs_terms_rows_open(s, &w, err)) || (rc = write_terms(w, &k, err)) ||
	    (rc = write_lists(w, &k, err)) || (rc = write_years(w, &k, err)))
		goto cleanup;
	info->seconds = bs_clock_seconds() - t0;
	sum = summary_json(o, info);
	rc = bs_runs_add(s, "terms", params, version, sum, BS_RUNS_REPLACE_KIND, &info->run_id, err);
	if (!rc)
		rc = bs_terms_rows_commit(w, err);
	if (!rc)
		info->computed = 1;
cleanup:
	bs_terms_rows_close(w);
	if (locked)
		bs_store_unlock(s);
	free(sum);
	bs_kwset_release(&k);
	return rc;
}
