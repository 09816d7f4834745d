/* bibfields.c - see bibfields.h.  Web of Science's BibTeX export writes
 * every value "{{...}}" and wraps long ones onto lines indented by three
 * spaces; its list fields put one item per line (Affiliation,
 * Cited-References) or separate items with "; " (Keywords, ORCID-Numbers).
 * Scopus's BibTeX export writes author_keywords, keywords (index terms),
 * affiliations, references ("; "-separated), document_type, source and
 * note = "Cited by: 12; ...". */
#include "readers/bibfields.h"
#include "text/latex.h"
#include "text/names.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct bf {
	bs_recbuild *b;
	const bs_bibfield *f;
	int nf;
	bs_strbuf dec, k1, k2, tmp;
	int scopus;
} bf;

const char *bs_find_ci(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);

	for (size_t i = 0; i + wn <= n; i++)
		if (!strncasecmp(s + i, w, wn))
			return s + i;
	return NULL;
}

long bs_note_count(const char *s, size_t n, const char *label)
{
	const char *p = bs_find_ci(s, n, label), *end = s + n, *d;

	if (!p)
		return -1;
	p += strlen(label);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '(') {   /* older Scopus: "Cited By (since 1996): 12" */
		const char *close = memchr(p, ')', (size_t)(end - p));
		if (!close || close - p > 40)
			return -1;
		p = close + 1;
	}
	while (p < end && (*p == ' ' || *p == ':' || *p == '\t'))
		p++;
	for (d = p; d < end && isdigit((unsigned char)*d) && d - p < 10;)
		d++;
	return d > p ? bs_recbuild_count(p, (size_t)(d - p)) : -1;
}

int bs_note_export_date(const char *s, size_t n, char *out)
{
	static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
					     "jul", "aug", "sep", "oct", "nov", "dec"};
	const char *p = bs_find_ci(s, n, "Export Date"), *end = s + n;
	long day = 0, year = 0;
	int month = -1;

	if (!p)
		return 0;
	for (p += 11; p < end && (*p == ' ' || *p == ':'); p++)
		;
	for (; p < end && isdigit((unsigned char)*p) && day < 100; p++)
		day = day * 10 + (*p - '0');
	while (p < end && *p == ' ')
		p++;
	for (int m = 0; m < 12 && end - p >= 3; m++)
		if (!strncasecmp(p, months[m], 3))
			month = m + 1;
	while (p < end && isalpha((unsigned char)*p))
		p++;
	while (p < end && *p == ' ')
		p++;
	for (; p < end && isdigit((unsigned char)*p) && year < 10000; p++)
		year = year * 10 + (*p - '0');
	if (day < 1 || day > 31 || month < 0 || year < 1900 || year > 2200)
		return 0;
	snprintf(out, 32, "%04d-%02d-%02d", (int)year, month, (int)day);
	return 1;
}

static const bs_strbuf *get(const bf *x, const char *name)
{
	for (int i = 0; i < x->nf; i++)
		if (!strcmp(x->f[i].name.buf, name))
			return &x->f[i].value;
	return NULL;
}

/* the LaTeX-decoded text of v in x->dec (line breaks kept); 0 when v is
 * absent or empty */
static int dec(bf *x, const bs_strbuf *v)
{
	if (!v || !v->len)
		return 0;
	if (!bs_utf8_valid(v->buf, v->len)) {
		bs_utf8_repair(v->buf, v->len, &x->tmp);
		bs_latex_decode(x->tmp.buf, x->tmp.len, &x->dec);
	} else {
		bs_latex_decode(v->buf, v->len, &x->dec);
	}
	return x->dec.len > 0;
}

/* s[0..n) trimmed of white space (and of the separators in also) */
static void trim(const char **s, size_t *n, const char *also)
{
	while (*n && (isspace((unsigned char)**s) || strchr(also, **s)))
		(*s)++, (*n)--;
	while (*n && (isspace((unsigned char)(*s)[*n - 1]) || strchr(also, (*s)[*n - 1])))
		(*n)--;
}

/* The byline index of name[0..n) ("Li, Wei" or "Wei Li"): the one author
 * with the same match key, else the one bs_author_near finds; -1 when none
 * or several have it. */
static int author_of(bf *x, const char *name, size_t n)
{
	int found = -1, hits = 0;

	bs_name_uninvert(name, n, &x->tmp);
	bs_name_key(x->tmp.buf, x->tmp.len, &x->k1);
	if (!x->k1.len)
		return -1;
	for (size_t i = 0; i < x->b->n; i++) {
		bs_name_key(x->b->authors[i], strlen(x->b->authors[i]), &x->k2);
		if (x->k2.len == x->k1.len && !memcmp(x->k1.buf, x->k2.buf, x->k1.len)) {
			found = (int)i;
			hits++;
		}
	}
	if (hits == 1)
		return found;
	return hits ? -1 : bs_author_near(x->b->authors, NULL, x->b->n, name, n, &x->k1, &x->k2, &x->tmp);
}

/* bytes of the UTF-8 character that s starts with */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* whether a[0..an) is b[0..bn) or starts with it followed by a space */
static int word_prefix(const char *a, size_t an, const char *b, size_t bn)
{
	return bn <= an && !memcmp(a, b, bn) && (bn == an || a[bn] == ' ');
}

/* whether cand (a name written "Last, First" when inverted, else "First
 * Last") has the surname key sur; its given names' key then in *out */
static int same_surname(const char *cand, int inverted, const bs_strbuf *sur, bs_strbuf *out)
{
	const char *comma = inverted ? strchr(cand, ',') : NULL;

	if (comma) {
		bs_name_key(cand, (size_t)(comma - cand), out);
		if (out->len != sur->len || memcmp(out->buf, sur->buf, sur->len))
			return 0;
		bs_name_key(comma + 1, strlen(comma + 1), out);
		return 1;
	}
	/* "given names surname" */
	bs_name_key(cand, strlen(cand), out);
	if (out->len < sur->len + 2 || out->buf[out->len - sur->len - 1] != ' ' ||
	    memcmp(out->buf + out->len - sur->len, sur->buf, sur->len))
		return 0;
	bs_strbuf_setlen(out, out->len - sur->len - 1);
	return 1;
}

int bs_author_near(const char *const *disp, const char *const *inv, size_t ncands, const char *name, size_t n,
		   bs_strbuf *sur, bs_strbuf *given, bs_strbuf *cand)
{
	const char *comma = memchr(name, ',', n);
	int found[2] = {-1, -1}, hits[2] = {0, 0};

	if (!comma)
		return -1;
	bs_name_key(name, (size_t)(comma - name), sur);
	bs_name_key(comma + 1, (size_t)(name + n - comma - 1), given);
	if (!sur->len || !given->len)
		return -1;
	for (size_t i = 0; i < ncands; i++) {
		size_t cl = char_len(given->buf);
		/* "Cherepanova, Irina, V" is clear as written; "Hossein Motlagh,
		 * Naser" for "Motlagh, Naser Hossein" only in the display order */
		if (!(inv && same_surname(inv[i], 1, sur, cand)) && !same_surname(disp[i], 0, sur, cand))
			continue;
		if (!cand->len)
			continue;
		if (word_prefix(cand->buf, cand->len, given->buf, given->len) ||
		    word_prefix(given->buf, given->len, cand->buf, cand->len)) {
			found[0] = (int)i;
			hits[0]++;
		}
		if (cl <= cand->len && !memcmp(cand->buf, given->buf, cl)) {
			found[1] = (int)i;
			hits[1]++;
		}
	}
	if (hits[0] == 1)
		return found[0];
	return !hits[0] && hits[1] == 1 ? found[1] : -1;
}

/* "Name/ID; Name/ID" (ORCID-Numbers, ResearcherID-Numbers); older
 * exports put one "Name/ID" on each line instead, and a value with no ';'
 * is split at its line breaks */
static void author_ids(bf *x, const char *field, const char *scheme)
{
	const char *p, *end;
	char sep;

	if (!dec(x, get(x, field)))
		return;
	sep = memchr(x->dec.buf, ';', x->dec.len) ? ';' : '\n';
	for (p = x->dec.buf, end = p + x->dec.len; p < end;) {
		const char *e = memchr(p, sep, (size_t)(end - p)), *s = p, *slash;
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		p = e ? e + 1 : end;
		trim(&s, &n, "");
		slash = NULL;
		for (size_t i = n; i > 0; i--)
			if (s[i - 1] == '/') {
				slash = s + i - 1;
				break;
			}
		if (!slash) {
			bs_recbuild_id(x->b, BS_REC_AUTHOR_UNPLACED, scheme, s, n);
		} else {
			int who = author_of(x, s, (size_t)(slash - s));
			bs_recbuild_id(x->b, who >= 0 ? who : BS_REC_AUTHOR_UNPLACED, scheme, slash + 1,
				       (size_t)(s + n - slash - 1));
		}
	}
}

/* whether address s[0..n) is already one of the record's, of author
 * (any author when author is -2) */
static int have_affil(bf *x, int author, const char *s, size_t n)
{
	const char *t = bs_recbuild_text(x->b, s, n, 0);

	for (size_t i = 0; i < x->b->naffils; i++)
		if ((author == -2 || x->b->affils[i].author == author) && !strcmp(x->b->affils[i].text, t))
			return 1;
	return 0;
}

/* an address of author, unless the record has it already (Web of Science
 * sometimes writes the address list twice) */
static void add_affil(bf *x, int author, const char *s, size_t n)
{
	if (!have_affil(x, author, s, n))
		bs_recbuild_affil(x->b, author, s, n);
}

/* One Web of Science Affiliation line: "Li, Wei; Chen, Xiaoming, Tsinghua
 * Univ, ..., Peoples R China." (the names, then the address), or an
 * address alone.  The last name is "Last, First" before the address: the
 * text up to the second comma, taken as a name only when it names an
 * author of the byline.  Returns 1 when an address was added. */
static int wos_line(bf *x, const char *s, size_t n)
{
	const char *semi = NULL, *last, *c1, *c2, *end = s + n;
	int who;

	for (const char *q = s; q < end; q++)
		if (*q == ';')
			semi = q;
	last = semi ? semi + 1 : s;
	while (last < end && *last == ' ')
		last++;
	c1 = memchr(last, ',', (size_t)(end - last));
	c2 = c1 ? memchr(c1 + 1, ',', (size_t)(end - c1 - 1)) : NULL;
	who = c2 ? author_of(x, last, (size_t)(c2 - last)) : -1;
	if (who < 0) {   /* no names before the address: the paper's */
		add_affil(x, -1, s, n);
		return 1;
	}
	for (const char *p = s; semi && p < semi;) {
		const char *e = memchr(p, ';', (size_t)(semi + 1 - p)), *nm = p;
		size_t nn = (size_t)(e - p);
		int w;
		trim(&nm, &nn, "");
		if ((w = author_of(x, nm, nn)) >= 0)
			add_affil(x, w, c2 + 1, (size_t)(end - c2 - 1));
		p = e + 1;
	}
	add_affil(x, who, c2 + 1, (size_t)(end - c2 - 1));
	return 1;
}


/* Web of Science's Affiliation: a line per address (a line that does not
 * end with '.' wraps onto the next); the corresponding authors' lines
 * ("(Reprint Author)" in older exports) last, each only when its address
 * is new */
static void wos_affils(bf *x)
{
	static const char *const rp_marks[] = {"(Corresponding Author)", "(Reprint Author)"};
	const char *p, *end;
	bs_strbuf line = BS_STRBUF_INIT, rps = BS_STRBUF_INIT;

	if (!dec(x, get(x, "affiliation")))
		return;
	bs_strbuf_init(&line);
	bs_strbuf_init(&rps);
	for (p = x->dec.buf, end = p + x->dec.len; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *s = p, *mark = NULL;
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		p = e ? e + 1 : end;
		trim(&s, &n, "");
		if (line.len && n)
			bs_strbuf_addc(&line, ' ');
		bs_strbuf_add(&line, s, n);
		if (p < end && n && s[n - 1] != '.')
			continue;
		for (int k = 0; k < 2 && !mark; k++)
			if ((mark = strstr(bs_strbuf_str(&line), rp_marks[k])) != NULL)
				mark += strlen(rp_marks[k]);
		if (mark) {   /* (NUL-separated, for after the loop) */
			s = mark;
			n = (size_t)(line.buf + line.len - s);
			trim(&s, &n, ",");
			bs_strbuf_add(&rps, s, n);
			bs_strbuf_addc(&rps, '\0');
		} else if (line.len) {
			wos_line(x, line.buf, line.len);
		}
		bs_strbuf_reset(&line);
	}
	for (const char *a = rps.buf; a < rps.buf + rps.len; a += strlen(a) + 1)
		if (*a && !have_affil(x, -2, a, strlen(a)))
			bs_recbuild_affil(x->b, -1, a, strlen(a));
	bs_strbuf_release(&line);
	bs_strbuf_release(&rps);
}

/* whether every " and "-separated part of s[0..n) has a comma, as an
 * address does ("Dept of Electrical and Computer Engineering" is one
 * address's part, not two addresses) */
static int and_parts_addresses(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	for (;;) {
		const char *e = bs_find_ci(p, (size_t)(end - p), " and ");
		const char *pe = e ? e : end;
		if (!memchr(p, ',', (size_t)(pe - p)))
			return 0;
		if (!e)
			return 1;
		p = e + 5;
	}
}

/* affiliation / affiliations outside Web of Science: each ';'-separated
 * part is the paper's (Scopus writes "Dept, Univ, City, Country; ...");
 * a value without ';' split at " and " into as many parts as authors,
 * each with a comma, goes to them in order */
static void affils(bf *x, const bs_strbuf *v)
{
	const char *p, *end, *s;
	size_t parts = 1, n;

	if (!dec(x, v))
		return;
	end = x->dec.buf + x->dec.len;
	for (p = x->dec.buf; (p = bs_find_ci(p, (size_t)(end - p), " and ")) != NULL; p += 5)
		parts++;
	if (parts > 1 && parts == x->b->n && !memchr(x->dec.buf, ';', x->dec.len) &&
	    and_parts_addresses(x->dec.buf, x->dec.len)) {
		p = x->dec.buf;
		for (size_t i = 0; i < parts; i++) {
			const char *e = bs_find_ci(p, (size_t)(end - p), " and ");
			s = p;
			n = e ? (size_t)(e - p) : (size_t)(end - p);
			trim(&s, &n, "");
			bs_recbuild_affil(x->b, (int)i, s, n);
			p = e ? e + 5 : end;
		}
		return;
	}
	for (p = x->dec.buf; p < end;) {
		const char *e = memchr(p, ';', (size_t)(end - p));
		s = p;
		n = e ? (size_t)(e - p) : (size_t)(end - p);
		p = e ? e + 1 : end;
		trim(&s, &n, "");
		bs_recbuild_affil(x->b, -1, s, n);
	}
}

/* cited references, one per line (Web of Science) */
static void refs(bf *x, const bs_strbuf *v)
{
	const char *p, *end;

	if (!dec(x, v))
		return;
	for (p = x->dec.buf, end = p + x->dec.len; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *s = p;
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		p = e ? e + 1 : end;
		trim(&s, &n, "");
		bs_recbuild_ref(x->b, s, n);
	}
}

/* A "; "-separated part of Scopus's references that is one author of the
 * next reference: exports since about 2024 separate a reference's authors
 * by "; " too ("Cheng M.; Xue Y.; Cui M., Global, regional, ..., (2025)",
 * or as MEDLINE writes them, "Calin GA; Ferracin M; Cimmino A, ...").
 * Such a part has no comma and ends with initials: a last word of at
 * most 6 capitals, dots and hyphens ("M.", "K.-C.", "GA"). */
static int ref_author(const char *s, size_t n)
{
	size_t i = n, caps = 0;

	if (n < 3 || n > 80 || memchr(s, ',', n))
		return 0;
	for (; i > 0 && s[i - 1] != ' '; i--) {
		char c = s[i - 1];
		if (c >= 'A' && c <= 'Z')
			caps++;
		else if (c != '.' && c != '-')
			return 0;
	}
	return i > 1 && caps && n - i <= 6;
}

void bs_scopus_refs(bs_recbuild *b, const char *refs, size_t n)
{
	const char *p = refs, *end = refs + n, *first = NULL;

	while (p < end) {
		const char *e = bs_find_ci(p, (size_t)(end - p), "; "), *pe = e ? e : end, *piece = p;
		if (!first)
			first = p;
		p = e ? e + 2 : end;
		if (p < end && ref_author(piece, (size_t)(pe - piece)))
			continue;   /* an author of the reference that goes on */
		bs_recbuild_ref(b, first, (size_t)(pe - first));
		first = NULL;
	}
}

/* author keywords, or index terms (indexed 1): ';'-separated when the
 * value has a ';' (Web of Science, Scopus), else ','-separated */
static void keywords(bf *x, int indexed, const bs_strbuf *v)
{
	if (!dec(x, v))
		return;
	bs_recbuild_keywords(x->b, indexed, x->dec.buf, x->dec.len,
			     memchr(x->dec.buf, ';', x->dec.len) ? ';' : ',');
}

/* the decoded value of field name, one line, in the arena ("" when absent) */
static const char *text(bf *x, const char *name)
{
	return dec(x, get(x, name)) ? bs_recbuild_text(x->b, x->dec.buf, x->dec.len, 0) : "";
}

/* Times-Cited (and DA, the export date), or a note's "Cited by: N" */
static void cited(bf *x, bs_record *rec)
{
	const char *t = text(x, "times-cited"), *da;
	char date[32];

	if ((rec->cited = bs_recbuild_count(t, strlen(t))) >= 0) {
		rec->cited_source = "wos";
		da = text(x, "da");
		if (strlen(da) == 10 && da[4] == '-' && da[7] == '-')
			rec->cited_as_of = da;
		return;
	}
	if (!dec(x, get(x, "note")))
		return;
	if ((rec->cited = bs_note_count(x->dec.buf, x->dec.len, "Cited by")) >= 0) {
		rec->cited_source = x->scopus ? "scopus" : "";
		if (bs_note_export_date(x->dec.buf, x->dec.len, date))
			rec->cited_as_of = bs_arena_strdup(&x->b->r->arena, date);
	}
}

/* Unique-ID, the EID in a Scopus link and arXiv e-prints: the paper's ids */
static void paper_ids(bf *x)
{
	const char *t = text(x, "unique-id"), *kind;

	if (!strncmp(t, "WOS:", 4) && t[4]) {
		bs_recbuild_id(x->b, -1, BS_ID_WOS, t, strlen(t));
	} else if (!strncmp(t, "ISI:", 4) && t[4]) {
		/* older exports: the same UT under its former prefix */
		char *u = bs_arena_strdup(&x->b->r->arena, t);
		memcpy(u, "WOS:", 4);
		bs_recbuild_id(x->b, -1, BS_ID_WOS, u, strlen(u));
	}
	/* Scopus links carry the EID: ".../record.uri?eid=2-s2.0-85...&..." */
	if ((t = strstr(text(x, "url"), "eid=2-s2.0-")) != NULL) {
		t += 4;
		bs_recbuild_id(x->b, -1, BS_ID_EID, t, strcspn(t, "&#"));
	}
	kind = text(x, "archiveprefix");
	if (!*kind)
		kind = text(x, "eprinttype");
	if (!strcasecmp(kind, "arxiv") && *(t = text(x, "eprint"))) {
		if (!strncasecmp(t, "arXiv:", 6))
			t += 6;
		bs_recbuild_id(x->b, -1, BS_ID_ARXIV, t, strlen(t));
	}
}

void bs_bibfields_build(bs_recbuild *b, const char *etype, const bs_bibfield *f, int nf)
{
	bf x = {b, f, nf, BS_STRBUF_INIT, BS_STRBUF_INIT, BS_STRBUF_INIT, BS_STRBUF_INIT, 0};
	bs_record *rec = b->rec;
	const bs_strbuf *v;
	int wos;

	bs_strbuf_init(&x.dec);
	bs_strbuf_init(&x.k1);
	bs_strbuf_init(&x.k2);
	bs_strbuf_init(&x.tmp);
	/* Web of Science's own fields, or its Affiliation's reprint line */
	wos = get(&x, "times-cited") || get(&x, "unique-id") || get(&x, "keywords-plus") ||
	      get(&x, "web-of-science-categories") || get(&x, "orcid-numbers") || get(&x, "researcherid-numbers") ||
	      strstr(text(&x, "affiliation"), "(Corresponding Author)") ||
	      strstr(text(&x, "affiliation"), "(Reprint Author)");
	x.scopus = get(&x, "author_keywords") || bs_find_ci(text(&x, "source"), strlen(text(&x, "source")), "scopus") ||
		   strstr(text(&x, "url"), "scopus.com");
	rec->doc_type = text(&x, "type");
	if (!*rec->doc_type)
		rec->doc_type = text(&x, "document_type");
	if (!*rec->doc_type)
		rec->doc_type = bs_arena_strdup(&b->r->arena, etype);
	rec->language = text(&x, "language");
	if (!*rec->pages && !*(rec->pages = text(&x, "article-number")))
		rec->pages = text(&x, "art_number");
	cited(&x, rec);
	keywords(&x, 0, get(&x, "author_keywords"));
	keywords(&x, x.scopus, get(&x, "keywords"));
	keywords(&x, 1, get(&x, "keywords-plus"));
	refs(&x, get(&x, "cited-references"));
	if (dec(&x, get(&x, "references")))   /* as the Scopus CSV splits them */
		bs_scopus_refs(b, x.dec.buf, x.dec.len);
	paper_ids(&x);
	author_ids(&x, "orcid-numbers", BS_ID_ORCID);
	author_ids(&x, "researcherid-numbers", BS_ID_RESEARCHERID);
	if (wos)
		wos_affils(&x);
	else if ((v = get(&x, "affiliation")) || (v = get(&x, "affiliations")))
		affils(&x, v);
	bs_strbuf_release(&x.dec);
	bs_strbuf_release(&x.k1);
	bs_strbuf_release(&x.k2);
	bs_strbuf_release(&x.tmp);
}
