/* richpages.h - the report's pages on what rich records hold: authors by
 * h-index (store/impact.h), countries and their collaboration pairs
 * (store/countries.h), and the top author keywords
 * (analysis/keywords/kwterms.h), laid out as the tables the report's text
 * pages and index.html show.  A page the data cannot fill (a paper list
 * has no citation counts, addresses or keywords) is left out, and one line
 * (bs_richpages_skip) says why.
 */
#ifndef BS_RICHPAGES_H
#define BS_RICHPAGES_H

#include "base/error.h"
#include "base/strbuf.h"
#include "base/table.h"
#include "store/query.h"
#include "store/store.h"

#include <stdint.h>

/* The pages, in the report's order. */
typedef enum {
	BS_RICH_HINDEX,      /* authors by h-index */
	BS_RICH_COUNTRIES,   /* countries, their chart and collaboration pairs */
	BS_RICH_KEYWORDS,    /* top author keywords */
	BS_RICH_NPAGES
} bs_rich_page;

typedef struct bs_richpages {
	bs_table hindex;     /* rank, author, papers, citations, h, g, m */
	bs_strbuf counted;   /* "Citation counts: wos as of 2026-04-02 (5 papers); ..." */
	bs_table countries;  /* rank, country, papers, SCP, MCP, MCP % */
	bs_table pairs;      /* rank, country, country, papers */
	bs_table keywords;   /* rank, keyword, papers, % of papers with keywords */
	int64_t papers;      /* papers of the selection */
	int64_t kw_papers;   /* of them, those listing author keywords */
	int have[BS_RICH_NPAGES];
} bs_richpages;

/* Row counts of the pages. */
#define BS_RICH_TOP_AUTHORS 15
#define BS_RICH_TOP_COUNTRIES 15
#define BS_RICH_TOP_PAIRS 15
#define BS_RICH_TOP_KEYWORDS 20

/* The tables of the papers f selects; rp initialised here, release it
 * (also after an error) with bs_richpages_release.  Errors: BS_ERR_DB. */
int bs_richpages_compute(bs_store *s, const bs_filter *f, bs_richpages *rp, bs_error *err);
void bs_richpages_release(bs_richpages *rp);   /* safe twice */

/* The page's heading ("Authors by h-index", ...). */
const char *bs_richpages_heading(bs_rich_page p);
/* The line that says why page p is left out ("" when it is not). */
const char *bs_richpages_skip(const bs_richpages *rp, bs_rich_page p);
/* The text below page p's table (the counts' source, the attribution of
 * countries, the keyword coverage), into out (appended). */
void bs_richpages_note(const bs_richpages *rp, bs_rich_page p, bs_strbuf *out);

/* The page a chart of bs_charts[] belongs to (the "countries" chart: the
 * countries page), -1 for the other charts: the report draws it there and
 * leaves it out with its page. */
int bs_richpages_chart_page(const char *chart);

#endif
