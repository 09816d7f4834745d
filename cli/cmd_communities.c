/* bibscope communities: detect co-authorship communities, store them and
 * list the largest. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope communities [--algorithm leiden|louvain|lpa|leiden-igraph]\n"
	"                            [--resolution R] [--seed S] [--iterations N] [--top N]\n"
	"                            [--weight count|fractional]\n"
	"                            [--max-authors N] [--venue V] [--years A-B] [--force]\n"
	"                            [--deadline SECONDS]\n"
	"                            [--format table|csv|json|tsv] [--no-formula-guard] [--db FILE]\n"
	"\n"
	"Find research communities in the co-authorship graph.  Leiden (default)\n"
	"optimises modularity at resolution R (default 1) in --iterations N (default 2);\n"
	"leiden-igraph is igraph's implementation of it (slower; 2 iterations or more);\n"
	"Louvain stops with an error after --deadline seconds (default 60); lpa is label\n"
	"propagation.  The same --seed (default 42) gives the same communities.\n"
	"Results go to the communities and community_summary tables; the --top N\n"
	"(default 10) largest are listed with a label (their three most distinctive\n"
	"terms, tf-idf against the corpus) and their most prolific members.\n";

int cmd_communities(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"algorithm", required_argument, NULL, OPT_ALGORITHM},
		{"resolution", required_argument, NULL, OPT_RESOLUTION},
		{"seed", required_argument, NULL, OPT_SEED},
		{"iterations", required_argument, NULL, OPT_ITERATIONS},
		{"top", required_argument, NULL, OPT_TOP},
		{"force", no_argument, NULL, OPT_FORCE},
		BS_OUTPUT_LONGOPTS,
		{"deadline", required_argument, NULL, OPT_EXACT_LIMIT},
		{"help", no_argument, NULL, 'h'},
		BS_GRAPH_LONGOPTS,
		{NULL, 0, NULL, 0}
	};
	static const char *const cols[] = {"community", "size", "papers", "density", "label", "top authors"};
	static const bs_col_type types[] = {BS_COL_INT, BS_COL_INT, BS_COL_INT, BS_COL_REAL, BS_COL_TEXT,
					    BS_COL_TEXT};
	bs_graph_opts go;
	bs_community_opts co;
	bs_analysis_info info;
	bs_store *s = NULL;
	bs_error err;
	bs_table t;
	sqlite3_stmt *st = NULL;
	int64_t run = 0;
	bs_cli_common cc = {BS_FMT_TABLE, 0, 10, 42};
	bs_labeler lab;
	int c, rc, labeler_ok = 0;

	bs_graph_opts_init(&go);
	bs_community_opts_init(&co);
	memset(&t, 0, sizeof t);
	memset(&lab, 0, sizeof lab);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		double x;
		long n;
		if ((rc = bs_cli_common_option(cli, "communities", c, optarg, &cc)) >= 0 ||
		    (rc = bs_cli_graph_option(cli, "communities", c, optarg, &go)) >= 0) {
			if (rc)
				return rc;
			continue;
		}
		switch (c) {
		case OPT_ALGORITHM:
			if ((n = bs_comm_algo_parse(optarg)) < 0)
				return bs_cli_usage_error(cli, "communities",
							  "--algorithm is leiden, louvain, lpa or leiden-igraph, not '%s'", optarg);
			co.algo = (bs_comm_algo)n;
			break;
		case OPT_RESOLUTION:
			if ((x = bs_cli_parse_real(optarg)) <= 0)
				return bs_cli_usage_error(cli, "communities", "--resolution wants a number > 0");
			co.resolution = x;
			break;
		case OPT_ITERATIONS:
			if ((n = bs_cli_parse_count(optarg)) < 1 || n > 1000)
				return bs_cli_usage_error(cli, "communities", "--iterations wants a number from 1 to 1000");
			co.iterations = (int)n;
			break;
		case OPT_EXACT_LIMIT:   /* --deadline */
			if ((x = bs_cli_parse_real(optarg)) <= 0)
				return bs_cli_usage_error(cli, "communities", "--deadline wants seconds > 0");
			co.deadline = x;
			break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "communities", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bs_cli_usage_error(cli, "communities", "unexpected argument '%s'", argv[optind]);
	co.seed = cc.seed;
	bs_error_clear(&err);
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	if ((rc = bs_cli_check_venue(cli, s, go.filter.venue)))
		goto cleanup;
	rc = bs_analyze_communities(s, &go, &co, cc.force, &run, &info, &err);
	if (rc) {
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	if (sqlite3_prepare_v2(bs_store_db(s), "SELECT summary FROM runs WHERE id = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(st, 1, run);
		if (sqlite3_step(st) == SQLITE_ROW) {
			json_t *j = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL);
			if (cc.fmt == BS_FMT_TABLE)
				printf("%s (resolution %g, seed %lu): %lld communities, modularity %.4f%s\n",
				       bs_comm_algo_name(co.algo), co.resolution, co.seed,
				       (long long)json_integer_value(json_object_get(j, "communities")),
				       json_real_value(json_object_get(j, "modularity")),
				       info.computed ? "" : " (stored run; --force recomputes)");
			json_decref(j);
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	{
		bs_terms_opts to;
		bs_terms_opts_init(&to);
		if ((rc = bs_cli_ensure_terms(cli, s, &to, 0)))
			goto cleanup;
	}
	labeler_ok = bs_labeler_init(&lab, s, &err) == BS_OK;   /* no labels otherwise */
	bs_table_init(&t, 6, cols, types);
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT community, size, papers, density, top_authors FROM community_summary"
			       " WHERE run_id = ?1 ORDER BY community LIMIT ?2", -1, &st, NULL) != SQLITE_OK) {
		bs_error_set(&err, BS_ERR_DB, "%s: %s", cli->db_path, sqlite3_errmsg(bs_store_db(s)));
		rc = bs_cli_fail(cli, &err);
		goto cleanup;
	}
	sqlite3_bind_int64(st, 1, run);
	sqlite3_bind_int64(st, 2, cc.top > 0 ? cc.top : -1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t r = bs_table_add_row(&t);
		json_t *names = json_loads((const char *)sqlite3_column_text(st, 4), 0, NULL);
		bs_strbuf sb = BS_STRBUF_INIT;
		bs_strbuf_init(&sb);
		for (size_t i = 0; i < json_array_size(names); i++)
			bs_strbuf_addf(&sb, "%s%s", i ? ", " : "", json_string_value(json_array_get(names, i)));
		json_decref(names);
		bs_table_set_int(&t, r, 0, sqlite3_column_int64(st, 0));
		bs_table_set_int(&t, r, 1, sqlite3_column_int64(st, 1));
		bs_table_set_int(&t, r, 2, sqlite3_column_int64(st, 2));
		bs_table_set_real(&t, r, 3, sqlite3_column_double(st, 3), 3);
		bs_table_set_text(&t, r, 5, sb.buf);
		bs_strbuf_reset(&sb);
		if (labeler_ok && bs_labeler_label(&lab, run, (long)sqlite3_column_int64(st, 0), 3, &sb, &err) == BS_OK)
			bs_table_set_text(&t, r, 4, sb.buf);
		bs_strbuf_release(&sb);
	}
	t.max_text_width = 90;
	rc = bs_table_write(&t, stdout, cc.fmt, &err) ? bs_cli_fail(cli, &err) : BS_EXIT_OK;
cleanup:
	sqlite3_finalize(st);
	bs_labeler_release(&lab);
	bs_table_release(&t);
	bs_store_close(s);
	return rc;
}
