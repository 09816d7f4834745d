/* libFuzzer target: the cited-reference parser and the paper match key
 * (text/citref.h), on repaired UTF-8 as the store hands them over. */
#include "text/citref.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_strbuf fixed = BS_STRBUF_INIT, key = BS_STRBUF_INIT;
	bs_citref c;

	bs_strbuf_init(&fixed);
	bs_strbuf_init(&key);
	bs_citref_init(&c);
	bs_utf8_repair((const char *)data, size, &fixed);
	bs_citref_parse(fixed.buf, &c);
	/* the reference's text as a first author, volume and pages too */
	bs_citref_paper_key(fixed.buf, c.year, c.volume.buf, fixed.buf, NULL, &key);
	bs_citref_paper_key(c.first_author.buf, 2020, fixed.buf, c.page.buf, "", &key);
	bs_citref_release(&c);
	bs_strbuf_release(&fixed);
	bs_strbuf_release(&key);
	return 0;
}
