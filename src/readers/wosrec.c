/* wosrec.c - see wosrec.h.  Field meanings: Clarivate's "Web of Science
 * Core Collection field tags" (AF full author names "Last, First"; C1
 * addresses "[Author; Author] Address"; RI/OI "Name/ID" pairs; TC times
 * cited in the Core Collection, Z9 in all databases; DA the date the
 * export was made). */
#include "readers/wosrec.h"
#include "readers/bibfields.h"
#include "text/names.h"
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

const char *const bs_wos_tags[WOS__N] = {
	"PT", "AU", "AF", "TI", "SO", "LA", "DT", "DE", "ID", "AB", "C1",
	"RI", "OI", "CR", "TC", "Z9", "PY", "VL", "IS", "BP", "EP", "AR",
	"DI", "PM", "DA", "UT",
};

int bs_wos_tag(const char *t, size_t n)
{
	if (n != 2)
		return -1;
	for (int i = 0; i < WOS__N; i++)
		if (t[0] == bs_wos_tags[i][0] && t[1] == bs_wos_tags[i][1])
			return i;
	return -1;
}

/* next ';'-separated item of [*p, end) outside square brackets, trimmed;
 * 0 at the end.  spaced: only a ';' followed by a space or the end
 * separates (CR: old Wiley DOIs hold one, "...3.0.CO;2-G") */
static int next_item(const char **p, const char *end, const char **s, size_t *n, int spaced)
{
	const char *q = *p;
	int depth = 0;

	while (q < end && (*q == ' ' || *q == ';'))
		q++;
	if (q >= end)
		return 0;
	*s = q;
	for (; q < end; q++) {
		if (*q == '[')
			depth++;
		else if (*q == ']' && depth)
			depth--;
		else if (*q == ';' && !depth && (!spaced || q + 1 == end || q[1] == ' '))
			break;
	}
	*n = (size_t)(q - *s);
	while (*n && (*s)[*n - 1] == ' ')
		(*n)--;
	*p = q;
	return 1;
}

/* The byline index of the author written name[0..n) ("Li, Weiming" or
 * "Li, WM"): the one whose full (AF) or short (AU) form has the same
 * key, else the one bs_author_near finds; -1 when none or several do.
 * Placeholders ("[Anonymous]") have no byline index, as in
 * bs_recbuild_author.  inv: the byline as AF writes it ("Last, First"),
 * NULL when it cannot be lined up with it. */
static int author_of(const char *name, size_t n, const bs_wos_fields *f, const bs_recbuild *b,
		     const char *const *inv, bs_strbuf *k1, bs_strbuf *k2, bs_strbuf *k3)
{
	int tags[2] = {WOS_AF, WOS_AU}, nauthors = (int)b->n;

	bs_text_key(name, n, k1);
	if (!k1->len)
		return -1;
	for (int t = 0; t < 2; t++) {
		const char *p = f->v[tags[t]], *end, *s;
		size_t len;
		int i = 0, found = -1, hits = 0;
		if (!p)
			continue;
		end = p + f->n[tags[t]];
		while (next_item(&p, end, &s, &len, 0)) {
			if (bs_name_placeholder(s, len))
				continue;
			bs_text_key(s, len, k2);
			if (k2->len == k1->len && !memcmp(k1->buf, k2->buf, k1->len)) {
				found = i;
				hits++;
			}
			i++;
		}
		if (i == nauthors && hits)
			return hits == 1 ? found : -1;
	}
	return bs_author_near(b->authors, inv, b->n, name, n, k1, k2, k3);
}

/* C1: "[A; B] Address; [C] Address2; Address3" */
static void addresses(bs_recbuild *b, const bs_wos_fields *f, const char *const *inv, bs_strbuf *k)
{
	const char *p = f->v[WOS_C1], *end, *s;
	size_t n;

	if (!p)
		return;
	end = p + f->n[WOS_C1];
	while (next_item(&p, end, &s, &n, 0)) {
		const char *close = n && *s == '[' ? memchr(s, ']', n) : NULL;
		const char *addr = close ? close + 1 : s;
		size_t an = (size_t)(s + n - addr);
		int any = 0;
		if (close) {
			const char *q = s + 1, *nm;
			size_t nn;
			while (next_item(&q, close, &nm, &nn, 0)) {
				int who = author_of(nm, nn, f, b, inv, &k[0], &k[1], &k[2]);
				if (who >= 0) {
					bs_recbuild_affil(b, who, addr, an);
					any = 1;
				}
			}
		}
		if (!any)   /* whose is not said, or no name matched: the paper's */
			bs_recbuild_affil(b, -1, addr, an);
	}
}

/* RI and OI: "Name/ID; Name/ID" */
static void author_ids(bs_recbuild *b, const bs_wos_fields *f, const char *const *inv, int tag, const char *scheme,
		       bs_strbuf *k)
{
	const char *p = f->v[tag], *end, *s;
	size_t n;

	if (!p)
		return;
	end = p + f->n[tag];
	while (next_item(&p, end, &s, &n, 0)) {
		const char *slash = NULL;
		int who;
		for (const char *q = s + n; q > s; q--)
			if (q[-1] == '/') {
				slash = q - 1;
				break;
			}
		/* an author's identifier even when no byline name is found */
		if (!slash) {
			bs_recbuild_id(b, BS_REC_AUTHOR_UNPLACED, scheme, s, n);
			continue;
		}
		who = author_of(s, (size_t)(slash - s), f, b, inv, &k[0], &k[1], &k[2]);
		bs_recbuild_id(b, who >= 0 ? who : BS_REC_AUTHOR_UNPLACED, scheme, slash + 1,
			       (size_t)(s + n - slash - 1));
	}
}

/* tag t's value ("" when absent), its length in *n */
static const char *val(const bs_wos_fields *f, int t, size_t *n)
{
	*n = f->v[t] ? f->n[t] : 0;
	return f->v[t] ? f->v[t] : "";
}

/* tag t's value cleaned to one line (multiline: the abstract) */
static const char *text(bs_recbuild *b, const bs_wos_fields *f, int t, int multiline)
{
	size_t n;
	const char *v = val(f, t, &n);

	return bs_recbuild_text(b, v, n, multiline);
}

static long count(const bs_wos_fields *f, int t)
{
	size_t n;
	const char *v = val(f, t, &n);

	return bs_recbuild_count(v, n);
}

void bs_wos_build(bs_reader *r, bs_record *rec, const bs_wos_fields *f)
{
	bs_recbuild b;
	bs_strbuf k[3] = {BS_STRBUF_INIT, BS_STRBUF_INIT, BS_STRBUF_INIT};
	const char *v, *s, *p, *end, **inv;
	size_t n, len, ninv = 0;

	for (int i = 0; i < 3; i++)
		bs_strbuf_init(&k[i]);
	bs_recbuild_init(&b, r, rec);
	/* the byline as written, "Last, First": a surname of several words or
	 * "Cherepanova, Irina, V" are clear there, not in display names */
	p = val(f, WOS_AF, &n);
	if (!n)
		p = val(f, WOS_AU, &n);
	for (end = p + n; next_item(&p, end, &s, &len, 0);)
		ninv++;
	inv = ninv ? bs_arena_alloc(&r->arena, ninv * sizeof *inv) : NULL;
	rec->title = text(&b, f, WOS_TI, 0);
	rec->venue = text(&b, f, WOS_SO, 0);
	rec->year = bs_recbuild_year(text(&b, f, WOS_PY, 0));
	rec->abstract = text(&b, f, WOS_AB, 1);
	v = val(f, WOS_DI, &n);
	v = bs_record_doi_from(&r->arena, bs_arena_strndup(&r->arena, v, n));
	rec->doi = v ? v : "";
	rec->volume = text(&b, f, WOS_VL, 0);
	rec->issue = text(&b, f, WOS_IS, 0);
	rec->pages = text(&b, f, WOS_BP, 0);
	if (!*rec->pages)
		rec->pages = text(&b, f, WOS_AR, 0);
	rec->key = text(&b, f, WOS_UT, 0);
	if (*rec->key) {
		size_t kn = strlen(rec->key);
		char *u = bs_arena_alloc(&r->arena, kn + 64);
		snprintf(u, kn + 64, "https://www.webofscience.com/wos/woscc/full-record/%s", rec->key);
		rec->url = u;
		bs_recbuild_id(&b, -1, BS_ID_WOS, rec->key, kn);
	}
	p = val(f, WOS_AF, &n);
	if (!n)
		p = val(f, WOS_AU, &n);
	for (end = p + n; next_item(&p, end, &s, &len, 0);)
		if (bs_recbuild_author(&b, s, len, 1) >= 0 && b.n <= ninv)
			inv[b.n - 1] = bs_arena_strndup(&r->arena, s, len);
	rec->doc_type = text(&b, f, WOS_DT, 0);
	rec->language = text(&b, f, WOS_LA, 0);
	/* TC: the Core Collection's count (the one WoS shows and bibliometrix
	 * reads); Z9 (all databases) only when TC is missing */
	rec->cited = count(f, WOS_TC);
	if (rec->cited < 0)
		rec->cited = count(f, WOS_Z9);
	if (rec->cited >= 0) {
		rec->cited_source = "wos";
		v = val(f, WOS_DA, &n);
		if (n == 10 && v[4] == '-' && v[7] == '-')
			rec->cited_as_of = bs_arena_strndup(&r->arena, v, n);
	}
	v = val(f, WOS_DE, &n);
	bs_recbuild_keywords(&b, 0, v, n, ';');
	v = val(f, WOS_ID, &n);
	bs_recbuild_keywords(&b, 1, v, n, ';');
	p = val(f, WOS_CR, &n);
	for (end = p + n; next_item(&p, end, &s, &len, 1);)
		bs_recbuild_ref(&b, s, len);
	v = val(f, WOS_PM, &n);
	if (bs_recbuild_count(v, n) > 0)
		bs_recbuild_id(&b, -1, BS_ID_PMID, v, n);
	addresses(&b, f, inv, k);
	author_ids(&b, f, inv, WOS_RI, BS_ID_RESEARCHERID, k);
	author_ids(&b, f, inv, WOS_OI, BS_ID_ORCID, k);
	bs_recbuild_finish(&b);
	for (int i = 0; i < 3; i++)
		bs_strbuf_release(&k[i]);
}
