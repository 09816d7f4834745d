/* bibscope author NAME: one author's profile. */
#include "analysis/analyze.h"
#include "analysis/identity/identity.h"
#include "cli/cli.h"
#include "store/lookup.h"
#include "text/names.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope author [--top N] [--format table|json] [--db FILE] NAME\n"
	"       bibscope author --explain [--format table|csv|json|tsv] [--db FILE] NAME\n"
	"       bibscope author [--top N] [--format table|json] [--db FILE] --id ID\n"
	"\n"
	"Profile of one author: spellings, papers per year, venues, top co-authors with\n"
	"joint papers, most distinctive terms, rank by each co-authorship metric and\n"
	"community with its label (default graph, Leiden and term runs, computed once\n"
	"and stored).  NAME is matched case- and accent-insensitively, with or without\n"
	"a DBLP homonym number ('Lei Zhang 0003').  When several authors match (the\n"
	"people DBLP tells apart by a number show one name), they are listed with\n"
	"their ids, papers, years, venues and co-authors, and the exit status is 1:\n"
	"pick one with --id ID (or NAME '#ID').\n"
	"\n"
	"  --explain   instead of the profile: the persons whose name is NAME or\n"
	"              compatible with it ('M. I. Jordan' ~ 'Michael Jordan'), each byline\n"
	"              with its paper, the name as written, and why it went to its person\n"
	"              (alias rule, identifier, shared co-author, similar profile with its\n"
	"              score, uncommon name), recomputed from the stored data and rules\n";

static int section(const char *title, bs_table *t, int fmt, json_t *obj, bs_error *err)
{
	if (fmt == BS_FMT_JSON) {
		json_t *arr = json_array();
		for (size_t r = 0; r < t->nrows; r++) {
			json_t *o = json_object();
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = bs_table_get(t, r, c);
				json_object_set_new(o, t->names[c], !v ? json_null() : t->types[c] == BS_COL_INT ?
						    json_integer(strtoll(v, NULL, 10)) : t->types[c] == BS_COL_REAL ?
						    json_real(strtod(v, NULL)) : json_string(v));
			}
			json_array_append_new(arr, o);
		}
		json_object_set_new(obj, title, arr);
		return BS_OK;
	}
	printf("\n%s\n", title);
	return bs_table_write(t, stdout, BS_FMT_TABLE, err);
}

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"top", required_argument, NULL, OPT_TOP},
	{"id", required_argument, NULL, 'i'},
	{"explain", no_argument, NULL, 'x'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct author_opts {
	bs_cli_common co;
	const char *name;      /* NAME, or "#ID" from --id */
	int explain;
	char idname[32];
} author_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	author_opts *o = ud;

	switch (c) {
	case OPT_FORMAT:
		co->fmt = bs_format_parse(arg);
		if (co->fmt < 0)
			return bs_cli_usage_error(cli, "author", "--format is table, csv, json or tsv");
		return 0;
	case 'x': o->explain = 1; return 0;
	case OPT_TOP:
		if ((co->top = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "author", "bad --top '%s'", arg);
		return 0;
	case 'i': {
		char *end;
		long long v = strtoll(arg, &end, 10);
		if (!*arg || *end || v < 0)
			return bs_cli_usage_error(cli, "author", "--id wants an author id, not '%s'", arg);
		snprintf(o->idname, sizeof o->idname, "#%lld", v);
		o->name = o->idname;
		return 0;
	}
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "author", .shortopts = "h", .longopts = opts, .usage = usage_text,
	.operands = 1, .option = option,
};

/* identity and productivity: the first line, or the JSON's first keys */
static int identity(bs_store *s, int64_t id, int fmt, json_t *obj, bs_error *err)
{
	bs_lookup_author_info a;
	const char *num;
	size_t suf;
	int rc;

	if ((rc = bs_lookup_author(s, id, &a, err)) || !a.found)
		goto done;
	/* the DBLP homonym number the display name hides */
	suf = a.key ? bs_name_homonym_suffix(a.key, strlen(a.key)) : 0;
	num = suf ? a.key + strlen(a.key) - suf : "";
	if (fmt == BS_FMT_JSON) {
		json_object_set_new(obj, "id", json_integer(id));
		json_object_set_new(obj, "author", json_string(a.name));
		if (suf)
			json_object_set_new(obj, "homonym", json_string(num + 1));
		json_object_set_new(obj, "papers", json_integer(a.papers));
		json_object_set_new(obj, "fractional", json_real(a.fractional));
	} else {
		printf("%s%s (id %lld): %lld papers (fractional %.2f), %d-%d\n", a.name, num, (long long)id,
		       a.papers, a.fractional, a.first_year, a.last_year);
	}
done:
	bs_lookup_author_release(&a);
	return rc;
}

/* spellings, years, venues, co-authors and distinctive terms */
static int tables(bs_store *s, int64_t id, int top, int fmt, json_t *obj, bs_error *err)
{
	bs_terms_opts to;
	bs_topics_opts tp;
	bs_terms_info ti;
	bs_table t;
	int rc;

	memset(&t, 0, sizeof t);
	if ((rc = bs_query_author_spellings(s, id, &t, err)) || (rc = section("spellings", &t, fmt, obj, err)))
		goto done;
	bs_table_release(&t);
	if ((rc = bs_query_author_years(s, id, &t, err)) || (rc = section("papers per year", &t, fmt, obj, err)))
		goto done;
	bs_table_release(&t);
	if ((rc = bs_query_author_venues(s, id, &t, err)) || (rc = section("venues", &t, fmt, obj, err)))
		goto done;
	bs_table_release(&t);
	if ((rc = bs_query_coauthors(s, id, top, &t, err)) || (rc = section("top co-authors", &t, fmt, obj, err)))
		goto done;
	bs_table_release(&t);
	/* most distinctive terms (tf-idf against the corpus) */
	bs_terms_opts_init(&to);
	if ((rc = bs_terms_ensure(s, &to, 0, &ti, err)))
		goto done;
	bs_topics_opts_init(&tp);
	tp.author = id;
	tp.tfidf = 1;
	tp.top = top;
	if ((rc = bs_topics_query(s, &tp, &t, err)))
		goto done;
	rc = section("top terms (tf-idf)", &t, fmt, obj, err);
done:
	bs_table_release(&t);
	return rc;
}

/* the author's community in the default Leiden run, with its label */
static int community(bs_store *s, const bs_graph_opts *go, int64_t id, int fmt, json_t *obj, bs_error *err)
{
	bs_community_opts co;
	bs_analysis_info info;
	bs_lookup_community c;
	bs_strbuf label = BS_STRBUF_INIT;
	int64_t run = 0;
	int rc;

	memset(&c, 0, sizeof c);
	bs_community_opts_init(&co);
	if ((rc = bs_analyze_communities(s, go, &co, 0, &run, &info, err)) ||
	    (rc = bs_lookup_author_community(s, run, id, &c, err)) || !c.found)
		goto done;
	if (fmt == BS_FMT_JSON) {
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(c.community));
		json_object_set_new(o, "size", json_integer(c.size));
		json_object_set_new(o, "top_authors", c.top_authors);
		c.top_authors = NULL;
		json_object_set_new(obj, "community", o);
		goto done;
	}
	bs_strbuf_init(&label);
	/* no label is no error: the line says the rest */
	if (bs_topics_label(s, run, (long)c.community, 3, &label, err))
		bs_strbuf_reset(&label);
	printf("\ncommunity %lld (leiden, %lld authors%s%s):", c.community, c.size, label.len ? "; " : "",
	       label.buf);
	for (size_t i = 0; i < json_array_size(c.top_authors); i++)
		printf("%s %s", i ? "," : "", json_string_value(json_array_get(c.top_authors, i)));
	printf("\n");
done:
	json_decref(c.top_authors);
	bs_strbuf_release(&label);
	return rc;
}

static int run(bs_cli *cli, void *ud)
{
	author_opts *o = ud;
	bs_store *s = cli->store;
	int fmt = o->co.fmt, top = (int)o->co.top, rc;
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_analysis_info info;
	json_t *obj = json_object();
	int64_t id = 0, run = 0;
	bs_error err;
	bs_table t;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if (o->explain) {
		json_decref(obj);
		rc = bs_identity_explain(s, o->name, &t, &err);
		return bs_cli_print_table(cli, rc, &t, fmt, "no bylines", &err);
	}
	if ((rc = bs_cli_find_author(cli, s, o->name, "bibscope author --id ID", &id)))
		goto cleanup;
	if ((rc = identity(s, id, fmt, obj, &err)) || (rc = tables(s, id, top, fmt, obj, &err)))
		goto fail;
	/* metric ranks in the default graph run */
	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	if ((rc = bs_analyze_graph(s, &go, &mo, 0, &run, &info, &err)) ||
	    (rc = bs_lookup_author_ranks(s, run, id, &t, &err)) ||
	    (rc = section("co-authorship metrics (rank among all authors)", &t, fmt, obj, &err)) ||
	    (rc = community(s, &go, id, fmt, obj, &err)))
		goto fail;
	if (fmt == BS_FMT_JSON) {
		json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8));
		fputc('\n', stdout);
	}
	rc = BS_EXIT_OK;
	goto cleanup;
fail:
	rc = bs_cli_fail(cli, &err);
cleanup:
	json_decref(obj);
	bs_table_release(&t);
	return rc;
}

int cmd_author(int argc, char **argv, bs_cli *cli)
{
	author_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 10;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	if (o.co.argc != (o.name ? 0 : 1))
		return bs_cli_usage_error(cli, "author", o.name ? "give NAME or --id, not both" :
					  "give exactly one NAME (quote names with spaces)");
	if (!o.name)
		o.name = o.co.argv[0];
	if (o.explain && o.name == o.idname)
		return bs_cli_usage_error(cli, "author", "--explain takes a NAME, not --id");
	if (!o.explain && o.co.fmt != BS_FMT_TABLE && o.co.fmt != BS_FMT_JSON)
		return bs_cli_usage_error(cli, "author", "--format is table or json");
	return bs_cli_run(cli, run, &o);
}
