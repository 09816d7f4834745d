#include "analysis/keywords/topics.h"
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

int bs_topics_query(bs_store *s, const bs_topics_opts *o, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"rank", "term", "papers", "share", "score", "words"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL, BS_COL_REAL,
					    BS_COL_INT};
	bs_strbuf sql = BS_STRBUF_INIT, vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	const char *subset;
	double N = 0, selected = 0;
	int rc = BS_OK, r;
	long rank = 0;

	bs_strbuf_init(&sql);
	bs_strbuf_init(&vkey);
	bs_table_init(out, 6, cols, types);
	if (o->filter.venue)
		bs_venue_key(o->filter.venue, strlen(o->filter.venue), &vkey);

	/* the selected papers, as a subquery over papers p (parameters ?1-?5) */
	subset = "SELECT p.id FROM papers p"
		 " WHERE (?1 IS NULL OR p.venue_id = (SELECT id FROM venues WHERE key = ?1))"
		 "   AND (?2 IS NULL OR p.year >= ?2) AND (?3 IS NULL OR p.year <= ?3)"
		 "   AND (?4 IS NULL OR p.id IN (SELECT paper_id FROM authorship WHERE author_id = ?4))"
		 "   AND (?5 IS NULL OR p.id IN (SELECT s.paper_id FROM authorship s JOIN communities c"
		 "        ON c.author_id = s.author_id WHERE c.run_id = ?5 AND c.community = ?6))";
	bs_strbuf_addf(&sql,
		       "WITH sel AS (%s),"
		       " n AS (SELECT (SELECT COUNT(*) FROM papers) AS total, (SELECT COUNT(*) FROM sel) AS selected)"
		       " SELECT t.display, x.k, t.n, t.papers, n.total, n.selected FROM"
		       " (SELECT pt.term_id AS id, COUNT(*) AS k FROM paper_terms pt WHERE pt.paper_id IN (SELECT id FROM sel)"
		       "  GROUP BY pt.term_id) x JOIN terms t ON t.id = x.id, n"
		       " WHERE (?7 = 0 OR (?7 = 1 AND t.n = 1) OR (?7 = 2 AND t.n > 1)) AND (?8 = 0 OR t.papers >= ?9)"
		       " ORDER BY CASE WHEN ?8 = 1 THEN x.k * ln(CAST(n.total AS REAL) / t.papers)"
		       "  WHEN ?8 = 2 THEN x.k * ln((CAST(x.k AS REAL) / n.selected) / (CAST(t.papers AS REAL) / n.total))"
		       "  ELSE x.k END DESC,"
		       " t.display LIMIT ?10", subset);
	if (!o->filter.venue && !o->filter.year_from && !o->filter.year_to && !o->author && o->community < 0) {
		/* the whole corpus: straight from terms */
		bs_strbuf_reset(&sql);
		bs_strbuf_adds(&sql,
			       "SELECT t.display, t.papers, t.n, t.papers, n.total, n.total FROM terms t,"
			       " (SELECT COUNT(*) AS total FROM papers) n"
			       " WHERE (?7 = 0 OR (?7 = 1 AND t.n = 1) OR (?7 = 2 AND t.n > 1)) AND (?8 = 0 OR t.papers >= ?9)"
			       " AND ?1 IS NULL AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND ?6 IS NULL"
			       " ORDER BY CASE WHEN ?8 THEN t.papers * ln(CAST(n.total AS REAL) / t.papers) ELSE t.papers END DESC,"
			       " t.display LIMIT ?10");
	}
	if (sqlite3_prepare_v2(bs_store_db(s), sql.buf, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_error_set(err, BS_ERR_DB, "%s: topics: %s", bs_store_path(s), sqlite3_errmsg(bs_store_db(s)));
		goto cleanup;
	}
	if (o->filter.venue)
		sqlite3_bind_text(st, 1, vkey.buf, (int)vkey.len, SQLITE_STATIC);
	if (o->filter.year_from)
		sqlite3_bind_int(st, 2, o->filter.year_from);
	if (o->filter.year_to)
		sqlite3_bind_int(st, 3, o->filter.year_to);
	if (o->author)
		sqlite3_bind_int64(st, 4, o->author);
	if (o->community >= 0) {
		sqlite3_bind_int64(st, 5, o->community_run);
		sqlite3_bind_int64(st, 6, o->community);
	}
	sqlite3_bind_int(st, 7, (int)o->kind);
	sqlite3_bind_int(st, 8, o->tfidf);
	sqlite3_bind_int64(st, 9, o->min_df);
	/* without fragments: enough candidates for the fragments that go */
	sqlite3_bind_int64(st, 10, o->top > 0 ? (o->distinct ? 3 * (int64_t)o->top + 10 : o->top) : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		double k = sqlite3_column_double(st, 1), df = sqlite3_column_double(st, 3);
		N = sqlite3_column_double(st, 4);
		selected = sqlite3_column_double(st, 5);
		bs_table_set_int(out, row, 0, ++rank);
		bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, 0));
		bs_table_set_int(out, row, 2, (long long)k);
		bs_table_set_real(out, row, 3, selected > 0 ? 100 * k / selected : 0, 2);
		bs_table_set_real(out, row, 4, o->tfidf == 1 ? k * log(N / (df > 0 ? df : 1)) :
				  o->tfidf == 2 ? k * log((k / (selected > 0 ? selected : 1)) / ((df > 0 ? df : 1) / N)) : k, 2);
		bs_table_set_int(out, row, 5, sqlite3_column_int(st, 2));
	}
	if (r != SQLITE_DONE)
		rc = bs_error_set(err, BS_ERR_DB, "%s: topics: %s", bs_store_path(s), sqlite3_errmsg(bs_store_db(s)));
	if (!rc && o->distinct)
		drop_fragments(out, o->top > 0 ? o->top : (int)out->nrows);
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&sql);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_labeler_init(bs_labeler *l, bs_store *s, bs_error *err)
{
	sqlite3 *db = bs_store_db(s);
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	memset(l, 0, sizeof *l);
	l->s = s;
	if (sqlite3_prepare_v2(db, "SELECT (SELECT COUNT(*) FROM papers), (SELECT COALESCE(MAX(id), -1) + 1 FROM terms)",
			       -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		goto dberr;
	l->total = sqlite3_column_double(st, 0);
	l->nterms = (size_t)sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	st = NULL;
	l->words = bs_xcalloc(l->nterms + 1, sizeof *l->words);
	l->df = bs_xcalloc(l->nterms + 1, sizeof *l->df);
	l->count = bs_xcalloc(l->nterms + 1, sizeof *l->count);
	l->display = bs_xcalloc(l->nterms + 1, sizeof *l->display);
	if (sqlite3_prepare_v2(db, "SELECT id, n, papers, display FROM terms", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (id < 0 || (size_t)id >= l->nterms)
			continue;
		l->words[id] = sqlite3_column_int(st, 1);
		l->df[id] = sqlite3_column_int64(st, 2);
		l->display[id] = bs_xstrdup((const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT DISTINCT s.paper_id FROM communities c JOIN authorship s"
			       " ON s.author_id = c.author_id WHERE c.run_id = ?1 AND c.community = ?2",
			       -1, &l->papers_of, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT terms FROM paper_term_lists WHERE paper_id = ?1", -1, &l->terms_of,
			       NULL) != SQLITE_OK)
		goto dberr;
	return BS_OK;
dberr:
	rc = bs_error_set(err, BS_ERR_DB, "%s: community labels: %s", bs_store_path(s), sqlite3_errmsg(db));
	sqlite3_finalize(st);
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
	sqlite3_finalize(l->papers_of);
	sqlite3_finalize(l->terms_of);
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

int bs_labeler_label(bs_labeler *l, int64_t community_run, long community, int n, bs_strbuf *out,
		     bs_error *err)
{
	sqlite3 *db = bs_store_db(l->s);
	double selected = 0;
	size_t ntouched = 0, captouched = 0, ncand = 0;
	cand *c = NULL;
	long nl;
	int r;

	bs_strbuf_reset(out);
	if (!l->nterms)
		return BS_OK;
	/* papers of the community, and how many of them contain each term */
	sqlite3_reset(l->papers_of);
	sqlite3_bind_int64(l->papers_of, 1, community_run);
	sqlite3_bind_int64(l->papers_of, 2, community);
	while ((r = sqlite3_step(l->papers_of)) == SQLITE_ROW) {
		selected++;
		sqlite3_reset(l->terms_of);
		sqlite3_bind_int64(l->terms_of, 1, sqlite3_column_int64(l->papers_of, 0));
		if (sqlite3_step(l->terms_of) != SQLITE_ROW)
			continue;
		nl = bs_term_list_decode((const char *)sqlite3_column_text(l->terms_of, 0),
					 (size_t)sqlite3_column_bytes(l->terms_of, 0), &l->list, &l->listcap);
		for (long x = 0; x < nl; x++) {
			int64_t t = l->list[x].term;
			if (t < 0 || (size_t)t >= l->nterms)
				continue;
			if (l->count[t]++ == 0) {
				if (ntouched == captouched) {
					captouched = captouched ? 2 * captouched : 1024;
					l->touched = bs_xrealloc(l->touched, captouched * sizeof *l->touched);
				}
				l->touched[ntouched++] = (int32_t)t;
			}
		}
	}
	if (r != SQLITE_DONE) {
		for (size_t i = 0; i < ntouched; i++)
			l->count[l->touched[i]] = 0;
		return bs_error_set(err, BS_ERR_DB, "%s: community labels: %s", bs_store_path(l->s),
				    sqlite3_errmsg(db));
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
