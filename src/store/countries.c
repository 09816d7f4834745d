/* countries.c - see countries.h.  Countries and their edges are SQL
 * over the affiliations of the selected papers; institutions are grouped
 * here, in C, by the text key of their spelling, which SQL cannot
 * compute. */
#include "store/countries.h"
#include "store/store_db.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/affil.h"

#include <stdlib.h>
#include <string.h>

/* The distinct (paper, country) pairs of the selected papers. */
#define PAPER_COUNTRIES \
	"WITH pc AS (SELECT DISTINCT a.paper_id, a.country FROM affiliations a JOIN papers p ON p.id = a.paper_id" \
	" WHERE a.country IS NOT NULL AND a.country <> '' AND" BS_FILTER_SQL ")"

static const char countries_sql[] = PAPER_COUNTRIES
	", nc AS (SELECT paper_id, count(*) AS n FROM pc GROUP BY paper_id)"
	" SELECT pc.country, count(*) AS papers, sum(nc.n = 1), sum(nc.n > 1),"
	" coalesce(sum(p.times_cited), 0) AS cites,"
	" min(CASE WHEN p.year > 0 THEN p.year END), max(CASE WHEN p.year > 0 THEN p.year END)"
	" FROM pc JOIN nc ON nc.paper_id = pc.paper_id JOIN papers p ON p.id = pc.paper_id"
	" GROUP BY pc.country"
	" ORDER BY CASE WHEN ?2 THEN cites ELSE papers END DESC, papers DESC, pc.country LIMIT ?1";

static const char edges_sql[] = PAPER_COUNTRIES
	" SELECT x.country, y.country, count(*) AS n FROM pc x JOIN pc y"
	" ON y.paper_id = x.paper_id AND x.country < y.country"
	" GROUP BY x.country, y.country ORDER BY n DESC, x.country, y.country LIMIT ?1";

static const char institutions_sql[] =
	"SELECT a.paper_id, a.institution, coalesce(a.country, '') FROM affiliations a"
	" JOIN papers p ON p.id = a.paper_id"
	" WHERE a.institution IS NOT NULL AND a.institution <> ''"
	" AND (?1 IS NULL OR a.country = ?1 COLLATE NOCASE) AND" BS_FILTER_SQL;

static int prepare(bs_store *s, const char *sql, const bs_filter *f, bs_strbuf *vkey, sqlite3_stmt **st,
		   bs_error *err)
{
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, st, NULL) != SQLITE_OK)
		return bs_store_db_error(s, err, "countries");
	bs_filter_bind(*st, f, vkey);
	return BS_OK;
}

int bs_countries_table(bs_store *s, const bs_filter *f, int by_citations, int top, bs_table *out,
		       bs_error *err)
{
	static const char *const cols[] = {"rank", "country", "papers", "scp", "mcp", "mcp_pct", "citations",
					   "first", "last"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT, BS_COL_INT,
					    BS_COL_REAL, BS_COL_INT, BS_COL_INT, BS_COL_INT};
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc;

	bs_table_init(out, 9, cols, types);
	bs_strbuf_init(&vkey);
	if ((rc = prepare(s, countries_sql, f, &vkey, &st, err)) != BS_OK)
		goto cleanup;
	sqlite3_bind_int(st, 1, top > 0 ? top : -1);
	sqlite3_bind_int(st, 2, by_citations);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		sqlite3_int64 papers = sqlite3_column_int64(st, 1), mcp = sqlite3_column_int64(st, 3);
		bs_table_set_int(out, row, 0, (long long)row + 1);
		bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, 0));
		bs_table_set_int(out, row, 2, papers);
		bs_table_set_int(out, row, 3, sqlite3_column_int64(st, 2));
		bs_table_set_int(out, row, 4, mcp);
		bs_table_set_real(out, row, 5, papers ? 100.0 * (double)mcp / (double)papers : 0.0, 1);
		bs_table_set_int(out, row, 6, sqlite3_column_int64(st, 4));
		for (int c = 5; c < 7; c++)
			if (sqlite3_column_type(st, c) != SQLITE_NULL)
				bs_table_set_int(out, row, (size_t)c + 2, sqlite3_column_int64(st, c));
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "countries");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

int bs_countries_edges(bs_store *s, const bs_filter *f, int top, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"country_a", "country_b", "papers"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT};
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int r, rc;

	bs_table_init(out, 3, cols, types);
	bs_strbuf_init(&vkey);
	if ((rc = prepare(s, edges_sql, f, &vkey, &st, err)) != BS_OK)
		goto cleanup;
	sqlite3_bind_int(st, 1, top > 0 ? top : -1);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		bs_table_set_text(out, row, 0, (const char *)sqlite3_column_text(st, 0));
		bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, 1));
		bs_table_set_int(out, row, 2, sqlite3_column_int64(st, 2));
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "country edges");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* ---- institutions ---- */

/* One affiliation row; the strings are offsets into one buffer while it
 * grows, pointers once it is complete. */
typedef struct inst_row {
	size_t koff, soff, coff;
	const char *key, *spell, *country;
	sqlite3_int64 paper;
} inst_row;

typedef struct inst_group {
	const char *spell, *country;
	long papers;
} inst_group;

static int by_key_paper(const void *a, const void *b)
{
	const inst_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->paper > y->paper) - (x->paper < y->paper);
}

static int by_spell(const void *a, const void *b)
{
	return strcmp(((const inst_row *)a)->spell, ((const inst_row *)b)->spell);
}

static int by_country(const void *a, const void *b)
{
	return strcmp(((const inst_row *)a)->country, ((const inst_row *)b)->country);
}

static int by_papers(const void *a, const void *b)
{
	const inst_group *x = a, *y = b;
	if (x->papers != y->papers)
		return x->papers < y->papers ? 1 : -1;
	return strcmp(x->spell, y->spell);
}

/* The most frequent value of rows[0..n) sorted by cmp, ties by the first
 * in byte order; "" ignored for countries when another one is named. */
static const char *most_frequent(inst_row *rows, size_t n, int country)
{
	const char *best = "";
	size_t best_n = 0;

	qsort(rows, n, sizeof *rows, country ? by_country : by_spell);
	for (size_t i = 0; i < n;) {
		const char *v = country ? rows[i].country : rows[i].spell;
		size_t j = i + 1;
		while (j < n && !strcmp(country ? rows[j].country : rows[j].spell, v))
			j++;
		if ((j - i > best_n || !best_n) && !(country && !*v)) {
			best = v;
			best_n = j - i;
		}
		i = j;
	}
	return best;
}

/* Group rows[0..n) (sorted by key, paper) into groups; returns their count. */
static size_t group_rows(inst_row *rows, size_t n, inst_group *groups)
{
	size_t ng = 0;

	for (size_t i = 0; i < n;) {
		size_t j = i;
		long papers = 0;
		for (; j < n && !strcmp(rows[j].key, rows[i].key); j++)
			if (j == i || rows[j].paper != rows[j - 1].paper)
				papers++;
		groups[ng].papers = papers;
		/* the sorts below reorder the group's rows only */
		groups[ng].country = most_frequent(rows + i, j - i, 1);
		groups[ng].spell = most_frequent(rows + i, j - i, 0);
		ng++;
		i = j;
	}
	return ng;
}

static void add_text(bs_strbuf *b, size_t *off, const char *s, size_t n)
{
	*off = b->len;
	bs_strbuf_add(b, s, n);
	bs_strbuf_addc(b, '\0');
}

int bs_countries_institutions(bs_store *s, const bs_filter *f, const char *country, int top, bs_table *out,
			      bs_error *err)
{
	static const char *const cols[] = {"rank", "institution", "country", "papers"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT};
	bs_strbuf vkey = BS_STRBUF_INIT, text = BS_STRBUF_INIT, key = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	inst_row *rows = NULL;
	inst_group *groups = NULL;
	size_t n = 0, cap = 0, ng;
	const char *want = country ? bs_affil_country_name(country, strlen(country)) : NULL;
	int r, rc;

	bs_table_init(out, 4, cols, types);
	bs_strbuf_init(&vkey);
	bs_strbuf_init(&text);
	bs_strbuf_init(&key);
	if ((rc = prepare(s, institutions_sql, f, &vkey, &st, err)) != BS_OK)
		goto cleanup;
	if (country)
		sqlite3_bind_text(st, 1, want ? want : country, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *inst = (const char *)sqlite3_column_text(st, 1);
		const char *c = (const char *)sqlite3_column_text(st, 2);
		size_t ilen = (size_t)sqlite3_column_bytes(st, 1);
		bs_text_key(inst, ilen, &key);
		if (!key.len)
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			rows = bs_xrealloc(rows, cap * sizeof *rows);
		}
		rows[n].paper = sqlite3_column_int64(st, 0);
		add_text(&text, &rows[n].koff, key.buf, key.len);
		add_text(&text, &rows[n].soff, inst, ilen);
		add_text(&text, &rows[n].coff, c ? c : "", c ? strlen(c) : 0);
		n++;
	}
	if (r != SQLITE_DONE) {
		rc = bs_store_db_error(s, err, "institutions");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		rows[i].key = text.buf + rows[i].koff;
		rows[i].spell = text.buf + rows[i].soff;
		rows[i].country = text.buf + rows[i].coff;
	}
	if (n)
		qsort(rows, n, sizeof *rows, by_key_paper);
	groups = bs_xmalloc((n ? n : 1) * sizeof *groups);
	ng = group_rows(rows, n, groups);
	if (ng)
		qsort(groups, ng, sizeof *groups, by_papers);
	for (size_t i = 0; i < ng && (top <= 0 || i < (size_t)top); i++) {
		size_t row = bs_table_add_row(out);
		bs_table_set_int(out, row, 0, (long long)row + 1);
		bs_table_set_text(out, row, 1, groups[i].spell);
		bs_table_set_text(out, row, 2, groups[i].country);
		bs_table_set_int(out, row, 3, groups[i].papers);
	}
cleanup:
	sqlite3_finalize(st);
	free(rows);
	free(groups);
	bs_strbuf_release(&vkey);
	bs_strbuf_release(&text);
	bs_strbuf_release(&key);
	return rc;
}
