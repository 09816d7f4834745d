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

int cmd_venues(int argc, char **argv, bs_cli *cli)
{
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
	bs_strbuf key = BS_STRBUF_INIT;
	const char *venue = NULL;
	bs_store *s = NULL;
	bs_table t;
	bs_error err;
	int c, fmt = BS_FMT_TABLE, top = 0, spellings = 0, rc = BS_EXIT_OK;
	long v;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:n:v:sF:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cli->db_path = optarg; break;
		case 'n':
			if ((v = bs_cli_parse_count(optarg)) < 1)
				return bs_cli_usage_error(cli, "venues", "--top takes a positive number, not '%s'", optarg);
			top = (int)v;
			break;
		case 'v': venue = optarg; break;
		case 's': spellings = 1; break;
		case 'F':
			fmt = bs_format_parse(optarg);
			if (fmt < 0)
				return bs_cli_usage_error(cli, "venues", "unknown format '%s'", optarg);
			break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		case OPT_NO_FORMULA_GUARD: bs_cli_common_option(cli, "venues", c, optarg, NULL); break;
		default:
			return bs_cli_usage_error(cli, "venues", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "venues", "unexpected argument '%s'", argv[optind]);
	bs_strbuf_init(&key);
	if (venue) {
		bs_venue_key(venue, strlen(venue), &key);
		if (!key.len) {
			bs_strbuf_release(&key);
			return bs_cli_usage_error(cli, "venues", "--venue '%s' has no letter or digit", venue);
		}
	}
	if ((rc = bs_cli_open_store(cli, &s, 1))) {
		bs_strbuf_release(&key);
		return rc;
	}
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if ((rc = bs_cli_check_venue(cli, s, venue)))
		goto cleanup;
	if (bs_query_venues(s, top, venue ? key.buf : NULL, spellings, &t, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	if (bs_table_write(&t, stdout, fmt, &err))
		rc = bs_cli_fail(cli, &err);
cleanup:
	bs_table_release(&t);
	bs_strbuf_release(&key);
	bs_store_close(s);
	return rc;
}
