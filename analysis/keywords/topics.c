#include "analysis/keywords/topics.h"
#include "store/keywords.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/venue.h"

#include <math.h>
#include <string.h>

void bs_topics_opts_init(bs_topics_opts *o)
{
	memset(o, 0, sizeof *o);
	o->community = -1;
	o->min_df = 3;
	o->top = 20;
}

/* Keep the top rows of a bs_topics_query table without fragments (see
 * bs_topics_pick_distinct), in rank order, renumbered. */
static void drop_fragments(bs_table *t, int top)
{
	size_t n = t->nrows;
	const char **cand = bs_xmalloc((n + 1) * sizeof *cand), **pick = bs_xcalloc((size_t)top + 1, sizeof *pick);
	double *papers = bs_xmalloc((n + 1) * sizeof *papers);
	char *keep = bs_xcalloc(n + 1, 1);
	bs_table out;
	int np;

	for (size_t i = 0; i < n; i++) {
		cand[i] = bs_table_get(t, i, 1);
		papers[i] = strtod(bs_table_get(t, i, 2), NULL);
	}
	np = bs_topics_pick_distinct(cand, papers, n, top, pick);
	for (int j = 0; j < np; j++)
		for (size_t i = 0; i < n; i++)
			if (cand[i] == pick[j])
				keep[i] = 1;
	bs_table_init(&out, t->ncols, (const char *const *)t->names, t->types);
	for (size_t i = 0, rank = 0; i < n; i++) {
		size_t row;
		if (!keep[i])
			continue;
		row = bs_table_add_row(&out);
		bs_table_set_int(&out, row, 0, (long long)++rank);
		for (size_t c = 1; c < t->ncols; c++)
			bs_table_set_text(&out, row, c, bs_table_get(t, i, c));
	}
	bs_table_release(t);
	*t = out;
	free(cand);
	free(pick);
	free(papers);
	free(keep);
}

/* One row of bs_topics_query's table. */
static int topic_row(void *ud, const bs_keywords_topic_row *r)
{
	const bs_topics_opts *o = ((const void **)ud)[0];
	bs_table *out = ((void **)ud)[1];
	size_t row = bs_table_add_row(out);
	double k = r->papers, df = r->df, N = r->total, selected = r->selected;

	bs_table_set_int(out, row, 0, (long long)out->nrows);
	bs_table_set_text(out, row, 1, r->display);
	bs_table_set_int(out, row, 2, (long long)k);
	bs_table_set_real(out, row, 3, selected > 0 ? 100 * k / selected : 0, 2);
	bs_table_set_real(out, row, 4, o->tfidf == 1 ? k * log(N / (df > 0 ? df : 1)) :
			  o->tfidf == 2 ? k * log((k / (selected > 0 ? selected : 1)) / ((df > 0 ? df : 1) / N)) : k, 2);
	bs_table_set_int(out, row, 5, r->words);
	return 0;
}

int bs_topics_query(bs_store *s, const bs_topics_opts *o, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"rank", "term", "papers", "share", "score", "words"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL, BS_COL_REAL,
					    BS_COL_INT};
	bs_keywords_topics_query q;
	const void *ud[2];
	int rc;

	bs_table_init(out, 6, cols, types);
	q.filter = &o->filter;
	q.author = o->author;
	q.community_run = o->community_run;
	q.community = o->community;
	q.kind = (int)o->kind;
	q.tfidf = o->tfidf;
	q.min_df = o->min_df;
	/* without fragments: enough candidates for the fragments that go */
	q.limit = o->top > 0 ? (o->distinct ? 3 * (int64_t)o->top + 10 : o->top) : -1;
	ud[0] = o;
	ud[1] = out;
	rc = bs_keywords_topics(s, &q, topic_row, ud, err);
	if (!rc && o->distinct)
		drop_fragments(out, o->top > 0 ? o->top : (int)out->nrows);
	return rc;
}

/* the labeler's copy of a terms row */
static int labeler_term(void *ud, const bs_keywords_term *t)
{
	bs_labeler *l = ud;

	if (t->id < 0 || (size_t)t->id >= l->nterms)
		return 0;
	l->words[t->id] = t->words;
	l->df[t->id] = t->papers;
	l->display[t->id] = bs_xstrdup(t->display);
	return 0;
}

int bs_labeler_init(bs_labeler *l, bs_store *s, bs_error *err)
{
	int rc;

	memset(l, 0, sizeof *l);
	l->s = s;
	rc = bs_keywords_term_space(s, &l->total, &l->nterms, err);
	if (rc)
		goto done;
	l->words = bs_xcalloc(l->nterms + 1, sizeof *l->words);
	l->df = bs_xcalloc(l->nterms + 1, sizeof *l->df);
	l->count = bs_xcalloc(l->nterms + 1, sizeof *l->count);
	l->display = bs_xcalloc(l->nterms + 1, sizeof *l->display);
	rc = bs_keywords_each_term(s, labeler_term, l, err);
	if (!rc)
		rc = bs_keywords_lists_open(s, &l->lists, err);
done:
	if (rc)
		bs_labeler_release(l);
	return rc;
}

void bs_labeler_release(bs_labeler *l)
{
	if (l->display)
		for (size_t i = 0; i < l->nterms; i++)
			free(l->display[i]);
	free(l->display);
	free(l->words);
	free(l->df);
	free(l->count);
	free(l->touched);
	bs_keywords_lists_close(l->lists);
	free(l->list);
	memset(l, 0, sizeof *l);
}

typedef struct cand {
	double score;
	double df;             /* papers with the term in the corpus */
	const char *display;
} cand;

/* Whether phrase a occurs in phrase b as whole words ("statistical
 * machine" in "statistical machine translation"; "machine" is not in
 * "machines"). */
static int word_inside(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (!la)
		return 0;
	for (const char *p = strstr(b, a); p; p = strstr(p + 1, a))
		if ((p == b || p[-1] == ' ') && (p[la] == '\0' || p[la] == ' '))
			return 1;
	return 0;
}

/* a phrase inside a longer one is a fragment of it when it is in at most
 * this many times the longer one's papers: it rarely occurs without it */
#define FRAGMENT_RATIO 1.5

/* Whether a (in pa papers) is a fragment of b (in pb papers). */
static int fragment_of(const char *a, double pa, const char *b, double pb)
{
	return word_inside(a, b) && pa <= FRAGMENT_RATIO * pb;
}

int bs_topics_pick_distinct(const char *const *cands, const double *papers, size_t ncand, int n,
			    const char **pick)
{
	double *pp = bs_xcalloc((size_t)n + 1, sizeof *pp);   /* papers of pick[j] */
	int np = 0;

	/* every candidate is looked at, also once n are taken: a later, longer
	 * phrase may still take the place of fragments taken before it */
	for (size_t i = 0; i < ncand; i++) {
		int inside = 0, first = -1, k = 0;
		for (int j = 0; j < np && !inside; j++)
			inside = fragment_of(cands[i], papers[i], pick[j], pp[j]);
		if (inside)
			continue;
		for (int j = 0; j < np && first < 0; j++)
			if (fragment_of(pick[j], pp[j], cands[i], papers[i]))
				first = j;
		if (first < 0) {
			if (np < n) {
				pp[np] = papers[i];
				pick[np++] = cands[i];
			}
			continue;
		}
		/* in the place of its first fragment; the others go */
		for (int j = 0; j < np; j++) {
			if (j == first) {
				pp[k] = papers[i];
				pick[k++] = cands[i];
			} else if (!fragment_of(pick[j], pp[j], cands[i], papers[i])) {
				pp[k] = pp[j];
				pick[k++] = pick[j];
			}
		}
		np = k;
	}
	free(pp);
	return np;
}

/* score descending, then display (as SQLite's BINARY collation) */
static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->display, y->display);
}

/* Count the terms of one paper of the community (bs_labeler_label). */
typedef struct label_scan {
	bs_labeler *l;
	double selected;
	size_t ntouched, captouched;
} label_scan;

static int label_paper(void *ud, const char *text, size_t len)
{
	label_scan *ls = ud;
	bs_labeler *l = ls->l;
	long nl;

	ls->selected++;
	if (!text)
		return 0;
	nl = bs_term_list_decode(text, len, &l->list, &l->listcap);
	for (long x = 0; x < nl; x++) {
		int64_t t = l->list[x].term;
		if (t < 0 || (size_t)t >= l->nterms)
			continue;
		if (l->count[t]++ == 0) {
			if (ls->ntouched == ls->captouched) {
				ls->captouched = ls->captouched ? 2 * ls->captouched : 1024;
				l->touched = bs_xrealloc(l->touched, ls->captouched * sizeof *l->touched);
			}
			l->touched[ls->ntouched++] = (int32_t)t;
		}
	}
	return 0;
}

int bs_labeler_label(bs_labeler *l, int64_t community_run, long community, int n, bs_strbuf *out,
		     bs_error *err)
{
	label_scan ls = {l, 0, 0, 0};
	double selected;
	size_t ntouched, ncand = 0;
	cand *c = NULL;
	int rc;

	bs_strbuf_reset(out);
	if (!l->nterms)
		return BS_OK;
	/* papers of the community, and how many of them contain each term */
	rc = bs_keywords_lists_community(l->lists, community_run, community, label_paper, &ls, err);
	selected = ls.selected;
	ntouched = ls.ntouched;
	if (rc) {
		for (size_t i = 0; i < ntouched; i++)
			l->count[l->touched[i]] = 0;
		return rc;
	}
	/* lift, as bs_topics_query with tfidf = 2 and min_df 3: phrases first,
	 * words too when the community has fewer than n phrases */
	c = bs_xmalloc((ntouched + 1) * sizeof *c);
	for (int pass = 0; pass < 2 && (pass == 0 || ncand < (size_t)n); pass++) {
		ncand = 0;
		for (size_t i = 0; i < ntouched; i++) {
			int32_t t = l->touched[i];
			double k = l->count[t], df = (double)l->df[t];
			if ((pass == 0 && l->words[t] <= 1) || l->df[t] < 3 || !l->display[t])
				continue;
			c[ncand].score = k * log((k / selected) / (df / l->total));
			c[ncand].df = df;
			c[ncand++].display = l->display[t];
		}
		qsort(c, ncand, sizeof *c, cmp_cand);
	}
	{
		const char **disp = bs_xmalloc((ncand + 1) * sizeof *disp);
		const char **pick = bs_xcalloc((size_t)n + 1, sizeof *pick);
		double *df = bs_xmalloc((ncand + 1) * sizeof *df);
		int np;
		for (size_t i = 0; i < ncand; i++) {
			disp[i] = c[i].display;
			df[i] = c[i].df;
		}
		np = bs_topics_pick_distinct(disp, df, ncand, n, pick);
		for (int j = 0; j < np; j++)
			bs_strbuf_addf(out, "%s%s", j ? ", " : "", pick[j]);
		free(pick);
		free(disp);
		free(df);
	}
	for (size_t i = 0; i < ntouched; i++)
		l->count[l->touched[i]] = 0;
	free(c);
	return BS_OK;
}

int bs_topics_label(bs_store *s, int64_t community_run, long community, int n, bs_strbuf *out,
		    bs_error *err)
{
	bs_labeler l;
	int rc = bs_labeler_init(&l, s, err);

	if (!rc)
		rc = bs_labeler_label(&l, community_run, community, n, out, err);
	bs_labeler_release(&l);
	return rc;
}
