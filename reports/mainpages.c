#include "reports/mainpages.h"
#include "base/utf8.h"

#include <string.h>

/* the most cited table's widths: a landscape page holds about 130
 * monospace characters at the report's text size */
#define TITLE_CHARS 80
#define AUTHOR_CHARS 28

static void set_short(bs_table *t, size_t row, size_t col, const char *s, size_t max, bs_strbuf *b)
{
	bs_strbuf_reset(b);
	bs_utf8_ellipsize(s ? s : "", max, b);
	bs_table_set_text(t, row, col, b->buf);
}

/* the query's table as the page shows it: shortened text, the source and
 * date of a count in one column */
static void cited_display(const bs_table *q, bs_table *out)
{
	static const char *const cols[] = {"rank", "title", "first author", "year", "citations", "counted"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT,
					    BS_COL_TEXT};
	bs_strbuf b = BS_STRBUF_INIT;

	bs_strbuf_init(&b);
	bs_table_init(out, 6, cols, types);
	out->max_text_width = TITLE_CHARS;
	for (size_t r = 0; r < q->nrows; r++) {
		size_t row = bs_table_add_row(out);
		const char *src = bs_table_get(q, r, 5), *asof = bs_table_get(q, r, 6);
		bs_table_set_text(out, row, 0, bs_table_get(q, r, 0));
		set_short(out, row, 1, bs_table_get(q, r, 1), TITLE_CHARS, &b);
		set_short(out, row, 2, bs_table_get(q, r, 2), AUTHOR_CHARS, &b);
		bs_table_set_text(out, row, 3, bs_table_get(q, r, 3));
		bs_table_set_text(out, row, 4, bs_table_get(q, r, 4));
		bs_strbuf_reset(&b);
		bs_strbuf_addf(&b, "%s%s%s", src ? src : "", src && asof ? " " : "", asof ? asof : "");
		bs_table_set_text(out, row, 5, b.buf);
	}
	bs_strbuf_release(&b);
}

int bs_mainpages_compute(bs_store *s, const bs_filter *f, int top, bs_mainpages *mp, bs_error *err)
{
	bs_table q;
	int rc;

	memset(mp, 0, sizeof *mp);
	memset(&q, 0, sizeof q);
	rc = bs_maininfo_query(s, f, 0, &mp->mi, err);
	if (rc)
		goto cleanup;
	bs_maininfo_table(&mp->mi, 0, "-", &mp->main);
	rc = bs_maininfo_most_cited(s, f, top > 0 ? top : 10, &q, err);
	if (rc)
		goto cleanup;
	cited_display(&q, &mp->cited);
	mp->have_cited = mp->cited.nrows > 0;
cleanup:
	bs_table_release(&q);
	return rc;
}

void bs_mainpages_release(bs_mainpages *mp)
{
	bs_maininfo_release(&mp->mi);
	bs_table_release(&mp->main);
	bs_table_release(&mp->cited);
	mp->have_cited = 0;
}

const char *bs_mainpages_cited_skip(const bs_mainpages *mp)
{
	return mp->have_cited ? ""
			      : "Most cited papers: no page, as no paper of the selection has a citation count"
				" (WoS TC, Scopus Cited by).";
}
