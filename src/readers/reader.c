#include "readers/reader.h"
#include "base/clock.h"
#include "text/latex.h"
#include "text/names.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdlib.h>

#include <string.h>
#include <strings.h>

extern const bs_reader_ops bs_paperlist_ops;
extern const bs_reader_ops bs_ris_ops;
extern const bs_reader_ops bs_wos_ops;
extern const bs_reader_ops bs_wosplain_ops;
extern const bs_reader_ops bs_scopus_ops;
extern const bs_reader_ops bs_csljson_ops;
extern const bs_reader_ops bs_openalex_ops;
extern const bs_reader_ops bs_bibtex_ops;
extern const bs_reader_ops bs_dblpxml_ops;
extern const bs_reader_ops bs_medline_ops;

const bs_reader_ops *const bs_reader_formats[] = {
	&bs_paperlist_ops,
	&bs_ris_ops,
	&bs_wos_ops,
	&bs_wosplain_ops,
	&bs_scopus_ops,
	&bs_csljson_ops,
	&bs_openalex_ops,
	&bs_bibtex_ops,
	&bs_dblpxml_ops,
	&bs_medline_ops,
	NULL
};

const bs_reader_ops *bs_reader_find(const char *name)
{
	for (size_t i = 0; bs_reader_formats[i]; i++)
		if (strcmp(bs_reader_formats[i]->name, name) == 0)
			return bs_reader_formats[i];
	return NULL;
}

int bs_looks_binary(const char *data, size_t n)
{
	size_t ctl = 0, nul = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c == 0)
			nul++;
		else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			ctl++;
	}
	/* Binary data has control characters other than NUL in about 11% of
	 * its bytes when compressed or encrypted, and more in executables and
	 * databases; text in UTF-8 or an 8-bit code page has next to none
	 * (UTF-16 is decoded before this runs).  NUL bytes alone say less: a
	 * corrupted export or a stray NUL leaves text with some, which the
	 * input repairs with a warning; only NUL-filled data (a zeroed block,
	 * UTF-32) is refused for them. */
	return ctl * 20 > n || nul * 4 > n;
}

static int finish_open(bs_reader **out, bs_input *in, const char *format,
		       bs_diag *diag, void *shared, bs_error *err)
{
	const bs_reader_ops *ops = NULL;
	const char *data;
	size_t n;
	bs_reader *r;
	int rc;

	*out = NULL;
	rc = bs_input_peek(in, &data, &n, err);
	if (rc)
		goto fail;
	if (format) {
		ops = bs_reader_find(format);
		if (!ops) {
			rc = bs_error_set(err, BS_ERR_USAGE, "unknown format '%s'", format);
			goto fail;
		}
	} else {
		int best = 0;
		if (n == 0) {
			rc = bs_error_set(err, BS_ERR_EMPTY, "%s: empty file", bs_input_name(in));
			goto fail;
		}
		if (bs_looks_binary(data, n)) {
			rc = bs_error_set(err, BS_ERR_FORMAT,
					  "%s: binary data, not a bibliographic file%s",
					  bs_input_name(in), bs_input_is_gzip(in) ? " (after gunzip)" : "");
			goto fail;
		}
		for (size_t i = 0; bs_reader_formats[i]; i++) {
			int s = bs_reader_formats[i]->sniff(data, n, bs_input_name(in));
			if (s > best) {
				best = s;
				ops = bs_reader_formats[i];
			}
		}
		if (!ops) {
			rc = bs_error_set(err, BS_ERR_FORMAT,
					  "%s: not in a known format (tried: paperlist, ris, wos, wos-plain, scopus, csljson, openalex, bibtex, dblpxml, medline);"
					  " use --format to force one", bs_input_name(in));
			goto fail;
		}
	}
	r = bs_xcalloc(1, sizeof *r);
	r->ops = ops;
	r->in = in;
	r->diag = diag;
	bs_input_set_diag(in, &r->diag);
	r->shared = shared;
	bs_arena_init(&r->arena);
	bs_record_clear(&r->rec);
	rc = ops->open(r, err);
	if (rc) {
		r->in = NULL;
		bs_reader_close(r);
		goto fail;
	}
	*out = r;
	return BS_OK;
fail:
	bs_input_close(in);
	return rc;
}

int bs_reader_open(bs_reader **out, const char *path, const char *format,
		   bs_diag *diag, bs_error *err)
{
	return bs_reader_open_shared(out, path, format, diag, NULL, err);
}

int bs_reader_open_shared(bs_reader **out, const char *path, const char *format,
			  bs_diag *diag, void *shared, bs_error *err)
{
	bs_input *in;
	int rc;

	*out = NULL;
	if (format && !bs_reader_find(format))
		return bs_error_set(err, BS_ERR_USAGE, "unknown format '%s'", format);
	rc = bs_input_open(&in, path, err);
	if (rc)
		return rc;
	return finish_open(out, in, format, diag, shared, err);
}

int bs_reader_open_mem(bs_reader **out, const char *name, const void *data, size_t n,
		       const char *format, bs_diag *diag, bs_error *err)
{
	return bs_reader_open_mem_shared(out, name, data, n, format, diag, NULL, err);
}

int bs_reader_open_mem_shared(bs_reader **out, const char *name, const void *data, size_t n,
			      const char *format, bs_diag *diag, void *shared, bs_error *err)
{
	bs_input *in;
	int rc;

	*out = NULL;
	rc = bs_input_open_mem(&in, name, data, n, err);
	if (rc)
		return rc;
	return finish_open(out, in, format, diag, shared, err);
}

int bs_reader_next(bs_reader *r, bs_record **rec, bs_error *err)
{
	int rc;

	bs_arena_reset(&r->arena);
	bs_record_clear(&r->rec);
	rc = r->ops->next(r, &r->rec, err);
	if (rc == 1) {
		r->records++;
		r->rec.position = r->records;
		*rec = &r->rec;
	} else {
		*rec = NULL;
	}
	return rc;
}

void bs_reader_close(bs_reader *r)
{
	if (!r)
		return;
	if (r->ops && r->ops->close)
		r->ops->close(r);
	bs_input_close(r->in);
	bs_arena_release(&r->arena);
	free(r);
}

void bs_recbuild_init(bs_recbuild *b, bs_reader *r, bs_record *rec)
{
	memset(b, 0, sizeof *b);
	b->r = r;
	b->rec = rec;
	bs_strbuf_init(&b->tmp);
	bs_strbuf_init(&b->tmp2);
}

int bs_recbuild_author(bs_recbuild *b, const char *s, size_t n, int inverted)
{
	bs_strbuf_reset(&b->tmp2);
	bs_utf8_repair(s, n, &b->tmp2);
	if (bs_latex_in_name(b->tmp2.buf, b->tmp2.len)) {
		/* LaTeX left in a name ("B\"{u}nz" in CSL-JSON converted from
		 * BibTeX) would split the person from their plain spelling */
		bs_latex_decode_name(b->tmp2.buf, b->tmp2.len, &b->tmp);
		bs_strbuf_reset(&b->tmp2);
		bs_utf8_repair(b->tmp.buf, b->tmp.len, &b->tmp2);   /* decoding may cut a sequence */
	}
	if (inverted) {
		bs_name_uninvert(b->tmp2.buf, b->tmp2.len, &b->tmp);
	} else {
		bs_strbuf_reset(&b->tmp);
		bs_strbuf_add(&b->tmp, b->tmp2.buf, b->tmp2.len);
	}
	/* NFKC, white space collapsed; a DBLP suffix ("0001") stays: the store
	 * keeps it in the match key and hides it in the display name */
	bs_text_nfkc(b->tmp.buf, b->tmp.len, &b->tmp2);
	if (!b->tmp2.len || bs_name_placeholder(b->tmp2.buf, b->tmp2.len))
		return -1;
	if (b->n == b->cap) {
		const char **v;
		b->cap = b->cap ? 2 * b->cap : 8;
		v = bs_arena_alloc(&b->r->arena, b->cap * sizeof *v);
		if (b->n)
			memcpy(v, b->authors, b->n * sizeof *v);
		b->authors = v;
	}
	b->authors[b->n++] = bs_arena_strndup(&b->r->arena, b->tmp2.buf, b->tmp2.len);
	return (int)b->n - 1;
}

/* Grow an arena array of elements of size sz to hold n + 1. */
static void *arena_grow(bs_arena *a, void *v, size_t n, size_t *cap, size_t sz)
{
	void *w;

	if (n < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 8;
	w = bs_arena_alloc(a, *cap * sz);
	if (n)
		memcpy(w, v, n * sz);
	return w;
}

static void list_add(bs_recbuild *b, struct bs_recbuild_list *l, const char *v)
{
	l->v = arena_grow(&b->r->arena, l->v, l->n, &l->cap, sizeof *l->v);
	l->v[l->n++] = v;
}

void bs_recbuild_keyword(bs_recbuild *b, int indexed, const char *s, size_t n)
{
	struct bs_recbuild_list *l = indexed ? &b->ikw : &b->kw;
	const char *t = bs_recbuild_text(b, s, n, 0);

	if (!*t)
		return;
	for (size_t i = 0; i < l->n; i++)
		if (!strcasecmp(l->v[i], t))
			return;
	list_add(b, l, t);
}

void bs_recbuild_keywords(bs_recbuild *b, int indexed, const char *s, size_t n, char sep)
{
	while (n) {
		const char *e = memchr(s, sep, n);
		size_t len = e ? (size_t)(e - s) : n;
		bs_recbuild_keyword(b, indexed, s, len);
		if (!e)
			break;
		n -= len + 1;
		s = e + 1;
	}
}

void bs_recbuild_ref(bs_recbuild *b, const char *s, size_t n)
{
	const char *t = bs_recbuild_text(b, s, n, 0);

	if (*t)
		list_add(b, &b->refs, t);
}

void bs_recbuild_id(bs_recbuild *b, int author, const char *scheme, const char *s, size_t n)
{
	const char *t = bs_recbuild_text(b, s, n, 0);

	if (!*t || author < BS_REC_AUTHOR_UNPLACED || (author >= 0 && (size_t)author >= b->n))
		return;
	for (size_t i = 0; i < b->nids; i++)
		if (b->ids[i].author == author && !strcmp(b->ids[i].scheme, scheme) && !strcmp(b->ids[i].value, t))
			return;
	b->ids = arena_grow(&b->r->arena, b->ids, b->nids, &b->capids, sizeof *b->ids);
	b->ids[b->nids].author = author;
	b->ids[b->nids].scheme = scheme;
	b->ids[b->nids++].value = t;
}

void bs_recbuild_affil(bs_recbuild *b, int author, const char *s, size_t n)
{
	const char *t = bs_recbuild_text(b, s, n, 0);

	if (!*t || author < -1 || (author >= 0 && (size_t)author >= b->n))
		return;
	b->affils = arena_grow(&b->r->arena, b->affils, b->naffils, &b->capaffils, sizeof *b->affils);
	b->affils[b->naffils].author = author;
	b->affils[b->naffils++].text = t;
}

long bs_recbuild_count(const char *s, size_t n)
{
	long v = 0;
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n || s[i] < '0' || s[i] > '9')
		return -1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > 100000000)
			return -1;   /* no real count is that large */
		v = v * 10 + (s[i] - '0');
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	return i == n ? v : -1;
}

const char *bs_recbuild_text(bs_recbuild *b, const char *s, size_t n, int multiline)
{
	int flags = BS_TEXT_STRIP_TAGS | BS_TEXT_ENTITIES | (multiline ? 0 : BS_TEXT_ONE_LINE);

	if (bs_utf8_needs_repair(s, n)) {
		bs_strbuf_reset(&b->tmp2);
		bs_utf8_repair(s, n, &b->tmp2);
		s = b->tmp2.buf;
		n = b->tmp2.len;
	}
	bs_text_clean(s, n, flags, &b->tmp);
	return bs_arena_strndup(&b->r->arena, b->tmp.buf, b->tmp.len);
}

int bs_recbuild_year(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
		    isdigit((unsigned char)p[3]) && !isdigit((unsigned char)p[4]) &&
		    (p == s || !isdigit((unsigned char)p[-1]))) {
			int y = atoi(p);
			if (y >= BS_YEAR_FIRST && y <= BS_YEAR_LAST)
				return y;
		}
	}
	return 0;
}

void bs_recbuild_finish(bs_recbuild *b)
{
	b->rec->authors = b->authors;
	b->rec->nauthors = b->n;
	b->rec->keywords = b->kw.v;
	b->rec->nkeywords = b->kw.n;
	b->rec->index_keywords = b->ikw.v;
	b->rec->nindex_keywords = b->ikw.n;
	b->rec->refs = b->refs.v;
	b->rec->nrefs = b->refs.n;
	b->rec->ids = b->ids;
	b->rec->nids = b->nids;
	b->rec->affils = b->affils;
	b->rec->naffils = b->naffils;
	bs_strbuf_release(&b->tmp);
	bs_strbuf_release(&b->tmp2);
}

int bs_bytes_fill(bs_bytes *b, bs_input *in, bs_error *err)
{
	ssize_t k;

	if (b->pos < b->len)
		return b->buf[b->pos];
	if (b->eof)
		return -1;
	k = bs_input_read(in, b->buf, sizeof b->buf, err);
	if (k < 0)
		return -2;
	if (k == 0) {
		b->eof = 1;
		return -1;
	}
	b->pos = 0;
	b->len = (size_t)k;
	return b->buf[0];
}
