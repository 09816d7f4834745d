/* libFuzzer target: the name normaliser (display form, match key,
 * "Last, First" inversion) and the LaTeX decoders used on names (BibTeX's,
 * and the one for LaTeX left in names of other formats). */
#include "text/latex.h"
#include "text/names.h"
#include "base/strbuf.h"
#include "base/utf8.h"

#include <stddef.h>
#include <stdint.h>


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
	bs_latex_decode_name(fixed.buf, fixed.len, &a);   /* names from other formats */
	bs_strbuf_reset(&b);
	bs_utf8_repair(a.buf, a.len, &b);
	bs_name_key(b.buf, b.len, &a);
	bs_strbuf_release(&fixed);
	bs_strbuf_release(&a);
	bs_strbuf_release(&b);
	return 0;
}
