/* scopus.c - Scopus CSV export, parsed with libcsv (quoted fields may span
 * lines).  The header names the columns: "Authors" ("Liu F.; Li C."),
 * "Author full names" ("Liu, Fengyuan (60410297700); ...", preferred; older
 * exports have no such column and separate "Authors" by commas),
 * "Title", "Year", "Source title", "DOI", "Link", "Abstract".  Streams row
 * by row, keeping only those columns; a field is cut at 64 MiB with a
 * warning (file:line of its row), so memory stays bounded whatever the
 * input.
 */
#include "readers/reader.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_AUTHORS, S_FULL, S_TITLE, S_YEAR, S_SOURCE, S_DOI, S_LINK, S_ABSTRACT, S_VOL, S_ISSUE, S_PAGE, S_EID, S_N };
static const char *const wanted[S_N] = {"Authors", "Author full names", "Title", "Year", "Source title",
					"DOI", "Link", "Abstract", "Volume", "Issue", "Page start", "EID"};

/* A field is cut at the cap every reader uses.  libcsv keeps a field in
 * one buffer until it ends and has no limit of its own, so the input is
 * fed in pieces of at most PIECE bytes and, once the field being read is
 * over the cap, the rest of it is skipped here (see skip_field) without
 * libcsv seeing it: memory stays at the cap plus one piece. */
#define MAX_FIELD BS_INPUT_MAX_LINE
#define PIECE ((size_t)65536)

/* libcsv 3's parser states (struct csv_parser.pstate, declared in csv.h;
 * the names are those of libcsv.c) */
enum { CSV_ROW_NOT_BEGUN = 0, CSV_FIELD_BEGUN = 2, CSV_FIELD_MIGHT_HAVE_ENDED = 3 };

/* a row: only the wanted columns are kept, so a row of a billion commas
 * costs nothing */
typedef struct row {
	char *f[S_N];
	size_t n;            /* fields in the row */
	int first_empty;     /* its first field is empty (a blank line) */
	long line;           /* line where the row starts */
} row;

typedef struct sc_state {
	struct csv_parser p;
	bs_reader *r;
	row cur;             /* the row being filled */
	row *q;              /* completed rows, FIFO */
	size_t qn, qhead, qcap;
	int col[S_N];
	int header;          /* header row handed out */
	int header_seen;     /* header row complete (col[] set) */
	int eof;
	long line;           /* line of the next byte fed */
	long row_line;       /* line where the current row started */
	/* skipping the rest of a field over the cap */
	int skip;            /* 0 no, 1 unquoted, 2 quoted, 3 quoted after a '"' */
	size_t skip_spaces;  /* blanks after that '"' */
	int cut;             /* the field being read was cut */
	char buf[65536];
} sc_state;

static void row_free(row *r)
{
	for (int i = 0; i < S_N; i++)
		free(r->f[i]);
	memset(r, 0, sizeof *r);
}

static void on_field(void *s, size_t len, void *data)
{
	sc_state *st = data;
	row *r = &st->cur;
	size_t idx = r->n++;
	const char *name = NULL;
	int c;

	if (!s)
		len = 0;
	if (idx == 0) {
		r->first_empty = len == 0;
		r->line = st->row_line;
	}
	if (len > MAX_FIELD || st->cut) {
		/* keep the first MAX_FIELD bytes, cut at a character boundary */
		const unsigned char *u = s;
		if (len > MAX_FIELD) {
			len = MAX_FIELD;
			for (int back = 0; back < 3 && len > 0 && (u[len] & 0xC0) == 0x80; back++)
				len--;
		}
		for (c = 0; c < S_N && st->header_seen; c++)
			if (st->col[c] >= 0 && (size_t)st->col[c] == idx)
				name = wanted[c];
		if (name)
			bs_diag_warn(st->r->diag, bs_input_name(st->r->in), r->line,
				     "field '%s' longer than %zu MiB: cut, the first %zu MiB kept", name,
				     MAX_FIELD >> 20, MAX_FIELD >> 20);
		else if (st->header_seen)
			bs_diag_warn(st->r->diag, bs_input_name(st->r->in), r->line,
				     "column %zu longer than %zu MiB (a column not read)", idx + 1, MAX_FIELD >> 20);
		else
			bs_diag_warn(st->r->diag, bs_input_name(st->r->in), r->line,
				     "header column %zu longer than %zu MiB: cut", idx + 1, MAX_FIELD >> 20);
		st->cut = 0;
	}
	if (!st->header_seen) {
		/* the header: which column holds what (the first of a name wins) */
		for (c = 0; c < S_N; c++)
			if (st->col[c] < 0 && len == strlen(wanted[c]) && !memcmp(s, wanted[c], len))
				st->col[c] = (int)idx;
		return;
	}
	for (c = 0; c < S_N; c++)
		if (st->col[c] >= 0 && (size_t)st->col[c] == idx && !r->f[c])
			r->f[c] = bs_xstrndup(s ? s : "", len);
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
	st->header_seen = 1;
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
	st->r = r;
	st->line = st->row_line = 1;
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

static int is_term(unsigned char c)
{
	return c == '\r' || c == '\n';
}

/* Skip what is left of a field over the cap in b[0..n), following libcsv's
 * rules (a '"' ends a quoted field unless doubled; after it, blanks may
 * come before the ',' or line break; anything else continues the field);
 * the bytes consumed.  When the field ends, st->skip is 0 and libcsv,
 * which saw none of it, is handed a closing '"' if it is not after one
 * already, so that it ends the field where the file does. */
static size_t skip_field(sc_state *st, const char *b, size_t n, bs_error *err, int *rc)
{
	size_t i;

	*rc = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		if (c == '\n')
			st->line++;
		if (st->skip == 1) {
			if (c == ',' || is_term(c))
				break;
		} else if (st->skip == 2) {
			if (c == '"') {
				st->skip = 3;
				st->skip_spaces = 0;
			}
		} else if (c == '"') {
			if (st->skip_spaces)
				st->skip_spaces = 0;   /* '"  "': a literal quote, still after one */
			else
				st->skip = 2;          /* '""': an escaped quote */
		} else if (c == ',' || is_term(c)) {
			break;
		} else if (c == ' ' || c == '\t') {
			st->skip_spaces++;
		} else {
			st->skip = 2;
		}
	}
	if (i < n) {
		/* the field ends at b[i], which libcsv reads next */
		if (b[i] == '\n')
			st->line--;   /* counted again when fed */
		if (st->skip == 3 && st->p.pstate == CSV_FIELD_BEGUN &&
		    csv_parse(&st->p, "\"", 1, on_field, on_row, st) != 1) {
			*rc = -1;
			bs_error_set(err, BS_ERR_FORMAT, "%s: CSV error: %s", bs_input_name(st->r->in),
				     csv_strerror(csv_error(&st->p)));
		}
		st->skip = 0;
	}
	return i;
}

/* Feed b[0..n) to libcsv, a line (or PIECE bytes) at a time so that the
 * line of each row is known and a field over the cap is noticed early. */
static int feed(bs_reader *r, sc_state *st, const char *b, size_t n, bs_error *err)
{
	while (n) {
		size_t k;
		int rc;
		if (st->skip) {
			k = skip_field(st, b, n, err, &rc);
			if (rc < 0)
				return -1;
			b += k;
			n -= k;
			continue;
		}
		{
			const char *nl = memchr(b, '\n', n < PIECE ? n : PIECE);
			k = nl ? (size_t)(nl - b) + 1 : (n < PIECE ? n : PIECE);
		}
		/* libcsv grows its field buffer by a fixed step (128 bytes): a
		 * step as large as the buffer makes that doubling */
		if (csv_get_buffer_size(&st->p) > 128)
			csv_set_blk_size(&st->p, csv_get_buffer_size(&st->p));
		if (st->p.pstate == CSV_ROW_NOT_BEGUN)   /* a row starts on this line */
			st->row_line = st->line;
		if (csv_parse(&st->p, b, k, on_field, on_row, st) != k) {
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: CSV error: %s", bs_input_name(r->in), st->line,
				     csv_strerror(csv_error(&st->p)));
			return -1;
		}
		if (b[k - 1] == '\n')
			st->line++;
		b += k;
		n -= k;
		if (st->p.entry_pos > MAX_FIELD &&
		    (st->p.pstate == CSV_FIELD_BEGUN || st->p.pstate == CSV_FIELD_MIGHT_HAVE_ENDED)) {
			st->cut = 1;
			if (!st->p.quoted) {
				st->skip = 1;
			} else if (st->p.pstate == CSV_FIELD_BEGUN) {
				st->skip = 2;
			} else {
				st->skip = 3;
				st->skip_spaces = st->p.spaces;
			}
		}
	}
	return 0;
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
		if (feed(r, st, st->buf, (size_t)k, err))
			return -1;
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
			row_free(&rw);
			if (st->col[S_TITLE] < 0) {
				bs_error_set(err, BS_ERR_FORMAT, "%s:1: no \"Title\" column", bs_input_name(r->in));
				return -1;
			}
			continue;
		}
		if (rw.n <= 1 && (!rw.n || rw.first_empty)) {
			row_free(&rw);
			continue;   /* blank line */
		}
		break;
	}
#define F(c) (rw.f[c] ? rw.f[c] : "")
	bs_recbuild_init(&b, r, rec);
	rec->line = rw.line;
	rec->title = bs_recbuild_text(&b, F(S_TITLE), strlen(F(S_TITLE)), 0);
	rec->venue = bs_recbuild_text(&b, F(S_SOURCE), strlen(F(S_SOURCE)), 0);
	rec->year = bs_recbuild_year(F(S_YEAR));
	rec->abstract = bs_recbuild_text(&b, F(S_ABSTRACT), strlen(F(S_ABSTRACT)), 1);
	rec->url = bs_arena_strdup(&r->arena, F(S_LINK));
	rec->volume = bs_recbuild_text(&b, F(S_VOL), strlen(F(S_VOL)), 0);
	rec->issue = bs_recbuild_text(&b, F(S_ISSUE), strlen(F(S_ISSUE)), 0);
	rec->pages = bs_recbuild_text(&b, F(S_PAGE), strlen(F(S_PAGE)), 0);
	rec->key = bs_recbuild_text(&b, F(S_EID), strlen(F(S_EID)), 0);
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
