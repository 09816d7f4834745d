#include "cli/cli.h"
#include "reports/charts.h"
#include "analysis/graph/graph.h"
#include "analysis/keywords/terms.h"

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

/* Open the database, which must exist, read-only or read-write. */
static int open_store(bs_cli *cli, bs_store **s, int readonly)
{
	bs_error err;

	bs_error_clear(&err);
	if (bs_store_open(s, cli->db_path, BS_STORE_MUST_EXIST | (readonly ? BS_STORE_READONLY : 0),
			  &err))
		return bs_cli_fail(cli, &err);
	return BS_EXIT_OK;
}

int bs_cli_print_table(bs_cli *cli, int rc, bs_table *t, int fmt, const char *empty, bs_error *err)
{
	if (rc || bs_table_write(t, stdout, fmt, err))
		rc = bs_cli_fail(cli, err);
	else if (t->nrows == 0 && fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: %s\n", cli->prog, empty);
	bs_table_release(t);
	return rc;
}

int bs_cli_check_venue(bs_cli *cli, bs_store *s, const char *venue)
{
	bs_error err;
	bs_table near;
	int rc;

	if (!venue)
		return BS_EXIT_OK;
	bs_error_clear(&err);
	if (!bs_query_resolve_venue(s, venue, &near, &err)) {
		bs_table_release(&near);
		return BS_EXIT_OK;
	}
	if (err.code != BS_ERR_NOTFOUND) {
		bs_table_release(&near);
		return bs_cli_fail(cli, &err);
	}
	fprintf(stderr, "%s: error: %s", cli->prog, err.msg);
	{
		const char **names = bs_xmalloc((near.nrows + 1) * sizeof *names);
		for (size_t i = 0; i < near.nrows; i++)
			names[i] = bs_table_get(&near, i, 0);
		bs_cli_print_candidates("; did you mean: ", ", ", "", names, near.nrows);
		free(names);
	}
	fprintf(stderr, near.nrows ? "?\n" : " (see '%s venues')\n", cli->prog);
	rc = BS_EXIT_RUNTIME;
	bs_table_release(&near);
	return rc;
}

int bs_cli_find_author(bs_cli *cli, bs_store *s, const char *name, const char *hint, int64_t *id)
{
	bs_error err;
	bs_table cand;
	int rc = BS_EXIT_OK;

	bs_error_clear(&err);
	if (bs_query_find_author(s, name, id, &cand, &err)) {
		rc = bs_cli_fail(cli, &err);
		if (cand.nrows) {
			/* the list is a hint: the error above is what matters */
			(void)bs_table_write(&cand, stderr, BS_FMT_TABLE, &err);
			fprintf(stderr, "pick one: %s\n", hint);
		}
	}
	bs_table_release(&cand);
	return rc;
}

void bs_cli_print_warning(const char *file, long line, const char *msg)
{
	if (file && line)
		fprintf(stderr, "%s:%ld: warning: %s\n", file, line, msg);
	else if (file)
		fprintf(stderr, "%s: warning: %s\n", file, msg);
	else
		fprintf(stderr, "warning: %s\n", msg);
}

size_t bs_cli_print_candidates(const char *lead, const char *sep, const char *q,
			       const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%s%s%s", i ? sep : lead, q, names[i], q);
	return n;
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
	}
	return -1;
}

int bs_cli_chart_option(bs_cli *cli, const char *cmd, int c, const char *arg, bs_chart_opts *o)
{
	long n;

	switch (c) {
	case 's': {
		int w, h;
		char tail;
		if (sscanf(arg, "%dx%d%c", &w, &h, &tail) != 2 || w < 100 || h < 100 || w > 20000 || h > 20000)
			return bs_cli_usage_error(cli, cmd, "--size wants WxH in pixels (100-20000), not '%s'", arg);
		o->width = w;
		o->height = h;
		return 0;
	}
	case 'D':
		if ((n = bs_cli_parse_count(arg)) < 24 || n > 1200)
			return bs_cli_usage_error(cli, cmd, "--dpi wants 24 to 1200");
		o->dpi = (int)n;
		return 0;
	case OPT_SEED:
		if ((n = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, cmd, "bad --seed '%s'", arg);
		o->seed = (unsigned long)n;
		return 0;
	}
	return -1;
}

int bs_cli_terms_option(bs_cli *cli, const char *cmd, int c, const char *arg, bs_terms_opts *t)
{
	double x;
	long n;

	switch (c) {
	case OPT_STOPWORDS:
		t->stopwords = arg;
		return 0;
	case OPT_SYNONYMS:
		t->synonyms = arg;
		return 0;
	case OPT_MIN_COUNT:
		if ((n = bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, cmd, "--min-count wants a number >= 1, not '%s'", arg);
		t->min_count = n;
		return 0;
	case OPT_NPMI:
		x = bs_cli_parse_real(arg);
		if (x < 0 || x > 1)
			return bs_cli_usage_error(cli, cmd, "--npmi wants a number from 0 to 1, not '%s'", arg);
		t->min_npmi = x;
		return 0;
	}
	return -1;
}

int bs_cli_ensure_terms(bs_cli *cli, bs_store *s, const bs_terms_opts *t, int force)
{
	bs_terms_info info;
	bs_error err;

	bs_error_clear(&err);
	if (bs_terms_ensure(s, t, force, &info, &err))
		return bs_cli_fail(cli, &err);
	if (info.computed && !cli->quiet)
		fprintf(stderr, "%s: built keyword tables in %.2f s: %ld papers, %ld words, %ld phrases"
			" (%ld bigrams, %ld trigrams)\n", cli->prog, info.seconds, info.papers, info.unigrams,
			info.bigrams + info.trigrams, info.bigrams, info.trigrams);
	return BS_EXIT_OK;
}

/* A common option: 0 handled, -1 not one of them, or an exit code
 * (BS_EXIT_OK after --help, BS_EXIT_USAGE after printing the problem). */
static int common_option(bs_cli *cli, const bs_cli_spec *spec, int c, const char *arg, bs_cli_common *co)
{
	const char *cmd = spec->cmd;
	bs_error err;
	long n;

	switch (c) {
	case 'h':
		if (spec->usage)
			fputs(spec->usage, stdout);
		else
			spec->usage_fn(stdout);
		return BS_EXIT_OK;
	case OPT_DB:
		cli->db_path = arg;
		return 0;
	case OPT_NO_FORMULA_GUARD:
		bs_table_set_formula_guard(0);
		return 0;
	case OPT_FORMAT:
		if ((co->fmt = bs_format_parse(arg)) < 0)
			return bs_cli_usage_error(cli, cmd, "unknown format '%s' (table, csv, json or tsv)", arg);
		return 0;
	case OPT_FORCE:
		co->force = 1;
		return 0;
	case OPT_TOP:
		if ((n = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, cmd, "--top wants a number >= 0, not '%s'", arg);
		co->top = n;
		return 0;
	case OPT_SEED:
		if ((n = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, cmd, "--seed wants a number >= 0, not '%s'", arg);
		co->seed = (unsigned long)n;
		return 0;
	case OPT_VENUE:
		co->filter.venue = arg;
		return 0;
	case OPT_YEARS:
		if (bs_filter_parse_years(&co->filter, arg, &err))
			return bs_cli_usage_error(cli, cmd, "%s", err.msg);
		return 0;
	}
	return -1;
}

/* The common option a short letter of spec stands for, or c itself. */
static int alias_of(const bs_cli_spec *spec, int c)
{
	for (const int *a = spec->aliases; a && a[0]; a += 2)
		if (a[0] == c)
			return a[1];
	return c;
}

int bs_cli_parse(bs_cli *cli, const bs_cli_spec *spec, int argc, char **argv, bs_cli_common *co,
		 void *ud)
{
	int c, rc;

	optind = 1;
	opterr = 0;   /* the messages are ours: "unknown option 'X'" */
	while ((c = getopt_long(argc, argv, spec->shortopts, spec->longopts, NULL)) != -1) {
		rc = spec->option ? spec->option(cli, co, c, optarg, ud) : -1;
		if (rc < 0)
			rc = common_option(cli, spec, alias_of(spec, c), optarg, co);
		if (rc < 0)
			return bs_cli_usage_error(cli, spec->cmd, "unknown option '%s'", argv[optind - 1]);
		if (rc > 0 || c == 'h')
			return rc;
	}
	co->argc = argc - optind;
	co->argv = argv + optind;
	if (!spec->operands && co->argc > 0)
		return bs_cli_usage_error(cli, spec->cmd, "unexpected argument '%s'", co->argv[0]);
	return BS_CLI_PARSED;
}

int bs_cli_run(bs_cli *cli, int (*body)(bs_cli *cli, void *opts), void *opts)
{
	int rc;

	cli->store = NULL;
	if (cli->store_flags & (BS_CMD_STORE_READ | BS_CMD_STORE_WRITE)) {
		rc = open_store(cli, &cli->store, !(cli->store_flags & BS_CMD_STORE_WRITE));
		if (rc)
			return rc;
	}
	rc = body(cli, opts);
	bs_store_close(cli->store);
	cli->store = NULL;
	return rc;
}
