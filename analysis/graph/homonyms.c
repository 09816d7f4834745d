#include "analysis/graph/homonyms.h"
#include "base/strbuf.h"

#include <stdlib.h>
#include <string.h>

void bs_homonym_opts_init(bs_homonym_opts *o)
{
	o->min_degree = 10;
	o->min_part = 3;
	o->top = 20;
}

typedef struct hint {
	igraph_integer_t v;
	long second, parts;
	char *sizes, *evidence;
} hint;

static int cmp_hint(const void *x, const void *y)
{
	const hint *a = x, *b = y;
	if (a->second != b->second)
		return a->second > b->second ? -1 : 1;
	if (a->parts != b->parts)
		return a->parts > b->parts ? -1 : 1;
	return a->v < b->v ? -1 : a->v > b->v;
}

typedef struct part { long size; double ties; igraph_integer_t best; double best_w; } part;

static int cmp_part(const void *x, const void *y)
{
	const part *a = x, *b = y;
	if (a->ties != b->ties)
		return a->ties > b->ties ? -1 : 1;
	return a->size != b->size ? (a->size > b->size ? -1 : 1) : 0;
}

/* The flood's work arrays, n each: mark[u] == v while u is a co-author
 * of v, label[u] its part. */
typedef struct ego_ws { igraph_integer_t *mark, *label, *stack; } ego_ws;

/* The parts of v's deg co-authors (connected among themselves once v is
 * left out) into parts[] (deg, zeroed), with each part's strongest tie to
 * v; returns how many parts. */
static igraph_integer_t ego_parts(const bs_coauthor_graph *g, igraph_inclist_t *inc, igraph_integer_t v,
				  ego_ws *w, part *parts)
{
	igraph_vector_int_t *ev = igraph_inclist_get(inc, v);
	igraph_integer_t deg = igraph_vector_int_size(ev), nparts = 0;
	igraph_integer_t *mark = w->mark, *label = w->label, *stack = w->stack;

	for (igraph_integer_t i = 0; i < deg; i++) {
		igraph_integer_t u = IGRAPH_OTHER(&g->g, VECTOR(*ev)[i], v);
		mark[u] = v;       /* u is in the ego network of v */
		label[u] = -1;
	}
	for (igraph_integer_t i = 0; i < deg; i++) {
		igraph_integer_t u = IGRAPH_OTHER(&g->g, VECTOR(*ev)[i], v), top = 0;
		if (label[u] >= 0)
			continue;
		/* flood the part of u among v's co-authors */
		label[u] = nparts;
		stack[top++] = u;
		while (top) {
			igraph_integer_t x = stack[--top];
			igraph_vector_int_t *ex = igraph_inclist_get(inc, x);
			parts[nparts].size++;
			for (igraph_integer_t j = 0; j < igraph_vector_int_size(ex); j++) {
				igraph_integer_t y = IGRAPH_OTHER(&g->g, VECTOR(*ex)[j], x);
				if (y != v && mark[y] == v && label[y] < 0) {
					label[y] = nparts;
					stack[top++] = y;
				}
			}
		}
		nparts++;
	}
	/* each part's strongest tie to v */
	for (igraph_integer_t i = 0; i < deg; i++) {
		igraph_integer_t e = VECTOR(*ev)[i], u = IGRAPH_OTHER(&g->g, e, v);
		part *p = &parts[label[u]];
		p->ties += VECTOR(g->joint)[e];
		if (VECTOR(g->joint)[e] > p->best_w ||
		    (VECTOR(g->joint)[e] == p->best_w && strcmp(g->name[u], g->name[p->best]) < 0)) {
			p->best_w = VECTOR(g->joint)[e];
			p->best = u;
		}
	}
	return nparts;
}

/* The hints found so far. */
typedef struct hint_list { hint *h; size_t n, cap; } hint_list;

/* v's hint, when at least two of its parts have o->min_part co-authors:
 * sizeable parts first, strongest ties first (parts[] is reordered). */
static void add_hint(const bs_coauthor_graph *g, const bs_homonym_opts *o, igraph_integer_t v,
		     part *parts, igraph_integer_t nparts, hint_list *hl)
{
	bs_strbuf sizes = BS_STRBUF_INIT, ev2 = BS_STRBUF_INIT;
	igraph_integer_t big = 0;
	hint *h;

	for (igraph_integer_t k = 0; k < nparts; k++)
		if (parts[k].size < o->min_part)
			parts[k].ties = -1 - parts[k].ties;
	for (igraph_integer_t k = 0; k < nparts; k++)
		if (parts[k].size >= o->min_part)
			big++;
	if (big < 2)
		return;
	qsort(parts, (size_t)nparts, sizeof *parts, cmp_part);
	for (igraph_integer_t k = 0; k < big; k++) {
		bs_strbuf_addf(&sizes, "%s%ld/%.0f", k ? " + " : "", parts[k].size, parts[k].ties);
		if (k < 4)
			bs_strbuf_addf(&ev2, "%s%s (%.0f)", k ? "; " : "", g->name[parts[k].best],
				       parts[k].best_w);
	}
	if (big > 4)
		bs_strbuf_adds(&ev2, "; ...");
	if (hl->n == hl->cap) {
		hl->cap = hl->cap ? 2 * hl->cap : 64;
		hl->h = bs_xrealloc(hl->h, hl->cap * sizeof *hl->h);
	}
	h = &hl->h[hl->n++];
	h->v = v;
	h->second = 0;
	for (igraph_integer_t k = 1; k < big; k++)
		h->second += (long)parts[k].ties;
	h->parts = big;
	h->sizes = bs_strbuf_detach(&sizes, NULL);
	h->evidence = bs_strbuf_detach(&ev2, NULL);
}

/* The o->top strongest hints into out (every one with top <= 0); frees
 * the list. */
static void emit_hints(const bs_coauthor_graph *g, const bs_homonym_opts *o, igraph_inclist_t *inc,
		       hint_list *hl, bs_table *out)
{
	if (hl->n)
		qsort(hl->h, hl->n, sizeof *hl->h, cmp_hint);
	for (size_t i = 0; i < hl->n; i++) {
		const hint *h = &hl->h[i];
		if (o->top <= 0 || (int)i < o->top) {
			size_t r = bs_table_add_row(out);
			bs_table_set_int(out, r, 0, (long long)i + 1);
			bs_table_set_text(out, r, 1, g->name[h->v]);
			bs_table_set_int(out, r, 2, (long long)g->papers[h->v]);
			bs_table_set_int(out, r, 3, (long long)igraph_vector_int_size(igraph_inclist_get(inc, h->v)));
			bs_table_set_int(out, r, 4, h->parts);
			bs_table_set_text(out, r, 5, h->sizes);
			bs_table_set_text(out, r, 6, h->evidence);
		}
		free(h->sizes);
		free(h->evidence);
	}
	free(hl->h);
	memset(hl, 0, sizeof *hl);
}

int bs_homonym_hints(const bs_coauthor_graph *g, const bs_homonym_opts *o, bs_table *out,
		     bs_error *err)
{
	static const char *const cols[] = {"rank", "author", "papers", "coauthors", "parts",
					   "co-authors/joint papers per part", "evidence (top co-author of each part)"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT,
					    BS_COL_TEXT, BS_COL_TEXT};
	igraph_integer_t n = g->n;
	igraph_inclist_t inc;
	hint_list hl = { NULL, 0, 0 };
	ego_ws w;
	igraph_error_t ie;

	bs_table_init(out, 7, cols, types);
	ie = igraph_inclist_init(&g->g, &inc, IGRAPH_ALL, IGRAPH_LOOPS_ONCE);
	if (ie != IGRAPH_SUCCESS)
		return bs_igraph_error(err, ie, "homonym hints");
	w.mark = bs_xmalloc((size_t)(n ? n : 1) * sizeof *w.mark);
	w.label = bs_xmalloc((size_t)(n ? n : 1) * sizeof *w.label);
	w.stack = bs_xmalloc((size_t)(n ? n : 1) * sizeof *w.stack);
	for (igraph_integer_t i = 0; i < n; i++)
		w.mark[i] = -1;
	for (igraph_integer_t v = 0; v < n; v++) {
		igraph_integer_t deg = igraph_vector_int_size(igraph_inclist_get(&inc, v)), nparts;
		part *parts;

		if (deg < o->min_degree)
			continue;
		parts = bs_xcalloc((size_t)deg, sizeof *parts);
		nparts = ego_parts(g, &inc, v, &w, parts);
		add_hint(g, o, v, parts, nparts, &hl);
		free(parts);
	}
	emit_hints(g, o, &inc, &hl, out);
	free(w.mark);
	free(w.label);
	free(w.stack);
	igraph_inclist_destroy(&inc);
	return BS_OK;
}
