/* libFuzzer target: affiliation parsing (affil.h), with the properties
 * that a country found is a name the table maps to itself and that the
 * institution is a piece of the address as written. */
#include "base/strbuf.h"
#include "text/affil.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* whether needle[0..m) occurs in hay[0..n) */
static int contains(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (!memcmp(hay + i, needle, m))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_strbuf inst = BS_STRBUF_INIT, country = BS_STRBUF_INIT;
	const char *s = (const char *)data;

	bs_strbuf_init(&inst);
	bs_strbuf_init(&country);
	bs_affil_parse(s, size, &inst, &country);
	if (country.len) {
		const char *c = bs_affil_country_name(country.buf, country.len);
		if (!c || strcmp(c, country.buf) != 0)
			abort();
	}
	if (inst.len && !contains(s, size, inst.buf, inst.len))
		abort();
	(void)bs_affil_country_name(s, size);
	bs_strbuf_release(&inst);
	bs_strbuf_release(&country);
	return 0;
}
