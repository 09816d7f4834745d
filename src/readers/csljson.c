/* csljson.c - CSL-JSON (Zotero, pandoc: one array, or JSON Lines) and,
 * through openalex.h, OpenAlex works, with jansson.
 *
 * Streaming: a small scanner finds each top-level item (tracking nesting,
 * strings and escapes) in the input, and only that item is parsed, so
 * memory is bounded by the largest item (BS_JSON_MAX_ITEM), not the file.
 * An OpenAlex API page {"meta": ..., "results": [...]} is one such item,
 * read whole, whose results are the records.
 *
 * CSL: title, author[].family/given (or literal) and their ORCID ("ORCID"
 * or "orcid", URL or bare), issued.date-parts[0][0] (or issued.raw/
 * literal), container-title, DOI, URL, abstract, volume, issue, page,
 * citation-key (else id) as the key, type, language, keyword (one string,
 * ";"- or ","-separated, or an array) as author keywords, PMID, PMCID,
 * and a citation count: cited_by_count (OpenAlex's), is-referenced-by-
 * count (Crossref's), citation-count or number-of-citations (whose the
 * "source" variable says when it names OpenAlex, Scopus, Web of Science
 * or Semantic Scholar; else Crossref's, the usual origin of CSL data).
 */
#define _GNU_SOURCE   /* memmem */
#include "readers/reader.h"
#include "base/clock.h"
#include "readers/openalex.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define BS_JSON_MAX_ITEM ((size_t)64 << 20)

typedef struct cj_state {
	bs_bytes in;
	int started, array;   /* array: items inside [ ... ] */
	bs_strbuf item;
	long item_no;
	long line;            /* line of the next byte, for warnings */
	long item_line;       /* line where the current item starts */
	json_t *page;         /* an OpenAlex API page's results being handed out */
	size_t page_i;
} cj_state;

static int cj_sniff(const char *data, size_t n, const char *path)
{
	size_t i = 0;
	const char *head;
	int score = 0;
	(void)path;

	while (i < n && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	if (i == n || (data[i] != '[' && data[i] != '{'))
		return 0;
	/* memmem, not strstr: a NUL byte (repaired when read) must not hide
	 * the keys after it */
	n = n - i > 8192 ? 8192 : n - i;
	head = data + i;
	if (memmem(head, n, "\"title\"", 7) &&
		 (memmem(head, n, "\"author\"", 8) || memmem(head, n, "\"issued\"", 8) ||
		  memmem(head, n, "\"container-title\"", 17)))
		score = 80;
	return score;
}

static int cj_open(bs_reader *r, bs_error *err)
{
	cj_state *st = bs_xcalloc(1, sizeof *st);
	(void)err;
	bs_strbuf_init(&st->item);
	st->line = 1;
	r->state = st;
	return BS_OK;
}

static void cj_close(bs_reader *r)
{
	cj_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->item);
	json_decref(st->page);
	free(st);
	r->state = NULL;
}

/* next byte, or -1 at end / -2 on error */
static int getb(bs_reader *r, cj_state *st, bs_error *err)
{
	int c = bs_bytes_peek(&st->in, r->in, err);
	if (c >= 0)
		st->in.pos++;
	if (c == '\n')
		st->line++;
	return c;
}

/* Read the next top-level object into st->item: 1, 0 at end, -1 error. */
static int next_item(bs_reader *r, cj_state *st, bs_error *err)
{
	int c, depth = 0, in_str = 0, esc = 0;

	bs_strbuf_reset(&st->item);
	for (;;) {
		c = getb(r, st, err);
		if (c == -2)
			return -1;
		if (c == -1)
			return depth ? (bs_error_set(err, BS_ERR_FORMAT, "%s: item %ld: unexpected end of file",
						     bs_input_name(r->in), st->item_no + 1), -1) : 0;
		if (!st->started) {
			if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
				continue;
			st->started = 1;
			if (c == '[') {
				st->array = 1;
				continue;
			}
		}
		if (depth == 0) {
			if (c == '{') {
				depth = 1;
				st->item_line = st->line;
				bs_strbuf_addc(&st->item, (char)c);
			} else if (c == ']' && st->array) {
				return 0;
			} else if (c != ',' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				bs_error_set(err, BS_ERR_FORMAT, "%s: after item %ld: expected an object, found '%c'",
					     bs_input_name(r->in), st->item_no, c);
				return -1;
			}
			continue;
		}
		if (st->item.len >= BS_JSON_MAX_ITEM) {
			bs_error_set(err, BS_ERR_LIMIT, "%s: item %ld is larger than %zu MiB", bs_input_name(r->in),
				     st->item_no + 1, BS_JSON_MAX_ITEM >> 20);
			return -1;
		}
		bs_strbuf_addc(&st->item, (char)c);
		if (in_str) {
			if (esc)
				esc = 0;
			else if (c == '\\')
				esc = 1;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth == 0) {
				st->item_no++;
				return 1;
			}
		}
	}
}

static const char *str(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* o[k] as text when it is a string or an integer ("" else), in the arena */
static const char *scalar(bs_recbuild *b, bs_arena *a, json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	char num[32];

	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return bs_arena_strdup(a, num);
	}
	return json_is_string(v) ? bs_recbuild_text(b, json_string_value(v), strlen(json_string_value(v)), 0) : "";
}

/* "keyword": one string, ";"-separated when it has a ';', else ","-separated
 * (Zotero joins tags with ", "); an array of strings is read too */
static void csl_keywords(bs_recbuild *b, json_t *o)
{
	json_t *v = json_object_get(o, "keyword"), *k;
	size_t i;

	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		bs_recbuild_keywords(b, 0, s, strlen(s), strchr(s, ';') ? ';' : ',');
	}
	json_array_foreach(v, i, k)
		if (json_is_string(k))
			bs_recbuild_keyword(b, 0, json_string_value(k), strlen(json_string_value(k)));
}

/* the count's owner: the CSL "source" variable when it names a
 * citation index, else fallback */
static const char *count_source(json_t *o, const char *fallback)
{
	static const char *const known[][2] = {
		{"openalex", "openalex"}, {"scopus", "scopus"}, {"web of science", "wos"},
		{"semantic scholar", "semanticscholar"}, {"crossref", "crossref"}, {"pubmed", "pubmed"},
	};
	const char *src = json_is_string(json_object_get(o, "source")) ? json_string_value(json_object_get(o, "source")) : "";

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strcasestr(src, known[i][0]))
			return known[i][1];
	return fallback;
}

static void csl_cited(bs_recbuild *b, json_t *o)
{
	static const char *const keys[][2] = {
		{"cited_by_count", "openalex"}, {"is-referenced-by-count", "crossref"},
		{"citation-count", NULL}, {"number-of-citations", NULL},
	};

	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		json_t *v = json_object_get(o, keys[i][0]);
		long c = -1;
		if (json_is_integer(v))
			c = (long)json_integer_value(v);
		else if (json_is_string(v))
			c = bs_recbuild_count(json_string_value(v), strlen(json_string_value(v)));
		if (c < 0)
			continue;
		b->rec->cited = c;
		b->rec->cited_source = keys[i][1] ? keys[i][1] : count_source(o, "crossref");
		return;
	}
}

/* author[]: names and ORCIDs */
static void csl_authors(bs_recbuild *b, json_t *o)
{
	json_t *a;
	size_t i;
	bs_strbuf nm = BS_STRBUF_INIT;

	bs_strbuf_init(&nm);
	json_array_foreach(json_object_get(o, "author"), i, a) {
		const char *fam = str(a, "family"), *giv = str(a, "given"), *lit = str(a, "literal");
		const char *orcid = *str(a, "ORCID") ? str(a, "ORCID") : str(a, "orcid");
		int idx = -1;
		if (*fam) {
			bs_strbuf_reset(&nm);
			bs_strbuf_addf(&nm, "%s%s%s", giv, *giv ? " " : "", fam);
			idx = bs_recbuild_author(b, nm.buf, nm.len, 0);
		} else if (*lit) {
			idx = bs_recbuild_author(b, lit, strlen(lit), 0);
		}
		if (idx >= 0 && *orcid) {
			if (bs_orcid_bare(orcid, &nm))
				bs_recbuild_id(b, idx, BS_ID_ORCID, nm.buf, nm.len);
			else
				bs_diag_warn(b->r->diag, bs_input_name(b->r->in), ((cj_state *)b->r->state)->item_line,
					     "item %ld: author %zu: not an ORCID: %.40s", b->rec->line, i + 1, orcid);
		}
	}
	bs_strbuf_release(&nm);
}

static void csl_build(bs_recbuild *b, json_t *o)
{
	bs_record *rec = b->rec;
	bs_arena *a = &b->r->arena;
	json_t *issued = json_object_get(o, "issued");
	json_t *dp = json_array_get(json_array_get(json_object_get(issued, "date-parts"), 0), 0);
	const char *d;

	rec->title = bs_recbuild_text(b, str(o, "title"), strlen(str(o, "title")), 0);
	csl_authors(b, o);
	if (json_is_integer(dp))
		rec->year = (int)json_integer_value(dp);
	else if (json_is_string(dp))
		rec->year = bs_recbuild_year(json_string_value(dp));
	else
		rec->year = bs_recbuild_year(*str(issued, "raw") ? str(issued, "raw") : str(issued, "literal"));
	if (rec->year < BS_YEAR_FIRST || rec->year > BS_YEAR_LAST)
		rec->year = 0;
	rec->venue = bs_recbuild_text(b, str(o, "container-title"), strlen(str(o, "container-title")), 0);
	d = bs_record_doi_from(a, str(o, "DOI"));
	rec->doi = d ? d : "";
	rec->url = bs_arena_strdup(a, str(o, "URL"));
	rec->abstract = bs_recbuild_text(b, str(o, "abstract"), strlen(str(o, "abstract")), 1);
	rec->volume = scalar(b, a, o, "volume");
	rec->issue = scalar(b, a, o, "issue");
	rec->pages = scalar(b, a, o, "page");
	rec->key = scalar(b, a, o, "citation-key");
	if (!*rec->key)
		rec->key = scalar(b, a, o, "id");
	rec->doc_type = scalar(b, a, o, "type");
	rec->language = scalar(b, a, o, "language");
	csl_keywords(b, o);
	csl_cited(b, o);
	d = scalar(b, a, o, "PMID");
	if (bs_recbuild_count(d, strlen(d)) > 0)
		bs_recbuild_id(b, -1, BS_ID_PMID, d, strlen(d));
	d = scalar(b, a, o, "PMCID");
	bs_recbuild_id(b, -1, BS_ID_PMCID, d, strlen(d));
}

/* The next work or CSL item: 1 with *out (a new reference), 0 at end,
 * -1 on error.  An item holding "results" (an OpenAlex API page) is
 * opened and its results handed out one by one. */
static int next_object(bs_reader *r, cj_state *st, json_t **out, bs_error *err)
{
	json_error_t je;
	json_t *o;
	int rc;

	for (;;) {
		if (st->page) {
			if (st->page_i < json_array_size(st->page)) {
				o = json_array_get(st->page, st->page_i++);
				if (json_is_object(o)) {
					*out = json_incref(o);
					return 1;
				}
				continue;
			}
			json_decref(st->page);
			st->page = NULL;
		}
		rc = next_item(r, st, err);
		if (rc <= 0)
			return rc;
		o = json_loadb(st->item.buf, st->item.len, JSON_ALLOW_NUL, &je);
		if (!o) {
			bs_diag_warn(r->diag, bs_input_name(r->in), st->item_line, "item %ld skipped: %s", st->item_no, je.text);
			r->skipped++;
			continue;
		}
		if (json_is_array(json_object_get(o, "results")) && !json_object_get(o, "title")) {
			st->page = json_incref(json_object_get(o, "results"));
			st->page_i = 0;
			json_decref(o);
			continue;
		}
		*out = o;
		return 1;
	}
}

static int cj_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	cj_state *st = r->state;
	json_t *o;
	bs_recbuild b;
	int rc = next_object(r, st, &o, err);

	if (rc <= 0)
		return rc;
	bs_recbuild_init(&b, r, rec);
	/* the item's ordinal (the work's within an API page's results): JSON
	 * items span lines */
	rec->line = st->page ? (long)st->page_i : st->item_no;
	if (bs_openalex_is_work(o))
		bs_openalex_build(&b, o);
	else
		csl_build(&b, o);
	bs_recbuild_finish(&b);
	json_decref(o);
	if (!*rec->title)
		bs_diag_warn(r->diag, bs_input_name(r->in), st->item_line, "item %ld has no title", rec->line);
	return 1;
}

static int oa_sniff(const char *data, size_t n, const char *path)
{
	(void)path;
	return bs_openalex_sniff(data, n);
}

const bs_reader_ops bs_csljson_ops = {
	"csljson", "CSL-JSON (array or JSON Lines)", cj_sniff, cj_open, cj_next, cj_close,
};

/* the same reader: a file holds works of either kind, told apart per item */
const bs_reader_ops bs_openalex_ops = {
	"openalex", "OpenAlex works (API page, work, array or JSON Lines)", oa_sniff, cj_open, cj_next, cj_close,
};
