/* bibscope countries [--top N] [--by papers|citations] [--network]
 *                    [--venue V] [--years A-B] [--format F] [--db FILE] */
#include "cli/cli.h"
#include "store/countries.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope countries [--top N] [--by papers|citations] [--network] [--venue V]\n"
	"                          [--years A-B] [--format table|csv|json|tsv] [--no-formula-guard]\n"
	"                          [--db FILE]\n"
	"\n"
	"Countries of the papers' addresses, most papers first: papers (each paper once\n"
	"per country), SCP (single-country papers: all the paper's addresses are in this\n"
	"country), MCP (multiple-country papers), MCP %, citations (sum of the papers'\n"
	"times cited) and first and last year.  A paper's countries are those of all\n"
	"its addresses, not the corresponding author's alone.\n"
	"\n"
	"  --top N        show N countries or edges (default 20, 0 = all)\n"
	"  --by KEY       papers (default) or citations\n"
	"  --network      the collaboration edges instead: country_a, country_b and the\n"
	"                 papers with addresses in both, most papers first\n"
	"  --venue V      only papers of venue V\n"
	"  --years A-B    only papers from years A to B (2022, 2021-2023, 2022-, -2022)\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"top", required_argument, NULL, 'n'},
	{"by", required_argument, NULL, 'b'},
	{"network", no_argument, NULL, 'N'},
	{"venue", required_argument, NULL, 'V'},
	{"years", required_argument, NULL, 'y'},
	{"format", required_argument, NULL, 'F'},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct countries_opts {
	bs_cli_common co;
	int by_citations, network;
} countries_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	countries_opts *o = ud;

	(void)co;   /* --format and the filters are bs_cli_parse's */
	switch (c) {
	case 'b':
		if (!strcmp(arg, "papers") || !strcmp(arg, "citations")) {
			o->by_citations = !strcmp(arg, "citations");
			return 0;
		}
		return bs_cli_usage_error(cli, "countries", "--by is papers or citations, not '%s'", arg);
	case 'N':
		o->network = 1;
		return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 'n', OPT_TOP, 'V', OPT_VENUE, 'y', OPT_YEARS, 'F', OPT_FORMAT, 0};

static const bs_cli_spec spec = {
	.cmd = "countries", .shortopts = "d:n:b:NV:y:F:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

static int run(bs_cli *cli, void *ud)
{
	countries_opts *o = ud;
	bs_table t;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, o->co.filter.venue)))
		return rc;
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if (o->network)
		rc = bs_countries_edges(cli->store, &o->co.filter, (int)o->co.top, &t, &err);
	else
		rc = bs_countries_table(cli->store, &o->co.filter, o->by_citations, (int)o->co.top, &t, &err);
	return bs_cli_print_table(cli, rc, &t, o->co.fmt,
				  o->network ? "no papers with addresses in two countries (do the records carry"
					       " addresses, or is the filter too narrow?)"
					     : "no countries (do the records carry addresses, or is the filter too narrow?)",
				  &err);
}

int cmd_countries(int argc, char **argv, bs_cli *cli)
{
	countries_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 20;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	return bs_cli_run(cli, run, &o);
}
