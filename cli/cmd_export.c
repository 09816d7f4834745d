/* bibscope export graph: write the co-authorship network for Gephi,
 * VOSviewer, Pajek, networkx or a spreadsheet. */
#include "cli/cli.h"
#include "reports/export.h"
#include "base/outfile.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope export graph --format graphml|gexf|pajek|csv|vosviewer -o FILE|-\n"
	"                            [--min-papers N] [--top N] [--community C]\n"
	"                            [--ego NAME [--depth D]] [--weight count|fractional]\n"
	"                            [--max-authors N] [--venue V] [--years A-B] [--db FILE]\n"
	"                            [--no-formula-guard]\n"
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
	"least N papers; community C; the N most prolific of what is left.\n";

enum { OPT_OUT = 2000, OPT_MIN_PAPERS, OPT_COMMUNITY, OPT_EGO, OPT_DEPTH };

int cmd_export(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, 'o'},
		{"min-papers", required_argument, NULL, OPT_MIN_PAPERS},
		{"top", required_argument, NULL, OPT_TOP},
		{"community", required_argument, NULL, OPT_COMMUNITY},
		{"ego", required_argument, NULL, OPT_EGO},
		{"depth", required_argument, NULL, OPT_DEPTH},
		{"help", no_argument, NULL, 'h'},
		BS_GRAPH_LONGOPTS,
		BS_OUTPUT_LONGOPTS,
		{NULL, 0, NULL, 0}
	};
	bs_graph_opts go;
	bs_export_opts eo;
	bs_export_stats st;
	bs_store *s = NULL;
	bs_error err;
	const char *out = NULL, *ego = NULL;
	int c, rc, have_format = 0;
	long n;

	bs_graph_opts_init(&go);
	memset(&eo, 0, sizeof eo);
	eo.community = -1;
	eo.depth = 1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		if ((rc = bs_cli_graph_option(cli, "export", c, optarg, &go)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_DB: cli->db_path = optarg; break;
		case OPT_FORMAT:
			if ((n = bs_export_format_parse(optarg)) < 0)
				return bs_cli_usage_error(cli, "export",
							  "--format is graphml, gexf, pajek, csv or vosviewer, not '%s'", optarg);
			eo.format = (bs_export_format)n;
			have_format = 1;
			break;
		case 'o': out = optarg; break;
		case OPT_MIN_PAPERS:
			if ((eo.min_papers = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "export", "bad --min-papers '%s'", optarg);
			break;
		case OPT_TOP:
			if ((eo.top = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "export", "bad --top '%s'", optarg);
			break;
		case OPT_COMMUNITY:
			if ((eo.community = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "export", "bad --community '%s'", optarg);
			break;
		case OPT_EGO: ego = optarg; break;
		case OPT_DEPTH:
			if ((n = bs_cli_parse_count(optarg)) < 1 || n > 100)
				return bs_cli_usage_error(cli, "export", "--depth wants 1 to 100");
			eo.depth = (int)n;
			break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		case OPT_NO_FORMULA_GUARD: bs_cli_common_option(cli, "export", c, optarg, NULL); break;
		default:
			return bs_cli_usage_error(cli, "export", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc || strcmp(argv[optind], "graph") != 0)
		return bs_cli_usage_error(cli, "export", "what to export? ('bibscope export graph ...')");
	if (optind + 1 < argc)
		return bs_cli_usage_error(cli, "export", "unexpected argument '%s'", argv[optind + 1]);
	if (!have_format)
		return bs_cli_usage_error(cli, "export", "--format is required");
	if (!out)
		return bs_cli_usage_error(cli, "export", "-o FILE is required");
	if (bs_outfile_is_stdout(out) && (eo.format == BS_EXPORT_CSV || eo.format == BS_EXPORT_VOSVIEWER))
		return bs_cli_usage_error(cli, "export", "--format %s writes two files, so not to standard output:"
					  " use -o FILE, or graphml, gexf or pajek with -o -",
					  eo.format == BS_EXPORT_CSV ? "csv" : "vosviewer");
	bs_error_clear(&err);
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	if ((rc = bs_cli_check_venue(cli, s, go.filter.venue)) ||
	    (ego && (rc = bs_cli_find_author(cli, s, ego, "--ego '#ID'", &eo.ego)))) {
		bs_store_close(s);
		return rc;
	}
	rc = bs_export_graph(s, &go, &eo, out, &st, &err);
	bs_store_close(s);
	if (rc)
		return bs_cli_fail(cli, &err);
	if (bs_outfile_is_stdout(out))   /* standard output holds the graph alone */
		return BS_EXIT_OK;
	printf("wrote %s%s%s%s%s (%ld authors, %ld co-author links)\n", st.files[0],
	       st.files[2][0] ? ", " : st.files[1][0] ? " and " : "", st.files[1], st.files[2][0] ? " and " : "",
	       st.files[2], st.vertices, st.edges);
	if (eo.format == BS_EXPORT_VOSVIEWER && st.folded_communities)
		printf("note: VOSviewer takes at most %d clusters: the %ld smallest communities (%ld authors)"
		       " share cluster %d\n", BS_VOS_MAX_CLUSTERS, st.folded_communities, st.folded_authors,
		       BS_VOS_MAX_CLUSTERS);
	return BS_EXIT_OK;
}
