/* bibscope themes: the thematic map of the corpus. */
#include "cli/cli.h"
#include "cli/cli_kwterms.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"

#include <string.h>

static const char usage_text[] =
	"usage: bibscope themes [--terms N] [--words] [--min-cooc N] [--max-share X] [--resolution R]\n"
	"                       [--seed S] [--top-terms K] [--stopwords FILE] [--synonyms FILE]\n"
	"                       [--terms-from words|author-keywords|indexed-keywords]\n"
	"                       [--force] [--format table|csv|json|tsv] [--no-formula-guard] [--db FILE]\n"
	"\n"
	"Cluster the co-occurrence network of the --terms most frequent phrases\n"
	"(default 250; --words adds single words; terms in more than --max-share of the\n"
	"papers, default 0.2, are left out)\n"
	"into themes with Leiden, weighting links by association strength.  For each\n"
	"theme: its terms, papers, Callon centrality and density, and its quadrant of\n"
	"the thematic map (motor, niche, emerging or declining, basic).\n"
	"--terms-from author-keywords or indexed-keywords maps the papers' keywords\n"
	"instead (one-word keywords included), as bibliometrix's thematic map does.\n";

enum { OPT_TERMS = 4000, OPT_MIN_COOC, OPT_MAX_SHARE, OPT_TOP_TERMS };

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
	{"terms-from", required_argument, NULL, OPT_TERMS_FROM},
	{NULL, 0, NULL, 0}
};

typedef struct themes_opts {
	bs_cli_common co;
	bs_terms_opts terms;
	bs_theme_opts map;
} themes_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	themes_opts *o = ud;
	double x;
	long n;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_terms_option(cli, "themes", c, arg, &o->terms)) >= 0)
		return rc;
	switch (c) {
	case OPT_TERMS:
		if ((n = bs_cli_parse_count(arg)) < 4 || n > 5000)
			return bs_cli_usage_error(cli, "themes", "--terms wants 4 to 5000");
		o->map.n_terms = (int)n;
		return 0;
	case OPT_MIN_COOC:
		if ((n = bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, "themes", "--min-cooc wants a number >= 1");
		o->map.min_cooc = n;
		return 0;
	case OPT_MAX_SHARE:
		if ((x = bs_cli_parse_real(arg)) <= 0 || x > 1)
			return bs_cli_usage_error(cli, "themes", "--max-share wants a number in (0, 1]");
		o->map.max_share = x;
		return 0;
	case OPT_RESOLUTION:
		if ((x = bs_cli_parse_real(arg)) <= 0)
			return bs_cli_usage_error(cli, "themes", "--resolution wants a number > 0");
		o->map.resolution = x;
		return 0;
	case OPT_TOP_TERMS:
		if ((n = bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, "themes", "--top-terms wants a number >= 1");
		o->map.top_terms = (int)n;
		return 0;
	case 'w':
		o->map.words = 1;
		return 0;
	case OPT_TERMS_FROM:
		return bs_cli_terms_from(cli, "themes", arg, 0, &o->terms.source);
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "themes", .shortopts = "h", .longopts = opts, .usage = usage_text, .option = option,
};

static int run(bs_cli *cli, void *ud)
{
	themes_opts *o = ud;
	bs_error err;
	bs_table t;
	int rc;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if ((rc = bs_cli_ensure_term_source(cli, cli->store, &o->terms, o->co.force)))
		goto cleanup;
	if (bs_themes_build(cli->store, &o->map, &t, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	t.max_text_width = 90;
	rc = bs_table_write(&t, stdout, o->co.fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
cleanup:
	bs_table_release(&t);
	return rc;
}

int cmd_themes(int argc, char **argv, bs_cli *cli)
{
	themes_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.seed = 42;
	bs_terms_opts_init(&o.terms);
	bs_theme_opts_init(&o.map);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	o.map.seed = o.co.seed;
	o.map.source = (int)o.terms.source;
	if (o.terms.source != BS_TERMS_FROM_WORDS)
		o.map.words = 1;   /* a one-word keyword is as much a keyword */
	return bs_cli_run(cli, run, &o);
}
