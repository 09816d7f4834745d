/* bibscope report: the multi-page PDF, PNG/SVG charts, index.html and
 * manifest.json. */
#include "cli/cli.h"
#include "base/outfile.h"
#include "reports/report.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope report [-o DIR] [--overwrite] [--format pdf|png|svg|all] [--title T]\n"
	"                       [--size WxH] [--dpi N] [--venue V] [--years A-B] [--seed S] [--db FILE]\n"
	"\n"
	"Write the report to DIR (default: report): report.pdf (a title page with the\n"
	"corpus summary and parameters, tables of top authors and top phrases, then\n"
	"every chart), each chart as PNG and SVG, index.html and manifest.json (version,\n"
	"parameters, input file hashes, seed).  Needs gnuplot (package gnuplot-nox).\n"
	"--venue and --years select the papers: every table, chart and number is of\n"
	"them, and the title page and manifest.json say so; a selection of no papers\n"
	"is an error (exit 1) and writes nothing.\n"
	"The report is built beside DIR and replaces it whole at the end.  An existing\n"
	"DIR must be an earlier bibscope report (or empty); --overwrite replaces any\n"
	"directory, deleting what it holds.\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"output", required_argument, NULL, 'o'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"title", required_argument, NULL, 'T'},
	{"overwrite", no_argument, NULL, 'W'},
	BS_CHART_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct report_args {
	bs_cli_common co;
	bs_report_opts o;
} report_args;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	bs_report_opts *o = &((report_args *)ud)->o;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_chart_option(cli, "report", c, arg, &o->chart)) >= 0)
		return rc;
	switch (c) {
	case 'o': o->dir = arg; return 0;
	case OPT_FORMAT:
		if (!strcmp(arg, "pdf"))
			o->formats = BS_REPORT_PDF;
		else if (!strcmp(arg, "png"))
			o->formats = BS_REPORT_PNG;
		else if (!strcmp(arg, "svg"))
			o->formats = BS_REPORT_SVG;
		else if (!strcmp(arg, "all"))
			o->formats = BS_REPORT_ALL;
		else
			return bs_cli_usage_error(cli, "report", "--format is pdf, png, svg or all, not '%s'", arg);
		return 0;
	case 'T': o->title = arg; return 0;
	case 'W': o->overwrite = 1; return 0;
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "report", .shortopts = "o:h", .longopts = opts, .usage = usage_text, .option = option,
};

static int run(bs_cli *cli, void *ud)
{
	bs_report_opts *o = &((report_args *)ud)->o;
	bs_report_info info;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, o->chart.filter.venue)))
		return rc;
	bs_error_clear(&err);
	if (bs_report_write(cli->store, o, &info, &err))
		return bs_cli_fail(cli, &err);
	printf("wrote report to %s/ in %.2f s: %s%d charts%s%s, index.html, manifest.json\n", o->dir, info.seconds,
	       o->formats & BS_REPORT_PDF ? "report.pdf, " : "", info.charts,
	       o->formats & BS_REPORT_PNG ? " as PNG" : "", o->formats & BS_REPORT_SVG ? " and SVG" : "");
	return BS_EXIT_OK;
}

int cmd_report(int argc, char **argv, bs_cli *cli)
{
	report_args a;
	int rc;

	memset(&a, 0, sizeof a);
	a.o.dir = "report";
	a.o.formats = BS_REPORT_ALL;
	bs_chart_opts_init(&a.o.chart);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &a.co, &a)) != BS_CLI_PARSED)
		return rc;
	if (bs_outfile_is_stdout(a.o.dir))
		return bs_cli_usage_error(cli, "report", "a report is a directory of files, not one file:"
					  " -o - is not possible (use -o DIR; 'bibscope plot KIND -o -' writes one chart)");
	a.o.chart.filter = a.co.filter;
	return bs_cli_run(cli, run, &a);
}
