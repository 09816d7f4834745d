/* ris.c - RIS reader (Zotero, EndNote, IEEE Xplore, Scopus, Web of
 * Science ... exports).
 *
 * A record runs from "TY  - " to "ER  - ".  Tags: TY (the type code, kept
 * as doc_type when there is no M3), AU/A1 (authors, "Last, First" or
 * "First Last"), TI/T1 (title), PY/Y1/DA (year), JO/JF/BT/T3, else T2
 * (venue), VL (or VO), IS, SP-EP (or C7, the article number, when there
 * is no SP), DO (DOI), UR (URL), AB/N2 (abstract), ID (the record key).
 * Rich fields: KW (one author keyword per KW line), AD (an address per
 * line; RIS does not say whose, so each is the paper's, author -1), M3
 * (document type: "Article"), LA (language), AN (accession number: "WOS:"
 * a Web of Science UT, "2-s2.0-" a Scopus EID, digits a PubMed id when
 * DB/DP names PubMed or MEDLINE; other databases' numbers are left out),
 * the Scopus EID also from UR's "eid=" parameter, and N1 (notes): Scopus
 * writes "Cited By: 12; Export Date: 14 June 2023; ...", Web of Science
 * "Times Cited in Web of Science Core Collection: 12".  A "Cited By" count
 * is Scopus's when DB, DP, UR or N1 names Scopus (Scopus writes "DB  -
 * Scopus" on every record); from any other source the count is kept
 * with its source unknown.  "Export
 * Date" is the date of that count.
 *
 * A line that does not start with a tag continues the previous value
 * (multi-line values; in a KW, AD or N1 value it continues that line's
 * item); lines outside records are skipped.  LF, CRLF and a lone CR all
 * end a line (bs_input), so files that mix them split correctly; a BOM is
 * skipped.  A value (a line, or a value continued over lines) is cut at
 * 64 MiB, as in the other readers, and so is a record's author list and
 * each of the KW, AD and N1 lists, each with a warning naming the line
 * and the tag.
 */
#include "readers/bibfields.h"
#include "readers/reader.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELD BS_INPUT_MAX_LINE

enum {
	R_TITLE, R_VENUE, R_YEAR, R_DOI, R_URL, R_ABSTRACT, R_T2, R_VOL, R_ISSUE, R_SP, R_EP, R_ID,
	R_TY, R_M3, R_LA, R_AN, R_DB, R_C7, R_N
};
/* the repeated tags, a list each: AU/A1, KW, AD, N1 */
enum { L_AU, L_KW, L_AD, L_N1, L_N };

typedef struct ris_state {
	bs_strbuf line;
	bs_strbuf f[R_N];
	char tag[R_N][3];         /* the tag each value came from */
	int cut[R_N];             /* value cut at MAX_FIELD (warned) */
	int cur;                  /* value being continued, or -1 */
	bs_strbuf list[L_N];      /* items, each NUL-terminated */
	int nitems[L_N], list_cut[L_N];
	int cur_list;             /* list whose last item is being continued, or -1 */
} ris_state;

static const char *const list_tag[L_N] = {"AU", "KW", "AD", "N1"};

/* the single-valued tags: the first of a row's tags present wins */
static const struct { const char *tags; int k; } single_tags[] = {
	{"TI T1", R_TITLE}, {"PY Y1 DA", R_YEAR}, {"JO JF BT T3", R_VENUE}, {"T2", R_T2}, {"DO", R_DOI},
	{"UR", R_URL}, {"AB N2", R_ABSTRACT}, {"VL VO", R_VOL}, {"IS", R_ISSUE}, {"SP", R_SP}, {"EP", R_EP},
	{"ID", R_ID}, {"M3", R_M3}, {"LA", R_LA}, {"AN", R_AN}, {"DB DP", R_DB}, {"C7", R_C7},
};

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
	for (int i = 0; i < L_N; i++)
		bs_strbuf_init(&st->list[i]);
	st->cur = st->cur_list = -1;
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
	for (int i = 0; i < L_N; i++)
		bs_strbuf_release(&st->list[i]);
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

/* A new item of list l (sep 0), or s[0..n) joined with sep to its last
 * item (a continuation line).  An item stops at a NUL byte (the list is
 * NUL-separated).  The list is capped at MAX_FIELD in all: the item that
 * would pass it and those after are left out, with one warning. */
static void list_add(bs_reader *r, ris_state *st, int l, char sep, const char *s, size_t n)
{
	bs_strbuf *b = &st->list[l];
	const char *nul = memchr(s, '\0', n);

	if (nul)
		n = (size_t)(nul - s);
	if (st->list_cut[l] || (!n && !sep))
		return;
	if (sep && b->len)
		bs_strbuf_setlen(b, b->len - 1);   /* reopen the last item */
	if (b->len + n + 2 <= MAX_FIELD) {   /* (the separator and the NUL) */
		if (sep && b->len)
			bs_strbuf_addc(b, sep);
		else
			st->nitems[l]++;
		bs_strbuf_add(b, s, n);
		bs_strbuf_addc(b, '\0');
		return;
	}
	if (sep && b->len)
		bs_strbuf_addc(b, '\0');
	st->list_cut[l] = 1;
	bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
		     "'%s' values longer than %zu MiB in all: the rest left out (%d kept)", list_tag[l],
		     MAX_FIELD >> 20, st->nitems[l]);
}

static void start_record(ris_state *st, const char *ty, size_t n)
{
	for (int i = 0; i < R_N; i++) {
		bs_strbuf_reset(&st->f[i]);
		st->cut[i] = 0;
	}
	for (int i = 0; i < L_N; i++) {
		bs_strbuf_reset(&st->list[i]);
		st->nitems[i] = st->list_cut[i] = 0;
	}
	bs_strbuf_add(&st->f[R_TY], ty, fits(0, ty, n));
	memcpy(st->tag[R_TY], "TY", 3);
	st->cur = st->cur_list = -1;
}

/* a tagged line inside a record (not TY or ER) */
static void on_tag(bs_reader *r, ris_state *st, const char *v, size_t vn)
{
	const char *t = st->line.buf;
	static const char *const list_tags[] = {"AU A1", "KW", "AD", "N1"};

	st->cur = st->cur_list = -1;
	for (int l = 0; l < L_N; l++)
		for (const char *p = list_tags[l]; *p; p += p[2] ? 3 : 2)
			if (p[0] == t[0] && p[1] == t[1]) {
				list_add(r, st, l, 0, v, vn);
				/* (an author continued over lines is not known) */
				st->cur_list = l == L_AU ? -1 : l;
				return;
			}
	for (size_t i = 0; i < sizeof single_tags / sizeof *single_tags; i++)
		for (const char *p = single_tags[i].tags; *p; p += p[2] ? 3 : 2)
			if (p[0] == t[0] && p[1] == t[1]) {
				set(r, st, single_tags[i].k, v, vn);
				return;
			}
}

/* a line without a tag: continues the value or list item before it */
static void on_continuation(bs_reader *r, ris_state *st, int in_record, int cut)
{
	const char *name = bs_input_name(r->in);

	if (in_record && st->cur_list >= 0 && st->line.len) {
		list_add(r, st, st->cur_list, st->cur_list == L_N1 ? '\n' : ' ', st->line.buf, st->line.len);
		if (cut)
			bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB in the '%s' value: cut",
				     MAX_FIELD >> 20, list_tag[st->cur_list]);
	} else if (in_record && st->cur >= 0 && st->line.len) {
		add(r, st, st->cur, st->cur == R_ABSTRACT ? '\n' : ' ', st->line.buf, st->line.len);
		if (cut && !st->cut[st->cur])
			bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB in the '%s' value: cut",
				     MAX_FIELD >> 20, st->tag[st->cur]);
	} else if (cut) {
		bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB outside a value: cut",
			     MAX_FIELD >> 20);
	}
}

/* the citation count from the N1 notes, and whose it is */
static void notes(bs_reader *r, ris_state *st, bs_record *rec)
{
	const bs_strbuf *n1 = &st->list[L_N1];
	int scopus = bs_find_ci(st->f[R_DB].buf, st->f[R_DB].len, "scopus") ||
		     bs_find_ci(st->f[R_URL].buf, st->f[R_URL].len, "scopus") || bs_find_ci(n1->buf, n1->len, "scopus");
	char date[32];

	for (const char *p = n1->buf; p < n1->buf + n1->len; p += strlen(p) + 1) {
		size_t n = strlen(p);
		long c = bs_note_count(p, n, "Times Cited in Web of Science Core Collection");
		if (c >= 0) {
			rec->cited = c;
			rec->cited_source = "wos";
			return;
		}
		if ((c = bs_note_count(p, n, "Cited By")) >= 0) {
			rec->cited = c;
			rec->cited_source = scopus ? "scopus" : "";
			if (bs_note_export_date(p, n, date))
				rec->cited_as_of = bs_arena_strdup(&r->arena, date);
			return;
		}
	}
}

/* AN and UR: the paper's identifiers */
static void accession(bs_recbuild *b, ris_state *st, const bs_record *rec)
{
	const char *an = st->f[R_AN].buf, *eid;
	size_t n = st->f[R_AN].len;

	while (n && an[n - 1] == ' ')
		n--;
	if (n > 4 && !strncmp(an, "WOS:", 4))
		bs_recbuild_id(b, -1, BS_ID_WOS, an, n);
	else if (n > 7 && !strncmp(an, "2-s2.0-", 7))
		bs_recbuild_id(b, -1, BS_ID_EID, an, n);
	else if (bs_recbuild_count(an, n) > 0 &&
		 (bs_find_ci(st->f[R_DB].buf, st->f[R_DB].len, "pubmed") ||
		  bs_find_ci(st->f[R_DB].buf, st->f[R_DB].len, "medline")))
		bs_recbuild_id(b, -1, BS_ID_PMID, an, n);
	/* Scopus links carry the EID: ".../record.uri?eid=2-s2.0-85...&..." */
	if ((eid = strstr(rec->url, "eid=2-s2.0-")) != NULL) {
		eid += 4;
		bs_recbuild_id(b, -1, BS_ID_EID, eid, strcspn(eid, "&#"));
	}
}

/* M3 is the document type ("Article") unless an exporter put something
 * else there (some write the DOI in M3); else the TY code */
static const char *doc_type(bs_recbuild *b, ris_state *st)
{
	const bs_strbuf *m3 = &st->f[R_M3];

	if (m3->len && m3->len <= 64 && !strstr(m3->buf, "10.") && !strchr(m3->buf, '/'))
		return bs_recbuild_text(b, m3->buf, m3->len, 0);
	return bs_recbuild_text(b, st->f[R_TY].buf, st->f[R_TY].len, 0);
}

static void build(bs_reader *r, ris_state *st, bs_record *rec, long start)
{
	bs_recbuild b;
	const bs_strbuf *l;

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
	if (!st->f[R_SP].len)   /* an article number stands for the pages */
		bs_strbuf_add(&st->f[R_SP], st->f[R_C7].buf, st->f[R_C7].len);
	rec->pages = bs_recbuild_text(&b, st->f[R_SP].buf, st->f[R_SP].len, 0);
	l = &st->list[L_AU];
	for (const char *a = l->buf; a < l->buf + l->len; a += strlen(a) + 1)
		bs_recbuild_author(&b, a, strlen(a), strchr(a, ',') != NULL);
	rec->doc_type = doc_type(&b, st);
	rec->language = bs_recbuild_text(&b, st->f[R_LA].buf, st->f[R_LA].len, 0);
	l = &st->list[L_KW];
	for (const char *k = l->buf; k < l->buf + l->len; k += strlen(k) + 1)
		bs_recbuild_keyword(&b, 0, k, strlen(k));
	l = &st->list[L_AD];
	for (const char *a = l->buf; a < l->buf + l->len; a += strlen(a) + 1)
		bs_recbuild_affil(&b, -1, a, strlen(a));
	notes(r, st, rec);
	accession(&b, st, rec);
	bs_recbuild_finish(&b);
}

static int ris_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	ris_state *st = r->state;
	const char *name = bs_input_name(r->in);
	int in_record = 0, rc;
	long start = 0;

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
			on_continuation(r, st, in_record, cut);
			continue;
		}
		vn = st->line.len - (size_t)(v - st->line.buf);
		if (!strncmp(st->line.buf, "TY", 2)) {
			if (in_record)
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "new record before 'ER  -'");
			in_record = 1;
			start = bs_input_lineno(r->in);
			start_record(st, v, vn);
			continue;
		}
		if (!in_record)
			continue;
		if (!strncmp(st->line.buf, "ER", 2)) {
			build(r, st, rec, start);
			if (!*rec->title)
				bs_diag_warn(r->diag, name, start, "record without a title");
			return 1;
		}
		on_tag(r, st, v, vn);
		if (cut)   /* (a value of its own: add() did not see the rest) */
			bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB ('%.2s' value): cut, the first %zu MiB kept",
				     MAX_FIELD >> 20, st->line.buf, MAX_FIELD >> 20);
	}
	return 0;
}

const bs_reader_ops bs_ris_ops = {
	"ris", "RIS (TY ... ER records)", ris_sniff, ris_open, ris_next, ris_close,
};
