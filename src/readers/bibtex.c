/* bibtex.c - BibTeX reader (own parser; btparse is not used).
 *
 * Grammar: text outside entries is ignored; "@type{key, name = value, ...}"
 * or with parentheses; @string{name = value} defines a macro, @preamble and
 * @comment are skipped.  A value is parts joined by "#": {braced} (nested
 * braces kept for name parsing), "quoted" (braces inside), a number or a
 * macro name (@string, the month names, or from other files of the same
 * run through bs_bibctx).  Field names are case-insensitive and may be
 * words on one line ("Early Access Date", as Web of Science writes); the
 * first of a repeated field wins.  Where a plain value is expected (DOI,
 * URL, crossref key) braces around the whole value are removed: Web of
 * Science writes "DOI = {{10.1109/...}}".
 *
 * Text: LaTeX accents become Unicode ({\"o}, \'{e}, \v{c}, \c{c}, {\ss},
 * \aa, {\l}, \o, ...), other commands are dropped with their braces kept
 * as text ("\emph{x}" -> "x"), math dollars and protective braces are
 * removed, "--" is an en dash.  Names are split on "and" at brace depth 0;
 * "First von Last", "Last, First" and "Last, Jr, First" are understood and
 * a fully braced {Corporate Name} stays whole.  Bytes that are not UTF-8
 * are decoded (Windows-1252) or repaired by bs_input before this reader
 * sees them (input.h); decode() still reads a value that is not valid
 * UTF-8 as Latin-1, one warning per file, should one ever arrive.
 *
 * crossref: an entry without a year (or venue) takes it from the entry its
 * crossref names, looked up in the run's bs_bibctx, which bs_ingest_paths
 * fills in a first pass over all BibTeX files (so the proceedings may sit
 * in another file).  Limits: brace nesting 10,000 ends the entry with an
 * error naming the line; the parser then resynchronises at the next '@'.
 * A value is cut at 64 MiB with a warning, and so is macro text beyond
 * the run's expansion budget (bibctx.h: "@string{b = a # a}" doubles).
 * A value never closed ends at the next line that opens an entry, which
 * is then read; the broken entry is skipped with an error naming it.
 */
#include "readers/bibctx.h"
#include "readers/bibfields.h"
#include "text/latex.h"
#include "readers/reader.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 10000
#define MAX_VALUE BS_INPUT_MAX_LINE   /* the cap every reader puts on a field */
/* distinct fields kept per entry: Web of Science writes about 50; the
 * fields beyond are read and dropped with a warning */
#define MAX_FIELDS 128

typedef bs_bibfield bib_field;

typedef struct bib_state {
	bs_bytes in;
	long line;
	bs_bibctx *ctx;
	int own_ctx;
	int collect;            /* prescan: macros and crossref data only */
	int ctx_ok;             /* ctx is filled (see ctx_ready) */
	bs_strbuf type, key, ident, tmp, dec, plain;
	bib_field f[MAX_FIELDS];
	int nf;
	int latin1_warned;
	long entry_line;
	/* the value being read, for messages: its kind and field name are
	 * noted per value, the text made only for a message (what()): an
	 * snprintf per field cost 20% of the parse */
	enum { W_PREAMBLE, W_STRING, W_FIELD } what_kind;
	char what_field[41];
	char what[128];
	int cut;                /* the value lost bytes beyond MAX_VALUE */
	int bomb;               /* ... or to the run's macro expansion budget */
	char cut_macro[64];     /* the first macro cut short in it, or "" */
	int discard;            /* the value is not needed: parse it, keep nothing */
	bs_strbuf last_raw, last_venue;   /* the venue value decoded last, and its text */
	int have_last;
} bib_state;

/* The value being read, as messages name it.  The key is st->key (the
 * entry's, or the @string's name), which no value changes. */
static const char *what(bib_state *st)
{
	if (st->what_kind == W_PREAMBLE)
		snprintf(st->what, sizeof st->what, "@preamble");
	else if (st->what_kind == W_STRING)
		snprintf(st->what, sizeof st->what, "@string '%.40s'", st->key.buf);
	else
		snprintf(st->what, sizeof st->what, "entry '%.60s', field '%s'", st->key.buf, st->what_field);
	return st->what;
}

static void note_field(bib_state *st, const char *name, size_t n)
{
	if (n > sizeof st->what_field - 1)
		n = sizeof st->what_field - 1;
	memcpy(st->what_field, name, n);
	st->what_field[n] = '\0';
	st->what_kind = W_FIELD;
}

/* The main pass may start while the first pass still fills the shared
 * context on another thread: wait for it before the first use.  The first
 * pass itself is that thread and never waits. */
static void ctx_ready(bib_state *st)
{
	if (!st->collect && !st->ctx_ok) {
		bs_bibctx_wait(st->ctx);
		st->ctx_ok = 1;
	}
}

static int peekc(bs_reader *r, bib_state *st, bs_error *err)
{
	return bs_bytes_peek(&st->in, r->in, err);
}

static int getc_(bs_reader *r, bib_state *st, bs_error *err)
{
	int c = peekc(r, st, err);
	if (c >= 0) {
		st->in.pos++;
		if (c == '\n')
			st->line++;
	}
	return c;
}

static int is_ws(int c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* skip white space (counting lines) straight in the buffer; the next byte */
static int skip_ws(bs_reader *r, bib_state *st, bs_error *err)
{
	for (;;) {
		const unsigned char *b = st->in.buf, *p = b + st->in.pos, *e = b + st->in.len;
		int c;
		while (p < e && is_ws(*p)) {
			st->line += *p == '\n';
			p++;
		}
		st->in.pos = (size_t)(p - b);
		if (p < e)
			return *p;
		c = peekc(r, st, err);   /* refill */
		if (c < 0 || !is_ws(c))
			return c;
	}
}

/* skip to the next '@' (text outside entries, or resynchronising after an
 * error), counting lines; the next byte */
static int skip_to_at(bs_reader *r, bib_state *st, bs_error *err)
{
	for (;;) {
		const unsigned char *b = st->in.buf, *p = b + st->in.pos, *e = b + st->in.len;
		int c;
		while (p < e && *p != '@') {
			st->line += *p == '\n';
			p++;
		}
		st->in.pos = (size_t)(p - b);
		if (p < e)
			return '@';
		c = peekc(r, st, err);   /* refill */
		if (c < 0 || c == '@')
			return c;
	}
}

static int is_ident_char(int c)
{
	return c > ' ' && c != '=' && c != ',' && c != '#' && c != '{' && c != '}' && c != '(' &&
	       c != ')' && c != '"' && c != '%';
}

/* append to out the run of bytes from the buffer for which ok() holds, at
 * most max bytes in all (no newline can be among them) */
static void read_run(bs_reader *r, bib_state *st, bs_strbuf *out, int (*ok)(int c, int arg), int arg,
		     size_t max, bs_error *err)
{
	for (;;) {
		const unsigned char *b = st->in.buf, *p = b + st->in.pos, *e = b + st->in.len, *q = p;
		int c;
		while (q < e && out->len + (size_t)(q - p) < max && ok(*q, arg))
			q++;
		bs_strbuf_add(out, p, (size_t)(q - p));
		st->in.pos = (size_t)(q - b);
		if (q < e || out->len >= max)
			return;
		c = peekc(r, st, err);   /* refill */
		if (c < 0 || !ok(c, arg))
			return;
	}
}

static int ident_ok(int c, int arg)
{
	(void)arg;
	return is_ident_char(c);
}

static void read_ident(bs_reader *r, bib_state *st, bs_strbuf *out, bs_error *err)
{
	bs_strbuf_reset(out);
	read_run(r, st, out, ident_ok, 0, 1024, err);
}

static int blank_ok(int c, int arg)
{
	(void)arg;
	return c == ' ' || c == '\t';
}

/* A field name into st->ident: words on one line, "Early Access Date" as
 * Web of Science writes it, kept with one space between the words (so a
 * name of one word is read as before). */
static void read_field_name(bs_reader *r, bib_state *st, bs_error *err)
{
	read_ident(r, st, &st->ident, err);
	while (st->ident.len) {
		size_t len = st->ident.len;
		int c;
		bs_strbuf_reset(&st->tmp);
		read_run(r, st, &st->tmp, blank_ok, 0, 1024, err);
		c = peekc(r, st, err);
		if (!st->tmp.len || c < 0 || !is_ident_char(c))
			return;
		bs_strbuf_addc(&st->ident, ' ');
		read_run(r, st, &st->ident, ident_ok, 0, 1024, err);
		if (st->ident.len == len + 1)
			return;
	}
}

/* an entry key: up to ',', the closing delimiter or white space */
static int key_ok(int c, int close)
{
	return c != ',' && c != close && !is_ws(c);
}

/* Make at least need bytes readable in st->in, moving the unread ones to
 * the front; the bytes readable (fewer at the end of the input), -1 on a
 * read error (err filled). */
static long lookahead(bs_reader *r, bib_state *st, size_t need, bs_error *err)
{
	bs_bytes *b = &st->in;

	while (b->len - b->pos < need && !b->eof) {
		ssize_t k;
		if (b->pos) {
			memmove(b->buf, b->buf + b->pos, b->len - b->pos);
			b->len -= b->pos;
			b->pos = 0;
		}
		k = bs_input_read(r->in, b->buf + b->len, sizeof b->buf - b->len, err);
		if (k < 0)
			return -1;
		if (k == 0)
			b->eof = 1;
		b->len += (size_t)k;
	}
	return (long)(b->len - b->pos);
}

/* Whether the line that starts here opens an entry ("@word{" or
 * "@word(", after blanks): inside a value, that means the value was never
 * closed.  1 yes, 0 no, -1 read error. */
static int entry_starts(bs_reader *r, bib_state *st, bs_error *err)
{
	long n = lookahead(r, st, 96, err);
	const unsigned char *p = st->in.buf + st->in.pos;
	long i = 0, w;

	if (n < 0)
		return -1;
	while (i < n && i < 32 && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i >= n || p[i] != '@')
		return 0;
	for (w = ++i; i < n && i - w < 40 && isalpha(p[i]); i++)
		;
	if (i == w)
		return 0;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i < n && (p[i] == '{' || p[i] == '(');
}

/* Append s[0..n) to the value in out as far as MAX_VALUE allows (cut at a
 * character boundary); what does not fit is dropped and st->cut set. */
static void add_capped(bib_state *st, bs_strbuf *out, const char *s, size_t n)
{
	size_t room;

	if (st->cut || st->discard)
		return;
	room = MAX_VALUE - out->len;
	if (n > room) {
		for (int back = 0; back < 3 && room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80; back++)
			room--;
		n = room;
		st->cut = 1;
	}
	bs_strbuf_add(out, s, n);
}

/* after the opening delimiter: read up to the matching close; braces inside
 * are kept.  quote: a '"' at depth 0 ends.  runaway: a line that opens an
 * entry ends the value with an error, as the value was never closed (one
 * brace missing would otherwise swallow the entries after it).  Bytes
 * beyond MAX_VALUE are dropped (st->cut).  Returns 0, or -1 with err. */
static int read_delimited(bs_reader *r, bib_state *st, bs_strbuf *out, int quote, int runaway,
			  bs_error *err)
{
	int depth = 0, c;
	long start = st->line;

	for (;;) {
		/* fast path: a run of ordinary bytes from the buffer in one copy */
		const unsigned char *b = st->in.buf + st->in.pos, *e = st->in.buf + st->in.len, *q = b;
		while (q < e && *q != '{' && *q != '}' && *q != '"' && *q != '\n')
			q++;
		if (q > b) {
			add_capped(st, out, (const char *)b, (size_t)(q - b));
			st->in.pos += (size_t)(q - b);
			continue;
		}
		c = getc_(r, st, err);
		if (c == -2)
			return -1;
		if (c < 0) {
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: value not closed before the end of the file",
				     bs_input_name(r->in), start);
			return -1;
		}
		if (c == '{') {
			if (++depth > MAX_DEPTH) {
				bs_error_set(err, BS_ERR_LIMIT, "%s:%ld: braces nested deeper than %d",
					     bs_input_name(r->in), start, MAX_DEPTH);
				return -1;
			}
		} else if (c == '}') {
			if (depth == 0) {
				if (!quote)
					return 0;
				/* an unbalanced '}' inside quotes: keep going */
			} else {
				depth--;
			}
		} else if (c == '"' && quote && depth == 0) {
			return 0;
		} else if (c == '\n' && runaway) {
			int k = entry_starts(r, st, err);
			if (k < 0)
				return -1;
			if (k) {
				bs_error_set(err, BS_ERR_FORMAT,
					     "%s:%ld: %s (line %ld) is not closed before the entry at line %ld "
					     "(a brace or quote missing?)",
					     bs_input_name(r->in), st->entry_line, what(st), start, st->line);
				return -1;
			}
		}
		/* as in BibTeX itself, a backslash escapes nothing here: braces
		 * always count and a '"' at depth 0 ends a quoted value */
		{
			char ch = (char)c;
			add_capped(st, out, &ch, 1);
		}
	}
}

/* the value of macro m (mlen bytes) into out, within MAX_VALUE and the
 * run's expansion budget */
static void expand(bs_reader *r, bib_state *st, bs_strbuf *out, const char *m, size_t mlen)
{
	int pass = st->collect;
	uint64_t room = bs_bibctx_expand_room(st->ctx, pass, bs_input_offset(r->in));
	size_t take = mlen, before = out->len;

	if (st->discard)
		return;
	if (take > room) {
		take = (size_t)room;
		if (!st->cut)
			st->bomb = 1;
	}
	add_capped(st, out, m, take);
	if (take < mlen)
		st->cut = 1;
	bs_bibctx_expanded(st->ctx, pass, out->len - before);
	if (out->len - before < mlen && !st->cut_macro[0])
		snprintf(st->cut_macro, sizeof st->cut_macro, "%.*s", (int)st->ident.len, st->ident.buf);
}

/* value: part ( '#' part )* into out; what() names it in messages */
static int read_value(bs_reader *r, bib_state *st, bs_strbuf *out, bs_error *err)
{
	int c;
	long start;

	bs_strbuf_reset(out);
	st->cut = st->bomb = 0;
	st->cut_macro[0] = '\0';
	skip_ws(r, st, err);
	start = st->line;
	for (;;) {
		c = skip_ws(r, st, err);
		if (c == '{') {
			getc_(r, st, err);
			if (read_delimited(r, st, out, 0, 1, err))
				return -1;
		} else if (c == '"') {
			getc_(r, st, err);
			if (read_delimited(r, st, out, 1, 1, err))
				return -1;
		} else if (c >= 0 && is_ident_char(c)) {
			read_ident(r, st, &st->ident, err);
			if (isdigit((unsigned char)st->ident.buf[0])) {
				add_capped(st, out, st->ident.buf, st->ident.len);
			} else {
				const char *m;
				size_t mlen;
				ctx_ready(st);
				m = bs_bibctx_macro(st->ctx, st->ident.buf, st->ident.len, &mlen);
				if (m)
					expand(r, st, out, m, mlen);
				else if (!st->collect)
					bs_diag_warn(r->diag, bs_input_name(r->in), st->line, "undefined macro '%s'",
						     st->ident.buf);
			}
		} else {
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: expected a value", bs_input_name(r->in), st->line);
			return -1;
		}
		c = skip_ws(r, st, err);
		if (c != '#')
			break;
		getc_(r, st, err);
	}
	if (st->cut && !st->collect) {
		const char *name = bs_input_name(r->in);
		if (st->bomb)
			bs_diag_warn(r->diag, name, start,
				     "%s: macro '%s' cut: the macros of this run expand to more than %llu MiB "
				     "plus %d times the BibTeX read (an expansion bomb?)",
				     what(st), st->cut_macro, (unsigned long long)(BS_BIBCTX_EXPAND_SLACK >> 20),
				     BS_BIBCTX_EXPAND_RATIO);
		else if (st->cut_macro[0])
			bs_diag_warn(r->diag, name, start,
				     "%s: longer than %zu MiB with macro '%s': cut, the first %zu MiB kept",
				     what(st), MAX_VALUE >> 20, st->cut_macro, MAX_VALUE >> 20);
		else
			bs_diag_warn(r->diag, name, start, "%s: longer than %zu MiB: cut, the first %zu MiB kept",
				     what(st), MAX_VALUE >> 20, MAX_VALUE >> 20);
	}
	return 0;
}

/* ---- the reader ---- */

static int bib_sniff(const char *data, size_t n, const char *path)
{
	size_t pl = path ? strlen(path) : 0;
	int bib_name = (pl > 4 && !strcasecmp(path + pl - 4, ".bib")) ||
		       (pl > 7 && !strcasecmp(path + pl - 7, ".bib.gz"));

	/* "@type{" or "@type(": at the start of a line (after white space), or
	 * anywhere in a file named .bib */
	for (size_t i = 0; i + 3 < n; i++) {
		size_t b = i, j;
		if (data[i] != '@')
			continue;
		while (b > 0 && (data[b - 1] == ' ' || data[b - 1] == '\t'))
			b--;
		if (!(b == 0 || data[b - 1] == '\n' || data[b - 1] == '\r' || bib_name))
			continue;
		j = i + 1;
		while (j < n && isalpha((unsigned char)data[j]))
			j++;
		while (j < n && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r'))
			j++;
		if (j > i + 1 && j < n && (data[j] == '{' || data[j] == '('))
			return bib_name ? 88 : 85;
	}
	return 0;
}

static int bib_open(bs_reader *r, bs_error *err)
{
	bib_state *st = bs_xcalloc(1, sizeof *st);
	(void)err;
	st->line = 1;
	bs_strbuf_init(&st->type);
	bs_strbuf_init(&st->key);
	bs_strbuf_init(&st->ident);
	bs_strbuf_init(&st->tmp);
	bs_strbuf_init(&st->dec);
	bs_strbuf_init(&st->plain);
	bs_strbuf_init(&st->last_raw);
	bs_strbuf_init(&st->last_venue);
	for (int i = 0; i < MAX_FIELDS; i++) {
		bs_strbuf_init(&st->f[i].name);
		bs_strbuf_init(&st->f[i].value);
	}
	st->ctx = r->shared;
	if (!st->ctx) {
		st->ctx = bs_bibctx_new();
		st->own_ctx = 1;
	}
	r->state = st;
	return BS_OK;
}

static void bib_close(bs_reader *r)
{
	bib_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->type);
	bs_strbuf_release(&st->key);
	bs_strbuf_release(&st->ident);
	bs_strbuf_release(&st->tmp);
	bs_strbuf_release(&st->dec);
	bs_strbuf_release(&st->plain);
	bs_strbuf_release(&st->last_raw);
	bs_strbuf_release(&st->last_venue);
	for (int i = 0; i < MAX_FIELDS; i++) {
		bs_strbuf_release(&st->f[i].name);
		bs_strbuf_release(&st->f[i].value);
	}
	if (st->collect || st->ctx_ok)   /* (otherwise a first pass may still own ctx) */
		bs_bibctx_file_read(st->ctx, st->collect, bs_input_offset(r->in));
	if (st->own_ctx)
		bs_bibctx_free(st->ctx);
	free(st);
	r->state = NULL;
}

static const bs_strbuf *get(bib_state *st, const char *name)
{
	for (int i = 0; i < st->nf; i++)
		if (st->f[i].name.buf[0] == name[0] && !strcmp(st->f[i].name.buf, name))
			return &st->f[i].value;
	return NULL;
}

/* Whether s[0..n) is one brace group: the '{' at s[0] closes at s[n-1]. */
static int one_group(const char *s, size_t n)
{
	long depth = 0;

	if (n < 2 || s[0] != '{' || s[n - 1] != '}')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '{')
			depth++;
		else if (s[i] == '}' && --depth == 0 && i != n - 1)
			return 0;
	}
	return depth == 0;
}

/* A value where plain text is expected (a DOI, a URL, a crossref key), in
 * st->plain: white space around it and every brace pair that encloses all
 * of it removed.  Web of Science writes each value "{{...}}", which leaves
 * "{10.1109/...}" after the delimiters; titles keep their braces (decode
 * gives them BibTeX's meaning). */
static const char *plain(bib_state *st, const bs_strbuf *v)
{
	const char *s = v->buf;
	size_t n = v->len;

	for (;;) {
		while (n && is_ws((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n && is_ws((unsigned char)s[n - 1]))
			n--;
		if (!one_group(s, n))
			break;
		s++;
		n -= 2;
	}
	bs_strbuf_reset(&st->plain);
	bs_strbuf_add(&st->plain, s, n);
	return bs_strbuf_str(&st->plain);
}

/* decoded text of a raw value (Latin-1 fallback), in st->dec */
static void decode(bs_reader *r, bib_state *st, const char *s, size_t n)
{
	if (!bs_utf8_valid(s, n)) {
		bs_strbuf_reset(&st->tmp);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c >= 0x80)
				bs_utf8_add_cp(&st->tmp, c);
			else if (c)
				bs_strbuf_addc(&st->tmp, (char)c);
		}
		if (!st->latin1_warned) {
			bs_diag_warn(r->diag, bs_input_name(r->in), st->entry_line, "not valid UTF-8: read as Latin-1");
			st->latin1_warned = 1;
		}
		bs_latex_decode(st->tmp.buf, st->tmp.len, &st->dec);
	} else {
		bs_latex_decode(s, n, &st->dec);
	}
}

/* biblatex's extended name format, "given=Fred, family=Flummox" (with
 * "prefix=" and "suffix=", values braced or quoted, other keys such as
 * "uniquename=false" ignored): into out as "Fred Flummox", returning 1.
 * -1 when every part is key=value but none names (a list option such as
 * "labelalphanametemplatename=test3"), 0 when p[0..len) is not in that
 * format. */
static int extended_name(const char *p, size_t len, bs_strbuf *out)
{
	static const char *const keys[] = {"given", "prefix", "family", "suffix"};
	const char *val[4] = {NULL, NULL, NULL, NULL};
	size_t vlen[4] = {0, 0, 0, 0};
	size_t i = 0;

	while (i < len) {
		size_t ks, ke, vs, ve;
		int d = 0;
		while (i < len && (p[i] == ' ' || p[i] == ','))
			i++;
		ks = i;
		while (i < len && isalpha((unsigned char)p[i]))
			i++;
		ke = i;
		while (i < len && p[i] == ' ')
			i++;
		if (i >= len || p[i] != '=')
			return 0;   /* a part that is not key=value */
		i++;
		while (i < len && p[i] == ' ')
			i++;
		vs = i;
		for (; i < len && (d > 0 || p[i] != ','); i++) {
			if (p[i] == '{')
				d++;
			else if (p[i] == '}' && d > 0)
				d--;
		}
		ve = i;
		while (ve > vs && p[ve - 1] == ' ')
			ve--;
		if (ve - vs >= 2 && ((p[vs] == '{' && p[ve - 1] == '}') || (p[vs] == '"' && p[ve - 1] == '"'))) {
			vs++;
			ve--;
		}
		for (int k = 0; k < 4; k++)
			if (ke - ks == strlen(keys[k]) && !strncasecmp(p + ks, keys[k], ke - ks)) {
				val[k] = p + vs;
				vlen[k] = ve - vs;
			}
	}
	if (!val[0] && !val[2])
		return -1;
	bs_strbuf_reset(out);
	for (int k = 0; k < 4; k++) {
		if (!val[k] || !vlen[k])
			continue;
		if (out->len)
			bs_strbuf_addc(out, ' ');
		bs_strbuf_add(out, val[k], vlen[k]);
	}
	return 1;
}

/* Words that mark an organisation, not a person (compared without case
 * and without a trailing period). */
static const char *const org_words[] = {
	"and", "of", "the", "for", "on", "association", "council", "department", "institute",
	"institution", "foundation", "project", "university", "society", "committee", "group",
	"force", "task", "board", "center", "centre", "office", "agency", "ministry", "inc", "ltd",
	"llc", "corp", "co", "company", "consortium", "organization", "organisation", "network",
	"laboratory", "lab", "labs", "school", "college", "national", "international", "federal",
	"service", "services", "health", "care", "team", "jr", "sr", "ii", "iii", "iv", NULL
};

static const char *const particles[] = {"van", "von", "de", "der", "den", "da", "di", "du", "del",
					"della", "le", "la", "ter", "ten", "bin", "al", "y", NULL};

static int word_in_list(const char *w, size_t n, const char *const *list)
{
	if (n && w[n - 1] == '.')
		n--;
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncasecmp(w, list[i], n))
			return 1;
	return 0;
}

/* Whether s[0..n) looks like one person written "First Last": 2 to 4
 * words of letters (with . - '), capitalised but for particles such as
 * "van", none of them an organisation's word. */
static int person_like(const char *s, size_t n)
{
	size_t i = 0, words = 0;

	while (i < n) {
		size_t j;
		unsigned char c0;
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		for (j = i; j < n && s[j] != ' '; j++) {
			unsigned char c = (unsigned char)s[j];
			if (!(c >= 0x80 || isalpha(c) || c == '.' || c == '-' || c == '\''))
				return 0;
		}
		c0 = (unsigned char)s[i];
		if (word_in_list(s + i, j - i, org_words))
			return 0;
		if (!(c0 >= 0x80 || isupper(c0)) && !word_in_list(s + i, j - i, particles))
			return 0;
		if (++words > 4)
			return 0;
		i = j;
	}
	return words >= 2;
}

/* A braced "name" that is a comma-separated list of people, as some
 * exports (Mendeley) write a byline: "{Hen Dotan, Nripan Mathews, Takashi
 * Hisatomi}".  Adds each person and returns how many, or 0 (nothing added)
 * when any part does not look like a person (so "{GNU Project, Free
 * Software Foundation}" and "{William A. Dees, Jr.}" stay whole). */
static int add_person_list(bs_recbuild *b, const char *s, size_t n)
{
	size_t parts = 0, i = 0;

	if (!memchr(s, ',', n))
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i <= n;) {
			size_t j = i, a, e;
			while (j < n && s[j] != ',')
				j++;
			for (a = i; a < j && s[a] == ' '; a++)
				;
			for (e = j; e > a && s[e - 1] == ' '; e--)
				;
			if (pass == 0 && !person_like(s + a, e - a))
				return 0;
			if (pass == 0)
				parts++;
			else
				bs_recbuild_author(b, s + a, e - a, 0);
			i = j + 1;
		}
	}
	return (int)parts;
}

static void add_names(bs_reader *r, bib_state *st, bs_recbuild *b, const bs_strbuf *v)
{
	const char *s = v->buf;
	size_t n = v->len, start = 0;
	int depth = 0;

	for (size_t i = 0; i <= n; i++) {
		int end = i == n;
		if (!end) {
			if (s[i] == '{')
				depth++;
			else if (s[i] == '}')
				depth--;
			if (depth == 0 && (i == 0 || isspace((unsigned char)s[i - 1])) && i + 4 <= n &&
			    !strncasecmp(s + i, "and", 3) && (i + 3 == n || isspace((unsigned char)s[i + 3])))
				end = 1;
		}
		if (end) {
			const char *p = s + start;
			size_t len = i - start;
			int inverted = 0, d = 0, corporate;
			while (len && isspace((unsigned char)*p)) {
				p++;
				len--;
			}
			while (len && isspace((unsigned char)p[len - 1]))
				len--;
			corporate = len >= 2 && p[0] == '{' && p[len - 1] == '}';
			for (size_t k = 0; k < len; k++) {
				if (p[k] == '{')
					d++;
				else if (p[k] == '}')
					d--;
				else if (p[k] == ',' && d == 0)
					inverted = 1;
			}
			if (corporate) {
				/* {Barnes and Noble}: one name, as written */
				int depth2 = 0, whole = 1;
				for (size_t k = 0; k < len && whole; k++) {
					if (p[k] == '{')
						depth2++;
					else if (p[k] == '}' && --depth2 == 0 && k != len - 1)
						whole = 0;
				}
				corporate = whole;
			}
			int ext = len && !corporate && memchr(p, '=', len) ? extended_name(p, len, &st->ident) : 0;
			if (ext > 0) {
				decode(r, st, st->ident.buf, st->ident.len);
				bs_recbuild_author(b, st->dec.buf, st->dec.len, 0);
			} else if (ext < 0) {
				;   /* a name-list option, no person */
			} else if (len && !(len == 6 && !strncmp(p, "others", 6))) {
				int k = 0;
				decode(r, st, p, len);
				if (corporate && (k = add_person_list(b, st->dec.buf, st->dec.len)) > 0)
					bs_diag_warn(r->diag, bs_input_name(r->in), st->entry_line,
						     "entry '%s': one braced author holds %d names; read as %d authors",
						     st->key.buf, k, k);
				if (!k)
					bs_recbuild_author(b, st->dec.buf, st->dec.len, inverted && !corporate);
			}
			if (i < n)
				i += 3;
			start = i;
		}
	}
}

static int parse_entry(bs_reader *r, bib_state *st, int *is_record, bs_error *err)
{
	int c, close, over = 0;

	*is_record = 0;
	getc_(r, st, err);   /* '@' */
	st->entry_line = st->line;
	read_ident(r, st, &st->type, err);
	for (char *p = st->type.buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	c = skip_ws(r, st, err);
	if (c != '{' && c != '(' && !strcmp(st->type.buf, "comment")) {
		/* "@comment text": the rest of the line is a comment */
		while ((c = peekc(r, st, err)) >= 0 && c != '\n')
			getc_(r, st, err);
		return 0;
	}
	if (c != '{' && c != '(') {
		bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: '@%s' not followed by '{' or '('", bs_input_name(r->in),
			     st->entry_line, st->type.buf);
		return -1;
	}
	close = c == '{' ? '}' : ')';
	getc_(r, st, err);
	if (!strcmp(st->type.buf, "comment")) {
		bs_strbuf_reset(&st->tmp);
		if (close == '}')
			return read_delimited(r, st, &st->tmp, 0, 0, err);
		while ((c = getc_(r, st, err)) >= 0 && c != ')')
			;
		return 0;
	}
	if (!strcmp(st->type.buf, "preamble")) {
		bs_strbuf_reset(&st->key);
		st->what_kind = W_PREAMBLE;
		if (read_value(r, st, &st->tmp, err))
			return -1;
		if (skip_ws(r, st, err) == close)
			getc_(r, st, err);
		return 0;
	}
	if (!strcmp(st->type.buf, "string")) {
		skip_ws(r, st, err);
		read_ident(r, st, &st->key, err);
		if (skip_ws(r, st, err) != '=') {
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: @string without '='", bs_input_name(r->in), st->line);
			return -1;
		}
		getc_(r, st, err);
		st->what_kind = W_STRING;
		if (read_value(r, st, &st->tmp, err))
			return -1;
		ctx_ready(st);
		bs_bibctx_define(st->ctx, st->key.buf, st->key.len, st->tmp.buf, st->tmp.len);
		if (skip_ws(r, st, err) == close)
			getc_(r, st, err);
		return 0;
	}
	/* an entry: key, then fields */
	skip_ws(r, st, err);
	bs_strbuf_reset(&st->key);
	read_run(r, st, &st->key, key_ok, close, 1024, err);
	st->nf = 0;
	for (;;) {
		c = skip_ws(r, st, err);
		if (c == close) {
			getc_(r, st, err);
			break;
		}
		if (c == ',') {
			getc_(r, st, err);
			continue;
		}
		if (c < 0) {
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: entry '%s' not closed", bs_input_name(r->in),
				     st->entry_line, st->key.buf);
			return -1;
		}
		if (c == '@') {
			/* the next entry (left unread, so that it is still read) */
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: entry '%s' not closed before the entry at line %ld",
				     bs_input_name(r->in), st->entry_line, st->key.buf, st->line);
			return -1;
		}
		read_field_name(r, st, err);
		if (!st->ident.len || skip_ws(r, st, err) != '=') {
			bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: expected 'name = value' in entry '%s'",
				     bs_input_name(r->in), st->line, st->key.buf);
			return -1;
		}
		getc_(r, st, err);
		for (char *p = st->ident.buf; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		note_field(st, st->ident.buf, st->ident.len);
		/* the first pass keeps only what a crossref inherits (less memory
		 * while the main pass runs beside it) */
		st->discard = st->collect && strcmp(st->ident.buf, "year") && strcmp(st->ident.buf, "date") &&
			      strcmp(st->ident.buf, "booktitle") && strcmp(st->ident.buf, "journal") &&
			      strcmp(st->ident.buf, "journaltitle") && strcmp(st->ident.buf, "crossref") &&
			      strcmp(st->ident.buf, "title");
		if (st->discard) {
			int rc = read_value(r, st, &st->tmp, err);
			st->discard = 0;
			if (rc)
				return -1;
		} else if (st->nf < MAX_FIELDS && !get(st, st->ident.buf)) {
			bib_field *f = &st->f[st->nf];
			bs_strbuf_reset(&f->name);
			bs_strbuf_add(&f->name, st->ident.buf, st->ident.len);
			if (read_value(r, st, &f->value, err))
				return -1;
			st->nf++;
		} else {
			if (st->nf == MAX_FIELDS && !get(st, st->ident.buf) && !over++)
				bs_diag_warn(r->diag, bs_input_name(r->in), st->line,
					     "entry '%s': more than %d fields, '%s' and the rest left out", st->key.buf,
					     MAX_FIELDS, st->ident.buf);
			if (read_value(r, st, &st->tmp, err))
				return -1;
		}
	}
	*is_record = 1;
	return 0;
}

static int bib_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	bib_state *st = r->state;
	const bs_strbuf *v;
	const struct bs_bibref *ref = NULL;
	bs_recbuild b;
	int c, is_record;

	for (;;) {
		c = skip_to_at(r, st, err);   /* text outside entries is a comment */
		if (c == -2)
			return -1;
		if (c < 0)
			return 0;
		if (parse_entry(r, st, &is_record, err) != 0) {
			if (err->code == BS_ERR_IO)
				return -1;
			bs_diag_warn(r->diag, NULL, 0, "%s (entry skipped)", err->msg);
			r->skipped++;
			bs_error_clear(err);
			skip_to_at(r, st, err);
			continue;
		}
		if (is_record)
			break;
	}
	bs_recbuild_init(&b, r, rec);
	rec->line = st->entry_line;
	v = get(st, "year");
	if (v)
		rec->year = bs_recbuild_year(v->buf);
	if (!rec->year && (v = get(st, "date")))
		rec->year = bs_recbuild_year(v->buf);
	v = get(st, "booktitle");
	if (!v)
		v = get(st, "journal");
	if (!v)
		v = get(st, "journaltitle");
	if (v && st->have_last && v->len == st->last_raw.len && !memcmp(v->buf, st->last_raw.buf, v->len)) {
		/* entry after entry of one proceedings: the venue decoded once */
		rec->venue = bs_arena_strndup(&r->arena, st->last_venue.buf, st->last_venue.len);
	} else if (v) {
		decode(r, st, v->buf, v->len);
		rec->venue = bs_recbuild_text(&b, st->dec.buf, st->dec.len, 0);
		bs_strbuf_reset(&st->last_raw);
		bs_strbuf_add(&st->last_raw, v->buf, v->len);
		bs_strbuf_reset(&st->last_venue);
		bs_strbuf_adds(&st->last_venue, rec->venue);
		st->have_last = 1;
	}
	if ((!rec->year || !*rec->venue) && (v = get(st, "crossref")) && *plain(st, v)) {
		ctx_ready(st);
		ref = bs_bibctx_lookup(st->ctx, st->plain.buf, st->plain.len);
	}
	if (ref) {
		if (!rec->year)
			rec->year = ref->year;
		if (!*rec->venue && ref->venue)
			rec->venue = bs_arena_strdup(&r->arena, ref->venue);
	}
	if (st->collect) {
		/* remember what a crossref to this entry inherits: its year and,
		 * for a volume, its title as the venue */
		const char *venue = rec->venue;
		if (!strcmp(st->type.buf, "proceedings") || !strcmp(st->type.buf, "book") ||
		    !strcmp(st->type.buf, "collection") || !strcmp(st->type.buf, "mvproceedings")) {
			if ((v = get(st, "title"))) {
				decode(r, st, v->buf, v->len);
				venue = bs_recbuild_text(&b, st->dec.buf, st->dec.len, 0);
			}
		}
		bs_bibctx_entry(st->ctx, st->key.buf, st->key.len, rec->year, venue);
		bs_recbuild_finish(&b);
		return 1;
	}
	if ((v = get(st, "title"))) {
		decode(r, st, v->buf, v->len);
		rec->title = bs_recbuild_text(&b, st->dec.buf, st->dec.len, 0);
	}
	if ((v = get(st, "author")) || (v = get(st, "editor")))
		add_names(r, st, &b, v);
	if ((v = get(st, "doi"))) {
		const char *d = bs_record_doi_from(&r->arena, plain(st, v));
		rec->doi = d ? d : "";
	}
	if ((v = get(st, "url")) || (v = get(st, "ee"))) {
		decode(r, st, v->buf, v->len);
		plain(st, v);
		rec->url = bs_arena_strndup(&r->arena, st->plain.buf, st->plain.len);
		if (!*rec->doi) {
			const char *d = strstr(rec->url, "doi.org/") ? bs_record_doi_from(&r->arena, rec->url) : NULL;
			rec->doi = d ? d : "";
		}
	}
	if ((v = get(st, "abstract"))) {
		decode(r, st, v->buf, v->len);
		rec->abstract = bs_recbuild_text(&b, st->dec.buf, st->dec.len, 1);
	}
	/* where it sits in its venue, and its key (the dedup rules) */
	/* (plain: Web of Science writes "Volume = {{23}}") */
	if ((v = get(st, "volume")) && plain(st, v))
		rec->volume = bs_recbuild_text(&b, st->plain.buf, st->plain.len, 0);
	if (((v = get(st, "number")) || (v = get(st, "issue"))) && plain(st, v))
		rec->issue = bs_recbuild_text(&b, st->plain.buf, st->plain.len, 0);
	if ((v = get(st, "pages")) && plain(st, v))
		rec->pages = bs_recbuild_text(&b, st->plain.buf, st->plain.len, 0);
	rec->key = bs_recbuild_text(&b, st->key.buf, st->key.len, 0);
	bs_bibfields_build(&b, st->type.buf, st->f, st->nf);
	bs_recbuild_finish(&b);
	if (!*rec->title)
		bs_diag_warn(r->diag, bs_input_name(r->in), st->entry_line, "entry '%s' has no title", st->key.buf);
	return 1;
}

const bs_reader_ops bs_bibtex_ops = {
	"bibtex", "BibTeX (@string macros, crossref, LaTeX accents)", bib_sniff, bib_open, bib_next, bib_close,
};

int bs_bibtex_collect(bs_reader *r, bs_bibctx *ctx, bs_error *err)
{
	bs_record *rec;
	int rc = 0;

	if (strcmp(r->ops->name, "bibtex") || ((bib_state *)r->state)->ctx != ctx)
		return bs_error_set(err, BS_ERR_USAGE, "%s: not a BibTeX reader on this context",
				    bs_input_name(r->in));
	((bib_state *)r->state)->collect = 1;
	bs_input_no_digest(r->in);
	while (!bs_bibctx_stopped(ctx) && (rc = bs_reader_next(r, &rec, err)) == 1)
		;
	return rc < 0 ? (err->code ? err->code : BS_ERR_IO) : BS_OK;
}

int bs_bibtex_prescan(const char *path, bs_bibctx *ctx, bs_error *err)
{
	bs_reader *r;
	int rc = bs_reader_open_shared(&r, path, "bibtex", NULL, ctx, err);

	if (rc)
		return rc;
	rc = bs_bibtex_collect(r, ctx, err);
	bs_reader_close(r);
	return rc;
}
