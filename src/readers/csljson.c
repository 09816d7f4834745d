/* csljson.c - CSL-JSON (Zotero, pandoc: one array, or JSON Lines) and
 * OpenAlex works (JSON Lines, recognised by "authorships"), with jansson.
 *
 * Streaming: a small scanner finds each top-level item (tracking nesting,
 * strings and escapes) in the input, and only that item is parsed, so
 * memory is bounded by the largest item (BS_JSON_MAX_ITEM), not the file.
 *
 * CSL: title, author[].family/given (or literal), issued.date-parts[0][0]
 * (or issued.raw/literal), container-title, DOI, URL, abstract.
 * OpenAlex: title (or display_name), authorships[].author.display_name,
 * publication_year, primary_location.source.display_name, doi, and the
 * abstract rebuilt from abstract_inverted_index.
 */
#define _GNU_SOURCE   /* memmem */
#include "readers/reader.h"
#include "base/clock.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define BS_JSON_MAX_ITEM ((size_t)64 << 20)

typedef struct cj_state {
	bs_bytes in;
	int started, array;   /* array: items inside [ ... ] */
	bs_strbuf item;
	long item_no;
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
	if (memmem(head, n, "\"authorships\"", 13))
		score = 85;
	else if (memmem(head, n, "\"title\"", 7) &&
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
	r->state = st;
	return BS_OK;
}

static void cj_close(bs_reader *r)
{
	cj_state *st = r->state;
	if (!st)
		return;
	bs_strbuf_release(&st->item);
	free(st);
	r->state = NULL;
}

/* next byte, or -1 at end / -2 on error */
static int getb(bs_reader *r, cj_state *st, bs_error *err)
{
	int c = bs_bytes_peek(&st->in, r->in, err);
	if (c >= 0)
		st->in.pos++;
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

static int cmp_pos(const void *a, const void *b)
{
	const long *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* OpenAlex abstract_inverted_index {"word": [positions]} -> text */
static void rebuild_abstract(json_t *inv, bs_strbuf *out)
{
	const char *word;
	json_t *pos;
	long (*pairs)[2] = NULL;
	const char **words = NULL;
	size_t n = 0, cap = 0, nw = 0;

	bs_strbuf_reset(out);
	json_object_foreach(inv, word, pos) {
		size_t wi = nw++;
		words = bs_xrealloc(words, nw * sizeof *words);
		words[wi] = word;
		for (size_t i = 0; i < json_array_size(pos); i++) {
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				pairs = bs_xrealloc(pairs, cap * sizeof *pairs);
			}
			pairs[n][0] = (long)json_integer_value(json_array_get(pos, i));
			pairs[n][1] = (long)wi;
			n++;
		}
	}
	if (n)
		qsort(pairs, n, sizeof *pairs, cmp_pos);
	for (size_t i = 0; i < n; i++) {
		if (i)
			bs_strbuf_addc(out, ' ');
		bs_strbuf_adds(out, words[pairs[i][1]]);
	}
	free(pairs);
	free(words);
}

static int cj_next(bs_reader *r, bs_record *rec, bs_error *err)
{
	cj_state *st = r->state;
	json_error_t je;
	json_t *o;
	bs_recbuild b;
	int rc;

	for (;;) {
		rc = next_item(r, st, err);
		if (rc <= 0)
			return rc;
		o = json_loadb(st->item.buf, st->item.len, JSON_ALLOW_NUL, &je);
		if (o)
			break;
		bs_diag_warn(r->diag, bs_input_name(r->in), 0, "item %ld skipped: %s", st->item_no, je.text);
		r->skipped++;
	}
	bs_recbuild_init(&b, r, rec);
	rec->line = st->item_no;   /* the item's ordinal: JSON items span lines */
	if (json_object_get(o, "authorships")) {
		/* OpenAlex */
		json_t *au = json_object_get(o, "authorships"), *a;
		size_t i;
		const char *t = str(o, "title");
		json_t *loc = json_object_get(json_object_get(o, "primary_location"), "source");
		if (!*t)
			t = str(o, "display_name");
		rec->title = bs_recbuild_text(&b, t, strlen(t), 0);
		json_array_foreach(au, i, a) {
			const char *nm = str(json_object_get(a, "author"), "display_name");
			bs_recbuild_author(&b, nm, strlen(nm), 0);
		}
		rec->year = (int)json_integer_value(json_object_get(o, "publication_year"));
		rec->venue = bs_recbuild_text(&b, str(loc, "display_name"), strlen(str(loc, "display_name")), 0);
		{
			const char *d = bs_record_doi_from(&r->arena, str(o, "doi"));
			rec->doi = d ? d : "";
		}
		rec->url = bs_arena_strdup(&r->arena, str(o, "id"));
		if (json_is_object(json_object_get(o, "abstract_inverted_index"))) {
			bs_strbuf ab = BS_STRBUF_INIT;
			bs_strbuf_init(&ab);
			rebuild_abstract(json_object_get(o, "abstract_inverted_index"), &ab);
			rec->abstract = bs_recbuild_text(&b, ab.buf, ab.len, 1);
			bs_strbuf_release(&ab);
		}
	} else {
		/* CSL-JSON */
		json_t *au = json_object_get(o, "author"), *a, *issued = json_object_get(o, "issued");
		size_t i;
		rec->title = bs_recbuild_text(&b, str(o, "title"), strlen(str(o, "title")), 0);
		json_array_foreach(au, i, a) {
			const char *fam = str(a, "family"), *giv = str(a, "given"), *lit = str(a, "literal");
			if (*fam) {
				bs_strbuf nm = BS_STRBUF_INIT;
				bs_strbuf_init(&nm);
				bs_strbuf_addf(&nm, "%s%s%s", giv, *giv ? " " : "", fam);
				bs_recbuild_author(&b, nm.buf, nm.len, 0);
				bs_strbuf_release(&nm);
			} else if (*lit) {
				bs_recbuild_author(&b, lit, strlen(lit), 0);
			}
		}
		{
			json_t *dp = json_array_get(json_array_get(json_object_get(issued, "date-parts"), 0), 0);
			if (json_is_integer(dp))
				rec->year = (int)json_integer_value(dp);
			else if (json_is_string(dp))
				rec->year = bs_recbuild_year(json_string_value(dp));
			else
				rec->year = bs_recbuild_year(*str(issued, "raw") ? str(issued, "raw") : str(issued, "literal"));
			if (rec->year < BS_YEAR_FIRST || rec->year > BS_YEAR_LAST)
				rec->year = 0;
		}
		rec->venue = bs_recbuild_text(&b, str(o, "container-title"), strlen(str(o, "container-title")), 0);
		{
			const char *d = bs_record_doi_from(&r->arena, str(o, "DOI"));
			rec->doi = d ? d : "";
		}
		rec->url = bs_arena_strdup(&r->arena, str(o, "URL"));
		rec->abstract = bs_recbuild_text(&b, str(o, "abstract"), strlen(str(o, "abstract")), 1);
		rec->volume = scalar(&b, &r->arena, o, "volume");
		rec->issue = scalar(&b, &r->arena, o, "issue");
		rec->pages = scalar(&b, &r->arena, o, "page");
		rec->key = scalar(&b, &r->arena, o, "id");
	}
	bs_recbuild_finish(&b);
	json_decref(o);
	if (!*rec->title)
		bs_diag_warn(r->diag, bs_input_name(r->in), 0, "item %ld has no title", st->item_no);
	return 1;
}

const bs_reader_ops bs_csljson_ops = {
	"csljson", "CSL-JSON (array or JSON Lines) and OpenAlex works (JSON Lines)",
	cj_sniff, cj_open, cj_next, cj_close,
};
