/* affil.h - an affiliation string parsed into institution and country.
 *
 * Addresses come as exports write them: Web of Science "Tsinghua Univ,
 * Dept Comp Sci, Beijing 100084, Peoples R China", Scopus "Department of
 * Computer Science, Stanford University, Stanford, CA, United States",
 * MEDLINE "Department of X, University of Y, City, Country. a@b.org".
 * The country is the last comma-separated part that names one, through a
 * table of the variants real exports use ("Peoples R China", "USA",
 * "England"/"Scotland"/"Wales"/"North Ireland" -> United Kingdom, a US
 * state or ZIP code, a Chinese province at the end of an address, ...);
 * the institution is the part that names a university, institute, lab,
 * company or hospital (the first part in WoS addresses).  Pure text
 * functions: thread-safe, O(length of the address).
 */
#ifndef BS_AFFIL_H
#define BS_AFFIL_H

#include "base/strbuf.h"

#include <stddef.h>

/* The country of address s[0..n) in its English short name ("China",
 * "United States", "United Kingdom") into country; "" when none is
 * recognised.  The institution as written, trimmed, into institution; ""
 * when none.  Both outputs are reset first. */
void bs_affil_parse(const char *s, size_t n, bs_strbuf *institution, bs_strbuf *country);

/* The English short name of the country written as name[0..n) ("USA",
 * "Peoples R China": English names and the variants exports write, not
 * names in other languages), or NULL when it names none.
 * Case-insensitive; O(log table) by binary search. */
const char *bs_affil_country_name(const char *name, size_t n);

#endif
