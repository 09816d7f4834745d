/* citref.h - a cited reference parsed into its parts.
 *
 * References come as exports write them: Web of Science "Zhang Y, 2020,
 * IEEE T WIREL COMMUN, V19, P1234, DOI 10.1109/TWC.2020.123" (also
 * "[Anonymous], 2019, ..." and "DOI [10.1/a, 10.1/b]"), Scopus "Smith J.,
 * Doe A., Title of the paper, Journal Name, 12, 3, pp. 100-110, (2016)",
 * MEDLINE/CSL-JSON/OpenAlex a DOI or an identifier only.  Fields the
 * reference does not give stay empty (year 0).  Pure text functions:
 * thread-safe, O(length of the reference).
 */
#ifndef BS_CITREF_H
#define BS_CITREF_H

#include "base/strbuf.h"

typedef struct bs_citref {
	bs_strbuf first_author;   /* as written: "Zhang Y", "Smith J." */
	int year;                 /* 0 when none */
	bs_strbuf source;         /* journal or proceedings, as written */
	bs_strbuf volume;
	bs_strbuf page;           /* first page or article number */
	bs_strbuf doi;            /* bare, lower-case (bs_record_doi_from's form) */
	bs_strbuf key;            /* match key for local citations: "doi:<doi>"
				   * when there is a DOI, "openalex:w<n>" for an
				   * OpenAlex work id, else "<surname> <first
				   * initial> <year> v<volume> p<page>" folded
				   * (bs_text_key; each marker stays when its
				   * value is empty), "" when too little is known */
} bs_citref;

void bs_citref_init(bs_citref *c);
void bs_citref_release(bs_citref *c);

/* Parse reference s (NUL-terminated) into c (every field reset first). */
void bs_citref_parse(const char *s, bs_citref *c);

/* The same match key of a paper of the corpus, from its first author's
 * display name ("Yu Zhang"), year, volume and first page, or its DOI when
 * not "" (then "doi:<doi>"), into out (reset). */
void bs_citref_paper_key(const char *first_author, int year, const char *volume, const char *pages,
			 const char *doi, bs_strbuf *out);

/* The match key of a paper's identifier (paper_ids' scheme and value), the
 * key a reference naming it gets: "openalex" and "W2" (or its URL) ->
 * "openalex:w2".  out is reset and stays "" for a scheme references do not
 * carry or a malformed value.  O(length of value). */
void bs_citref_id_key(const char *scheme, const char *value, bs_strbuf *out);

#endif
