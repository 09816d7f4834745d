/* bibscope plot KIND: one chart to a PNG, PDF or SVG file. */
#include "reports/charts.h"
#include "reports/report.h"
#include "cli/cli.h"
#include "base/outfile.h"

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

static const char *const kind[] = {"png", "pdf", "svg"};

typedef struct plot_opts {
	bs_cli_common co;
	bs_chart_opts chart;
	const bs_chart *kind;
	const char *out, *terms[16];
	bs_strbuf def;         /* the default file name, KIND.png */
	int want, fmt, nterms;
} plot_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	plot_opts *o = ud;
	long n;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_chart_option(cli, "plot", c, arg, &o->chart)) >= 0)
		return rc;
	switch (c) {
	case 'o':
		o->out = arg;
		return 0;
	case OPT_FORMAT:
		for (o->want = 0; o->want < 3 && strcmp(arg, kind[o->want]); o->want++)
			;
		if (o->want == 3)
			return bs_cli_usage_error(cli, "plot", "--format is png, pdf or svg, not '%s'", arg);
		return 0;
	case OPT_TOP:
		if ((n = bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, "plot", "--top wants a number >= 1");
		o->chart.top = (int)n;
		return 0;
	case 't':
		if (o->nterms == 16)
			return bs_cli_usage_error(cli, "plot", "at most 16 --term");
		o->terms[o->nterms++] = arg;
		return 0;
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "plot", .shortopts = "o:h", .longopts = opts, .usage_fn = usage, .operands = 1,
	.option = option,
};

/* The chart kind, the output and its format, checked before any database
 * is opened. */
static int check_output(bs_cli *cli, plot_opts *o)
{
	if (o->co.argc != 1) {
		usage(stderr);
		return BS_EXIT_USAGE;
	}
	o->kind = bs_chart_find(o->co.argv[0]);
	if (!o->kind)
		return bs_cli_usage_error(cli, "plot", "unknown chart '%s' (see 'bibscope plot --help')",
					  o->co.argv[0]);
	if (!o->out) {
		bs_strbuf_addf(&o->def, "%s.%s", o->kind->name, kind[o->want < 0 ? BS_OUT_PNG : o->want]);
		o->out = o->def.buf;
	}
	if (bs_outfile_is_stdout(o->out)) {
		o->fmt = o->want < 0 ? BS_OUT_PNG : o->want;
		/* binary data would garble the terminal: say what to do instead */
		if (o->fmt != BS_OUT_SVG && isatty(STDOUT_FILENO))
			return bs_cli_usage_error(cli, "plot", "not writing a %s chart to a terminal: redirect standard"
						  " output, or use --format svg or -o FILE", o->fmt == BS_OUT_PNG ? "PNG" : "PDF");
		return BS_EXIT_OK;
	}
	o->fmt = bs_out_format_of(o->out);
	if (o->fmt < 0 || (o->want >= 0 && o->fmt != o->want))
		return bs_cli_usage_error(cli, "plot", o->fmt < 0 ? "'%s': the file name must end in .png, .pdf or .svg"
					  : "'%s': the file name's extension is not that of --format", o->out);
	return BS_EXIT_OK;
}

static int run(bs_cli *cli, void *ud)
{
	plot_opts *o = ud;
	bs_strbuf dir = BS_STRBUF_INIT, base = BS_STRBUF_INIT;
	const char *out = o->out;
	bs_chart_data cd;
	bs_outfile of;
	bs_error err;
	bs_gp gp;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, o->chart.filter.venue)))
		return rc;
	bs_chart_data_init(&cd);
	bs_strbuf_init(&dir);
	bs_strbuf_init(&base);
	memset(&of, 0, sizeof of);
	bs_error_clear(&err);
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
		bs_gp_chart(&gp, o->kind->name);
		bs_chart_output(&gp, base.buf, (bs_out_format)o->fmt, &o->chart);
		/* the runs the chart draws are made here; the chart only draws */
		rc = bs_report_prepare_chart(cli->store, o->kind, &o->chart.filter, &cd, &err);
		o->chart.data = &cd;
		if (!rc)
			rc = o->kind->draw(&gp, cli->store, &o->chart, &err);
		if (rc)
			bs_gp_close(&gp, NULL);
		else
			rc = bs_gp_close(&gp, &err);
	}
	if (!rc)
		rc = bs_out_check(of.tmp, (bs_out_format)o->fmt, bs_outfile_shown(out), &err);
	if (!rc)
		rc = bs_outfile_commit(&of, 1, &err);
	if (rc) {
		bs_outfile_abort(&of, 1);   /* no half-written chart; an older out stays */
		rc = bs_cli_fail(cli, &err);
	} else if (!bs_outfile_is_stdout(out)) {
		printf("wrote %s\n", out);
	}
	bs_chart_data_release(&cd);
	bs_strbuf_release(&dir);
	bs_strbuf_release(&base);
	return rc;
}

int cmd_plot(int argc, char **argv, bs_cli *cli)
{
	plot_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.want = -1;
	bs_chart_opts_init(&o.chart);
	bs_strbuf_init(&o.def);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED ||
	    (rc = check_output(cli, &o)))
		goto done;
	o.chart.terms = o.nterms ? o.terms : NULL;
	o.chart.nterms = o.nterms;
	o.chart.filter = o.co.filter;
	rc = bs_cli_run(cli, run, &o);
done:
	bs_strbuf_release(&o.def);
	return rc;
}
