/* libFuzzer target: the name normaliser (display form, match key,
 * "Last, First" inversion) and the LaTeX decoder used on BibTeX names. */
#include "names.h"
#include "strbuf.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>

void bs_latex_decode(const char *s, size_t n, bs_strbuf *out);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bs_strbuf fixed = BS_STRBUF_INIT, a = BS_STRBUF_INIT, b = BS_STRBUF_INIT;

	bs_strbuf_init(&fixed);
	bs_strbuf_init(&a);
	bs_strbuf_init(&b);
	bs_utf8_repair((const char *)data, size, &fixed);
	bs_latex_decode(fixed.buf, fixed.len, &a);
	bs_strbuf_reset(&b);
	bs_utf8_repair(a.buf, a.len, &b);   /* decoding may cut a UTF-8 sequence */
	bs_name_uninvert(b.buf, b.len, &a);
	bs_name_display(a.buf, a.len, &b);
	bs_name_key(b.buf, b.len, &a);
	bs_name_key(fixed.buf, fixed.len, &a);
	bs_strbuf_release(&fixed);
	bs_strbuf_release(&a);
	bs_strbuf_release(&b);
	return 0;
}
