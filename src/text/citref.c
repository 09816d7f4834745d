/* citref.c - see citref.h.
 *
 * A reference is cut into comma-separated parts (commas inside brackets
 * and parentheses do not cut: "DOI [10.1/a, 10.1/b]", "12 (3)").  Web of
 * Science writes "author, year, source, Vnn, Pnn, DOI x" (any of them may
 * be missing); Scopus puts the year in parentheses, either at the end
 * ("authors, title, source, vol, issue, pp. a-b, (year)") or between the
 * title and the source ("authors, title (year) source, vol, pp. a-b.").
 * A bare DOI (or doi.org URL) is the whole reference; so is an OpenAlex
 * work id ("https://openalex.org/W2"), which gives no field but the key
 * "openalex:w2", the key bs_citref_id_key gives a paper holding that id.
 * Whatever does not fit is left empty rather than guessed: a wrong volume
 * or page would make a false local citation, an empty one only a missed
 * one.
 */
#include "text/citref.h"
#include "base/error.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct span {
	const char *p;
	size_t n;
} span;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static span trim(const char *p, size_t n)
{
	span r;

	while (n && is_space(*p))
		p++, n--;
	while (n && is_space(p[n - 1]))
		n--;
	r.p = p;
	r.n = n;
	return r;
}

/* s with trailing characters of chars removed too */
static span rtrim_chars(span s, const char *chars)
{
	while (s.n && (is_space(s.p[s.n - 1]) || strchr(chars, s.p[s.n - 1])))
		s.n--;
	return trim(s.p, s.n);
}

static int starts(span s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.n >= n && !strncasecmp(s.p, prefix, n);
}

static int has_digit(span s)
{
	for (size_t i = 0; i < s.n; i++)
		if (isdigit((unsigned char)s.p[i]))
			return 1;
	return 0;
}

static int has_space(span s)
{
	for (size_t i = 0; i < s.n; i++)
		if (is_space(s.p[i]))
			return 1;
	return 0;
}

/* a plausible publication year: four digits, 1400-2199 */
static int year_of(span s)
{
	int y = 0;

	if (s.n != 4)
		return 0;
	for (size_t i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)s.p[i]))
			return 0;
		y = y * 10 + (s.p[i] - '0');
	}
	return y >= 1400 && y < 2200 ? y : 0;
}

/* Cut s[0..n) at the commas outside brackets into a fresh array (free()),
 * each part trimmed; *count parts (>= 1). */
static span *split_parts(const char *s, size_t n, size_t *count)
{
	size_t k = 1, i, start = 0;
	int depth = 0;
	span *v;

	for (i = 0; i < n; i++)
		k += s[i] == ',';
	v = bs_xmalloc(k * sizeof *v);
	k = 0;
	for (i = 0; i <= n; i++) {
		char c = i < n ? s[i] : ',';
		if (c == '[' || c == '(')
			depth++;
		else if ((c == ']' || c == ')') && depth > 0)
			depth--;
		if (c == ',' && (depth == 0 || i == n)) {
			v[k++] = trim(s + start, i - start);
			start = i + 1;
		}
	}
	*count = k;
	return v;
}

static void set(bs_strbuf *out, span s)
{
	bs_strbuf_reset(out);
	bs_strbuf_add(out, s.p, s.n);
}

/* A DOI after "DOI", "doi:", "doi.org/" (or at s itself when bare): from
 * "10." to the first space, comma, square bracket or semicolon followed by
 * a space or the end (old Wiley SICI DOIs hold one: "...3.0.CO;2-G"),
 * trailing dots dropped, lower-cased. */
static int doi_at(const char *p, const char *end, bs_strbuf *out)
{
	const char *q = p;

	if (end - p < 4 || strncmp(p, "10.", 3) || !isdigit((unsigned char)p[3]))
		return 0;
	while (q < end && !is_space(*q) && *q != ',' && *q != ']' && *q != '[' &&
	       !(*q == ';' && (q + 1 == end || is_space(q[1]))))
		q++;
	while (q > p && (q[-1] == '.' || q[-1] == ')'))
		q--;
	if (!memchr(p, '/', (size_t)(q - p)))
		return 0;
	bs_strbuf_reset(out);
	for (; p < q; p++)
		bs_strbuf_addc(out, (char)tolower((unsigned char)*p));
	return 1;
}

static void find_doi(const char *s, size_t n, bs_strbuf *out)
{
	const char *end = s + n;

	for (const char *p = s; p + 3 < end; p++) {
		const char *q;
		if (strncasecmp(p, "doi", 3) || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		q = p + 3;
		if (q < end && *q == '.' && end - q > 4 && !strncasecmp(q, ".org/", 5))
			q += 5;
		while (q < end && (*q == ':' || *q == '[' || is_space(*q)))
			q++;
		if (doi_at(q, end, out))
			return;
	}
}

/* A token of initials: "Y", "PJ", "J.", "R.R.A.", "J.-P." */
static int initials_token(span t)
{
	int upper = 0;

	if (!t.n || t.n > 8)
		return 0;
	for (size_t i = 0; i < t.n; i++) {
		unsigned char c = (unsigned char)t.p[i];
		if (isupper(c))
			upper++;
		else if (c != '.' && c != '-')
			return 0;
	}
	return upper > 0;
}

/* Whether s reads as "Surname I." (its last word is initials, and there is
 * a word before it). */
static int author_like(span s)
{
	size_t i = s.n;

	if (!s.n || s.n > 80)
		return 0;
	while (i && !is_space(s.p[i - 1]))
		i--;
	return i > 0 && initials_token((span){s.p + i, s.n - i});
}

/* The first page of "pp. 100-110", "p. 283", "P1234", "E128-E139" */
static span first_page(span s)
{
	size_t i = 0;

	while (i < s.n && s.p[i] != '-' && !is_space(s.p[i]))
		i++;
	return trim(s.p, i);
}

static span after(span s, size_t k)
{
	return trim(s.p + k, s.n - k);
}

/* Web of Science: parts v[0..n) read as author, year, source, V, P, DOI. */
static int parse_wos(span *v, size_t n, bs_citref *c)
{
	size_t i = 0;

	if (n >= 2 && year_of(v[1])) {
		if (!(v[0].n && v[0].p[0] == '['))   /* [Anonymous] */
			set(&c->first_author, v[0]);
		c->year = year_of(v[1]);
		i = 2;
	} else if (year_of(v[0])) {
		c->year = year_of(v[0]);
		i = 1;
	} else {
		return 0;
	}
	for (size_t first = i; i < n; i++) {
		span p = v[i];
		int bare = p.n > 1 && !has_space(p) && (i > first || has_digit(p));
		if (starts(p, "DOI"))
			continue;   /* find_doi reads it */
		if (bare && p.p[0] == 'V')
			set(&c->volume, after(p, 1));
		else if (bare && p.p[0] == 'P')
			set(&c->page, first_page(after(p, 1)));
		else if (starts(p, "ARTN ") && !c->page.len)
			set(&c->page, after(p, 5));
		else if (i == first)
			set(&c->source, p);
	}
	return 1;
}

/* Scopus, the source's side: "Journal, 12, 3, pp. 100-110" (parts v[from..n)),
 * source first, then volume, issue and pages. */
static void scopus_tail(span *v, size_t from, size_t n, bs_citref *c)
{
	int numbers = 0;

	for (size_t i = from; i < n; i++) {
		/* the reference's closing dot, not an abbreviation's */
		span p = i + 1 == n ? rtrim_chars(v[i], ".;") : v[i];
		if (starts(p, "pp.") || starts(p, "p.")) {
			if (!c->page.len)
				set(&c->page, first_page(after(p, p.p[1] == 'p' ? 3 : 2)));
		} else if (i == from) {
			set(&c->source, p);
		} else if (p.n && isdigit((unsigned char)p.p[0]) && !c->page.len && i <= from + 2 && !numbers++) {
			/* the volume comes right after the source, before the pages
			 * (later numbers are dates and places) */
			size_t k = 0;
			while (k < p.n && !is_space(p.p[k]) && p.p[k] != '(')
				k++;
			set(&c->volume, trim(p.p, k));
		}
	}
}

/* Index of the part of v[0..n) holding the source in the "(year) at the
 * end" form: the last part before the numbers and pages. */
static size_t scopus_source_index(span *v, size_t n)
{
	size_t i = n;

	while (i > 0) {
		span p = v[i - 1];
		if (starts(p, "pp.") || starts(p, "p.") || (p.n && p.n <= 12 && isdigit((unsigned char)p.p[0])))
			i--;
		else
			break;
	}
	return i ? i - 1 : 0;
}

static void scopus_author(span first, span second, bs_citref *c)
{
	const char *semi = memchr(first.p, ';', first.n);

	if (semi)
		first = trim(first.p, (size_t)(semi - first.p));
	if (author_like(first)) {
		set(&c->first_author, first);
	} else if (second.n && initials_token(second) && first.n && first.n <= 60 && !has_digit(first)) {
		/* "Smith, J., Doe, A., Title": surname and initials are two parts */
		set(&c->first_author, first);
		bs_strbuf_adds(&c->first_author, ", ");
		bs_strbuf_add(&c->first_author, second.p, second.n);
	}
}

/* Scopus: the year in parentheses, at the end or before the source. */
static int parse_scopus(const char *s, size_t n, bs_citref *c)
{
	const char *yp = NULL;
	span *v, rest;
	size_t k;

	for (size_t i = 0; i + 6 <= n; i++)
		if (s[i] == '(' && s[i + 5] == ')' && year_of((span){s + i + 1, 4}))
			yp = s + i;
	if (!yp)
		return 0;
	c->year = year_of((span){yp + 1, 4});
	rest = rtrim_chars(trim(yp + 6, (size_t)(s + n - yp - 6)), ".,;");
	if (!rest.n) {
		/* authors, title, source, volume, issue, pp. a-b, (year) */
		span head = rtrim_chars(trim(s, (size_t)(yp - s)), ",");
		size_t src;
		v = split_parts(head.p, head.n, &k);
		src = scopus_source_index(v, k);
		if (src >= 1)
			scopus_author(v[0], k > 1 ? v[1] : (span){"", 0}, c);
		if (src >= 1 || k > 1)
			scopus_tail(v, src, k, c);
	} else {
		/* authors, title (year) source, volume, pp. a-b. */
		span head = trim(s, (size_t)(yp - s));
		v = split_parts(head.p, head.n, &k);
		if (k >= 2)
			scopus_author(v[0], v[1], c);
		free(v);
		v = split_parts(rest.p, rest.n, &k);
		scopus_tail(v, 0, k, c);
	}
	free(v);
	return 1;
}

/* The first character of s, whole (UTF-8) */
static span first_char(span s)
{
	size_t n = 1;

	if (!s.n)
		return s;
	while (n < s.n && ((unsigned char)s.p[n] & 0xC0) == 0x80)
		n++;
	s.n = n;
	return s;
}

/* Surname and first initial of a reference's author as written: "Zhang Y",
 * "ALLEN PJ", "Smith J.", "Smith, J.", "von Einem VC". */
static void ref_name(span a, span *surname, span *initial)
{
	const char *comma = memchr(a.p, ',', a.n);
	size_t i = a.n;

	*initial = (span){"", 0};
	if (comma) {
		*surname = trim(a.p, (size_t)(comma - a.p));
		*initial = trim(comma + 1, (size_t)(a.p + a.n - comma - 1));
	} else {
		while (i && !is_space(a.p[i - 1]))
			i--;
		if (i && initials_token((span){a.p + i, a.n - i})) {
			*surname = trim(a.p, i);
			*initial = (span){a.p + i, a.n - i};
		} else {
			*surname = a;
		}
	}
	*initial = first_char(*initial);
}

/* The volume and the page each sit behind a fixed marker ("v", "p") so
 * an empty one cannot be mistaken for the other: "smith j 2020 v12 p" (a
 * volume, no page) and "smith j 2020 v p12" (a page, no volume) are not
 * one key. */
static void make_key(span surname, span initial, int year, span volume, span page, bs_strbuf *out)
{
	bs_strbuf raw = BS_STRBUF_INIT, part = BS_STRBUF_INIT;

	bs_strbuf_reset(out);
	if (!surname.n || !year || (!volume.n && !page.n))
		goto cleanup;
	bs_strbuf_add(&raw, surname.p, surname.n);
	bs_strbuf_addc(&raw, ' ');
	bs_strbuf_add(&raw, initial.p, initial.n);
	bs_strbuf_addf(&raw, " %d", year);
	bs_text_key(raw.buf, raw.len, out);
	bs_text_key(volume.p, volume.n, &part);
	bs_strbuf_adds(out, " v");
	bs_strbuf_add(out, part.buf, part.len);
	bs_text_key(page.p, page.n, &part);
	bs_strbuf_adds(out, " p");
	bs_strbuf_add(out, part.buf, part.len);
cleanup:
	bs_strbuf_release(&raw);
	bs_strbuf_release(&part);
}

/* "openalex:w<digits>" into key when s is an OpenAlex work URL or id
 * ("https://openalex.org/W2", "openalex.org/w2", "W2"); 0 (key untouched)
 * otherwise. */
static int openalex_key(span s, bs_strbuf *key)
{
	static const char *const prefixes[] = {"https://openalex.org/", "http://openalex.org/",
					       "openalex.org/", ""};
	span id = s;

	for (size_t i = 0; prefixes[i]; i++)
		if (starts(s, prefixes[i])) {
			id = after(s, strlen(prefixes[i]));
			break;
		}
	if (id.n < 2 || (id.p[0] != 'W' && id.p[0] != 'w'))
		return 0;
	for (size_t i = 1; i < id.n; i++)
		if (!isdigit((unsigned char)id.p[i]))
			return 0;
	bs_strbuf_reset(key);
	bs_strbuf_adds(key, "openalex:w");
	bs_strbuf_add(key, id.p + 1, id.n - 1);
	return 1;
}

static span sb_span(const bs_strbuf *b)
{
	return (span){bs_strbuf_str(b), b->len};
}

void bs_citref_init(bs_citref *c)
{
	bs_strbuf_init(&c->first_author);
	bs_strbuf_init(&c->source);
	bs_strbuf_init(&c->volume);
	bs_strbuf_init(&c->page);
	bs_strbuf_init(&c->doi);
	bs_strbuf_init(&c->key);
	c->year = 0;
}

void bs_citref_release(bs_citref *c)
{
	bs_strbuf_release(&c->first_author);
	bs_strbuf_release(&c->source);
	bs_strbuf_release(&c->volume);
	bs_strbuf_release(&c->page);
	bs_strbuf_release(&c->doi);
	bs_strbuf_release(&c->key);
	c->year = 0;
}

void bs_citref_parse(const char *s, bs_citref *c)
{
	span t = trim(s, strlen(s)), sur, ini;

	bs_strbuf_reset(&c->first_author);
	bs_strbuf_reset(&c->source);
	bs_strbuf_reset(&c->volume);
	bs_strbuf_reset(&c->page);
	bs_strbuf_reset(&c->doi);
	bs_strbuf_reset(&c->key);
	c->year = 0;
	if (!t.n || openalex_key(t, &c->key))
		return;
	/* a bare DOI or DOI URL is the whole reference */
	if (!doi_at(t.p, t.p + t.n, &c->doi) &&
	    !(starts(t, "https://doi.org/") && doi_at(t.p + 16, t.p + t.n, &c->doi)) &&
	    !(starts(t, "http://dx.doi.org/") && doi_at(t.p + 18, t.p + t.n, &c->doi))) {
		size_t k;
		span *v = split_parts(t.p, t.n, &k);
		if (!parse_wos(v, k, c))
			parse_scopus(t.p, t.n, c);
		free(v);
		find_doi(t.p, t.n, &c->doi);
	}
	if (c->doi.len) {
		bs_strbuf_adds(&c->key, "doi:");
		bs_strbuf_add(&c->key, c->doi.buf, c->doi.len);
		return;
	}
	ref_name(sb_span(&c->first_author), &sur, &ini);
	make_key(sur, ini, c->year, sb_span(&c->volume), sb_span(&c->page), &c->key);
}

/* Lower-case name particles that belong to the surname ("von Einem"). */
static int particle(span w)
{
	static const char *const parts[] = {"van", "von", "de", "der", "den", "da", "di", "du", "del",
					    "della", "des", "dos", "das", "la", "le", "ten", "ter", NULL};
	for (size_t i = 0; parts[i]; i++)
		if (w.n == strlen(parts[i]) && !strncmp(w.p, parts[i], w.n))
			return 1;
	return 0;
}

void bs_citref_paper_key(const char *first_author, int year, const char *volume, const char *pages,
			 const char *doi, bs_strbuf *out)
{
	span a, sur, ini = {"", 0}, pg;
	const char *comma;
	size_t i;

	bs_strbuf_reset(out);
	if (doi && *doi) {
		bs_strbuf_adds(out, "doi:");
		bs_strbuf_adds(out, doi);
		return;
	}
	a = trim(first_author ? first_author : "", first_author ? strlen(first_author) : 0);
	comma = memchr(a.p, ',', a.n);
	if (comma) {   /* "Zhang, Yu" */
		sur = trim(a.p, (size_t)(comma - a.p));
		ini = trim(comma + 1, (size_t)(a.p + a.n - comma - 1));
	} else {       /* "Yu Zhang", "Vicky Chantal von Einem" */
		i = a.n;
		while (i && !is_space(a.p[i - 1]))
			i--;
		sur = (span){a.p + i, a.n - i};
		while (i) {
			size_t j = i - 1, w;
			while (j && is_space(a.p[j - 1]))
				j--;
			w = j;
			while (w && !is_space(a.p[w - 1]))
				w--;
			if (j == 0 || !particle((span){a.p + w, j - w}))
				break;
			sur = (span){a.p + w, (size_t)(a.p + a.n - (a.p + w))};
			i = w;
		}
		ini = trim(a.p, i);
	}
	ini = first_char(ini);
	pg = first_page(trim(pages ? pages : "", pages ? strlen(pages) : 0));
	make_key(sur, ini, year, trim(volume ? volume : "", volume ? strlen(volume) : 0), pg, out);
}

void bs_citref_id_key(const char *scheme, const char *value, bs_strbuf *out)
{
	span v = trim(value ? value : "", value ? strlen(value) : 0);

	bs_strbuf_reset(out);
	if (scheme && !strcmp(scheme, "openalex"))
		openalex_key(v, out);
}
