/* identity.h - author identity: each byline assigned to a person.
 *
 * Evidence, strongest first: the user's alias rules; identifiers in the
 * data (ORCID, Scopus author id, ResearcherID, DBLP person number: the same
 * value always joins, two values of one scheme never); then, within a
 * block of compatible names (text/names.h bs_name_compatible), bylines
 * sharing a co-author name; then the groups so formed are compared by
 * co-authors, co-authors of co-authors, venues, title and keyword terms,
 * years, how common the name is and the groups' sizes (a logistic score;
 * institutions and countries only label persons), and joined when the
 * score clears a threshold: a rare name is one person unless the data
 * says otherwise; "Wei Wang" needs evidence.  Two bylines of one paper are
 * never one person, nor two compatible names that share a paper.
 * Deterministic: fixed orders, no randomness.
 *
 * Features are co-author *names*, so a block's decisions depend on its own
 * bylines and their co-authors' names; ingest re-resolves only the blocks
 * with new papers.  How common a name is, and co-authors' co-authors, are
 * counted over the whole corpus, so a rebuild may still move a few bylines
 * of untouched blocks (measured in docs/user/identity.md).
 * Cost: O(bylines + sum over ambiguous blocks of groups x persons).
 */
#ifndef BS_IDENTITY_H
#define BS_IDENTITY_H

#include "base/table.h"
#include "store/identity.h"

typedef struct bs_identity_opts {
	int rebuild;                /* every block, not only those with new papers */
	int set_mode;               /* switch to mode */
	bs_identity_mode mode;
	int set_aliases;            /* replace the stored rules with aliases_text (NULL: none) */
	const char *aliases_text, *aliases_path;
} bs_identity_opts;

void bs_identity_opts_init(bs_identity_opts *o);

typedef struct bs_identity_report {
	bs_identity_mode mode;
	long blocks, blocks_resolved, bylines, bylines_resolved, reassigned;
	bs_identity_counts counts;   /* after the resolution */
} bs_identity_report;

/* Resolve (or, in names mode, undo) the identity of the bylines of s,
 * under the writer lock, and store the decisions (store/identity.h).  Alias
 * rules that name no byline are errors naming the file and line.
 * Errors: BS_ERR_FORMAT (alias file), BS_ERR_DB. */
int bs_identity_resolve(bs_store *s, const bs_identity_opts *o, bs_identity_report *r, bs_error *err);

/* The persons the bylines of name (as a user types it; every compatible
 * name of its block is included) went to, and why each byline went where
 * it did, recomputed from the stored data and rules: a table of person,
 * label, byline (record or paper, year, venue, title), name as written, and
 * the reason.  BS_ERR_NOTFOUND when no byline has a compatible name. */
int bs_identity_explain(bs_store *s, const char *name, bs_table *out, bs_error *err);

#endif
