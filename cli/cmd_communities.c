/* bibscope communities: detect co-authorship communities, store them and
 * list the largest. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "store/lookup.h"
#include "store/runs.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope communities [--algorithm leiden|louvain|lpa|leiden-igraph]\n"
	"                            [--resolution R] [--seed S] [--iterations N] [--top N]\n"
	"                            [--weight count|fractional]\n"
	"                            [--max-authors N] [--venue V] [--years A-B] [--force]\n"
	"                            [--deadline SECONDS]\n"
	"                            [--format table|csv|json|tsv] [--no-formula-guard] [--db FILE]\n"
	"\n"
	"Find research communities in the co-authorship graph.  Leiden (default)\n"
	"optimises modularity at resolution R (default 1) in --iterations N (default 2);\n"
	"leiden-igraph is igraph's implementation of it (slower; 2 iterations or more);\n"
	"Louvain stops with an error after --deadline seconds (default 60); lpa is label\n"
	"propagation.  The same --seed (default 42) gives the same communities.\n"
	"Results go to the communities and community_summary tables; the --top N\n"
	"(default 10) largest are listed with a label (their three most distinctive\n"
	"terms, tf-idf against the corpus) and their most prolific members.\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"algorithm", required_argument, NULL, OPT_ALGORITHM},
	{"resolution", required_argument, NULL, OPT_RESOLUTION},
	{"seed", required_argument, NULL, OPT_SEED},
	{"iterations", required_argument, NULL, OPT_ITERATIONS},
	{"top", required_argument, NULL, OPT_TOP},
	{"force", no_argument, NULL, OPT_FORCE},
	BS_OUTPUT_LONGOPTS,
	{"deadline", required_argument, NULL, OPT_EXACT_LIMIT},
	{"help", no_argument, NULL, 'h'},
	BS_GRAPH_LONGOPTS,
	{NULL, 0, NULL, 0}
};

typedef struct communities_opts {
	bs_cli_common co;
	bs_graph_opts go;
	bs_community_opts comm;
} communities_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	communities_opts *o = ud;
	double x;
	long n;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_graph_option(cli, "communities", c, arg, &o->go)) >= 0)
		return rc;
	switch (c) {
	case OPT_ALGORITHM:
		if ((n = bs_comm_algo_parse(arg)) < 0)
			return bs_cli_usage_error(cli, "communities",
						  "--algorithm is leiden, louvain, lpa or leiden-igraph, not '%s'", arg);
		o->comm.algo = (bs_comm_algo)n;
		return 0;
	case OPT_RESOLUTION:
		if ((x = bs_cli_parse_real(arg)) <= 0)
			return bs_cli_usage_error(cli, "communities", "--resolution wants a number > 0");
		o->comm.resolution = x;
		return 0;
	case OPT_ITERATIONS:
		if ((n = bs_cli_parse_count(arg)) < 1 || n > 1000)
			return bs_cli_usage_error(cli, "communities", "--iterations wants a number from 1 to 1000");
		o->comm.iterations = (int)n;
		return 0;
	case OPT_EXACT_LIMIT:   /* --deadline */
		if ((x = bs_cli_parse_real(arg)) <= 0)
			return bs_cli_usage_error(cli, "communities", "--deadline wants seconds > 0");
		o->comm.deadline = x;
		return 0;
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "communities", .shortopts = "h", .longopts = opts, .usage = usage_text, .option = option,
};

/* what one listed community becomes: a row of the table */
typedef struct listing {
	bs_table *t;
	bs_labeler *lab;       /* NULL: no labels */
	int64_t run;
	bs_error *err;
} listing;

static int add_row(void *ud, const bs_lookup_community_row *c)
{
	listing *l = ud;
	size_t r = bs_table_add_row(l->t);
	json_t *names = json_loads(c->top_authors, 0, NULL);
	bs_strbuf sb = BS_STRBUF_INIT;

	bs_strbuf_init(&sb);
	for (size_t i = 0; i < json_array_size(names); i++)
		bs_strbuf_addf(&sb, "%s%s", i ? ", " : "", json_string_value(json_array_get(names, i)));
	json_decref(names);
	bs_table_set_int(l->t, r, 0, c->community);
	bs_table_set_int(l->t, r, 1, c->size);
	bs_table_set_int(l->t, r, 2, c->papers);
	bs_table_set_real(l->t, r, 3, c->density, 3);
	bs_table_set_text(l->t, r, 5, sb.buf);
	bs_strbuf_reset(&sb);
	/* a community without a label is listed without one */
	if (l->lab && bs_labeler_label(l->lab, l->run, (long)c->community, 3, &sb, l->err) == BS_OK)
		bs_table_set_text(l->t, r, 4, sb.buf);
	bs_strbuf_release(&sb);
	return 0;
}

/* the first line: the run's parameters, size and modularity */
static int headline(bs_cli *cli, const communities_opts *o, int64_t run, const bs_analysis_info *info,
		    bs_error *err)
{
	json_t *j = NULL;

	if (bs_runs_summary(cli->store, run, &j, err))
		return BS_ERR_DB;
	if (j && o->co.fmt == BS_FMT_TABLE)
		printf("%s (resolution %g, seed %lu): %lld communities, modularity %.4f%s\n",
		       bs_comm_algo_name(o->comm.algo), o->comm.resolution, o->comm.seed,
		       (long long)json_integer_value(json_object_get(j, "communities")),
		       json_real_value(json_object_get(j, "modularity")),
		       info->computed ? "" : " (stored run; --force recomputes)");
	json_decref(j);
	return BS_OK;
}

static int run(bs_cli *cli, void *ud)
{
	static const char *const cols[] = {"community", "size", "papers", "density", "label", "top authors"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL, BS_COL_TEXT,
					    BS_COL_TEXT};
	communities_opts *o = ud;
	bs_analysis_info info;
	bs_terms_opts to;
	bs_error err, lerr;
	bs_labeler lab;
	bs_table t;
	listing l;
	int64_t run = 0;
	int rc;

	memset(&t, 0, sizeof t);
	memset(&lab, 0, sizeof lab);
	bs_error_clear(&err);
	bs_error_clear(&lerr);
	if ((rc = bs_cli_check_venue(cli, cli->store, o->go.filter.venue)))
		goto cleanup;
	if (bs_analyze_communities(cli->store, &o->go, &o->comm, o->co.force, &run, &info, &err) ||
	    headline(cli, o, run, &info, &err))
		goto fail;
	bs_terms_opts_init(&to);
	if ((rc = bs_cli_ensure_terms(cli, cli->store, &to, 0)))
		goto cleanup;
	bs_table_init(&t, 6, cols, types);
	l.t = &t;
	l.run = run;
	l.err = &lerr;
	l.lab = bs_labeler_init(&lab, cli->store, &lerr) == BS_OK ? &lab : NULL;   /* no labels otherwise */
	if (bs_lookup_communities(cli->store, run, o->co.top, add_row, &l, &err))
		goto fail;
	t.max_text_width = 90;
	if (bs_table_write(&t, stdout, o->co.fmt, &err))
		goto fail;
	rc = BS_EXIT_OK;
	goto cleanup;
fail:
	rc = bs_cli_fail(cli, &err);
cleanup:
	bs_labeler_release(&lab);
	bs_table_release(&t);
	return rc;
}

int cmd_communities(int argc, char **argv, bs_cli *cli)
{
	communities_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 10;
	o.co.seed = 42;
	bs_graph_opts_init(&o.go);
	bs_community_opts_init(&o.comm);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	o.comm.seed = o.co.seed;
	o.go.filter = o.co.filter;
	return bs_cli_run(cli, run, &o);
}
