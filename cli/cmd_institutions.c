/* bibscope institutions [--top N] [--country C] [--venue V] [--years A-B]
 *                       [--format F] [--db FILE] */
#include "cli/cli.h"
#include "store/countries.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope institutions [--top N] [--country C] [--venue V] [--years A-B]\n"
	"                             [--format table|csv|json|tsv] [--no-formula-guard]\n"
	"                             [--db FILE]\n"
	"\n"
	"Institutions of the papers' addresses, most papers first (each paper once per\n"
	"institution), with the country most of their addresses name.  Spellings that\n"
	"differ only in case, accents or punctuation are one institution, shown as the\n"
	"spelling most addresses use.\n"
	"\n"
	"  --top N        show N institutions (default 20, 0 = all)\n"
	"  --country C    only addresses in country C (\"USA\", \"United States\", \"China\")\n"
	"  --venue V      only papers of venue V\n"
	"  --years A-B    only papers from years A to B (2022, 2021-2023, 2022-, -2022)\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"top", required_argument, NULL, 'n'},
	{"country", required_argument, NULL, 'c'},
	{"venue", required_argument, NULL, 'V'},
	{"years", required_argument, NULL, 'y'},
	{"format", required_argument, NULL, 'F'},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct institutions_opts {
	bs_cli_common co;
	const char *country;
} institutions_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	institutions_opts *o = ud;

	(void)co;   /* --format and the filters are bs_cli_parse's */
	switch (c) {
	case 'c':
		if (!*arg)
			return bs_cli_usage_error(cli, "institutions", "--country takes a country name");
		o->country = arg;
		return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 'n', OPT_TOP, 'V', OPT_VENUE, 'y', OPT_YEARS, 'F', OPT_FORMAT, 0};

static const bs_cli_spec spec = {
	.cmd = "institutions", .shortopts = "d:n:c:V:y:F:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

static int run(bs_cli *cli, void *ud)
{
	institutions_opts *o = ud;
	bs_table t;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, o->co.filter.venue)))
		return rc;
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	rc = bs_countries_institutions(cli->store, &o->co.filter, o->country, (int)o->co.top, &t, &err);
	return bs_cli_print_table(cli, rc, &t, o->co.fmt,
				  "no institutions (do the records carry addresses, or is the filter too narrow?)", &err);
}

int cmd_institutions(int argc, char **argv, bs_cli *cli)
{
	institutions_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 20;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	return bs_cli_run(cli, run, &o);
}
