/* bibscope stats [--venue V] [--years A-B] [--db FILE] [--format table|csv|json|tsv] [--summary] */
#include "cli/cli.h"
#include "store/maininfo.h"

#include <jansson.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope stats [--venue V] [--years A-B] [--db FILE]\n"
	"                      [--format table|csv|json|tsv] [--summary] [--no-formula-guard]\n"
	"\n"
	"Corpus summary (papers, authors, authorships, venues, years), the main\n"
	"information (sources, document types, growth, age, citations,\n"
	"co-authorship, keywords, references; '-' where the data lack a field)\n"
	"and the number of papers per venue and year; with --venue and --years,\n"
	"of the papers they select (the selection a report of the same options\n"
	"shows).  A CSV or TSV output is one table: the venue-year table\n"
	"(venue,year,papers), or with --summary the summary as measure,value rows.\n"
	"Ages count from the year of SOURCE_DATE_EPOCH when it is set.\n";

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

typedef struct stats_opts {
	bs_cli_common co;
	int summary;
} stats_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	stats_opts *o = ud;

	switch (c) {
	case 'F':
		if ((co->fmt = bs_format_parse(arg)) < 0)
			return bs_cli_usage_error(cli, "stats", "unknown format '%s'", arg);
		return 0;
	case 's':
		o->summary = 1;
		return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 0};

static const bs_cli_spec spec = {
	.cmd = "stats", .shortopts = "d:F:sh", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

/* {"summary": {...}, "main": {...}, "venue_years": [...]}; the summary
 * holds the rows of bs_query_summary alone (its keys unchanged), the
 * main information is its own object with null where a field is missing */
static int write_json(bs_cli *cli, const bs_table *sum, size_t nsum, const bs_maininfo *mi, const bs_table *vy)
{
	bs_error err;
	json_t *main_obj = bs_maininfo_json(mi);
	char *main_text = json_dumps(main_obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));

	printf("{\n  \"summary\": {");
	for (size_t r = 0; r < nsum; r++) {
		const char *k = bs_table_get(sum, r, 0), *v = bs_table_get(sum, r, 1);
		int numeric = v && *v && strspn(v, "0123456789") == strlen(v);
		printf("%s\n    \"%s\": %s%s%s", r ? "," : "", k, numeric ? "" : "\"", v ? v : "",
		       numeric ? "" : "\"");
	}
	/* the main object indented under its key, as the summary is */
	printf("\n  },\n  \"main\": ");
	for (const char *c = main_text ? main_text : "null"; *c; c++)
		fputs(*c == '\n' ? "\n  " : (char[2]){*c, 0}, stdout);
	printf(",\n  \"venue_years\": ");
	free(main_text);
	json_decref(main_obj);
	fflush(stdout);
	bs_error_clear(&err);
	if (bs_table_write(vy, stdout, BS_FMT_JSON, &err))
		return bs_cli_fail(cli, &err);
	printf("}\n");
	return BS_EXIT_OK;
}

static int run(bs_cli *cli, void *ud)
{
	stats_opts *o = ud;
	bs_table sum, vy, mt;
	bs_maininfo mi;
	bs_error err;
	int fmt = o->co.fmt, rc = BS_EXIT_OK;
	size_t nsum = 0;

	memset(&sum, 0, sizeof sum);
	memset(&vy, 0, sizeof vy);
	memset(&mt, 0, sizeof mt);
	memset(&mi, 0, sizeof mi);
	bs_error_clear(&err);
	if (bs_query_summary(cli->store, &o->co.filter, &sum, &err) ||
	    bs_maininfo_query(cli->store, &o->co.filter, 0, &mi, &err) ||
	    bs_query_venue_years(cli->store, &o->co.filter, fmt == BS_FMT_TABLE ? "(no venue)" : "", &vy, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	/* the main information after the summary's own lines, which keep
	 * their order; the measures the summary has already are left out */
	nsum = sum.nrows;
	bs_maininfo_table(&mi, 1, fmt == BS_FMT_TABLE ? "-" : NULL, &mt);
	for (size_t r = 0; r < mt.nrows; r++) {
		size_t row = bs_table_add_row(&sum);
		bs_table_set_text(&sum, row, 0, bs_table_get(&mt, r, 0));
		bs_table_set_text(&sum, row, 1, bs_table_get(&mt, r, 1));
	}
	if (o->summary) {
		/* the summary alone, as a table of its own: one header, two
		 * columns, which every CSV reader takes */
		rc = bs_table_write(&sum, stdout, fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	} else if (fmt == BS_FMT_JSON) {
		rc = write_json(cli, &sum, nsum, &mi, &vy);
	} else if (fmt == BS_FMT_TABLE) {
		rc = bs_table_write(&sum, stdout, BS_FMT_TABLE, &err);
		if (!rc) {
			printf("\n");
			rc = bs_table_write(&vy, stdout, BS_FMT_TABLE, &err);
		}
		rc = rc ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	} else {
		rc = bs_table_write(&vy, stdout, fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	}
cleanup:
	bs_table_release(&sum);
	bs_table_release(&vy);
	bs_table_release(&mt);
	bs_maininfo_release(&mi);
	return rc;
}

int cmd_stats(int argc, char **argv, bs_cli *cli)
{
	stats_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	return bs_cli_run(cli, run, &o);
}
