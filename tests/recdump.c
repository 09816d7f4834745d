/* recdump - print the records a reader yields, one JSON object per line
 * with sorted keys, for the readers' golden tests: every field of
 * record.h except the abstract, which is given by its length.
 * usage: recdump [--format NAME] FILE... */
#include "readers/reader.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void warn(void *ud, const char *file, long line, const char *msg)
{
	(void)ud;
	fprintf(stderr, "%s:%ld: warning: %s\n", file ? file : "?", line, msg);
}

static json_t *strs(const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static void put(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, json_string(v));
}

int main(int argc, char **argv)
{
	const char *format = NULL;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		bs_reader *r = NULL;
		bs_record *rec;
		bs_error err;
		bs_diag diag;
		int rc;

		if (!strcmp(argv[i], "--format") && i + 1 < argc) {
			format = argv[++i];
			continue;
		}
		bs_error_clear(&err);
		diag.warn = warn;
		diag.ud = NULL;
		diag.count = 0;
		if (bs_reader_open(&r, argv[i], format, &diag, &err)) {
			fprintf(stderr, "recdump: %s\n", err.msg);
			status = 1;
			continue;
		}
		while ((rc = bs_reader_next(r, &rec, &err)) == 1) {
			json_t *o = json_object(), *ids = json_array(), *af = json_array();
			char *s;
			put(o, "title", rec->title);
			json_object_set_new(o, "authors", strs(rec->authors, rec->nauthors));
			put(o, "venue", rec->venue);
			if (rec->year)
				json_object_set_new(o, "year", json_integer(rec->year));
			put(o, "doi", rec->doi);
			put(o, "url", rec->url);
			if (*rec->abstract)
				json_object_set_new(o, "abstract_bytes", json_integer((json_int_t)strlen(rec->abstract)));
			put(o, "volume", rec->volume);
			put(o, "issue", rec->issue);
			put(o, "pages", rec->pages);
			put(o, "key", rec->key);
			put(o, "doc_type", rec->doc_type);
			put(o, "language", rec->language);
			if (rec->cited >= 0)
				json_object_set_new(o, "cited", json_integer(rec->cited));
			put(o, "cited_source", rec->cited_source);
			put(o, "cited_as_of", rec->cited_as_of);
			if (rec->nkeywords)
				json_object_set_new(o, "keywords", strs(rec->keywords, rec->nkeywords));
			if (rec->nindex_keywords)
				json_object_set_new(o, "index_keywords", strs(rec->index_keywords, rec->nindex_keywords));
			if (rec->nrefs)
				json_object_set_new(o, "refs", strs(rec->refs, rec->nrefs));
			for (size_t k = 0; k < rec->nids; k++)
				json_array_append_new(ids, json_pack("{s:i,s:s,s:s}", "author", rec->ids[k].author,
								     "scheme", rec->ids[k].scheme, "value",
								     rec->ids[k].value));
			for (size_t k = 0; k < rec->naffils; k++)
				json_array_append_new(af, json_pack("{s:i,s:s}", "author", rec->affils[k].author,
								    "text", rec->affils[k].text));
			if (rec->nids)
				json_object_set(o, "ids", ids);
			if (rec->naffils)
				json_object_set(o, "affils", af);
			json_decref(ids);
			json_decref(af);
			json_object_set_new(o, "line", json_integer(rec->line));
			s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
			puts(s ? s : "null");
			free(s);
			json_decref(o);
		}
		if (rc < 0) {
			fprintf(stderr, "recdump: %s\n", err.msg);
			status = 1;
		}
		bs_reader_close(r);
	}
	return status;
}
