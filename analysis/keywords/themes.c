#include "analysis/keywords/themes.h"
#include "base/clock.h"
#include "analysis/keywords/topics.h"
#include "analysis/graph/communities.h"
#include "analysis/graph/graph.h"
#include "base/hashmap.h"
#include "analysis/results.h"
#include "base/strbuf.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void bs_theme_opts_init(bs_theme_opts *o)
{
	o->n_terms = 250;
	o->min_cooc = 3;
	o->max_share = 0.2;
	o->resolution = 1;
	o->seed = BS_DEFAULT_SEED;
	o->top_terms = 6;
	o->words = 0;
	memset(&o->filter, 0, sizeof o->filter);
}

/* the term lists of the papers f selects */
static const char *lists_sql(const bs_filter *f)
{
	return bs_filter_active(f) ? "SELECT l.terms FROM papers p JOIN paper_term_lists l ON l.paper_id = p.id WHERE"
		BS_FILTER_SQL : "SELECT terms FROM paper_term_lists";
}

static int db_err(bs_store *s, bs_error *err, const char *what)
{
	return bs_error_set(err, BS_ERR_DB, "%s: %s: %s", bs_store_path(s), what,
			    sqlite3_errmsg(bs_store_db(s)));
}

typedef struct theme { int id; long nterms; double papers, centrality, density; const char *quad; } theme;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(const double *v, size_t n)
{
	double *c, m;

	if (!n)
		return 0;
	c = bs_xmalloc(n * sizeof *c);
	memcpy(c, v, n * sizeof *c);
	qsort(c, n, sizeof *c, cmp_double);
	m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
	free(c);
	return m;
}

/* Each theme's papers: the papers with at least one of its terms, each
 * once (a sum of the terms' papers counted a paper once per term: 85,401
 * "papers" in a corpus of 23,467).  A second pass over the term lists,
 * in the snapshot the first one read. */
static int theme_papers(bs_store *s, const bs_filter *f, bs_hashmap *index, const bs_communities *com, theme *th,
			bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	bs_term_count *tc = NULL;
	size_t cap = 0;
	int64_t *seen = bs_xcalloc((size_t)com->count + 1, sizeof *seen);   /* last paper counted */
	int64_t row = 0;
	int rc = BS_OK, r;

	if (sqlite3_prepare_v2(bs_store_db(s), lists_sql(f), -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "themes");
		goto cleanup;
	}
	bs_filter_bind(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		long m = bs_term_list_decode((const char *)sqlite3_column_text(st, 0),
					     (size_t)sqlite3_column_bytes(st, 0), &tc, &cap);
		row++;
		for (long x = 0; x < m; x++) {
			int64_t t = tc[x].term, *v = bs_hashmap_get(index, (const char *)&t, sizeof t);
			igraph_integer_t k;
			if (!v)
				continue;
			k = VECTOR(com->membership)[*v];
			if (seen[k] != row) {
				seen[k] = row;
				th[k].papers += 1;
			}
		}
	}
	if (r != SQLITE_DONE)
		rc = db_err(s, err, "themes");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	free(tc);
	free(seen);
	return rc;
}

int bs_themes_build(bs_store *s, const bs_theme_opts *o, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"theme", "terms", "papers", "centrality", "density", "quadrant",
					   "top terms"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL, BS_COL_REAL,
					    BS_COL_TEXT, BS_COL_TEXT};
	sqlite3 *db = bs_store_db(s);
	sqlite3_stmt *st = NULL;
	int64_t *tid = NULL;        /* vertex -> term id */
	char **name = NULL;
	double *df = NULL, N = 0;
	int n = 0, rc = BS_OK;
	bs_hashmap index;           /* term id -> vertex */
	double *cooc = NULL;        /* n x n upper triangle */
	bs_coauthor_graph g;        /* reused as a weighted graph holder */
	bs_communities com;
	bs_community_opts co;
	theme *th = NULL;
	int64_t run = 0, version = 0;
	int locked = 0, filtered = bs_filter_active(&o->filter);
	bs_strbuf vkey = BS_STRBUF_INIT;

	bs_hashmap_init(&index);
	memset(&g, 0, sizeof g);
	memset(&com, 0, sizeof com);
	bs_table_init(out, 7, cols, types);
	bs_igraph_init();
	/* one snapshot for every read; the run's version is that of the
	 * keyword tables it reads (their terms run), else the snapshot's */
	rc = bs_store_read_begin(s, &version, err);
	if (rc)
		goto cleanup;
	if (sqlite3_prepare_v2(db, "SELECT data_version FROM runs WHERE kind = 'terms'", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "themes");
		goto cleanup;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM papers p WHERE" BS_FILTER_SQL, -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "themes");
		goto cleanup;
	}
	bs_filter_bind(st, &o->filter, &vkey);
	if (sqlite3_step(st) == SQLITE_ROW)
		N = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	/* 1. the terms, by their papers in the selection */
	if (sqlite3_prepare_v2(db, filtered ?
			       "SELECT t.id, t.display, COUNT(*) AS k FROM papers p JOIN paper_terms pt ON pt.paper_id = p.id"
			       " JOIN terms t ON t.id = pt.term_id WHERE" BS_FILTER_SQL " AND (?3 OR t.n > 1)"
			       " GROUP BY t.id HAVING k <= ?1 AND k >= 2 ORDER BY k DESC, t.display LIMIT ?2" :
			       "SELECT id, display, papers FROM terms WHERE papers <= ?1 AND papers >= 2"
			       " AND (?3 OR n > 1) ORDER BY papers DESC, display LIMIT ?2", -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "themes");
		goto cleanup;
	}
	bs_filter_bind(st, &o->filter, &vkey);
	sqlite3_bind_double(st, 1, o->max_share * N);
	sqlite3_bind_int(st, 2, o->n_terms);
	sqlite3_bind_int(st, 3, o->words);
	tid = bs_xcalloc((size_t)o->n_terms + 1, sizeof *tid);
	name = bs_xcalloc((size_t)o->n_terms + 1, sizeof *name);
	df = bs_xcalloc((size_t)o->n_terms + 1, sizeof *df);
	while (sqlite3_step(st) == SQLITE_ROW && n < o->n_terms) {
		tid[n] = sqlite3_column_int64(st, 0);
		name[n] = bs_xstrdup((const char *)sqlite3_column_text(st, 1));
		df[n] = sqlite3_column_double(st, 2);
		bs_hashmap_put(&index, (const char *)&tid[n], sizeof tid[n], n);
		n++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (n < 4) {
		rc = bs_error_set(err, BS_ERR_EMPTY, "too few terms for a thematic map (%d; ingest more papers)", n);
		goto cleanup;
	}
	/* 2. co-occurrence counts, one pass over the papers' term lists */
	cooc = bs_xcalloc((size_t)n * (size_t)n, sizeof *cooc);
	if (sqlite3_prepare_v2(db, lists_sql(&o->filter), -1, &st, NULL) != SQLITE_OK) {
		rc = db_err(s, err, "themes");
		goto cleanup;
	}
	bs_filter_bind(st, &o->filter, &vkey);
	{
		int32_t cur[1024];
		bs_term_count *tc = NULL;
		size_t cap = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			long m = bs_term_list_decode((const char *)sqlite3_column_text(st, 0),
						     (size_t)sqlite3_column_bytes(st, 0), &tc, &cap);
			int k = 0;
			for (long x = 0; x < m; x++) {
				int64_t t = tc[x].term, *v = bs_hashmap_get(&index, (const char *)&t, sizeof t);
				if (v && k < 1024)
					cur[k++] = (int32_t)*v;
			}
			for (int i = 0; i < k; i++)
				for (int j = i + 1; j < k; j++) {
					int a = cur[i] < cur[j] ? cur[i] : cur[j], b = cur[i] < cur[j] ? cur[j] : cur[i];
					cooc[(size_t)a * (size_t)n + (size_t)b] += 1;
				}
		}
		free(tc);
	}
	sqlite3_finalize(st);
	st = NULL;
	/* 3. the network: association strength weights */
	{
		igraph_vector_int_t edges;
		igraph_integer_t m = 0;
		igraph_vector_int_init(&edges, 0);
		igraph_vector_init(&g.weight, 0);
		igraph_vector_init(&g.joint, 0);
		for (int a = 0; a < n; a++)
			for (int b = a + 1; b < n; b++) {
				double c = cooc[(size_t)a * (size_t)n + (size_t)b];
				if (c < (double)o->min_cooc)
					continue;
				igraph_vector_int_push_back(&edges, a);
				igraph_vector_int_push_back(&edges, b);
				igraph_vector_push_back(&g.weight, N * c / (df[a] * df[b]));
				igraph_vector_push_back(&g.joint, c);
				m++;
			}
		(void)m;
		g.n = n;
		if (igraph_create(&g.g, &edges, n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
			igraph_vector_int_destroy(&edges);
			rc = bs_igraph_error(err, IGRAPH_FAILURE, "themes");
			goto cleanup;
		}
		g.have_graph = 1;
		igraph_vector_int_destroy(&edges);
	}
	bs_community_opts_init(&co);
	co.resolution = o->resolution;
	co.seed = o->seed;
	rc = bs_communities_detect(&g, &co, &com, err);
	if (rc)
		goto cleanup;
	/* 4. Callon centrality and density per theme */
	th = bs_xcalloc((size_t)com.count + 1, sizeof *th);
	for (int a = 0; a < n; a++) {
		int ka = (int)VECTOR(com.membership)[a];
		th[ka].id = ka;
		th[ka].nterms++;
		for (int b = a + 1; b < n; b++) {
			double c = cooc[(size_t)a * (size_t)n + (size_t)b];
			double e;
			int kb = (int)VECTOR(com.membership)[b];
			if (c < (double)o->min_cooc)
				continue;
			e = c * c / (df[a] * df[b]);
			if (ka == kb) {
				th[ka].density += e;
			} else {
				th[ka].centrality += e;
				th[kb].centrality += e;
			}
		}
	}
	rc = theme_papers(s, &o->filter, &index, &com, th, err);
	bs_store_read_end(s);
	if (rc)
		goto cleanup;
	{
		double *cv = bs_xcalloc((size_t)com.count + 1, sizeof *cv);
		double *dv = bs_xcalloc((size_t)com.count + 1, sizeof *dv);
		double mc, md;
		for (igraph_integer_t k = 0; k < com.count; k++) {
			th[k].centrality *= 10;
			th[k].density = th[k].nterms ? 100 * th[k].density / (double)th[k].nterms : 0;
			cv[k] = th[k].centrality;
			dv[k] = th[k].density;
		}
		mc = median(cv, (size_t)com.count);
		md = median(dv, (size_t)com.count);
		for (igraph_integer_t k = 0; k < com.count; k++)
			th[k].quad = th[k].centrality >= mc ? (th[k].density >= md ? "motor" : "basic")
							     : (th[k].density >= md ? "niche" : "emerging or declining");
		free(cv);
		free(dv);
	}
	/* 5. store and list */
	{
		json_t *p = json_object(), *sum = json_object();
		char *params, *summary;
		json_object_set_new(p, "n_terms", json_integer(o->n_terms));
		json_object_set_new(p, "min_cooc", json_integer(o->min_cooc));
		json_object_set_new(p, "max_share", json_real(o->max_share));
		json_object_set_new(p, "resolution", json_real(o->resolution));
		json_object_set_new(p, "seed", json_integer((json_int_t)o->seed));
		json_object_set_new(p, "words", json_boolean(o->words));
		if (filtered) {
			json_object_set_new(p, "venue", o->filter.venue ? json_string(vkey.buf) : json_null());
			json_object_set_new(p, "year_from", o->filter.year_from ? json_integer(o->filter.year_from) : json_null());
			json_object_set_new(p, "year_to", o->filter.year_to ? json_integer(o->filter.year_to) : json_null());
		}
		json_object_set_new(sum, "themes", json_integer(com.count));
		json_object_set_new(sum, "terms", json_integer(n));
		json_object_set_new(sum, "modularity", json_real(com.modularity));
		params = json_dumps(p, JSON_SORT_KEYS | JSON_COMPACT);
		summary = json_dumps(sum, JSON_SORT_KEYS | JSON_COMPACT);
		json_decref(p);
		json_decref(sum);
		rc = bs_store_lock(s, err);
		locked = !rc;
		if (!rc)
			rc = bs_store_exec(s, "BEGIN IMMEDIATE", err);
		if (!rc) {
			int64_t v = version;
			if (sqlite3_prepare_v2(db, "DELETE FROM runs WHERE kind = 'themes'", -1, &st, NULL) != SQLITE_OK ||
			    sqlite3_step(st) != SQLITE_DONE)
				rc = db_err(s, err, "themes");
			sqlite3_finalize(st);
			st = NULL;
			if (!rc && sqlite3_prepare_v2(db, "INSERT INTO runs(kind, params, data_version, summary, created_at)"
						      " VALUES('themes', ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
						      -1, &st, NULL) == SQLITE_OK) {
				sqlite3_bind_text(st, 1, params, -1, SQLITE_STATIC);
				sqlite3_bind_int64(st, 2, v);
				sqlite3_bind_text(st, 3, summary, -1, SQLITE_STATIC);
				if (sqlite3_step(st) != SQLITE_DONE)
					rc = db_err(s, err, "themes");
				run = sqlite3_last_insert_rowid(db);
			}
			sqlite3_finalize(st);
			st = NULL;
		}
		free(params);
		free(summary);
	}
	if (!rc && sqlite3_prepare_v2(db, "INSERT INTO theme_terms(run_id, term_id, theme) VALUES(?1, ?2, ?3)", -1,
				      &st, NULL) == SQLITE_OK) {
		for (int a = 0; a < n && !rc; a++) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, run);
			sqlite3_bind_int64(st, 2, tid[a]);
			sqlite3_bind_int(st, 3, (int)VECTOR(com.membership)[a]);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = db_err(s, err, "theme_terms");
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!rc && sqlite3_prepare_v2(db, "INSERT INTO theme_summary(run_id, theme, terms, papers, centrality,"
				      " density, quadrant, top_terms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st,
				      NULL) != SQLITE_OK)
		rc = db_err(s, err, "theme_summary");
	for (igraph_integer_t k = 0; k < com.count && !rc; k++) {
		bs_strbuf top = BS_STRBUF_INIT;
		size_t row;
		int shown = 0;
		bs_strbuf_init(&top);
		/* terms are in decreasing frequency: the first members are the
		 * top, none shown inside another ("support vector machines", not
		 * "support vector" and "vector machines" beside it) */
		{
			const char **mem = bs_xmalloc((size_t)(n + 1) * sizeof *mem);
			double *mdf = bs_xmalloc((size_t)(n + 1) * sizeof *mdf);
			const char **pick = bs_xcalloc((size_t)o->top_terms + 1, sizeof *pick);
			size_t nm = 0;
			for (int a = 0; a < n; a++)
				if (VECTOR(com.membership)[a] == k) {
					mdf[nm] = df[a];
					mem[nm++] = name[a];
				}
			shown = bs_topics_pick_distinct(mem, mdf, nm, o->top_terms, pick);
			for (int j = 0; j < shown; j++)
				bs_strbuf_addf(&top, "%s%s", j ? ", " : "", pick[j]);
			free(pick);
			free(mem);
			free(mdf);
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, run);
		sqlite3_bind_int64(st, 2, k);
		sqlite3_bind_int64(st, 3, th[k].nterms);
		sqlite3_bind_double(st, 4, th[k].papers);
		sqlite3_bind_double(st, 5, th[k].centrality);
		sqlite3_bind_double(st, 6, th[k].density);
		sqlite3_bind_text(st, 7, th[k].quad, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, top.buf, (int)top.len, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_err(s, err, "theme_summary");
		row = bs_table_add_row(out);
		bs_table_set_int(out, row, 0, k);
		bs_table_set_int(out, row, 1, th[k].nterms);
		bs_table_set_int(out, row, 2, (long long)th[k].papers);
		bs_table_set_real(out, row, 3, th[k].centrality, 3);
		bs_table_set_real(out, row, 4, th[k].density, 3);
		bs_table_set_text(out, row, 5, th[k].quad);
		bs_table_set_text(out, row, 6, top.buf);
		bs_strbuf_release(&top);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!rc)
		rc = bs_store_exec(s, "COMMIT", err);
	else
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
cleanup:
	sqlite3_finalize(st);
	bs_store_read_end(s);
	if (locked)
		bs_store_unlock(s);
	for (int i = 0; i < n; i++)
		free(name[i]);
	free(name);
	free(tid);
	free(df);
	free(cooc);
	free(th);
	bs_strbuf_release(&vkey);
	bs_hashmap_release(&index);
	bs_communities_release(&com);
	if (g.have_graph) {
		igraph_destroy(&g.g);
		g.have_graph = 0;
	}
	igraph_vector_destroy(&g.weight);
	igraph_vector_destroy(&g.joint);
	if (rc)   /* nothing for the caller to release */
		bs_table_release(out);
	return rc;
}
