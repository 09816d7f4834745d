#include "names.h"
#include "utf8.h"

#include <ctype.h>

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
