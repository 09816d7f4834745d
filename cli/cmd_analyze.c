/* bibscope analyze: compute (or confirm) every analysis run at once -- the
 * keyword tables, the graph metrics and the communities -- with the
 * report's schedule, and print what each run is. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "store/runs.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope analyze [--force] [--format table|json] [--db FILE]\n"
	"\n"
	"Compute every analysis run the other commands and the report read, with their\n"
	"default parameters: the keyword tables (topics, trends, themes), the graph\n"
	"metrics (graph, authors --by) and the Leiden communities (communities).  The\n"
	"keyword tables are built on a second thread while the graph is built once for\n"
	"both graph runs (up to 1.25 million papers; beyond, one after the other to bound\n"
	"memory).  Runs that are current are kept (--force recomputes them).  Later\n"
	"queries then answer from the stored runs.\n";

static json_t *run_json(const char *kind, int64_t id, int computed, double seconds, const char *what)
{
	json_t *o = json_object();

	json_object_set_new(o, "run", json_string(kind));
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "computed", json_boolean(computed));
	if (computed)
		json_object_set_new(o, "seconds", json_real(seconds));
	json_object_set_new(o, "summary", json_string(what));
	return o;
}

/* the run's stored summary, as a short text (empty without one) */
static int describe(bs_store *s, int64_t run, const char *kind, bs_strbuf *out, bs_error *err)
{
	json_t *j = NULL;
	int rc;

	bs_strbuf_reset(out);
	if ((rc = bs_runs_summary(s, run, &j, err)) || !j)
		return rc;
#define N(k) ((long long)json_integer_value(json_object_get(j, k)))
	if (!strcmp(kind, "terms"))
		bs_strbuf_addf(out, "%lld papers, %lld words, %lld bigrams, %lld trigrams, %lld paper-term rows",
			       N("papers"), N("unigrams"), N("bigrams"), N("trigrams"), N("paper_terms"));
	else if (!strcmp(kind, "graph"))
	{
		const char *b = json_string_value(json_object_get(j, "betweenness"));
		bs_strbuf_addf(out, "%lld authors, %lld co-author pairs, betweenness %s", N("vertices"),
			       N("edges"), b ? b : "?");
		if (b && !strcmp(b, "sampled"))
			bs_strbuf_addf(out, ", k=%lld", N("betweenness_k"));
	}
	else
		bs_strbuf_addf(out, "%lld communities, modularity %.4f", N("communities"),
			       json_real_value(json_object_get(j, "modularity")));
#undef N
	json_decref(j);
	return BS_OK;
}

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"force", no_argument, NULL, OPT_FORCE},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

static const bs_cli_spec spec = {
	.cmd = "analyze", .shortopts = "h", .longopts = opts, .usage = usage_text,
};

/* "stored", or how long the computation took and with what */
static void status_text(const int computed[3], const double secs[3], int i, bs_strbuf *status)
{
	bs_strbuf_reset(status);
	if (!computed[i])
		bs_strbuf_adds(status, "stored");
	else if (i == 0)
		bs_strbuf_addf(status, "computed in %.2f s", secs[i]);
	else   /* both graph runs come from one build */
		bs_strbuf_addf(status, "computed in %.2f s%s", secs[i],
			       !(computed[1] && computed[2]) ? "" : i == 1 ? " with communities" : " with graph");
}

static int print_json(json_t *arr, const bs_analyze_all_info *info)
{
	json_t *o = json_object();

	json_object_set_new(o, "runs", arr);
	json_object_set_new(o, "parallel", json_boolean(info->parallel));
	json_object_set_new(o, "seconds", json_real(info->seconds));
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	fputc('\n', stdout);
	json_decref(o);
	return BS_EXIT_OK;
}

static int run(bs_cli *cli, void *ud)
{
	static const char *const cols[] = {"run", "status", "summary"};
	static const char *const kind[3] = {"terms", "graph", "communities"};
	const bs_cli_common *cc = ud;
	bs_terms_opts to;
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analyze_all_info info;
	bs_error err;
	bs_table t;
	bs_strbuf what = BS_STRBUF_INIT, status = BS_STRBUF_INIT;
	json_t *arr = NULL;
	int64_t id[3];
	int computed[3], rc;
	double secs[3];

	memset(&t, 0, sizeof t);
	bs_terms_opts_init(&to);
	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	bs_strbuf_init(&what);
	bs_strbuf_init(&status);
	bs_error_clear(&err);
	if (bs_analyze_all(cli->store, &to, &go, &mo, &co, cc->force, &info, &err))
		goto fail;
	id[0] = info.terms.run_id;
	id[1] = info.graph_run;
	id[2] = info.comm_run;
	computed[0] = info.terms.computed;
	computed[1] = info.graph.graph_computed;
	computed[2] = info.graph.comm_computed;
	secs[0] = info.terms.seconds;
	secs[1] = secs[2] = info.graph.seconds;
	arr = json_array();
	bs_table_init(&t, 3, cols, NULL);
	for (int i = 0; i < 3; i++) {
		size_t r;
		if (describe(cli->store, id[i], kind[i], &what, &err))
			goto fail;
		json_array_append_new(arr, run_json(kind[i], id[i], computed[i], secs[i], what.buf));
		r = bs_table_add_row(&t);
		bs_table_set_text(&t, r, 0, kind[i]);
		status_text(computed, secs, i, &status);
		bs_table_set_text(&t, r, 1, status.buf);
		bs_table_set_text(&t, r, 2, what.buf);
	}
	if (cc->fmt == BS_FMT_JSON) {
		rc = print_json(arr, &info);
		arr = NULL;
		goto cleanup;
	}
	t.max_text_width = 100;
	if (bs_table_write(&t, stdout, BS_FMT_TABLE, &err))
		goto fail;
	if (!cli->quiet && (computed[0] || computed[1] || computed[2]))
		fprintf(stderr, "bibscope: analyzed in %.2f s%s\n", info.seconds,
			info.parallel ? " (keyword tables beside the graph)" : "");
	rc = BS_EXIT_OK;
	goto cleanup;
fail:
	rc = bs_cli_fail(cli, &err);
cleanup:
	json_decref(arr);
	bs_strbuf_release(&what);
	bs_strbuf_release(&status);
	bs_table_release(&t);
	return rc;
}

int cmd_analyze(int argc, char **argv, bs_cli *cli)
{
	bs_cli_common cc;
	int rc;

	memset(&cc, 0, sizeof cc);
	cc.fmt = BS_FMT_TABLE;
	cc.seed = 42;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &cc, NULL)) != BS_CLI_PARSED)
		return rc;
	if (cc.fmt != BS_FMT_TABLE && cc.fmt != BS_FMT_JSON)
		return bs_cli_usage_error(cli, "analyze", "--format is table or json");
	return bs_cli_run(cli, run, &cc);
}
