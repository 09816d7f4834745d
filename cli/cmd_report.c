/* bibscope report: the multi-page PDF, PNG/SVG charts, index.html and
 * manifest.json. */
#include "cli/cli.h"
#include "base/outfile.h"
#include "reports/report.h"

#include <getopt.h>
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

int cmd_report(int argc, char **argv, bs_cli *cli)
{
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
	bs_report_opts o;
	bs_report_info info;
	bs_store *s = NULL;
	bs_error err;
	int c, rc;

	memset(&o, 0, sizeof o);
	o.dir = "report";
	o.formats = BS_REPORT_ALL;
	bs_chart_opts_init(&o.chart);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if ((rc = bs_cli_chart_option(cli, "report", c, optarg, &o.chart)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_DB: cli->db_path = optarg; break;
		case 'o': o.dir = optarg; break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "pdf"))
				o.formats = BS_REPORT_PDF;
			else if (!strcmp(optarg, "png"))
				o.formats = BS_REPORT_PNG;
			else if (!strcmp(optarg, "svg"))
				o.formats = BS_REPORT_SVG;
			else if (!strcmp(optarg, "all"))
				o.formats = BS_REPORT_ALL;
			else
				return bs_cli_usage_error(cli, "report", "--format is pdf, png, svg or all, not '%s'", optarg);
			break;
		case 'T': o.title = optarg; break;
		case 'W': o.overwrite = 1; break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "report", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "report", "unexpected argument '%s'", argv[optind]);
	if (bs_outfile_is_stdout(o.dir))
		return bs_cli_usage_error(cli, "report", "a report is a directory of files, not one file:"
					  " -o - is not possible (use -o DIR; 'bibscope plot KIND -o -' writes one chart)");
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	if ((rc = bs_cli_check_venue(cli, s, o.chart.filter.venue))) {
		bs_store_close(s);
		return rc;
	}
	rc = bs_report_write(s, &o, &info, &err);
	bs_store_close(s);
	if (rc)
		return bs_cli_fail(cli, &err);
	printf("wrote report to %s/ in %.2f s: %s%d charts%s%s, index.html, manifest.json\n", o.dir, info.seconds,
	       o.formats & BS_REPORT_PDF ? "report.pdf, " : "", info.charts,
	       o.formats & BS_REPORT_PNG ? " as PNG" : "", o.formats & BS_REPORT_SVG ? " and SVG" : "");
	return BS_EXIT_OK;
}
