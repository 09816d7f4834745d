/* libFuzzer target for one reader, chosen at build time with
 * -DBS_FUZZ_FORMAT="ris" (meson builds one binary per format): the data
 * goes through the common reader interface, sniffed and forced, and each
 * record through the store's match keys (title, URL, author keys).  BibTeX
 * also goes through the first pass into a shared context, and then the main
 * pass against it (macros and crossrefs resolved from the first pass). */
#include "readers/bibctx.h"
#include "readers/reader.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifndef BS_FUZZ_FORMAT
#define BS_FUZZ_FORMAT "paperlist"
#endif

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
}

static void drain(const uint8_t *data, size_t size, const char *format, bs_bibctx *ctx)
{
	bs_diag diag = {warn, NULL, 0};
	bs_reader *r;
	bs_record *rec;
	bs_error err;

	if (bs_reader_open_mem_shared(&r, "fuzz", data, size, format, &diag, ctx, &err))
		return;
	while (bs_reader_next(r, &rec, &err) == 1) {
		bs_store_prepare_record(rec, &r->arena);
		volatile size_t n = strlen(rec->title) + strlen(rec->venue) + strlen(rec->doi) +
				    strlen(rec->url) + strlen(rec->abstract);
		for (size_t i = 0; i < rec->nauthors; i++)
			n += strlen(rec->authors[i]) + strlen(rec->author_keys[i]);
		n += strlen(rec->title_key) + strlen(rec->url_key);
		(void)n;
	}
	bs_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	drain(data, size, NULL, NULL);
	drain(data, size, BS_FUZZ_FORMAT, NULL);
	if (!strcmp(BS_FUZZ_FORMAT, "bibtex")) {
		bs_bibctx *ctx = bs_bibctx_new();
		bs_reader *r;
		bs_error err;
		if (!bs_reader_open_mem_shared(&r, "fuzz", data, size, "bibtex", NULL, ctx, &err)) {
			bs_bibtex_collect(r, ctx, &err);
			bs_reader_close(r);
		}
		drain(data, size, "bibtex", ctx);
		bs_bibctx_free(ctx);
	}
	return 0;
}
