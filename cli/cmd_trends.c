/* bibscope trends: shares of terms over the years, emerging and declining
 * terms, bursts. */
#include "cli/cli.h"
#include "cli/cli_kwterms.h"
#include "store/lookup.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/trends.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope trends TERM... [--by-venue] [--years A-B]\n"
	"       bibscope trends --emerging|--declining [--years A-B] [--min-support N]\n"
	"                       [--rank keyness|growth] [--top N]\n"
	"       bibscope trends --bursts [--s S] [--gamma G] [--min-papers N] [--top N]\n"
	"       common: [--terms-from words|author-keywords|indexed-keywords]\n"
	"               [--stopwords FILE] [--synonyms FILE] [--min-count N] [--npmi X]\n"
	"               [--force] [--format table|csv|json|tsv] [--no-formula-guard] [--db FILE]\n"
	"\n"
	"Per-year share of papers containing each TERM (a word or phrase, each word\n"
	"with its plural: \"diffusion models\" = \"diffusion model\", but \"transform\"\n"
	"is not \"transformer\").\n"
	"--emerging/--declining compare the first and last year of the window, among\n"
	"terms with at least --min-support (default 20) papers in the deciding year:\n"
	"growth is the log-ratio of the smoothed shares, G2 the log-likelihood ratio\n"
	"of the counts; terms are ranked by G2 (keyness: change weighed by evidence),\n"
	"or by growth alone with --rank growth.  --bursts runs Kleinberg's two-state\n"
	"burst detection over yearly paper counts (--s 2, --gamma 1 by default).\n"
	"--terms-from author-keywords or indexed-keywords follows the papers' keywords\n"
	"instead (a TERM is then a keyword, matched case- and accent-insensitively).\n";

enum { OPT_BY_VENUE = 3000, OPT_EMERGING, OPT_DECLINING, OPT_BURSTS, OPT_S, OPT_GAMMA,
       OPT_MIN_SUPPORT, OPT_MIN_PAPERS, OPT_RANK };

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"top", required_argument, NULL, OPT_TOP},
	{"years", required_argument, NULL, OPT_YEARS},
	{"by-venue", no_argument, NULL, OPT_BY_VENUE},
	{"emerging", no_argument, NULL, OPT_EMERGING},
	{"declining", no_argument, NULL, OPT_DECLINING},
	{"bursts", no_argument, NULL, OPT_BURSTS},
	{"s", required_argument, NULL, OPT_S},
	{"gamma", required_argument, NULL, OPT_GAMMA},
	{"min-support", required_argument, NULL, OPT_MIN_SUPPORT},
	{"min-papers", required_argument, NULL, OPT_MIN_PAPERS},
	{"rank", required_argument, NULL, OPT_RANK},
	{"force", no_argument, NULL, OPT_FORCE},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	BS_TERMS_LONGOPTS,
	{"terms-from", required_argument, NULL, OPT_TERMS_FROM},
	{NULL, 0, NULL, 0}
};

enum { MODE_TERMS, MODE_EMERGING, MODE_DECLINING, MODE_BURSTS };

typedef struct trends_opts {
	bs_cli_common co;
	bs_terms_opts terms;
	bs_burst_opts bursts;
	int by_venue, mode, by_ratio;
	long min_support;
} trends_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	trends_opts *o = ud;
	double x;
	long n;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_terms_option(cli, "trends", c, arg, &o->terms)) >= 0)
		return rc;
	switch (c) {
	case OPT_BY_VENUE: o->by_venue = 1; return 0;
	case OPT_EMERGING: o->mode = MODE_EMERGING; return 0;
	case OPT_DECLINING: o->mode = MODE_DECLINING; return 0;
	case OPT_BURSTS: o->mode = MODE_BURSTS; return 0;
	case OPT_S:
		if ((x = bs_cli_parse_real(arg)) <= 1)
			return bs_cli_usage_error(cli, "trends", "--s wants a number > 1");
		o->bursts.s = x;
		return 0;
	case OPT_GAMMA:
		if ((x = bs_cli_parse_real(arg)) < 0)
			return bs_cli_usage_error(cli, "trends", "--gamma wants a number >= 0");
		o->bursts.gamma = x;
		return 0;
	case OPT_MIN_SUPPORT:
		if ((o->min_support = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "trends", "bad --min-support '%s'", arg);
		return 0;
	case OPT_MIN_PAPERS:
		if ((n = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "trends", "bad --min-papers '%s'", arg);
		o->bursts.min_papers = n;
		return 0;
	case OPT_RANK:
		if (!strcmp(arg, "keyness"))
			o->by_ratio = 0;
		else if (!strcmp(arg, "growth"))
			o->by_ratio = 1;
		else
			return bs_cli_usage_error(cli, "trends", "--rank is keyness or growth, not '%s'", arg);
		return 0;
	case OPT_TERMS_FROM:
		return bs_cli_terms_from(cli, "trends", arg, 0, &o->terms.source);
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "trends", .shortopts = "h", .longopts = opts, .usage = usage_text, .operands = 1,
	.option = option,
};

/* Append the rows of t to all (made with t's columns when empty). */
static void append_rows(bs_table *all, const bs_table *t)
{
	if (!all->ncols)
		bs_table_init(all, t->ncols, (const char *const *)t->names, t->types);
	for (size_t r = 0; r < t->nrows; r++) {
		size_t row = bs_table_add_row(all);
		for (size_t col = 0; col < t->ncols; col++)
			bs_table_set_text(all, row, col, bs_table_get(t, r, col));
	}
}

/* One TERM's yearly shares, appended to all; an unknown term lists the
 * nearest known ones on stderr. */
static int term_series(bs_cli *cli, const trends_opts *o, const char *term, bs_table *all, bs_error *err)
{
	bs_strbuf key = BS_STRBUF_INIT, display = BS_STRBUF_INIT;
	bs_table near, t;
	int64_t id = 0;
	int found = 0, rc;

	memset(&t, 0, sizeof t);
	memset(&near, 0, sizeof near);
	bs_strbuf_init(&key);
	bs_strbuf_init(&display);
	if ((rc = bs_terms_key(&o->terms, term, &key, err)))
		goto done;
	rc = bs_trends_find_term(cli->store, key.buf, term, &id, &near, err);
	if (rc && near.nrows) {
		fprintf(stderr, "%s: %s; nearest known terms:\n", cli->prog, err->msg);
		/* the list is a hint: the error below is what matters */
		(void)bs_table_write(&near, stderr, BS_FMT_TABLE, err);
		bs_error_set(err, BS_ERR_NOTFOUND, "no such term: '%s'", term);
	}
	if (rc || (rc = bs_lookup_term_display(cli->store, id, &display, &found, err)))
		goto done;
	if (!found)
		bs_strbuf_adds(&display, term);
	if (!(rc = bs_trends_series(cli->store, id, display.buf, o->by_venue, &o->co.filter, &t, err)))
		append_rows(all, &t);
done:
	bs_table_release(&t);
	bs_table_release(&near);
	bs_strbuf_release(&key);
	bs_strbuf_release(&display);
	return rc;
}

/* shares mean little across years of unlike abstract coverage */
static void coverage_warning(bs_cli *cli, const bs_filter *f)
{
	bs_coverage cov;
	bs_error err;

	bs_error_clear(&err);
	/* the warning is a hint: without the coverage there is none */
	if (!bs_trends_abstract_coverage(cli->store, f, &cov, &err) && cov.uneven)
		fprintf(stderr, "%s: warning: abstracts cover %.0f%% of the papers of %d but %.0f%% of %d:"
			" the share of a word found in abstracts rises where abstracts begin;"
			" compare years of like coverage (--years)\n",
			cli->prog, 100 * cov.low, cov.low_year, 100 * cov.high, cov.high_year);
}

static int run(bs_cli *cli, void *ud)
{
	trends_opts *o = ud;
	const bs_filter *f = &o->co.filter;
	bs_error err;
	bs_table t;
	int rc;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if ((rc = bs_cli_ensure_term_source(cli, cli->store, &o->terms, o->co.force)))
		goto cleanup;
	if (o->mode == MODE_EMERGING || o->mode == MODE_DECLINING) {
		rc = bs_trends_growth(cli->store, f, o->mode == MODE_DECLINING, o->min_support, (int)o->co.top,
				      o->by_ratio, &t, &err);
	} else if (o->mode == MODE_BURSTS) {
		o->bursts.top = (int)o->co.top;
		rc = bs_trends_bursts(cli->store, f, &o->bursts, &t, &err);
	} else {
		for (int i = 0; i < o->co.argc && !rc; i++)
			rc = term_series(cli, o, o->co.argv[i], &t, &err);
	}
	if (rc || bs_table_write(&t, stdout, o->co.fmt, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	if (t.nrows == 0 && o->co.fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: nothing to show (too few papers or years?)\n", cli->prog);
	if (!cli->quiet && o->terms.source == BS_TERMS_FROM_WORDS)   /* keywords are no abstracts */
		coverage_warning(cli, f);
	bs_cli_keyword_coverage(cli, &o->terms, f);
	rc = BS_EXIT_OK;
cleanup:
	bs_table_release(&t);
	return rc;
}

int cmd_trends(int argc, char **argv, bs_cli *cli)
{
	trends_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 20;
	o.min_support = 20;
	bs_terms_opts_init(&o.terms);
	bs_burst_opts_init(&o.bursts);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	if (o.mode == MODE_TERMS && o.co.argc == 0)
		return bs_cli_usage_error(cli, "trends", "name a TERM, or use --emerging, --declining or --bursts");
	if (o.mode != MODE_TERMS && o.co.argc > 0)
		return bs_cli_usage_error(cli, "trends", "TERM arguments do not go with --emerging/--declining/--bursts");
	return bs_cli_run(cli, run, &o);
}
