/* libFuzzer target: the text pipeline (UTF-8 repair, markup cleaning,
 * tokenizer with stopwords and stemming) and venue keys, with the
 * property that a venue's display form has the venue's key. */
#include "base/strbuf.h"
#include "analysis/keywords/text.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bs_text t;
	static int ready;
	bs_strbuf fixed = BS_STRBUF_INIT, clean = BS_STRBUF_INIT;
	int32_t *tok = NULL;
	size_t cap = 0;
	bs_error err;

	if (!ready) {
		if (bs_text_init(&t, &err))
			abort();
		ready = 1;
	}
	bs_strbuf_init(&fixed);
	bs_strbuf_init(&clean);
	bs_utf8_repair((const char *)data, size, &fixed);
	bs_text_clean(fixed.buf, fixed.len, BS_TEXT_STRIP_TAGS | BS_TEXT_ENTITIES, &clean);
	bs_text_tokenize(&t, clean.buf, clean.len, &tok, 0, &cap);
	bs_text_tokenize(&t, fixed.buf, fixed.len, &tok, 0, &cap);
	{
		bs_strbuf k1 = BS_STRBUF_INIT, k2 = BS_STRBUF_INIT, d = BS_STRBUF_INIT;
		bs_strbuf_init(&k1);
		bs_strbuf_init(&k2);
		bs_strbuf_init(&d);
		bs_venue_key(fixed.buf, fixed.len, &k1);
		bs_venue_display(fixed.buf, fixed.len, &d);
		bs_venue_key(d.buf, d.len, &k2);
		if (k1.len != k2.len || memcmp(k1.buf, k2.buf, k1.len) != 0)
			abort();
		(void)bs_venue_name_rank(bs_strbuf_str(&d));
		bs_strbuf_release(&k1);
		bs_strbuf_release(&k2);
		bs_strbuf_release(&d);
	}
	free(tok);
	bs_strbuf_release(&fixed);
	bs_strbuf_release(&clean);
	return 0;
}
