/* impact.h - citation counts and what is built on them: authors' h, g and
 * m indices, the most cited papers, local citations and the most cited
 * references.
 *
 * Two kinds of citations.  Global: papers.times_cited, the count the
 * export carried ("Times Cited" TC of Web of Science, "Cited by" of
 * Scopus) as of papers.cited_as_of; a paper without one counts 0 and is
 * reported under "none" by bs_impact_sources.  Local: how many papers of
 * the selection cite the paper, by matching the references they carry
 * (paper_refs.ref_key, text/citref.h) against the paper's match keys
 * (bs_citref_paper_key, computed here in C for each selected paper: its
 * DOI key and, too, its author/year/volume/page key, so that a reference
 * without a DOI still finds a paper that has one).  Both the citing and
 * the cited paper must be in the selection, as bibliometrix counts local
 * citations within the collection; a paper citing itself is not counted.
 *
 * Every function takes the filters of store/query.h (f may be NULL),
 * fills a fresh table (out is always initialised; release it), and
 * returns BS_OK or BS_ERR_DB "PATH: WHAT: sqlite message".
 */
#ifndef BS_IMPACT_H
#define BS_IMPACT_H

#include "base/error.h"
#include "base/table.h"
#include "store/query.h"
#include "store/store.h"

typedef enum {
	BS_IMPACT_CITATIONS,   /* sum of times_cited */
	BS_IMPACT_HINDEX,      /* h-index */
	BS_IMPACT_GINDEX,      /* g-index */
	BS_IMPACT_MINDEX       /* m-index */
} bs_impact_metric;

/* Parse "citations", "h-index", "g-index", "m-index" (also "h", "g",
 * "m"); -1 when unknown. */
int bs_impact_metric_parse(const char *s);

/* Authors by metric, best first, ties by name then id; top <= 0: all.
 * Columns: author, papers, citations, h, g, m.  Of an author's papers in
 * the selection: h is the largest h with h papers cited >= h times each;
 * g the largest g (<= papers) whose g most cited papers have >= g^2
 * citations together; m = h / (L - F + 1), F the author's first
 * publication year in the selection and L the latest publication year of
 * the whole selection (bibliometrix's years since the first publication,
 * made reproducible: the selection's last year, not today's).  Papers
 * without a year do not move F; an author whose papers have no year has m
 * 0.  O(authorships log authorships). */
int bs_impact_authors(bs_store *s, const bs_filter *f, bs_impact_metric by, int top, bs_table *out,
		      bs_error *err);

/* Where the selection's citation counts come from: one row per source and
 * date (source, as_of, papers), most papers first; the papers without a
 * count under source "none", as_of empty.  O(papers). */
int bs_impact_sources(bs_store *s, const bs_filter *f, bs_table *out, bs_error *err);

typedef enum {
	BS_IMPACT_BY_CITATIONS,   /* times_cited, then local, year, title */
	BS_IMPACT_BY_LOCAL,       /* local citations, then times_cited, year, title */
	BS_IMPACT_BY_YEAR         /* newest first, then times_cited, title */
} bs_impact_paper_order;

/* The selected papers in order, top <= 0: all.  Columns: title, first
 * author, year, venue, citations (times_cited, empty when unknown), local
 * citations, DOI, counted (cited_source and cited_as_of: "wos
 * 2026-04-02").  Ties end on the paper id.  O(papers + references of the
 * selection). */
int bs_impact_papers(bs_store *s, const bs_filter *f, bs_impact_paper_order order, int top, bs_table *out,
		     bs_error *err);

/* The references the selected papers cite, most citing papers first, ties
 * by the reference's text.  One row per cited work: the references whose
 * key (paper_refs.ref_key) matches the same paper of the whole database
 * (the way local citations match: a reference with the DOI and one with
 * author, year, volume and page are one work), else those sharing a key,
 * else those with the same text.  Columns: reference (the smallest raw
 * spelling), citing (papers of the selection citing it), first author,
 * year, source, DOI (parsed from that spelling), in corpus ("yes" when it
 * matches a paper of the database, else "no").  top <= 0: all.
 * O(references + papers of the database). */
int bs_impact_references(bs_store *s, const bs_filter *f, int top, bs_table *out, bs_error *err);

/* Citations per publication year of the selection: year, papers,
 * citations (sum of times_cited), mean per paper, citable years (C - year
 * + 1, C the year of the newest cited_as_of date of the selection, else
 * its latest publication year) and mean per citable year (mean per paper
 * / citable years: bibliometrix's MeanTCperYear), oldest year first;
 * papers without a year left out.  O(papers). */
int bs_impact_years(bs_store *s, const bs_filter *f, bs_table *out, bs_error *err);

#endif
