/* record.h - one bibliographic record as a reader yields it.
 *
 * Every string is valid UTF-8, NUL-terminated and never NULL ("" when the
 * field is missing); they belong to the reader's arena and stay valid until
 * the next bs_reader_next() or bs_reader_close().  Text fields are already
 * cleaned (markup stripped, white space collapsed, NFC); author names are
 * NFKC-normalised (names.h).
 */
#ifndef BS_RECORD_H
#define BS_RECORD_H

#include "base/arena.h"

#include <stddef.h>

/* An identifier: of the paper (author -1), of the byline's author-th
 * name (0-based index into authors), or of an author not placed in the
 * byline (BS_REC_AUTHOR_UNPLACED).  Schemes (BS_ID_*): paper "wos"
 * (UT, "WOS:000..."), "eid" (Scopus), "pmid", "pmcid", "openalex"
 * ("W123"), "arxiv"; author "orcid" (0000-0002-1825-0097), "scopus"
 * (Scopus author ID), "researcherid", "dblp" (the DBLP name with its
 * person number, "Wei Wang 0001"). */
#define BS_ID_WOS "wos"
#define BS_ID_EID "eid"
#define BS_ID_PMID "pmid"
#define BS_ID_PMCID "pmcid"
#define BS_ID_OPENALEX "openalex"
#define BS_ID_ARXIV "arxiv"
#define BS_ID_ORCID "orcid"
#define BS_ID_SCOPUS_AUTHOR "scopus"
#define BS_ID_RESEARCHERID "researcherid"
#define BS_ID_DBLP "dblp"

/* bs_rec_id.author of an author's identifier whose author the export
 * names but the byline does not hold (a name spelled otherwise): stored
 * as the paper's author at no position, never as an id of the paper. */
#define BS_REC_AUTHOR_UNPLACED (-2)

typedef struct bs_rec_id {
	int author;
	const char *scheme;
	const char *value;
} bs_rec_id;

/* An affiliation as written, of the byline's author-th name (0-based),
 * or of the paper when the source does not say whose (author -1). */
typedef struct bs_rec_affil {
	int author;
	const char *text;
} bs_rec_affil;

typedef struct bs_record {
	const char *title;
	const char **authors;  /* nauthors names (NFKC, white space collapsed), in byline
				* order; a DBLP homonym suffix ("Richard Roberts 0001") may
				* remain: the store keeps it in the key, hides it in the name */
	size_t nauthors;
	const char *venue;     /* as written ("nips", "CVPR") */
	int year;              /* 0 when unknown */
	const char *doi;       /* bare, lower-case ("10.1109/cvpr.2023.1") */
	const char *url;
	const char *abstract;
	/* Where the record sits in its venue, as written ("" when unknown):
	 * volume, issue (BibTeX number), pages ("123-130", or the first page),
	 * and the record's own key in its file (BibTeX entry key, DBLP key).
	 * The dedup rules keep two records of one venue apart when these say
	 * they are two items (a monthly column of one editor). */
	const char *volume, *issue, *pages, *key;
	/* Rich fields; "" or 0 entries when the source lacks them. */
	const char *doc_type;  /* as written: "Article", "Proceedings Paper", "journal-article" */
	const char *language;  /* as written: "English" */
	long cited;            /* times cited by the source's count, -1 when it gives none */
	const char *cited_source;  /* whose count: "wos", "scopus", "openalex", "crossref", "pubmed" */
	const char *cited_as_of;   /* YYYY-MM-DD the count was exported, "" when the
				    * record does not say (the store then uses the file's date) */
	const char **keywords;     /* author keywords, as written, in order */
	size_t nkeywords;
	const char **index_keywords;   /* indexed keywords: Keywords Plus, MeSH, Scopus index terms */
	size_t nindex_keywords;
	const char **refs;     /* cited references, each raw as the source writes it */
	size_t nrefs;
	const bs_rec_id *ids;  /* identifiers beyond doi and key */
	size_t nids;
	const bs_rec_affil *affils;
	size_t naffils;
	long line;             /* 1-based line where the record starts */
	long position;         /* 1-based ordinal of the record in its file */
	/* Dedup keys, optional: bs_store_prepare_record() fills them (on the
	 * reader thread, see prefetch.h); NULL when not computed, and the store
	 * then computes them itself.  Same lifetime as the other strings. */
	const char *title_key, *url_key, *venue_key;
	const char **author_keys;   /* nauthors match keys ("" when no letter or digit) */
	const char **author_names;  /* nauthors display names (homonym suffix hidden) */
} bs_record;

/* Reset r to an empty record (all strings ""). */
void bs_record_clear(bs_record *r);

/* Extract a bare lower-case DOI from s ("https://doi.org/10.1/X",
 * "doi:10.1/x", "10.1/x") into the arena; NULL when s holds no DOI. */
const char *bs_record_doi_from(bs_arena *a, const char *s);

#endif
