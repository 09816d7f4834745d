/* venue.h - the match key of a venue name, so that one venue is one row
 * whichever export named it.
 *
 * The key starts as the text key (utf8.h bs_text_key: case-folded, accents
 * stripped, punctuation folded to spaces), then:
 *   - a trailing acronym in parentheses is the key: "International
 *     Conference on Learning Representations (ICLR)" -> "iclr", with an
 *     edition or a year after it dropped ("(NIPS 9)", "(ICGA'85)",
 *     "(SEKE2000)");
 *   - a proceedings title that names its venue by acronym and year, in
 *     a segment of its own between commas, colons, parentheses or dashes,
 *     is that acronym: "Genetic and Evolutionary Computation Conference,
 *     GECCO 2013, Proceedings, Amsterdam" -> "gecco", "KDD '25: The 31st
 *     ACM SIGKDD Conference ..." -> "kdd"; not a workshop, poster,
 *     demo, tutorial or student track ("SMIR@SIGIR 2014" stays apart
 *     from SIGIR); companion proceedings get the acronym and "companion"
 *     ("Genetic and Evolutionary Computation Conference Companion, GECCO
 *     2019, Prague" -> "gecco companion", as DBLP's "WWW (Companion
 *     Volume)" is "www companion");
 *   - a trailing volume or part number goes: "CVPR (1)" -> "cvpr",
 *     "AAAI/IAAI, Vol. 2" -> "aaai iaai", "..., PT IV"; a lettered part
 *     ("Part B") is a journal of its own and stays;
 *   - "proceedings of the", an edition ("28th", "Fifteenth", "Thirty
 *     Eighth", "2017") and "annual" go from the front: PMLR's
 *     "Proceedings of The 28th International Conference on Artificial
 *     Intelligence and Statistics" is AISTATS's long name;
 *   - a long name in a small table of AI venues becomes its acronym
 *     (AISTATS, COLT, CoRL, ICLR, ICML, NeurIPS as "nips", TMLR, CVPR,
 *     ICCV, ECCV, AAAI, IJCAI, ACL, EMNLP, KDD, UAI), and so do DBLP's
 *     names for some years of a series: "ML" (ICML 1988-1992),
 *     "AAAI/IAAI" (AAAI 1996-2002), "HLT-NAACL", and joint meetings
 *     filed under one series ("COLING-ACL", "EMNLP-CoNLL");
 *   - otherwise journal words become their ISO 4 abbreviations and the
 *     function words go ("of", "the", "and", ...), so that "Journal of
 *     Applied Physics" and "J. Appl. Phys." are both "j appl phys" (a
 *     table of about 150 words; a word it lacks is kept whole, so "J.
 *     Phys." and "Journal of Physiology" stay apart, and a name of one
 *     word is kept whole, so "Computer" and "Computing" stay apart).
 * Nothing else changes the text key.  "" when the name has no letter or
 * digit.  O(n); out is reset; input must be valid UTF-8.
 */
#ifndef BS_VENUE_H
#define BS_VENUE_H

#include "base/strbuf.h"

#include <stddef.h>

void bs_venue_key(const char *name, size_t n, bs_strbuf *out);

/* How good name is as the display name of its venue, 0 to 7: 4 when it
 * is the key itself up to case ("ICLR", "iclr", "EuCAP"), plus 2 when it
 * has capitals and 1 more when it has lowercase letters too, so that
 * "EuCAP" beats Web of Science's "EUCAP", "IEEE Access" beats "IEEE
 * ACCESS" and "ICLR" beats the paper lists' "iclr"; "International
 * Conference on Learning Representations" is 3, "neurips" 0.  A venue
 * shows the best spelling seen, the first of equal ones. */
int bs_venue_name_rank(const char *name);
#define BS_VENUE_RANK_BEST 7

/* The form of a venue name to show: the acronym that is its key, as
 * written, of a name with a trailing acronym ("FOGA" for "Foundations of
 * Genetic Algorithms (FOGA)", "CEC" for "... (CEC 2017)") or of a
 * proceedings title that names its venue by acronym and year ("GECCO" for
 * "Genetic and Evolutionary Computation Conference, GECCO 2013,
 * Proceedings, Amsterdam, The Netherlands, July 6-10, 2013"), so that no
 * year or place is shown for all years; else the name without a trailing
 * volume or part number ("ACCV Workshops" for "ACCV Workshops (1)",
 * "AAAI/IAAI" for "AAAI/IAAI, Vol. 2"), else the name.  Its venue key is
 * the name's.  O(n); out is reset. */
void bs_venue_display(const char *name, size_t n, bs_strbuf *out);

#endif
