/* keys.c - title, URL and author match keys (see keys.h): the Greek and
 * math spellings, the TeX commands dropped or renamed, and the folding. */
#include "text/keys.h"
#include "base/utf8.h"
#include "text/names.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>


/* Greek letters by the names TeX gives them, U+0391.. and U+03B1..
 * (final sigma with sigma); NULL: no letter there. */
static const char *const greek_names[25] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
	"lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma", "tau", "upsilon",
	"phi", "chi", "psi", "omega",
};

/* Math symbols by the names TeX gives them (the degree sign as "deg", as
 * a plain-text title writes "360deg" for "360°"), UTF-8 bytes -> name. */
static const struct { const char *utf8, *name; } math_names[] = {
	{"\xC2\xB0", "deg"},          /* ° */
	{"\xC3\x97", "times"},        /* × */
	{"\xC2\xB1", "pm"},           /* ± */
	{"\xE2\x88\x9E", "infty"},    /* ∞ */
	{"\xE2\x86\x92", "to"},       /* → */
	{"\xE2\x89\xA4", "leq"},      /* ≤ */
	{"\xE2\x89\xA5", "geq"},      /* ≥ */
	{"\xE2\x88\x87", "nabla"},    /* ∇ */
	{"\xE2\x88\x82", "partial"},  /* ∂ */
	{"\xE2\x88\x9A", "sqrt"},     /* √ */
	{"\xE2\x88\x88", "in"},       /* ∈ */
	{"\xE2\x88\x98", "circ"},     /* ∘ */
};

/* TeX commands that only choose a font or size (dropped, their argument
 * kept: "$\mathcal{O}(n)$" ~ "𝒪(n)"), and TeX commands named otherwise
 * than the symbol above ("\rightarrow" is "to", "^\circ" "deg"). */
static const char *const tex_font[] = {
	"mathcal", "mathbf", "mathrm", "mathbb", "mathit", "mathsf", "mathtt", "mathfrak", "mathscr",
	"boldsymbol", "bm", "text", "textbf", "textit", "textrm", "textsf", "texttt", "emph",
	"operatorname", "left", "right", "big", "Big", "mathnormal",
};
static const struct { const char *tex, *name; } tex_renamed[] = {
	{"rightarrow", "to"}, {"longrightarrow", "to"}, {"le", "leq"}, {"ge", "geq"},
	{"circ", "deg"}, {"degree", "deg"}, {"textdegree", "deg"},
};

/* The TeX name of the Greek letter, micro sign, script l (U+2113) or math
 * symbol (math_names) that NUL-terminated s starts with (its byte length
 * in *len), or NULL. */
static const char *greek_at(const unsigned char *s, size_t *len)
{
	unsigned cp;

	if (s[0] == 0xE2 && s[1] == 0x84 && s[2] == 0x93) {   /* ℓ, NFKC would make it l */
		*len = 3;
		return "ell";
	}
	if (s[0] == 0xC2 && s[1] == 0xB5) {   /* the micro sign, NFKC's μ */
		*len = 2;
		return "mu";
	}
	for (size_t m = 0; m < sizeof math_names / sizeof math_names[0]; m++) {
		size_t n = strlen(math_names[m].utf8);
		if (!memcmp(s, math_names[m].utf8, n)) {
			*len = n;
			return math_names[m].name;
		}
	}
	if ((s[0] != 0xCE && s[0] != 0xCF) || (s[1] & 0xC0) != 0x80)
		return NULL;
	cp = ((unsigned)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
	*len = 2;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return greek_names[cp - 0x391];
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return greek_names[cp - 0x3B1];
	switch (cp) {   /* the variant forms TeX writes \varepsilon, \vartheta, ... */
	case 0x3F5: return "epsilon";
	case 0x3D1: return "theta";
	case 0x3D5: return "phi";
	case 0x3F1: return "rho";
	case 0x3D6: return "pi";
	}
	return NULL;
}

/* title with its Greek letters and math symbols spelled out as TeX spells
 * them, TeX's "\var" dropped before a letter name ("\varepsilon" is ε),
 * font commands dropped and a few TeX commands renamed (tex_renamed), into
 * out; 0 (out untouched) when there is nothing to change.  title is
 * NUL-terminated at n. */
static int title_latin(const char *title, size_t n, bs_strbuf *out)
{
	static const char *const var[] = {"epsilon", "theta", "phi", "rho", "pi", "sigma", "kappa"};
	size_t i = 0, done = 0;
	int changed = 0;

	for (; i < n; i++) {
		size_t len = 0, skip = 0;
		const char *name = NULL;
		if ((unsigned char)title[i] >= 0xC2) {
			name = greek_at((const unsigned char *)title + i, &len);
		} else if (title[i] == '\\') {
			size_t cl = 0;
			while (isalpha((unsigned char)title[i + 1 + cl]))
				cl++;
			if (cl > 3 && !strncmp(title + i + 1, "var", 3)) {
				for (size_t v = 0; v < sizeof var / sizeof var[0]; v++)
					if (!strncmp(title + i + 4, var[v], strlen(var[v])))
						skip = 4;   /* "\var": the name that follows stays */
			}
			for (size_t f = 0; !skip && cl && f < sizeof tex_font / sizeof tex_font[0]; f++)
				if (strlen(tex_font[f]) == cl && !strncmp(title + i + 1, tex_font[f], cl))
					skip = cl + 1;
			for (size_t t = 0; !skip && cl && t < sizeof tex_renamed / sizeof tex_renamed[0]; t++)
				if (strlen(tex_renamed[t].tex) == cl && !strncmp(title + i + 1, tex_renamed[t].tex, cl)) {
					name = tex_renamed[t].name;
					len = cl + 1;
				}
		}
		if (!name && !skip)
			continue;
		if (!changed) {
			bs_strbuf_reset(out);
			changed = 1;
		}
		bs_strbuf_add(out, title + done, i - done);
		if (name) {
			/* a symbol after a digit is part of its number: "360°" and
			 * "360deg" agree, and so do "360$^\circ$" */
			if (!out->len || (!isdigit((unsigned char)out->buf[out->len - 1]) &&
					  out->buf[out->len - 1] != '^' && out->buf[out->len - 1] != '{'))
				bs_strbuf_addc(out, ' ');
			bs_strbuf_adds(out, name);
			bs_strbuf_addc(out, ' ');
			done = i + len;
		} else {
			done = i + skip;
		}
		i = done - 1;
	}
	if (changed)
		bs_strbuf_add(out, title + done, n - done);
	return changed;
}

/* The words of a title key, space-separated: title_latin's spelling, then
 * letters and digits case- and accent-folded (bs_text_key), "towards" read
 * as "toward". */
void bs_keys_title_words(const char *title, bs_strbuf *out)
{
	bs_strbuf latin = BS_STRBUF_INIT;
	size_t k = 0, n = strlen(title);

	bs_strbuf_init(&latin);
	if (title_latin(title, n, &latin)) {
		title = latin.buf;
		n = latin.len;
	}
	bs_text_key(title, n, out);
	bs_strbuf_release(&latin);
	for (size_t i = 0; i < out->len;) {
		size_t e = i;
		while (e < out->len && out->buf[e] != ' ')
			e++;
		if (e - i == 7 && !memcmp(out->buf + i, "towards", 7)) {
			memcpy(out->buf + k, "toward", 6);
			k += 6;
		} else {
			memmove(out->buf + k, out->buf + i, e - i);
			k += e - i;
		}
		if (e < out->len)
			out->buf[k++] = ' ';
		i = e + 1;
	}
	bs_strbuf_setlen(out, k);
}

void bs_keys_title(const char *title, bs_strbuf *out)
{
	size_t k = 0;

	/* Greek letters spelled out as TeX spells them: the paper lists'
	 * "$\alpha$-IoU" and a BibTeX "{\(\alpha\)}-IoU" decoded to "α-IoU"
	 * agree, as do "$\ell_p$" and "ℓp"; "360°" and "360deg", "Toward"
	 * and "Towards" too */
	bs_keys_title_words(title, out);
	/* letters and digits only, no spaces: "VA-RED$^2$" and "VA-RED2" agree */
	for (size_t i = 0; i < out->len; i++)
		if (out->buf[i] != ' ')
			out->buf[k++] = out->buf[i];
	bs_strbuf_setlen(out, k);
}

void bs_keys_url(const char *url, bs_strbuf *out)
{
	const char *p = url;
	size_t n;

	bs_strbuf_reset(out);
	while (isspace((unsigned char)*p))
		p++;
	if (strncasecmp(p, "https://", 8) == 0)
		p += 8;
	else if (strncasecmp(p, "http://", 7) == 0)
		p += 7;
	if (strncasecmp(p, "www.", 4) == 0)
		p += 4;
	n = strlen(p);
	while (n && (isspace((unsigned char)p[n - 1]) || p[n - 1] == '/'))
		n--;
	{
		/* lower-case the host only; paths can be case-sensitive */
		size_t i = 0;
		for (; i < n && p[i] != '/'; i++)
			bs_strbuf_addc(out, (char)tolower((unsigned char)p[i]));
		bs_strbuf_add(out, p + i, n - i);
	}
}

/* An author's match key (keeps a DBLP homonym suffix) and display name
 * (hides it). */
void bs_keys_author(const char *author, bs_strbuf *key, bs_strbuf *name)
{
	size_t n = strlen(author);

	bs_name_key(author, n, key);
	bs_strbuf_reset(name);
	bs_strbuf_add(name, author, n - bs_name_homonym_suffix(author, n));
}
