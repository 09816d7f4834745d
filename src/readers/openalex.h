/* openalex.h - OpenAlex works (https://docs.openalex.org, the Work object)
 * turned into records.  The "openalex" format shares the JSON reader of
 * csljson.c (an API page {"meta": ..., "results": [works]}, a single
 * work, an array of works or JSON Lines); this module decides what is a
 * work and fills a record from one.
 *
 * Fields: id -> url, key "W..." and the "openalex" id; title (or
 * display_name); publication_year; doi; authorships[] -> authors
 * (author.display_name, else raw_author_name), their ORCID
 * (author.orcid) and addresses ("Institution, Country" from
 * institutions[].display_name and country_code, else
 * raw_affiliation_strings); primary_location.source.display_name (or the
 * older host_venue) -> venue; biblio -> volume, issue, pages; type;
 * language; cited_by_count (as of updated_date) -> cited, source
 * "openalex"; keywords[] (else concepts[]) and mesh[] -> indexed
 * keywords; referenced_works -> refs (OpenAlex IDs as written); ids.pmid,
 * ids.pmcid; abstract_inverted_index -> abstract.
 */
#ifndef BS_OPENALEX_H
#define BS_OPENALEX_H

#include "readers/reader.h"

#include <jansson.h>

/* 1 when o is an OpenAlex work: it has "authorships", or an "id" on
 * openalex.org and no CSL "author".  O(1). */
int bs_openalex_is_work(json_t *o);

/* Fill b's record from work o (not consumed).  O(size of o), plus
 * O(w log w) for an abstract of w words. */
void bs_openalex_build(bs_recbuild *b, json_t *o);

/* Sniff score of the first n bytes of a file: 90 when they hold
 * "authorships", or an openalex.org work id with "publication_year"
 * (above CSL-JSON's 80), else 0. */
int bs_openalex_sniff(const char *data, size_t n);

/* A bare ORCID ("0000-0002-1825-009X") from s, a URL
 * ("https://orcid.org/0000-...") or the bare form, into out (reset);
 * 1 when s holds one (16 digits, the last may be X, in 4 groups), else 0.
 * O(length of s). */
int bs_orcid_bare(const char *s, bs_strbuf *out);

/* The English short name of ISO 3166-1 alpha-2 code ("CN" -> "China",
 * "GB" -> "United Kingdom"), case-insensitive; NULL when unknown. */
const char *bs_openalex_country(const char *code);

#endif
