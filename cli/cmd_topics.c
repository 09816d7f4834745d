/* bibscope topics: the main terms of the corpus or of a slice of it. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope topics [--top N] [--years A-B] [--venue V] [--author NAME]\n"
	"                       [--community C] [--rank freq|tfidf|lift] [--kind all|words|phrases]\n"
	"                       [--no-fragments] [--stopwords FILE] [--synonyms FILE]\n"
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
	"the options change.\n";

int cmd_topics(int argc, char **argv, bs_cli *cli)
{
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
		{NULL, 0, NULL, 0}
	};
	bs_terms_opts to;
	bs_topics_opts o;
	bs_store *s = NULL;
	bs_error err;
	bs_table t;
	const char *author = NULL;
	bs_cli_common co = {BS_FMT_TABLE, 0, 20, 0};
	int c, rc;

	bs_terms_opts_init(&to);
	bs_topics_opts_init(&o);
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = bs_cli_common_option(cli, "topics", c, optarg, &co)) >= 0 ||
		    (rc = bs_cli_terms_option(cli, "topics", c, optarg, &to)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_VENUE: o.filter.venue = optarg; break;
		case OPT_YEARS:
			if (bs_filter_parse_years(&o.filter, optarg, &err))
				return bs_cli_usage_error(cli, "topics", "%s", err.msg);
			break;
		case 'a': author = optarg; break;
		case 'c':
			if ((o.community = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "topics", "bad --community '%s'", optarg);
			break;
		case 'r':
			if (!strcmp(optarg, "freq"))
				o.tfidf = 0;
			else if (!strcmp(optarg, "tfidf"))
				o.tfidf = 1;
			else if (!strcmp(optarg, "lift"))
				o.tfidf = 2;
			else
				return bs_cli_usage_error(cli, "topics", "--rank is freq, tfidf or lift, not '%s'", optarg);
			break;
		case 'k':
			if (!strcmp(optarg, "all"))
				o.kind = BS_TERMS_ALL;
			else if (!strcmp(optarg, "words"))
				o.kind = BS_TERMS_WORDS;
			else if (!strcmp(optarg, "phrases"))
				o.kind = BS_TERMS_PHRASES;
			else
				return bs_cli_usage_error(cli, "topics", "--kind is all, words or phrases, not '%s'", optarg);
			break;
		case 'n': o.distinct = 1; break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "topics", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "topics", "unexpected argument '%s'", argv[optind]);
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	o.top = (int)co.top;
	if ((rc = bs_cli_check_venue(cli, s, o.filter.venue)))
		goto cleanup;
	if ((rc = bs_cli_ensure_terms(cli, s, &to, co.force)))
		goto cleanup;
	if (author && (rc = bs_cli_find_author(cli, s, author, "--author '#ID'", &o.author)))
		goto cleanup;
	if (o.community >= 0) {
		bs_graph_opts go;
		bs_community_opts co;
		bs_analysis_info info;
		bs_graph_opts_init(&go);
		bs_community_opts_init(&co);
		if (bs_analyze_communities(s, &go, &co, 0, &o.community_run, &info, &err)) {
			rc = bs_cli_fail(cli, &err);
			goto cleanup;
		}
		{
			/* a community that does not exist is an error, not an empty list */
			static const char *const ccols[] = {"communities"};
			static const bs_col_type ctypes[] = {BS_COL_INT};
			if (bs_query_table(s, "SELECT COUNT(*) FROM community_summary WHERE run_id = ?1"
					   " AND community = ?2", o.community_run, o.community, 1, ccols, ctypes, &t, &err)) {
				rc = bs_cli_fail(cli, &err);
				goto cleanup;
			}
			if (t.nrows != 1 || !strcmp(bs_table_get(&t, 0, 0), "0")) {
				bs_error_set(&err, BS_ERR_NOTFOUND, "no community %ld in the default Leiden run"
					     " (see 'bibscope communities')", o.community);
				rc = bs_cli_fail(cli, &err);
				goto cleanup;
			}
			bs_table_release(&t);
		}
	}
	if (bs_topics_query(s, &o, &t, &err) || bs_table_write(&t, stdout, co.fmt, &err)) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	if (t.nrows == 0 && co.fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: no terms for this selection\n", cli->prog);
	rc = BS_EXIT_OK;
cleanup:
	bs_table_release(&t);
	bs_store_close(s);
	return rc;
}
