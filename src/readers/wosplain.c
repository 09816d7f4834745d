/* wosplain.c - Web of Science plain-text export ("FN Clarivate Analytics
 * Web of Science" / "VR 1.0" header, records "PT J" ... "ER", "EF" at the
 * end; .txt or .isi).
 *
 * A line starting with a two-character tag (a capital letter, then a
 * capital or a digit) in columns 1-2 opens that tag's value, which starts
 * in column 4; a line starting with white space (three spaces in real
 * exports) continues the last tag.  The record is built by wosrec.h from
 * the same tags as the tab-delimited export, so that both exports give the
 * same rows: list tags put one item per line (AU, AF, C1, CR; RI and OI in
 * some exports), and their lines are joined with "; " as the tab export
 * separates them; other tags wrap long text over lines, joined with " ".
 *
 * A record's line is its PT line.  Warnings (file:line): a record not
 * closed by ER before the next PT, EF or the end (the record is kept), a
 * line that is neither a tag nor a continuation (skipped, counted in
 * r->skipped), a record without a title, a value cut at 64 MiB.  Tags
 * that wosrec.h does not read (RP, EM, NR, J9, ...) are skipped with their
 * continuation lines.  Memory: one buffer per read tag, reused from record
 * to record, so bounded by the largest record.
 */
#include "readers/reader.h"
#include "readers/wosrec.h"

#include <stdlib.h>
#include <string.h>

#define MAX_FIELD BS_INPUT_MAX_LINE

/* st->cur besides a tag index: outside a record, in a tag not read, in a
 * line skipped as unrecognised (its continuation lines are skipped too) */
enum { CUR_NONE = -1, CUR_SKIP = -2, CUR_JUNK = -3 };

typedef struct wosplain_state {
	bs_strbuf line;
	bs_strbuf val[WOS__N];   /* this record's values; valid through bs_wos_build */
	int seen[WOS__N];        /* tag present in this record */
	int cut[WOS__N];         /* value cut at MAX_FIELD (warned once) */
	int cur;                 /* tag being continued: index, CUR_NONE or CUR_SKIP */
	long start;              /* the PT line of the record being read */
	long pending;            /* line of a PT that ended the last record (it opens
				  * the next), or 0 */
	bs_strbuf pt;            /* that PT line's value */
	int junk;                /* in a run of skipped lines (one warning a run) */
} wosplain_state;

/* 1 when s[0..n) starts with a tag: "XY" alone or "XY " */
static int is_tag(const char *s, size_t n)
{
	if (n < 2 || s[0] < 'A' || s[0] > 'Z' || !((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= '0' && s[1] <= '9')))
		return 0;
	return n == 2 || s[2] == ' ' || s[2] == '\t';
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int wosplain_sniff(const char *data, size_t n, const char *path)
{
	const char *p = data, *end = data + n;
	int tags = 0, pt = 0;

	(void)path;
	/* the header ("FN " then "VR "), or "PT " followed by tag lines (a
	 * record cut out of an export without its header) */
	for (int lines = 0; p < end && lines < 40; lines++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t len = e ? (size_t)(e - p) : (size_t)(end - p);
		if (len && p[len - 1] == '\r')
			len--;
		if (!is_blank(p, len)) {
			if (!tags && len >= 3 && !strncmp(p, "FN ", 3))
				return 95;
			if (!is_tag(p, len) && !(pt && (p[0] == ' ' || p[0] == '\t')))
				return 0;
			if (!tags && strncmp(p, "PT ", 3))
				return 0;
			pt = 1;
			if (++tags >= 3)
				return 90;
		}
		if (!e)
			break;
		p = e + 1;
	}
	return tags >= 2 ? 90 : 0;
}

static int wosplain_open(bs_reader *r, bs_error *err)
{
	wosplain_state *st = bs_xcalloc(1, sizeof *st);

	(void)err;
	bs_strbuf_init(&st->line);
	bs_strbuf_init(&st->pt);
	for (int c = 0; c < WOS__N; c++)
		bs_strbuf_init(&st->val[c]);
	st->cur = CUR_NONE;
	r->state = st;
	return BS_OK;
}

static void wosplain_close(bs_reader *r)
{
	wosplain_state *st = r->state;

	if (!st)
		return;
	bs_strbuf_release(&st->line);
	bs_strbuf_release(&st->pt);
	for (int c = 0; c < WOS__N; c++)
		bs_strbuf_release(&st->val[c]);
	free(st);
	r->state = NULL;
}

/* lists put an item a line: joined as the tab export separates them */
static const char *joiner(int c)
{
	return c == WOS_AU || c == WOS_AF || c == WOS_C1 || c == WOS_CR || c == WOS_RI || c == WOS_OI ? "; " : " ";
}

/* append s[0..n) (trailing white space dropped) to tag c's value, after
 * the joiner when the value has text; cut at MAX_FIELD with one warning */
static void add(bs_reader *r, wosplain_state *st, int c, const char *s, size_t n)
{
	bs_strbuf *v = &st->val[c];
	const char *sep = joiner(c);
	size_t room;

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n || st->cut[c])
		return;
	if (v->len)
		bs_strbuf_adds(v, sep);
	room = v->len < MAX_FIELD ? MAX_FIELD - v->len : 0;
	if (n <= room) {
		bs_strbuf_add(v, s, n);
		return;
	}
	/* cut at a character boundary */
	while (room && ((unsigned char)s[room] & 0xC0) == 0x80)
		room--;
	bs_strbuf_add(v, s, room);
	st->cut[c] = 1;
	bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
		     "'%s' value longer than %zu MiB: cut, the first %zu MiB kept", bs_wos_tags[c], MAX_FIELD >> 20,
		     MAX_FIELD >> 20);
}

/* start a record at line start with the PT value v[0..n) */
static void begin(bs_reader *r, wosplain_state *st, long start, const char *v, size_t n)
{
	for (int c = 0; c < WOS__N; c++) {
		bs_strbuf_reset(&st->val[c]);
		st->seen[c] = st->cut[c] = 0;
	}
	st->start = start;
	st->seen[WOS_PT] = 1;
	st->cur = WOS_PT;
	add(r, st, WOS_PT, v, n);
}

/* a line that is neither a tag nor a continuation: skipped, one warning
 * for a run of them */
static void junk(bs_reader *r, wosplain_state *st, const char *where)
{
	if (!st->junk)
		bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
			     "unrecognised text %s skipped (not a two-letter tag or an indented continuation)", where);
	st->junk = 1;
	r->skipped++;
}

/* the value of a tag line (column 4 on) or a continuation line (after its
 * indentation) */
static const char *value_of(const char *s, size_t n, int tag, size_t *vn)
{
	size_t i = tag ? 2 : 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	*vn = n - i;
	return s + i;
}

/* Read lines until the record ends.  1: a record is in st (closed by ER,
 * or warned about); 0: end of input; -1: read error. */
static int read_record(bs_reader *r, wosplain_state *st, bs_error *err)
{
	const char *name = bs_input_name(r->in);
	int in_record = 0, rc, cut;

	if (st->pending) {
		begin(r, st, st->pending, st->pt.buf, st->pt.len);
		st->pending = 0;
		in_record = 1;
	}
	for (;;) {
		const char *s, *v;
		size_t n, vn;
		int c;
		rc = bs_input_getline(r->in, &st->line, &cut, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			if (in_record)
				bs_diag_warn(r->diag, name, st->start, "record not closed by ER before the end of the file");
			return in_record;
		}
		s = st->line.buf;
		n = st->line.len;
		if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {   /* a BOM: exports concatenated */
			s += 3;
			n -= 3;
		}
		if (cut)
			bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB: cut",
				     MAX_FIELD >> 20);
		if (is_blank(s, n))
			continue;
		if (!is_tag(s, n)) {
			if ((s[0] == ' ' || s[0] == '\t') && in_record && st->cur != CUR_JUNK) {
				v = value_of(s, n, 0, &vn);
				if (st->cur >= 0)
					add(r, st, st->cur, v, vn);
			} else if (in_record && n > 2 && (c = bs_wos_tag(s, 2)) > WOS_PT) {
				/* a read tag run into its value ("AUGilles, H", seen
				 * in a hand-edited export): read, not lost */
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
					     "tag '%.2s' not followed by a space: its value read from column 3", s);
				st->junk = 0;
				st->cur = c;
				st->seen[c] = 1;
				add(r, st, c, s + 2, n - 2);
			} else {
				junk(r, st, in_record ? "in a record" : "outside a record");
				st->cur = in_record ? CUR_JUNK : CUR_NONE;
			}
			continue;
		}
		st->junk = 0;
		v = value_of(s, n, 1, &vn);
		if (!memcmp(s, "PT", 2)) {
			if (in_record) {
				bs_diag_warn(r->diag, name, st->start,
					     "record not closed by ER before the next PT (line %ld): kept",
					     bs_input_lineno(r->in));
				bs_strbuf_reset(&st->pt);
				bs_strbuf_add(&st->pt, v, vn);
				st->pending = bs_input_lineno(r->in);
				return 1;
			}
			begin(r, st, bs_input_lineno(r->in), v, vn);
			in_record = 1;
			continue;
		}
		if (!memcmp(s, "ER", 2) || !memcmp(s, "EF", 2)) {
			st->cur = CUR_NONE;
			if (!in_record)
				continue;
			if (s[1] == 'F')
				bs_diag_warn(r->diag, name, st->start, "record not closed by ER before EF: kept");
			return 1;
		}
		if (!in_record) {
			/* the header (FN, VR) and nothing else */
			if (memcmp(s, "FN", 2) && memcmp(s, "VR", 2))
				junk(r, st, "outside a record");
			st->cur = CUR_NONE;
			continue;
		}
		c = bs_wos_tag(s, 2);
		st->cur = c >= 0 ? c : CUR_SKIP;
		if (c >= 0) {
			st->seen[c] = 1;
			add(r, st, c, v, vn);
		}
	}
}

static int wosplain_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	wosplain_state *st = r->state;
	bs_wos_fields f;
	int rc = read_record(r, st, err);

	if (rc <= 0)
		return rc;
	for (int c = 0; c < WOS__N; c++) {
		f.v[c] = st->seen[c] ? (st->val[c].len ? st->val[c].buf : "") : NULL;
		f.n[c] = st->seen[c] ? st->val[c].len : 0;
	}
	rec->line = st->start;
	bs_wos_build(r, rec, &f);
	if (!*rec->title)
		bs_diag_warn(r->diag, bs_input_name(r->in), rec->line, "record without a title");
	return 1;
}

const bs_reader_ops bs_wosplain_ops = {
	"wos-plain", "Web of Science plain-text export (PT ... ER records)", wosplain_sniff, wosplain_open,
	wosplain_next, wosplain_close,
};
