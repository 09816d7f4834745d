/* bibscope graph: build the co-authorship graph, compute every author
 * metric, store them (author_metrics) and print the graph summary. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "store/runs.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope graph [--weight count|fractional] [--max-authors N] [--venue V]\n"
	"                      [--years A-B] [--exact | --samples K] [--exact-limit SECONDS]\n"
	"                      [--seed S] [--force] [--format table|json] [--db FILE]\n"
	"\n"
	"Build the co-authorship graph (authors as vertices, an edge per co-author pair\n"
	"weighted by joint papers, or by Newman's sum of 1/(n-1) with --weight\n"
	"fractional), compute per-author metrics into the author_metrics table and print\n"
	"the graph summary.  Papers with more than --max-authors (default 50) authors add\n"
	"no edges.  Betweenness and harmonic centrality are exact while exact is\n"
	"predicted (from the sizes of the graph's components) to take at most\n"
	"--exact-limit CPU seconds (default 15), else sampled from as many seeded\n"
	"sources as that budget pays for, at least 256 (spread over the large\n"
	"components; small components stay exact); the summary says which.  --exact\n"
	"always computes them exactly, --samples K always samples K sources.  A stored\n"
	"run with the same parameters is reused until the data changes (--force\n"
	"recomputes).\n";

static void row(bs_table *t, const char *k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void row(bs_table *t, const char *k, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	size_t r = bs_table_add_row(t);

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	bs_table_set_text(t, r, 0, k);
	bs_table_set_text(t, r, 1, buf);
}

static double num(json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"exact-limit", required_argument, NULL, OPT_EXACT_LIMIT},
	{"samples", required_argument, NULL, OPT_SAMPLES},
	{"exact", no_argument, NULL, OPT_EXACT},
	{"seed", required_argument, NULL, OPT_SEED},
	{"force", no_argument, NULL, OPT_FORCE},
	{"help", no_argument, NULL, 'h'},
	BS_GRAPH_LONGOPTS,
	{NULL, 0, NULL, 0}
};

typedef struct graph_opts {
	bs_cli_common co;
	bs_graph_opts go;
	bs_metrics_opts mo;
	int exact, samples;
} graph_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	graph_opts *o = ud;
	double x;
	int rc;

	if ((rc = bs_cli_graph_option(cli, "graph", c, arg, &o->go)) >= 0)
		return rc;
	switch (c) {
	case OPT_FORMAT:
		co->fmt = bs_format_parse(arg);
		if (co->fmt != BS_FMT_TABLE && co->fmt != BS_FMT_JSON)
			return bs_cli_usage_error(cli, "graph", "--format is table or json");
		return 0;
	case OPT_EXACT_LIMIT:
		if ((x = bs_cli_parse_real(arg)) < 0)
			return bs_cli_usage_error(cli, "graph", "bad --exact-limit '%s'", arg);
		o->mo.exact_limit = x;
		return 0;
	case OPT_SAMPLES:
		if ((x = (double)bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, "graph", "--samples wants a number >= 1");
		o->mo.k = (igraph_integer_t)x;
		o->mo.bc_mode = BS_BC_SAMPLE;
		o->samples = 1;
		return 0;
	case OPT_EXACT:
		o->mo.bc_mode = BS_BC_EXACT;
		o->exact = 1;
		return 0;
	case OPT_SEED:
		if ((x = (double)bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "graph", "bad --seed '%s'", arg);
		o->mo.seed = (unsigned long)x;
		return 0;
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "graph", .shortopts = "h", .longopts = opts, .usage = usage_text, .option = option,
};

/* "0:12 1:40 ... max 93": the degree histogram's first bins */
static void degree_row(bs_table *t, json_t *sum)
{
	json_t *h = json_object_get(sum, "degree_distribution");
	bs_strbuf sb = BS_STRBUF_INIT;
	size_t i, n = json_array_size(h);

	bs_strbuf_init(&sb);
	for (i = 0; i < n && i < 8; i++)
		bs_strbuf_addf(&sb, "%s%lld:%lld", i ? " " : "",
			       (long long)json_integer_value(json_array_get(json_array_get(h, i), 0)),
			       (long long)json_integer_value(json_array_get(json_array_get(h, i), 1)));
	if (n > 8)
		bs_strbuf_addf(&sb, " ... max %lld",
			       (long long)json_integer_value(json_array_get(json_array_get(h, n - 1), 0)));
	row(t, "degree distribution", "%s", sb.buf);
	bs_strbuf_release(&sb);
}

/* the summary table of the graph run */
static void summary_table(bs_table *t, json_t *sum, int64_t run, const bs_analysis_info *info)
{
	static const char *const cols[] = {"measure", "value"};

	bs_table_init(t, 2, cols, NULL);
	row(t, "authors (vertices)", "%.0f", num(sum, "vertices"));
	row(t, "co-author pairs (edges)", "%.0f", num(sum, "edges"));
	row(t, "papers", "%.0f (%.0f with more than %.0f authors add no edges)", num(sum, "papers"),
	    num(sum, "papers_excluded"), num(sum, "max_authors"));
	row(t, "components", "%.0f (%.0f isolated authors)", num(sum, "components"), num(sum, "isolated"));
	row(t, "giant component", "%.0f authors (%.1f%%)", num(sum, "giant_component"),
	    100 * num(sum, "giant_share"));
	row(t, "density", "%.3g", num(sum, "density"));
	row(t, "mean degree", "%.2f", num(sum, "mean_degree"));
	row(t, "transitivity", "%.4f", num(sum, "transitivity"));
	if (json_is_true(json_object_get(sum, "distance_sampled"))) {
		row(t, "mean distance (giant)", "%.2f (sampled, %.0f sources)", num(sum, "mean_distance"),
		    num(sum, "distance_sources"));
		row(t, "diameter (giant)", ">= %.0f (sampled)", num(sum, "diameter"));
	} else {
		row(t, "mean distance (giant)", "%.2f", num(sum, "mean_distance"));
		row(t, "diameter (giant)", "%.0f", num(sum, "diameter"));
	}
	if (!strcmp(json_string_value(json_object_get(sum, "betweenness")), "sampled"))
		row(t, "betweenness, harmonic", "sampled, k=%.0f sources (exact: ~%.0f s of CPU, --exact)",
		    num(sum, "betweenness_k"), num(sum, "betweenness_exact_cpu_seconds"));
	else
		row(t, "betweenness, harmonic", "exact");
	degree_row(t, sum);
	if (info->computed)
		row(t, "run", "%lld, computed in %.2f s", (long long)run, info->seconds);
	else
		row(t, "run", "%lld (stored; --force recomputes)", (long long)run);
	t->max_text_width = 120;
}

static int run(bs_cli *cli, void *ud)
{
	graph_opts *o = ud;
	bs_analysis_info info;
	bs_error err;
	bs_table t;
	int64_t run = 0;
	json_t *sum = NULL;
	int rc;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if ((rc = bs_cli_check_venue(cli, cli->store, o->go.filter.venue)))
		goto cleanup;
	if (bs_analyze_graph(cli->store, &o->go, &o->mo, o->co.force, &run, &info, &err) ||
	    bs_runs_summary(cli->store, run, &sum, &err))
		goto fail;
	if (!sum) {
		bs_error_set(&err, BS_ERR_DB, "%s: run %lld has no summary", cli->db_path, (long long)run);
		goto fail;
	}
	if (o->co.fmt == BS_FMT_JSON) {
		json_object_set_new(sum, "run", json_integer(run));
		json_dumpf(sum, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8));
		fputc('\n', stdout);
		rc = BS_EXIT_OK;
		goto cleanup;
	}
	summary_table(&t, sum, run, &info);
	if (bs_table_write(&t, stdout, BS_FMT_TABLE, &err))
		goto fail;
	rc = BS_EXIT_OK;
	goto cleanup;
fail:
	rc = bs_cli_fail(cli, &err);
cleanup:
	json_decref(sum);
	bs_table_release(&t);
	return rc;
}

int cmd_graph(int argc, char **argv, bs_cli *cli)
{
	graph_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	bs_graph_opts_init(&o.go);
	bs_metrics_opts_init(&o.mo);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	if (o.exact && o.samples)
		return bs_cli_usage_error(cli, "graph", "--exact and --samples exclude each other");
	o.go.filter = o.co.filter;
	return bs_cli_run(cli, run, &o);
}
