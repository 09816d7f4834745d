/* libFuzzer target: the text pipeline (UTF-8 repair, markup cleaning,
 * tokenizer with stopwords and stemming). */
#include "strbuf.h"
#include "text.h"
#include "utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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
	free(tok);
	bs_strbuf_release(&fixed);
	bs_strbuf_release(&clean);
	return 0;
}
