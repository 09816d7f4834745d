/* mainpages.h - the report's "Main information" and "Most cited papers"
 * pages: what store/maininfo.h answers, laid out as the text the report's
 * table pages and index.html show.
 */
#ifndef BS_MAINPAGES_H
#define BS_MAINPAGES_H

#include "base/error.h"
#include "base/strbuf.h"
#include "base/table.h"
#include "store/maininfo.h"
#include "store/query.h"
#include "store/store.h"

typedef struct bs_mainpages {
	bs_maininfo mi;
	bs_table main;      /* measure, value ("-" where missing) */
	bs_table cited;     /* rank, title, first author, year, citations,
	                     * counted (source and date): titles and names
	                     * shortened to fit a page */
	int have_cited;     /* 0: no selected paper has a citation count */
} bs_mainpages;

/* The measures and the top `top` papers by citation count (<= 0: 10) of
 * the papers f selects; mp initialised here, release it (also after an
 * error) with bs_mainpages_release.  Ages count from
 * bs_maininfo_this_year().  Errors: BS_ERR_DB. */
int bs_mainpages_compute(bs_store *s, const bs_filter *f, int top, bs_mainpages *mp, bs_error *err);
void bs_mainpages_release(bs_mainpages *mp);   /* safe twice */

/* The line that says why a page is left out ("" when it is not): the
 * most cited papers need citation counts. */
const char *bs_mainpages_cited_skip(const bs_mainpages *mp);

#endif
