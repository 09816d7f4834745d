/* bibscope authors [--top N] [--count full|fractional] [--venue V]
 *                  [--years A-B] [--format table|csv|json] [--db FILE] */
#include "cli.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope authors [--top N] [--count full|fractional] [--venue V]\n"
	"                        [--years A-B] [--format table|csv|json|tsv] [--db FILE]\n"
	"\n"
	"Rank authors by number of papers.  --count fractional gives each paper 1/n\n"
	"to each of its n authors.  Ties are broken by name.\n"
	"\n"
	"  --top N        show N authors (default 20, 0 = all)\n"
	"  --venue V      only papers of venue V (case-insensitive: nips, CVPR, ...)\n"
	"  --years A-B    only papers from years A to B (2022, 2021-2023, 2022-, -2022)\n";

int cmd_authors(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"top", required_argument, NULL, 'n'},
		{"count", required_argument, NULL, 'c'},
		{"venue", required_argument, NULL, 'V'},
		{"years", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'F'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	bs_filter f;
	bs_table t;
	bs_store *s = NULL;
	bs_error err;
	int c, fmt = BS_FMT_TABLE, fractional = 0, rc;
	long top = 20;

	memset(&f, 0, sizeof f);
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:n:c:V:y:F:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cli->db_path = optarg; break;
		case 'n':
			top = bs_cli_parse_count(optarg);
			if (top < 0)
				return bs_cli_usage_error(cli, "authors", "--top wants a number >= 0, not '%s'", optarg);
			break;
		case 'c':
			if (!strcmp(optarg, "full"))
				fractional = 0;
			else if (!strcmp(optarg, "fractional"))
				fractional = 1;
			else
				return bs_cli_usage_error(cli, "authors", "--count is full or fractional, not '%s'", optarg);
			break;
		case 'V': f.venue = optarg; break;
		case 'y':
			if (bs_filter_parse_years(&f, optarg, &err))
				return bs_cli_usage_error(cli, "authors", "%s", err.msg);
			break;
		case 'F':
			fmt = bs_format_parse(optarg);
			if (fmt < 0)
				return bs_cli_usage_error(cli, "authors", "unknown format '%s'", optarg);
			break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "authors", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "authors", "unexpected argument '%s'", argv[optind]);
	if ((rc = bs_cli_open_store(cli, &s, 1)))
		return rc;
	if (bs_query_top_authors(s, &f, fractional, (int)top, &t, &err) ||
	    bs_table_write(&t, stdout, fmt, &err))
		rc = bs_cli_fail(cli, &err);
	else if (t.nrows == 0 && fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: no authors match (is the database empty, or the filter too narrow?)\n",
			cli->prog);
	bs_table_release(&t);
	bs_store_close(s);
	return rc;
}
