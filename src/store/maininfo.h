/* maininfo.h - the "main information" of a selection of papers, the
 * overview bibliometrix and biblioshiny show first: timespan, sources,
 * documents and their types, growth, age, citations, authors and
 * collaboration, keywords, references and where the citation counts come
 * from.
 *
 * Every measure is of the papers a bs_filter selects (NULL or inactive:
 * the whole database).  A measure whose field no selected paper carries
 * (no year, no venue, no citation count, no country, no keyword, no
 * reference) is missing, never 0: a paper list has no citation counts, and
 * "0 citations per document" would read as a fact about the papers.
 */
#ifndef BS_MAININFO_H
#define BS_MAININFO_H

#include "base/error.h"
#include "base/table.h"
#include "store/query.h"
#include "store/store.h"

#include <jansson.h>

typedef struct bs_maininfo {
	long documents;
	int first_year, last_year;   /* 0: no selected paper has a year */
	long first_docs, last_docs;  /* documents of the first and last year */
	long sources;                /* distinct venues; -1: no paper has one */
	/* ((last_docs / first_docs)^(1 / (last - first)) - 1) * 100, as
	 * bibliometrix; has_growth 0 with fewer than two years */
	double growth;
	int has_growth;
	/* mean of (this_year - year) over the papers with a year */
	double avg_age;
	int has_age;
	/* mean times_cited over the with_cited papers that have a count
	 * (missing when with_cited is 0) */
	double avg_cited;
	long with_cited;
	long authors;                /* distinct authors of the selection */
	long authors_single;         /* distinct authors of single-authored papers */
	long single_docs;            /* papers with exactly one author */
	double coauthors;            /* mean n_authors over the documents */
	/* papers whose affiliations name >= 2 distinct countries, per 100
	 * documents; with_country papers name any country (missing when 0) */
	double intl_pct;
	long intl_docs, with_country;
	long author_keywords;        /* distinct keys, kind 'author'; -1: none */
	long indexed_keywords;       /* distinct keys, kind 'indexed'; -1: none */
	long references;             /* rows of paper_refs; -1: none */
	bs_table types;              /* type, documents: most first, ties by type;
	                              * a paper without one under "unknown" */
	bs_table cited;              /* source, as_of, documents: the papers with
	                              * a citation count, by where and when it
	                              * was read (most first) */
} bs_maininfo;

/* The year document ages count from: the year of SOURCE_DATE_EPOCH when
 * that is set to a number (reproducible outputs, tests), else this UTC
 * year. */
int bs_maininfo_this_year(void);

/* Fill mi (initialised here; release with bs_maininfo_release, also after
 * an error) with the main information of the papers f selects; ages
 * count from this_year (<= 0: bs_maininfo_this_year()).  One pass over
 * the selected papers and one over each of their bylines, keywords,
 * affiliations and references (all by index from the paper).
 * Errors: BS_ERR_DB. */
int bs_maininfo_query(bs_store *s, const bs_filter *f, int this_year, bs_maininfo *mi, bs_error *err);
void bs_maininfo_release(bs_maininfo *mi);   /* safe twice */

/* mi as measure,value rows (both text; missing where a measure is
 * missing: "-" for people, NULL (an empty cell) for data exports),
 * in biblioshiny's order; one "documents: TYPE" row per type and one
 * "citation counts: SOURCE as of DATE" row per source and date.  With
 * brief set, the rows bs_query_summary already gives (documents,
 * authors, timespan) are left out.  out is initialised here. */
void bs_maininfo_table(const bs_maininfo *mi, int brief, const char *missing, bs_table *out);

/* mi as a new JSON object with stable keys (null where missing):
 * first_year, last_year, sources, documents, document_types {type: n},
 * annual_growth_rate, document_average_age,
 * average_citations_per_document, documents_with_citation_count,
 * authors, authors_of_single_authored_documents,
 * single_authored_documents, coauthors_per_document,
 * international_coauthorship_pct, documents_with_country,
 * author_keywords, indexed_keywords, references,
 * citation_counts [{source, as_of, documents}].  Reals have two decimals.
 * json_decref it. */
json_t *bs_maininfo_json(const bs_maininfo *mi);

/* The top papers by citation count among those f selects that have one:
 * rank, title, first_author, year, citations, source, as_of; ties by
 * year, title, id.  top <= 0: 10.  out is initialised here.  O(papers
 * selected).  Errors: BS_ERR_DB. */
int bs_maininfo_most_cited(bs_store *s, const bs_filter *f, int top, bs_table *out, bs_error *err);

#endif
