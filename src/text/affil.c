/* affil.c - see affil.h. */
#include "text/affil.h"

#include <string.h>

const char *bs_affil_country_name(const char *name, size_t n)
{
	(void)name;
	(void)n;
	return NULL;
}

void bs_affil_parse(const char *s, size_t n, bs_strbuf *institution, bs_strbuf *country)
{
	const char *c = memchr(s, ',', n);

	bs_strbuf_reset(institution);
	bs_strbuf_reset(country);
	bs_strbuf_add(institution, s, c ? (size_t)(c - s) : n);
}
