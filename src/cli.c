#include "cli.h"
#include "graph.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int bs_cli_fail(bs_cli *cli, const bs_error *err)
{
	fprintf(stderr, "%s: error: %s\n", cli->prog, err->msg[0] ? err->msg : bs_error_name(err->code));
	return err->code == BS_ERR_USAGE ? BS_EXIT_USAGE : BS_EXIT_RUNTIME;
}

int bs_cli_usage_error(bs_cli *cli, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", cli->prog, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s %s --help'.\n", cli->prog, cmd);
	return BS_EXIT_USAGE;
}

long bs_cli_parse_count(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 100000000)
		return -1;
	return v;
}

int bs_cli_open_store(bs_cli *cli, bs_store **s, int readonly)
{
	bs_error err;

	bs_error_clear(&err);
	if (bs_store_open(s, cli->db_path, BS_STORE_MUST_EXIST | (readonly ? BS_STORE_READONLY : 0),
			  &err))
		return bs_cli_fail(cli, &err);
	return BS_EXIT_OK;
}

void bs_cli_warn_summary(bs_cli *cli)
{
	if (cli->diag.count > cli->warn_limit && !cli->quiet)
		fprintf(stderr, "%s: %ld more warnings not shown\n", cli->prog,
			cli->diag.count - cli->warn_limit);
}

double bs_cli_parse_real(const char *s)
{
	char *end;
	double v;

	if (!s || !*s)
		return -1;
	v = strtod(s, &end);
	if (*end || !(v >= 0) || v > 1e300)
		return -1;
	return v;
}

int bs_cli_graph_option(bs_cli *cli, const char *cmd, int c, const char *arg, bs_graph_opts *g)
{
	bs_error err;
	long n;

	switch (c) {
	case OPT_WEIGHT:
		if (!strcmp(arg, "count"))
			g->fractional = 0;
		else if (!strcmp(arg, "fractional"))
			g->fractional = 1;
		else
			return bs_cli_usage_error(cli, cmd, "--weight is count or fractional, not '%s'", arg);
		return 0;
	case OPT_MAX_AUTHORS:
		n = bs_cli_parse_count(arg);
		if (n < 2)
			return bs_cli_usage_error(cli, cmd, "--max-authors wants a number >= 2, not '%s'", arg);
		g->max_authors = (int)n;
		return 0;
	case OPT_VENUE:
		g->filter.venue = arg;
		return 0;
	case OPT_YEARS:
		if (bs_filter_parse_years(&g->filter, arg, &err))
			return bs_cli_usage_error(cli, cmd, "%s", err.msg);
		return 0;
	}
	return -1;
}
