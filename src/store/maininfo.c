#include "store/maininfo.h"
#include "store/store_db.h"
#include "base/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int bs_maininfo_this_year(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm))
		return 1970;
	return tm.tm_year + 1900;
}

void bs_maininfo_release(bs_maininfo *mi)
{
	bs_table_release(&mi->types);
	bs_table_release(&mi->cited);
}

/* The scalar measures: one statement over the selection, materialised
 * once; the bylines, keywords, affiliations and references are reached
 * from each selected paper by their (paper_id, ...) keys. */
static const char main_sql[] =
	"WITH sel AS MATERIALIZED (SELECT p.id, p.venue_id, p.year, p.n_authors, p.times_cited"
	"  FROM papers p WHERE" BS_FILTER_SQL "),"
	" yr AS (SELECT MIN(year) AS y0, MAX(year) AS y1 FROM sel)"
	" SELECT (SELECT COUNT(*) FROM sel),"
	"  (SELECT y0 FROM yr), (SELECT y1 FROM yr),"
	"  (SELECT COUNT(*) FROM sel WHERE year = (SELECT y0 FROM yr)),"
	"  (SELECT COUNT(*) FROM sel WHERE year = (SELECT y1 FROM yr)),"
	"  (SELECT COUNT(DISTINCT venue_id) FROM sel),"
	"  (SELECT AVG(?1 - year) FROM sel WHERE year IS NOT NULL),"
	"  (SELECT AVG(times_cited) FROM sel WHERE times_cited IS NOT NULL),"
	"  (SELECT COUNT(times_cited) FROM sel),"
	"  (SELECT COUNT(DISTINCT a.author_id) FROM sel JOIN authorship a ON a.paper_id = sel.id),"
	"  (SELECT COUNT(DISTINCT a.author_id) FROM sel JOIN authorship a ON a.paper_id = sel.id"
	"    WHERE sel.n_authors = 1),"
	"  (SELECT COUNT(*) FROM sel WHERE n_authors = 1),"
	"  (SELECT AVG(n_authors) FROM sel),"
	"  (SELECT COUNT(*) FROM (SELECT af.paper_id FROM sel JOIN affiliations af ON af.paper_id = sel.id"
	"    WHERE af.country IS NOT NULL AND af.country <> '' GROUP BY af.paper_id"
	"    HAVING COUNT(DISTINCT lower(af.country)) >= 2)),"
	"  (SELECT COUNT(DISTINCT af.paper_id) FROM sel JOIN affiliations af ON af.paper_id = sel.id"
	"    WHERE af.country IS NOT NULL AND af.country <> ''),"
	"  (SELECT COUNT(DISTINCT k.key) FROM sel JOIN paper_keywords k ON k.paper_id = sel.id"
	"    AND k.kind = 'author'),"
	"  (SELECT COUNT(DISTINCT k.key) FROM sel JOIN paper_keywords k ON k.paper_id = sel.id"
	"    AND k.kind = 'indexed'),"
	"  (SELECT COUNT(*) FROM sel JOIN paper_refs r ON r.paper_id = sel.id)";

static const char types_sql[] =
	"SELECT COALESCE(p.doc_type, 'unknown') AS t, COUNT(*) AS n FROM papers p WHERE" BS_FILTER_SQL
	" GROUP BY t ORDER BY n DESC, t";

static const char cited_sql[] =
	"SELECT COALESCE(p.cited_source, 'unknown') AS src, COALESCE(p.cited_as_of, 'unknown') AS d,"
	" COUNT(*) AS n FROM papers p WHERE p.times_cited IS NOT NULL AND" BS_FILTER_SQL
	" GROUP BY src, d ORDER BY n DESC, src, d";

static int fill(bs_store *s, const char *sql, const bs_filter *f, bs_table *out, bs_error *err)
{
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = BS_OK, r;

	bs_strbuf_init(&vkey);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "main information");
		goto cleanup;
	}
	bs_filter_bind(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		int last = (int)out->ncols - 1;
		for (int c = 0; c < last; c++)
			bs_table_set_text(out, row, (size_t)c, (const char *)sqlite3_column_text(st, c));
		bs_table_set_int(out, row, (size_t)last, sqlite3_column_int64(st, last));
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "main information");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* the scalar row of main_sql into mi */
static void read_main(sqlite3_stmt *st, bs_maininfo *mi)
{
	long nvenues;

	mi->documents = (long)sqlite3_column_int64(st, 0);
	mi->first_year = sqlite3_column_int(st, 1);
	mi->last_year = sqlite3_column_int(st, 2);
	mi->first_docs = (long)sqlite3_column_int64(st, 3);
	mi->last_docs = (long)sqlite3_column_int64(st, 4);
	nvenues = (long)sqlite3_column_int64(st, 5);
	mi->sources = nvenues ? nvenues : -1;
	mi->has_age = sqlite3_column_type(st, 6) != SQLITE_NULL;
	mi->avg_age = sqlite3_column_double(st, 6);
	mi->avg_cited = sqlite3_column_double(st, 7);
	mi->with_cited = (long)sqlite3_column_int64(st, 8);
	mi->authors = (long)sqlite3_column_int64(st, 9);
	mi->authors_single = (long)sqlite3_column_int64(st, 10);
	mi->single_docs = (long)sqlite3_column_int64(st, 11);
	mi->coauthors = sqlite3_column_double(st, 12);
	mi->intl_docs = (long)sqlite3_column_int64(st, 13);
	mi->with_country = (long)sqlite3_column_int64(st, 14);
	mi->intl_pct = mi->documents ? 100.0 * (double)mi->intl_docs / (double)mi->documents : 0;
	mi->author_keywords = sqlite3_column_int64(st, 15) ? (long)sqlite3_column_int64(st, 15) : -1;
	mi->indexed_keywords = sqlite3_column_int64(st, 16) ? (long)sqlite3_column_int64(st, 16) : -1;
	mi->references = sqlite3_column_int64(st, 17) ? (long)sqlite3_column_int64(st, 17) : -1;
	/* the compound annual growth rate needs two years with papers (the
	 * first and last year always have some) */
	if (mi->last_year > mi->first_year && mi->first_docs > 0) {
		mi->growth = (pow((double)mi->last_docs / (double)mi->first_docs,
				  1.0 / (double)(mi->last_year - mi->first_year)) - 1.0) * 100.0;
		mi->has_growth = 1;
	}
}

int bs_maininfo_query(bs_store *s, const bs_filter *f, int this_year, bs_maininfo *mi, bs_error *err)
{
	static const char *const tcols[] = {"type", "documents"};
	static const bs_col_type ttypes[] = {BS_COL_TEXT, BS_COL_INT};
	static const char *const ccols[] = {"source", "as_of", "documents"};
	static const bs_col_type ctypes[] = {BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT};
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc = BS_OK;

	memset(mi, 0, sizeof *mi);
	bs_table_init(&mi->types, 2, tcols, ttypes);
	bs_table_init(&mi->cited, 3, ccols, ctypes);
	bs_strbuf_init(&vkey);
	if (this_year <= 0)
		this_year = bs_maininfo_this_year();
	if (sqlite3_prepare_v2(bs_store_db(s), main_sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "main information");
		goto cleanup;
	}
	sqlite3_bind_int(st, 1, this_year);
	bs_filter_bind(st, f, &vkey);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = bs_store_db_error(s, err, "main information");
		goto cleanup;
	}
	read_main(st, mi);
	rc = fill(s, types_sql, f, &mi->types, err);
	if (!rc)
		rc = fill(s, cited_sql, f, &mi->cited, err);
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}

/* measure,value row builders: text of a count, a real or "-" */
static void row_text(bs_table *t, const char *measure, const char *v)
{
	size_t r = bs_table_add_row(t);

	bs_table_set_text(t, r, 0, measure);
	bs_table_set_text(t, r, 1, v);
}

static void row_long(bs_table *t, const char *measure, long v, int has, const char *missing)
{
	char b[32];

	snprintf(b, sizeof b, "%ld", v);
	row_text(t, measure, has ? b : missing);
}

static void row_real(bs_table *t, const char *measure, double v, int has, const char *missing)
{
	char b[64];

	snprintf(b, sizeof b, "%.2f", v);
	row_text(t, measure, has ? b : missing);
}

void bs_maininfo_table(const bs_maininfo *mi, int brief, const char *missing, bs_table *out)
{
	static const char *const cols[] = {"measure", "value"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_TEXT};
	bs_strbuf m = BS_STRBUF_INIT;
	char b[64];

	bs_strbuf_init(&m);
	bs_table_init(out, 2, cols, types);
	if (!brief) {
		if (mi->first_year && mi->first_year != mi->last_year)
			snprintf(b, sizeof b, "%d-%d", mi->first_year, mi->last_year);
		else
			snprintf(b, sizeof b, "%d", mi->first_year);
		row_text(out, "timespan", mi->first_year ? b : missing);
	}
	row_long(out, "sources", mi->sources, mi->sources >= 0, missing);
	if (!brief)
		row_long(out, "documents", mi->documents, 1, missing);
	for (size_t r = 0; r < mi->types.nrows; r++) {
		bs_strbuf_reset(&m);
		bs_strbuf_addf(&m, "documents: %s", bs_table_get(&mi->types, r, 0));
		row_text(out, m.buf, bs_table_get(&mi->types, r, 1));
	}
	row_real(out, "annual growth rate %", mi->growth, mi->has_growth, missing);
	row_real(out, "document average age", mi->avg_age, mi->has_age, missing);
	row_real(out, "average citations per document", mi->avg_cited, mi->with_cited > 0, missing);
	row_long(out, "documents with a citation count", mi->with_cited, 1, missing);
	row_long(out, "references", mi->references, mi->references >= 0, missing);
	row_long(out, "indexed keywords", mi->indexed_keywords, mi->indexed_keywords >= 0, missing);
	row_long(out, "author keywords", mi->author_keywords, mi->author_keywords >= 0, missing);
	if (!brief)
		row_long(out, "authors", mi->authors, 1, missing);
	row_long(out, "authors of single-authored documents", mi->authors_single, 1, missing);
	row_long(out, "single-authored documents", mi->single_docs, 1, missing);
	row_real(out, "co-authors per document", mi->coauthors, mi->documents > 0, missing);
	row_real(out, "international co-authorship %", mi->intl_pct, mi->with_country > 0, missing);
	row_long(out, "documents with a country", mi->with_country, 1, missing);
	for (size_t r = 0; r < mi->cited.nrows; r++) {
		bs_strbuf_reset(&m);
		const char *d = bs_table_get(&mi->cited, r, 1);
		if (strcmp(d, "unknown"))
			bs_strbuf_addf(&m, "citation counts: %s as of %s", bs_table_get(&mi->cited, r, 0), d);
		else
			bs_strbuf_addf(&m, "citation counts: %s, export date unknown", bs_table_get(&mi->cited, r, 0));
		row_text(out, m.buf, bs_table_get(&mi->cited, r, 2));
	}
	bs_strbuf_release(&m);
}

/* a real with two decimals, or null */
static json_t *jreal(double v, int has)
{
	return has ? json_real(round(v * 100.0) / 100.0) : json_null();
}

static json_t *jlong(long v, int has)
{
	return has ? json_integer(v) : json_null();
}

json_t *bs_maininfo_json(const bs_maininfo *mi)
{
	json_t *o = json_object(), *types = json_object(), *cited = json_array();

	json_object_set_new(o, "first_year", jlong(mi->first_year, mi->first_year != 0));
	json_object_set_new(o, "last_year", jlong(mi->last_year, mi->last_year != 0));
	json_object_set_new(o, "sources", jlong(mi->sources, mi->sources >= 0));
	json_object_set_new(o, "documents", json_integer(mi->documents));
	for (size_t r = 0; r < mi->types.nrows; r++)
		json_object_set_new(types, bs_table_get(&mi->types, r, 0),
				    json_integer(strtoll(bs_table_get(&mi->types, r, 1), NULL, 10)));
	json_object_set_new(o, "document_types", types);
	json_object_set_new(o, "annual_growth_rate", jreal(mi->growth, mi->has_growth));
	json_object_set_new(o, "document_average_age", jreal(mi->avg_age, mi->has_age));
	json_object_set_new(o, "average_citations_per_document", jreal(mi->avg_cited, mi->with_cited > 0));
	json_object_set_new(o, "documents_with_citation_count", json_integer(mi->with_cited));
	json_object_set_new(o, "authors", json_integer(mi->authors));
	json_object_set_new(o, "authors_of_single_authored_documents", json_integer(mi->authors_single));
	json_object_set_new(o, "single_authored_documents", json_integer(mi->single_docs));
	json_object_set_new(o, "coauthors_per_document", jreal(mi->coauthors, mi->documents > 0));
	json_object_set_new(o, "international_coauthorship_pct", jreal(mi->intl_pct, mi->with_country > 0));
	json_object_set_new(o, "documents_with_country", json_integer(mi->with_country));
	json_object_set_new(o, "author_keywords", jlong(mi->author_keywords, mi->author_keywords >= 0));
	json_object_set_new(o, "indexed_keywords", jlong(mi->indexed_keywords, mi->indexed_keywords >= 0));
	json_object_set_new(o, "references", jlong(mi->references, mi->references >= 0));
	for (size_t r = 0; r < mi->cited.nrows; r++) {
		json_t *c = json_object();
		json_object_set_new(c, "source", json_string(bs_table_get(&mi->cited, r, 0)));
		json_object_set_new(c, "as_of", json_string(bs_table_get(&mi->cited, r, 1)));
		json_object_set_new(c, "documents", json_integer(strtoll(bs_table_get(&mi->cited, r, 2), NULL, 10)));
		json_array_append_new(cited, c);
	}
	json_object_set_new(o, "citation_counts", cited);
	return o;
}

int bs_maininfo_most_cited(bs_store *s, const bs_filter *f, int top, bs_table *out, bs_error *err)
{
	static const char *const cols[] = {"rank", "title", "first_author", "year", "citations", "source", "as_of"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_TEXT, BS_COL_INT, BS_COL_INT,
					    BS_COL_TEXT, BS_COL_TEXT};
	static const char sql[] =
		"SELECT p.title, (SELECT a.name FROM authorship a WHERE a.paper_id = p.id ORDER BY a.position LIMIT 1),"
		" p.year, p.times_cited, p.cited_source, p.cited_as_of FROM papers p"
		" WHERE p.times_cited IS NOT NULL AND" BS_FILTER_SQL
		" ORDER BY p.times_cited DESC, p.year, p.title, p.id LIMIT ?1";
	bs_strbuf vkey = BS_STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	long rank = 0;
	int rc = BS_OK, r;

	bs_strbuf_init(&vkey);
	bs_table_init(out, 7, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
		rc = bs_store_db_error(s, err, "most cited papers");
		goto cleanup;
	}
	sqlite3_bind_int(st, 1, top > 0 ? top : 10);
	bs_filter_bind(st, f, &vkey);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		size_t row = bs_table_add_row(out);
		bs_table_set_int(out, row, 0, ++rank);
		bs_table_set_text(out, row, 1, (const char *)sqlite3_column_text(st, 0));
		bs_table_set_text(out, row, 2, (const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			bs_table_set_int(out, row, 3, sqlite3_column_int64(st, 2));
		bs_table_set_int(out, row, 4, sqlite3_column_int64(st, 3));
		bs_table_set_text(out, row, 5, (const char *)sqlite3_column_text(st, 4));
		bs_table_set_text(out, row, 6, (const char *)sqlite3_column_text(st, 5));
	}
	if (r != SQLITE_DONE)
		rc = bs_store_db_error(s, err, "most cited papers");
cleanup:
	sqlite3_finalize(st);
	bs_strbuf_release(&vkey);
	return rc;
}
