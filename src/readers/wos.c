/* wos.c - Web of Science tab-delimited export ("PT\tAU\tBA\t..." header,
 * one record per line, UTF-8 with a BOM, CRLF).  The columns of
 * bs_wos_tags are read and the record built by wosrec.h (the plain-text
 * export's reader builds it the same way).
 * A record's line is cut at 64 MiB (bs_input) with a warning naming the
 * column where the cut falls: that value is cut and the columns after it
 * are lost.
 */
#include "readers/reader.h"
#include "readers/wosrec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wos_state {
	bs_strbuf line;
	bs_strbuf head;    /* the header line, to name a column in messages */
	int col[WOS__N];   /* column index of each tag, -1 if absent */
	int ncols;
} wos_state;

static int wos_sniff(const char *data, size_t n, const char *path)
{
	(void)path;
	if (n >= 6 && (!strncmp(data, "PT\tAU\t", 6) || !strncmp(data, "FN\t", 3)))
		return 95;
	return 0;
}

/* pointer to field k of a tab-separated line (length in *len) */
static const char *field(const char *s, size_t n, int k, size_t *len)
{
	const char *p = s, *end = s + n;

	for (int i = 0; i < k; i++) {
		p = memchr(p, '\t', (size_t)(end - p));
		if (!p) {
			*len = 0;
			return "";
		}
		p++;
	}
	{
		const char *e = memchr(p, '\t', (size_t)(end - p));
		*len = e ? (size_t)(e - p) : (size_t)(end - p);
	}
	return p;
}

static int wos_open(bs_reader *r, bs_error *err)
{
	wos_state *st = bs_xcalloc(1, sizeof *st);
	int rc;

	bs_strbuf_init(&st->line);
	bs_strbuf_init(&st->head);
	r->state = st;
	rc = bs_input_getline(r->in, &st->line, NULL, err);
	if (rc <= 0)
		return rc < 0 ? BS_ERR_IO : bs_error_set(err, BS_ERR_FORMAT, "%s: no header line", bs_input_name(r->in));
	for (int c = 0; c < WOS__N; c++)
		st->col[c] = -1;
	{
		int k = 0;
		const char *p = st->line.buf, *end = st->line.buf + st->line.len;
		while (p <= end) {
			const char *e = memchr(p, '\t', (size_t)(end - p));
			size_t len = e ? (size_t)(e - p) : (size_t)(end - p);
			int c = bs_wos_tag(p, len);
			if (c >= 0)
				st->col[c] = k;
			k++;
			if (!e)
				break;
			p = e + 1;
		}
		st->ncols = k;
	}
	bs_strbuf_add(&st->head, st->line.buf, st->line.len);
	if (st->col[WOS_TI] < 0)
		return bs_error_set(err, BS_ERR_FORMAT, "%s:1: no TI column in the WoS header", bs_input_name(r->in));
	return BS_OK;
}

static void wos_close(bs_reader *r)
{
	wos_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->line);
	bs_strbuf_release(&st->head);
	free(st);
	r->state = NULL;
}

static int wos_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	wos_state *st = r->state;
	bs_wos_fields f;
	int rc, cut;

	do {
		rc = bs_input_getline(r->in, &st->line, &cut, err);
		if (rc <= 0)
			return rc;
	} while (st->line.len == 0);
	rec->line = bs_input_lineno(r->in);
	if (cut) {
		/* the cut falls in the last column the line still has */
		int k = 0;
		size_t hn;
		const char *h;
		for (const char *p = st->line.buf; (p = memchr(p, '\t', st->line.len - (size_t)(p - st->line.buf)));
		     p++)
			k++;
		h = field(st->head.buf, st->head.len, k, &hn);
		bs_diag_warn(r->diag, bs_input_name(r->in), rec->line,
			     "record longer than %zu MiB: cut in column %d ('%.*s'), the columns after it lost",
			     BS_INPUT_MAX_LINE >> 20, k + 1, (int)(hn < 16 ? hn : 16), h);
	}
	for (int c = 0; c < WOS__N; c++) {
		size_t n;
		f.v[c] = st->col[c] >= 0 ? field(st->line.buf, st->line.len, st->col[c], &n) : NULL;
		f.n[c] = f.v[c] ? n : 0;
	}
	bs_wos_build(r, rec, &f);
	if (!*rec->title)
		bs_diag_warn(r->diag, bs_input_name(r->in), rec->line, "record without a title");
	return 1;
}

const bs_reader_ops bs_wos_ops = {
	"wos", "Web of Science tab-delimited export", wos_sniff, wos_open, wos_next, wos_close,
};
