/* scopus.c - Scopus CSV export, parsed with libcsv (quoted fields may span
 * lines).  The header names the columns: "Authors" ("Liu F.; Li C."),
 * "Author full names" ("Liu, Fengyuan (60410297700); ...", preferred; older
 * exports have no such column and separate "Authors" by commas),
 * "Title", "Year", "Source title", "DOI", "Link", "Abstract", and the rich
 * ones (docs/user/formats.md): "Author(s) ID", "Authors with
 * affiliations", "Affiliations", "Author Keywords", "Index Keywords",
 * "Cited by", "References", "Document Type", "Language of Original
 * Document", "PubMed ID", "EID", "Art. No.".  Streams row by row, keeping
 * only those columns; a field is cut at 64 MiB with a warning (file:line
 * of its row), so memory stays bounded whatever the input.
 */
#include "readers/reader.h"
#include "readers/bibfields.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	S_AUTHORS, S_FULL, S_TITLE, S_YEAR, S_SOURCE, S_DOI, S_LINK, S_ABSTRACT, S_VOL, S_ISSUE, S_PAGE, S_EID,
	S_IDS, S_AWA, S_AFFIL, S_KW, S_IKW, S_CITED, S_REFS, S_DT, S_LANG, S_PMID, S_ARTNO, S_N
};
static const char *const wanted[S_N] = {
	"Authors", "Author full names", "Title", "Year", "Source title", "DOI", "Link", "Abstract", "Volume",
	"Issue", "Page start", "EID", "Author(s) ID", "Authors with affiliations", "Affiliations",
	"Author Keywords", "Index Keywords", "Cited by", "References", "Document Type",
	"Language of Original Document", "PubMed ID", "Art. No.",
};

/* Exports joined from several downloads may hold rows with more fields
 * than the header: Scopus writes as many "Funding Text N" columns as the
 * download needs, so a row from a download with more funding texts has
 * extra fields right after the header's last "Funding Text" column
 * (56 of the 58 rows of the litstudy sample).  Every wanted column past
 * that point is kept at up to MAX_SHIFT positions to its right, and the
 * row's length says which one is the column. */
#define MAX_SHIFT 4

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
	char *f[S_N][MAX_SHIFT + 1];   /* f[c][k]: the field k places right of column c */
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
	size_t ncols;        /* columns of the header */
	int funding;         /* index of the header's last "Funding Text" column, -1 none */
	int shift_warned;
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
		for (int k = 0; k <= MAX_SHIFT; k++)
			free(r->f[i][k]);
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
		if (len >= 12 && !memcmp(s, "Funding Text", 12))
			st->funding = (int)idx;
		st->ncols = idx + 1;
		return;
	}
	for (c = 0; c < S_N; c++) {
		size_t k;
		if (st->col[c] < 0 || idx < (size_t)st->col[c])
			continue;
		k = idx - (size_t)st->col[c];
		if (k > MAX_SHIFT || (k && (st->funding < 0 || st->col[c] <= st->funding)))
			continue;
		if (!r->f[c][k])
			r->f[c][k] = bs_xstrndup(s ? s : "", len);
	}
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
	st->funding = -1;
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

/* The byline as the row gives it: position i of the source's list is
 * author idx[i] of the record (-1 when bs_recbuild_author skipped it, a
 * placeholder), short[i] its "Authors" form ("Liu F.", "Phillips J.C."),
 * which opens its "Authors with affiliations" entry. */
typedef struct byline {
	int *idx;
	const char **shrt;
	size_t *shrtn;
	size_t n, nshort;
} byline;

/* the next item of s separated by sep, trimmed; 0 at the end */
static int next_part(const char **p, char sep, const char **s, size_t *n)
{
	const char *q = *p, *e;

	if (!*q)
		return 0;
	e = strchr(q, sep);
	if (!e)
		e = q + strlen(q);
	*p = *e ? e + 1 : e;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	while (e > q && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*s = q;
	*n = (size_t)(e - q);
	return 1;
}

/* 1 when s[0..n) is a non-empty run of digits (author IDs are longer
 * than bs_recbuild_count reads) */
static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* "Liu, Fengyuan (60410297700)": the name before the last parenthesis
 * holding a number, the number in *id (NULL when none) */
static size_t full_name(const char *s, size_t n, const char **id, size_t *idn)
{
	*id = NULL;
	*idn = 0;
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] != '(')
			continue;
		{
			const char *close = memchr(s + i, ')', n - i);
			if (close && digits(s + i, (size_t)(close - s - i))) {
				*id = s + i;
				*idn = (size_t)(close - s - i);
				return i - 1;
			}
		}
		break;
	}
	return n;
}

static void add_authors(bs_recbuild *b, const char *full, const char *authors, byline *bl)
{
	const char *p, *s, *id;
	size_t n, idn, cap;
	char sep = old_author_list(authors) ? ',' : ';';

	cap = strlen(full) + strlen(authors) + 1;   /* more than the parts of either */
	bl->idx = bs_xcalloc(cap, sizeof *bl->idx);
	bl->shrt = bs_xcalloc(cap, sizeof *bl->shrt);
	bl->shrtn = bs_xcalloc(cap, sizeof *bl->shrtn);
	for (p = authors; next_part(&p, sep, &s, &n);) {
		bl->shrt[bl->nshort] = s;
		bl->shrtn[bl->nshort++] = n;
	}
	if (*full) {
		for (p = full; next_part(&p, ';', &s, &n);) {
			int i = bs_recbuild_author(b, s, full_name(s, n, &id, &idn), 1);
			bl->idx[bl->n++] = i;
			if (id && i >= 0)
				bs_recbuild_id(b, i, BS_ID_SCOPUS_AUTHOR, id, idn);
		}
		return;
	}
	for (size_t i = 0; i < bl->nshort; i++)
		bl->idx[bl->n++] = bs_recbuild_author(b, bl->shrt[i], bl->shrtn[i], 0);
}

/* "Author(s) ID": "57202138757;7402220509;" in byline order */
static void add_author_ids(bs_reader *r, bs_recbuild *b, const char *ids, const byline *bl, long line)
{
	const char *p = ids, *s;
	size_t n, i = 0;

	for (; next_part(&p, ';', &s, &n); i++) {
		if (!digits(s, n))
			continue;   /* "[No author id available]" */
		if (i >= bl->n) {
			bs_diag_warn(r->diag, bs_input_name(r->in), line,
				     "more Scopus author IDs than authors (%zu): the rest not kept", bl->n);
			return;
		}
		if (bl->idx[i] >= 0)
			bs_recbuild_id(b, bl->idx[i], BS_ID_SCOPUS_AUTHOR, s, n);
	}
}

/* 1 when s[0..n) is written like initials: "J.C.", "K.-C." */
static int initials(const char *s, size_t n)
{
	int dot = 0;

	if (!n || n > 12)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.')
			dot = 1;
		else if (s[i] == ' ' || s[i] == ',')
			return 0;
	}
	return dot;
}

/* Length of the name opening entry e[0..n) when no author's short name
 * does: its first comma-separated part, or the first two when the second
 * is initials ("Phillips, J.C., ..."), with the ", " after it. */
static size_t name_length(const char *e, size_t n)
{
	const char *c1 = memchr(e, ',', n), *c2;
	size_t k = c1 ? (size_t)(c1 - e) + 1 : n;

	if (c1 && (c2 = memchr(c1 + 1, ',', (size_t)(e + n - c1 - 1))) != NULL) {
		const char *q = c1 + 1;
		while (q < c2 && *q == ' ')
			q++;
		if (initials(q, (size_t)(c2 - q)))
			k = (size_t)(c2 - e) + 1;
	}
	while (k < n && e[k] == ' ')
		k++;
	return k;
}

/* Length of the name opening entry e[0..n) if it is short name nm ("Liu
 * F." written as is, or "Phillips J.C." inverted as "Phillips, J.C."),
 * with the ", " after it; 0 when it is not. */
static size_t name_prefix(const char *e, size_t n, const char *nm, size_t nn)
{
	const char *sp = NULL;
	size_t k;

	if (!nn)
		return 0;
	if (n >= nn && !memcmp(e, nm, nn) && (n == nn || e[nn] == ','))
		k = nn;
	else {
		for (size_t i = nn; i > 0; i--)
			if (nm[i - 1] == ' ') {
				sp = nm + i - 1;
				break;
			}
		if (!sp)
			return 0;
		k = (size_t)(sp - nm);
		if (n < nn + 1 || memcmp(e, nm, k) || e[k] != ',' || e[k + 1] != ' ' ||
		    memcmp(e + k + 2, sp + 1, nn - k - 1) || (n > nn + 1 && e[nn + 1] != ','))
			return 0;
		k = nn + 1;
	}
	while (k < n && (e[k] == ',' || e[k] == ' '))
		k++;
	return k;
}

/* "Authors with affiliations": "Liu F., Dept, City, Country; Li C., ..."
 * (older exports: "Phillips, J.C., Beckman Institute, ..."), an entry per
 * author in byline order; exports since about 2024 give authors sharing
 * an address together, "Cinkara E.; Derinalp P., Gaziantep University",
 * so an entry that is only a name takes the address of the next one.  An
 * entry goes to the author whose short name opens it (the one at its
 * position first); when none does, the name is taken as the first
 * comma-separated part, or the first two when the second is initials,
 * and the address goes to the paper. */
static void add_affils(bs_recbuild *b, const char *awa, const byline *bl)
{
	const char *p = awa, *e;
	size_t n, pos = 0, npend = 0;
	int *pend = bs_xcalloc(bl->nshort + 1, sizeof *pend);

	for (; next_part(&p, ';', &e, &n); pos++) {
		size_t k = 0;
		int who = -1;
		if (pos < bl->nshort && (k = name_prefix(e, n, bl->shrt[pos], bl->shrtn[pos])) > 0)
			who = pos < bl->n ? bl->idx[pos] : -1;
		for (size_t i = 0; !k && i < bl->nshort; i++)
			if ((k = name_prefix(e, n, bl->shrt[i], bl->shrtn[i])) > 0)
				who = i < bl->n ? bl->idx[i] : -1;
		if (k >= n && !memchr(e, ',', n)) {
			/* a name alone as "Authors" writes it: the next address is
			 * also its ("Murata, T." alone, the older form, has none) */
			if (who >= 0 && npend < bl->nshort)
				pend[npend++] = who;
			continue;
		}
		if (!k)
			k = name_length(e, n);
		if (k < n) {
			for (size_t i = 0; i < npend; i++)
				bs_recbuild_affil(b, pend[i], e + k, n - k);
			bs_recbuild_affil(b, who, e + k, n - k);
		}
		npend = 0;
	}
	free(pend);
}

/* "References": "; "-separated (a ';' alone stays: "1996;93: 10078-83");
 * shared with the BibTeX export's references (bibfields.h) */
static void add_refs(bs_recbuild *b, const char *refs)
{
	bs_scopus_refs(b, refs, strlen(refs));
}

/* "Affiliations": "; "-separated, whose not said */
static void add_paper_affils(bs_recbuild *b, const char *affils)
{
	const char *p = affils, *s;
	size_t n;

	while (next_part(&p, ';', &s, &n))
		bs_recbuild_affil(b, -1, s, n);
}

/* column c of row rw shifted by its extra fields, "" when absent */
static const char *field(const sc_state *st, const row *rw, size_t shift, int c)
{
	const char *v = rw->f[c][st->funding >= 0 && st->col[c] > st->funding ? shift : 0];

	return v ? v : "";
}

/* the row's shift: fields past the header's count, 0 when none or when
 * they cannot be placed (warned) */
static size_t row_shift(bs_reader *r, sc_state *st, const row *rw)
{
	size_t k = rw->n > st->ncols ? rw->n - st->ncols : 0;

	if (k && (st->funding < 0 || k > MAX_SHIFT)) {
		bs_diag_warn(r->diag, bs_input_name(r->in), rw->line,
			     "row has %zu fields, the header %zu: the extra ones ignored", rw->n, st->ncols);
		return 0;
	}
	if (k && !st->shift_warned) {
		st->shift_warned = 1;
		bs_diag_warn(r->diag, bs_input_name(r->in), rw->line,
			     "row has %zu fields, the header %zu: the extra ones read as further 'Funding Text' "
			     "columns (said once per file)", rw->n, st->ncols);
	}
	return k;
}

static int sc_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	sc_state *st = r->state;
	row rw;
	bs_recbuild b;
	byline bl = {0};
	size_t shift;
	const char *v;
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
	shift = row_shift(r, st, &rw);
#define F(c) field(st, &rw, shift, c)
#define T(c) bs_recbuild_text(&b, F(c), strlen(F(c)), 0)
	bs_recbuild_init(&b, r, rec);
	rec->line = rw.line;
	rec->title = T(S_TITLE);
	rec->venue = T(S_SOURCE);
	rec->year = bs_recbuild_year(F(S_YEAR));
	rec->abstract = bs_recbuild_text(&b, F(S_ABSTRACT), strlen(F(S_ABSTRACT)), 1);
	rec->url = bs_arena_strdup(&r->arena, F(S_LINK));
	rec->volume = T(S_VOL);
	rec->issue = T(S_ISSUE);
	rec->pages = T(S_PAGE);
	if (!*rec->pages)
		rec->pages = T(S_ARTNO);
	rec->key = T(S_EID);
	v = bs_record_doi_from(&r->arena, F(S_DOI));
	rec->doi = v ? v : "";
	rec->doc_type = T(S_DT);
	rec->language = T(S_LANG);
	add_authors(&b, F(S_FULL), F(S_AUTHORS), &bl);
	if (!*F(S_FULL))
		add_author_ids(r, &b, F(S_IDS), &bl, rw.line);
	bs_recbuild_id(&b, -1, BS_ID_EID, rec->key, strlen(rec->key));
	if (digits(F(S_PMID), strlen(F(S_PMID))))
		bs_recbuild_id(&b, -1, BS_ID_PMID, F(S_PMID), strlen(F(S_PMID)));
	/* "Cited by" is left empty for a document nobody cited yet */
	if (st->col[S_CITED] >= 0) {
		rec->cited = *F(S_CITED) ? bs_recbuild_count(F(S_CITED), strlen(F(S_CITED))) : 0;
		if (rec->cited < 0)
			bs_diag_warn(r->diag, bs_input_name(r->in), rw.line, "'Cited by' is not a count: %.40s",
				     F(S_CITED));
		else
			rec->cited_source = "scopus";
	}
	bs_recbuild_keywords(&b, 0, F(S_KW), strlen(F(S_KW)), ';');
	bs_recbuild_keywords(&b, 1, F(S_IKW), strlen(F(S_IKW)), ';');
	add_refs(&b, F(S_REFS));
	if (*F(S_AWA))
		add_affils(&b, F(S_AWA), &bl);
	else
		add_paper_affils(&b, F(S_AFFIL));
#undef T
#undef F
	bs_recbuild_finish(&b);
	free(bl.idx);
	free(bl.shrt);
	free(bl.shrtn);
	row_free(&rw);
	return 1;
}

const bs_reader_ops bs_scopus_ops = {
	"scopus", "Scopus CSV export", sc_sniff, sc_open, sc_next, sc_close,
};
