/* impact.c - see impact.h.  The indices and the local citation matching
 * are computed in C over rows the queries hand over in a useful order; the
 * SQL only selects (filters are bound parameters, BS_FILTER_SQL). */
#include "store/impact.h"
#include "store/store_db.h"
#include "base/hashmap.h"
#include "text/citref.h"

#include <stdlib.h>
#include <string.h>

int bs_impact_metric_parse(const char *s)
{
	if (!strcmp(s, "citations"))
		return BS_IMPACT_CITATIONS;
	if (!strcmp(s, "h-index") || !strcmp(s, "h"))
		return BS_IMPACT_HINDEX;
	if (!strcmp(s, "g-index") || !strcmp(s, "g"))
		return BS_IMPACT_GINDEX;
	if (!strcmp(s, "m-index") || !strcmp(s, "m"))
		return BS_IMPACT_MINDEX;
	return -1;
}

static char *dup_col(sqlite3_stmt *st, int col)
{
	const char *v = (const char *)sqlite3_column_text(st, col);
	size_t n = v ? strlen(v) : 0;
	char *r = bs_xmalloc(n + 1);

	memcpy(r, v ? v : "", n);
	r[n] = '\0';
	return r;
}

static int prepare(bs_store *s, const char *sql, const bs_filter *f, bs_strbuf *vkey, sqlite3_stmt **st,
		   const char *what, bs_error *err)
{
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, what);
	bs_filter_bind(*st, f, vkey);
	return BS_OK;
}

/* the latest publication year of the selection, 0 when none */
static int last_year(bs_store *s, const bs_filter *f, int *year, bs_error *err)
{
	static const char sql[] = "SELECT MAX(p.year) FROM papers p WHERE" BS_FILTER_SQL;
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc;

	*year = 0;
	if ((rc = prepare(s, sql, f, &vkey, &st, "latest year", err)))
		goto cleanup;
	if (sqlite3_step(st) == SQLITE_ROW)
		*year = sqlite3_column_int(st, 0);
	else
		rc = bs_store_db_error(s, err, "latest year");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* ---- authors ---- */

typedef struct author_row {
	int64_t id;
	char *name;
	long papers, h, g;
	long long citations, gsum;
	int first;          /* first publication year, 0 when none */
	double m;
	double key;         /* the ranking metric (no global sort state) */
} author_row;

static int cmp_author(const void *pa, const void *pb)
{
	const author_row *a = pa, *b = pb;
	int c = (a->key < b->key) - (a->key > b->key);

	if (!c)
		c = strcmp(a->name, b->name);
	if (!c)
		c = (a->id > b->id) - (a->id < b->id);
	return c;
}

/* One more paper of author a, its citations tc, in descending order of tc
 * (the query's order): the h and g indices grow as the papers come. */
static void author_add(author_row *a, long long tc, int year)
{
	a->papers++;
	a->citations += tc;
	if (tc >= a->papers)
		a->h = a->papers;
	a->gsum += tc;
	if (a->gsum >= (long long)a->papers * a->papers)
		a->g = a->papers;
	if (year > 0 && (!a->first || year < a->first))
		a->first = year;
}

static int load_authors(bs_store *s, const bs_filter *f, author_row **rows, size_t *n, bs_error *err)
{
	static const char sql[] =
		"SELECT s.author_id, a.name, p.year, COALESCE(p.times_cited, 0) AS tc"
		" FROM papers p JOIN authorship s ON s.paper_id = p.id JOIN authors a ON a.id = s.author_id"
		" WHERE" BS_FILTER_SQL
		" GROUP BY s.author_id, p.id ORDER BY s.author_id, tc DESC";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int r, rc;

	if ((rc = prepare(s, sql, f, &vkey, &st, "author citations", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (!*n || (*rows)[*n - 1].id != id) {
			if (*n == cap) {
				cap = cap ? 2 * cap : 256;
				*rows = bs_xrealloc(*rows, cap * sizeof **rows);
			}
			memset(&(*rows)[*n], 0, sizeof **rows);
			(*rows)[*n].id = id;
			(*rows)[*n].name = dup_col(st, 1);
			(*n)++;
		}
		author_add(&(*rows)[*n - 1], sqlite3_column_int64(st, 3), sqlite3_column_int(st, 2));
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "author citations");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_impact_authors(bs_store *s, const bs_filter *f, bs_impact_metric by, int top, bs_table *out,
		      bs_error *err)
{
	static const char *const cols[] = {"author", "papers", "citations", "h", "g", "m"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_INT,
					    BS_COL_REAL};
	author_row *rows = NULL;
	size_t n = 0;
	int last = 0, rc;

	bs_table_init(out, 6, cols, types);
	if ((rc = last_year(s, f, &last, err)) || (rc = load_authors(s, f, &rows, &n, err)))
		goto cleanup;
	for (size_t i = 0; i < n; i++) {
		author_row *a = &rows[i];
		a->m = a->first && last >= a->first ? (double)a->h / (last - a->first + 1) : 0.0;
		a->key = by == BS_IMPACT_CITATIONS ? (double)a->citations :
			 by == BS_IMPACT_HINDEX ? (double)a->h : by == BS_IMPACT_GINDEX ? (double)a->g : a->m;
	}
	if (n)
		qsort(rows, n, sizeof *rows, cmp_author);
	for (size_t i = 0; i < n && (top <= 0 || i < (size_t)top); i++) {
		size_t row = bs_table_add_row(out);
		bs_table_set_text(out, row, 0, rows[i].name);
		bs_table_set_int(out, row, 1, rows[i].papers);
		bs_table_set_int(out, row, 2, rows[i].citations);
		bs_table_set_int(out, row, 3, rows[i].h);
		bs_table_set_int(out, row, 4, rows[i].g);
		bs_table_set_real(out, row, 5, rows[i].m, 3);
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(rows[i].name);
	free(rows);
	return rc;
}

int bs_impact_sources(bs_store *s, const bs_filter *f, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"source", "as_of", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT};
	static const char sql[] =
		"SELECT CASE WHEN p.times_cited IS NULL THEN 'none' ELSE COALESCE(p.cited_source, 'unknown') END AS src,"
		"       CASE WHEN p.times_cited IS NULL THEN NULL ELSE p.cited_as_of END AS d, COUNT(*) AS n"
		" FROM papers p WHERE" BS_FILTER_SQL
		" GROUP BY src, d ORDER BY src = 'none', n DESC, src, d";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc;

	bs_table_init(out, 3, cols, types);
	if ((rc = prepare(s, sql, f, &vkey, &st, "citation sources", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		bs_table_set_text(out, row, 0, (const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, 1));
		bs_table_set_int(out, row, 2, sqlite3_column_int64(st, 2));
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "citation sources");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* ---- papers and local citations ---- */

typedef struct paper_row {
	int64_t id;
	char *title, *author, *venue, *doi, *volume, *pages, *counted;
	int year;
	long long tc;        /* -1: unknown */
	long local;
	int64_t last_citer;  /* the citing paper counted last (rows come by citing paper) */
	bs_impact_paper_order order;   /* how to sort (no global sort state) */
} paper_row;

typedef struct paper_set {
	paper_row *v;
	size_t n, cap;
	bs_hashmap keys;     /* match key -> head of its chain in chain[] */
	struct key_link {
		size_t paper;
		int64_t next;    /* -1: end */
	} *chain;
	size_t nchain, chaincap;
} paper_set;

static void set_release(paper_set *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		paper_row *p = &ps->v[i];
		free(p->title), free(p->author), free(p->venue), free(p->doi);
		free(p->volume), free(p->pages), free(p->counted);
	}
	free(ps->v);
	free(ps->chain);
	bs_hashmap_release(&ps->keys);
	memset(ps, 0, sizeof *ps);
}

static void link_key(paper_set *ps, const bs_strbuf *key, size_t paper)
{
	int64_t *head;

	if (!key->len)
		return;
	if (ps->nchain == ps->chaincap) {
		ps->chaincap = ps->chaincap ? 2 * ps->chaincap : 256;
		ps->chain = bs_xrealloc(ps->chain, ps->chaincap * sizeof *ps->chain);
	}
	head = bs_hashmap_get(&ps->keys, key->buf, key->len);
	ps->chain[ps->nchain].paper = paper;
	ps->chain[ps->nchain].next = head ? *head : -1;
	bs_hashmap_put(&ps->keys, key->buf, key->len, (int64_t)ps->nchain);
	ps->nchain++;
}

/* Index in ps (ordered by id) of paper id, or -1. */
static long paper_index(const paper_set *ps, int64_t id)
{
	size_t lo = 0, hi = ps->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ps->v[mid].id == id)
			return (long)mid;
		if (ps->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The keys of the identifiers of ps's papers that references carry
 * (OpenAlex lists its references as work ids): a reference
 * "https://openalex.org/W2" cites the paper whose OpenAlex id is W2. */
static int link_ids(bs_store *s, const bs_filter *f, paper_set *ps, bs_error *err)
{
	static const char sql[] =
		"SELECT i.paper_id, i.scheme, i.value FROM paper_ids i JOIN papers p ON p.id = i.paper_id"
		" WHERE i.scheme = 'openalex' AND" BS_FILTER_SQL " ORDER BY i.paper_id";
	bs_strbuf vkey = BS_STRBUF_INIT, key = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc;

	if ((rc = prepare(s, sql, f, &vkey, &st, "paper identifiers", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		long i = paper_index(ps, sqlite3_column_int64(st, 0));
		if (i < 0)
			continue;
		bs_citref_id_key((const char *)sqlite3_column_text(st, 1),
				 (const char *)sqlite3_column_text(st, 2), &key);
		link_key(ps, &key, (size_t)i);
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "paper identifiers");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	bs_strbuf_release(&key);
	return rc;
}

/* The papers f selects (NULL: all), by id, with their match keys. */
static int load_papers(bs_store *s, const bs_filter *f, paper_set *ps, bs_error *err)
{
	static const char sql[] =
		"SELECT p.id, p.title, (SELECT a.name FROM authorship a WHERE a.paper_id = p.id"
		"                       ORDER BY a.position LIMIT 1),"
		"       p.year, v.name, p.times_cited, p.doi, p.volume, p.pages,"
		"       TRIM(COALESCE(p.cited_source, '') || ' ' || COALESCE(p.cited_as_of, ''))"
		" FROM papers p LEFT JOIN venues v ON v.id = p.venue_id"
		" WHERE" BS_FILTER_SQL " ORDER BY p.id";
	bs_strbuf vkey = BS_STRBUF_INIT, key = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc;

	bs_hashmap_init(&ps->keys);
	if ((rc = prepare(s, sql, f, &vkey, &st, "papers", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		paper_row *p;
		if (ps->n == ps->cap) {
			ps->cap = ps->cap ? 2 * ps->cap : 256;
			ps->v = bs_xrealloc(ps->v, ps->cap * sizeof *ps->v);
		}
		p = &ps->v[ps->n];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		p->title = dup_col(st, 1);
		p->author = dup_col(st, 2);
		p->year = sqlite3_column_int(st, 3);
		p->venue = dup_col(st, 4);
		p->tc = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 5);
		p->doi = dup_col(st, 6);
		p->volume = dup_col(st, 7);
		p->pages = dup_col(st, 8);
		p->counted = dup_col(st, 9);
		p->last_citer = -1;
		/* the DOI key, and the author key too: a reference without a
		 * DOI may cite a paper that has one */
		if (*p->doi) {
			bs_citref_paper_key(p->author, p->year, p->volume, p->pages, p->doi, &key);
			link_key(ps, &key, ps->n);
		}
		bs_citref_paper_key(p->author, p->year, p->volume, p->pages, NULL, &key);
		link_key(ps, &key, ps->n);
		ps->n++;
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "papers");
	else
		rc = link_ids(s, f, ps, err);
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	bs_strbuf_release(&key);
	return rc;
}

/* Count, for each paper of ps, the papers of f's selection whose references
 * match one of its keys. */
static int local_citations(bs_store *s, const bs_filter *f, paper_set *ps, bs_error *err)
{
	static const char sql[] =
		"SELECT r.paper_id, r.ref_key FROM paper_refs r JOIN papers p ON p.id = r.paper_id"
		" WHERE r.ref_key IS NOT NULL AND" BS_FILTER_SQL " ORDER BY r.paper_id";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc;

	if ((rc = prepare(s, sql, f, &vkey, &st, "local citations", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t citing = sqlite3_column_int64(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1);
		int64_t *head = k ? bs_hashmap_get(&ps->keys, k, (size_t)sqlite3_column_bytes(st, 1)) : NULL;
		for (int64_t e = head ? *head : -1; e >= 0; e = ps->chain[e].next) {
			paper_row *p = &ps->v[ps->chain[e].paper];
			if (p->id != citing && p->last_citer != citing) {
				p->local++;
				p->last_citer = citing;
			}
		}
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "local citations");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

static int cmp3(long long a, long long b)
{
	return (a < b) - (a > b);   /* descending */
}

static int cmp_paper(const void *pa, const void *pb)
{
	const paper_row *a = pa, *b = pb;
	bs_impact_paper_order paper_order = a->order;
	int c = 0;

	if (paper_order == BS_IMPACT_BY_LOCAL)
		c = cmp3(a->local, b->local);
	if (!c && paper_order == BS_IMPACT_BY_YEAR)
		c = cmp3(a->year, b->year);
	if (!c)
		c = cmp3(a->tc, b->tc);
	if (!c && paper_order == BS_IMPACT_BY_CITATIONS)
		c = cmp3(a->local, b->local);
	if (!c && paper_order != BS_IMPACT_BY_YEAR)
		c = cmp3(a->year, b->year);
	if (!c)
		c = strcmp(a->title, b->title);
	if (!c)
		c = (a->id > b->id) - (a->id < b->id);
	return c;
}

static void text_or_empty(bs_table *t, size_t row, size_t col, const char *v)
{
	if (v && *v)
		bs_table_set_text(t, row, col, v);
}

int bs_impact_papers(bs_store *s, const bs_filter *f, bs_impact_paper_order order, int top, bs_table *out,
		     bs_error *err)
{
	static const char *const cols[] = {"title", "first author", "year", "venue", "citations",
					   "local citations", "DOI", "counted"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT, BS_COL_TEXT, BS_COL_INT,
					    BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT};
	paper_set ps;
	int rc;

	memset(&ps, 0, sizeof ps);
	bs_table_init(out, 8, cols, types);
	if ((rc = load_papers(s, f, &ps, err)) || (rc = local_citations(s, f, &ps, err)))
		goto cleanup;
	for (size_t i = 0; i < ps.n; i++)
		ps.v[i].order = order;
	if (ps.n)
		qsort(ps.v, ps.n, sizeof *ps.v, cmp_paper);
	for (size_t i = 0; i < ps.n && (top <= 0 || i < (size_t)top); i++) {
		const paper_row *p = &ps.v[i];
		size_t row = bs_table_add_row(out);
		text_or_empty(out, row, 0, p->title);
		text_or_empty(out, row, 1, p->author);
		if (p->year)
			bs_table_set_int(out, row, 2, p->year);
		text_or_empty(out, row, 3, p->venue);
		if (p->tc >= 0)
			bs_table_set_int(out, row, 4, p->tc);
		bs_table_set_int(out, row, 5, p->local);
		text_or_empty(out, row, 6, p->doi);
		if (p->tc >= 0)
			text_or_empty(out, row, 7, p->counted);
	}
cleanup:
	set_release(&ps);
	return rc;
}

/* ---- references ---- */

/* One cited work: the references that match the same paper of the
 * database, else share a match key, else are the same text. */
typedef struct ref_group {
	char *raw, *author, *source, *doi;   /* of the smallest raw spelling */
	int year;
	long citing;
	int64_t last_citer;
	int in_corpus;
} ref_group;

typedef struct ref_groups {
	ref_group *v;
	size_t n, cap;
	bs_hashmap index;    /* group label -> index in v */
} ref_groups;

static int cmp_group(const void *pa, const void *pb)
{
	const ref_group *a = pa, *b = pb;
	int c = (a->citing < b->citing) - (a->citing > b->citing);

	return c ? c : strcmp(a->raw, b->raw);
}

static void group_fill(ref_group *g, sqlite3_stmt *st)
{
	free(g->raw), free(g->author), free(g->source), free(g->doi);
	g->raw = dup_col(st, 1);
	g->author = dup_col(st, 2);
	g->year = sqlite3_column_int(st, 3);
	g->source = dup_col(st, 4);
	g->doi = dup_col(st, 5);
}

/* Add the reference row of st to its group: the label is the corpus paper
 * its key matches ("p" and the paper's index), else its key ("k"), else
 * its text ("r"), so that a reference with a DOI and one without that
 * cite the same paper of the database are one work, as in local
 * citations. */
static void group_add(ref_groups *gs, paper_set *all, sqlite3_stmt *st, bs_strbuf *label)
{
	const char *k = (const char *)sqlite3_column_text(st, 6);
	const char *raw = (const char *)sqlite3_column_text(st, 1);
	int64_t citing = sqlite3_column_int64(st, 0), *head = NULL, *gi;
	ref_group *g;

	bs_strbuf_reset(label);
	if (k && *k)
		head = bs_hashmap_get(&all->keys, k, strlen(k));
	if (head)
		bs_strbuf_addf(label, "p%zu", all->chain[*head].paper);
	else if (k && *k)
		bs_strbuf_addf(label, "k%s", k);
	else
		bs_strbuf_addf(label, "r%s", raw ? raw : "");
	if ((gi = bs_hashmap_get(&gs->index, label->buf, label->len)) == NULL) {
		if (gs->n == gs->cap) {
			gs->cap = gs->cap ? 2 * gs->cap : 256;
			gs->v = bs_xrealloc(gs->v, gs->cap * sizeof *gs->v);
		}
		g = &gs->v[gs->n];
		memset(g, 0, sizeof *g);
		g->last_citer = -1;
		g->in_corpus = head != NULL;
		group_fill(g, st);
		bs_hashmap_put(&gs->index, label->buf, label->len, (int64_t)gs->n++);
	} else {
		g = &gs->v[*gi];
		if (raw && strcmp(raw, g->raw) < 0)
			group_fill(g, st);
	}
	if (g->last_citer != citing) {
		g->citing++;
		g->last_citer = citing;
	}
}

int bs_impact_references(bs_store *s, const bs_filter *f, int top, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"reference", "citing", "first author", "year", "source", "DOI",
					   "in corpus"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_TEXT,
					    BS_COL_TEXT, BS_COL_TEXT};
	static const char sql[] =
		"SELECT r.paper_id, r.raw, r.first_author, r.year, r.source, r.doi, r.ref_key"
		" FROM paper_refs r JOIN papers p ON p.id = r.paper_id WHERE" BS_FILTER_SQL
		" ORDER BY r.paper_id, r.position";
	bs_strbuf vkey = BS_STRBUF_INIT, label = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	paper_set all;
	ref_groups gs;
	int r, rc;

	memset(&all, 0, sizeof all);
	memset(&gs, 0, sizeof gs);
	bs_hashmap_init(&gs.index);
	bs_table_init(out, 7, cols, types);
	/* "in corpus" asks the whole database, whatever the selection */
	if ((rc = load_papers(s, NULL, &all, err)) ||
	    (rc = prepare(s, sql, f, &vkey, &st, "cited references", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		group_add(&gs, &all, st, &label);
	if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "cited references");
		goto cleanup;
	}
	if (gs.n)
		qsort(gs.v, gs.n, sizeof *gs.v, cmp_group);
	for (size_t i = 0; i < gs.n && (top <= 0 || i < (size_t)top); i++) {
		const ref_group *g = &gs.v[i];
		size_t row = bs_table_add_row(out);
		text_or_empty(out, row, 0, g->raw);
		bs_table_set_int(out, row, 1, g->citing);
		text_or_empty(out, row, 2, g->author);
		if (g->year)
			bs_table_set_int(out, row, 3, g->year);
		text_or_empty(out, row, 4, g->source);
		text_or_empty(out, row, 5, g->doi);
		bs_table_set_text(out, row, 6, g->in_corpus ? "yes" : "no");
	}
cleanup:
	sqlite3_finalize(st);
	for (size_t i = 0; i < gs.n; i++)
		free(gs.v[i].raw), free(gs.v[i].author), free(gs.v[i].source), free(gs.v[i].doi);
	free(gs.v);
	bs_hashmap_release(&gs.index);
	bs_strbuf_release(&vkey);
	bs_strbuf_release(&label);
	set_release(&all);
	return rc;
}

/* ---- per year ---- */

int bs_impact_years(bs_store *s, const bs_filter *f, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"year", "papers", "citations", "mean per paper", "citable years",
					   "mean per year"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL, BS_COL_INT,
					    BS_COL_REAL};
	static const char now_sql[] =
		"SELECT COALESCE(MAX(CAST(substr(p.cited_as_of, 1, 4) AS INTEGER)), MAX(p.year))"
		" FROM papers p WHERE" BS_FILTER_SQL;
	static const char sql[] =
		"SELECT p.year, COUNT(*), SUM(COALESCE(p.times_cited, 0)) FROM papers p"
		" WHERE p.year IS NOT NULL AND" BS_FILTER_SQL " GROUP BY p.year ORDER BY p.year";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc, now = 0;

	bs_table_init(out, 6, cols, types);
	if ((rc = prepare(s, now_sql, f, &vkey, &st, "citation year", err)))
		goto cleanup;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = bs_store_db_error(s, err, "citation year");
		goto cleanup;
	}
	now = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = prepare(s, sql, f, &vkey, &st, "citations per year", err)))
		goto cleanup;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int year = sqlite3_column_int(st, 0);
		long long n = sqlite3_column_int64(st, 1), tc = sqlite3_column_int64(st, 2);
		int age = now >= year ? now - year + 1 : 1;
		size_t row = bs_table_add_row(out);
		double mean = n ? (double)tc / (double)n : 0.0;
		bs_table_set_int(out, row, 0, year);
		bs_table_set_int(out, row, 1, n);
		bs_table_set_int(out, row, 2, tc);
		bs_table_set_real(out, row, 3, mean, 2);
		bs_table_set_int(out, row, 4, age);
		bs_table_set_real(out, row, 5, mean / age, 2);
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "citations per year");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}
