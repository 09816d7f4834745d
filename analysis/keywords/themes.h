/* themes.h - the thematic map: clusters of co-occurring terms.
 *
 * The n most frequent phrases (and words with `words`; terms found in more
 * than max_share of all papers are left out, so that "model" or "learning"
 * do not glue everything together) form a co-occurrence network: an edge joins two terms found
 * together in at least min_cooc papers, weighted by VOSviewer's
 * association strength c_ij / (c_i c_j) (scaled by the number of papers).
 * Leiden (modularity, seeded) clusters it into themes.  For each theme, as
 * bibliometrix's thematic map does (Cobo et al. 2011), Callon centrality =
 * 10 x the sum of the equivalence indexes e_ij = c_ij^2 / (c_i c_j) of its
 * links to other themes, and Callon density = 100 x the sum of e_ij inside
 * it divided by its number of terms.  The quadrant against the medians:
 * motor (central, dense), niche (dense, peripheral), emerging or declining
 * (neither), basic (central, not dense).
 */
#ifndef BS_THEMES_H
#define BS_THEMES_H

#include "store/query.h"
#include "store/store.h"
#include "base/table.h"

typedef struct bs_theme_opts {
	int n_terms;          /* default 250 */
	long min_cooc;        /* default 3 */
	double max_share;     /* default 0.2 */
	double resolution;    /* default 1 */
	unsigned long seed;   /* default 42 */
	int top_terms;        /* shown per theme (default 6) */
	int words;            /* 0: phrases only (default), 1: words too */
	int source;           /* the term tables' bs_terms_source (terms.h),
			       * recorded in the run's parameters */
	bs_filter filter;     /* the papers mapped (default: all); terms, their
			       * counts, co-occurrences and shares are theirs */
} bs_theme_opts;

void bs_theme_opts_init(bs_theme_opts *o);

/* Build, cluster, store (runs kind "themes", theme_terms, theme_summary)
 * and fill out: theme, terms, papers, centrality, density, quadrant, top
 * terms.  Needs the term tables.  Errors: BS_ERR_EMPTY (too few terms),
 * BS_ERR_DB, igraph; on error out is released (nothing to free).  Reads
 * one snapshot and stores the version of the terms run it read. */
int bs_themes_build(bs_store *s, const bs_theme_opts *o, bs_table *out, bs_error *err);

#endif
