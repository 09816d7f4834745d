/* bibscope themes: the thematic map of the corpus. */
#include "cli/cli.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope themes [--terms N] [--words] [--min-cooc N] [--max-share X] [--resolution R]\n"
	"                       [--seed S] [--top-terms K] [--stopwords FILE] [--synonyms FILE]\n"
	"                       [--force] [--format table|csv|json|tsv] [--no-formula-guard] [--db FILE]\n"
	"\n"
	"Cluster the co-occurrence network of the --terms most frequent phrases\n"
	"(default 250; --words adds single words; terms in more than --max-share of the\n"
	"papers, default 0.2, are left out)\n"
	"into themes with Leiden, weighting links by association strength.  For each\n"
	"theme: its terms, papers, Callon centrality and density, and its quadrant of\n"
	"the thematic map (motor, niche, emerging or declining, basic).\n";

enum { OPT_TERMS = 4000, OPT_MIN_COOC, OPT_MAX_SHARE, OPT_TOP_TERMS };

int cmd_themes(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"terms", required_argument, NULL, OPT_TERMS},
		{"min-cooc", required_argument, NULL, OPT_MIN_COOC},
		{"max-share", required_argument, NULL, OPT_MAX_SHARE},
		{"resolution", required_argument, NULL, OPT_RESOLUTION},
		{"seed", required_argument, NULL, OPT_SEED},
		{"top-terms", required_argument, NULL, OPT_TOP_TERMS},
		{"words", no_argument, NULL, 'w'},
		{"force", no_argument, NULL, OPT_FORCE},
		BS_OUTPUT_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		BS_TERMS_LONGOPTS,
		{NULL, 0, NULL, 0}
	};
	bs_terms_opts to;
	bs_theme_opts o;
	bs_store *s = NULL;
	bs_error err;
	bs_table t;
	bs_cli_common co = {BS_FMT_TABLE, 0, 0, 42};
	int c, rc;
	long n;
	double x;

	bs_terms_opts_init(&to);
	bs_theme_opts_init(&o);
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = bs_cli_common_option(cli, "themes", c, optarg, &co)) >= 0 ||
		    (rc = bs_cli_terms_option(cli, "themes", c, optarg, &to)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_TERMS:
			if ((n = bs_cli_parse_count(optarg)) < 4 || n > 5000)
				return bs_cli_usage_error(cli, "themes", "--terms wants 4 to 5000");
			o.n_terms = (int)n;
			break;
		case OPT_MIN_COOC:
			if ((n = bs_cli_parse_count(optarg)) < 1)
				return bs_cli_usage_error(cli, "themes", "--min-cooc wants a number >= 1");
			o.min_cooc = n;
			break;
		case OPT_MAX_SHARE:
			if ((x = bs_cli_parse_real(optarg)) <= 0 || x > 1)
				return bs_cli_usage_error(cli, "themes", "--max-share wants a number in (0, 1]");
			o.max_share = x;
			break;
		case OPT_RESOLUTION:
			if ((x = bs_cli_parse_real(optarg)) <= 0)
				return bs_cli_usage_error(cli, "themes", "--resolution wants a number > 0");
			o.resolution = x;
			break;
		case OPT_TOP_TERMS:
			if ((n = bs_cli_parse_count(optarg)) < 1)
				return bs_cli_usage_error(cli, "themes", "--top-terms wants a number >= 1");
			o.top_terms = (int)n;
			break;
		case 'w': o.words = 1; break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "themes", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "themes", "unexpected argument '%s'", argv[optind]);
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	if ((rc = bs_cli_ensure_terms(cli, s, &to, co.force)))
		goto cleanup;
	o.seed = co.seed;
	if (bs_themes_build(s, &o, &t, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	t.max_text_width = 90;
	rc = bs_table_write(&t, stdout, co.fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
cleanup:
	bs_table_release(&t);
	bs_store_close(s);
	return rc;
}
