/* bibfields.h - the rich record fields of a BibTeX entry (record.h), for
 * bibtex.c, and the note parsing RIS shares with it.
 *
 * Fields read (names lower-case, as bibtex.c stores them):
 *   keywords, author_keywords  author keywords, split at ';' when the
 *                              value has one, else at ','; in a Scopus
 *                              entry (author_keywords or source = Scopus)
 *                              keywords holds the index terms instead
 *   keywords-plus              indexed keywords (Web of Science)
 *   type, document_type        doc_type; else the entry type ("article")
 *   language                   language
 *   times-cited                cited, source "wos", as of DA (YYYY-MM-DD)
 *   note                       "Cited by: 12" (or "Cited By (since
 *                              1996): 12"): cited, source "scopus" in a
 *                              Scopus entry, else unknown
 *   unique-id                  BS_ID_WOS ("ISI:" written as "WOS:")
 *   url with "eid=2-s2.0-..."  BS_ID_EID (Scopus links)
 *   eprint + archiveprefix or eprinttype "arXiv"   BS_ID_ARXIV
 *   orcid-numbers, researcherid-numbers  "Name/ID; Name/ID": the author's
 *                              BS_ID_ORCID / BS_ID_RESEARCHERID, matched to
 *                              the byline by name (exact key, else
 *                              bs_author_near); BS_REC_AUTHOR_UNPLACED
 *                              when no single author matches
 *   affiliation, affiliations  addresses: Web of Science's Affiliation
 *                              (an entry with a WoS field, or whose
 *                              Affiliation has a reprint line)
 *                              lines "Name; Name, Address." go to the
 *                              named authors, its "(Corresponding Author)"
 *                              line only when that address is not
 *                              already there, its Affiliations (enhanced
 *                              organisation names) are not addresses and
 *                              are left out; elsewhere each ';'-separated
 *                              part is the paper's, and a value with no
 *                              ';' split at " and " into as many parts as
 *                              authors, each with a comma, goes to them
 *                              in order
 *   cited-references           refs, one per line (Web of Science)
 *   references                 refs, "; "-separated (Scopus,
 *                              bs_scopus_refs)
 *   article-number, art_number pages when there are none
 */
#ifndef BS_BIBFIELDS_H
#define BS_BIBFIELDS_H

#include "readers/reader.h"

/* One field of an entry: its lower-case name and raw value (LaTeX, braces
 * and all, as the parser read it). */
typedef struct bs_bibfield {
	bs_strbuf name, value;
} bs_bibfield;

/* Fill b's record's rich fields from the nf fields f of an entry of type
 * etype (lower-case); the authors are already in b.  Values are LaTeX-
 * decoded here.  O(total length), the name matching O(authors x ids). */
void bs_bibfields_build(bs_recbuild *b, const char *etype, const bs_bibfield *f, int nf);

/* The number after label in s[0..n), label matched case aside ("Cited
 * By: 12", "Cited By :12", "Cited By (since 1996): 12"); -1 when the label is absent or no digits
 * follow it.  O(n x label). */
long bs_note_count(const char *s, size_t n, const char *label);

/* "Export Date: 14 June 2023" in s[0..n) as "2023-06-14" into out (at
 * least 32 bytes): 1, else 0. */
int bs_note_export_date(const char *s, size_t n, char *out);

/* Case-insensitive search for the C string w in s[0..n); NULL when absent. */
const char *bs_find_ci(const char *s, size_t n, const char *w);

/* The byline index of an author written name[0..n) "Last, First" whose
 * key matched no byline name exactly, among ncands authors given by their
 * display names disp ("First Last") and, when inv is not NULL, as the
 * export wrote them ("Last, First"): the one candidate with the same
 * surname (in either form) whose given names start with the written ones
 * at a word boundary or the reverse ("Nurminen, Jukka" and "Nurminen,
 * Jukka K."), else the one with the same surname and first initial
 * ("Nurminen, JK").  -1 when none or several match, or name has no comma.
 * sur, given and cand are scratch buffers.  O(ncands x name length). */
int bs_author_near(const char *const *disp, const char *const *inv, size_t ncands, const char *name, size_t n,
		   bs_strbuf *sur, bs_strbuf *given, bs_strbuf *cand);

/* Scopus "References" refs[0..n) into b's references: split at "; " (a
 * ';' alone stays: "2002;99:15524-9"), a part that is only an author of
 * the next reference ("Cheng M.; Xue Y.; Cui M., Title...") joined to it.
 * Shared by the CSV and BibTeX readers so both give the same references.
 * O(n). */
void bs_scopus_refs(bs_recbuild *b, const char *refs, size_t n);

#endif
