/* bibscope export graph|countries: write the co-authorship network, the
 * keyword co-occurrence network or the country collaboration network,
 * for Gephi, VOSviewer, Pajek, networkx or a spreadsheet. */
#include "cli/cli.h"
#include "cli/cli_kwterms.h"
#include "reports/export.h"
#include "reports/export_countries.h"
#include "reports/export_mentions.h"
#include "base/outfile.h"

#include <string.h>

static const char usage_text[] =
	"usage: bibscope export graph --format graphml|gexf|pajek|csv|vosviewer -o FILE|-\n"
	"                            [--min-papers N] [--top N] [--community C]\n"
	"                            [--ego NAME [--depth D]] [--weight count|fractional]\n"
	"                            [--max-authors N] [--venue V] [--years A-B] [--db FILE]\n"
	"                            [--no-formula-guard]\n"
	"       bibscope export graph --network keywords --format ... -o FILE|-\n"
	"                            [--terms-from author-keywords|indexed-keywords]\n"
	"                            [--min-occurrences N] [--top N] [--stopwords FILE]\n"
	"                            [--synonyms FILE] [--venue V] [--years A-B] [--db FILE]\n"
	"\n"
	"Write the co-authorship network with per-author attributes (name, papers,\n"
	"fractional papers, community of the default Leiden run, and the metrics of the\n"
	"default graph run) and edge weights (weight, joint papers).\n"
	"  csv        FILE is the edge list, FILE-nodes.csv the author table\n"
	"  vosviewer  FILE is the map file, FILE-network.txt the network file and\n"
	"             FILE.json (extension replaced) the VOSviewer Online file; clusters\n"
	"             1..k by size, at most 1,000 (the smallest communities share the last)\n"
	"  gexf       GEXF 1.2 with Gephi's colours (community), sizes (papers), positions\n"
	"-o - writes graphml, gexf or pajek to standard output.\n"
	"Filters: the ego network of NAME within D hops (default 1); authors with at\n"
	"least N papers; community C; the N most prolific of what is left.\n"
	"--network keywords writes the keyword co-occurrence network instead: nodes are\n"
	"the author keywords (or indexed keywords) listed by at least --min-occurrences\n"
	"papers (default 2), the --top N most frequent of them; an edge joins two\n"
	"keywords listed together, weighted by the papers listing both.\n"
	"\n"
	"usage: bibscope export mentions -o FILE|- [--db FILE]\n"
	"\n"
	"Write every byline with the person it was assigned to, as CSV: record_key\n"
	"(the record's key in its file, or FILE:LINE), position (1-based), name as\n"
	"written, person_id, person_label; one row per source record and byline.\n"
	"\n"
	"usage: bibscope export countries --format graphml|gexf|pajek|csv|vosviewer -o FILE|-\n"
	"                                [--min-papers N] [--top N] [--venue V] [--years A-B]\n"
	"                                [--db FILE] [--no-formula-guard]\n"
	"\n"
	"Write the country collaboration network: countries of the papers' addresses\n"
	"(papers, scp, mcp, citations) joined by the papers with addresses in both;\n"
	"countries with at least N papers, the N with most papers of those.\n";

enum { OPT_OUT = 2000, OPT_MIN_PAPERS, OPT_COMMUNITY, OPT_EGO, OPT_DEPTH, OPT_NETWORK, OPT_MIN_OCC };

static const struct option opts[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, 'o'},
	{"min-papers", required_argument, NULL, OPT_MIN_PAPERS},
	{"top", required_argument, NULL, OPT_TOP},
	{"community", required_argument, NULL, OPT_COMMUNITY},
	{"ego", required_argument, NULL, OPT_EGO},
	{"depth", required_argument, NULL, OPT_DEPTH},
	{"network", required_argument, NULL, OPT_NETWORK},
	{"min-occurrences", required_argument, NULL, OPT_MIN_OCC},
	{"stopwords", required_argument, NULL, OPT_STOPWORDS},
	{"synonyms", required_argument, NULL, OPT_SYNONYMS},
	{"terms-from", required_argument, NULL, OPT_TERMS_FROM},
	{"help", no_argument, NULL, 'h'},
	BS_GRAPH_LONGOPTS,
	BS_OUTPUT_LONGOPTS,
	{NULL, 0, NULL, 0}
};

typedef struct export_args {
	bs_cli_common co;
	bs_graph_opts go;
	bs_export_opts eo;
	bs_kwnet_opts ko;
	const char *out, *ego;
	int have_format;
	int keywords;            /* --network keywords */
	int graph_only;          /* an option of the co-authorship network was given */
	int keyword_only;        /* an option of the keyword network was given */
} export_args;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	export_args *a = ud;
	long n;
	int rc;

	(void)co;   /* the common options are bs_cli_parse's */
	if ((rc = bs_cli_graph_option(cli, "export", c, arg, &a->go)) >= 0) {
		a->graph_only |= c != OPT_VENUE && c != OPT_YEARS;
		return rc;
	}
	switch (c) {
	case OPT_FORMAT:
		if ((n = bs_export_format_parse(arg)) < 0)
			return bs_cli_usage_error(cli, "export",
						  "--format is graphml, gexf, pajek, csv or vosviewer, not '%s'", arg);
		a->eo.format = (bs_export_format)n;
		a->have_format = 1;
		return 0;
	case 'o': a->out = arg; return 0;
	case OPT_MIN_PAPERS:
		if ((a->eo.min_papers = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "export", "bad --min-papers '%s'", arg);
		a->graph_only = 1;
		return 0;
	case OPT_TOP:
		if ((a->eo.top = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "export", "bad --top '%s'", arg);
		return 0;
	case OPT_COMMUNITY:
		if ((a->eo.community = bs_cli_parse_count(arg)) < 0)
			return bs_cli_usage_error(cli, "export", "bad --community '%s'", arg);
		a->graph_only = 1;
		return 0;
	case OPT_EGO: a->ego = arg; a->graph_only = 1; return 0;
	case OPT_DEPTH:
		if ((n = bs_cli_parse_count(arg)) < 1 || n > 100)
			return bs_cli_usage_error(cli, "export", "--depth wants 1 to 100");
		a->eo.depth = (int)n;
		a->graph_only = 1;
		return 0;
	case OPT_NETWORK:
		if (strcmp(arg, "coauthors") && strcmp(arg, "keywords"))
			return bs_cli_usage_error(cli, "export", "--network is coauthors or keywords, not '%s'", arg);
		a->keywords = !strcmp(arg, "keywords");
		return 0;
	case OPT_MIN_OCC:
		if ((a->ko.min_occurrences = bs_cli_parse_count(arg)) < 1)
			return bs_cli_usage_error(cli, "export", "--min-occurrences wants a number >= 1, not '%s'", arg);
		a->keyword_only = 1;
		return 0;
	case OPT_STOPWORDS: a->ko.stopwords = arg; a->keyword_only = 1; return 0;
	case OPT_SYNONYMS: a->ko.synonyms = arg; a->keyword_only = 1; return 0;
	case OPT_TERMS_FROM: {
		bs_terms_source src;
		if ((rc = bs_cli_terms_from(cli, "export", arg, 1, &src)))
			return rc;
		a->ko.source = (int)src;
		a->keyword_only = 1;
		return 0;
	}
	}
	return -1;
}

static const bs_cli_spec spec = {
	.cmd = "export", .shortopts = "o:h", .longopts = opts, .usage = usage_text, .operands = 1,
	.option = option,
};

/* what to export, in which format, to where: before any database is opened */
static int check_args(bs_cli *cli, const export_args *a)
{
	int countries = a->co.argc >= 1 && !strcmp(a->co.argv[0], "countries");
	int mentions = a->co.argc >= 1 && !strcmp(a->co.argv[0], "mentions");

	if (a->co.argc < 1 || (!countries && !mentions && strcmp(a->co.argv[0], "graph") != 0))
		return bs_cli_usage_error(cli, "export", "what to export? ('bibscope export graph ...',"
					  " 'bibscope export countries ...' or 'bibscope export mentions -o FILE')");
	if (mentions) {
		if (a->co.argc > 1)
			return bs_cli_usage_error(cli, "export", "unexpected argument '%s'", a->co.argv[1]);
		if (a->graph_only || a->keywords || a->keyword_only || a->ego || a->eo.top ||
		    bs_filter_active(&a->co.filter))
			return bs_cli_usage_error(cli, "export", "'export mentions' takes -o FILE|- and --db only");
		if (a->have_format && a->eo.format != BS_EXPORT_CSV)
			return bs_cli_usage_error(cli, "export", "'export mentions' writes CSV only");
		if (!a->out)
			return bs_cli_usage_error(cli, "export", "-o FILE is required ('-' for standard output)");
		return BS_EXIT_OK;
	}
	if (countries && (a->ego || a->eo.community >= 0))
		return bs_cli_usage_error(cli, "export", "--%s is for 'export graph', not 'export countries'",
					  a->ego ? "ego" : "community");
	if (countries && (a->keywords || a->keyword_only))
		return bs_cli_usage_error(cli, "export", "--network and the keyword options are for 'export graph',"
					  " not 'export countries'");
	if (a->co.argc > 1)
		return bs_cli_usage_error(cli, "export", "unexpected argument '%s'", a->co.argv[1]);
	if (!a->have_format)
		return bs_cli_usage_error(cli, "export", "--format is required");
	if (a->keywords && a->graph_only)
		return bs_cli_usage_error(cli, "export", "--network keywords takes --min-occurrences, --top, --terms-from,"
					  " --stopwords, --synonyms, --venue and --years, not the co-authorship options");
	if (!a->keywords && a->keyword_only)
		return bs_cli_usage_error(cli, "export", "--min-occurrences, --terms-from, --stopwords and --synonyms"
					  " go with --network keywords");
	if (!a->out)
		return bs_cli_usage_error(cli, "export", "-o FILE is required");
	if (bs_outfile_is_stdout(a->out) && (a->eo.format == BS_EXPORT_CSV || a->eo.format == BS_EXPORT_VOSVIEWER))
		return bs_cli_usage_error(cli, "export", "--format %s writes two files, so not to standard output:"
					  " use -o FILE, or graphml, gexf or pajek with -o -",
					  a->eo.format == BS_EXPORT_CSV ? "csv" : "vosviewer");
	return BS_EXIT_OK;
}

static int run_keywords(bs_cli *cli, export_args *a)
{
	bs_export_stats st;
	bs_error err;
	int rc;

	if ((rc = bs_cli_check_venue(cli, cli->store, a->go.filter.venue)))
		return rc;
	bs_error_clear(&err);
	a->ko.format = a->eo.format;
	a->ko.top = a->eo.top;
	a->ko.filter = a->go.filter;
	if (bs_export_keywords(cli->store, &a->ko, a->out, &st, &err))
		return bs_cli_fail(cli, &err);
	if (bs_outfile_is_stdout(a->out))   /* standard output holds the graph alone */
		return BS_EXIT_OK;
	printf("wrote %s%s%s%s%s (%ld keywords, %ld co-occurrence links)\n", st.files[0],
	       st.files[2][0] ? ", " : st.files[1][0] ? " and " : "", st.files[1], st.files[2][0] ? " and " : "",
	       st.files[2], st.vertices, st.edges);
	return BS_EXIT_OK;
}

static int run(bs_cli *cli, void *ud)
{
	export_args *a = ud;
	bs_export_stats st;
	bs_error err;
	int rc;

	if (a->keywords)
		return run_keywords(cli, a);
	if (!strcmp(a->co.argv[0], "mentions")) {
		long rows;
		bs_error_clear(&err);
		if (bs_export_mentions(cli->store, a->out, &rows, &err))
			return bs_cli_fail(cli, &err);
		if (!bs_outfile_is_stdout(a->out))
			printf("wrote %s (%ld rows: one per source record and byline)\n", a->out, rows);
		return BS_EXIT_OK;
	}
	if ((rc = bs_cli_check_venue(cli, cli->store, a->go.filter.venue)) ||
	    (a->ego && (rc = bs_cli_find_author(cli, cli->store, a->ego, "--ego '#ID'", &a->eo.ego))))
		return rc;
	bs_error_clear(&err);
	if (!strcmp(a->co.argv[0], "countries")) {
		if (bs_export_countries(cli->store, &a->go.filter, &a->eo, a->out, &st, &err))
			return bs_cli_fail(cli, &err);
		if (!bs_outfile_is_stdout(a->out))
			printf("wrote %s%s%s%s%s (%ld countries, %ld collaboration links)\n", st.files[0],
			       st.files[2][0] ? ", " : st.files[1][0] ? " and " : "", st.files[1],
			       st.files[2][0] ? " and " : "", st.files[2], st.vertices, st.edges);
		return BS_EXIT_OK;
	}
	if (bs_export_graph(cli->store, &a->go, &a->eo, a->out, &st, &err))
		return bs_cli_fail(cli, &err);
	if (bs_outfile_is_stdout(a->out))   /* standard output holds the graph alone */
		return BS_EXIT_OK;
	printf("wrote %s%s%s%s%s (%ld authors, %ld co-author links)\n", st.files[0],
	       st.files[2][0] ? ", " : st.files[1][0] ? " and " : "", st.files[1], st.files[2][0] ? " and " : "",
	       st.files[2], st.vertices, st.edges);
	if (a->eo.format == BS_EXPORT_VOSVIEWER && st.folded_communities)
		printf("note: VOSviewer takes at most %d clusters: the %ld smallest communities (%ld authors)"
		       " share cluster %d\n", BS_VOS_MAX_CLUSTERS, st.folded_communities, st.folded_authors,
		       BS_VOS_MAX_CLUSTERS);
	return BS_EXIT_OK;
}

int cmd_export(int argc, char **argv, bs_cli *cli)
{
	export_args a;
	int rc;

	memset(&a, 0, sizeof a);
	bs_graph_opts_init(&a.go);
	a.eo.community = -1;
	a.eo.depth = 1;
	bs_kwnet_opts_init(&a.ko);
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &a.co, &a)) != BS_CLI_PARSED ||
	    (rc = check_args(cli, &a)))
		return rc;
	a.go.filter = a.co.filter;
	return bs_cli_run(cli, run, &a);
}
