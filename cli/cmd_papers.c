/* bibscope papers [--top N] [--by citations|local-citations|year] [--per-year]
 *                 [--venue V] [--years A-B] [--format F] [--db FILE] */
#include "cli/cli.h"
#include "store/impact.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope papers [--top N] [--by citations|local-citations|year] [--per-year]\n"
	"                       [--venue V] [--years A-B] [--format table|csv|json|tsv]\n"
	"                       [--no-formula-guard] [--db FILE]\n"
	"\n"
	"The most cited papers: title, first author, year, venue, citations (the\n"
	"count the export carried, e.g. Web of Science TC or Scopus \"Cited by\"),\n"
	"local citations (papers of the selection whose references cite it), DOI\n"
	"and where the count comes from.  Ties by year, then title.\n"
	"\n"
	"  --top N        show N papers (default 20, 0 = all)\n"
	"  --by ORDER     citations (default), local-citations or year (newest first)\n"
	"  --per-year     citations per publication year instead: papers, citations,\n"
	"                 mean per paper, citable years and mean per citable year\n"
	"  --venue V      only papers of venue V\n"
	"  --years A-B    only papers from years A to B (2022, 2021-2023, 2022-, -2022)\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"top", required_argument, NULL, 'n'},
	{"by", required_argument, NULL, 'b'},
	{"per-year", no_argument, NULL, 'p'},
	{"venue", required_argument, NULL, 'V'},
	{"years", required_argument, NULL, 'y'},
	{"format", required_argument, NULL, 'F'},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct papers_opts {
	bs_cli_common co;
	bs_impact_paper_order order;
	int per_year;
} papers_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	papers_opts *o = ud;

	(void)co;   /* --format and the filters are bs_cli_parse's */
	switch (c) {
	case 'b':
		if (!strcmp(arg, "citations"))
			o->order = BS_IMPACT_BY_CITATIONS;
		else if (!strcmp(arg, "local-citations") || !strcmp(arg, "local"))
			o->order = BS_IMPACT_BY_LOCAL;
		else if (!strcmp(arg, "year"))
			o->order = BS_IMPACT_BY_YEAR;
		else
			return bs_cli_usage_error(cli, "papers",
						  "--by is citations, local-citations or year, not '%s'", arg);
		return 0;
	case 'p':
		o->per_year = 1;
		return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 'n', OPT_TOP, 'V', OPT_VENUE, 'y', OPT_YEARS, 'F', OPT_FORMAT, 0};

static const bs_cli_spec spec = {
	.cmd = "papers", .shortopts = "d:n:b:pV:y:F:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

static int run(bs_cli *cli, void *ud)
{
	papers_opts *o = ud;
	bs_table t;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, o->co.filter.venue)))
		return rc;
	bs_error_clear(&err);
	if (o->per_year)
		rc = bs_impact_years(cli->store, &o->co.filter, &t, &err);
	else
		rc = bs_impact_papers(cli->store, &o->co.filter, o->order, (int)o->co.top, &t, &err);
	t.max_text_width = 50;
	return bs_cli_print_table(cli, rc, &t, o->co.fmt,
				  "no papers match (is the database empty, or the filter too narrow?)", &err);
}

int cmd_papers(int argc, char **argv, bs_cli *cli)
{
	papers_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 20;
	o.order = BS_IMPACT_BY_CITATIONS;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	return bs_cli_run(cli, run, &o);
}
