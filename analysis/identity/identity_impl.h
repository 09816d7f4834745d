/* identity_impl.h - the data identity resolution works on (private to
 * analysis/identity/). */
#ifndef BS_IDENTITY_IMPL_H
#define BS_IDENTITY_IMPL_H

#include "analysis/identity/identity.h"
#include "base/arena.h"
#include "base/hashmap.h"
#include "base/strbuf.h"
#include "base/u64map.h"
#include "analysis/identity/profile.h"

#include <stdint.h>

#define IDN_GROW(arr, n, cap)                                                  \
	do {                                                                   \
		if ((n) >= (cap)) {                                            \
			(cap) = (cap) ? 2 * (cap) : 64;                        \
			(arr) = bs_xrealloc((arr), (cap) * sizeof *(arr));     \
		}                                                              \
	} while (0)

enum { IDN_SCHEMES = 4 };   /* orcid, scopus, researcherid, dblp */

typedef struct idn_name {
	int64_t id;
	const char *key, *display;   /* arena */
	int32_t block, family, given; /* block index; family and first given token ids */
	int32_t nment;
	int32_t extra_given;         /* given names after the first */
	double amb;                  /* expected people per name (see identity.c) */
} idn_name;

typedef struct idn_mention {
	int64_t person;              /* current author_id */
	int32_t paper, name;         /* indexes */
	int32_t pos;
	int32_t inst, country;       /* token ids, -1 none */
	int32_t tag;                 /* alias person rule, -1 none */
	uint64_t ids[IDN_SCHEMES];   /* hashed values, 0 none */
} idn_mention;

typedef struct idn_paper {
	int64_t id, venue;
	int32_t year, first, n;      /* mentions[first .. first + n) */
	int32_t tfirst, tn;          /* terms[tfirst .. tfirst + tn) */
	int32_t inst, country;       /* paper-level address, -1 none */
} idn_paper;

typedef struct idn_data {
	bs_arena arena;
	idn_name *names;
	size_t nnames, names_cap;
	int32_t *name_of_id;         /* authors id -> name index, -1; size max_id + 1 */
	size_t name_of_cap;
	bs_hashmap person_rows;      /* "<key>#k" -> authors id */
	idn_mention *m;
	size_t nm, m_cap;
	idn_paper *p;
	size_t np, p_cap;
	int32_t *terms;
	size_t nterms, terms_cap;
	bs_hashmap tokens;           /* token -> id */
	const char **token_str;      /* id -> token (arena) */
	size_t ntokens, token_cap;
	int32_t nblocks;
	int32_t *block_first, *block_n, *block_m;   /* mentions of each block */
	bs_identity_state state;
} idn_data;

/* Load everything resolution reads; O(rows).  Release safe twice. */
int idn_load(bs_store *s, idn_data *d, bs_error *err);
void idn_release(idn_data *d);
int32_t idn_token(idn_data *d, const char *s, size_t n);
/* The index of paper id (papers are sorted by id), or -1.  O(log papers). */
int32_t idn_paper_index(const idn_data *d, int64_t id);
/* The byline of paper id at 0-based position pos, or NULL. */
idn_mention *idn_mention_at(idn_data *d, int64_t paper, int pos);
/* Join the blocks of each pair of names (indexes; pairs[2k], pairs[2k+1]). */
void idn_join_blocks(idn_data *d, const int32_t *pairs, size_t npairs);

/* ---- alias rules (aliases.c) ---- */
typedef enum { IDN_RULE_SAME, IDN_RULE_APART, IDN_RULE_PERSON } idn_rule_kind;

typedef struct idn_rule {
	idn_rule_kind kind;
	long line;
	const char *label;           /* person rules */
	const char **names;          /* name keys (same/apart) */
	size_t nnames;
	const char **records;        /* person rules: record key */
	int *positions;              /* 1-based */
	size_t nrecords;
} idn_rule;

typedef struct idn_rules {
	bs_arena arena;
	idn_rule *r;
	size_t n, cap;
} idn_rules;

/* Parse alias text (path for messages); errors name path:line.  BS_ERR_FORMAT. */
int idn_rules_parse(const char *text, const char *path, idn_rules *out, bs_error *err);
void idn_rules_release(idn_rules *r);   /* safe twice */

/* ---- resolution (identity.c), shared with explain.c ---- */
/* Why a byline went where it did (bs_identity_explain). */
typedef enum {
	WHY_FIRST,      /* the first byline of its person */
	WHY_RULE,       /* an alias rule (line in arg) */
	WHY_ID,         /* the same identifier (scheme in arg) */
	WHY_COAUTHOR,   /* a shared co-author (name index in arg) */
	WHY_PROFILE,    /* similar co-authors' co-authors, venues, terms (score) */
	WHY_RARE,       /* a rare name: one person unless the data says otherwise */
} why_kind;

/* A name's co-authors (sorted name indexes). */
typedef struct idn_nbrs {
	int32_t *id;
	size_t n;
} idn_nbrs;

typedef struct idn_ctx {
	idn_data *d;
	idn_rules rules;
	int32_t *group;          /* name -> same-rule group, -1 */
	u64map apart;            /* name pair (lo << 32 | hi) -> 1 */
	u64map cooccur;          /* the block's name pairs that share a paper */
	u64map compat;           /* the block's name pairs: 1 + bs_name_compatible */
	int32_t *name_first, *name_n, *name_m;   /* mentions of each name */
	idn_nbrs *nbr;           /* each name's co-authors (neighbours()) */
	char *nbr_done;
	int32_t *own;            /* name -> its block + 1 while the block is joined (mark_coauthors) */
	uint64_t *cobit;         /* bit by name: a co-author of the block joined, outside it */
	/* the block being resolved, local indexes 0..L */
	int32_t *loc, *parent;
	size_t L, loc_cap;
	uint64_t (*ids)[IDN_SCHEMES];
	int32_t *tag;
	int32_t **nset;          /* the distinct names of a root's group */
	size_t *nset_n;
	int32_t **cpart;         /* a root's group's bylines' partners on one paper */
	size_t *cpart_n;
	int8_t *why;
	int32_t *why_arg;
	double *why_score;
	/* output */
	bs_identity_person *persons;
	size_t npersons, persons_cap;
	bs_identity_assign *assign;
	size_t nassign, assign_cap;
	bs_identity_pname *pnames;
	size_t npnames, pnames_cap;
	int64_t *redone;
	size_t nredone, redone_cap;
	bs_arena out_arena;
	int explain;             /* keep the reasons of the block */
	int64_t *explain_ref;    /* explain: each local byline's person ref */
	int32_t *explain_rank;   /* explain: its person's rank in the block */
} idn_ctx;

/* the log-odds at which a group joins a person (chosen: identity.c) */
#define JOIN_LOGODDS 2.5

/* Data, rules and per-name lists for resolving blocks of d; release safe twice. */
int idn_ctx_setup(bs_store *s, idn_ctx *c, idn_data *d, const char *aliases, const char *path, bs_error *err);
void idn_ctx_release(idn_ctx *c);
/* Resolve block b (groups in c), then the persons and writes it implies
 * (appended to c's output), then forget the block. */
void idn_resolve_block(idn_ctx *c, int32_t b);
void idn_block_output(idn_ctx *c, bs_strbuf *tmp);
void idn_block_release(idn_ctx *c);
/* Tests: set the rare-name cut and the join threshold (RARE_AMB 0.2 and
 * JOIN_LOGODDS by default), to see one kind of evidence alone. */
void idn_set_decision(double rare_amb, double join_logodds);

#endif
