/* bibscope venues [--db FILE] [--top N] [--venue V] [--spellings] [--format F] */
#include "cli/cli.h"
#include "text/venue.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope venues [--db FILE] [--top N] [--venue V] [--spellings]\n"
	"                       [--format table|csv|json|tsv] [--no-formula-guard]\n"
	"\n"
	"The venues, most papers first: display name, match key, papers, first and\n"
	"last year, and how many spellings the records used.  --spellings lists\n"
	"each venue's spellings with the records that used them, so that every\n"
	"merge of two names into one venue can be checked.  --venue takes any\n"
	"spelling of one venue.\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"top", required_argument, NULL, 'n'},
	{"venue", required_argument, NULL, 'v'},
	{"spellings", no_argument, NULL, 's'},
	{"format", required_argument, NULL, 'F'},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct venues_opts {
	bs_cli_common co;
	const char *venue;     /* any spelling of one venue */
	bs_strbuf key;         /* its match key */
	int top, spellings;
} venues_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	venues_opts *o = ud;
	long v;

	switch (c) {
	case 'n':
		if ((v = bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, "venues", "--top takes a positive number, not '%s'", arg);
		o->top = (int)v;
		return 0;
	case 'v':
		o->venue = arg;
		return 0;
	case 's':
		o->spellings = 1;
		return 0;
	case 'F':
		if ((co->fmt = bs_format_parse(arg)) < 0)
			return bs_cli_usage_error(cli, "venues", "unknown format '%s'", arg);
		return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 0};

static const bs_cli_spec spec = {
	.cmd = "venues", .shortopts = "d:n:v:sF:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

static int run(bs_cli *cli, void *ud)
{
	venues_opts *o = ud;
	bs_table t;
	bs_error err;
	int rc;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if ((rc = bs_cli_check_venue(cli, cli->store, o->venue)))
		goto cleanup;
	if (bs_query_venues(cli->store, o->top, o->venue ? o->key.buf : NULL, o->spellings, &t, &err) ||
	    bs_table_write(&t, stdout, o->co.fmt, &err))
		rc = bs_cli_fail(cli, &err);
cleanup:
	bs_table_release(&t);
	return rc;
}

int cmd_venues(int argc, char **argv, bs_cli *cli)
{
	venues_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	bs_strbuf_init(&o.key);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		goto done;
	if (o.venue) {
		bs_venue_key(o.venue, strlen(o.venue), &o.key);
		if (!o.key.len) {
			rc = bs_cli_usage_error(cli, "venues", "--venue '%s' has no letter or digit", o.venue);
			goto done;
		}
	}
	rc = bs_cli_run(cli, run, &o);
done:
	bs_strbuf_release(&o.key);
	return rc;
}
