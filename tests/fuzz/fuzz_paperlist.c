/* libFuzzer target: the paper-list reader (through the common reader
 * interface, with sniffing and with the format forced). */
#include "reader.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud; (void)file; (void)line; (void)msg;
}

static void drain(const uint8_t *data, size_t size, const char *format)
{
	bs_diag diag = {warn, NULL, 0};
	bs_reader *r;
	bs_record *rec;
	bs_error err;

	if (bs_reader_open_mem(&r, "fuzz.md", data, size, format, &diag, &err))
		return;
	while (bs_reader_next(r, &rec, &err) == 1) {
		/* touch every string so ASan sees bad pointers */
		volatile size_t n = 0;
		n += strlen(rec->title) + strlen(rec->venue) + strlen(rec->doi) + strlen(rec->url) +
		     strlen(rec->abstract);
		for (size_t i = 0; i < rec->nauthors; i++)
			n += strlen(rec->authors[i]);
		(void)n;
	}
	bs_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	drain(data, size, NULL);
	drain(data, size, "paperlist");
	return 0;
}
