/* bibscope references [--top N] [--venue V] [--years A-B] [--format F] [--db FILE] */
#include "cli/cli.h"
#include "store/impact.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope references [--top N] [--venue V] [--years A-B]\n"
	"                           [--format table|csv|json|tsv] [--no-formula-guard]\n"
	"                           [--db FILE]\n"
	"\n"
	"The most cited references of the selected papers: one spelling of the\n"
	"reference, how many papers cite it, its first author, year, source and\n"
	"DOI as parsed, and whether it is a paper of the database (in corpus).\n"
	"References are grouped by their match key (the DOI, else first author,\n"
	"year, volume and page), else by their text.  Ties by the text.\n"
	"\n"
	"  --top N        show N references (default 20, 0 = all)\n"
	"  --venue V      only references of papers of venue V\n"
	"  --years A-B    only references of papers from years A to B\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"top", required_argument, NULL, 'n'},
	{"venue", required_argument, NULL, 'V'},
	{"years", required_argument, NULL, 'y'},
	{"format", required_argument, NULL, 'F'},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

static const int aliases[] = {'d', OPT_DB, 'n', OPT_TOP, 'V', OPT_VENUE, 'y', OPT_YEARS, 'F', OPT_FORMAT, 0};

static const bs_cli_spec spec = {
	.cmd = "references", .shortopts = "d:n:V:y:F:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases,
};

static int run(bs_cli *cli, void *ud)
{
	bs_cli_common *co = ud;
	bs_table t;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, co->filter.venue)))
		return rc;
	bs_error_clear(&err);
	rc = bs_impact_references(cli->store, &co->filter, (int)co->top, &t, &err);
	t.max_text_width = 60;
	return bs_cli_print_table(cli, rc, &t, co->fmt,
				  "no references (the selected papers' records carry none: Web of Science"
				  " plain text CR, Scopus References)", &err);
}

int cmd_references(int argc, char **argv, bs_cli *cli)
{
	bs_cli_common co;
	int rc;

	memset(&co, 0, sizeof co);
	co.fmt = BS_FMT_TABLE;
	co.top = 20;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &co, &co)) != BS_CLI_PARSED)
		return rc;
	return bs_cli_run(cli, run, &co);
}
