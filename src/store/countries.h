/* countries.h - countries and institutions of the papers, from the
 * affiliations table (one row per address of a paper, its country and
 * institution parsed at ingest by text/affil.h).
 *
 * A paper's countries are those of all its affiliation rows, whether the
 * export ties the address to an author or not: a paper with addresses in
 * China and Germany counts once for China and once for Germany, and is a
 * multiple-country paper (MCP) for both; a paper whose addresses all name
 * one country is a single-country paper (SCP) of it.  bibliometrix counts
 * SCP/MCP by the corresponding author's country alone; the papers whose
 * addresses name no country count for none.
 *
 * Filters (store/query.h; NULL: every paper) select the papers first.
 * Results are fresh bs_tables (initialised here even on error; release
 * with bs_table_release).  Errors: BS_ERR_DB "PATH: WHAT: sqlite message".
 */
#ifndef BS_COUNTRIES_H
#define BS_COUNTRIES_H

#include "base/error.h"
#include "base/table.h"
#include "store/query.h"
#include "store/store.h"

/* Per country: rank, country, papers (each paper once per country), scp,
 * mcp, mcp_pct (100 * mcp / papers, one decimal), citations (sum of the
 * papers' times cited; papers without a count add 0), first and last
 * year (empty when no paper has one).  Sorted by papers (by_citations 0)
 * or by citations, then papers, then country name; top > 0 keeps that
 * many rows.  O(affiliation rows of the selection + countries log
 * countries). */
int bs_countries_table(bs_store *s, const bs_filter *f, int by_citations, int top, bs_table *out,
		       bs_error *err);

/* The country collaboration edges: country_a, country_b (a < b by name),
 * papers (papers with addresses in both).  Most papers first, ties by the
 * names; top > 0 keeps that many edges.  O(sum over papers of their
 * countries squared + edges log edges). */
int bs_countries_edges(bs_store *s, const bs_filter *f, int top, bs_table *out, bs_error *err);

/* Institutions by papers: rank, institution (the spelling most rows use,
 * ties by the first in byte order), country (the country most of its rows
 * name, "" when none), papers (distinct papers with a row of it).  Rows
 * are grouped by the text key (text/keys.h) of the institution, so "Univ
 * Tokyo" and "UNIV TOKYO" are one.  country (may be NULL): only the rows
 * of that country, written as any name bs_affil_country_name knows
 * ("USA", "United States") or as stored.  top > 0 keeps that many.
 * O(rows log rows) for the rows of the selection. */
int bs_countries_institutions(bs_store *s, const bs_filter *f, const char *country, int top, bs_table *out,
			      bs_error *err);

#endif
