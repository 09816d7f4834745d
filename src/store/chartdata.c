/* chartdata.c - the numbers the charts draw (see chartdata.h). */
#include "store/chartdata.h"
#include "store/store_db.h"

#include <stdlib.h>
#include <string.h>

/* growing array of counts */
typedef struct counts {
	bs_chartdata_count *v;
	size_t n, cap;
} counts;

static void counts_add(counts *c, int64_t key, long n)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = bs_xrealloc(c->v, c->cap * sizeof *c->v);
	}
	c->v[c->n].key = key;
	c->v[c->n++].n = n;
}

/* Run sql with the filter f bound (when f is not NULL) and ?1, ?2 bound
 * to p1, p2 (when the statement has them); every row gives (column 0,
 * column 1), or (0, column 0) for a one-column query. */
static int count_rows(bs_store *s, const char *sql, const bs_filter *f, int np, int64_t p1, int64_t p2,
		      bs_chartdata_count **out, size_t *n, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	counts c = {NULL, 0, 0};
	int rc = BS_OK, r;

	*out = NULL;
	*n = 0;
	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "chart data");
		goto done;
	}
	if (f)
		bs_filter_bind(st, f, &vkey);
	if (np > 0)
		sqlite3_bind_int64(st, 1, p1);
	if (np > 1)
		sqlite3_bind_int64(st, 2, p2);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_count(st) == 1)
			counts_add(&c, 0, (long)sqlite3_column_int64(st, 0));
		else
			counts_add(&c, sqlite3_column_int64(st, 0), (long)sqlite3_column_int64(st, 1));
	}
	if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "chart data");
		free(c.v);
		c.v = NULL;
		c.n = 0;
	}
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	*out = c.v;
	*n = c.n;
	return rc;
}

int bs_chartdata_top_venues(bs_store *s, const bs_filter *f, int limit, bs_chartdata_venue **out, size_t *n,
			    bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	bs_chartdata_venue *v;
	size_t k = 0;
	int rc = BS_OK;

	*out = NULL;
	*n = 0;
	bs_strbuf_init(&vkey);
	v = bs_xcalloc((size_t)(limit > 0 ? limit : 0) + 1, sizeof *v);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT COALESCE(p.venue_id, 0), COALESCE(v.name, '(no venue)'), COUNT(*)"
			       " FROM papers p LEFT JOIN venues v ON v.id = p.venue_id WHERE p.year > 0 AND" BS_FILTER_SQL
			       " GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "venues");
		goto done;
	}
	bs_filter_bind(st, f, &vkey);
	sqlite3_bind_int(st, 1, limit);
	while ((int)k < limit && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		v[k].id = sqlite3_column_int64(st, 0);
		v[k].name = bs_xstrdup(name ? name : "");
		v[k++].papers = (long)sqlite3_column_int64(st, 2);
	}
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	if (rc) {
		bs_chartdata_free(v, k);
		return rc;
	}
	*out = v;
	*n = k;
	return BS_OK;
}

void bs_chartdata_free(bs_chartdata_venue *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

int bs_chartdata_year_venues(bs_store *s, const bs_filter *f, bs_chartdata_year_venue **out, size_t *n,
			     bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	bs_chartdata_year_venue *rows = NULL;
	size_t nrows = 0, cap = 0;
	int rc = BS_OK;

	*out = NULL;
	*n = 0;
	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT p.year, COALESCE(p.venue_id, 0), COUNT(*) FROM papers p"
			       " WHERE p.year > 0 AND" BS_FILTER_SQL " GROUP BY 1, 2 ORDER BY 1", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "papers per year");
		goto done;
	}
	bs_filter_bind(st, f, &vkey);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nrows == cap) {
			cap = cap ? 2 * cap : 256;
			rows = bs_xrealloc(rows, cap * sizeof *rows);
		}
		rows[nrows].year = sqlite3_column_int(st, 0);
		rows[nrows].venue = sqlite3_column_int64(st, 1);
		rows[nrows++].papers = (long)sqlite3_column_int64(st, 2);
	}
	*out = rows;
	*n = nrows;
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_chartdata_papers_per_year(bs_store *s, const bs_filter *f, bs_chartdata_count **out, size_t *n,
				 bs_error *err)
{
	return count_rows(s, "SELECT COUNT(*) FROM papers p WHERE p.year > 0 AND" BS_FILTER_SQL
			  " GROUP BY p.year ORDER BY 1", f, 0, 0, 0, out, n, err);
}

int bs_chartdata_productivity(bs_store *s, const bs_filter *f, bs_chartdata_count **out, size_t *n,
			      bs_error *err)
{
	/* without a filter the counts come from the index authorship_author
	 * alone, without a lookup of every byline's paper */
	if (!bs_filter_active(f))
		return count_rows(s, "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM authorship s"
				  " GROUP BY s.author_id) GROUP BY n ORDER BY n", NULL, 0, 0, 0, out, n, err);
	return count_rows(s, "SELECT n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM authorship s"
			  " JOIN papers p ON p.id = s.paper_id WHERE" BS_FILTER_SQL
			  " GROUP BY s.author_id) GROUP BY n ORDER BY n", f, 0, 0, 0, out, n, err);
}

int bs_chartdata_authors_per_paper(bs_store *s, const bs_filter *f, bs_chartdata_count **out, size_t *n,
				   bs_error *err)
{
	return count_rows(s, "SELECT n_authors, COUNT(*) FROM papers p WHERE" BS_FILTER_SQL
			  " GROUP BY n_authors ORDER BY 1", f, 0, 0, 0, out, n, err);
}

int bs_chartdata_community_sizes(bs_store *s, int64_t run_id, int limit, bs_chartdata_count **out, size_t *n,
				 bs_error *err)
{
	return count_rows(s, "SELECT community, size FROM community_summary WHERE run_id = ?1"
			  " ORDER BY community LIMIT ?2", NULL, 2, run_id, limit, out, n, err);
}

int bs_chartdata_top_authors(bs_store *s, const bs_filter *f, int limit, bs_chartdata_count **out, size_t *n,
			     bs_error *err)
{
	/* the top n, then in author-id order, as the graph's vertices are */
	return count_rows(s, "SELECT author_id, k FROM (SELECT s.author_id, COUNT(*) AS k"
			  " FROM authorship s JOIN papers p ON p.id = s.paper_id WHERE" BS_FILTER_SQL
			  " GROUP BY s.author_id ORDER BY k DESC, s.author_id LIMIT ?1) ORDER BY author_id",
			  f, 1, limit, 0, out, n, err);
}

int bs_chartdata_author_names(bs_store *s, const int64_t *ids, size_t n, char **names, bs_error *err)
{
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < n; i++)
		names[i] = NULL;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT name FROM authors WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "author names");
	for (size_t i = 0; i < n; i++) {
		const char *name = NULL;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			name = (const char *)sqlite3_column_text(st, 0);
		names[i] = bs_xstrdup(name ? name : "");
	}
	sqlite3_finalize(st);
	return BS_OK;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int bs_chartdata_links_among(bs_store *s, const bs_filter *f, const int64_t *ids, size_t n, int max_authors,
			     int64_t **pairs, double **joint, size_t *nlinks, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	size_t k = 0, cap = 0;
	int rc = BS_OK;

	*pairs = NULL;
	*joint = NULL;
	*nlinks = 0;
	bs_strbuf_init(&vkey);
	/* edges a < b among the given authors */
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT b.author_id, COUNT(*) FROM authorship a"
			       " JOIN papers p ON p.id = a.paper_id JOIN authorship b ON b.paper_id = a.paper_id"
			       " WHERE a.author_id = ?1 AND b.author_id > ?1 AND p.n_authors <= ?2 AND" BS_FILTER_SQL
			       " GROUP BY b.author_id ORDER BY b.author_id", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "co-authorship links");
		goto done;
	}
	bs_filter_bind(st, f, &vkey);
	sqlite3_bind_int(st, 2, max_authors);
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		while (sqlite3_step(st) == SQLITE_ROW) {
			int64_t b = sqlite3_column_int64(st, 0);
			const int64_t *hit = bsearch(&b, ids, n, sizeof *ids, cmp_id);
			if (!hit)
				continue;
			if (k == cap) {
				cap = cap ? 2 * cap : 64;
				*pairs = bs_xrealloc(*pairs, 2 * cap * sizeof **pairs);
				*joint = bs_xrealloc(*joint, cap * sizeof **joint);
			}
			(*pairs)[2 * k] = (int64_t)i;
			(*pairs)[2 * k + 1] = hit - ids;
			(*joint)[k++] = (double)sqlite3_column_int64(st, 1);
		}
	}
	*nlinks = k;
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_chartdata_author_communities(bs_store *s, int64_t run_id, const int64_t *ids, size_t n, long *comm,
				    bs_error *err)
{
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < n; i++)
		comm[i] = 0;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT community FROM communities WHERE run_id = ?1 AND author_id = ?2",
			       -1, &st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "communities");
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, run_id);
		sqlite3_bind_int64(st, 2, ids[i]);
		comm[i] = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	}
	sqlite3_finalize(st);
	return BS_OK;
}
