/* bibscope topics: the main terms of the corpus or of a slice of it. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "cli/cli_kwterms.h"
#include "store/lookup.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"

#include <string.h>

static const char usage_text[] =
	"usage: bibscope topics [--top N] [--years A-B] [--venue V] [--author NAME]\n"
	"                       [--community C] [--rank freq|tfidf|lift] [--kind all|words|phrases]\n"
	"                       [--no-fragments] [--stopwords FILE] [--synonyms FILE]\n"
	"                       [--terms-from words|author-keywords|indexed-keywords]\n"
	"                       [--min-count N] [--npmi X] [--force]\n"
	"                       [--format table|csv|json|tsv] [--no-formula-guard] [--db FILE]\n"
	"\n"
	"The terms (words, a plural counted as its singular, and detected phrases)\n"
	"found in most papers, or with\n"
	"--rank tfidf the most distinctive ones (papers x ln(N/df)), or with --rank lift\n"
	"those used most above their corpus share (papers x ln(share / corpus share)).\n"
	"--author and --community (of the default Leiden run) select those papers.\n"
	"--no-fragments leaves out a phrase inside a longer listed one whose papers\n"
	"mostly have it (\"deep neural\" beside \"deep neural networks\"), as the report\n"
	"does.  The keyword tables are built on first use and reused until the data or\n"
	"the options change.\n"
	"--terms-from author-keywords or indexed-keywords (Keywords Plus, MeSH) lists\n"
	"the papers' keywords instead, grouped case- and accent-insensitively and\n"
	"shown in their most frequent spelling; the stopwords and synonyms files apply.\n";

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"top", required_argument, NULL, OPT_TOP},
	{"venue", required_argument, NULL, OPT_VENUE},
	{"years", required_argument, NULL, OPT_YEARS},
	{"author", required_argument, NULL, 'a'},
	{"community", required_argument, NULL, 'c'},
	{"rank", required_argument, NULL, 'r'},
	{"kind", required_argument, NULL, 'k'},
	{"no-fragments", no_argument, NULL, 'n'},
	{"force", no_argument, NULL, OPT_FORCE},
	BS_OUTPUT_LONGOPTS,
	{"help", no_argument, NULL, 'h'},
	BS_TERMS_LONGOPTS,
	{"terms-from", required_argument, NULL, OPT_TERMS_FROM},
	{NULL, 0, NULL, 0}
};

typedef struct topics_opts {
	bs_cli_common co;
	bs_terms_opts terms;
	bs_topics_opts q;
	const char *author;
} topics_opts;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	topics_opts *o = ud;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_terms_option(cli, "topics", c, arg, &o->terms)) >= 0)
		return rc;
	switch (c) {
	case 'a':
		o->author = arg;
		return 0;
	case 'c':
		if ((o->q.community = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "topics", "bad --community '%s'", arg);
		return 0;
	case 'r':
		if (!strcmp(arg, "freq"))
			o->q.tfidf = 0;
		else if (!strcmp(arg, "tfidf"))
			o->q.tfidf = 1;
		else if (!strcmp(arg, "lift"))
			o->q.tfidf = 2;
		else
			return bs_cli_usage_error(cli, "topics", "--rank is freq, tfidf or lift, not '%s'", arg);
		return 0;
	case 'k':
		if (!strcmp(arg, "all"))
			o->q.kind = BS_TERMS_ALL;
		else if (!strcmp(arg, "words"))
			o->q.kind = BS_TERMS_WORDS;
		else if (!strcmp(arg, "phrases"))
			o->q.kind = BS_TERMS_PHRASES;
		else
			return bs_cli_usage_error(cli, "topics", "--kind is all, words or phrases, not '%s'", arg);
		return 0;
	case 'n':
		o->q.distinct = 1;
		return 0;
	case OPT_TERMS_FROM:
		return bs_cli_terms_from(cli, "topics", arg, 0, &o->terms.source);
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "topics", .shortopts = "h", .longopts = opts, .usage = usage_text, .option = option,
};

/* The default Leiden run into q->community_run, and whether it has
 * community q->community: one that does not exist is an error, not an
 * empty list. */
static int community_run(bs_store *s, bs_topics_opts *q, bs_error *err)
{
	bs_graph_opts go;
	bs_community_opts co;
	bs_analysis_info info;
	int exists = 0, rc;

	bs_graph_opts_init(&go);
	bs_community_opts_init(&co);
	if ((rc = bs_analyze_communities(s, &go, &co, 0, &q->community_run, &info, err)) ||
	    (rc = bs_lookup_community_exists(s, q->community_run, q->community, &exists, err)))
		return rc;
	if (!exists)
		return bs_error_set(err, BS_ERR_NOTFOUND, "no community %ld in the default Leiden run"
				    " (see 'bibscope communities')", q->community);
	return BS_OK;
}

static int run(bs_cli *cli, void *ud)
{
	topics_opts *o = ud;
	bs_store *s = cli->store;
	bs_error err;
	bs_table t;
	int rc;

	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	if ((rc = bs_cli_check_venue(cli, s, o->q.filter.venue)) ||
	    (rc = bs_cli_ensure_term_source(cli, s, &o->terms, o->co.force)) ||
	    (o->author && (rc = bs_cli_find_author(cli, s, o->author, "--author '#ID'", &o->q.author))))
		goto cleanup;
	if ((o->q.community >= 0 && community_run(s, &o->q, &err)) || bs_topics_query(s, &o->q, &t, &err) ||
	    bs_table_write(&t, stdout, o->co.fmt, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	if (t.nrows == 0 && o->co.fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: no terms for this selection\n", cli->prog);
	if (!o->author && o->q.community < 0)   /* a selection the filter says alone */
		bs_cli_keyword_coverage(cli, &o->terms, &o->q.filter);
	rc = BS_EXIT_OK;
cleanup:
	bs_table_release(&t);
	return rc;
}

int cmd_topics(int argc, char **argv, bs_cli *cli)
{
	topics_opts o;
	int rc;

	memset(&o, 0, sizeof o);
	o.co.fmt = BS_FMT_TABLE;
	o.co.top = 20;
	bs_terms_opts_init(&o.terms);
	bs_topics_opts_init(&o.q);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &o.co, &o)) != BS_CLI_PARSED)
		return rc;
	o.q.filter = o.co.filter;
	o.q.top = (int)o.co.top;
	return bs_cli_run(cli, run, &o);
}
