/* bibscope plot KIND: one chart to a PNG, PDF or SVG file. */
#include "reports/charts.h"
#include "reports/report.h"
#include "cli/cli.h"
#include "base/outfile.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
	fputs("usage: bibscope plot KIND [-o FILE.png|.pdf|.svg|-] [--format png|pdf|svg] [--size WxH]\n"
	      "                          [--dpi N] [--top N] [--term T]... [--venue V] [--years A-B]\n"
	      "                          [--seed S] [--db FILE]\n\nKinds:\n", f);
	for (size_t i = 0; bs_charts[i].name; i++)
		fprintf(f, "  %-20s %s\n", bs_charts[i].name, bs_charts[i].title);
	fputs("\nThe output format follows the file's extension (default KIND.png), or --format;\n"
	      "-o - writes the chart to standard output (PNG unless --format says otherwise;\n"
	      "PNG and PDF are not written to a terminal).  --term\n"
	      "(repeatable) chooses the terms of the trends chart (default: top emerging).\n"
	      "--venue and --years restrict every chart to the papers they select.\n", f);
}

int cmd_plot(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"top", required_argument, NULL, OPT_TOP},
		{"term", required_argument, NULL, 't'},
		BS_CHART_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	bs_chart_opts co;
	bs_chart_data cd;
	const bs_chart *chart;
	const char *out = NULL, *terms[16];
	bs_strbuf def = BS_STRBUF_INIT, dir = BS_STRBUF_INIT, base = BS_STRBUF_INIT;
	bs_outfile of;
	bs_store *s = NULL;
	bs_error err;
	bs_gp gp;
	int c, rc, fmt, want = -1, nterms = 0;
	static const char *const kind[] = {"png", "pdf", "svg"};
	long n;

	bs_chart_opts_init(&co);
	bs_chart_data_init(&cd);
	bs_strbuf_init(&def);
	bs_strbuf_init(&dir);
	bs_strbuf_init(&base);
	memset(&of, 0, sizeof of);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if ((rc = bs_cli_chart_option(cli, "plot", c, optarg, &co)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_DB: cli->db_path = optarg; break;
		case 'o': out = optarg; break;
		case OPT_FORMAT:
			for (want = 0; want < 3 && strcmp(optarg, kind[want]); want++)
				;
			if (want == 3)
				return bs_cli_usage_error(cli, "plot", "--format is png, pdf or svg, not '%s'", optarg);
			break;
		case OPT_TOP:
			if ((n = bs_cli_parse_count(optarg)) < 1)
				return bs_cli_usage_error(cli, "plot", "--top wants a number >= 1");
			co.top = (int)n;
			break;
		case 't':
			if (nterms == 16)
				return bs_cli_usage_error(cli, "plot", "at most 16 --term");
			terms[nterms++] = optarg;
			break;
		case 'h': usage(stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "plot", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return BS_EXIT_USAGE;
	}
	chart = bs_chart_find(argv[optind]);
	if (!chart)
		return bs_cli_usage_error(cli, "plot", "unknown chart '%s' (see 'bibscope plot --help')", argv[optind]);
	if (!out) {
		bs_strbuf_addf(&def, "%s.%s", chart->name, kind[want < 0 ? BS_OUT_PNG : want]);
		out = def.buf;
	}
	if (bs_outfile_is_stdout(out)) {
		fmt = want < 0 ? BS_OUT_PNG : want;
		/* binary data would garble the terminal: say what to do instead */
		if (fmt != BS_OUT_SVG && isatty(STDOUT_FILENO))
			return bs_cli_usage_error(cli, "plot", "not writing a %s chart to a terminal: redirect standard"
						  " output, or use --format svg or -o FILE", fmt == BS_OUT_PNG ? "PNG" : "PDF");
	} else {
		fmt = bs_out_format_of(out);
		if (fmt < 0 || (want >= 0 && fmt != want)) {
			rc = bs_cli_usage_error(cli, "plot", fmt < 0 ? "'%s': the file name must end in .png, .pdf or .svg"
						: "'%s': the file name's extension is not that of --format", out);
			bs_strbuf_release(&def);
			return rc;
		}
	}
	co.terms = nterms ? terms : NULL;
	co.nterms = nterms;
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err)) {
		bs_strbuf_release(&def);
		return bs_cli_fail(cli, &err);
	}
	if ((rc = bs_cli_check_venue(cli, s, co.filter.venue))) {
		bs_store_close(s);
		bs_strbuf_release(&def);
		return rc;
	}
	/* gnuplot writes a temporary file beside out (in out's directory, so
	 * no user path reaches it; for standard output in $TMPDIR), which
	 * replaces out only when whole */
	rc = bs_outfile_open(&of, out, &err);
	if (!rc) {
		fclose(of.f);
		of.f = NULL;
		bs_path_dir(of.tmp, &dir);
		bs_path_base(of.tmp, &base);
		rc = bs_gp_open_in(&gp, dir.buf, &err);
	}
	if (!rc) {
		bs_gp_chart(&gp, chart->name);
		bs_chart_output(&gp, base.buf, (bs_out_format)fmt, &co);
		/* the runs the chart draws are made here; the chart only draws */
		rc = bs_report_prepare_chart(s, chart, &co.filter, &cd, &err);
		co.data = &cd;
		if (!rc)
			rc = chart->draw(&gp, s, &co, &err);
		if (rc)
			bs_gp_close(&gp, NULL);
		else
			rc = bs_gp_close(&gp, &err);
	}
	if (!rc)
		rc = bs_out_check(of.tmp, (bs_out_format)fmt, bs_outfile_shown(out), &err);
	if (!rc)
		rc = bs_outfile_commit(&of, 1, &err);
	if (rc) {
		bs_outfile_abort(&of, 1);   /* no half-written chart; an older out stays */
		rc = bs_cli_fail(cli, &err);
	} else if (!bs_outfile_is_stdout(out)) {
		printf("wrote %s\n", out);
	}
	bs_chart_data_release(&cd);
	bs_store_close(s);
	bs_strbuf_release(&def);
	bs_strbuf_release(&dir);
	bs_strbuf_release(&base);
	return rc;
}
