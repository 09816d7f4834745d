/* medline.c - PubMed/MEDLINE export (PubMed's "Save, Format: PubMed", the
 * NLM tagged text).
 *
 * A line is "TAG - value": a tag of up to 4 upper-case letters padded
 * with spaces to 4 characters, then "- ".  A value continues on the lines
 * indented with spaces (6 in PubMed's output); they are joined with one
 * space, because PubMed wraps its lines at word boundaries.  Records are
 * separated by blank lines, and a PMID line starts a new record even
 * without one.  A UTF-8 BOM and CRLF line ends are handled by bs_input.
 *
 * Tags read (NLM "MEDLINE/PubMed Data Element (Field) Descriptions"):
 *   PMID  the record key, and a "pmid" identifier; its PubMed page as URL
 *   PMC   a "pmcid" identifier ("PMC4707154")
 *   TI    title                      AB  abstract
 *   FAU   author, "Last, First"; AU ("Last FM") only in records without FAU
 *         (MEDLINE before 2002)
 *   AD    affiliation of the author named last before it (of the paper
 *         before any author, or after a CN collective name)
 *   AUID  author identifier; "ORCID: ..." gives an "orcid" id of that author
 *   JT    journal title, TA (abbreviation) when there is no JT
 *   DP    year ("2016 Jan 15")       VI, IP, PG  volume, issue, pages
 *   LID/AID "10.x/y [doi]"; other kinds ("[pii]") are not DOIs
 *   LA    language(s), as written ("eng"), joined with "; "
 *   PT    publication types, as written, joined with "; " ("Journal
 *         Article; Review"), like the WoS DT field
 *   MH    MeSH headings -> indexed keywords: the descriptor only, without
 *         the "/qualifier" subheadings and the major-topic '*' (before a
 *         heading or a qualifier), so that "Neoplasms/drug therapy" and
 *         "Neoplasms/pathology" count as one topic, as keyword analyses
 *         expect
 *   OT    other terms (author keywords) -> author keywords
 * Investigators (IR/FIR) and editors (ED/FED) are not in the byline and
 * are not read (an AD after them, or after a CN, is the paper's);
 * MEDLINE carries no citation counts (cited stays -1).
 * Bad input: a line that is neither a tag, an indented continuation nor
 * blank is skipped with a warning naming file:line; a record without
 * a PMID or a title is kept, with a warning.  A record's text is capped at
 * 64 MiB (BS_INPUT_MAX_LINE) with a warning; the fields after the cap are
 * dropped.
 */
#include "readers/reader.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RECORD BS_INPUT_MAX_LINE

typedef struct ml_field {
	char tag[5];
	long line;
	size_t off, len;   /* value in st->text */
} ml_field;

typedef struct ml_state {
	bs_strbuf line;
	bs_strbuf text;     /* the record's values, one after another */
	ml_field *f;
	size_t nf, capf;
	size_t bytes;       /* text plus field overhead, against MAX_RECORD */
	int full;           /* MAX_RECORD reached (warned) */
	int pending;        /* line holds a PMID line that starts the next record */
	long start;
	bs_strbuf tmp;
} ml_state;

/* "TAG - value" (tag of 1..4 upper-case letters, padded to 4): the tag
 * length, *value set; 0 when s is not a tag line */
static int tag_of(const char *s, size_t n, const char **value)
{
	int t = 0;

	if (n < 5 || s[4] != '-' || (n > 5 && s[5] != ' '))
		return 0;
	while (t < 4 && isupper((unsigned char)s[t]))
		t++;
	if (!t)
		return 0;
	for (int i = t; i < 4; i++)
		if (s[i] != ' ')
			return 0;
	*value = s + (n > 5 ? 6 : 5);
	return t;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int ml_sniff(const char *data, size_t n, const char *path)
{
	const char *p = data, *end = data + n;
	(void)path;

	/* the first line with text (the BOM is gone already); PubMed's files
	 * start with an empty line */
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (end - p >= 6 && !memcmp(p, "PMID- ", 6))
		return 95;
	/* a file that does not start with it (a note above the records, a
	 * first record without PMID): a line "PMID- 123" in the first block,
	 * scored below RIS, whose records could quote such a line */
	for (; p + 7 < end; p++)
		if ((p == data || p[-1] == '\n' || p[-1] == '\r') && !memcmp(p, "PMID- ", 6) &&
		    isdigit((unsigned char)p[6]))
			return 80;
	return 0;
}

static int ml_open(bs_reader *r, bs_error *err)
{
	ml_state *st = bs_xcalloc(1, sizeof *st);
	(void)err;
	bs_strbuf_init(&st->line);
	bs_strbuf_init(&st->text);
	bs_strbuf_init(&st->tmp);
	r->state = st;
	return BS_OK;
}

static void ml_close(bs_reader *r)
{
	ml_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->line);
	bs_strbuf_release(&st->text);
	bs_strbuf_release(&st->tmp);
	free(st->f);
	free(st);
	r->state = NULL;
}

/* room for n more bytes of the record; warns once when there is none */
static int room(bs_reader *r, ml_state *st, size_t n)
{
	if (!st->full && st->bytes + n <= MAX_RECORD) {
		st->bytes += n;
		return 1;
	}
	if (!st->full)
		bs_diag_warn(r->diag, bs_input_name(r->in), bs_input_lineno(r->in),
			     "record longer than %zu MiB: the fields from here on are left out", MAX_RECORD >> 20);
	st->full = 1;
	return 0;
}

static void add_field(bs_reader *r, ml_state *st, const char *tag, int tn, const char *v, size_t vn)
{
	ml_field *f;

	if (!room(r, st, vn + sizeof *f))
		return;
	if (st->nf == st->capf) {
		st->capf = st->capf ? 2 * st->capf : 64;
		st->f = bs_xrealloc(st->f, st->capf * sizeof *st->f);
	}
	f = &st->f[st->nf++];
	memcpy(f->tag, tag, (size_t)tn);
	f->tag[tn] = '\0';
	f->line = bs_input_lineno(r->in);
	f->off = st->text.len;
	bs_strbuf_add(&st->text, v, vn);
	f->len = vn;
}

/* a continuation line: appended to the last value, which ends the text */
static void continue_field(bs_reader *r, ml_state *st, const char *s, size_t n)
{
	ml_field *f = &st->f[st->nf - 1];

	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (!room(r, st, n + 1))
		return;
	bs_strbuf_addc(&st->text, ' ');
	bs_strbuf_add(&st->text, s, n);
	f->len += n + 1;
}

static int is(const ml_field *f, const char *tag)
{
	return !strcmp(f->tag, tag);
}

/* AU "Gadzalski M", "van der Berg JA", "Smith J Jr" (last name, the
 * initials, an optional suffix) -> "Gadzalski, M", "van der Berg, JA",
 * "Smith Jr, J" in st->tmp; returns 1 when so inverted, 0 when no token
 * after the first is initials (1-4 capitals), the name then copied as is */
static int au_inverted(ml_state *st, const char *s, size_t n)
{
	size_t ini = 0, inin = 0;

	bs_strbuf_reset(&st->tmp);
	for (size_t i = 1; i < n; i++) {
		size_t k = i;
		if (s[i - 1] != ' ' || s[i] == ' ')
			continue;
		while (k < n && s[k] >= 'A' && s[k] <= 'Z')
			k++;
		if (k > i && k - i <= 4 && (k == n || s[k] == ' ')) {
			ini = i;   /* the rightmost such token */
			inin = k - i;
		}
	}
	if (!ini) {
		bs_strbuf_add(&st->tmp, s, n);
		return 0;
	}
	bs_strbuf_add(&st->tmp, s, ini - 1);
	bs_strbuf_add(&st->tmp, s + ini + inin, n - ini - inin);   /* the suffix, with its space */
	bs_strbuf_add(&st->tmp, ", ", 2);
	bs_strbuf_add(&st->tmp, s + ini, inin);
	return 1;
}

/* AUID "ORCID: http://orcid.org/0000-0001-9778-1920" or "ORCID:
 * 0000-0002-1825-0097": the bare ORCID, NULL when there is none */
static const char *orcid_of(const char *s, size_t n, size_t *len)
{
	if (n < 6 || strncasecmp(s, "ORCID", 5))
		return NULL;
	for (size_t i = 5; i + 19 <= n; i++) {
		const char *q = s + i;
		int ok = 1;
		for (int k = 0; k < 19 && ok; k++) {
			if (k % 5 == 4)
				ok = q[k] == '-';
			else if (k == 18)
				ok = isdigit((unsigned char)q[k]) || q[k] == 'X' || q[k] == 'x';
			else
				ok = isdigit((unsigned char)q[k]);
		}
		if (ok) {
			*len = 19;
			return q;
		}
	}
	return NULL;
}

/* MH "Neoplasms/drug therapy" -> "Neoplasms": cut at the first '/'
 * that starts a qualifier (lower-case, or '*' for a major topic), every
 * '*' dropped */
static void mesh(bs_recbuild *b, ml_state *st, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '/' && i + 1 < n && (s[i + 1] == '*' || islower((unsigned char)s[i + 1])))
			break;
	bs_strbuf_reset(&st->tmp);
	for (size_t k = 0; k < i; k++)
		if (s[k] != '*')
			bs_strbuf_addc(&st->tmp, s[k]);
	bs_recbuild_keyword(b, 1, st->tmp.buf, st->tmp.len);
}

/* join every value of tag with "; " into st->tmp, then clean it */
static const char *joined(bs_recbuild *b, ml_state *st, const char *tag)
{
	bs_strbuf_reset(&st->tmp);
	for (size_t i = 0; i < st->nf; i++)
		if (is(&st->f[i], tag) && st->f[i].len) {
			if (st->tmp.len)
				bs_strbuf_add(&st->tmp, "; ", 2);
			bs_strbuf_add(&st->tmp, st->text.buf + st->f[i].off, st->f[i].len);
		}
	return bs_recbuild_text(b, st->tmp.buf, st->tmp.len, 0);
}

/* the first value of tag, cleaned; "" when absent */
static const char *first(bs_recbuild *b, ml_state *st, const char *tag, int multiline)
{
	for (size_t i = 0; i < st->nf; i++)
		if (is(&st->f[i], tag) && st->f[i].len)
			return bs_recbuild_text(b, st->text.buf + st->f[i].off, st->f[i].len, multiline);
	return "";
}

/* the byline: FAU (or AU), with the AD and AUID that follow each name */
static void people(bs_reader *r, bs_recbuild *b, ml_state *st)
{
	int has_fau = 0, cur = -1, named = 0;

	for (size_t i = 0; i < st->nf && !has_fau; i++)
		has_fau = is(&st->f[i], "FAU");
	for (size_t i = 0; i < st->nf; i++) {
		const ml_field *f = &st->f[i];
		const char *v = st->text.buf + f->off;
		if (is(f, has_fau ? "FAU" : "AU")) {
			if (has_fau) {
				cur = bs_recbuild_author(b, v, f->len, memchr(v, ',', f->len) != NULL);
			} else {
				int inv = au_inverted(st, v, f->len);
				cur = bs_recbuild_author(b, st->tmp.buf, st->tmp.len, inv);
			}
			named = 1;
		} else if (is(f, "CN") || is(f, "IR") || is(f, "FIR") || is(f, "ED") || is(f, "FED")) {
			/* a collective name, an investigator or an editor: not in
			 * the byline, so an address after it is the paper's */
			cur = -1;
			named = 1;
		} else if (is(f, "AD")) {
			bs_recbuild_affil(b, cur, v, f->len);
		} else if (is(f, "AUID")) {
			size_t on;
			const char *o = orcid_of(v, f->len, &on);
			if (!o)
				bs_diag_warn(r->diag, bs_input_name(r->in), f->line,
					     "AUID '%.*s' is not an ORCID: left out", (int)(f->len < 60 ? f->len : 60), v);
			else if (cur < 0)
				bs_diag_warn(r->diag, bs_input_name(r->in), f->line, "AUID %s: left out",
					     named ? "after a collective or skipped name" : "before any author");
			else
				bs_recbuild_id(b, cur, BS_ID_ORCID, o, on);
		}
	}
}

static void build(bs_reader *r, ml_state *st, bs_record *rec)
{
	const char *name = bs_input_name(r->in);
	bs_recbuild b;
	const char *pmid, *d = NULL;

	bs_recbuild_init(&b, r, rec);
	rec->line = st->start;
	pmid = first(&b, st, "PMID", 0);
	rec->key = pmid;
	if (*pmid) {
		size_t kn = strlen(pmid);
		char *u = bs_arena_alloc(&r->arena, kn + 64);
		snprintf(u, kn + 64, "https://pubmed.ncbi.nlm.nih.gov/%s/", pmid);
		rec->url = u;
		bs_recbuild_id(&b, -1, BS_ID_PMID, pmid, kn);
	}
	rec->title = first(&b, st, "TI", 0);
	rec->abstract = first(&b, st, "AB", 1);
	rec->venue = first(&b, st, "JT", 0);
	if (!*rec->venue)
		rec->venue = first(&b, st, "TA", 0);
	rec->year = bs_recbuild_year(first(&b, st, "DP", 0));
	rec->volume = first(&b, st, "VI", 0);
	rec->issue = first(&b, st, "IP", 0);
	rec->pages = first(&b, st, "PG", 0);
	rec->language = joined(&b, st, "LA");
	rec->doc_type = joined(&b, st, "PT");
	people(r, &b, st);
	for (size_t i = 0; i < st->nf; i++) {
		const ml_field *f = &st->f[i];
		const char *v = st->text.buf + f->off;
		if (is(f, "PMC"))
			bs_recbuild_id(&b, -1, BS_ID_PMCID, v, f->len);
		else if (is(f, "MH"))
			mesh(&b, st, v, f->len);
		else if (is(f, "OT"))
			bs_recbuild_keyword(&b, 0, v, f->len);
		else if (!d && (is(f, "LID") || is(f, "AID")) && f->len > 6 &&
			 !memcmp(v + f->len - 6, " [doi]", 6))
			d = bs_record_doi_from(&r->arena, bs_arena_strndup(&r->arena, v, f->len - 6));
	}
	rec->doi = d ? d : "";
	bs_recbuild_finish(&b);
	if (!*pmid)
		bs_diag_warn(r->diag, name, st->start, "record without a PMID");
	if (!*rec->title)
		bs_diag_warn(r->diag, name, st->start, "record without a title");
}

static void reset_record(ml_state *st)
{
	bs_strbuf_reset(&st->text);
	st->nf = 0;
	st->bytes = 0;
	st->full = 0;
}

static int ml_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	ml_state *st = r->state;
	const char *name = bs_input_name(r->in);
	int rc, cut;

	reset_record(st);
	for (;;) {
		const char *v;
		int tn;
		if (st->pending) {
			st->pending = 0;
			cut = 0;
		} else {
			rc = bs_input_getline(r->in, &st->line, &cut, err);
			if (rc < 0)
				return -1;
			if (rc == 0)
				break;
		}
		if (blank(st->line.buf, st->line.len)) {
			if (st->nf)
				break;
			reset_record(st);   /* (a record cut before its first field) */
			continue;
		}
		if (cut)
			bs_diag_warn(r->diag, name, bs_input_lineno(r->in), "line longer than %zu MiB: cut",
				     BS_INPUT_MAX_LINE >> 20);
		tn = tag_of(st->line.buf, st->line.len, &v);
		if (!tn) {
			if (st->nf && (st->line.buf[0] == ' ' || st->line.buf[0] == '\t'))
				continue_field(r, st, st->line.buf, st->line.len);
			else
				bs_diag_warn(r->diag, name, bs_input_lineno(r->in),
					     "not a MEDLINE line (no 'TAG - ' and not indented): skipped");
			continue;
		}
		if (st->nf && tn == 4 && !memcmp(st->line.buf, "PMID", 4)) {
			st->pending = 1;   /* the next record, with no blank line before it */
			break;
		}
		if (!st->nf)
			st->start = bs_input_lineno(r->in);
		add_field(r, st, st->line.buf, tn, v, st->line.len - (size_t)(v - st->line.buf));
	}
	if (!st->nf)
		return 0;
	build(r, st, rec);
	return 1;
}

const bs_reader_ops bs_medline_ops = {
	"medline", "PubMed/MEDLINE export (PMID- tagged records)", ml_sniff, ml_open, ml_next, ml_close,
};
