/* bibscope trends: shares of terms over the years, emerging and declining
 * terms, bursts. */
#include "cli/cli.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/trends.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope trends TERM... [--by-venue] [--years A-B]\n"
	"       bibscope trends --emerging|--declining [--years A-B] [--min-support N]\n"
	"                       [--rank keyness|growth] [--top N]\n"
	"       bibscope trends --bursts [--s S] [--gamma G] [--min-papers N] [--top N]\n"
	"       common: [--stopwords FILE] [--synonyms FILE] [--min-count N] [--npmi X]\n"
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
	"burst detection over yearly paper counts (--s 2, --gamma 1 by default).\n";

enum { OPT_BY_VENUE = 3000, OPT_EMERGING, OPT_DECLINING, OPT_BURSTS, OPT_S, OPT_GAMMA,
       OPT_MIN_SUPPORT, OPT_MIN_PAPERS, OPT_RANK };

int cmd_trends(int argc, char **argv, bs_cli *cli)
{
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
		{NULL, 0, NULL, 0}
	};
	bs_terms_opts to;
	bs_burst_opts bo;
	bs_filter f;
	bs_store *s = NULL;
	bs_error err;
	bs_table t, all;
	bs_cli_common co = {BS_FMT_TABLE, 0, 20, 0};
	int c, by_venue = 0, mode = 0, by_ratio = 0, rc = BS_EXIT_OK;
	long min_support = 20, n;
	double x;

	bs_terms_opts_init(&to);
	bs_burst_opts_init(&bo);
	memset(&f, 0, sizeof f);
	memset(&t, 0, sizeof t);
	memset(&all, 0, sizeof all);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if ((rc = bs_cli_common_option(cli, "trends", c, optarg, &co)) >= 0 ||
		    (rc = bs_cli_terms_option(cli, "trends", c, optarg, &to)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_YEARS:
			if (bs_filter_parse_years(&f, optarg, &err))
				return bs_cli_usage_error(cli, "trends", "%s", err.msg);
			break;
		case OPT_BY_VENUE: by_venue = 1; break;
		case OPT_EMERGING: mode = 1; break;
		case OPT_DECLINING: mode = 2; break;
		case OPT_BURSTS: mode = 3; break;
		case OPT_S:
			if ((x = bs_cli_parse_real(optarg)) <= 1)
				return bs_cli_usage_error(cli, "trends", "--s wants a number > 1");
			bo.s = x;
			break;
		case OPT_GAMMA:
			if ((x = bs_cli_parse_real(optarg)) < 0)
				return bs_cli_usage_error(cli, "trends", "--gamma wants a number >= 0");
			bo.gamma = x;
			break;
		case OPT_MIN_SUPPORT:
			if ((min_support = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "trends", "bad --min-support '%s'", optarg);
			break;
		case OPT_MIN_PAPERS:
			if ((n = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "trends", "bad --min-papers '%s'", optarg);
			bo.min_papers = n;
			break;
		case OPT_RANK:
			if (!strcmp(optarg, "keyness"))
				by_ratio = 0;
			else if (!strcmp(optarg, "growth"))
				by_ratio = 1;
			else
				return bs_cli_usage_error(cli, "trends", "--rank is keyness or growth, not '%s'", optarg);
			break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "trends", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (mode == 0 && optind >= argc)
		return bs_cli_usage_error(cli, "trends", "name a TERM, or use --emerging, --declining or --bursts");
	if (mode != 0 && optind < argc)
		return bs_cli_usage_error(cli, "trends", "TERM arguments do not go with --emerging/--declining/--bursts");
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	if ((rc = bs_cli_ensure_terms(cli, s, &to, co.force)))
		goto cleanup;
	if (mode == 1 || mode == 2) {
		rc = bs_trends_growth(s, &f, mode == 2, min_support, (int)co.top, by_ratio, &t, &err);
	} else if (mode == 3) {
		bo.top = (int)co.top;
		rc = bs_trends_bursts(s, &f, &bo, &t, &err);
	} else {
		for (int i = optind; i < argc && !rc; i++) {
			bs_strbuf key = BS_STRBUF_INIT;
			bs_table near;
			int64_t id = 0;
			bs_strbuf_init(&key);
			rc = bs_terms_key(&to, argv[i], &key, &err);
			if (!rc) {
				rc = bs_trends_find_term(s, key.buf, argv[i], &id, &near, &err);
				if (rc && near.nrows) {
					fprintf(stderr, "%s: %s; nearest known terms:\n", cli->prog, err.msg);
					bs_table_write(&near, stderr, BS_FMT_TABLE, &err);
					bs_error_set(&err, BS_ERR_NOTFOUND, "no such term: '%s'", argv[i]);
				}
				bs_table_release(&near);
			}
			if (!rc) {
				sqlite3_stmt *st;
				char *display = bs_xstrdup(argv[i]);
				if (sqlite3_prepare_v2(bs_store_db(s), "SELECT display FROM terms WHERE id = ?1", -1, &st,
						       NULL) == SQLITE_OK) {
					sqlite3_bind_int64(st, 1, id);
					if (sqlite3_step(st) == SQLITE_ROW) {
						free(display);
						display = bs_xstrdup((const char *)sqlite3_column_text(st, 0));
					}
					sqlite3_finalize(st);
				}
				rc = bs_trends_series(s, id, display, by_venue, &f, &t, &err);
				free(display);
				/* append to the combined table */
				if (!rc) {
					if (!all.ncols)
						bs_table_init(&all, t.ncols, (const char *const *)t.names, t.types);
					for (size_t r = 0; r < t.nrows; r++) {
						size_t row = bs_table_add_row(&all);
						for (size_t col = 0; col < t.ncols; col++)
							bs_table_set_text(&all, row, col, bs_table_get(&t, r, col));
					}
				}
				bs_table_release(&t);
			}
			bs_strbuf_release(&key);
		}
		if (!rc) {
			t = all;
			memset(&all, 0, sizeof all);
		}
	}
	if (rc) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	rc = bs_table_write(&t, stdout, co.fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	if (!rc && t.nrows == 0 && co.fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: nothing to show (too few papers or years?)\n", cli->prog);
	if (!rc && !cli->quiet) {
		/* shares mean little across years of unlike abstract coverage */
		bs_coverage cov;
		if (!bs_trends_abstract_coverage(s, &f, &cov, &err) && cov.uneven)
			fprintf(stderr, "%s: warning: abstracts cover %.0f%% of the papers of %d but %.0f%% of %d:"
				" the share of a word found in abstracts rises where abstracts begin;"
				" compare years of like coverage (--years)\n",
				cli->prog, 100 * cov.low, cov.low_year, 100 * cov.high, cov.high_year);
	}
cleanup:
	bs_table_release(&t);
	bs_table_release(&all);
	bs_store_close(s);
	return rc;
}
