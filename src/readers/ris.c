/* ris.c - RIS reader (Zotero, EndNote, IEEE Xplore, ... exports).
 *
 * A record runs from "TY  - " to "ER  - ".  Tags: TY, AU/A1 (authors,
 * "Last, First" or "First Last"), TI/T1 (title), PY/Y1/DA (year), JO/T2/
 * JF/BT (venue), DO (DOI), UR (URL), AB/N2 (abstract).  A line that does
 * not start with a tag continues the previous value (multi-line values);
 * lines outside records are skipped.  LF, CRLF and a lone CR all end a
 * line (bs_input), so files that mix them split correctly; a BOM is skipped.
 */
#include "reader.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct ris_state {
	bs_strbuf line;
	bs_strbuf title, venue, year, doi, url, abstract, t2;
	bs_strbuf *cur;           /* value being continued, or NULL */
	bs_strbuf authors;        /* NUL-separated */
	int nauthors;
} ris_state;

/* "XY  - value": returns the tag length (2) and sets *value, else 0. */
static int tag_of(const char *s, size_t n, const char **value)
{
	if (n < 5 || !isupper((unsigned char)s[0]) || !(isupper((unsigned char)s[1]) || isdigit((unsigned char)s[1])))
		return 0;
	if (s[2] != ' ' || s[3] != ' ' || s[4] != '-')
		return 0;
	*value = s + 5;
	while (**value == ' ')
		(*value)++;
	return 2;
}

static int ris_sniff(const char *data, size_t n, const char *path)
{
	const char *p = data, *end = data + n;
	(void)path;

	for (int lines = 0; p < end && lines < 40; lines++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *v;
		size_t len = e ? (size_t)(e - p) : (size_t)(end - p);
		if (tag_of(p, len, &v) && !strncmp(p, "TY", 2))
			return 90;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int ris_open(bs_reader *r, bs_error *err)
{
	ris_state *st = bs_xcalloc(1, sizeof *st);
	(void)err;
	bs_strbuf_init(&st->line);
	bs_strbuf_init(&st->title);
	bs_strbuf_init(&st->venue);
	bs_strbuf_init(&st->year);
	bs_strbuf_init(&st->doi);
	bs_strbuf_init(&st->url);
	bs_strbuf_init(&st->abstract);
	bs_strbuf_init(&st->t2);
	bs_strbuf_init(&st->authors);
	r->state = st;
	return BS_OK;
}

static void ris_close(bs_reader *r)
{
	ris_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->line);
	bs_strbuf_release(&st->title);
	bs_strbuf_release(&st->venue);
	bs_strbuf_release(&st->year);
	bs_strbuf_release(&st->doi);
	bs_strbuf_release(&st->url);
	bs_strbuf_release(&st->abstract);
	bs_strbuf_release(&st->t2);
	bs_strbuf_release(&st->authors);
	free(st);
	r->state = NULL;
}

static void set(ris_state *st, bs_strbuf *f, const char *v)
{
	if (f->len)   /* the first value wins (TI before T1, ...) */
		return;
	bs_strbuf_adds(f, v);
	st->cur = f;
}

static int ris_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	ris_state *st = r->state;
	const char *name = bs_input_name(r->in);
	int in_record = 0, rc;
	long start = 0;
	bs_recbuild b;

	for (;;) {
		const char *v;
		int cut;
		rc = bs_input_getline(r->in, &st->line, &cut, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (in_record)
				bs_diag_warn(r->diag, name, start, "record not closed by 'ER  -' before end of file");
			break;
		}
		if (!tag_of(st->line.buf, st->line.len, &v)) {
			/* a continuation line */
			if (in_record && st->cur && st->line.len) {
				bs_strbuf_addc(st->cur, st->cur == &st->abstract ? '\n' : ' ');
				bs_strbuf_add(st->cur, st->line.buf, st->line.len);
			}
			continue;
		}
		if (!strncmp(st->line.buf, "TY", 2)) {
			if (in_record)
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "new record before 'ER  -'");
			in_record = 1;
			start = bs_input_lineno(r->in);
			bs_strbuf_reset(&st->title);
			bs_strbuf_reset(&st->venue);
			bs_strbuf_reset(&st->year);
			bs_strbuf_reset(&st->doi);
			bs_strbuf_reset(&st->url);
			bs_strbuf_reset(&st->abstract);
			bs_strbuf_reset(&st->t2);
			bs_strbuf_reset(&st->authors);
			st->nauthors = 0;
			st->cur = NULL;
			continue;
		}
		if (!in_record) {
			continue;
		}
		if (!strncmp(st->line.buf, "ER", 2)) {
			in_record = 0;
			goto build;
		}
		st->cur = NULL;
		if (!strncmp(st->line.buf, "AU", 2) || !strncmp(st->line.buf, "A1", 2)) {
			if (*v) {
				bs_strbuf_add(&st->authors, v, strlen(v) + 1);
				st->nauthors++;
			}
		} else if (!strncmp(st->line.buf, "TI", 2) || !strncmp(st->line.buf, "T1", 2)) {
			set(st, &st->title, v);
		} else if (!strncmp(st->line.buf, "PY", 2) || !strncmp(st->line.buf, "Y1", 2) ||
			   !strncmp(st->line.buf, "DA", 2)) {
			set(st, &st->year, v);
		} else if (!strncmp(st->line.buf, "JO", 2) || !strncmp(st->line.buf, "JF", 2) ||
			   !strncmp(st->line.buf, "BT", 2) || !strncmp(st->line.buf, "T3", 2)) {
			set(st, &st->venue, v);
		} else if (!strncmp(st->line.buf, "T2", 2)) {
			set(st, &st->t2, v);
		} else if (!strncmp(st->line.buf, "DO", 2)) {
			set(st, &st->doi, v);
		} else if (!strncmp(st->line.buf, "UR", 2)) {
			set(st, &st->url, v);
		} else if (!strncmp(st->line.buf, "AB", 2) || !strncmp(st->line.buf, "N2", 2)) {
			set(st, &st->abstract, v);
		}
	}
	return 0;
build:
	bs_recbuild_init(&b, r, rec);
	rec->line = start;
	rec->title = bs_recbuild_text(&b, st->title.buf, st->title.len, 0);
	if (!st->venue.len)
		bs_strbuf_adds(&st->venue, st->t2.buf);
	rec->venue = bs_recbuild_text(&b, st->venue.buf, st->venue.len, 0);
	rec->year = bs_recbuild_year(st->year.buf);
	rec->url = bs_recbuild_text(&b, st->url.buf, st->url.len, 0);
	{
		const char *d = bs_record_doi_from(&r->arena, st->doi.len ? st->doi.buf : rec->url);
		rec->doi = d ? d : "";
	}
	rec->abstract = bs_recbuild_text(&b, st->abstract.buf, st->abstract.len, 1);
	for (const char *a = st->authors.buf; a < st->authors.buf + st->authors.len; a += strlen(a) + 1)
		bs_recbuild_author(&b, a, strlen(a), strchr(a, ',') != NULL);
	bs_recbuild_finish(&b);
	if (!*rec->title)
		bs_diag_warn(r->diag, name, start, "record without a title");
	return 1;
}

const bs_reader_ops bs_ris_ops = {
	"ris", "RIS (TY ... ER records)", ris_sniff, ris_open, ris_next, ris_close,
};
