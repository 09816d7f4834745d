#include "reports/richpages.h"
#include "analysis/keywords/kwterms.h"
#include "base/utf8.h"
#include "store/countries.h"
#include "store/impact.h"
#include "store/kwterms.h"

#include <stdlib.h>
#include <string.h>

/* names shortened so that a table fits a landscape page */
#define NAME_CHARS 40
#define KEYWORD_CHARS 60

static void set_short(bs_table *t, size_t row, size_t col, const char *s, size_t max, bs_strbuf *b)
{
	bs_strbuf_reset(b);
	bs_utf8_ellipsize(s ? s : "", max, b);
	bs_table_set_text(t, row, col, b->buf);
}

/* "Citation counts: wos as of 2026-04-02 (5 papers); none (1 paper)." from
 * bs_impact_sources; returns whether any paper has a count */
static int counted_line(const bs_table *src, bs_strbuf *out)
{
	int any = 0;

	bs_strbuf_adds(out, "Citation counts:");
	for (size_t r = 0; r < src->nrows; r++) {
		const char *s = bs_table_get(src, r, 0), *d = bs_table_get(src, r, 1), *n = bs_table_get(src, r, 2);
		int none = s && !strcmp(s, "none");
		any |= !none;
		bs_strbuf_addf(out, "%s %s%s%s (%s %s)", r ? ";" : "", none ? "no count" : s ? s : "",
			       d && *d ? " as of " : none ? "" : ", export date unknown", d ? d : "", n ? n : "0",
			       n && !strcmp(n, "1") ? "paper" : "papers");
	}
	bs_strbuf_adds(out, ".");
	return any;
}

/* the top authors by h-index, ranked, names shortened */
static int hindex_page(bs_store *s, const bs_filter *f, bs_richpages *rp, bs_error *err)
{
	static const char *const cols[] = {"rank", "author", "papers", "citations", "h", "g", "m"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT,
					    BS_COL_INT, BS_COL_INT, BS_COL_REAL};
	bs_table q, src;
	bs_strbuf b = BS_STRBUF_INIT;
	int rc;

	bs_strbuf_init(&b);
	memset(&q, 0, sizeof q);
	memset(&src, 0, sizeof src);
	bs_table_init(&rp->hindex, 7, cols, types);
	rc = bs_impact_sources(s, f, &src, err);
	if (rc)
		goto cleanup;
	rp->have[BS_RICH_HINDEX] = counted_line(&src, &rp->counted);
	if (!rp->have[BS_RICH_HINDEX])
		goto cleanup;
	rc = bs_impact_authors(s, f, BS_IMPACT_HINDEX, BS_RICH_TOP_AUTHORS, &q, err);
	if (rc)
		goto cleanup;
	for (size_t r = 0; r < q.nrows; r++) {
		size_t row = bs_table_add_row(&rp->hindex);
		bs_table_set_int(&rp->hindex, row, 0, (long long)r + 1);
		set_short(&rp->hindex, row, 1, bs_table_get(&q, r, 0), NAME_CHARS, &b);
		for (size_t c = 1; c < 6; c++)
			bs_table_set_text(&rp->hindex, row, c + 1, bs_table_get(&q, r, c));
	}
	rp->have[BS_RICH_HINDEX] = rp->hindex.nrows > 0;
cleanup:
	bs_table_release(&q);
	bs_table_release(&src);
	bs_strbuf_release(&b);
	return rc;
}

/* the countries (rank, country, papers, SCP, MCP, MCP %) and the pairs */
static int countries_page(bs_store *s, const bs_filter *f, bs_richpages *rp, bs_error *err)
{
	static const char *const ccols[] = {"rank", "country", "papers", "SCP", "MCP", "MCP %"};
	static const bs_col_type ctypes[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT,
					     BS_COL_REAL};
	static const char *const pcols[] = {"rank", "country", "country", "papers"};
	static const bs_col_type ptypes[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT};
	bs_table q;
	int rc;

	memset(&q, 0, sizeof q);
	bs_table_init(&rp->countries, 6, ccols, ctypes);
	bs_table_init(&rp->pairs, 4, pcols, ptypes);
	rc = bs_countries_table(s, f, 0, BS_RICH_TOP_COUNTRIES, &q, err);
	if (rc)
		goto cleanup;
	for (size_t r = 0; r < q.nrows; r++) {
		size_t row = bs_table_add_row(&rp->countries);
		for (size_t c = 0; c < 6; c++)
			bs_table_set_text(&rp->countries, row, c, bs_table_get(&q, r, c));
	}
	bs_table_release(&q);
	rc = bs_countries_edges(s, f, BS_RICH_TOP_PAIRS, &q, err);
	if (rc)
		goto cleanup;
	for (size_t r = 0; r < q.nrows; r++) {
		size_t row = bs_table_add_row(&rp->pairs);
		bs_table_set_int(&rp->pairs, row, 0, (long long)r + 1);
		for (size_t c = 0; c < 3; c++)
			bs_table_set_text(&rp->pairs, row, c + 1, bs_table_get(&q, r, c));
	}
	rp->have[BS_RICH_COUNTRIES] = rp->countries.nrows > 0;
cleanup:
	bs_table_release(&q);
	return rc;
}

/* keyword order: most papers first, ties by the text key (case-folded) */
typedef struct kw_rank {
	int64_t papers;
	const char *display, *key;
} kw_rank;

static int by_papers(const void *a, const void *b)
{
	const kw_rank *x = a, *y = b;
	int c;

	if (x->papers != y->papers)
		return x->papers > y->papers ? -1 : 1;
	c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->display, y->display);
}

/* the top author keywords, as `bibscope topics --terms-from
 * author-keywords` groups them (case, accents, punctuation), with the share
 * of the papers listing keywords that list each */
static int keywords_page(bs_store *s, const bs_filter *f, bs_richpages *rp, bs_error *err)
{
	static const char *const cols[] = {"rank", "keyword", "papers", "% of papers with keywords"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL};
	bs_terms_opts to;
	bs_kwset k;
	bs_strbuf b = BS_STRBUF_INIT;
	kw_rank *order = NULL;
	size_t n;
	int rc;

	memset(&k, 0, sizeof k);
	bs_strbuf_init(&b);
	bs_table_init(&rp->keywords, 4, cols, types);
	rc = bs_kwterms_coverage(s, "author", f, &rp->papers, &rp->kw_papers, err);
	if (rc || rp->kw_papers == 0)
		goto cleanup;
	bs_terms_opts_init(&to);
	to.source = BS_TERMS_FROM_AUTHOR_KEYWORDS;
	rc = bs_kwset_load(s, &to, f, &k, NULL, err);
	if (rc)
		goto cleanup;
	order = bs_xcalloc(k.nterms + 1, sizeof *order);
	for (size_t i = 0; i < k.nterms; i++) {
		order[i].papers = k.papers[i];
		order[i].display = k.display[i];
		order[i].key = k.key[i];
	}
	qsort(order, k.nterms, sizeof *order, by_papers);
	n = k.nterms < BS_RICH_TOP_KEYWORDS ? k.nterms : BS_RICH_TOP_KEYWORDS;
	for (size_t i = 0; i < n; i++) {
		size_t row = bs_table_add_row(&rp->keywords);
		bs_table_set_int(&rp->keywords, row, 0, (long long)i + 1);
		set_short(&rp->keywords, row, 1, order[i].display, KEYWORD_CHARS, &b);
		bs_table_set_int(&rp->keywords, row, 2, (long long)order[i].papers);
		bs_table_set_real(&rp->keywords, row, 3, 100.0 * (double)order[i].papers / (double)rp->kw_papers, 1);
	}
	rp->have[BS_RICH_KEYWORDS] = rp->keywords.nrows > 0;
cleanup:
	free(order);
	bs_kwset_release(&k);
	bs_strbuf_release(&b);
	return rc;
}

int bs_richpages_compute(bs_store *s, const bs_filter *f, bs_richpages *rp, bs_error *err)
{
	int rc;

	memset(rp, 0, sizeof *rp);
	bs_strbuf_init(&rp->counted);
	rc = hindex_page(s, f, rp, err);
	if (!rc)
		rc = countries_page(s, f, rp, err);
	if (!rc)
		rc = keywords_page(s, f, rp, err);
	return rc;
}

void bs_richpages_release(bs_richpages *rp)
{
	bs_table_release(&rp->hindex);
	bs_table_release(&rp->countries);
	bs_table_release(&rp->pairs);
	bs_table_release(&rp->keywords);
	bs_strbuf_release(&rp->counted);
	memset(rp->have, 0, sizeof rp->have);
}

const char *bs_richpages_heading(bs_rich_page p)
{
	static const char *const h[BS_RICH_NPAGES] = {"Authors by h-index", "Countries", "Top author keywords"};
	return p < BS_RICH_NPAGES ? h[p] : "";
}

const char *bs_richpages_skip(const bs_richpages *rp, bs_rich_page p)
{
	static const char *const why[BS_RICH_NPAGES] = {
		"Authors by h-index: no page, as no paper of the selection has a citation count"
		" (WoS TC, Scopus Cited by).",
		"Countries: no page, as no paper of the selection has an address naming a country"
		" (WoS C1, Scopus Affiliations).",
		"Top author keywords: no page, as no paper of the selection lists author keywords"
		" (WoS DE, Scopus Author Keywords).",
	};
	if (p >= BS_RICH_NPAGES || rp->have[p])
		return "";
	return why[p];
}

void bs_richpages_note(const bs_richpages *rp, bs_rich_page p, bs_strbuf *out)
{
	switch (p) {
	case BS_RICH_HINDEX:
		bs_strbuf_addf(out, "%s\nh: h papers cited at least h times each; g: the g most cited papers have at"
			       " least g^2 citations;\nm: h / years since the author's first paper of the selection"
			       " (to the selection's last year).  bibscope authors --by h-index lists all.\n",
			       rp->counted.buf);
		break;
	case BS_RICH_COUNTRIES:
		bs_strbuf_adds(out, "A paper counts once for every country its addresses name (all addresses, not"
			       " only the\ncorresponding author's as biblioshiny counts): SCP, all its addresses in"
			       " one country;\nMCP, addresses in several.  Papers naming no country count for none."
			       "  bibscope countries lists all.\n");
		break;
	case BS_RICH_KEYWORDS:
		bs_strbuf_addf(out, "%lld of the %lld papers (%.1f%%) list author keywords; the shares are of those"
			       " papers.\nKeywords are grouped ignoring case, accents and punctuation, shown by their"
			       " most frequent spelling\n(bibscope topics --terms-from author-keywords).\n",
			       (long long)rp->kw_papers, (long long)rp->papers,
			       rp->papers ? 100.0 * (double)rp->kw_papers / (double)rp->papers : 0.0);
		break;
	default:
		break;
	}
}

int bs_richpages_chart_page(const char *chart)
{
	if (chart && !strcmp(chart, "countries"))
		return BS_RICH_COUNTRIES;
	if (chart && !strcmp(chart, "keyword-trends"))
		return BS_RICH_KEYWORDS;
	return -1;
}
