#include "names.h"
#include "utf8.h"

#include <ctype.h>
#include <string.h>

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

void bs_name_key(const char *name, size_t n, bs_strbuf *out)
{
	bs_text_key(name, n, out);
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
