#include "base/trace.h"
#include "analysis/results.h"
#include "base/strbuf.h"
#include "text/venue.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int db_err(bs_store *s, bs_error *err, const char *what)
{
	return bs_error_set(err, BS_ERR_DB, "%s: %s: %s", bs_store_path(s), what,
			    sqlite3_errmsg(bs_store_db(s)));
}

int bs_results_data_version(bs_store *s, int64_t *v, bs_error *err)
{
	return bs_store_data_version(s, v, err);
}

/* The venue by its key, as the filter matches it: "CVPR" and "cvpr" select
 * the same papers and share their runs (the typed text made two runs, and
 * one that was not UTF-8 made a run without the key). */
static json_t *graph_params(const bs_graph_opts *g)
{
	json_t *o = json_object();
	bs_strbuf vkey = BS_STRBUF_INIT;

	bs_strbuf_init(&vkey);
	if (g->filter.venue)
		bs_venue_key(g->filter.venue, strlen(g->filter.venue), &vkey);
	json_object_set_new(o, "weight", json_string(g->fractional ? "fractional" : "count"));
	json_object_set_new(o, "max_authors", json_integer(g->max_authors));
	json_object_set_new(o, "venue", g->filter.venue ? json_stringn(vkey.buf, vkey.len) : json_null());
	bs_strbuf_release(&vkey);
	json_object_set_new(o, "year_from", g->filter.year_from ? json_integer(g->filter.year_from) : json_null());
	json_object_set_new(o, "year_to", g->filter.year_to ? json_integer(g->filter.year_to) : json_null());
	return o;
}

static char *dump(json_t *o)
{
	char *s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(o);
	return s ? s : bs_xstrdup("{}");
}

char *bs_results_graph_params(const bs_graph_opts *g, const bs_metrics_opts *m)
{
	json_t *o = graph_params(g);

	json_object_set_new(o, "betweenness", json_string(m->bc_mode == BS_BC_EXACT ? "exact" :
							  m->bc_mode == BS_BC_SAMPLE ? "sample" : "auto"));
	json_object_set_new(o, "exact_limit", json_real(m->exact_limit));
	json_object_set_new(o, "k", json_integer(m->k));
	json_object_set_new(o, "seed", json_integer((json_int_t)m->seed));
	return dump(o);
}

char *bs_results_community_params(const bs_graph_opts *g, const bs_community_opts *c)
{
	json_t *o = graph_params(g);

	json_object_set_new(o, "algorithm", json_string(bs_comm_algo_name(c->algo)));
	json_object_set_new(o, "resolution", json_real(c->resolution));
	json_object_set_new(o, "seed", json_integer((json_int_t)c->seed));
	json_object_set_new(o, "iterations", json_integer(c->iterations));
	if (c->algo == BS_COMM_LEIDEN)   /* runs of igraph's Leiden (before bs_leiden) are not current */
		json_object_set_new(o, "implementation", json_string("bs_leiden"));
	return dump(o);
}

int bs_results_find(bs_store *s, const char *kind, const char *params, int64_t *run_id,
		    bs_error *err)
{
	sqlite3_stmt *st;
	int64_t v;
	int rc;

	*run_id = 0;
	rc = bs_results_data_version(s, &v, err);
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT id FROM runs WHERE kind = ?1 AND params = ?2 AND data_version = ?3"
			       " ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "find run");
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, v);
	if (sqlite3_step(st) == SQLITE_ROW)
		*run_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return BS_OK;
}

/* The tables whose rows belong to a run (run_id REFERENCES runs(id) ON
 * DELETE CASCADE). */
static const char *const run_tables[] = {
	"author_metrics", "communities", "community_summary", "theme_terms", "theme_summary",
};

/* Runs sql once, with kind and params bound to ?1 and ?2 where it has
 * them.  *row (may be NULL) gets the first column of its first row (left
 * as it is when there is none).  Errors: BS_ERR_DB via db_err. */
static int kind_params_step(bs_store *s, const char *sql, const char *kind, const char *params, int *row,
			    bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int r, rc = BS_OK;

	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "replace run");
	if (sqlite3_bind_parameter_count(st) >= 2) {
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
	}
	r = sqlite3_step(st);
	if (r == SQLITE_ROW && row)
		*row = sqlite3_column_int(st, 0);
	else if (r != SQLITE_DONE && r != SQLITE_ROW)
		rc = db_err(s, err, "replace run");
	sqlite3_finalize(st);
	return rc;
}

/* BEGIN, drop runs of kind+params, insert the new run row.  Foreign keys
 * are off until end_run: with them on, SQLite looks up each row's parent
 * author and run (1M papers: 1.8 s of the 4.9 s that the 2.5M metric rows
 * take, at the end of analyze).  The rows come from the database itself
 * (the graph is read from authorship; no command deletes an author), and
 * the replaced runs' rows are deleted here, table by table, since the
 * cascade does not run with foreign keys off.  Every begin_run is ended by
 * end_run, which turns them on again. */
static int begin_run(bs_store *s, const char *kind, const char *params, const char *summary,
		     int64_t v, int64_t *run_id, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	bs_strbuf sql;
	int rc;

	bs_trace("%s run: waiting for the write lock", kind);
	rc = bs_store_lock(s, err);
	if (rc)
		return rc;
	rc = bs_store_exec(s, "PRAGMA foreign_keys = OFF", err);
	if (rc) {
		bs_store_unlock(s);
		return rc;
	}
	rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc) {
		bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
		bs_store_unlock(s);
		return rc;
	}
	bs_trace("%s run: write lock taken", kind);
	bs_strbuf_init(&sql);
	for (size_t i = 0; i < sizeof run_tables / sizeof run_tables[0] && !rc; i++) {
		int others = 1;
		/* does any other run own rows here?  (run_id leads every key:
		 * one lookup a run)  If not, DELETE without WHERE: SQLite drops
		 * the table's pages at once instead of deleting 2.5M rows and
		 * their index entries one by one.  Table names are ours, not data. */
		bs_strbuf_reset(&sql);
		bs_strbuf_addf(&sql, "SELECT EXISTS(SELECT 1 FROM runs r WHERE NOT (r.kind = ?1 AND r.params = ?2)"
			       " AND EXISTS(SELECT 1 FROM %s t WHERE t.run_id = r.id))", run_tables[i]);
		rc = kind_params_step(s, sql.buf, kind, params, &others, err);
		bs_strbuf_reset(&sql);
		if (others)
			bs_strbuf_addf(&sql, "DELETE FROM %s WHERE run_id IN (SELECT id FROM runs WHERE kind = ?1 AND params = ?2)",
				       run_tables[i]);
		else
			bs_strbuf_addf(&sql, "DELETE FROM %s", run_tables[i]);
		if (!rc)
			rc = kind_params_step(s, sql.buf, kind, params, NULL, err);
	}
	bs_strbuf_release(&sql);
	if (!rc)
		rc = kind_params_step(s, "DELETE FROM runs WHERE kind = ?1 AND params = ?2", kind, params, NULL, err);
	if (rc)
		goto fail;
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "INSERT INTO runs(kind, params, data_version, summary, created_at)"
			       " VALUES(?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", -1, &st,
			       NULL) != SQLITE_OK) {
		rc = db_err(s, err, "add run");
		goto fail;
	}
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, params, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, v);
	sqlite3_bind_text(st, 4, summary, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_err(s, err, "add run");
		goto fail;
	}
	sqlite3_finalize(st);
	*run_id = sqlite3_last_insert_rowid(bs_store_db(s));
	return BS_OK;
fail:
	sqlite3_finalize(st);
	sqlite3_exec(bs_store_db(s), "ROLLBACK", NULL, NULL, NULL);
	bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
	bs_store_unlock(s);
	return rc;
}

int bs_results_graph_sampling(bs_store *s, int64_t run_id, int *sampled, long *k, bs_error *err)
{
	sqlite3_stmt *st;
	json_t *j = NULL;
	const char *b;

	*sampled = 0;
	*k = 0;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT summary FROM runs WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return db_err(s, err, "read run");
	sqlite3_bind_int64(st, 1, run_id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		j = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
	sqlite3_finalize(st);
	b = j ? json_string_value(json_object_get(j, "betweenness")) : NULL;
	if (b && !strcmp(b, "sampled")) {
		*sampled = 1;
		*k = (long)json_integer_value(json_object_get(j, "betweenness_k"));
	}
	json_decref(j);
	return BS_OK;
}

/* rc == 0: COMMIT, else ROLLBACK (rc is kept); foreign keys on again. */
static int end_run(bs_store *s, int rc, bs_error *err)
{
	if (!rc) {
		bs_trace("run rows inserted, committing");
		rc = bs_store_exec(s, "COMMIT", err);
	}
	if (rc)
		sqlite3_exec(bs_store_db(s), "ROLLBACK", NULL, NULL, NULL);
	bs_trace("run %s", rc ? "rolled back" : "committed");
	bs_store_exec(s, "PRAGMA foreign_keys = ON", NULL);
	bs_store_unlock(s);
	return rc;
}

json_t *bs_results_graph_summary_json(const bs_coauthor_graph *g, const bs_author_metrics *m,
				      const bs_graph_summary *sum)
{
	json_t *o = json_object(), *hist = json_array();

	json_object_set_new(o, "vertices", json_integer(sum->vertices));
	json_object_set_new(o, "edges", json_integer(sum->edges));
	json_object_set_new(o, "papers", json_integer(g->n_papers));
	json_object_set_new(o, "papers_excluded", json_integer(g->n_papers_excluded));
	json_object_set_new(o, "max_authors", json_integer(g->opts.max_authors));
	json_object_set_new(o, "components", json_integer(sum->components));
	json_object_set_new(o, "isolated", json_integer(sum->isolated));
	json_object_set_new(o, "giant_component", json_integer(sum->giant));
	json_object_set_new(o, "giant_share", json_real(sum->giant_share));
	json_object_set_new(o, "density", json_real(sum->density));
	json_object_set_new(o, "mean_degree", json_real(sum->mean_degree));
	json_object_set_new(o, "transitivity", json_real(sum->transitivity));
	json_object_set_new(o, "mean_distance", json_real(sum->mean_distance));
	json_object_set_new(o, "diameter", json_real(sum->diameter));
	json_object_set_new(o, "distance_sampled", json_boolean(sum->distance_sampled));
	json_object_set_new(o, "distance_sources", json_integer(sum->distance_sources));
	json_object_set_new(o, "betweenness", json_string(m->approximate ? "sampled" : "exact"));
	json_object_set_new(o, "betweenness_k", json_integer(m->approximate ? m->k : 0));
	json_object_set_new(o, "betweenness_exact_cpu_seconds", json_real(round(m->bc_seconds * 100) / 100));
	for (igraph_integer_t d = 0; d < igraph_vector_int_size(&sum->degree_hist); d++) {
		json_t *row;
		if (!VECTOR(sum->degree_hist)[d])
			continue;
		row = json_array();
		json_array_append_new(row, json_integer(d));
		json_array_append_new(row, json_integer(VECTOR(sum->degree_hist)[d]));
		json_array_append_new(hist, row);
	}
	json_object_set_new(o, "degree_distribution", hist);
	return o;
}

/* Binds row v's ncols values to parameters base+1 .. base+ncols. */
typedef void (*row_binder)(sqlite3_stmt *st, int base, igraph_integer_t v, const void *ctx);

#define ROWS_PER_INSERT 64

/* INSERT rows 0..nrows-1 (head: "INSERT INTO t(a, b) VALUES"), 64 rows a
 * statement (one statement per row costs about twice as much on millions
 * of rows), the rest one by one.  Inside the caller's transaction. */
static int insert_rows(bs_store *s, const char *head, int ncols, igraph_integer_t nrows, row_binder bind,
		       const void *ctx, const char *what, bs_error *err)
{
	sqlite3_stmt *many = NULL, *one = NULL;
	bs_strbuf sql;
	igraph_integer_t v = 0;
	int rc = BS_OK;

	bs_strbuf_init(&sql);
	bs_store_multirow_sql(&sql, head, ncols, ROWS_PER_INSERT);
	if (nrows >= ROWS_PER_INSERT &&
	    sqlite3_prepare_v2(bs_store_db(s), sql.buf, (int)sql.len, &many, NULL) != SQLITE_OK)
		goto db_fail;
	for (; v + ROWS_PER_INSERT <= nrows; v += ROWS_PER_INSERT) {
		sqlite3_reset(many);
		for (int r = 0; r < ROWS_PER_INSERT; r++)
			bind(many, r * ncols, v + r, ctx);
		if (sqlite3_step(many) != SQLITE_DONE)
			goto db_fail;
	}
	bs_strbuf_reset(&sql);
	bs_store_multirow_sql(&sql, head, ncols, 1);
	if (v < nrows && sqlite3_prepare_v2(bs_store_db(s), sql.buf, (int)sql.len, &one, NULL) != SQLITE_OK)
		goto db_fail;
	for (; v < nrows; v++) {
		sqlite3_reset(one);
		bind(one, 0, v, ctx);
		if (sqlite3_step(one) != SQLITE_DONE)
			goto db_fail;
	}
	goto cleanup;
db_fail:
	rc = db_err(s, err, what);
cleanup:
	sqlite3_finalize(many);
	sqlite3_finalize(one);
	bs_strbuf_release(&sql);
	return rc;
}

typedef struct metric_rows {
	int64_t run_id;
	const bs_coauthor_graph *g;
	const bs_author_metrics *m;
} metric_rows;

static void bind_metric_row(sqlite3_stmt *st, int b, igraph_integer_t v, const void *ctx)
{
	const metric_rows *r = ctx;
	const bs_author_metrics *m = r->m;

	sqlite3_bind_int64(st, b + 1, r->run_id);
	sqlite3_bind_int64(st, b + 2, r->g->author_id[v]);
	sqlite3_bind_int64(st, b + 3, (sqlite3_int64)r->g->papers[v]);
	sqlite3_bind_double(st, b + 4, r->g->papers_frac[v]);
	sqlite3_bind_int64(st, b + 5, (sqlite3_int64)VECTOR(m->degree)[v]);
	sqlite3_bind_double(st, b + 6, VECTOR(m->strength)[v]);
	sqlite3_bind_double(st, b + 7, VECTOR(m->pagerank)[v]);
	sqlite3_bind_double(st, b + 8, VECTOR(m->betweenness)[v]);
	sqlite3_bind_double(st, b + 9, VECTOR(m->harmonic)[v]);
	sqlite3_bind_double(st, b + 10, VECTOR(m->eigenvector)[v]);
	sqlite3_bind_int64(st, b + 11, VECTOR(m->coreness)[v]);
	sqlite3_bind_int64(st, b + 12, VECTOR(m->component)[v]);
	sqlite3_bind_double(st, b + 13, VECTOR(m->clustering)[v]);
}

int bs_results_save_graph(bs_store *s, const char *params, int64_t version, const bs_coauthor_graph *g,
			  const bs_author_metrics *m, const bs_graph_summary *sum,
			  int64_t *run_id, bs_error *err)
{
	char *summary = dump(bs_results_graph_summary_json(g, m, sum));
	metric_rows rows;
	int rc;

	rc = begin_run(s, "graph", params, summary, version, run_id, err);
	free(summary);
	if (rc)
		return rc;
	rows.run_id = *run_id;
	rows.g = g;
	rows.m = m;
	rc = insert_rows(s, "INSERT INTO author_metrics(run_id, author_id, papers, fractional, degree,"
			 " strength, pagerank, betweenness, harmonic, eigenvector, coreness, component,"
			 " clustering) VALUES", 13, g->n, bind_metric_row, &rows, "author metrics", err);
	return end_run(s, rc, err);
}

typedef struct member { igraph_integer_t v; double papers; } member;

static int cmp_member(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->papers != y->papers)
		return x->papers > y->papers ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* Per community, the distinct papers with at least one member (any paper
 * of a member author, as stored, also those left out of the graph): one
 * pass over authorship, a paper counted once per community by remembering
 * the last paper each community counted.  O(authorships). */
static int community_papers(bs_store *s, const bs_coauthor_graph *g, const bs_communities *c,
			    long long *papers, bs_error *err)
{
	sqlite3_stmt *st = NULL;
	int64_t maxid = 0, *last;
	int32_t *vert;
	int r;

	for (igraph_integer_t v = 0; v < g->n; v++)
		if (g->author_id[v] > maxid)
			maxid = g->author_id[v];
	vert = bs_xmalloc(((size_t)maxid + 1) * sizeof *vert);
	for (int64_t a = 0; a <= maxid; a++)
		vert[a] = -1;
	for (igraph_integer_t v = 0; v < g->n; v++)
		vert[g->author_id[v]] = (int32_t)v;
	last = bs_xmalloc(((size_t)c->count + 1) * sizeof *last);
	for (igraph_integer_t k = 0; k <= c->count; k++)
		last[k] = -1;
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT paper_id, author_id FROM authorship ORDER BY paper_id", -1, &st,
			       NULL) != SQLITE_OK) {
		free(vert);
		free(last);
		return db_err(s, err, "community papers");
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t p = sqlite3_column_int64(st, 0), a = sqlite3_column_int64(st, 1);
		igraph_integer_t k;
		if (a < 0 || a > maxid || vert[a] < 0)
			continue;
		k = VECTOR(c->membership)[vert[a]];
		if (last[k] != p) {
			last[k] = p;
			papers[k]++;
		}
	}
	sqlite3_finalize(st);
	free(vert);
	free(last);
	if (r != SQLITE_DONE)
		return db_err(s, err, "community papers");
	return BS_OK;
}

typedef struct member_rows {
	int64_t run_id;
	const bs_coauthor_graph *g;
	const bs_communities *c;
} member_rows;

static void bind_member_row(sqlite3_stmt *st, int b, igraph_integer_t v, const void *ctx)
{
	const member_rows *r = ctx;

	sqlite3_bind_int64(st, b + 1, r->run_id);
	sqlite3_bind_int64(st, b + 2, r->g->author_id[v]);
	sqlite3_bind_int64(st, b + 3, VECTOR(r->c->membership)[v]);
}

typedef struct summary_rows {
	int64_t run_id;
	const bs_coauthor_graph *g;
	const long long *size, *internal, *start, *papers;
	const member *mem;
} summary_rows;

/* community k's row; its five most prolific members as a JSON array */
static void bind_summary_row(sqlite3_stmt *st, int b, igraph_integer_t k, const void *ctx)
{
	const summary_rows *r = ctx;
	long long size = r->size[k];
	json_t *top = json_array();
	char *toptxt;

	for (long long i = 0; i < size && i < 5; i++)
		json_array_append_new(top, json_string(r->g->name[r->mem[r->start[k] + i].v]));
	toptxt = dump(top);
	sqlite3_bind_int64(st, b + 1, r->run_id);
	sqlite3_bind_int64(st, b + 2, k);
	sqlite3_bind_int64(st, b + 3, size);
	sqlite3_bind_int64(st, b + 4, r->internal[k]);
	sqlite3_bind_double(st, b + 5, size > 1 ? 2.0 * (double)r->internal[k] / ((double)size * (double)(size - 1)) : 0);
	sqlite3_bind_int64(st, b + 6, r->papers[k]);
	sqlite3_bind_text(st, b + 7, toptxt, -1, SQLITE_TRANSIENT);
	free(toptxt);
}

int bs_results_save_communities(bs_store *s, const char *params, int64_t version,
				const bs_coauthor_graph *g, const bs_communities *c, int64_t *run_id,
				bs_error *err)
{
	igraph_integer_t nc = c->count;
	long long *size = bs_xcalloc((size_t)nc + 1, sizeof *size);
	long long *internal = bs_xcalloc((size_t)nc + 1, sizeof *internal);
	long long *start = bs_xcalloc((size_t)nc + 2, sizeof *start);
	long long *papers = bs_xcalloc((size_t)nc + 1, sizeof *papers);
	member *mem = bs_xcalloc((size_t)g->n + 1, sizeof *mem);
	json_t *summary = json_object();
	char *sumtxt;
	int rc;

	for (igraph_integer_t v = 0; v < g->n; v++)
		size[VECTOR(c->membership)[v]]++;
	for (igraph_integer_t e = 0; e < igraph_ecount(&g->g); e++) {
		igraph_integer_t a = VECTOR(c->membership)[IGRAPH_FROM(&g->g, e)];
		if (a == VECTOR(c->membership)[IGRAPH_TO(&g->g, e)])
			internal[a]++;
	}
	/* members grouped by community, most prolific first */
	for (igraph_integer_t k = 0; k < nc; k++)
		start[k + 1] = start[k] + size[k];
	{
		long long *fill = bs_xcalloc((size_t)nc + 1, sizeof *fill);
		for (igraph_integer_t v = 0; v < g->n; v++) {
			igraph_integer_t k = VECTOR(c->membership)[v];
			mem[start[k] + fill[k]].v = v;
			mem[start[k] + fill[k]].papers = g->papers[v];
			fill[k]++;
		}
		free(fill);
	}
	for (igraph_integer_t k = 0; k < nc; k++)
		qsort(mem + start[k], (size_t)size[k], sizeof *mem, cmp_member);

	rc = community_papers(s, g, c, papers, err);
	if (rc)
		goto cleanup;
	json_object_set_new(summary, "communities", json_integer(nc));
	json_object_set_new(summary, "modularity", json_real(c->modularity));
	sumtxt = dump(summary);
	rc = begin_run(s, "communities", params, sumtxt, version, run_id, err);
	free(sumtxt);
	if (rc)
		goto cleanup;
	{
		member_rows rows = {*run_id, g, c};
		rc = insert_rows(s, "INSERT INTO communities(run_id, author_id, community) VALUES", 3, g->n,
				 bind_member_row, &rows, "communities", err);
		if (rc)
			goto fail;
	}
	{
		summary_rows rows = {*run_id, g, size, internal, start, papers, mem};
		rc = insert_rows(s, "INSERT INTO community_summary(run_id, community, size, internal_edges,"
				 " density, papers, top_authors) VALUES", 7, nc, bind_summary_row, &rows,
				 "community summary", err);
	}
fail:
	rc = end_run(s, rc, err);
cleanup:
	free(size);
	free(internal);
	free(start);
	free(papers);
	free(mem);
	return rc;
}
