/* bibscope authors [--top N] [--count full|fractional] [--venue V]
 *                  [--years A-B] [--format table|csv|json] [--db FILE] */
#include "analysis/analyze.h"
#include "analysis/graph/homonyms.h"
#include "cli/cli.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope authors [--top N] [--count full|fractional] [--by METRIC] [--venue V]\n"
	"                        [--years A-B] [--format table|csv|json|tsv] [--no-formula-guard]\n"
	"                        [--db FILE]\n"
	"\n"
	"Rank authors by number of papers.  --count fractional gives each paper 1/n\n"
	"to each of its n authors.  Ties are broken by name.\n"
	"\n"
	"  --top N        show N authors (default 20, 0 = all)\n"
	"  --by METRIC    papers, fractional, degree, strength, pagerank, betweenness,\n"
	"                 harmonic, eigenvector or coreness (graph metrics come from the\n"
	"                 stored default 'bibscope graph' run, computed when missing)\n"
	"  --ambiguous    flag names whose co-authors fall into separate groups that\n"
	"                 never co-author (possibly several people sharing a name)\n"
	"  --venue V      only papers of venue V (case-insensitive: nips, CVPR, ...)\n"
	"  --years A-B    only papers from years A to B (2022, 2021-2023, 2022-, -2022)\n";

/* author_metrics columns (fixed names, never user input) */
static const char *const graph_metrics[] = {
	"degree", "strength", "pagerank", "betweenness", "harmonic", "eigenvector", "coreness", NULL
};

static int by_metric(bs_cli *cli, bs_store *s, const bs_filter *f, const char *metric, long top,
		     int fmt)
{
	static const char *const cols[] = {"rank", "author", "papers", "value"};
	bs_col_type types[] = {BS_COL_INT, BS_COL_TEXT, BS_COL_INT, BS_COL_REAL};
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_analysis_info info;
	bs_strbuf sql = BS_STRBUF_INIT;
	bs_table t;
	bs_error err;
	int64_t run = 0;
	const char *names[4];
	int rc;

	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_metrics_opts_init(&mo);
	bs_error_clear(&err);
	if (bs_analyze_graph(s, &go, &mo, 0, &run, &info, &err))
		return bs_cli_fail(cli, &err);
	if (info.computed && !cli->quiet)
		fprintf(stderr, "%s: computed co-authorship metrics in %.2f s (stored as run %lld)\n",
			cli->prog, info.seconds, (long long)run);
	memcpy(names, cols, sizeof names);
	names[3] = metric;
	if (!strcmp(metric, "degree") || !strcmp(metric, "coreness"))
		types[3] = BS_COL_INT;
	bs_strbuf_init(&sql);
	bs_strbuf_addf(&sql, "SELECT ROW_NUMBER() OVER (ORDER BY m.%s DESC, a.name, a.id), a.name, m.papers, m.%s"
		       " FROM author_metrics m JOIN authors a ON a.id = m.author_id WHERE m.run_id = ?1"
		       " ORDER BY m.%s DESC, a.name, a.id LIMIT ?2", metric, metric, metric);
	rc = bs_query_table(s, sql.buf, run, top > 0 ? top : -1, 4, names, types, &t, &err);
	bs_strbuf_release(&sql);
	if (!rc && fmt == BS_FMT_TABLE && !cli->quiet && info.approximate &&
	    (!strcmp(metric, "betweenness") || !strcmp(metric, "harmonic")))
		fprintf(stderr, "%s: %s is sampled, k=%ld sources (graph --exact computes it exactly)\n", cli->prog, metric, info.k);
	if (!rc)
		rc = bs_table_write(&t, stdout, fmt, &err);
	bs_table_release(&t);
	return rc ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
}

int cmd_authors(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"top", required_argument, NULL, 'n'},
		{"count", required_argument, NULL, 'c'},
		{"by", required_argument, NULL, 'b'},
		{"ambiguous", no_argument, NULL, 'a'},
		{"venue", required_argument, NULL, 'V'},
		{"years", required_argument, NULL, 'y'},
		{"format", required_argument, NULL, 'F'},
		BS_OUTPUT_LONGOPTS,
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	bs_filter f;
	bs_table t;
	bs_store *s = NULL;
	bs_error err;
	int c, fmt = BS_FMT_TABLE, fractional = 0, rc;
	long top = 20;
	const char *by = NULL;
	int ambiguous = 0;

	memset(&f, 0, sizeof f);
	memset(&t, 0, sizeof t);
	bs_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:n:c:b:aV:y:F:h", opts, NULL)) != -1) {
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
		case 'b':
			if (!strcmp(optarg, "papers")) {
				fractional = 0;
				break;
			}
			if (!strcmp(optarg, "fractional")) {
				fractional = 1;
				break;
			}
			for (size_t i = 0; graph_metrics[i]; i++)
				if (!strcmp(optarg, graph_metrics[i]))
					by = graph_metrics[i];
			if (!by)
				return bs_cli_usage_error(cli, "authors", "unknown --by metric '%s'", optarg);
			break;
		case 'a': ambiguous = 1; break;
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
		case OPT_NO_FORMULA_GUARD: bs_cli_common_option(cli, "authors", c, optarg, NULL); break;
		default:
			return bs_cli_usage_error(cli, "authors", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "authors", "unexpected argument '%s'", argv[optind]);
	if (ambiguous) {
		bs_graph_opts go;
		bs_coauthor_graph g;
		bs_homonym_opts ho;
		bs_error_clear(&err);
		if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST | BS_STORE_READONLY, &err))
			return bs_cli_fail(cli, &err);
		if ((rc = bs_cli_check_venue(cli, s, f.venue))) {
			bs_store_close(s);
			return rc;
		}
		bs_graph_opts_init(&go);
		go.filter = f;
		bs_homonym_opts_init(&ho);
		ho.top = (int)top;
		rc = bs_graph_build(s, &go, &g, &err);
		if (!rc)
			rc = bs_homonym_hints(&g, &ho, &t, &err);
		if (!rc) {
			t.max_text_width = 100;
			if (fmt == BS_FMT_TABLE && !cli->quiet)
				fprintf(stderr, "%s: names whose co-authors split into parts (>= %d co-authors each)"
					" that never co-author: possibly several people; a hint, nothing is merged"
					" or split\n", cli->prog, ho.min_part);
			rc = bs_table_write(&t, stdout, fmt, &err);
		}
		bs_table_release(&t);
		bs_graph_release(&g);
		bs_store_close(s);
		return rc ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
	}
	if (by) {
		bs_error_clear(&err);
		if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
			return bs_cli_fail(cli, &err);
		rc = bs_cli_check_venue(cli, s, f.venue);
		if (!rc)
			rc = by_metric(cli, s, &f, by, top, fmt);
		bs_store_close(s);
		return rc;
	}
	if ((rc = bs_cli_open_store(cli, &s, 1)))
		return rc;
	if ((rc = bs_cli_check_venue(cli, s, f.venue)))
		;
	else if (bs_query_top_authors(s, &f, fractional, (int)top, &t, &err) ||
	    bs_table_write(&t, stdout, fmt, &err))
		rc = bs_cli_fail(cli, &err);
	else if (t.nrows == 0 && fmt == BS_FMT_TABLE)
		fprintf(stderr, "%s: no authors match (is the database empty, or the filter too narrow?)\n",
			cli->prog);
	bs_table_release(&t);
	bs_store_close(s);
	return rc;
}
