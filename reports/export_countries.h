/* export_countries.h - the country collaboration network for other
 * tools, in the formats of the co-authorship export (export.h): GraphML,
 * GEXF 1.2draft, Pajek, CSV (edges + FILE-nodes.csv) and VOSviewer (map,
 * FILE-network.txt and FILE.json).
 *
 * A vertex is a country of the papers' addresses (store/countries.h)
 * with its papers, single- and multiple-country papers (scp, mcp) and
 * citations; an edge joins two countries with weight = the papers with
 * addresses in both.  Files are published whole, as export.h says.
 */
#ifndef BS_EXPORT_COUNTRIES_H
#define BS_EXPORT_COUNTRIES_H

#include "reports/export.h"
#include "store/query.h"

/* Countries of the papers f selects (may be NULL) with at least
 * o->min_papers papers, the o->top with most papers of those (0: all),
 * and the edges between them, written in o->format to path (o's
 * community, ego and depth do not apply).  st gets the vertices, edges
 * and paths written.  Errors: BS_ERR_EMPTY (no country), BS_ERR_USAGE
 * (a two-file format to standard output), BS_ERR_IO, BS_ERR_DB.
 * O(affiliation rows of the selection + edges log countries). */
int bs_export_countries(bs_store *s, const bs_filter *f, const bs_export_opts *o, const char *path,
			bs_export_stats *st, bs_error *err);

#endif
