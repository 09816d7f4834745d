/* scopus.c - Scopus CSV export, parsed with libcsv (quoted fields may span
 * lines).  The header names the columns: "Authors" ("Liu F.; Li C."),
 * "Author full names" ("Liu, Fengyuan (60410297700); ...", preferred; older
 * exports have no such column and separate "Authors" by commas),
 * "Title", "Year", "Source title", "DOI", "Link", "Abstract".  Streams row
 * by row: memory is bounded by the longest row.
 */
#include "reader.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

enum { S_AUTHORS, S_FULL, S_TITLE, S_YEAR, S_SOURCE, S_DOI, S_LINK, S_ABSTRACT, S_N };
static const char *const wanted[S_N] = {"Authors", "Author full names", "Title", "Year", "Source title",
					"DOI", "Link", "Abstract"};

typedef struct row {
	char **f;
	size_t n, cap;
	long line;
} row;

typedef struct sc_state {
	struct csv_parser p;
	row cur;             /* the row being filled */
	row *q;              /* completed rows, FIFO */
	size_t qn, qhead, qcap;
	int col[S_N];
	int header;          /* header row seen */
	int eof;
	char buf[65536];
} sc_state;

static void row_free(row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
	memset(r, 0, sizeof *r);
}

static void on_field(void *s, size_t len, void *data)
{
	sc_state *st = data;
	row *r = &st->cur;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->f = bs_xrealloc(r->f, r->cap * sizeof *r->f);
	}
	r->f[r->n++] = bs_xstrndup(s ? s : "", s ? len : 0);
}

static void on_row(int c, void *data)
{
	sc_state *st = data;
	(void)c;
	if (st->qn == st->qcap) {
		st->qcap = st->qcap ? 2 * st->qcap : 16;
		st->q = bs_xrealloc(st->q, st->qcap * sizeof *st->q);
	}
	st->q[st->qn++] = st->cur;
	memset(&st->cur, 0, sizeof st->cur);
}

static int sc_sniff(const char *data, size_t n, const char *path)
{
	const char *e = memchr(data, '\n', n);
	size_t len = e ? (size_t)(e - data) : n;
	char *first = bs_xstrndup(data, len);
	int score = (strstr(first, "Authors") && strstr(first, "Title") &&
		     (strstr(first, "Source title") || strstr(first, "EID"))) ? 90 : 0;
	(void)path;
	free(first);
	return score;
}

static int sc_open(bs_reader *r, bs_error *err)
{
	sc_state *st = bs_xcalloc(1, sizeof *st);

	r->state = st;
	if (csv_init(&st->p, CSV_APPEND_NULL) != 0)
		return bs_error_set(err, BS_ERR_NOMEM, "cannot start the CSV parser");
	for (int c = 0; c < S_N; c++)
		st->col[c] = -1;
	return BS_OK;
}

static void sc_close(bs_reader *r)
{
	sc_state *st = r->state;
	if (!st)
		return;
	csv_free(&st->p);
	row_free(&st->cur);
	for (size_t i = st->qhead; i < st->qn; i++)
		row_free(&st->q[i]);
	free(st->q);
	free(st);
	r->state = NULL;
}

/* next complete row: 1, 0 at end, -1 on error */
static int next_row(bs_reader *r, sc_state *st, row *out, bs_error *err)
{
	while (st->qhead == st->qn) {
		ssize_t k;
		st->qhead = st->qn = 0;
		if (st->eof)
			return 0;
		k = bs_input_read(r->in, st->buf, sizeof st->buf, err);
		if (k < 0)
			return -1;
		if (k == 0) {
			csv_fini(&st->p, on_field, on_row, st);
			st->eof = 1;
			continue;
		}
		if (csv_parse(&st->p, st->buf, (size_t)k, on_field, on_row, st) != (size_t)k) {
			bs_error_set(err, BS_ERR_FORMAT, "%s: CSV error: %s", bs_input_name(r->in),
				     csv_strerror(csv_error(&st->p)));
			return -1;
		}
	}
	*out = st->q[st->qhead++];
	return 1;
}

/* Exports before about 2020 separate the "Authors" column by commas:
 * "Phillips J.C., Braun R., Wang W.".  A list without ';' is such a list
 * when every comma-separated part is a family name and initials, i.e. has
 * a space; "Liu, F." (one author, inverted) is not. */
static int old_author_list(const char *a)
{
	const char *p = a;
	int parts = 0;

	if (strchr(a, ';') || !strchr(a, ','))
		return 0;
	for (;;) {
		const char *comma = strchr(p, ','), *e = comma ? comma : p + strlen(p);
		int space = 0;
		while (p < e && *p == ' ')
			p++;
		while (e > p && e[-1] == ' ')
			e--;
		for (const char *q = p; q < e; q++)
			space |= *q == ' ';
		if (!space)
			return 0;
		parts++;
		if (!comma)
			break;
		p = comma + 1;
	}
	return parts > 1;
}

static int sc_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	sc_state *st = r->state;
	row rw;
	bs_recbuild b;
	int rc;

	for (;;) {
		rc = next_row(r, st, &rw, err);
		if (rc <= 0)
			return rc;
		if (!st->header) {
			st->header = 1;
			for (size_t i = 0; i < rw.n; i++)
				for (int c = 0; c < S_N; c++)
					if (!strcmp(rw.f[i], wanted[c]) && st->col[c] < 0)
						st->col[c] = (int)i;
			row_free(&rw);
			if (st->col[S_TITLE] < 0) {
				bs_error_set(err, BS_ERR_FORMAT, "%s:1: no \"Title\" column", bs_input_name(r->in));
				return -1;
			}
			continue;
		}
		if (rw.n <= 1 && (!rw.n || !rw.f[0][0])) {
			row_free(&rw);
			continue;   /* blank line */
		}
		break;
	}
#define F(c) (st->col[c] >= 0 && (size_t)st->col[c] < rw.n ? rw.f[st->col[c]] : "")
	bs_recbuild_init(&b, r, rec);
	rec->line = r->records + 2;   /* rows, not lines: fields may span lines */
	rec->title = bs_recbuild_text(&b, F(S_TITLE), strlen(F(S_TITLE)), 0);
	rec->venue = bs_recbuild_text(&b, F(S_SOURCE), strlen(F(S_SOURCE)), 0);
	rec->year = bs_recbuild_year(F(S_YEAR));
	rec->abstract = bs_recbuild_text(&b, F(S_ABSTRACT), strlen(F(S_ABSTRACT)), 1);
	rec->url = bs_arena_strdup(&r->arena, F(S_LINK));
	{
		const char *d = bs_record_doi_from(&r->arena, F(S_DOI));
		rec->doi = d ? d : "";
	}
	{
		const char *a = F(S_FULL);
		int full = *a != '\0';
		char sep = ';';
		if (!full) {
			a = F(S_AUTHORS);
			if (old_author_list(a))
				sep = ',';
		}
		while (*a) {
			const char *semi = strchr(a, sep);
			size_t len = semi ? (size_t)(semi - a) : strlen(a);
			/* "Liu, Fengyuan (60410297700)": drop the Scopus id */
			const char *paren = memchr(a, '(', len);
			bs_recbuild_author(&b, a, paren && full ? (size_t)(paren - a) : len, full);
			if (!semi)
				break;
			a = semi + 1;
		}
	}
#undef F
	bs_recbuild_finish(&b);
	row_free(&rw);
	return 1;
}

const bs_reader_ops bs_scopus_ops = {
	"scopus", "Scopus CSV export", sc_sniff, sc_open, sc_next, sc_close,
};
