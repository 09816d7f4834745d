/* identity_data.c - loading what identity resolution reads (identity_impl.h). */
#include "analysis/identity/identity_impl.h"
#include "text/names.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int32_t idn_token(idn_data *d, const char *s, size_t n)
{
	int64_t *v = bs_hashmap_get(&d->tokens, s, n);

	if (v)
		return (int32_t)*v;
	IDN_GROW(d->token_str, d->ntokens, d->token_cap);
	d->token_str[d->ntokens] = bs_arena_strndup(&d->arena, s, n);
	bs_hashmap_put(&d->tokens, d->token_str[d->ntokens], n, (int64_t)d->ntokens);
	return (int32_t)d->ntokens++;
}

static int on_name(void *ud, int64_t id, const char *key, const char *name)
{
	idn_data *d = ud;
	bs_strbuf b = BS_STRBUF_INIT;
	idn_name *nm;
	const char *sp;

	if (strchr(key, '#')) {   /* a person row */
		bs_hashmap_put(&d->person_rows, key, strlen(key), id);
		return 0;
	}
	if ((size_t)id >= d->name_of_cap) {
		size_t old = d->name_of_cap, cap = old ? old : 1024;
		while (cap <= (size_t)id)
			cap *= 2;
		d->name_of_id = bs_xrealloc(d->name_of_id, cap * sizeof *d->name_of_id);
		for (size_t i = old; i < cap; i++)
			d->name_of_id[i] = -1;
		d->name_of_cap = cap;
	}
	IDN_GROW(d->names, d->nnames, d->names_cap);
	nm = &d->names[d->nnames];
	memset(nm, 0, sizeof *nm);
	nm->id = id;
	nm->key = bs_arena_strdup(&d->arena, key);
	nm->display = bs_arena_strdup(&d->arena, name);
	bs_strbuf_init(&b);
	bs_name_block(key, &b);
	/* the block string is "family g": keep the family as a token */
	sp = strchr(b.buf, ' ');
	nm->family = idn_token(d, b.buf, sp ? (size_t)(sp - b.buf) : b.len);
	/* the first given name, whole */
	sp = strchr(key, ' ');
	nm->given = sp ? idn_token(d, key, (size_t)(sp - key)) : -1;
	/* given names after the first ("michael i jordan": 1); the block
	 * string's family is the last non-number token */
	for (const char *q = sp; q && *q; q++)
		if (*q == ' ' && q[1] && q[1] != ' ')
			nm->extra_given++;
	nm->extra_given = nm->extra_given > 1 ? nm->extra_given - 1 : 0;
	if (bs_name_homonym_suffix(key, strlen(key)) && nm->extra_given)
		nm->extra_given--;
	nm->block = idn_token(d, b.buf, b.len);   /* a token id for now; numbered in idn_load */
	bs_strbuf_release(&b);
	d->name_of_id[id] = (int32_t)d->nnames++;
	return 0;
}

static int32_t name_index(const idn_data *d, int64_t id)
{
	return id >= 0 && (size_t)id < d->name_of_cap ? d->name_of_id[id] : -1;
}

static int on_mention(void *ud, const bs_identity_mention *m)
{
	idn_data *d = ud;
	idn_mention *x;
	int32_t ni = name_index(d, m->name);

	if (ni < 0)
		return 0;   /* a byline whose name row is missing cannot be resolved */
	if (!d->np || d->p[d->np - 1].id != m->paper) {
		idn_paper *p;
		IDN_GROW(d->p, d->np, d->p_cap);
		p = &d->p[d->np++];
		memset(p, 0, sizeof *p);
		p->id = m->paper;
		p->venue = m->venue;
		p->year = m->year;
		p->first = (int32_t)d->nm;
		p->inst = p->country = -1;
	}
	IDN_GROW(d->m, d->nm, d->m_cap);
	x = &d->m[d->nm++];
	memset(x, 0, sizeof *x);
	x->person = m->person;
	x->paper = (int32_t)(d->np - 1);
	x->name = ni;
	x->pos = m->position;
	x->inst = x->country = x->tag = -1;
	d->p[d->np - 1].n++;
	d->names[ni].nment++;
	return 0;
}

int32_t idn_paper_index(const idn_data *d, int64_t id)
{
	size_t lo = 0, hi = d->np;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->p[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->np && d->p[lo].id == id ? (int32_t)lo : -1;
}

/* The mention of paper id at byline position pos, or NULL. */
idn_mention *idn_mention_at(idn_data *d, int64_t paper, int pos)
{
	int32_t pi = idn_paper_index(d, paper);

	if (pi < 0)
		return NULL;
	for (int32_t i = 0; i < d->p[pi].n; i++)
		if (d->m[d->p[pi].first + i].pos == pos)
			return &d->m[d->p[pi].first + i];
	return NULL;
}

static int on_author_id(void *ud, int64_t paper, int position, const char *scheme, const char *value)
{
	static const char *const schemes[IDN_SCHEMES] = {"orcid", "scopus", "researcherid", "dblp"};
	idn_mention *m = idn_mention_at(ud, paper, position);

	for (int i = 0; m && i < IDN_SCHEMES; i++)
		if (!strcmp(scheme, schemes[i]) && !m->ids[i])
			m->ids[i] = bs_hash_bytes(value, strlen(value)) | 1;   /* never 0 */
	return 0;
}

static int on_affil(void *ud, int64_t paper, int position, const char *inst, const char *country)
{
	idn_data *d = ud;
	int32_t ti = inst ? idn_token(d, inst, strlen(inst)) : -1;
	int32_t tc = country ? idn_token(d, country, strlen(country)) : -1;

	if (position < 0) {
		int32_t pi = idn_paper_index(d, paper);
		if (pi >= 0 && d->p[pi].inst < 0 && d->p[pi].country < 0) {
			d->p[pi].inst = ti;
			d->p[pi].country = tc;
		}
	} else {
		idn_mention *m = idn_mention_at(d, paper, position);
		if (m && m->inst < 0 && m->country < 0) {   /* the first address */
			m->inst = ti;
			m->country = tc;
		}
	}
	return 0;
}

/* Words too common in titles to tell people apart (beyond the short ones,
 * which the length rule drops). */
static int title_stopword(const char *w, size_t n)
{
	static const char *const sw[] = {
		"with", "from", "using", "based", "towards", "toward", "learning", "approach", "method", "methods",
		"model", "models", "analysis", "system", "systems", "data", "via", "into", "over", "under", "their",
		"this", "that", "for", "and", "the", "new", "efficient", "improved", "novel", "study", "case",
		"through", "between", "without", "within", "about", "when", "what", "does", "more", "than",
	};
	for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++)
		if (strlen(sw[i]) == n && !memcmp(sw[i], w, n))
			return 1;
	return 0;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int on_text(void *ud, int64_t paper, const char *text)
{
	idn_data *d = ud;
	int32_t pi = idn_paper_index(d, paper);
	char w[64];
	size_t start;

	if (pi < 0 || !text)
		return 0;
	start = d->nterms;
	for (const char *s = text; *s;) {
		size_t n = 0;
		while (*s && !isalnum((unsigned char)*s))
			s++;
		while (*s && isalnum((unsigned char)*s)) {
			if (n < sizeof w)
				w[n] = (char)tolower((unsigned char)*s);
			n++;
			s++;
		}
		if (n < 4 || n > sizeof w || title_stopword(w, n))
			continue;
		IDN_GROW(d->terms, d->nterms, d->terms_cap);
		d->terms[d->nterms++] = idn_token(d, w, n);
	}
	/* a set per paper: sorted, unique */
	if (d->nterms > start)   /* (no terms yet: d->terms may be NULL) */
		qsort(d->terms + start, d->nterms - start, sizeof *d->terms, cmp_i32);
	{
		size_t o = start;
		for (size_t i = start; i < d->nterms; i++)
			if (i == start || d->terms[i] != d->terms[i - 1])
				d->terms[o++] = d->terms[i];
		d->nterms = o;
	}
	d->p[pi].tfirst = (int32_t)start;
	d->p[pi].tn = (int32_t)(d->nterms - start);
	return 0;
}

/* Each block's bylines (names[].block numbered 0..nblocks), by paper. */
static void list_blocks(idn_data *d)
{
	int32_t *fill;

	d->block_first = bs_xcalloc((size_t)d->nblocks + 1, sizeof *d->block_first);
	d->block_n = bs_xcalloc((size_t)d->nblocks + 1, sizeof *d->block_n);
	d->block_m = bs_xmalloc((d->nm + 1) * sizeof *d->block_m);
	for (size_t i = 0; i < d->nm; i++)
		d->block_n[d->names[d->m[i].name].block]++;
	for (int32_t b = 1; b < d->nblocks; b++)
		d->block_first[b] = d->block_first[b - 1] + d->block_n[b - 1];
	fill = bs_xcalloc((size_t)d->nblocks + 1, sizeof *fill);
	for (size_t i = 0; i < d->nm; i++) {
		int32_t b = d->names[d->m[i].name].block;
		d->block_m[d->block_first[b] + fill[b]++] = (int32_t)i;
	}
	free(fill);
}

/* Number the blocks (token ids -> 0..nblocks) and list them. */
static void build_blocks(idn_data *d)
{
	int32_t *map = bs_xmalloc((d->ntokens + 1) * sizeof *map);

	for (size_t i = 0; i < d->ntokens; i++)
		map[i] = -1;
	d->nblocks = 0;
	for (size_t i = 0; i < d->nnames; i++) {
		int32_t t = d->names[i].block;
		if (map[t] < 0)
			map[t] = d->nblocks++;
		d->names[i].block = map[t];
	}
	free(map);
	list_blocks(d);
}

/* How many people a name stands for, expected: names pair given and family
 * names at random enough that (names with this family) x (names with this
 * first given name) / (all names) estimates the people sharing it by
 * chance: "Wei Wang" about 1 or more, "Andrew Blake" near 0. */
#define AMB_MIN_NAMES 20000

static void name_ambiguity(idn_data *d)
{
	int32_t *fam = bs_xcalloc(d->ntokens + 1, sizeof *fam), *giv = bs_xcalloc(d->ntokens + 1, sizeof *giv);
	size_t used = 0;

	for (size_t i = 0; i < d->nnames; i++) {
		if (!d->names[i].nment)
			continue;
		used++;
		fam[d->names[i].family]++;
		if (d->names[i].given >= 0)
			giv[d->names[i].given]++;
	}
	/* a small corpus says little about how names pair: count it as at
	 * least AMB_MIN_NAMES names, so that in a few dozen papers a name is
	 * one person unless the data says otherwise */
	if (used < AMB_MIN_NAMES)
		used = AMB_MIN_NAMES;
	for (size_t i = 0; i < d->nnames; i++) {
		idn_name *n = &d->names[i];
		n->amb = n->given < 0 ? 1.0 : (double)fam[n->family] * giv[n->given] / (double)used;
		/* each further given name or initial makes the name rarer */
		for (int k = 0; k < n->extra_given; k++)
			n->amb /= 10;
	}
	free(fam);
	free(giv);
}

int idn_load(bs_store *s, idn_data *d, bs_error *err)
{
	int rc;

	memset(d, 0, sizeof *d);
	bs_arena_init(&d->arena);
	bs_hashmap_init(&d->person_rows);
	bs_hashmap_init(&d->tokens);
	rc = bs_identity_state_get(s, &d->state, err);
	if (!rc)
		rc = bs_identity_each_name(s, on_name, d, err);
	if (!rc)
		rc = bs_identity_each_mention(s, on_mention, d, err);
	if (!rc)
		rc = bs_identity_each_author_id(s, on_author_id, d, err);
	if (!rc)
		rc = bs_identity_each_affil(s, on_affil, d, err);
	if (!rc)
		rc = bs_identity_each_text(s, on_text, d, err);
	if (rc)
		return rc;
	/* papers without a text have tn 0 already; paper-level addresses go to
	 * the bylines that have none of their own */
	for (size_t i = 0; i < d->nm; i++) {
		idn_mention *m = &d->m[i];
		if (m->inst < 0 && m->country < 0) {
			m->inst = d->p[m->paper].inst;
			m->country = d->p[m->paper].country;
		}
	}
	build_blocks(d);
	name_ambiguity(d);
	return BS_OK;
}

void idn_release(idn_data *d)
{
	if (!d)
		return;
	free(d->names);
	free(d->name_of_id);
	free(d->m);
	free(d->p);
	free(d->terms);
	free(d->token_str);
	free(d->block_first);
	free(d->block_n);
	free(d->block_m);
	bs_hashmap_release(&d->person_rows);
	bs_hashmap_release(&d->tokens);
	bs_identity_state_release(&d->state);
	bs_arena_release(&d->arena);
	memset(d, 0, sizeof *d);
}

/* Join the blocks of names a and b (a same rule across blocks) and list
 * each block's bylines again. */
void idn_join_blocks(idn_data *d, const int32_t *pairs, size_t npairs)
{
	int32_t *up = bs_xmalloc(((size_t)d->nblocks + 1) * sizeof *up), *map, nb = 0;

	for (int32_t i = 0; i < d->nblocks; i++)
		up[i] = i;
	for (size_t k = 0; k < npairs; k++) {
		int32_t x = d->names[pairs[2 * k]].block, y = d->names[pairs[2 * k + 1]].block;
		while (up[x] != x)
			x = up[x];
		while (up[y] != y)
			y = up[y];
		if (x != y)
			up[x > y ? x : y] = x < y ? x : y;
	}
	map = bs_xmalloc(((size_t)d->nblocks + 1) * sizeof *map);
	for (int32_t i = 0; i < d->nblocks; i++) {
		int32_t r = i;
		while (up[r] != r)
			r = up[r];
		map[i] = r == i ? nb++ : map[r];
	}
	for (size_t i = 0; i < d->nnames; i++)
		d->names[i].block = map[d->names[i].block];
	d->nblocks = nb;
	free(d->block_first);
	free(d->block_n);
	free(d->block_m);
	free(up);
	free(map);
	list_blocks(d);
}
