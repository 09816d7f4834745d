#include "text/names.h"
#include "base/utf8.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

size_t bs_name_homonym_suffix(const char *s, size_t n)
{
	size_t i = n;

	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i < 6)
		return 0;
	for (size_t k = 1; k <= 4; k++)
		if (!isdigit((unsigned char)s[i - k]))
			return 0;
	if (s[i - 5] != ' ')
		return 0;
	return n - (i - 5);
}

void bs_name_display(const char *name, size_t n, bs_strbuf *out)
{
	bs_text_nfkc(name, n, out);
	{
		size_t suf = bs_name_homonym_suffix(out->buf, out->len);
		if (suf)
			bs_strbuf_setlen(out, out->len - suf);
	}
}

/* name[0..n) without its balanced "(...)" parts into out, or 0 when it
 * has none or nothing but them (then the name is keyed whole). */
static int strip_parenthesized(const char *name, size_t n, bs_strbuf *out)
{
	size_t i = 0, kept = 0;
	int stripped = 0;

	if (!memchr(name, '(', n))
		return 0;
	bs_strbuf_reset(out);
	while (i < n) {
		const char *close;
		if (name[i] == '(' && (close = memchr(name + i, ')', n - i)) != NULL) {
			bs_strbuf_addc(out, ' ');
			i = (size_t)(close - name) + 1;
			stripped = 1;
			continue;
		}
		if (isalnum((unsigned char)name[i]) || (unsigned char)name[i] >= 0x80)
			kept++;
		bs_strbuf_addc(out, name[i++]);
	}
	return stripped && kept;
}

void bs_name_key(const char *name, size_t n, bs_strbuf *out)
{
	bs_strbuf bare = BS_STRBUF_INIT;

	if (strip_parenthesized(name, n, &bare))
		bs_text_key(bare.buf, bare.len, out);
	else
		bs_text_key(name, n, out);
	bs_strbuf_release(&bare);
}

static void add_trimmed(bs_strbuf *out, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return;
	if (out->len)
		bs_strbuf_addc(out, ' ');
	bs_strbuf_add(out, s, n);
}

void bs_name_uninvert(const char *s, size_t n, bs_strbuf *out)
{
	const char *c1 = memchr(s, ',', n), *c2;

	bs_strbuf_reset(out);
	if (!c1) {
		add_trimmed(out, s, n);
		return;
	}
	c2 = memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - s));
	if (c2) {
		/* Last, Jr, First */
		add_trimmed(out, c2 + 1, n - (size_t)(c2 + 1 - s));
		add_trimmed(out, s, (size_t)(c1 - s));
		add_trimmed(out, c1 + 1, (size_t)(c2 - c1 - 1));
	} else {
		add_trimmed(out, c1 + 1, n - (size_t)(c1 + 1 - s));
		add_trimmed(out, s, (size_t)(c1 - s));
	}
}

int bs_name_placeholder(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		return 1;
	if (n && s[n - 1] == '.')
		n--;   /* "et al." */
	return (n == 6 && !strncasecmp(s, "others", 6)) || (n == 5 && !strncasecmp(s, "et al", 5));
}
