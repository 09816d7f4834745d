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
	{
		/* a byline of one group shares a paper with one of the other:
		 * walk the shorter list of such partners */
		int32_t a = c->cpart_n[ra] <= c->cpart_n[rb] ? ra : rb, o = a == ra ? rb : ra;
		for (size_t i = 0; i < c->cpart_n[a]; i++)
			if (find(c, c->cpart[a][i]) == o)
				return 0;
	}
	for (size_t i = 0; i < c->nset_n[ra]; i++)
		for (size_t j = 0; j < c->nset_n[rb]; j++) {
			int32_t a = c->nset[ra][i], b = c->nset[rb][j];
			uint64_t lo = (uint64_t)(a < b ? a : b), hi = (uint64_t)(a < b ? b : a);
			if (a != b && c->apart.count && u64_slot(&c->apart, lo << 32 | hi, 0))
				return 0;
			if (!forced && !names_may_join(c, a, b))
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
	c->nconf = 0;
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
			if (c->nconf >= c->conf_cap) {
				c->conf_cap = c->conf_cap ? 2 * c->conf_cap : 16;
				c->conf = bs_xrealloc(c->conf, 2 * c->conf_cap * sizeof *c->conf);
			}
			c->conf[2 * c->nconf] = (int32_t)i;
			c->conf[2 * c->nconf++ + 1] = (int32_t)j;
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


typedef struct idn_group {
	int32_t root;
	int32_t size;
	int built;          /* pr holds the profile (built when first compared) */
	const int32_t *members;
	size_t nmem;
	size_t *extra, nextra;   /* the groups that joined this one */
	idn_profile pr;
} idn_group;

static int cmp_group(const void *x, const void *y)
{
	const idn_group *a = x, *b = y;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->root > b->root) - (a->root < b->root);
}

/* The co-authors of a co-author name (at most HOP_CAP of its bylines: a
 * very prolific co-author says little about whom one works with). */
#define HOP_CAP 200

/* The co-authors of name a over its first HOP_CAP bylines, computed once
 * per resolution: a prolific co-author is in many groups' profiles. */
static const idn_bag *neighbours(idn_ctx *c, int32_t a)
{
	idn_data *d = c->d;
	idn_bag *nb = &c->nbr[a];
	int32_t na = c->name_n[a] < HOP_CAP ? c->name_n[a] : HOP_CAP;

	if (c->nbr_done[a])
		return nb;
	for (int32_t j = 0; j < na; j++) {
		const idn_paper *p = &d->p[d->m[c->name_m[c->name_first[a] + j]].paper];
		for (int32_t i = 0; i < p->n; i++)
			if (d->m[p->first + i].name != a)
				idn_bag_push(nb, d->m[p->first + i].name, 1);
	}
	idn_bag_finish(nb);
	c->nbr_done[a] = 1;
	return nb;
}

static void build_profile(idn_ctx *c, int32_t b, idn_profile *pr, const int32_t *members, size_t nmem, int hop2)
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
		if (p->venue)
			idn_bag_push(&pr->venue, (int32_t)p->venue, 1);
		for (int32_t t = 0; t < p->tn; t++)
			idn_bag_push(&pr->term, d->terms[p->tfirst + t], 1);
		if (m->inst >= 0)
			idn_bag_push(&pr->inst, m->inst, 1);
		if (m->country >= 0)
			idn_bag_push(&pr->country, m->country, 1);
		for (int32_t i = 0; i < p->n; i++)
			if (&d->m[p->first + i] != m)
				idn_bag_push(&pr->co, d->m[p->first + i].name, 1);
	}
	idn_bag_finish(&pr->co);
	if (hop2) {
		/* counted in a map from each co-author's cached neighbours */
		/* summed in a dense counter by name, reset through the list of
		 * the names touched: a hash map per group cost its allocation
		 * and clearing */
		size_t nt = 0;
		for (size_t k = 0; k < pr->co.n; k++) {
			const idn_bag *nb = neighbours(c, pr->co.id[k]);
			for (size_t i = 0; i < nb->n; i++) {
				int32_t o = nb->id[i];
				if (d->names[o].block == b)
					continue;
				if (!c->hop_cnt[o]) {
					IDN_GROW(c->hop_touched, nt, c->hop_touched_cap);
					c->hop_touched[nt++] = o;
				}
				c->hop_cnt[o] += nb->cnt[i];
			}
		}
		for (size_t i = 0; i < nt; i++) {
			idn_bag_push(&pr->hop2, c->hop_touched[i], c->hop_cnt[c->hop_touched[i]]);
			c->hop_cnt[c->hop_touched[i]] = 0;
		}
		idn_bag_finish(&pr->hop2);
	}
	idn_bag_finish(&pr->venue);
	idn_bag_finish(&pr->term);
	idn_bag_finish(&pr->inst);
	idn_bag_finish(&pr->country);
}

/* The log-odds that group a and person p are one person.  The weights
 * were fitted (logistic regression) on DBLP's numbered homonyms: the
 * shared-corpus DBLP export with its numbers stripped, each comparison
 * this function makes labelled by the numbers (bench/identity scores the
 * result).  Title and keyword terms and venues weigh most; a common name
 * (amb) and large groups (DBLP's homonyms are prolific) weigh against. */
static double group_logit(const idn_profile *a, const idn_profile *p, double amb)
{
	size_t co1 = idn_bag_common(&a->co, &p->co), co2 = idn_bag_common(&a->co, &p->hop2);
	int gap = 0;

	if (a->ymin && p->ymin)
		gap = a->ymin > p->ymax ? a->ymin - p->ymax : p->ymin > a->ymax ? p->ymin - a->ymax : 0;
	return 2.11 + 1.64 * (double)(co1 < 3 ? co1 : 3) +
	       0.70 * log1p((double)co2) +
	       1.85 * idn_bag_cosine(&a->venue, &p->venue) +
	       5.46 * idn_bag_cosine(&a->term, &p->term) -
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

/* A group's profile, built when first compared, with those of the groups
 * that joined it before. */
static void ensure_profile(idn_ctx *c, int32_t b, idn_group *all, size_t i)
{
	idn_group *g = &all[i];

	if (g->built)
		return;
	build_profile(c, b, &g->pr, g->members, g->nmem, 1);
	for (size_t e = 0; e < g->nextra; e++) {
		idn_profile t;
		build_profile(c, b, &t, all[g->extra[e]].members, all[g->extra[e]].nmem, 1);
		idn_profile_merge(&g->pr, &t);
		idn_profile_release(&t);
	}
	g->built = 1;
}

/* Groups of the block compared, largest first: each joins the person it
 * resembles most when the score clears the threshold, or starts one.
 * Profiles are built only for comparisons a rare name does not settle. */
static void join_profiles(idn_ctx *c, int32_t b)
{
	idn_group *g;
	int32_t *members, *start, *fill;
	size_t *pers, ng = 0, np = 0;

	members = bs_xmalloc(c->L * sizeof *members);
	start = bs_xcalloc(c->L + 1, sizeof *start);
	fill = bs_xcalloc(c->L + 1, sizeof *fill);
	for (size_t i = 0; i < c->L; i++)
		start[find(c, (int32_t)i) + 1]++;
	for (size_t i = 0; i < c->L; i++)
		ng += find(c, (int32_t)i) == (int32_t)i;
	if (ng < 2)
		goto cleanup;
	for (size_t i = 1; i <= c->L; i++)
		start[i] += start[i - 1];
	for (size_t i = 0; i < c->L; i++) {
		int32_t r = find(c, (int32_t)i);
		members[start[r] + fill[r]++] = (int32_t)i;
	}
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
	for (size_t k = 0; k < ng; k++) {
		size_t best = np;
		double bs = -1e18, bt = 0;
		int best_rare = 0;
		for (size_t j = 0; j < np; j++) {
			int32_t ra = find(c, g[k].root), rp = find(c, g[pers[j]].root);
			int rare;
			double t, sc, amb;
			if (!may_join(c, ra, rp, 0))
				continue;
			amb = shared_amb(c, ra, rp, &rare);
			if (rare) {
				sc = 1e9 - (double)j;   /* the largest person first */
			} else {
				ensure_profile(c, b, g, k);
				ensure_profile(c, b, g, pers[j]);
				if (amb < 0 && !idn_bag_common(&g[k].pr.co, &g[pers[j]].pr.co)) {
					/* different names without a co-author in common:
					 * only uncommon names in the same venues on the
					 * same subjects ("Michael Kearns" / "Michael J.
					 * Kearns"); "Richard Zhang" of vision and "Richard
					 * Y. Zhang" of optimisation stay two */
					if (max_amb(c, ra, rp) >= rare_amb ||
					    idn_bag_cosine(&g[k].pr.venue, &g[pers[j]].pr.venue) < 0.5 ||
					    idn_bag_cosine(&g[k].pr.term, &g[pers[j]].pr.term) < 0.15)
						continue;
				}
				sc = group_logit(&g[k].pr, &g[pers[j]].pr, amb < 0 ? max_amb(c, ra, rp) : amb);
			}
			t = join_logodds;
			if (sc >= t && sc - t > bs - bt) {
				best = j;
				bs = sc;
				bt = t;
				best_rare = rare;
			}
		}
		if (best == np) {
			pers[np++] = k;
			continue;
		}
		{
			idn_group *p = &g[pers[best]];
			(void)try_join(c, g[k].root, p->root, 0, best_rare ? WHY_RARE : WHY_PROFILE, -1,
				       best_rare ? 0 : bs);
			if (p->built) {
				ensure_profile(c, b, g, k);
				idn_profile_merge(&p->pr, &g[k].pr);
			}
			p->extra = bs_xrealloc(p->extra, (p->nextra + 1) * sizeof *p->extra);
			p->extra[p->nextra++] = k;
			idn_profile_release(&g[k].pr);
		}
	}
	for (size_t k = 0; k < ng; k++) {
		idn_profile_release(&g[k].pr);
		free(g[k].extra);
	}
	free(g);
	free(pers);
cleanup:
	free(members);
	free(start);
	free(fill);
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

/* "Yang Liu (Tsinghua Univ; translation; with Maosong Sun)": the
 * institution, the title term most typical of person k against the others
 * shown by the same name, and the most frequent co-author. */
static void person_label(idn_ctx *c, const idn_person *ps, size_t np, size_t k, const idn_profile *prof,
			 bs_strbuf *out)
{
	idn_data *d = c->d;
	const idn_profile *g = &prof[k];
	idn_profile other;
	int32_t inst, co, term = -1;
	double best = -1e9;
	int parts = 0;

	memset(&other, 0, sizeof other);
	for (size_t j = 0; j < np; j++)
		if (j != k && ps[j].shared && !strcmp(d->names[ps[j].base].display, d->names[ps[k].base].display))
			idn_profile_merge(&other, &prof[j]);
	inst = idn_bag_top(&g->inst, other.inst.n ? &other.inst : NULL);
	if (inst < 0)
		inst = idn_bag_top(&g->inst, NULL);
	co = idn_bag_top(&g->co, NULL);
	for (size_t i = 0, j = 0; i < g->term.n; i++) {
		double sc;
		int32_t oc = 0;
		while (j < other.term.n && other.term.id[j] < g->term.id[i])
			j++;
		if (j < other.term.n && other.term.id[j] == g->term.id[i])
			oc = other.term.cnt[j];
		sc = (double)g->term.cnt[i] / g->size - (other.size ? (double)oc / other.size : 0);
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
	idn_profile_release(&other);
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

/* The persons of block b: a name's own row when the person holds all of
 * the name's bylines and no other person of the block shows the same name;
 * else a row "<key>#k" labelled with what tells it apart.  Then the
 * bylines whose person changes and the names' person_names rows. */
void idn_block_output(idn_ctx *c, int32_t b, bs_strbuf *tmp)
{
	idn_data *d = c->d;
	idn_person *ps = NULL;
	idn_profile *prof = NULL;   /* each person's, when labels are needed */
	int32_t *pidx = bs_xmalloc(c->L * sizeof *pidx), *members, *start, *fill;
	size_t np = 0;
	u64map pn, nroots;

	u64_init(&pn, c->L);
	u64_init(&nroots, c->L);
	members = bs_xmalloc(c->L * sizeof *members);
	start = bs_xcalloc(c->L + 1, sizeof *start);
	fill = bs_xcalloc(c->L + 1, sizeof *fill);
	for (size_t i = 0; i < c->L; i++)
		start[find(c, (int32_t)i) + 1]++;
	for (size_t i = 1; i <= c->L; i++)
		start[i] += start[i - 1];
	for (size_t i = 0; i < c->L; i++) {
		int32_t r = find(c, (int32_t)i);
		members[start[r] + fill[r]++] = (int32_t)i;
		if (r == (int32_t)i) {
			ps = bs_xrealloc(ps, (np + 1) * sizeof *ps);
			memset(&ps[np], 0, sizeof *ps);
			ps[np].root = r;
			ps[np].first = r;
			ps[np].base = -1;
			np++;
		}
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
	for (size_t k = 0; k < np; k++)
		for (size_t j = 0; j < np; j++) {
			const char *a = d->names[ps[k].base].key, *o = d->names[ps[j].base].key;
			size_t la = shown_len(a);
			if (j != k && la == shown_len(o) && !memcmp(a, o, la))
				ps[k].shared = 1;
		}
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
				build_profile(c, b, &prof[j], members + start[ps[j].root],
					      (size_t)(start[ps[j].root + 1] - start[ps[j].root]), 0);
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
				person_label(c, ps, np, k, prof, &label);
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
	free(prof);
	u64_release(&pn);
	u64_release(&nroots);
	free(ps);
	free(pidx);
	free(members);
	free(start);
	free(fill);
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
				for (size_t x = 0; x < d->nnames; x++)
					if (c->group[x] == g && g != first)
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
		idn_bag_release(&c->nbr[i]);
	free(c->nbr);
	free(c->nbr_done);
	free(c->hop_cnt);
	free(c->hop_touched);
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
	free(c->conf);
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
	c->hop_cnt = bs_xcalloc(d->nnames + 1, sizeof *c->hop_cnt);
	c->nbr_done = bs_xcalloc(d->nnames + 1, 1);
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
			idn_block_output(&c, b, &tmp);
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

