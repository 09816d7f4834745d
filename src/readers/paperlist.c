/* paperlist.c - reader for the paper-list markdown format:
 *
 *   ## [N] Title
 *   **Authors**: *A, B, C*
 *   **Conference**: *venue year*
 *   **URL**: [url](url)
 *   **Abstract**:
 *   text ... (several lines and paragraphs)
 *   ----
 *
 * Lines may be indented (the seed variant indents every line after the title
 * by 8 spaces); leading white space is ignored everywhere, so both variants
 * give identical records.  Outside records, markdown navigation links
 * ("[Go to the next page](...)") and "#" headings are ignored silently; any
 * other text is skipped with a warning and counted in r->skipped.
 */
#include "readers/reader.h"
#include "base/clock.h"
#include "text/names.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELD ((size_t)64 << 20)   /* a record's abstract beyond this is cut */

typedef struct pl_state {
	bs_strbuf line;       /* raw line from the input */
	bs_strbuf fixed;      /* line after UTF-8 repair */
	bs_strbuf header;     /* pending "## ..." line seen ahead */
	long header_line;
	int have_header;
	bs_strbuf title, authors, conf, url, abstract;
	bs_strbuf tmp, tmp2;
	int seen_authors, seen_conf, seen_url, seen_abstract;
	int abstract_cut;
} pl_state;

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int is_header(const char *s)
{
	return s[0] == '#' && s[1] == '#' && s[2] == ' ' ;
}

static int is_rule(const char *s)
{
	size_t n = 0;

	while (s[n] == '-')
		n++;
	return n >= 3 && *skip_ws(s + n) == '\0';
}

/* "[text](target)" alone on a line */
static int is_nav_link(const char *s)
{
	const char *p;

	if (*s != '[')
		return 0;
	p = strstr(s, "](");
	if (!p)
		return 0;
	p = strchr(p + 2, ')');
	return p && *skip_ws(p + 1) == '\0';
}

/* If s starts with "**Name**:" return the value after it, else NULL. */
static const char *field(const char *s, const char *name)
{
	size_t k = strlen(name);

	if (s[0] != '*' || s[1] != '*' || strncasecmp(s + 2, name, k) != 0)
		return NULL;
	s += 2 + k;
	if (s[0] != '*' || s[1] != '*' || s[2] != ':')
		return NULL;
	return skip_ws(s + 3);
}

static void set_value(bs_strbuf *dst, const char *v)
{
	bs_strbuf_reset(dst);
	bs_strbuf_adds(dst, v);
	bs_strbuf_trim(dst);
}

/* Strip one level of markdown emphasis: "*x*" -> "x". */
static void strip_emphasis(bs_strbuf *sb)
{
	size_t b = 0, e = sb->len;

	while (b < e && sb->buf[b] == '*')
		b++;
	while (e > b && sb->buf[e - 1] == '*')
		e--;
	memmove(sb->buf, sb->buf + b, e - b);
	bs_strbuf_setlen(sb, e - b);
	bs_strbuf_trim(sb);
}

static int pl_sniff(const char *data, size_t n, const char *path)
{
	const char *p = data, *end = data + n;
	(void)path;

	/* first non-blank line */
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (end - p >= 4 && memcmp(p, "## [", 4) == 0)
		return 90;
	/* otherwise look for the field lines anywhere in the first block */
	{
		int hdr = 0, au = 0;
		for (const char *q = data; q + 12 < end; q++) {
			if (q[0] == '\n') {
				const char *s = q + 1;
				while (s < end && (*s == ' ' || *s == '\t'))
					s++;
				if (end - s > 4 && memcmp(s, "## ", 3) == 0)
					hdr = 1;
				if (end - s > 12 && memcmp(s, "**Authors**:", 12) == 0)
					au = 1;
			}
		}
		if (hdr && au)
			return 60;
	}
	return 0;
}

static int pl_open(bs_reader *r, bs_error *err)
{
	pl_state *st = bs_xcalloc(1, sizeof *st);
	(void)err;

	bs_strbuf_init(&st->line);
	bs_strbuf_init(&st->fixed);
	bs_strbuf_init(&st->header);
	bs_strbuf_init(&st->title);
	bs_strbuf_init(&st->authors);
	bs_strbuf_init(&st->conf);
	bs_strbuf_init(&st->url);
	bs_strbuf_init(&st->abstract);
	bs_strbuf_init(&st->tmp);
	bs_strbuf_init(&st->tmp2);
	r->state = st;
	return BS_OK;
}

static void pl_close(bs_reader *r)
{
	pl_state *st = r->state;

	if (!st)
		return;
	bs_strbuf_release(&st->line);
	bs_strbuf_release(&st->fixed);
	bs_strbuf_release(&st->header);
	bs_strbuf_release(&st->title);
	bs_strbuf_release(&st->authors);
	bs_strbuf_release(&st->conf);
	bs_strbuf_release(&st->url);
	bs_strbuf_release(&st->abstract);
	bs_strbuf_release(&st->tmp);
	bs_strbuf_release(&st->tmp2);
	free(st);
	r->state = NULL;
}

/* Read one line, repaired, leading white space kept; 1/0/-1 like getline. */
static int read_line(bs_reader *r, pl_state *st, bs_error *err)
{
	int cut = 0;
	int rc = bs_input_getline(r->in, &st->line, &cut, err);
	size_t fixes;

	if (rc <= 0)
		return rc;
	bs_strbuf_reset(&st->fixed);
	fixes = bs_utf8_repair(st->line.buf, st->line.len, &st->fixed);
	if (fixes)
		bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
			     "%zu NUL or invalid UTF-8 byte sequence%s replaced with U+FFFD",
			     fixes, fixes == 1 ? "" : "s");
	if (cut)
		bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
			     "line longer than %zu MiB truncated", BS_INPUT_MAX_LINE >> 20);
	return 1;
}

static const char *clean(bs_reader *r, pl_state *st, const bs_strbuf *in, int flags)
{
	bs_text_clean(in->buf, in->len, flags, &st->tmp);
	return bs_arena_strndup(&r->arena, st->tmp.buf, st->tmp.len);
}

static void parse_authors(bs_reader *r, pl_state *st, bs_record *rec)
{
	const char *s = st->authors.buf;
	size_t cap = 8, n = 0;
	const char **v = bs_arena_alloc(&r->arena, cap * sizeof *v);

	while (*s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		bs_name_display(s, len, &st->tmp);
		if (st->tmp.len) {
			if (n == cap) {
				const char **nv = bs_arena_alloc(&r->arena, 2 * cap * sizeof *nv);
				memcpy(nv, v, n * sizeof *v);
				v = nv;
				cap *= 2;
			}
			v[n++] = bs_arena_strndup(&r->arena, st->tmp.buf, st->tmp.len);
		}
		if (!e)
			break;
		s = e + 1;
	}
	rec->authors = v;
	rec->nauthors = n;
}

static void parse_conf(bs_reader *r, pl_state *st, bs_record *rec)
{
	bs_strbuf *c = &st->tmp2;
	size_t e, b;

	bs_text_clean(st->conf.buf, st->conf.len, BS_TEXT_ONE_LINE, c);
	e = c->len;
	b = e;
	while (b > 0 && isdigit((unsigned char)c->buf[b - 1]))
		b--;
	if (e - b == 4 && (b == 0 || c->buf[b - 1] == ' ')) {
		int y = atoi(c->buf + b);
		if (y >= BS_YEAR_FIRST && y <= BS_YEAR_LAST) {
			rec->year = y;
			while (b > 0 && c->buf[b - 1] == ' ')
				b--;
			bs_strbuf_setlen(c, b);
		}
	}
	rec->venue = bs_arena_strndup(&r->arena, c->buf, c->len);
}

static void parse_url(bs_reader *r, pl_state *st, bs_record *rec)
{
	const char *s = st->url.buf;
	const char *p = strstr(s, "](");
	size_t n;

	if (*s == '[' && p) {
		const char *e = strchr(p + 2, ')');
		s = p + 2;
		n = e ? (size_t)(e - s) : strlen(s);
	} else {
		n = strlen(s);
	}
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	rec->url = bs_arena_strndup(&r->arena, s, n);
	{
		const char *d = bs_record_doi_from(&r->arena, rec->url);
		if (d && strstr(rec->url, "doi.org/"))
			rec->doi = d;
	}
}

static void reset_fields(pl_state *st)
{
	bs_strbuf_reset(&st->title);
	bs_strbuf_reset(&st->authors);
	bs_strbuf_reset(&st->conf);
	bs_strbuf_reset(&st->url);
	bs_strbuf_reset(&st->abstract);
	st->seen_authors = st->seen_conf = st->seen_url = st->seen_abstract = 0;
	st->abstract_cut = 0;
}

static int pl_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	pl_state *st = r->state;
	const char *name = bs_input_name(r->in);
	const char *s, *v;
	int rc, in_abstract = 0, terminated = 0, para = 0;
	long junk_line = 0;

	/* 1. find the header */
	while (!st->have_header) {
		rc = read_line(r, st, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (junk_line)
				r->skipped++;
			return 0;
		}
		s = skip_ws(st->fixed.buf);
		if (is_header(s)) {
			set_value(&st->header, s + 3);
			st->header_line = bs_input_lineno(r->in);
			st->have_header = 1;
		} else if (*s == '\0' || is_rule(s) || is_nav_link(s) || *s == '#') {
			if (*s == '\0' && junk_line) {
				r->skipped++;
				junk_line = 0;
			}
		} else if (!junk_line) {
			junk_line = bs_input_lineno(r->in);
			bs_diag_warn(r->diag, name, junk_line,
				     "text outside any record skipped: \"%.40s%s\"", s,
				     strlen(s) > 40 ? "..." : "");
		}
	}
	if (junk_line)
		r->skipped++;

	reset_fields(st);
	rec->line = st->header_line;
	s = st->header.buf;
	if (*s == '[') {
		const char *e = strchr(s, ']');
		if (e)
			s = skip_ws(e + 1);
	}
	bs_strbuf_adds(&st->title, s);
	st->have_header = 0;

	/* 2. fields and abstract up to "----" or the next header */
	for (;;) {
		rc = read_line(r, st, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		s = skip_ws(st->fixed.buf);
		if (is_rule(s)) {
			terminated = 1;
			break;
		}
		if (is_header(s)) {
			set_value(&st->header, s + 3);
			st->header_line = bs_input_lineno(r->in);
			st->have_header = 1;
			break;
		}
		if (*s == '\0') {
			if (in_abstract && st->abstract.len)
				para = 1;
			continue;
		}
		if (!in_abstract) {
			if ((v = field(s, "Authors"))) {
				set_value(&st->authors, v);
				st->seen_authors = 1;
			} else if ((v = field(s, "Conference"))) {
				set_value(&st->conf, v);
				st->seen_conf = 1;
			} else if ((v = field(s, "URL"))) {
				set_value(&st->url, v);
				st->seen_url = 1;
			} else if ((v = field(s, "Abstract"))) {
				st->seen_abstract = 1;
				in_abstract = 1;
				if (*v)
					bs_strbuf_adds(&st->abstract, v);
			} else {
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
					     "unrecognised line in record skipped: \"%.40s%s\"", s,
					     strlen(s) > 40 ? "..." : "");
			}
			continue;
		}
		if (st->abstract.len + strlen(s) + 1 > MAX_FIELD) {
			/* keep what fits, cut at a character boundary (regression:
			 * a single 100 MB line used to be dropped whole) */
			size_t room = st->abstract_cut || st->abstract.len + 1 >= MAX_FIELD ?
				0 : MAX_FIELD - st->abstract.len - 1;
			if (!st->abstract_cut)
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
					     "abstract longer than %zu MiB truncated", MAX_FIELD >> 20);
			st->abstract_cut = 1;
			while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80)
				room--;
			if (room > 0) {
				if (st->abstract.len)
					bs_strbuf_addc(&st->abstract, para ? '\n' : ' ');
				bs_strbuf_add(&st->abstract, s, room);
			}
			continue;
		}
		if (st->abstract.len)
			bs_strbuf_addc(&st->abstract, para ? '\n' : ' ');
		para = 0;
		bs_strbuf_adds(&st->abstract, s);
	}

	/* 3. build the record */
	rec->title = clean(r, st, &st->title, BS_TEXT_STRIP_TAGS | BS_TEXT_ENTITIES | BS_TEXT_ONE_LINE);
	strip_emphasis(&st->authors);
	parse_authors(r, st, rec);
	strip_emphasis(&st->conf);
	parse_conf(r, st, rec);
	parse_url(r, st, rec);
	rec->abstract = clean(r, st, &st->abstract, BS_TEXT_STRIP_TAGS | BS_TEXT_ENTITIES);

	if (!*rec->title)
		bs_diag_warn(r->diag, name, rec->line, "record without a title");
	if (!rec->nauthors)
		bs_diag_warn(r->diag, name, rec->line, "record \"%.60s\" has no authors", rec->title);
	if (!st->seen_conf)
		bs_diag_warn(r->diag, name, rec->line, "record \"%.60s\" has no **Conference** line", rec->title);
	else if (!rec->year)
		bs_diag_warn(r->diag, name, rec->line, "record \"%.60s\": no year in \"%.40s\"", rec->title, st->conf.buf);
	if (!st->seen_url)
		bs_diag_warn(r->diag, name, rec->line, "record \"%.60s\" has no **URL** line", rec->title);
	if (!st->seen_abstract)
		bs_diag_warn(r->diag, name, rec->line, "record \"%.60s\" has no **Abstract**", rec->title);
	if (!terminated && !st->have_header)
		bs_diag_warn(r->diag, name, rec->line, "record \"%.60s\" not closed by ---- before end of file", rec->title);
	return 1;
}

const bs_reader_ops bs_paperlist_ops = {
	"paperlist",
	"paper-list markdown (## [N] Title / **Authors**: ... / ----)",
	pl_sniff, pl_open, pl_next, pl_close,
};
