/* terms.c - the keyword tables (terms.h): options, synonyms, the stored
 * term lists, and the build's order (the steps are in terms_*.c). */
#include "base/trace.h"
#include "base/clock.h"
#include "analysis/keywords/terms_impl.h"
#include "analysis/keywords/kwterms.h"
#include "analysis/results.h"
#include "store/runs.h"
#include "store/terms_rows.h"

#include <errno.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>

void bs_terms_opts_init(bs_terms_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_count = 0;
	o->min_npmi = 0.3;
}

#define BS_TERMS_KEYS_VERSION 2

static const char *const source_names[] = {"words", "author-keywords", "indexed-keywords"};

int bs_terms_source_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, source_names[i]))
			return i;
	return -1;
}

const char *bs_terms_source_name(bs_terms_source src)
{
	return (unsigned)src < 3 ? source_names[src] : "?";
}

/* ---- synonyms ---- */

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

size_t terms_apply_synonyms(const bs_text *t, const synonyms *sy, const int32_t *in, size_t n, int32_t *out)
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
	/* the source, for keywords only: the words' parameters stay as they
	 * were, so the tables of existing stores stay current */
	if (o->source != BS_TERMS_FROM_WORDS)
		json_object_set_new(j, "source", json_string(bs_terms_source_name(o->source)));
	s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	return s;
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

	if (o->source != BS_TERMS_FROM_WORDS)
		return bs_kwterms_key(o, text, out, err);
	memset(&sy, 0, sizeof sy);
	rc = setup_text(&t, o, &sy, err);
	bs_strbuf_reset(out);
	if (!rc) {
		n = surfaces_of(&t, text, v, 6);
		if (n < 1 || n > 6) {
			rc = bs_error_set(err, BS_ERR_NOTFOUND, n < 1 ? "'%s' has no words to look up (only stopwords?)"
					  : "'%s' is longer than a term can be", text);
		} else {
			size_t k = terms_apply_synonyms(&t, &sy, v, (size_t)n, w);
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
/* The phrase threshold: set, else papers / 2000, at least 3 and at most 20. */
static long phrase_min_count(long set, size_t np)
{
	long min_count = set;

	if (min_count <= 0) {
		min_count = ((long)np + 1999) / 2000;
		if (min_count < 3)
			min_count = 3;
		if (min_count > 20)
			min_count = 20;
	}
	return min_count;
}

/* From here on the stream holds keys: *surf keeps the surface ids, *c1
 * gets each key's tokens and *tokens their sum. */
static void to_keys(const bs_text *t, int32_t *tok, size_t ntok, int32_t **surf, long **c1, long *tokens)
{
	long *c = bs_xcalloc((size_t)t->nkey + 1, sizeof *c);
	int32_t *sf = bs_xmalloc((ntok ? ntok : 1) * sizeof *sf);

	for (size_t i = 0; i < ntok; i++) {
		sf[i] = tok[i];
		if (tok[i] >= 0) {
			tok[i] = t->surf_key[tok[i]];
			c[tok[i]]++;
			(*tokens)++;
		}
	}
	*surf = sf;
	*c1 = c;
}

/* The run's summary as canonical JSON (free it). */
static char *summary_json(const bs_terms_info *info)
{
	json_t *sum = json_object();
	char *txt;

	json_object_set_new(sum, "papers", json_integer(info->papers));
	json_object_set_new(sum, "tokens", json_integer(info->tokens));
	json_object_set_new(sum, "unigrams", json_integer(info->unigrams));
	json_object_set_new(sum, "bigrams", json_integer(info->bigrams));
	json_object_set_new(sum, "trigrams", json_integer(info->trigrams));
	json_object_set_new(sum, "paper_terms", json_integer(info->paper_terms));
	json_object_set_new(sum, "min_count", json_integer(info->min_count));
	txt = json_dumps(sum, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(sum);
	return txt;
}

/* What step 4 writes: the stream, its phrases, and the run's record. */
typedef struct terms_build {
	bs_text t;
	synonyms sy;
	paper_span *sp;
	size_t np, ntok;
	int32_t *tok, *surf;
	long *c1;
	phrases ph;
	char *params;
	int64_t version;           /* of the snapshot tokenized, not of now */
	double t0;
} terms_build;

/* 4. the tables and the run's row, in one transaction, under the writer
 * lock (store.h).  The transaction is the table writer's (terms_rows.h),
 * so the run row goes in with bs_runs_add; one terms run is kept. */
static int store_tables(bs_store *s, terms_build *b, bs_terms_info *info, bs_error *err)
{
	bs_terms_rows *w = NULL;
	char *txt = NULL;
	int rc = bs_store_lock(s, err);

	if (rc)
		return rc;
	rc = bs_terms_rows_open(s, &w, err);
	if (rc)
		goto done;
	bs_trace("terms: write lock taken");
	rc = terms_write_tables(w, &b->t, b->sp, b->np, b->tok, b->surf, &b->ph, info, err);
	if (rc)
		goto done;
	info->seconds = bs_clock_seconds() - b->t0;
	txt = summary_json(info);
	rc = bs_runs_add(s, "terms", b->params, b->version, txt, BS_RUNS_REPLACE_KIND, &info->run_id, err);
	bs_trace("terms: tables written, committing");
	if (!rc)
		rc = bs_terms_rows_commit(w, err);
	bs_trace("terms: %s", rc ? "failed" : "committed");
done:
	bs_terms_rows_close(w);
	bs_store_unlock(s);
	free(txt);
	return rc;
}

/* 1. tokenize every paper, in one snapshot */
static int tokenize(bs_store *s, terms_build *b, bs_error *err)
{
	int rc;

	bs_trace("terms: tokenizing");
	rc = bs_store_read_begin(s, &b->version, err);
	if (!rc)
		rc = terms_tokenize_papers(s, &b->t, &b->sy, &b->sp, &b->np, &b->tok, &b->ntok, err);
	bs_store_read_end(s);
	if (rc)
		return rc;
	bs_trace("terms: tokenized");
	if (b->np == 0)
		return bs_error_set(err, BS_ERR_EMPTY, "%s: no papers (ingest some first)", bs_store_path(s));
	return BS_OK;
}

static void build_release(terms_build *b)
{
	free(b->params);
	free(b->sp);
	free(b->tok);
	free(b->surf);
	free(b->c1);
	free(b->ph.phr);
	u64_release(&b->ph.phr2);
	u64_release(&b->ph.phr3);
	synonyms_release(&b->sy);
	bs_text_release(&b->t);
	memset(b, 0, sizeof *b);
}

int bs_terms_ensure(bs_store *s, const bs_terms_opts *o, int force, bs_terms_info *info,
		    bs_error *err)
{
	terms_build b;
	int rc;

	memset(info, 0, sizeof *info);
	memset(&b, 0, sizeof b);
	b.t0 = bs_clock_seconds();
	b.params = params_json(o, err, &rc);
	if (rc)
		goto cleanup;
	if (!force) {
		rc = bs_results_find(s, "terms", b.params, &info->run_id, err);
		if (rc || info->run_id)
			goto cleanup;
	}
	if (o->source != BS_TERMS_FROM_WORDS) {
		rc = bs_kwterms_build(s, o, b.params, info, err);
		goto cleanup;
	}
	rc = setup_text(&b.t, o, &b.sy, err);
	if (!rc)
		rc = tokenize(s, &b, err);
	if (rc)
		goto cleanup;
	info->papers = (long)b.np;
	info->min_count = phrase_min_count(o->min_count, b.np);
	/* 2-3. n-gram counts among frequent words, phrases by NPMI */
	to_keys(&b.t, b.tok, b.ntok, &b.surf, &b.c1, &info->tokens);
	terms_find_phrases(b.tok, b.ntok, b.c1, info->tokens, b.t.nkey, info->min_count, o->min_npmi, &b.ph, info);
	info->unigrams = b.t.nkey;
	bs_trace("terms: phrases chosen; waiting for the write lock");
	rc = store_tables(s, &b, info, err);
	if (!rc) {
		info->computed = 1;
		info->seconds = bs_clock_seconds() - b.t0;
	}
cleanup:
	build_release(&b);
	return rc;
}
