/* homonyms.h - hints that one name may stand for several people.
 *
 * For each author with at least min_degree co-authors, take the ego network
 * without the author: the co-authors and the co-author links among them.
 * When it falls into two or more parts of at least min_part co-authors that
 * never co-author with each other, the name is flagged, with each part's
 * size, its joint papers with the author (summed over the part's
 * co-authors) and its most frequent co-author as evidence.  Names are
 * ranked by the joint papers outside their strongest part: other groups
 * with many papers are better evidence than one large team paper.  Nothing is
 * merged or split: this is a hint.  Cost: O(sum over flagged candidates of
 * their ego-network edges).
 */
#ifndef BS_HOMONYMS_H
#define BS_HOMONYMS_H

#include "analysis/graph/graph.h"
#include "base/table.h"

typedef struct bs_homonym_opts {
	int min_degree;    /* default 10 */
	int min_part;      /* default 3 */
	int top;           /* rows, 0 = all */
} bs_homonym_opts;

void bs_homonym_opts_init(bs_homonym_opts *o);

/* Table: rank, author, papers, coauthors, parts, co-authors/joint papers
 * per part, evidence. */
int bs_homonym_hints(const bs_coauthor_graph *g, const bs_homonym_opts *o, bs_table *out,
		     bs_error *err);

#endif
