#include "base/utf8.h"
#include "base/error.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char REPL[] = "\xEF\xBF\xBD";

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		if (n >= 2 && (s[1] & 0xC0) == 0x80)
			return 2;
		return 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0;          /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0;          /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/* Length of the prefix of s[0..n) that bs_utf8_repair copies unchanged. */
static size_t clean_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k;

		if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (c < 0x80 || !(k = seq_len(s + i, n - i)))
			break;
		i += k;
	}
	return i;
}

int bs_utf8_needs_repair(const char *in, size_t n)
{
	return clean_prefix((const unsigned char *)in, n) < n;
}

size_t bs_utf8_repair(const char *in, size_t n, bs_strbuf *out)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = clean_prefix(s, n), start = 0, fixes = 0;

	bs_strbuf_grow(out, n);
	while (i < n) {
		unsigned char c = s[i];
		size_t k;

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (c >= 0x80) {
			k = seq_len(s + i, n - i);
			if (k) {
				i += k;
				continue;
			}
		}
		bs_strbuf_add(out, in + start, i - start);
		if (c == 0 || c >= 0x80) {
			bs_strbuf_add(out, REPL, 3);
			fixes++;
			i++;
			/* swallow continuation bytes of the same broken sequence */
			while (c >= 0x80 && i < n && (s[i] & 0xC0) == 0x80 && !seq_len(s + i, n - i))
				i++;
		} else {
			bs_strbuf_addc(out, ' '); /* other control characters, DEL */
			i++;
		}
		start = i;
	}
	bs_strbuf_add(out, in + start, i - start);
	return fixes;
}

int bs_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t k;
		if (p[i] == 0)
			return 0;
		k = seq_len(p + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* Whether s[0..n) (n < the sequence's length) is the start of a valid
 * UTF-8 sequence that more bytes could complete. */
static int could_complete(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

	if (c < 0xC2 || c > 0xF4 || n >= need)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (n >= 2 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
		       (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90)))
		return 0;
	return 1;
}

size_t bs_utf8_check(const char *in, size_t n, int final, int *multibyte, int *partial)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0;

	*partial = 0;
	while (i < n) {
		size_t k;

		/* eight ASCII bytes without NUL at a time: most text is ASCII */
		while (n - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) ||
			    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i == n)
			break;
		if (s[i] && s[i] < 0x80) {
			i++;
			continue;
		}
		if (!s[i])
			return i;
		k = seq_len(s + i, n - i);
		if (!k) {
			if (!final && could_complete(s + i, n - i))
				*partial = 1;
			return i;
		}
		*multibyte = 1;
		i += k;
	}
	return n;
}

/* Windows-1252 for bytes 0x80..0x9F (0: the code page leaves it undefined);
 * 0xA0..0xFF are the same code points as in Latin-1. */
static const uint16_t cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

void bs_utf8_fix(const char *in, size_t n, int cp1252, bs_strbuf *out,
		 size_t *replaced, size_t *decoded)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, start = 0;

	bs_strbuf_grow(out, n + 16);
	while (i < n) {
		unsigned char c = s[i];
		size_t k;

		if (c && c < 0x80) {
			i++;
			continue;
		}
		if (c && (k = seq_len(s + i, n - i))) {
			i += k;
			continue;
		}
		bs_strbuf_add(out, in + start, i - start);
		i++;
		if (c && cp1252 && (c >= 0xA0 || cp1252_c1[c - 0x80])) {
			bs_utf8_add_cp(out, c >= 0xA0 ? c : cp1252_c1[c - 0x80]);
			(*decoded)++;
		} else {
			bs_strbuf_add(out, REPL, 3);
			(*replaced)++;
			/* as bs_utf8_repair: one U+FFFD per broken sequence */
			while (c && !cp1252 && i < n && (s[i] & 0xC0) == 0x80 && !seq_len(s + i, n - i))
				i++;
		}
		start = i;
	}
	bs_strbuf_add(out, in + start, i - start);
}

/* HTML and MathML element names whose tags are dropped (inner text kept). */
static const char *const known_tags[] = {
	"a", "abbr", "b", "big", "br", "cite", "code", "div", "em", "font",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "inf", "jats",
	"li", "maligngroup", "malignmark", "math", "mfenced", "mfrac", "mi",
	"mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mroot",
	"mrow", "ms", "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup",
	"mtable", "mtd", "mtext", "mtr", "munder", "munderover", "ol", "p",
	"pre", "s", "semantics", "annotation", "small", "span", "strike",
	"strong", "sub", "sup", "tex", "tt", "u", "ul", "scp", "sc", "italic",
	"bold", "title", "abstract", "section", "list", "label", "para",
	"inline-formula", "tex-math", "xref", "ext-link", "none",
	NULL
};

static int is_known_tag(const char *name, size_t n)
{
	const char *colon = memchr(name, ':', n);

	if (colon) {            /* mml:mi -> mi */
		n -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
	for (size_t i = 0; known_tags[i]; i++)
		if (strlen(known_tags[i]) == n && strncasecmp(known_tags[i], name, n) == 0)
			return 1;
	return 0;
}

/* If s[0..n) starts with a tag of a known element, return its length. */
static size_t tag_len(const char *s, size_t n)
{
	size_t i = 1, name_start, name_end;

	if (n < 3 || s[0] != '<')
		return 0;
	if (s[i] == '/')
		i++;
	name_start = i;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == ':' || s[i] == '-'))
		i++;
	name_end = i;
	if (name_end == name_start || !isalpha((unsigned char)s[name_start]))
		return 0;
	if (!is_known_tag(s + name_start, name_end - name_start))
		return 0;
	if (i < n && s[i] == '>')
		return i + 1;
	if (i + 1 < n && s[i] == '/' && s[i + 1] == '>')
		return i + 2;
	if (i >= n || !isspace((unsigned char)s[i]))
		return 0;
	/* attributes: up to '>' outside quotes, bounded */
	{
		char q = 0;
		for (; i < n && i < 4096; i++) {
			char c = s[i];
			if (q) {
				if (c == q)
					q = 0;
			} else if (c == '"' || c == '\'') {
				q = c;
			} else if (c == '>') {
				return i + 1;
			} else if (c == '<') {
				return 0;
			}
		}
	}
	return 0;
}

static const struct { const char *name; const char *utf8; } entities[] = {
	{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
	{"nbsp", " "}, {"ndash", "\xE2\x80\x93"}, {"mdash", "\xE2\x80\x94"},
	{"hellip", "\xE2\x80\xA6"}, {"rsquo", "\xE2\x80\x99"}, {"lsquo", "\xE2\x80\x98"},
	{"ldquo", "\xE2\x80\x9C"}, {"rdquo", "\xE2\x80\x9D"}, {"times", "\xC3\x97"},
	{NULL, NULL}
};

/* Decode an entity at s ("&...;"); append its text, return its length or 0. */
static size_t entity(const char *s, size_t n, bs_strbuf *out)
{
	size_t i = 1;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		long cp = 0;
		int hex = (n > 2 && (s[2] == 'x' || s[2] == 'X'));
		i = hex ? 3 : 2;
		size_t d0 = i;
		while (i < n && i < d0 + 7 && (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
			int v = isdigit((unsigned char)s[i]) ? s[i] - '0' : (tolower((unsigned char)s[i]) - 'a' + 10);
			cp = cp * (hex ? 16 : 10) + v;
			i++;
		}
		if (i == d0 || i >= n || s[i] != ';')
			return 0;
		if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 0xFFFD;
		if (cp < 0x20 && cp != '\t' && cp != '\n')
			cp = ' ';
		bs_utf8_add_cp(out, (int32_t)cp);
		return i + 1;
	}
	while (i < n && i < 12 && isalnum((unsigned char)s[i]))
		i++;
	if (i >= n || s[i] != ';')
		return 0;
	for (size_t e = 0; entities[e].name; e++) {
		if (strlen(entities[e].name) == i - 1 && memcmp(entities[e].name, s + 1, i - 1) == 0) {
			bs_strbuf_adds(out, entities[e].utf8);
			return i + 1;
		}
	}
	return 0;
}

/* Whether s[0..n) is all ASCII. */
static int ascii_only(const char *s, size_t n)
{
	unsigned char any = 0;

	for (size_t i = 0; i < n; i++)
		any |= (unsigned char)s[i];
	return !(any & 0x80);
}

/* Run utf8proc_map over s[0..n) and append the result to out. */
static void map_append(const char *s, size_t n, int options, bs_strbuf *out)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t r;
	size_t i;

	if (!n)
		return;
	/* ASCII is its own NFC/NFKC; case folding is then plain lower-casing */
	if (ascii_only(s, n)) {
		if (options & UTF8PROC_CASEFOLD) {
			bs_strbuf_grow(out, n);
			for (i = 0; i < n; i++) {
				char c = s[i];
				out->buf[out->len + i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
			}
			out->len += n;
			out->buf[out->len] = '\0';
		} else {
			bs_strbuf_add(out, s, n);
		}
		return;
	}
	r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
			 (utf8proc_option_t)options);
	if (r < 0) {
		/* only on invalid input or OOM: keep the text as it is */
		bs_strbuf_add(out, s, n);
		return;
	}
	bs_strbuf_add(out, dst, (size_t)r);
	free(dst);
}

/* NFC of valid UTF-8 s[0..n), appended to out.  ASCII characters are
 * starters that never combine with what precedes them, so the text can be
 * normalised piecewise: ASCII runs are copied, and utf8proc sees only each
 * non-ASCII run together with the one character before it (which a
 * combining mark may attach to).  Same result as normalising the whole
 * string, in a fraction of the time for mostly-ASCII abstracts. */
static void nfc_append(const char *s, size_t n, bs_strbuf *out)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i, k;

		while (j < n && (unsigned char)s[j] < 0x80)
			j++;
		if (j == n) {
			bs_strbuf_add(out, s + i, n - i);
			return;
		}
		/* s[j] starts a non-ASCII run; keep its preceding character with it */
		if (j > i) {
			bs_strbuf_add(out, s + i, j - 1 - i);
			j--;
		}
		k = j + 1;
		while (k < n && (unsigned char)s[k] >= 0x80)
			k++;
		map_append(s + j, k - j, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
		i = k;
	}
}

void bs_text_clean(const char *in, size_t n, int flags, bs_strbuf *out)
{
	size_t i = 0;
	int pending_space = 0, pending_nl = 0, ascii = 1;

	/* built straight in out; only text with non-ASCII bytes takes a
	 * second buffer, for NFC */
	bs_strbuf_reset(out);
	bs_strbuf_grow(out, n);
	while (i < n) {
		char c = in[i];
		size_t k;

		if (c == '<' && (flags & BS_TEXT_STRIP_TAGS) && (k = tag_len(in + i, n - i))) {
			i += k;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n') {
			if (c == '\n' && !(flags & BS_TEXT_ONE_LINE))
				pending_nl = 1;
			else
				pending_space = 1;
			i++;
			continue;
		}
		if (out->len) {
			if (pending_nl)
				bs_strbuf_addc(out, '\n');
			else if (pending_space)
				bs_strbuf_addc(out, ' ');
		}
		pending_space = pending_nl = 0;
		if (c == '&' && (flags & BS_TEXT_ENTITIES)) {
			size_t before = out->len;
			k = entity(in + i, n - i, out);
			if (k) {
				/* a decoded nbsp is a space: fold it */
				if (out->len == before + 1 && out->buf[before] == ' ') {
					bs_strbuf_setlen(out, before);
					pending_space = 1;
				} else if (out->len > before && (unsigned char)out->buf[before] >= 0x80) {
					ascii = 0;
				}
				i += k;
				continue;
			}
		}
		{
			/* copy the run up to the next space or special character */
			size_t j = i;
			unsigned char any = 0;
			while (j < n) {
				char d = in[j];
				if (j > i && (d == ' ' || d == '\t' || d == '\r' || d == '\f' || d == '\v' ||
					      d == '\n' || d == '<' || d == '&'))
					break;
				any |= (unsigned char)d;
				j++;
			}
			if (any & 0x80)
				ascii = 0;
			bs_strbuf_add(out, in + i, j - i);
			i = j;
		}
	}
	if (!ascii) {
		bs_strbuf tmp = BS_STRBUF_INIT;
		bs_strbuf_init(&tmp);
		nfc_append(out->buf, out->len, &tmp);
		bs_strbuf_swap(out, &tmp);
		bs_strbuf_release(&tmp);
	}
}

void bs_text_nfkc(const char *in, size_t n, bs_strbuf *out)
{
	bs_strbuf tmp = BS_STRBUF_INIT;

	bs_strbuf_init(&tmp);
	map_append(in, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT, &tmp);
	bs_text_clean(tmp.buf, tmp.len, BS_TEXT_ONE_LINE, out);
	bs_strbuf_release(&tmp);
}

/* Letters that case folding and mark stripping leave alone. */
static const char *translit(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x0142: return "l";   /* ł */
	case 0x00F8: return "o";   /* ø */
	case 0x00E6: return "ae";  /* æ */
	case 0x0111: return "d";   /* đ */
	case 0x00F0: return "d";   /* ð */
	case 0x00FE: return "th";  /* þ */
	case 0x0153: return "oe";  /* œ */
	case 0x0131: return "i";   /* ı */
	case 0x00DF: return "ss";  /* ß (if not folded) */
	case 0x0127: return "h";   /* ħ */
	}
	return NULL;
}

void bs_text_key(const char *in, size_t n, bs_strbuf *out)
{
	bs_strbuf tmp = BS_STRBUF_INIT;
	const utf8proc_uint8_t *p;
	utf8proc_ssize_t left;
	int space = 0;

	bs_strbuf_reset(out);
	if (ascii_only(in, n)) {
		/* the loop below on ASCII: letters (lower-cased) and digits
		 * kept, every other character a word separator */
		bs_strbuf_grow(out, n);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)in[i];
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (space && out->len)
					out->buf[out->len++] = ' ';
				space = 0;
				out->buf[out->len++] = (char)c;
			} else {
				space = 1;
			}
		}
		out->buf[out->len] = '\0';
		return;
	}
	bs_strbuf_init(&tmp);
	map_append(in, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
		   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE, &tmp);
	p = (const utf8proc_uint8_t *)tmp.buf;
	left = (utf8proc_ssize_t)tmp.len;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		const char *t;
		utf8proc_category_t cat;

		if (*p < 0x80) {
			/* ASCII: letters and digits are kept, everything else
			 * (punctuation, symbols, controls) separates words, as
			 * its Unicode category says */
			unsigned char c = *p;
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
				if (space && out->len)
					bs_strbuf_addc(out, ' ');
				space = 0;
				bs_strbuf_addc(out, (char)c);
			} else {
				space = 1;
			}
			p++;
			left--;
			continue;
		}
		k = utf8proc_iterate(p, left, &cp);
		if (k <= 0) {
			p++;
			left--;
			continue;
		}
		cat = utf8proc_category(cp);
		t = translit(cp);
		if (t || (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO)) {
			if (space && out->len)
				bs_strbuf_addc(out, ' ');
			space = 0;
			if (t)
				bs_strbuf_adds(out, t);
			else
				bs_strbuf_add(out, p, (size_t)k);
		} else if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
			   cat != UTF8PROC_CATEGORY_ME) {
			space = 1;
		}
		p += k;
		left -= k;
	}
	bs_strbuf_release(&tmp);
}

/* Walk s until its width would pass cols; *width gets the width walked.
 * Returns the bytes walked. */
static size_t measure(const char *s, size_t cols, size_t *width)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	size_t w = 0, bytes = 0;

	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
		int cw;

		if (k <= 0) {
			k = 1;
			cp = '?';
		}
		cw = utf8proc_charwidth(cp);
		if (cw < 0)
			cw = 0;
		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		bytes += (size_t)k;
		p += k;
		left -= k;
	}
	*width = w;
	return bytes;
}

size_t bs_utf8_width(const char *s)
{
	size_t w;

	measure(s, (size_t)-1, &w);
	return w;
}

size_t bs_utf8_prefix_for_width(const char *s, size_t cols)
{
	size_t w;

	return measure(s, cols, &w);
}

void bs_utf8_ellipsize(const char *s, size_t cols, bs_strbuf *out)
{
	bs_strbuf_reset(out);
	if (bs_utf8_width(s) <= cols) {
		bs_strbuf_adds(out, s);
		return;
	}
	bs_strbuf_add(out, s, bs_utf8_prefix_for_width(s, cols ? cols - 1 : 0));
	bs_strbuf_adds(out, "\xE2\x80\xA6");
}

void bs_utf8_add_cp(bs_strbuf *out, int32_t cp)
{
	utf8proc_uint8_t b[4];
	utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, b);

	bs_strbuf_add(out, b, (size_t)k);
}

/* a's characters into cps (grown as needed); returns their count */
static size_t decode_cps(const char *a, int32_t **cps)
{
	size_t n = 0, cap = 16, left = strlen(a);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a;

	*cps = bs_xmalloc(cap * sizeof **cps);
	while (left) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
		if (k <= 0) {   /* not valid UTF-8: one byte, one character */
			k = 1;
			cp = *p;
		}
		if (n == cap) {
			cap *= 2;
			*cps = bs_xrealloc(*cps, cap * sizeof **cps);
		}
		(*cps)[n++] = cp;
		p += k;
		left -= (size_t)k;
	}
	return n;
}

size_t bs_utf8_distance(const char *a, const char *b, size_t limit)
{
	int32_t *x = NULL, *y = NULL;
	size_t *d = NULL, nx, ny, w, best = limit + 1;

	nx = decode_cps(a, &x);
	ny = decode_cps(b, &y);
	if ((nx > ny ? nx - ny : ny - nx) > limit)
		goto cleanup;
	/* three rows of the (nx + 1) x (ny + 1) table: i - 2, i - 1, i */
	w = ny + 1;
	d = bs_xmalloc(3 * w * sizeof *d);
	for (size_t j = 0; j <= ny; j++)
		d[j] = j;   /* row i lives in slot i % 3 */
	for (size_t i = 1; i <= nx; i++) {
		size_t *cur = d + (i % 3) * w, *prev = d + ((i + 2) % 3) * w, *prev2 = d + ((i + 1) % 3) * w;
		size_t row_min;
		cur[0] = row_min = i;
		for (size_t j = 1; j <= ny; j++) {
			size_t v = prev[j - 1] + (x[i - 1] != y[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < row_min)
				row_min = v;
		}
		if (row_min > limit)
			goto cleanup;   /* every later row is at least as far */
	}
	best = d[(nx % 3) * w + ny];
	if (best > limit)
		best = limit + 1;
cleanup:
	free(x);
	free(y);
	free(d);
	return best;
}
