/* bibscope report: the multi-page PDF, PNG/SVG charts, index.html and
 * manifest.json. */
#include "cli.h"
#include "report.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope report [-o DIR] [--format pdf|png|svg|all] [--title T] [--size WxH]\n"
	"                       [--dpi N] [--venue V] [--years A-B] [--seed S] [--db FILE]\n"
	"\n"
	"Write the report to DIR (default: report): report.pdf (a title page with the\n"
	"corpus summary and parameters, tables of top authors and top phrases, then\n"
	"every chart), each chart as PNG and SVG, index.html and manifest.json (version,\n"
	"parameters, input file hashes, seed).  Needs gnuplot (package gnuplot-nox).\n";

int cmd_report(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"title", required_argument, NULL, 'T'},
		{"size", required_argument, NULL, 's'},
		{"dpi", required_argument, NULL, 'D'},
		{"seed", required_argument, NULL, OPT_SEED},
		{"venue", required_argument, NULL, OPT_VENUE},
		{"years", required_argument, NULL, OPT_YEARS},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	bs_report_opts o;
	bs_report_info info;
	bs_store *s = NULL;
	bs_error err;
	int c, rc;
	long n;

	memset(&o, 0, sizeof o);
	o.dir = "report";
	o.formats = BS_REPORT_ALL;
	bs_chart_opts_init(&o.chart);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
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
		case 's': {
			int w, h;
			char tail;
			if (sscanf(optarg, "%dx%d%c", &w, &h, &tail) != 2 || w < 100 || h < 100 || w > 20000 || h > 20000)
				return bs_cli_usage_error(cli, "report", "--size wants WxH in pixels, not '%s'", optarg);
			o.chart.width = w;
			o.chart.height = h;
			break;
		}
		case 'D':
			if ((n = bs_cli_parse_count(optarg)) < 24 || n > 1200)
				return bs_cli_usage_error(cli, "report", "--dpi wants 24 to 1200");
			o.chart.dpi = (int)n;
			break;
		case OPT_SEED:
			if ((n = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "report", "bad --seed '%s'", optarg);
			o.chart.seed = (unsigned long)n;
			break;
		case OPT_VENUE: o.chart.filter.venue = optarg; break;
		case OPT_YEARS:
			if (bs_filter_parse_years(&o.chart.filter, optarg, &err))
				return bs_cli_usage_error(cli, "report", "%s", err.msg);
			break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "report", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "report", "unexpected argument '%s'", argv[optind]);
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	rc = bs_report_write(s, &o, &info, &err);
	bs_store_close(s);
	if (rc)
		return bs_cli_fail(cli, &err);
	printf("wrote report to %s/ in %.2f s: %s%d charts%s%s, index.html, manifest.json\n", o.dir, info.seconds,
	       o.formats & BS_REPORT_PDF ? "report.pdf, " : "", info.charts,
	       o.formats & BS_REPORT_PNG ? " as PNG" : "", o.formats & BS_REPORT_SVG ? " and SVG" : "");
	return BS_EXIT_OK;
}
