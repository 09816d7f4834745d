/* lookup.c - the small questions the commands ask the store (see lookup.h). */
#include "store/lookup.h"
#include "store/query.h"
#include "store/store_db.h"

#include <stdlib.h>
#include <string.h>

/* author_metrics columns an author's profile ranks (fixed names, never
 * user input: they are pasted into the SQL text) */
static const char *const profile_metrics[] = {
	"papers", "fractional", "degree", "strength", "pagerank", "betweenness", "harmonic",
	"eigenvector", "coreness", "clustering", NULL
};

/* the author_metrics columns a ranking may be by */
static const char *const ranking_metrics[] = {
	"degree", "strength", "pagerank", "betweenness", "harmonic", "eigenvector", "coreness", NULL
};

static char *dup_text(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);

	return v ? bs_xstrdup(v) : NULL;
}

/* A statement of one row or none: SQLITE_ROW, SQLITE_DONE, or the error
 * in err (then -1). */
static int step_once(bs_store *s, sqlite3_stmt *st, const char *what, bs_error *err)
{
	int r = sqlite3_step(st);

	if (r == SQLITE_ROW || r == SQLITE_DONE)
		return r;
	bs_store_db_error(s, err, what);
	return -1;
}

int bs_lookup_author(bs_store *s, int64_t id, bs_lookup_author_info *out, bs_error *err)
{
	static const char sql[] =
		"SELECT a.name, COUNT(*), SUM(1.0 / p.n_authors), MIN(p.year), MAX(p.year), a.key"
		" FROM authors a JOIN authorship s ON s.author_id = a.id"
		" JOIN papers p ON p.id = s.paper_id WHERE a.id = ?1";
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "read author");
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	r = step_once(s, st, "read author", err);
	if (r < 0) {
		rc = err->code;
		goto done;
	}
	if (r == SQLITE_ROW) {
		out->found = 1;
		out->name = dup_text(st, 0);
		out->key = dup_text(st, 5);
		out->papers = sqlite3_column_int64(st, 1);
		out->fractional = sqlite3_column_double(st, 2);
		out->first_year = sqlite3_column_int(st, 3);
		out->last_year = sqlite3_column_int(st, 4);
	}
done:
	sqlite3_finalize(st);
	return rc;
}

void bs_lookup_author_release(bs_lookup_author_info *a)
{
	free(a->name);
	free(a->key);
	a->name = NULL;
	a->key = NULL;
}

/* One metric's row of bs_lookup_author_ranks. */
static int author_rank(bs_store *s, int64_t run, int64_t id, const char *metric, bs_table *out,
		       bs_error *err)
{
	bs_strbuf sql = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	bs_strbuf_init(&sql);
	bs_strbuf_addf(&sql, "SELECT m.%s, (SELECT COUNT(*) FROM author_metrics x WHERE x.run_id = m.run_id"
		       " AND x.%s > m.%s) + 1 FROM author_metrics m WHERE m.run_id = ?1 AND m.author_id = ?2",
		       metric, metric, metric);
	if (sqlite3_prepare_v2(bs_store_db(s), sql.buf, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "read author metrics");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, id);
	r = step_once(s, st, "read author metrics", err);
	if (r < 0) {
		rc = err->code;
	} else if (r == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		bs_table_set_text(out, row, 0, metric);
		bs_table_set_g(out, row, 1, sqlite3_column_double(st, 0));
		bs_table_set_int(out, row, 2, sqlite3_column_int64(st, 1));
	}
done:
	sqlite3_finalize(st);
	bs_strbuf_release(&sql);
	return rc;
}

int bs_lookup_author_ranks(bs_store *s, int64_t run, int64_t id, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"metric", "value", "rank"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_REAL, BS_COL_INT};
	int rc = BS_OK;

	bs_table_init(out, 3, cols, types);
	for (size_t i = 0; profile_metrics[i] && !rc; i++)
		rc = author_rank(s, run, id, profile_metrics[i], out, err);
	return rc;
}

int bs_lookup_author_community(bs_store *s, int64_t run, int64_t id, bs_lookup_community *out,
			       bs_error *err)
{
	static const char sql[] =
		"SELECT c.community, cs.size, cs.top_authors FROM communities c"
		" JOIN community_summary cs ON cs.run_id = c.run_id AND cs.community = c.community"
		" WHERE c.run_id = ?1 AND c.author_id = ?2";
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	memset(out, 0, sizeof *out);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "read community");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, id);
	r = step_once(s, st, "read community", err);
	if (r < 0) {
		rc = err->code;
	} else if (r == SQLITE_ROW) {
		out->found = 1;
		out->community = sqlite3_column_int64(st, 0);
		out->size = sqlite3_column_int64(st, 1);
		out->top_authors = json_loads((const char *)sqlite3_column_text(st, 2), 0, NULL);
	}
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_lookup_metric_ranking(bs_store *s, int64_t run, const char *metric, long top, bs_table *out,
			     bs_error *err)
{
	static const char *const cols[] = {"rank", "author", "papers", "value"};
	bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL};
	bs_strbuf sql = BS_STRBUF_INIT;
	const char *names[4], *col = NULL;
	int rc;

	for (size_t i = 0; ranking_metrics[i]; i++)
		if (!strcmp(metric, ranking_metrics[i]))
			col = ranking_metrics[i];
	if (!col) {
		bs_table_init(out, 4, cols, types);
		return bs_error_set(err, BS_ERR_USAGE, "unknown metric '%s'", metric);
	}
	memcpy(names, cols, sizeof names);
	names[3] = col;
	if (!strcmp(col, "degree") || !strcmp(col, "coreness"))
		types[3] = BS_COL_INT;
	bs_strbuf_init(&sql);
	bs_strbuf_addf(&sql, "SELECT ROW_NUMBER() OVER (ORDER BY m.%s DESC, a.name, a.id), a.name, m.papers, m.%s"
		       " FROM author_metrics m JOIN authors a ON a.id = m.author_id WHERE m.run_id = ?1"
		       " ORDER BY m.%s DESC, a.name, a.id LIMIT ?2", col, col, col);
	rc = bs_query_table(s, sql.buf, run, top > 0 ? top : -1, 4, names, types, out, err);
	bs_strbuf_release(&sql);
	return rc;
}

int bs_lookup_communities(bs_store *s, int64_t run, long top,
			  int (*fn)(void *ud, const bs_lookup_community_row *r), void *ud, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_lookup_community_row row;
	int rc = BS_OK, r;

	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT community, size, papers, density, top_authors FROM community_summary"
			       " WHERE run_id = ?1 ORDER BY community LIMIT ?2", -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "read communities");
		goto done;
	}
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, top > 0 ? top : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		row.community = sqlite3_column_int64(st, 0);
		row.size = sqlite3_column_int64(st, 1);
		row.papers = sqlite3_column_int64(st, 2);
		row.density = sqlite3_column_double(st, 3);
		row.top_authors = (const char *)sqlite3_column_text(st, 4);
		if ((rc = fn(ud, &row)))
			goto done;
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "read communities");
done:
	sqlite3_finalize(st);
	return rc;
}

int bs_lookup_community_exists(bs_store *s, int64_t run, long community, int *exists, bs_error *err)
{
	static const char *const cols[] = {"communities"};
	static const bs_col_type types[] = {BS_COL_INT};
	bs_table t;
	int rc;

	*exists = 0;
	rc = bs_query_table(s, "SELECT COUNT(*) FROM community_summary WHERE run_id = ?1"
			    " AND community = ?2", run, community, 1, cols, types, &t, err);
	if (!rc)
		*exists = t.nrows == 1 && strcmp(bs_table_get(&t, 0, 0), "0") != 0;
	bs_table_release(&t);
	return rc;
}

int bs_lookup_term_display(bs_store *s, int64_t id, bs_strbuf *out, int *found, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	*found = 0;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT display FROM terms WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = bs_store_db_error(s, err, "read term");
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	r = step_once(s, st, "read term", err);
	if (r < 0) {
		rc = err->code;
	} else if (r == SQLITE_ROW) {
		*found = 1;
		bs_strbuf_reset(out);
		bs_strbuf_adds(out, (const char *)sqlite3_column_text(st, 0));
	}
done:
	sqlite3_finalize(st);
	return rc;
}
