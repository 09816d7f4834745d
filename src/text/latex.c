/* latex.c - LaTeX text to Unicode (see latex.h). */
#include "text/latex.h"
#include "base/utf8.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>


static utf8proc_int32_t accent_mark(int c)
{
	switch (c) {
	case '"': return 0x0308;
	case '\'': return 0x0301;
	case '`': return 0x0300;
	case '^': return 0x0302;
	case '~': return 0x0303;
	case '=': return 0x0304;
	case '.': return 0x0307;
	case 'u': return 0x0306;
	case 'v': return 0x030C;
	case 'H': return 0x030B;
	case 'c': return 0x0327;
	case 'k': return 0x0328;
	case 'r': return 0x030A;
	case 'd': return 0x0323;
	case 'b': return 0x0331;
	}
	return 0;
}

static const struct { const char *cmd, *utf8; } specials[] = {
	{"ss", "\xC3\x9F"}, {"aa", "\xC3\xA5"}, {"AA", "\xC3\x85"}, {"o", "\xC3\xB8"}, {"O", "\xC3\x98"},
	{"l", "\xC5\x82"}, {"L", "\xC5\x81"}, {"ae", "\xC3\xA6"}, {"AE", "\xC3\x86"}, {"oe", "\xC5\x93"},
	{"OE", "\xC5\x92"}, {"i", "i"}, {"j", "j"}, {"dh", "\xC3\xB0"}, {"DH", "\xC3\x90"},
	{"th", "\xC3\xBE"}, {"TH", "\xC3\x9E"}, {"ng", "\xC5\x8B"}, {"NG", "\xC5\x8A"},
	{"textendash", "\xE2\x80\x93"}, {"textemdash", "\xE2\x80\x94"}, {"ldots", "\xE2\x80\xA6"},
	{"dots", "\xE2\x80\xA6"}, {"alpha", "\xCE\xB1"}, {"beta", "\xCE\xB2"}, {"gamma", "\xCE\xB3"},
	{"delta", "\xCE\xB4"}, {"epsilon", "\xCE\xB5"}, {"lambda", "\xCE\xBB"}, {"mu", "\xCE\xBC"},
	{"pi", "\xCF\x80"}, {"sigma", "\xCF\x83"}, {"tau", "\xCF\x84"}, {"phi", "\xCF\x86"},
	{"omega", "\xCF\x89"}, {"ell", "\xE2\x84\x93"}, {"infty", "\xE2\x88\x9E"}, {"times", "\xC3\x97"},
	{"textbackslash", "\\"}, {"LaTeX", "LaTeX"}, {"TeX", "TeX"}, {"euro", "\xE2\x82\xAC"}, {"copyright", "\xC2\xA9"},
	{NULL, NULL}
};

/* one UTF-8 character (or a \i / \j) at s[*i], copied to out */
static void copy_char(const char *s, size_t n, size_t *i, bs_strbuf *out)
{
	size_t k = 1;
	if (s[*i] == '\\' && *i + 1 < n && (s[*i + 1] == 'i' || s[*i + 1] == 'j')) {
		bs_strbuf_addc(out, s[*i + 1]);
		*i += 2;
		return;
	}
	while (*i + k < n && ((unsigned char)s[*i + k] & 0xC0) == 0x80)
		k++;
	bs_strbuf_add(out, s + *i, k);
	*i += k;
}

/* A control symbol other than an accent, "\d": "\-" (a hyphenation
 * point; decode() reads it as a hyphen before a capital), "\/" (italic
 * correction), "\@" (sentence spacing), "\!", "\*" and the math
 * delimiters "\(", "\)", "\[", "\]" print nothing; "\ ", "\,", "\;", "\:",
 * "\>", a backslash before a line break and "\\" (a line break) are a
 * space; any other ("\&", "\%", "\$", "\_", "\#", "\{", "\}") is its
 * character. */
static void control_symbol(char d, bs_strbuf *out)
{
	if (d == '\0' || strchr("-/@!()[]*", d))
		return;
	if (strchr(" ,;:>\\\t\n\r", d))
		bs_strbuf_addc(out, ' ');
	else
		bs_strbuf_addc(out, d);
}

static void decode(const char *s, size_t n, int keep_unknown, bs_strbuf *out)
{
	size_t i = 0;

	bs_strbuf_reset(out);
	while (i < n) {
		char c = s[i];
		if (c == '{' || c == '}' || c == '$') {
			i++;
		} else if (c == '~') {
			bs_strbuf_addc(out, ' ');
			i++;
		} else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
			if (i + 2 < n && s[i + 2] == '-') {
				bs_strbuf_adds(out, "\xE2\x80\x94");
				i += 3;
			} else {
				bs_strbuf_adds(out, "\xE2\x80\x93");
				i += 2;
			}
		} else if (c == '\\' && i + 1 < n) {
			char d = s[i + 1];
			utf8proc_int32_t mark = 0;
			if (!isalpha((unsigned char)d)) {
				mark = accent_mark(d);
				if (!mark) {
					size_t j = i + 2;
					while (j < n && s[j] == '{')
						j++;
					/* no one marks a hyphenation point before a capital:
					 * "pre\-{C}olumbian" is a hyphen */
					if (d == '-' && j < n && isupper((unsigned char)s[j]))
						bs_strbuf_addc(out, '-');
					else
						control_symbol(d, out);
					i += 2;
					continue;
				}
				i += 2;
			} else {
				size_t j = i + 1;
				while (j < n && isalpha((unsigned char)s[j]))
					j++;
				if (j - i - 1 == 1 && accent_mark(d) && strchr("uvHckrdb", d)) {
					mark = accent_mark(d);
					i = j;
				} else {
					int found = 0;
					for (size_t k = 0; specials[k].cmd; k++)
						if (strlen(specials[k].cmd) == j - i - 1 &&
						    !strncmp(specials[k].cmd, s + i + 1, j - i - 1)) {
							bs_strbuf_adds(out, specials[k].utf8);
							found = 1;
							break;
						}
					/* an unknown command is dropped, its argument kept; in
					 * a name it is a damaged accent ("Clemen\con" for
					 * Clemen\c{c}on): its letters stay */
					if (!found && keep_unknown)
						bs_strbuf_add(out, s + i + 1, j - i - 1);
					i = j;
					if (i < n && s[i] == ' ')
						i++;   /* TeX eats the space after a control word */
					continue;
				}
			}
			/* the accent's argument: "x", "{x}", " x", "{\i}" */
			while (i < n && (s[i] == ' ' || s[i] == '{'))
				i++;
			if (i < n && s[i] != '}') {
				copy_char(s, n, &i, out);
				bs_utf8_add_cp(out, mark);
			}
		} else {
			bs_strbuf_addc(out, c);
			i++;
		}
	}
}

void bs_latex_decode(const char *s, size_t n, bs_strbuf *out)
{
	decode(s, n, 0, out);
}

void bs_latex_decode_name(const char *s, size_t n, bs_strbuf *out)
{
	decode(s, n, 1, out);
}

int bs_latex_in_name(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\\' || s[i] == '{' || s[i] == '}')
			return 1;
	return 0;
}
