/* identity.c - resolving bylines to persons (see identity.h). */
#include "analysis/identity/identity.h"
#include "analysis/identity/identity_impl.h"
#include "analysis/identity/profile.h"
#include "base/u64map.h"
#include "text/names.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* The decision, chosen on the DBLP benchmark (bench/identity) as the
 * values that meet precision >= 0.95 with the best F1: a name expected to
 * be shared by fewer than RARE_AMB people is one person unless a
 * constraint says otherwise; otherwise a group joins a person when the
 * log-odds of group_logit() reach JOIN_LOGODDS (identity_impl.h; p ~ 0.92). */
#define RARE_AMB 0.2

static double rare_amb = RARE_AMB, join_logodds = JOIN_LOGODDS;

void idn_set_decision(double rare, double join)
{
	rare_amb = rare;
	join_logodds = join;
}

/* ---- union-find with the group constraints ---- */

static int32_t find(idn_ctx *c, int32_t x)
{
	while (c->parent[x] != x) {
		c->parent[x] = c->parent[c->parent[x]];
		x = c->parent[x];
	}
	return x;
}

static int names_may_join(idn_ctx *c, int32_t a, int32_t b)
{
	const idn_name *na = &c->d->names[a], *nb = &c->d->names[b];
	uint64_t lo = (uint64_t)(a < b ? a : b), hi = (uint64_t)(a < b ? b : a);

	if (a == b)
		return 1;
	if (c->apart.count && u64_slot(&c->apart, lo << 32 | hi, 0))
		return 0;
	/* two names on one paper are two people everywhere */
	if (c->cooccur.count && u64_slot(&c->cooccur, lo << 32 | hi, 0))
		return 0;
	if (c->group[a] >= 0 && c->group[a] == c->group[b])
		return 1;
	{
		/* remembered per block: the same pairs come back at every join */
		int64_t *v = u64_slot(&c->compat, lo << 32 | hi, 1);
		if (!*v)
			*v = 1 + bs_name_compatible(na->key, nb->key);
		return *v == 2;
	}
}

/* 1 when the groups of roots ra and rb may be one person.  forced:
 * FORCED_RULE when an alias rule asks (only bylines of one paper, apart
 * rules and two person rules stand against it), FORCED_ID when an
 * identifier does (different identifiers of a scheme too), 0 for the
 * evidence (the names must be compatible as well). */
enum { FORCED_ID = 1, FORCED_RULE = 2 };

static int may_join(idn_ctx *c, int32_t ra, int32_t rb, int forced)
{
	/* the names first: in a block of many names most pairs end there */
	for (size_t i = 0; i < c->nset_n[ra]; i++)
		for (size_t j = 0; j < c->nset_n[rb]; j++) {
			int32_t a = c->nset[ra][i], b = c->nset[rb][j];
			uint64_t lo = (uint64_t)(a < b ? a : b), hi = (uint64_t)(a < b ? b : a);
			if (a != b && c->apart.count && u64_slot(&c->apart, lo << 32 | hi, 0))
				return 0;
			if (!forced && !names_may_join(c, a, b))
				return 0;
		}
	{
		/* a byline of one group shares a paper with one of the other:
		 * walk the shorter list of such partners */
		int32_t a = c->cpart_n[ra] <= c->cpart_n[rb] ? ra : rb, o = a == ra ? rb : ra;
		for (size_t i = 0; i < c->cpart_n[a]; i++)
			if (find(c, c->cpart[a][i]) == o)
				return 0;
	}
	/* two person rules are two people, whatever an identifier says */
	if (c->tag[ra] >= 0 && c->tag[rb] >= 0 && c->tag[ra] != c->tag[rb])
		return 0;
	if (forced == FORCED_RULE)
		return 1;
	/* one shared identifier does not overrule two different ones */
	for (int s = 0; s < IDN_SCHEMES; s++)
		if (c->ids[ra][s] && c->ids[rb][s] && c->ids[ra][s] != c->ids[rb][s])
			return 0;
	return 1;
}

static void join(idn_ctx *c, int32_t ra, int32_t rb)
{
	if (ra == rb)
		return;
	if (rb < ra) {   /* the smaller index is the root: deterministic */
		int32_t t = ra;
		ra = rb;
		rb = t;
	}
	c->parent[rb] = ra;
	if (c->cpart_n[rb]) {
		c->cpart[ra] = bs_xrealloc(c->cpart[ra], (c->cpart_n[ra] + c->cpart_n[rb]) * sizeof **c->cpart);
		memcpy(c->cpart[ra] + c->cpart_n[ra], c->cpart[rb], c->cpart_n[rb] * sizeof **c->cpart);
		c->cpart_n[ra] += c->cpart_n[rb];
		free(c->cpart[rb]);
		c->cpart[rb] = NULL;
		c->cpart_n[rb] = 0;
	}
	for (int s = 0; s < IDN_SCHEMES; s++)
		if (!c->ids[ra][s])
			c->ids[ra][s] = c->ids[rb][s];
	if (c->tag[ra] < 0)
		c->tag[ra] = c->tag[rb];
	for (size_t j = 0; j < c->nset_n[rb]; j++) {
		size_t i = 0;
		while (i < c->nset_n[ra] && c->nset[ra][i] != c->nset[rb][j])
			i++;
		if (i < c->nset_n[ra])
			continue;
		c->nset[ra] = bs_xrealloc(c->nset[ra], (c->nset_n[ra] + 1) * sizeof **c->nset);
		c->nset[ra][c->nset_n[ra]++] = c->nset[rb][j];
	}
}

/* Join the groups of local bylines x and y when allowed; 1 when joined
 * (or one already); the reason is recorded for x, the byline that comes
 * to y's group, unless x has one already. */
static int try_join(idn_ctx *c, int32_t x, int32_t y, int forced, why_kind why, int32_t arg, double score)
{
	int32_t rx = find(c, x), ry = find(c, y);

	if (rx == ry)
		return 1;
	if (!may_join(c, rx, ry, forced))
		return 0;
	if (c->explain) {
		/* the reason goes to x, or else to the root the join demotes
		 * (the larger index), so that one byline per person says
		 * "first" */
		int32_t who = c->why[x] == WHY_FIRST ? x : rx > ry ? rx : ry;
		if (c->why[who] == WHY_FIRST) {
			c->why[who] = (int8_t)why;
			c->why_arg[who] = arg;
			c->why_score[who] = score;
		}
	}
	join(c, rx, ry);
	return 1;
}

/* ---- one block ---- */

static void add_partner(idn_ctx *c, int32_t i, int32_t j)
{
	c->cpart[i] = bs_xrealloc(c->cpart[i], (c->cpart_n[i] + 1) * sizeof **c->cpart);
	c->cpart[i][c->cpart_n[i]++] = j;
}

static void block_setup(idn_ctx *c, int32_t b)
{
	idn_data *d = c->d;
	size_t L = (size_t)d->block_n[b];

	if (L > c->loc_cap) {
		c->loc_cap = L;
		c->parent = bs_xrealloc(c->parent, L * sizeof *c->parent);
		c->ids = bs_xrealloc(c->ids, L * sizeof *c->ids);
		c->tag = bs_xrealloc(c->tag, L * sizeof *c->tag);
		c->nset = bs_xrealloc(c->nset, L * sizeof *c->nset);
		c->nset_n = bs_xrealloc(c->nset_n, L * sizeof *c->nset_n);
		c->cpart = bs_xrealloc(c->cpart, L * sizeof *c->cpart);
		c->cpart_n = bs_xrealloc(c->cpart_n, L * sizeof *c->cpart_n);
		c->why = bs_xrealloc(c->why, L * sizeof *c->why);
		c->why_arg = bs_xrealloc(c->why_arg, L * sizeof *c->why_arg);
		c->why_score = bs_xrealloc(c->why_score, L * sizeof *c->why_score);
	}
	c->loc = d->block_m + d->block_first[b];
	c->L = L;
	if (c->cooccur.count) {
		u64_release(&c->cooccur);
		u64_init(&c->cooccur, 16);
	}
	if (c->compat.count) {
		u64_release(&c->compat);
		u64_init(&c->compat, 16);
	}
	for (size_t i = 0; i < L; i++) {
		const idn_mention *m = &d->m[c->loc[i]];
		c->parent[i] = (int32_t)i;
		memcpy(c->ids[i], m->ids, sizeof c->ids[i]);
		c->tag[i] = m->tag;
		c->nset[i] = bs_xmalloc(sizeof **c->nset);
		c->nset[i][0] = m->name;
		c->nset_n[i] = 1;
		c->cpart[i] = NULL;
		c->cpart_n[i] = 0;
		c->why[i] = WHY_FIRST;
		c->why_arg[i] = -1;
		c->why_score[i] = 0;
	}
	/* two bylines of one paper in the block: never one person.  The
	 * block's bylines are in paper order, so they are neighbours. */
	for (size_t i = 0; i + 1 < L; i++)
		for (size_t j = i + 1; j < L && d->m[c->loc[j]].paper == d->m[c->loc[i]].paper; j++) {
			add_partner(c, (int32_t)i, (int32_t)j);
			add_partner(c, (int32_t)j, (int32_t)i);
			{
				int32_t x = d->m[c->loc[i]].name, y = d->m[c->loc[j]].name;
				uint64_t lo = (uint64_t)(x < y ? x : y), hi = (uint64_t)(x < y ? y : x);
				if (x != y)
					*u64_slot(&c->cooccur, lo << 32 | hi, 1) = 1;
			}
		}
}

void idn_block_release(idn_ctx *c)
{
	for (size_t i = 0; i < c->L; i++) {
		free(c->nset[i]);
		free(c->cpart[i]);
	}
	c->L = 0;
}

/* Alias rules and identifiers: the same tag, same-rule group or
 * identifier value joins, whatever the rest says. */
static void join_forced(idn_ctx *c)
{
	idn_data *d = c->d;
	u64map first;

	u64_init(&first, c->L);
	for (size_t i = 0; i < c->L; i++) {
		const idn_mention *m = &d->m[c->loc[i]];
		int32_t g = c->group[m->name];
		if (m->tag >= 0) {
			int64_t *v = u64_slot(&first, (uint64_t)m->tag << 8 | 1, 1);
			if (*v)
				(void)try_join(c, (int32_t)i, (int32_t)(*v - 1), FORCED_RULE, WHY_RULE, -1, 0);
			else
				*v = (int64_t)i + 1;
		}
		if (g >= 0) {
			int64_t *v = u64_slot(&first, (uint64_t)g << 8 | 2, 1);
			if (*v)
				(void)try_join(c, (int32_t)i, (int32_t)(*v - 1), FORCED_RULE, WHY_RULE, -1, 0);
			else
				*v = (int64_t)i + 1;
		}
	}
	for (int s = 0; s < IDN_SCHEMES; s++)
		for (size_t i = 0; i < c->L; i++) {
			uint64_t h = d->m[c->loc[i]].ids[s];
			int64_t *v;
			if (!h)
				continue;
			v = u64_slot(&first, (h & ~(uint64_t)0xff) | (uint64_t)(3 + s), 1);
			if (*v)
				(void)try_join(c, (int32_t)i, (int32_t)(*v - 1), FORCED_ID, WHY_ID, s, 0);
			else
				*v = (int64_t)i + 1;
		}
	u64_release(&first);
}

/* Bylines with a co-author name in common join (when their names may). */
static void join_coauthors(idn_ctx *c)
{
	idn_data *d = c->d;
	u64map seen;

	u64_init(&seen, c->L * 4);
	for (size_t i = 0; i < c->L; i++) {
		const idn_mention *m = &d->m[c->loc[i]];
		const idn_paper *p = &d->p[m->paper];
		for (int32_t k = 0; k < p->n; k++) {
			const idn_mention *o = &d->m[p->first + k];
			int64_t *v;
			if (o == m)
				continue;
			v = u64_slot(&seen, (uint64_t)o->name, 1);
			if (!*v)
				*v = (int64_t)i + 1;
			else if (!try_join(c, (int32_t)i, (int32_t)(*v - 1), 0, WHY_COAUTHOR, o->name, 0))
				continue;
		}
	}
	u64_release(&seen);
}

/* ---- groups compared ---- */


/* A person's profile: what group_logit compares a group with.  co2 only
 * asks whether a name is a co-author of a co-author, so hop2 is a set
 * (counts 1): a co-author's neighbours are added once, when the person
 * first shows that co-author. */
typedef struct idn_pprof {
	idn_imap co, venue, term;
	idn_iset hop2;
	int32_t ymin, ymax, size;
} idn_pprof;

typedef struct idn_group {
	int32_t root;
	int32_t size;
	int built;          /* pr holds the group's profile (built when first compared) */
	int pbuilt;         /* a person's: pp holds its profile */
	const int32_t *members;
	size_t nmem;
	size_t *extra, nextra;   /* a person's: the groups that joined it */
	idn_profile pr;
	idn_pprof pp;
} idn_group;

static int cmp_group(const void *x, const void *y)
{
	const idn_group *a = x, *b = y;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->root > b->root) - (a->root < b->root);
}

/* The block's bylines grouped by root: members[start[r] .. start[r + 1])
 * are root r's local bylines, in order.  Both arrays are the caller's. */
static void group_members(idn_ctx *c, int32_t **members, int32_t **start)
{
	int32_t *m = bs_xmalloc((c->L ? c->L : 1) * sizeof *m), *st = bs_xcalloc(c->L + 1, sizeof *st);
	int32_t *fill = bs_xcalloc(c->L + 1, sizeof *fill);

	for (size_t i = 0; i < c->L; i++)
		st[find(c, (int32_t)i) + 1]++;
	for (size_t i = 1; i <= c->L; i++)
		st[i] += st[i - 1];
	for (size_t i = 0; i < c->L; i++) {
		int32_t r = find(c, (int32_t)i);
		m[st[r] + fill[r]++] = (int32_t)i;
	}
	free(fill);
	*members = m;
	*start = st;
}

/* The co-authors of a co-author name (at most HOP_CAP of its bylines: a
 * very prolific co-author says little about whom one works with). */
#define HOP_CAP 200

/* The co-authors of name a over its first HOP_CAP bylines, computed once
 * per resolution: a prolific co-author is in many groups' profiles. */
static const idn_nbrs *neighbours(idn_ctx *c, int32_t a)
{
	idn_data *d = c->d;
	idn_nbrs *nb = &c->nbr[a];
	idn_bag t;
	int32_t na = c->name_n[a] < HOP_CAP ? c->name_n[a] : HOP_CAP;

	if (c->nbr_done[a])
		return nb;
	memset(&t, 0, sizeof t);
	for (int32_t j = 0; j < na; j++) {
		const idn_paper *p = &d->p[d->m[c->name_m[c->name_first[a] + j]].paper];
		for (int32_t i = 0; i < p->n; i++)
			if (d->m[p->first + i].name != a)
				idn_bag_push(&t, d->m[p->first + i].name, 1);
	}
	idn_bag_finish(&t);
	nb->id = t.id;   /* the ids alone: the counts say nothing here */
	nb->n = t.n;
	free(t.cnt);
	c->nbr_done[a] = 1;
	return nb;
}

/* The profile of the bylines members[0 .. nmem): for comparing (venues)
 * or, with label, for labels (institutions). */
static void build_profile(idn_ctx *c, idn_profile *pr, const int32_t *members, size_t nmem, int label)
{
	idn_data *d = c->d;

	memset(pr, 0, sizeof *pr);
	for (size_t k = 0; k < nmem; k++) {
		const idn_mention *m = &d->m[c->loc[members[k]]];
		const idn_paper *p = &d->p[m->paper];
		pr->size++;
		if (p->year) {
			if (!pr->ymin || p->year < pr->ymin)
				pr->ymin = p->year;
			if (p->year > pr->ymax)
				pr->ymax = p->year;
		}
		if (p->venue && !label)
			idn_bag_push(&pr->venue, (int32_t)p->venue, 1);
		for (int32_t t = 0; t < p->tn; t++)
			idn_bag_push(&pr->term, d->terms[p->tfirst + t], 1);
		if (m->inst >= 0 && label)
			idn_bag_push(&pr->inst, m->inst, 1);
		for (int32_t i = 0; i < p->n; i++)
			if (&d->m[p->first + i] != m)
				idn_bag_push(&pr->co, d->m[p->first + i].name, 1);
	}
	idn_bag_finish(&pr->co);
	idn_bag_finish(&pr->venue);
	idn_bag_finish(&pr->term);
	idn_bag_finish(&pr->inst);
}

static void pprof_release(idn_pprof *pp)
{
	idn_imap_release(&pp->co);
	idn_iset_release(&pp->hop2);
	idn_imap_release(&pp->venue);
	idn_imap_release(&pp->term);
}

/* Person pp += group profile g.  A co-author new to the person brings its
 * neighbours to hop2: those a group of the block may ask about (marked
 * by mark_coauthors), which are a few of the thousands a common name's
 * co-authors have. */
static void pprof_add(idn_ctx *c, idn_pprof *pp, const idn_profile *g)
{

	for (size_t k = 0; k < g->co.n; k++) {
		const idn_nbrs *nb;
		if (idn_imap_add(&pp->co, g->co.id[k], g->co.cnt[k]))
			continue;
		nb = neighbours(c, g->co.id[k]);
		for (size_t i = 0; i < nb->n; i++)
			if (c->cobit[(uint32_t)nb->id[i] >> 6] >> (nb->id[i] & 63) & 1)
				idn_iset_put(&pp->hop2, nb->id[i]);
	}
	for (size_t k = 0; k < g->venue.n; k++)
		(void)idn_imap_add(&pp->venue, g->venue.id[k], g->venue.cnt[k]);
	for (size_t k = 0; k < g->term.n; k++)
		(void)idn_imap_add(&pp->term, g->term.id[k], g->term.cnt[k]);
	if (g->ymin && (!pp->ymin || g->ymin < pp->ymin))
		pp->ymin = g->ymin;
	if (g->ymax > pp->ymax)
		pp->ymax = g->ymax;
	pp->size += g->size;
}

/* The log-odds that group a and person p are one person.  The weights
 * were fitted (logistic regression) on DBLP's numbered homonyms: the
 * shared-corpus DBLP export with its numbers stripped, each comparison
 * this function makes labelled by the numbers (bench/identity scores the
 * result).  Title and keyword terms and venues weigh most; a common name
 * (amb) and large groups (DBLP's homonyms are prolific) weigh against. */
static double group_logit(const idn_profile *a, const idn_pprof *p, double amb)
{
	size_t co1 = idn_bag_common_map(&a->co, &p->co), co2 = idn_bag_common_set(&a->co, &p->hop2);
	int gap = 0;

	if (a->ymin && p->ymin)
		gap = a->ymin > p->ymax ? a->ymin - p->ymax : p->ymin > a->ymax ? p->ymin - a->ymax : 0;
	return 2.11 + 1.64 * (double)(co1 < 3 ? co1 : 3) +
	       0.70 * log1p((double)co2) +
	       1.85 * idn_bag_cosine_map(&a->venue, &p->venue) +
	       5.46 * idn_bag_cosine_map(&a->term, &p->term) -
	       2.57 * log10(amb > 1e-6 ? amb : 1e-6) -
	       0.96 * log1p(a->size) - 0.51 * log1p(p->size) +
	       0.07 * (gap > 4 ? gap - 4 : 0);
}

/* How common the names group ra and person rp share are (the largest
 * amb), or -1 when they share none; *rare when so uncommon that the groups
 * are one person unless a constraint says otherwise. */
static double shared_amb(idn_ctx *c, int32_t ra, int32_t rp, int *rare)
{
	double amb = -1;

	*rare = 0;
	for (size_t i = 0; i < c->nset_n[ra]; i++)
		for (size_t j = 0; j < c->nset_n[rp]; j++)
			if (c->nset[ra][i] == c->nset[rp][j] && c->d->names[c->nset[ra][i]].amb > amb)
				amb = c->d->names[c->nset[ra][i]].amb;
	if (amb >= 0 && amb < rare_amb)
		*rare = 1;
	return amb;
}

/* The largest amb of any name of ra or rp: different names are compared
 * as the commonest of them. */
static double max_amb(idn_ctx *c, int32_t ra, int32_t rp)
{
	double amb = 0;

	for (size_t i = 0; i < c->nset_n[ra]; i++)
		amb = c->d->names[c->nset[ra][i]].amb > amb ? c->d->names[c->nset[ra][i]].amb : amb;
	for (size_t j = 0; j < c->nset_n[rp]; j++)
		amb = c->d->names[c->nset[rp][j]].amb > amb ? c->d->names[c->nset[rp][j]].amb : amb;
	return amb;
}

/* Mark (set, or with clear unset) the names co2 may ask about in block
 * b: the co-authors of its bylines that are not in the block (a
 * co-author's co-author of the block's own name says nothing).  A bitmap
 * by name: pprof_add tests it for hundreds of millions of neighbours at
 * 1M papers, and 2M names fit in a quarter megabyte of cache. */
static void mark_coauthors(idn_ctx *c, int32_t b, int clear)
{
	idn_data *d = c->d;

	for (size_t k = 0; k < c->L; k++)
		c->own[d->m[c->loc[k]].name] = b + 1;
	for (size_t k = 0; k < c->L; k++) {
		const idn_paper *p = &d->p[d->m[c->loc[k]].paper];
		for (int32_t i = 0; i < p->n; i++) {
			uint32_t o = (uint32_t)d->m[p->first + i].name;
			if (c->own[o] == b + 1)
				continue;
			if (clear)
				c->cobit[o >> 6] &= ~((uint64_t)1 << (o & 63));
			else
				c->cobit[o >> 6] |= (uint64_t)1 << (o & 63);
		}
	}
}

/* Group i's profile, built when first compared. */
static void ensure_group(idn_ctx *c, idn_group *all, size_t i)
{
	if (!all[i].built) {
		build_profile(c, &all[i].pr, all[i].members, all[i].nmem, 0);
		all[i].built = 1;
	}
}

/* Person i's profile (the groups it holds), built when first compared. */
static void ensure_person(idn_ctx *c, idn_group *all, size_t i)
{
	idn_group *p = &all[i];

	if (p->pbuilt)
		return;
	for (size_t e = 0; e <= p->nextra; e++) {
		idn_group *x = e ? &all[p->extra[e - 1]] : p;
		ensure_group(c, all, e ? p->extra[e - 1] : i);
		pprof_add(c, &p->pp, &x->pr);
		idn_profile_release(&x->pr);   /* the group is compared no more */
		x->built = 0;
	}
	p->pbuilt = 1;
}

/* ---- which persons a group may join ---- */

/* A group compares only with the persons whose names may all be its
 * names': a block of a common family name holds hundreds of given names,
 * and checking each person cost a fifth of the resolution at 1M papers.
 * Persons are listed by the first given names they show, spelled out
 * (bs_name_first_given: two such names that differ, neither the start of
 * the other, are never compatible), or in allinit when they show none.
 * Candidates are a superset, in person order: the checks that follow
 * (may_join) decide as before. */
typedef struct idn_ilist {
	int32_t *v;
	size_t n, cap;
} idn_ilist;

typedef struct idn_cand {
	int on;              /* 0: compare with every person (alias rules in the block) */
	const char **fs;     /* distinct spelled-out first given names, sorted */
	size_t *fl, nf;
	int32_t *fid_of;     /* block-local name slot -> fid, -1 none */
	idn_ilist *related;  /* fid -> fids that are it, its start or start with it */
	idn_ilist *bucket;   /* fid -> persons showing it */
	idn_ilist allinit;   /* persons showing no spelled-out first given name */
	idn_ilist out;       /* the candidates of the group asked last */
	uint64_t *bits;      /* cand_of's bitmap by person, zero between calls */
} idn_cand;

static void ilist_push(idn_ilist *l, int32_t v)
{
	IDN_GROW(l->v, l->n, l->cap);
	l->v[l->n++] = v;
}

static int cmp_fstr(const void *x, const void *y)
{
	const struct fstr {
		const char *s;
		size_t n;
	} *a = x, *b = y;
	int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

/* The fid of spelled-out first given name (s, n), or -1. */
static int32_t cand_find(const idn_cand *cd, const char *s, size_t n)
{
	size_t lo = 0, hi = cd->nf;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = memcmp(cd->fs[mid], s, cd->fl[mid] < n ? cd->fl[mid] : n);
		if (!c)
			c = (cd->fl[mid] > n) - (cd->fl[mid] < n);
		if (!c)
			return (int32_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The block's names (c->loc order) and their first given names. */
static void cand_setup(idn_ctx *c, idn_cand *cd, size_t ngroups)
{
	idn_data *d = c->d;
	struct fstr {
		const char *s;
		size_t n;
	} *f = bs_xmalloc((c->L ? c->L : 1) * sizeof *f);
	size_t nf = 0;

	memset(cd, 0, sizeof *cd);
	cd->on = 1;
	for (size_t i = 0; i < c->L; i++)
		if (c->group[d->m[c->loc[i]].name] >= 0)
			cd->on = 0;   /* a "same" rule joins names whatever they say */
	cd->fid_of = bs_xmalloc((c->L ? c->L : 1) * sizeof *cd->fid_of);
	cd->bits = bs_xcalloc(ngroups / 64 + 1, sizeof *cd->bits);
	for (size_t i = 0; i < c->L; i++) {
		f[nf].n = bs_name_first_given(d->names[d->m[c->loc[i]].name].key, &f[nf].s);
		if (f[nf].n > 1)
			nf++;
	}
	qsort(f, nf, sizeof *f, cmp_fstr);
	cd->fs = bs_xmalloc((nf ? nf : 1) * sizeof *cd->fs);
	cd->fl = bs_xmalloc((nf ? nf : 1) * sizeof *cd->fl);
	for (size_t i = 0; i < nf; i++)
		if (!cd->nf || cmp_fstr(&f[i], &f[i - 1])) {
			cd->fs[cd->nf] = f[i].s;
			cd->fl[cd->nf++] = f[i].n;
		}
	free(f);
	for (size_t i = 0; i < c->L; i++) {
		const char *s;
		size_t n = bs_name_first_given(d->names[d->m[c->loc[i]].name].key, &s);
		cd->fid_of[i] = n > 1 ? cand_find(cd, s, n) : -1;
	}
	cd->related = bs_xcalloc(cd->nf ? cd->nf : 1, sizeof *cd->related);
	cd->bucket = bs_xcalloc(cd->nf ? cd->nf : 1, sizeof *cd->bucket);
	for (size_t x = 0; x < cd->nf; x++) {
		/* the names that start with it follow it in sorted order */
		for (size_t y = x; y < cd->nf && cd->fl[y] >= cd->fl[x] && !memcmp(cd->fs[y], cd->fs[x], cd->fl[x]); y++)
			ilist_push(&cd->related[x], (int32_t)y);
		/* its own starts */
		for (size_t l = 2; l < cd->fl[x]; l++) {
			int32_t y = cand_find(cd, cd->fs[x], l);
			if (y >= 0)
				ilist_push(&cd->related[x], y);
		}
	}
}

static void cand_release(idn_cand *cd)
{
	for (size_t x = 0; x < cd->nf; x++) {
		free(cd->related[x].v);
		free(cd->bucket[x].v);
	}
	free(cd->related);
	free(cd->bucket);
	free(cd->fs);
	free(cd->fl);
	free(cd->fid_of);
	free(cd->allinit.v);
	free(cd->out.v);
	free(cd->bits);
	memset(cd, 0, sizeof *cd);
}

/* The first given name of a name of the block, by the local byline that
 * carries it (names of a group: its bylines'); -1 none. */
static int32_t group_fid(const idn_cand *cd, const idn_group *g)
{
	for (size_t i = 0; i < g->nmem; i++)
		if (cd->fid_of[g->members[i]] >= 0)
			return cd->fid_of[g->members[i]];
	return -1;
}

/* Person j shows the names of group g (its own, or one that joined it). */
static void cand_add(idn_cand *cd, const idn_group *g, int32_t j, int new_person)
{
	int any = 0;

	if (!cd->on)
		return;
	for (size_t i = 0; i < g->nmem; i++) {
		int32_t f = cd->fid_of[g->members[i]];
		if (f < 0)
			continue;
		any = 1;
		if (!cd->bucket[f].n || cd->bucket[f].v[cd->bucket[f].n - 1] != j)
			ilist_push(&cd->bucket[f], j);
	}
	if (!any && new_person)
		ilist_push(&cd->allinit, j);
}

/* The persons (of np) group g may join, in order, into cd->out; NULL when
 * every person must be compared. */
static const idn_ilist *cand_of(idn_cand *cd, const idn_group *g)
{
	int32_t f;
	uint32_t lo = UINT32_MAX, hi = 0;

	if (!cd->on || (f = group_fid(cd, g)) < 0)
		return NULL;
	/* set in a bitmap and read back in order: sorting the lists cost more */
	for (size_t r = 0; r <= cd->related[f].n; r++) {
		const idn_ilist *b = r < cd->related[f].n ? &cd->bucket[cd->related[f].v[r]] : &cd->allinit;
		for (size_t i = 0; i < b->n; i++) {
			uint32_t j = (uint32_t)b->v[i];
			cd->bits[j >> 6] |= (uint64_t)1 << (j & 63);
			lo = j < lo ? j : lo;
			hi = j > hi ? j : hi;
		}
	}
	cd->out.n = 0;
	for (uint32_t w = lo >> 6; lo <= hi && w <= hi >> 6; w++) {
		while (cd->bits[w]) {
			int bit = __builtin_ctzll(cd->bits[w]);
			ilist_push(&cd->out, (int32_t)(w * 64 + (uint32_t)bit));
			cd->bits[w] &= cd->bits[w] - 1;
		}
	}
	return &cd->out;
}

/* Groups of the block compared, largest first: each joins the person it
 * resembles most when the score clears the threshold, or starts one.
 * Profiles are built only for comparisons a rare name does not settle. */
static void join_profiles(idn_ctx *c, int32_t b)
{
	idn_group *g;
	idn_cand cd;
	int32_t *members, *start;
	size_t *pers, ng = 0, np = 0;

	for (size_t i = 0; i < c->L; i++)
		ng += find(c, (int32_t)i) == (int32_t)i;
	if (ng < 2)
		return;
	group_members(c, &members, &start);
	mark_coauthors(c, b, 0);
	g = bs_xcalloc(ng, sizeof *g);
	pers = bs_xmalloc(ng * sizeof *pers);
	ng = 0;
	for (size_t i = 0; i < c->L; i++)
		if (find(c, (int32_t)i) == (int32_t)i) {
			g[ng].root = (int32_t)i;
			g[ng].members = members + start[i];
			g[ng].nmem = (size_t)(start[i + 1] - start[i]);
			g[ng++].size = start[i + 1] - start[i];
		}
	qsort(g, ng, sizeof *g, cmp_group);
	cand_setup(c, &cd, ng);
	for (size_t k = 0; k < ng; k++) {
		size_t best = np;
		double bs = -1e18, bt = 0;
		int best_rare = 0;
		const idn_ilist *cl = cand_of(&cd, &g[k]);
		size_t ncand = cl ? cl->n : np;
		for (size_t q = 0; q < ncand; q++) {
			size_t j = cl ? (size_t)cl->v[q] : q;
			int32_t ra = find(c, g[k].root), rp = find(c, g[pers[j]].root);
			int rare;
			double t, sc, amb;
			if (!may_join(c, ra, rp, 0))
				continue;
			amb = shared_amb(c, ra, rp, &rare);
			if (rare) {
				sc = 1e9 - (double)j;   /* the largest person first */
			} else {
				ensure_group(c, g, k);
				ensure_person(c, g, pers[j]);
				if (amb < 0 && !idn_bag_common_map(&g[k].pr.co, &g[pers[j]].pp.co)) {
					/* different names without a co-author in common:
					 * only uncommon names in the same venues on the
					 * same subjects ("Michael Kearns" / "Michael J.
					 * Kearns"); "Richard Zhang" of vision and "Richard
					 * Y. Zhang" of optimisation stay two */
					if (max_amb(c, ra, rp) >= rare_amb ||
					    idn_bag_cosine_map(&g[k].pr.venue, &g[pers[j]].pp.venue) < 0.5 ||
					    idn_bag_cosine_map(&g[k].pr.term, &g[pers[j]].pp.term) < 0.15)
						continue;
				}
				sc = group_logit(&g[k].pr, &g[pers[j]].pp, amb < 0 ? max_amb(c, ra, rp) : amb);
			}
			t = join_logodds;
			if (sc >= t && sc - t > bs - bt) {
				best = j;
				bs = sc;
				bt = t;
				best_rare = rare;
			}
			if (rare && best == j)
				break;   /* no later person scores above a rare name's */
		}
		if (best == np) {
			cand_add(&cd, &g[k], (int32_t)np, 1);
			pers[np++] = k;
			continue;
		}
		{
			idn_group *p = &g[pers[best]];
			(void)try_join(c, g[k].root, p->root, 0, best_rare ? WHY_RARE : WHY_PROFILE, -1,
				       best_rare ? 0 : bs);
			cand_add(&cd, &g[k], (int32_t)best, 0);
			if (p->pbuilt) {
				ensure_group(c, g, k);
				pprof_add(c, &p->pp, &g[k].pr);
			}
			p->extra = bs_xrealloc(p->extra, (p->nextra + 1) * sizeof *p->extra);
			p->extra[p->nextra++] = k;
			idn_profile_release(&g[k].pr);
			g[k].built = 0;
		}
	}
	for (size_t k = 0; k < ng; k++) {
		idn_profile_release(&g[k].pr);
		pprof_release(&g[k].pp);
		free(g[k].extra);
	}
	free(g);
	free(pers);
	free(members);
	free(start);
	cand_release(&cd);
	mark_coauthors(c, b, 1);
}

/* ---- persons out of groups ---- */

typedef struct idn_person {
	int32_t root, base;      /* base: the name most of its bylines carry */
	int32_t size, first;
	int shared;              /* another person of the block shows the same name */
	int64_t ref;             /* authors id (> 0) or -(1 + index in c->persons) */
	int64_t label_off;
} idn_person;

static int cmp_person(const void *x, const void *y)
{
	const idn_person *a = x, *b = y;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->first > b->first) - (a->first < b->first);
}

/* A name's key without the DBLP number: what its display shows. */
static size_t shown_len(const char *key)
{
	size_t n = strlen(key);
	return n - bs_name_homonym_suffix(key, n);
}

static int better_name(const idn_data *d, int32_t a, long ca, int32_t b, long cb)
{
	size_t la = strlen(d->names[a].key), lb = strlen(d->names[b].key);
	if (ca != cb)
		return ca > cb;
	if (la != lb)
		return la > lb;
	return d->names[a].id < d->names[b].id;
}

/* Words of every field's titles: they tell no one apart in a label
 * (they still count in the comparisons, where they were fitted). */
static int label_stopword(const char *w)
{
	static const char *const sw[] = {
		"network", "networks", "neural", "deep", "real", "multi", "large", "robust", "general", "single",
		"high", "time", "free", "aware", "level", "scale", "task", "tasks", "problem", "problems", "fast",
		"better", "beyond", "make", "makes", "good", "work", "works", "simple", "efficiently", "effective",
		"training", "understanding", "framework", "applications", "application", "each", "other",
	};
	for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++)
		if (!strcmp(sw[i], w))
			return 1;
	return 0;
}

/* Count of id in sorted bag b, walking *j forward (ids asked in order). */
static int32_t bag_count(const idn_bag *b, int32_t id, size_t *j)
{
	while (*j < b->n && b->id[*j] < id)
		++*j;
	return *j < b->n && b->id[*j] == id ? b->cnt[*j] : 0;
}

/* "Yang Liu (Tsinghua Univ; translation; with Maosong Sun)": the
 * institution, the title term most typical of person k against the others
 * shown by the same name, and the most frequent co-author.  tot: the sum
 * of the profiles of the shared persons shown by k's name (k's own among
 * them when k is shared), or NULL; the others are tot less k's. */
static void person_label(idn_ctx *c, const idn_person *ps, size_t k, const idn_profile *prof,
			 const idn_profile *tot, bs_strbuf *out)
{
	idn_data *d = c->d;
	const idn_profile *g = &prof[k];
	static const idn_profile none;
	const idn_profile *t = tot ? tot : &none;
	int self = tot && ps[k].shared;   /* k's counts are in tot */
	int32_t inst = -1, co, term = -1, ic = 0, osize = t->size - (self ? g->size : 0);
	double best = -1e9;
	int parts = 0, other_inst = 0;
	size_t j = 0, jt = 0;

	/* the institution the others do not show, else the commonest */
	for (size_t i = 0; i < t->inst.n; i++)
		other_inst |= t->inst.cnt[i] - (self ? bag_count(&g->inst, t->inst.id[i], &j) : 0) > 0;
	j = 0;
	for (size_t i = 0; other_inst && i < g->inst.n; i++)
		if (bag_count(&t->inst, g->inst.id[i], &j) - (self ? g->inst.cnt[i] : 0) <= 0 && g->inst.cnt[i] > ic) {
			ic = g->inst.cnt[i];
			inst = g->inst.id[i];
		}
	if (inst < 0)
		inst = idn_bag_top(&g->inst);
	co = idn_bag_top(&g->co);
	for (size_t i = 0; i < g->term.n; i++) {
		double sc;
		int32_t oc = bag_count(&t->term, g->term.id[i], &jt) - (self ? g->term.cnt[i] : 0);
		sc = (double)g->term.cnt[i] / g->size - (osize ? (double)oc / osize : 0);
		if (g->term.cnt[i] < 2 && g->size > 1)
			sc -= 1;   /* a word of one title is no subject */
		if (label_stopword(d->token_str[g->term.id[i]]))
			sc -= 2;
		if (sc > best) {
			best = sc;
			term = g->term.id[i];
		}
	}
	bs_strbuf_reset(out);
	bs_strbuf_adds(out, d->names[ps[k].base].display);
	{
		/* DBLP's number, which the display hides, tells its persons
		 * apart and can be typed back ("Lei Zhang 0001") */
		const char *key = d->names[ps[k].base].key;
		size_t suf = bs_name_homonym_suffix(key, strlen(key));
		if (suf && !bs_name_homonym_suffix(out->buf, out->len))
			bs_strbuf_adds(out, key + strlen(key) - suf);
	}
	bs_strbuf_adds(out, " (");
	if (inst >= 0) {
		const char *s = d->token_str[inst], *comma = strchr(s, ',');
		bs_strbuf_add(out, s, comma ? (size_t)(comma - s) : strlen(s));
		parts++;
	}
	if (term >= 0) {
		bs_strbuf_addf(out, "%s%s", parts ? "; " : "", d->token_str[term]);
		parts++;
	}
	if (co >= 0) {
		bs_strbuf_addf(out, "%swith %s", parts ? "; " : "", d->names[co].display);
		parts++;
	}
	if (!parts)
		bs_strbuf_addf(out, "%d", (int)k + 1);
	bs_strbuf_addc(out, ')');
}

static int64_t add_person_row(idn_ctx *c, const char *key, const char *label)
{
	bs_identity_person *p;

	IDN_GROW(c->persons, c->npersons, c->persons_cap);
	p = &c->persons[c->npersons];
	p->key = bs_arena_strdup(&c->out_arena, key);
	p->label = bs_arena_strdup(&c->out_arena, label);
	p->id = 0;
	return -(int64_t)(++c->npersons);
}

/* Mentions per (person, name) of the block: map key person index << 32 | name. */
static void count_names(idn_ctx *c, const int32_t *pidx, u64map *pn, u64map *nroots)
{
	for (size_t i = 0; i < c->L; i++) {
		int32_t name = c->d->m[c->loc[i]].name;
		int64_t *v = u64_slot(pn, (uint64_t)pidx[find(c, (int32_t)i)] << 32 | (uint32_t)name, 1);
		if (!*v)
			++*u64_slot(nroots, (uint64_t)name, 1);
		++*v;
	}
}

/* A person's shown name (its base name's key without the DBLP number). */
typedef struct shown_ref {
	const char *s;
	size_t n, k;
} shown_ref;

static int cmp_shown(const void *x, const void *y)
{
	const shown_ref *a = x, *b = y;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return memcmp(a->s, b->s, a->n);
}

static int cmp_display(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	return strcmp(*a, *b);
}

/* For labels: the sum of the profiles of the shared persons of each
 * display name, and which sum each person's label compares against
 * (*tot_of[k], -1 none).  Summed by pushing every count and sorting once:
 * merging one person after another cost the sum for each, and a common
 * name has thousands of persons in one block. */
static void label_totals(idn_ctx *c, const idn_person *ps, size_t np, const idn_profile *prof,
			 idn_profile **tot, size_t *ntot, int32_t **tot_of)
{
	idn_data *d = c->d;
	/* (display, person) pairs sorted by display: a run is one name */
	struct disp {
		const char *s;
		size_t k;
	} *v = bs_xmalloc((np ? np : 1) * sizeof *v);
	size_t nt = 0;

	*tot_of = bs_xmalloc((np ? np : 1) * sizeof **tot_of);
	*tot = bs_xcalloc(np ? np : 1, sizeof **tot);
	for (size_t k = 0; k < np; k++) {
		v[k].s = d->names[ps[k].base].display;
		v[k].k = k;
		(*tot_of)[k] = -1;
	}
	qsort(v, np, sizeof *v, cmp_display);
	for (size_t i = 0; i < np;) {
		size_t e = i, nshared = 0;
		while (e < np && !strcmp(v[e].s, v[i].s))
			e++;
		for (size_t x = i; x < e; x++)
			nshared += ps[v[x].k].shared;
		if (nshared) {
			idn_profile *t = &(*tot)[nt];
			for (size_t x = i; x < e; x++) {
				const idn_profile *p = &prof[v[x].k];
				(*tot_of)[v[x].k] = (int32_t)nt;
				if (!ps[v[x].k].shared)
					continue;
				for (size_t q = 0; q < p->inst.n; q++)
					idn_bag_push(&t->inst, p->inst.id[q], p->inst.cnt[q]);
				for (size_t q = 0; q < p->term.n; q++)
					idn_bag_push(&t->term, p->term.id[q], p->term.cnt[q]);
				t->size += p->size;
			}
			idn_bag_finish(&t->inst);
			idn_bag_finish(&t->term);
			nt++;
		}
		i = e;
	}
	*ntot = nt;
	free(v);
}

/* The persons of block b: a name's own row when the person holds all of
 * the name's bylines and no other person of the block shows the same name;
 * else a row "<key>#k" labelled with what tells it apart.  Then the
 * bylines whose person changes and the names' person_names rows. */
void idn_block_output(idn_ctx *c, bs_strbuf *tmp)
{
	idn_data *d = c->d;
	idn_person *ps = NULL;
	idn_profile *prof = NULL;   /* each person's, when labels are needed */
	idn_profile *tot = NULL;    /* the shared persons' of each shown name */
	int32_t *tot_of = NULL;     /* person -> its name's tot, -1 none */
	int32_t *pidx = bs_xmalloc((c->L ? c->L : 1) * sizeof *pidx), *members, *start;
	size_t np = 0, nroots_n = 0, ntot = 0;
	shown_ref *order;
	u64map pn, nroots;

	u64_init(&pn, c->L);
	u64_init(&nroots, c->L);
	group_members(c, &members, &start);
	for (size_t i = 0; i < c->L; i++)
		nroots_n += find(c, (int32_t)i) == (int32_t)i;
	ps = bs_xcalloc(nroots_n ? nroots_n : 1, sizeof *ps);
	for (size_t i = 0; i < c->L; i++)
		if (find(c, (int32_t)i) == (int32_t)i) {
			ps[np].root = (int32_t)i;
			ps[np].first = (int32_t)i;
			ps[np].base = -1;
			np++;
		}
	for (size_t k = 0; k < np; k++)
		ps[k].size = start[ps[k].root + 1] - start[ps[k].root];
	qsort(ps, np, sizeof *ps, cmp_person);
	for (size_t k = 0; k < np; k++)
		pidx[ps[k].root] = (int32_t)k;
	count_names(c, pidx, &pn, &nroots);
	/* each person's base name */
	for (size_t k = 0; k < np; k++) {
		int32_t r = ps[k].root;
		long bc = 0;
		for (size_t j = 0; j < c->nset_n[r]; j++) {
			int32_t nm = c->nset[r][j];
			long cnt = (long)*u64_slot(&pn, (uint64_t)k << 32 | (uint32_t)nm, 1);
			if (ps[k].base < 0 || better_name(d, nm, cnt, ps[k].base, bc)) {
				ps[k].base = nm;
				bc = cnt;
			}
		}
	}
	/* shared: another person shows the same name (key without the DBLP
	 * number); sorted by that, such persons are neighbours */
	order = bs_xmalloc(np * sizeof *order);
	for (size_t k = 0; k < np; k++) {
		order[k].s = d->names[ps[k].base].key;
		order[k].n = shown_len(order[k].s);
		order[k].k = k;
	}
	qsort(order, np, sizeof *order, cmp_shown);
	for (size_t i = 0; i + 1 < np; i++)
		if (!cmp_shown(&order[i], &order[i + 1]))
			ps[order[i].k].shared = ps[order[i + 1].k].shared = 1;
	for (size_t k = 0; k < np; k++) {
		int32_t r = ps[k].root, own = -1;
		long oc = 0;
		if (!ps[k].shared && c->tag[r] < 0)
			for (size_t j = 0; j < c->nset_n[r]; j++) {
				int32_t nm = c->nset[r][j];
				long cnt = (long)*u64_slot(&pn, (uint64_t)k << 32 | (uint32_t)nm, 1);
				if (*u64_slot(&nroots, (uint64_t)nm, 1) == 1 && (own < 0 || better_name(d, nm, cnt, own, oc))) {
					own = nm;
					oc = cnt;
				}
			}
		if (own >= 0) {
			ps[k].ref = d->names[own].id;
			continue;
		}
		if (!prof) {   /* labels compare the persons: all profiles, once */
			prof = bs_xcalloc(np, sizeof *prof);
			for (size_t j = 0; j < np; j++)
				build_profile(c, &prof[j], members + start[ps[j].root],
					      (size_t)(start[ps[j].root + 1] - start[ps[j].root]), 1);
			label_totals(c, ps, np, prof, &tot, &ntot, &tot_of);
		}
		bs_strbuf_reset(tmp);
		bs_strbuf_addf(tmp, "%s#%d", d->names[ps[k].base].key, (int)k + 1);
		{
			bs_strbuf label = BS_STRBUF_INIT;
			int64_t *have = bs_hashmap_get(&d->person_rows, tmp->buf, tmp->len);
			bs_strbuf_init(&label);
			if (c->tag[r] >= 0)   /* a person rule names it */
				bs_strbuf_adds(&label, c->rules.r[c->tag[r]].label);
			else
				person_label(c, ps, k, prof, tot_of[k] >= 0 ? &tot[tot_of[k]] : NULL, &label);
			ps[k].ref = add_person_row(c, tmp->buf, label.buf);
			if (have)   /* the row exists: its id tells which bylines move */
				c->persons[-ps[k].ref - 1].id = *have;
			bs_strbuf_release(&label);
		}
	}
	for (size_t i = 0; i < c->L; i++) {
		const idn_mention *m = &d->m[c->loc[i]];
		int64_t ref = ps[pidx[find(c, (int32_t)i)]].ref;
		if (c->explain_ref) {
			c->explain_ref[i] = ref;
			c->explain_rank[i] = pidx[find(c, (int32_t)i)];
		}
		int64_t now = ref > 0 ? ref : c->persons[-ref - 1].id;
		if (now && now == m->person)
			continue;
		IDN_GROW(c->assign, c->nassign, c->assign_cap);
		c->assign[c->nassign].paper = d->p[m->paper].id;
		c->assign[c->nassign].position = m->pos;
		c->assign[c->nassign++].person = ref;
	}
	for (size_t i = 0; i < pn.cap; i++) {
		uint64_t key;
		int32_t k, nm;
		if (!pn.slot[i].key)
			continue;
		key = pn.slot[i].key - 1;
		k = (int32_t)(key >> 32);
		nm = (int32_t)(uint32_t)key;
		if (ps[k].ref == d->names[nm].id)
			continue;   /* the name's own row: not listed */
		IDN_GROW(c->pnames, c->npnames, c->pnames_cap);
		c->pnames[c->npnames].name = d->names[nm].id;
		c->pnames[c->npnames].person = ps[k].ref;
		c->pnames[c->npnames++].mentions = pn.slot[i].val;
	}
	for (size_t i = 0; i < nroots.cap; i++)
		if (nroots.slot[i].key) {
			IDN_GROW(c->redone, c->nredone, c->redone_cap);
			c->redone[c->nredone++] = d->names[nroots.slot[i].key - 1].id;
		}
	for (size_t k = 0; prof && k < np; k++)
		idn_profile_release(&prof[k]);
	for (size_t t = 0; t < ntot; t++)
		idn_profile_release(&tot[t]);
	free(prof);
	free(tot);
	free(tot_of);
	free(order);
	u64_release(&pn);
	u64_release(&nroots);
	free(ps);
	free(pidx);
	free(members);
	free(start);
}

/* ---- the rules applied ---- */

typedef struct rec_scan {
	bs_hashmap *want;   /* record key -> paper id (0 until found) */
} rec_scan;

/* A rule names a record by its key or by FILE:LINE; a key that several
 * records of different papers carry (BibTeX keys repeat across files)
 * is marked -1: ambiguous. */
static int on_record(void *ud, int64_t paper, const char *key, const char *locator)
{
	rec_scan *r = ud;
	const char *k[2] = {key, locator};

	for (int i = 0; i < 2; i++) {
		int64_t *v = k[i] ? bs_hashmap_get(r->want, k[i], strlen(k[i])) : NULL;
		if (v && !*v)
			*v = paper;
		else if (v && *v != paper)
			*v = -1;
	}
	return 0;
}

static int rule_name(idn_ctx *c, bs_hashmap *keys, const idn_rule *r, size_t i, const char *path, int32_t *out,
		     bs_error *err)
{
	int64_t *v = bs_hashmap_get(keys, r->names[i], strlen(r->names[i]));

	if (!v)
		return bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: no byline has the name '%s' (as a key)", path, r->line,
				    r->names[i]);
	*out = (int32_t)*v;
	(void)c;
	return BS_OK;
}

/* same: one group per rule (rules sharing a name share the group);
 * apart: name pairs; person: bylines tagged by the rule's index. */
static int apply_rules(bs_store *s, idn_ctx *c, const char *path, bs_error *err)
{
	idn_data *d = c->d;
	bs_hashmap keys, want;
	int32_t *pairs = NULL;
	size_t npairs = 0, pcap = 0;
	int rc = BS_OK;

	bs_hashmap_init(&keys);
	bs_hashmap_init(&want);
	for (size_t i = 0; i < d->nnames; i++)
		if (d->names[i].nment)
			bs_hashmap_put(&keys, d->names[i].key, strlen(d->names[i].key), (int64_t)i);
	for (size_t k = 0; !rc && k < c->rules.n; k++) {
		const idn_rule *r = &c->rules.r[k];
		int32_t first = -1, nm;
		for (size_t i = 0; !rc && i < r->nnames; i++) {
			rc = rule_name(c, &keys, r, i, path, &nm, err);
			if (rc)
				break;
			if (r->kind == IDN_RULE_SAME) {
				/* the group of the first name, joining groups */
				int32_t g = c->group[nm] >= 0 ? c->group[nm] : (int32_t)k;
				if (first < 0)
					first = g;
				for (size_t x = 0; g != first && x < d->nnames; x++)   /* two groups become one */
					if (c->group[x] == g)
						c->group[x] = first;
				c->group[nm] = first;
				if (i) {
					IDN_GROW(pairs, npairs, pcap);
					pairs = bs_xrealloc(pairs, 2 * pcap * sizeof *pairs);
					rule_name(c, &keys, r, 0, path, &pairs[2 * npairs], err);
					pairs[2 * npairs++ + 1] = nm;
				}
			} else if (r->kind == IDN_RULE_APART) {
				for (size_t j = 0; j < i; j++) {
					int32_t o;
					uint64_t lo, hi;
					rule_name(c, &keys, r, j, path, &o, err);
					lo = (uint64_t)(o < nm ? o : nm);
					hi = (uint64_t)(o < nm ? nm : o);
					*u64_slot(&c->apart, lo << 32 | hi, 1) = 1;
				}
			}
		}
		for (size_t i = 0; r->kind == IDN_RULE_PERSON && i < r->nrecords; i++)
			bs_hashmap_put(&want, r->records[i], strlen(r->records[i]), 0);
	}
	if (!rc && want.count) {
		rec_scan rs = {&want};
		rc = bs_identity_each_record(s, on_record, &rs, err);
	}
	for (size_t k = 0; !rc && k < c->rules.n; k++) {
		const idn_rule *r = &c->rules.r[k];
		int32_t first = -1;
		for (size_t i = 0; !rc && r->kind == IDN_RULE_PERSON && i < r->nrecords; i++) {
			int64_t *paper = bs_hashmap_get(&want, r->records[i], strlen(r->records[i]));
			idn_mention *m = paper && *paper > 0 ? idn_mention_at(d, *paper, r->positions[i] - 1) : NULL;
			if (paper && *paper < 0) {
				rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: the key '%s' names records of several papers"
						  " (in different files); name the record by FILE:LINE, its file as"
						  " ingested and its first line", path, r->line, r->records[i]);
				break;
			}
			if (!m) {
				rc = bs_error_set(err, BS_ERR_FORMAT, "%s:%ld: no byline %d in a record with the key '%s'",
						  path, r->line, r->positions[i], r->records[i]);
				break;
			}
			m->tag = (int32_t)k;
			/* tags join within a block: the names of one person rule
			 * share theirs, as a same rule's do */
			if (first < 0) {
				first = m->name;
			} else if (m->name != first) {
				IDN_GROW(pairs, npairs, pcap);
				pairs = bs_xrealloc(pairs, 2 * pcap * sizeof *pairs);
				pairs[2 * npairs] = first;
				pairs[2 * npairs++ + 1] = m->name;
			}
		}
	}
	if (!rc && npairs)
		idn_join_blocks(d, pairs, npairs);
	free(pairs);
	bs_hashmap_release(&keys);
	bs_hashmap_release(&want);
	return rc;
}

/* ---- the driver ---- */

void bs_identity_opts_init(bs_identity_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mode = BS_IDENTITY_PERSONS;
}

void idn_ctx_release(idn_ctx *c)
{
	free(c->group);
	u64_release(&c->apart);
	u64_release(&c->cooccur);
	u64_release(&c->compat);
	for (size_t i = 0; c->nbr && c->d && i < c->d->nnames; i++)
		free(c->nbr[i].id);
	free(c->nbr);
	free(c->nbr_done);
	free(c->own);
	free(c->cobit);
	free(c->name_first);
	free(c->name_n);
	free(c->name_m);
	free(c->parent);
	free(c->ids);
	free(c->tag);
	free(c->nset);
	free(c->nset_n);
	free(c->cpart);
	free(c->cpart_n);
	free(c->why);
	free(c->why_arg);
	free(c->why_score);
	free(c->persons);
	free(c->assign);
	free(c->pnames);
	free(c->redone);
	idn_rules_release(&c->rules);
	bs_arena_release(&c->out_arena);
	memset(c, 0, sizeof *c);
}

/* Loaded data, parsed rules and the per-name byline lists. */
int idn_ctx_setup(bs_store *s, idn_ctx *c, idn_data *d, const char *aliases, const char *path, bs_error *err)
{
	int32_t *fill;
	int rc;

	memset(c, 0, sizeof *c);
	c->d = d;
	bs_arena_init(&c->out_arena);
	u64_init(&c->apart, 16);
	u64_init(&c->cooccur, 16);
	u64_init(&c->compat, 16);
	c->group = bs_xmalloc((d->nnames + 1) * sizeof *c->group);
	for (size_t i = 0; i < d->nnames; i++)
		c->group[i] = -1;
	c->nbr = bs_xcalloc(d->nnames + 1, sizeof *c->nbr);
	c->nbr_done = bs_xcalloc(d->nnames + 1, 1);
	c->own = bs_xcalloc(d->nnames + 1, sizeof *c->own);
	c->cobit = bs_xcalloc(d->nnames / 64 + 1, sizeof *c->cobit);
	c->name_first = bs_xcalloc(d->nnames + 1, sizeof *c->name_first);
	c->name_n = bs_xcalloc(d->nnames + 1, sizeof *c->name_n);
	c->name_m = bs_xmalloc((d->nm + 1) * sizeof *c->name_m);
	for (size_t i = 0; i < d->nm; i++)
		c->name_n[d->m[i].name]++;
	for (size_t i = 1; i < d->nnames; i++)
		c->name_first[i] = c->name_first[i - 1] + c->name_n[i - 1];
	fill = bs_xcalloc(d->nnames + 1, sizeof *fill);
	for (size_t i = 0; i < d->nm; i++) {
		int32_t n = d->m[i].name;
		c->name_m[c->name_first[n] + fill[n]++] = (int32_t)i;
	}
	free(fill);
	rc = idn_rules_parse(aliases, path, &c->rules, err);
	if (!rc)
		rc = apply_rules(s, c, path ? path : "aliases", err);
	return rc;
}

void idn_resolve_block(idn_ctx *c, int32_t b)
{
	block_setup(c, b);
	join_forced(c);
	join_coauthors(c);
	join_profiles(c, b);
}

/* A block of one byline without a person rule (most blocks: a name
 * written once) is its name's own person: done here without the maps a
 * block's resolution sets up.  1 when so. */
static int single_byline(idn_ctx *c, int32_t b)
{
	idn_data *d = c->d;
	const idn_mention *m;

	if (d->block_n[b] != 1)
		return 0;
	m = &d->m[d->block_m[d->block_first[b]]];
	if (m->tag >= 0)
		return 0;
	if (m->person != d->names[m->name].id) {
		IDN_GROW(c->assign, c->nassign, c->assign_cap);
		c->assign[c->nassign].paper = d->p[m->paper].id;
		c->assign[c->nassign].position = m->pos;
		c->assign[c->nassign++].person = d->names[m->name].id;
	}
	IDN_GROW(c->redone, c->nredone, c->redone_cap);
	c->redone[c->nredone++] = d->names[m->name].id;
	return 1;
}

int bs_identity_resolve(bs_store *s, const bs_identity_opts *o, bs_identity_report *r, bs_error *err)
{
	idn_data d;
	idn_ctx c;
	bs_identity_update u;
	bs_strbuf tmp = BS_STRBUF_INIT;
	const char *aliases, *path;
	int rc, all;
	int64_t *touched_papers = NULL;
	size_t ntouched = 0;
	char *block_touched = NULL;

	memset(r, 0, sizeof *r);
	memset(&c, 0, sizeof c);
	memset(&d, 0, sizeof d);
	bs_strbuf_init(&tmp);
	rc = bs_store_lock(s, err);
	if (rc)
		goto done;
	memset(&u, 0, sizeof u);
	rc = bs_identity_state_get(s, &d.state, err);
	if (!rc)
		rc = bs_identity_touched_papers(s, d.state.resolved_file, &touched_papers, &ntouched, &u.resolved_file,
						err);
	if (rc)
		goto cleanup;
	u.mode = o->set_mode ? o->mode : d.state.mode;
	r->mode = u.mode;
	if (!ntouched && !o->rebuild && !o->set_aliases && u.mode == d.state.mode && d.state.resolved_at[0]) {
		/* no file since the last resolution brought a paper: nothing
		 * to load (a re-ingest of the same files) */
		rc = bs_identity_count(s, &r->counts, err);
		goto cleanup;
	}
	bs_identity_state_release(&d.state);
	rc = idn_load(s, &d, err);
	if (rc)
		goto cleanup;
	u.set_aliases = o->set_aliases;
	u.aliases = o->aliases_text;
	u.aliases_path = o->aliases_path;
	aliases = o->set_aliases ? o->aliases_text : d.state.aliases;
	path = o->set_aliases ? o->aliases_path : d.state.aliases_path;
	rc = idn_ctx_setup(s, &c, &d, aliases, path, err);
	if (rc)
		goto cleanup;
	r->blocks = d.nblocks;
	r->bylines = (long)d.nm;
	if (u.mode == BS_IDENTITY_PERSONS) {
		all = o->rebuild || o->set_aliases || d.state.mode == BS_IDENTITY_NAMES || !d.state.resolved_at[0];
		u.all = all;
		/* the blocks of every name on a paper the new files brought or
		 * merged into */
		block_touched = bs_xcalloc((size_t)d.nblocks + 1, 1);
		for (size_t k = 0; !all && k < ntouched; k++) {
			int32_t pi = idn_paper_index(&d, touched_papers[k]);
			for (int32_t i = 0; pi >= 0 && i < d.p[pi].n; i++)
				block_touched[d.names[d.m[d.p[pi].first + i].name].block] = 1;
		}
		for (int32_t b = 0; b < d.nblocks; b++) {
			if (!(all || block_touched[b]) || !d.block_n[b])
				continue;
			r->blocks_resolved++;
			r->bylines_resolved += d.block_n[b];
			if (single_byline(&c, b))
				continue;
			idn_resolve_block(&c, b);
			idn_block_output(&c, &tmp);
			idn_block_release(&c);
		}
		u.persons = c.persons;
		u.npersons = c.npersons;
		u.assign = c.assign;
		u.nassign = c.nassign;
		u.pnames = c.pnames;
		u.npnames = c.npnames;
		u.names_redone = c.redone;
		u.nredone = c.nredone;
	}
	rc = bs_identity_write(s, &u, err);
	r->reassigned = u.changed;
	free(touched_papers);
	touched_papers = NULL;
	if (!rc)
		rc = bs_identity_count(s, &r->counts, err);
cleanup:
	bs_store_unlock(s);
done:
	free(touched_papers);
	free(block_touched);
	idn_ctx_release(&c);
	idn_release(&d);
	bs_strbuf_release(&tmp);
	return rc;
}

