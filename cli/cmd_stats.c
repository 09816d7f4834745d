/* bibscope stats [--venue V] [--years A-B] [--db FILE] [--format table|csv|json|tsv] [--summary] */
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope stats [--venue V] [--years A-B] [--db FILE]\n"
	"                      [--format table|csv|json|tsv] [--summary] [--no-formula-guard]\n"
	"\n"
	"Corpus summary (papers, authors, authorships, venues, years) and the\n"
	"number of papers per venue and year; with --venue and --years, of the\n"
	"papers they select (the selection a report of the same options shows).\n"
	"A CSV or TSV output is one table: the venue-year table (venue,year,papers),\n"
	"or with --summary the summary as measure,value rows.\n";

int cmd_stats(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"format", required_argument, NULL, 'F'},
		{"venue", required_argument, NULL, OPT_VENUE},
		{"years", required_argument, NULL, OPT_YEARS},
		{"summary", no_argument, NULL, 's'},
		BS_OUTPUT_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	bs_table sum, vy;
	bs_filter f;
	bs_store *s = NULL;
	bs_error err;
	int c, fmt = BS_FMT_TABLE, summary = 0, rc = BS_EXIT_OK;

	memset(&f, 0, sizeof f);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:F:sh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cli->db_path = optarg; break;
		case 'F':
			fmt = bs_format_parse(optarg);
			if (fmt < 0)
				return bs_cli_usage_error(cli, "stats", "unknown format '%s'", optarg);
			break;
		case OPT_VENUE: f.venue = optarg; break;
		case OPT_YEARS:
			if (bs_filter_parse_years(&f, optarg, &err))
				return bs_cli_usage_error(cli, "stats", "%s", err.msg);
			break;
		case 's': summary = 1; break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		case OPT_NO_FORMULA_GUARD: bs_cli_common_option(cli, "stats", c, optarg, NULL); break;
		default:
			return bs_cli_usage_error(cli, "stats", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "stats", "unexpected argument '%s'", argv[optind]);
	if ((rc = bs_cli_open_store(cli, &s, 1)))
		return rc;
	memset(&sum, 0, sizeof sum);
	memset(&vy, 0, sizeof vy);
	bs_error_clear(&err);
	if (bs_query_summary(s, &f, &sum, &err) ||
	    bs_query_venue_years(s, &f, fmt == BS_FMT_TABLE ? "(no venue)" : "", &vy, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	if (summary) {
		/* the summary alone, as a table of its own: one header, two
		 * columns, which every CSV reader takes */
		rc = bs_table_write(&sum, stdout, fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	} else if (fmt == BS_FMT_JSON) {
		/* one object: {"summary": {...}, "venue_years": [...]} */
		printf("{\n  \"summary\": {");
		for (size_t r = 0; r < sum.nrows; r++) {
			const char *k = bs_table_get(&sum, r, 0), *v = bs_table_get(&sum, r, 1);
			int numeric = v && *v && strspn(v, "0123456789") == strlen(v);
			printf("%s\n    \"%s\": %s%s%s", r ? "," : "", k, numeric ? "" : "\"", v ? v : "",
			       numeric ? "" : "\"");
		}
		printf("\n  },\n  \"venue_years\": ");
		fflush(stdout);
		if (bs_table_write(&vy, stdout, BS_FMT_JSON, &err)) {
			rc = bs_cli_fail(cli, &err);
			goto cleanup;
		}
		printf("}\n");
	} else if (fmt == BS_FMT_TABLE) {
		bs_table_write(&sum, stdout, BS_FMT_TABLE, &err);
		printf("\n");
		bs_table_write(&vy, stdout, BS_FMT_TABLE, &err);
	} else {
		rc = bs_table_write(&vy, stdout, fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	}
cleanup:
	bs_table_release(&sum);
	bs_table_release(&vy);
	bs_store_close(s);
	return rc;
}
