/* bibscope authors [--top N] [--count full|fractional] [--venue V]
 *                  [--years A-B] [--format table|csv|json] [--db FILE] */
#include "analysis/analyze.h"
#include "analysis/graph/homonyms.h"
#include "analysis/results.h"
#include "cli/cli.h"
#include "store/impact.h"
#include "store/lookup.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope authors [--top N] [--count full|fractional] [--by METRIC] [--venue V]\n"
	"                        [--years A-B] [--format table|csv|json|tsv] [--no-formula-guard]\n"
	"                        [--db FILE]\n"
	"\n"
	"Rank authors by number of papers.  --count fractional gives each paper 1/n\n"
	"to each of its n authors.  Ties are broken by name.\n"
	"\n"
	"  --top N        show N authors (default 20, 0 = all)\n"
	"  --by METRIC    papers, fractional, degree, strength, pagerank, betweenness,\n"
	"                 harmonic, eigenvector or coreness (graph metrics come from the\n"
	"                 stored default 'bibscope graph' run, computed when missing),\n"
	"                 or citations, h-index, g-index, m-index (from the citation\n"
	"                 counts the exports carried; columns author, papers,\n"
	"                 citations, h, g, m)\n"
	"  --ambiguous    flag names whose co-authors fall into separate groups that\n"
	"                 never co-author (possibly several people sharing a name)\n"
	"  --venue V      only papers of venue V (case-insensitive: nips, CVPR, ...)\n"
	"  --years A-B    only papers from years A to B (2022, 2021-2023, 2022-, -2022)\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"top", required_argument, NULL, 'n'},
	{"count", required_argument, NULL, 'c'},
	{"by", required_argument, NULL, 'b'},
	{"ambiguous", no_argument, NULL, 'a'},
	{"venue", required_argument, NULL, 'V'},
	{"years", required_argument, NULL, 'y'},
	{"format", required_argument, NULL, 'F'},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct authors_opts {
	bs_cli_common co;
	int fractional, ambiguous;
	const char *by;        /* a graph metric, or NULL */
	int impact;            /* a bs_impact_metric, or -1 */
} authors_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	authors_opts *o = ud;

	switch (c) {
	case 'c':
		if (!strcmp(arg, "full"))
			o->fractional = 0;
		else if (!strcmp(arg, "fractional"))
			o->fractional = 1;
		else
			return bs_cli_usage_error(cli, "authors", "--count is full or fractional, not '%s'", arg);
		return 0;
	case 'b':
		o->impact = -1;   /* the last --by wins */
		o->by = NULL;
		if (!strcmp(arg, "papers") || !strcmp(arg, "fractional")) {
			o->fractional = !strcmp(arg, "fractional");
			return 0;
		}
		if ((o->impact = bs_impact_metric_parse(arg)) >= 0)
			return 0;
		if (bs_graph_metric_index(arg) >= 0)
			o->by = bs_graph_metric_names[bs_graph_metric_index(arg)];
		if (!o->by)
			return bs_cli_usage_error(cli, "authors", "unknown --by metric '%s'", arg);
		return 0;
	case 'a':
		o->ambiguous = 1;
		return 0;
	case 'F':
		if ((co->fmt = bs_format_parse(arg)) < 0)
			return bs_cli_usage_error(cli, "authors", "unknown format '%s'", arg);
		return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 'n', OPT_TOP, 'V', OPT_VENUE, 'y', OPT_YEARS, 0};

static const bs_cli_spec spec = {
	.cmd = "authors", .shortopts = "d:n:c:b:aV:y:F:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

static int by_metric(bs_cli *cli, const authors_opts *o)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_analysis_info info;
	bs_table t;
	bs_error err;
	int64_t run = 0;
	int rc;

	bs_graph_opts_init(&go);
	go.filter = o->co.filter;
	bs_metrics_opts_init(&mo);
	bs_error_clear(&err);
	if (bs_analyze_graph(cli->store, &go, &mo, 0, &run, &info, &err))
		return bs_cli_fail(cli, &err);
	if (info.computed && !cli->quiet)
		fprintf(stderr, "%s: computed co-authorship metrics in %.2f s (stored as run %lld)\n",
			cli->prog, info.seconds, (long long)run);
	rc = bs_lookup_metric_ranking(cli->store, run, o->by, o->co.top, &t, &err);
	if (!rc && o->co.fmt == BS_FMT_TABLE && !cli->quiet && info.approximate &&
	    (!strcmp(o->by, "betweenness") || !strcmp(o->by, "harmonic")))
		fprintf(stderr, "%s: %s is sampled, k=%ld sources (graph --exact computes it exactly)\n",
			cli->prog, o->by, info.k);
	if (!rc)
		rc = bs_table_write(&t, stdout, o->co.fmt, &err);
	bs_table_release(&t);
	return rc ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
}

/* "citation counts: wos as of 2026-04-02 (4066 papers), none for 12
 * papers": which counts the numbers add up, so that they can be checked */
static int print_sources(bs_cli *cli, const bs_filter *f, bs_error *err)
{
	bs_table t;
	int rc;

	if ((rc = bs_impact_sources(cli->store, f, &t, err)) == BS_OK) {
		fprintf(stderr, "%s: citation counts:", cli->prog);
		for (size_t i = 0; i < t.nrows; i++) {
			const char *src = bs_table_get(&t, i, 0), *d = bs_table_get(&t, i, 1);
			const char *n = bs_table_get(&t, i, 2);
			if (!strcmp(src, "none"))
				fprintf(stderr, "%s none for %s paper%s", i ? "," : "", n, strcmp(n, "1") ? "s" : "");
			else
				fprintf(stderr, "%s %s%s%s (%s paper%s)", i ? "," : "", src,
					d && *d ? " as of " : ", export date unknown", d ? d : "", n,
					strcmp(n, "1") ? "s" : "");
		}
		fprintf(stderr, "%s\n", t.nrows ? "" : " no papers");
	}
	bs_table_release(&t);
	return rc;
}

static int by_impact(bs_cli *cli, const authors_opts *o)
{
	bs_table t;
	bs_error err;
	int rc;

	bs_error_clear(&err);
	rc = bs_impact_authors(cli->store, &o->co.filter, (bs_impact_metric)o->impact, (int)o->co.top, &t, &err);
	if (!rc)
		rc = bs_table_write(&t, stdout, o->co.fmt, &err);
	if (!rc && o->co.fmt == BS_FMT_TABLE && !cli->quiet)
		rc = print_sources(cli, &o->co.filter, &err);
	bs_table_release(&t);
	return rc ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
}

static int ambiguous(bs_cli *cli, const authors_opts *o)
{
	bs_graph_opts go;
	bs_coauthor_graph g;
	bs_homonym_opts ho;
	bs_table t;
	bs_error err;
	int rc;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	bs_graph_opts_init(&go);
	go.filter = o->co.filter;
	bs_homonym_opts_init(&ho);
	ho.top = (int)o->co.top;
	rc = bs_graph_build(cli->store, &go, &g, &err);
	if (!rc)
		rc = bs_homonym_hints(&g, &ho, &t, &err);
	if (!rc) {
		t.max_text_width = 100;
		if (o->co.fmt == BS_FMT_TABLE && !cli->quiet)
			fprintf(stderr, "%s: names whose co-authors split into parts (>= %d co-authors each)"
				" that never co-author: possibly several people; a hint, nothing is merged"
				" or split\n", cli->prog, ho.min_part);
		rc = bs_table_write(&t, stdout, o->co.fmt, &err);
	}
	bs_table_release(&t);
	bs_graph_release(&g);
	return rc ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
}

static int run(bs_cli *cli, void *ud)
{
	authors_opts *o = ud;
	bs_table t;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, o->co.filter.venue)))
		return rc;
	if (o->ambiguous)
		return ambiguous(cli, o);
	if (o->by)
		return by_metric(cli, o);
	if (o->impact >= 0)
		return by_impact(cli, o);
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if (bs_query_top_authors(cli->store, &o->co.filter, o->fractional, (int)o->co.top, &t, &err) ||
	    bs_table_write(&t, stdout, o->co.fmt, &err))
		rc = bs_cli_fail(cli, &err);
	else if (t.nrows == 0 && o->co.fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: no authors match (is the database empty, or the filter too narrow?)\n",
			cli->prog);
	bs_table_release(&t);
	return rc;
}

int cmd_authors(int argc, char **argv, bs_cli *cli)
{
	authors_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 20;
	o.impact = -1;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	/* --by reads the stored graph run, and computes and stores it when
	 * missing; the rest only reads */
	if (o.by && !o.ambiguous)
		cli->store_flags = BS_CMD_STORE_WRITE;
	return bs_cli_run(cli, run, &o);
}
