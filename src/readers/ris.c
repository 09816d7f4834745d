/* ris.c - RIS reader (Zotero, EndNote, IEEE Xplore, ... exports).
 *
 * A record runs from "TY  - " to "ER  - ".  Tags: TY, AU/A1 (authors,
 * "Last, First" or "First Last"), TI/T1 (title), PY/Y1/DA (year), JO/T2/
 * JF/BT (venue), DO (DOI), UR (URL), AB/N2 (abstract).  A line that does
 * not start with a tag continues the previous value (multi-line values);
 * lines outside records are skipped.  LF, CRLF and a lone CR all end a
 * line (bs_input), so files that mix them split correctly; a BOM is skipped.
 * A value (a line, or a value continued over lines) is cut at 64 MiB, as
 * in the other readers, and so is a record's author list, each with a
 * warning naming the line and the tag.
 */
#include "readers/reader.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELD BS_INPUT_MAX_LINE

enum { R_TITLE, R_VENUE, R_YEAR, R_DOI, R_URL, R_ABSTRACT, R_T2, R_VOL, R_ISSUE, R_SP, R_EP, R_ID, R_N };

typedef struct ris_state {
	bs_strbuf line;
	bs_strbuf f[R_N];
	char tag[R_N][3];         /* the tag each value came from */
	int cut[R_N];             /* value cut at MAX_FIELD (warned) */
	int cur;                  /* value being continued, or -1 */
	bs_strbuf authors;        /* NUL-separated */
	int nauthors, authors_cut;
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
	for (int i = 0; i < R_N; i++)
		bs_strbuf_init(&st->f[i]);
	bs_strbuf_init(&st->authors);
	st->cur = -1;
	r->state = st;
	return BS_OK;
}

static void ris_close(bs_reader *r)
{
	ris_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->line);
	for (int i = 0; i < R_N; i++)
		bs_strbuf_release(&st->f[i]);
	bs_strbuf_release(&st->authors);
	free(st);
	r->state = NULL;
}

/* how much of s[0..n) fits in a value of len bytes: all, or up to
 * MAX_FIELD cut at a character boundary */
static size_t fits(size_t len, const char *s, size_t n)
{
	size_t room = len < MAX_FIELD ? MAX_FIELD - len : 0;

	if (n <= room)
		return n;
	for (int back = 0; back < 3 && room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80; back++)
		room--;
	return room;
}

/* append s[0..n) to value k (after sep when sep is not 0), within
 * MAX_FIELD; warns once per value when it is cut */
static void add(bs_reader *r, ris_state *st, int k, char sep, const char *s, size_t n)
{
	bs_strbuf *f = &st->f[k];
	size_t take;

	if (st->cut[k])
		return;
	if (sep) {
		if (f->len >= MAX_FIELD) {
			take = 0;
			goto cut;
		}
		bs_strbuf_addc(f, sep);
	}
	take = fits(f->len, s, n);
	bs_strbuf_add(f, s, take);
	if (take == n)
		return;
cut:
	st->cut[k] = 1;
	bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
		     "'%s' value longer than %zu MiB: cut, the first %zu MiB kept", st->tag[k], MAX_FIELD >> 20,
		     MAX_FIELD >> 20);
}

static void set(bs_reader *r, ris_state *st, int k, const char *v, size_t n)
{
	if (st->f[k].len)   /* the first value wins (TI before T1, ...) */
		return;
	memcpy(st->tag[k], st->line.buf, 2);
	st->tag[k][2] = '\0';
	add(r, st, k, 0, v, n);
	st->cur = k;
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
		size_t vn;
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
			if (in_record && st->cur >= 0 && st->line.len) {
				add(r, st, st->cur, st->cur == R_ABSTRACT ? '\n' : ' ', st->line.buf, st->line.len);
				if (cut && !st->cut[st->cur])
					bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
						     "line longer than %zu MiB in the '%s' value: cut", MAX_FIELD >> 20,
						     st->tag[st->cur]);
			} else if (cut) {
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
					     "line longer than %zu MiB outside a value: cut", MAX_FIELD >> 20);
			}
			continue;
		}
		vn = st->line.len - (size_t)(v - st->line.buf);
		if (!strncmp(st->line.buf, "TY", 2)) {
			if (in_record)
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "new record before 'ER  -'");
			in_record = 1;
			start = bs_input_lineno(r->in);
			for (int i = 0; i < R_N; i++) {
				bs_strbuf_reset(&st->f[i]);
				st->cut[i] = 0;
			}
			bs_strbuf_reset(&st->authors);
			st->nauthors = st->authors_cut = 0;
			st->cur = -1;
			continue;
		}
		if (!in_record) {
			continue;
		}
		if (!strncmp(st->line.buf, "ER", 2)) {
			in_record = 0;
			goto build;
		}
		st->cur = -1;
		if (!strncmp(st->line.buf, "AU", 2) || !strncmp(st->line.buf, "A1", 2)) {
			/* (a name stops at a NUL byte, as it always has) */
			size_t an = strlen(v), take;
			if (an && !st->authors_cut) {
				take = fits(st->authors.len, v, an + 1);
				if (take == an + 1) {
					bs_strbuf_add(&st->authors, v, an + 1);
					st->nauthors++;
				} else {
					st->authors_cut = 1;
					bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
						     "authors longer than %zu MiB in all: the authors from here on are "
						     "left out (%d kept)", MAX_FIELD >> 20, st->nauthors);
				}
			}
		} else if (!strncmp(st->line.buf, "TI", 2) || !strncmp(st->line.buf, "T1", 2)) {
			set(r, st, R_TITLE, v, vn);
		} else if (!strncmp(st->line.buf, "PY", 2) || !strncmp(st->line.buf, "Y1", 2) ||
			   !strncmp(st->line.buf, "DA", 2)) {
			set(r, st, R_YEAR, v, vn);
		} else if (!strncmp(st->line.buf, "JO", 2) || !strncmp(st->line.buf, "JF", 2) ||
			   !strncmp(st->line.buf, "BT", 2) || !strncmp(st->line.buf, "T3", 2)) {
			set(r, st, R_VENUE, v, vn);
		} else if (!strncmp(st->line.buf, "T2", 2)) {
			set(r, st, R_T2, v, vn);
		} else if (!strncmp(st->line.buf, "DO", 2)) {
			set(r, st, R_DOI, v, vn);
		} else if (!strncmp(st->line.buf, "UR", 2)) {
			set(r, st, R_URL, v, vn);
		} else if (!strncmp(st->line.buf, "AB", 2) || !strncmp(st->line.buf, "N2", 2)) {
			set(r, st, R_ABSTRACT, v, vn);
		} else if (!strncmp(st->line.buf, "VL", 2)) {
			set(r, st, R_VOL, v, vn);
		} else if (!strncmp(st->line.buf, "IS", 2)) {
			set(r, st, R_ISSUE, v, vn);
		} else if (!strncmp(st->line.buf, "SP", 2)) {
			set(r, st, R_SP, v, vn);
		} else if (!strncmp(st->line.buf, "EP", 2)) {
			set(r, st, R_EP, v, vn);
		} else if (!strncmp(st->line.buf, "ID", 2)) {
			set(r, st, R_ID, v, vn);
		}
		if (cut)   /* (a value of its own: add() did not see the rest) */
			bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB ('%.2s' value): cut, the first %zu MiB kept",
				     MAX_FIELD >> 20, st->line.buf, MAX_FIELD >> 20);
	}
	return 0;
build:
	bs_recbuild_init(&b, r, rec);
	rec->line = start;
	rec->title = bs_recbuild_text(&b, st->f[R_TITLE].buf, st->f[R_TITLE].len, 0);
	if (!st->f[R_VENUE].len)
		bs_strbuf_add(&st->f[R_VENUE], st->f[R_T2].buf, st->f[R_T2].len);
	rec->venue = bs_recbuild_text(&b, st->f[R_VENUE].buf, st->f[R_VENUE].len, 0);
	rec->year = bs_recbuild_year(st->f[R_YEAR].buf);
	rec->url = bs_recbuild_text(&b, st->f[R_URL].buf, st->f[R_URL].len, 0);
	{
		const char *d = bs_record_doi_from(&r->arena, st->f[R_DOI].len ? st->f[R_DOI].buf : rec->url);
		rec->doi = d ? d : "";
	}
	rec->abstract = bs_recbuild_text(&b, st->f[R_ABSTRACT].buf, st->f[R_ABSTRACT].len, 1);
	rec->volume = bs_recbuild_text(&b, st->f[R_VOL].buf, st->f[R_VOL].len, 0);
	rec->issue = bs_recbuild_text(&b, st->f[R_ISSUE].buf, st->f[R_ISSUE].len, 0);
	rec->key = bs_recbuild_text(&b, st->f[R_ID].buf, st->f[R_ID].len, 0);
	if (st->f[R_SP].len && st->f[R_EP].len) {   /* "SP - 123", "EP - 130": "123-130" */
		bs_strbuf_addc(&st->f[R_SP], '-');
		bs_strbuf_add(&st->f[R_SP], st->f[R_EP].buf, st->f[R_EP].len);
	}
	rec->pages = bs_recbuild_text(&b, st->f[R_SP].buf, st->f[R_SP].len, 0);
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
