/* bibscope author NAME: one author's profile. */
#include "analysis/analyze.h"
#include "cli/cli.h"
#include "text/names.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope author [--top N] [--format table|json] [--db FILE] NAME\n"
	"       bibscope author [--top N] [--format table|json] [--db FILE] --id ID\n"
	"\n"
	"Profile of one author: spellings, papers per year, venues, top co-authors with\n"
	"joint papers, most distinctive terms, rank by each co-authorship metric and\n"
	"community with its label (default graph, Leiden and term runs, computed once\n"
	"and stored).  NAME is matched case- and accent-insensitively, with or without\n"
	"a DBLP homonym number ('Lei Zhang 0003').  When several authors match (the\n"
	"people DBLP tells apart by a number show one name), they are listed with\n"
	"their ids, papers, years, venues and co-authors, and the exit status is 1:\n"
	"pick one with --id ID (or NAME '#ID').\n";

/* metric columns of author_metrics (fixed names, never user input) */
static const char *const metrics[] = {
	"papers", "fractional", "degree", "strength", "pagerank", "betweenness", "harmonic",
	"eigenvector", "coreness", "clustering", NULL
};

static int section(const char *title, bs_table *t, int fmt, json_t *obj, bs_error *err)
{
	if (fmt == BS_FMT_JSON) {
		json_t *arr = json_array();
		for (size_t r = 0; r < t->nrows; r++) {
			json_t *o = json_object();
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = bs_table_get(t, r, c);
				json_object_set_new(o, t->names[c], !v ? json_null() : t->types[c] == BS_COL_INT ?
						    json_integer(strtoll(v, NULL, 10)) : t->types[c] == BS_COL_REAL ?
						    json_real(strtod(v, NULL)) : json_string(v));
			}
			json_array_append_new(arr, o);
		}
		json_object_set_new(obj, title, arr);
		return BS_OK;
	}
	printf("\n%s\n", title);
	return bs_table_write(t, stdout, BS_FMT_TABLE, err);
}

int cmd_author(int argc, char **argv, bs_cli *cli)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"top", required_argument, NULL, OPT_TOP},
		{"id", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	static const char *const mcols[] = {"metric", "value", "rank"};
	static const bs_col_type mtypes[] = {BS_COL_TEXT, BS_COL_REAL, BS_COL_INT};
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_analysis_info info;
	bs_store *s = NULL;
	bs_error err;
	bs_table t;
	json_t *obj = NULL;   /* made after the arguments are checked */
	int64_t id = 0, run = 0;
	const char *name = NULL;
	char idname[32];
	long top = 10;
	int c, fmt = BS_FMT_TABLE, rc = BS_EXIT_OK;
	sqlite3_stmt *st = NULL;

	memset(&t, 0, sizeof t);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_DB: cli->db_path = optarg; break;
		case OPT_FORMAT:
			fmt = bs_format_parse(optarg);
			if (fmt != BS_FMT_TABLE && fmt != BS_FMT_JSON)
				return bs_cli_usage_error(cli, "author", "--format is table or json");
			break;
		case OPT_TOP:
			if ((top = bs_cli_parse_count(optarg)) < 0)
				return bs_cli_usage_error(cli, "author", "bad --top '%s'", optarg);
			break;
		case 'i': {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (!*optarg || *end || v < 0)
				return bs_cli_usage_error(cli, "author", "--id wants an author id, not '%s'", optarg);
			snprintf(idname, sizeof idname, "#%lld", v);
			name = idname;
			break;
		}
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "author", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + (name ? 0 : 1) != argc)
		return bs_cli_usage_error(cli, "author", name ? "give NAME or --id, not both" :
					  "give exactly one NAME (quote names with spaces)");
	if (!name)
		name = argv[optind];
	bs_error_clear(&err);
	if (bs_store_open(&s, cli->db_path, BS_STORE_MUST_EXIST, &err))
		return bs_cli_fail(cli, &err);
	obj = json_object();
	if ((rc = bs_cli_find_author(cli, s, name, "bibscope author --id ID", &id)))
		goto cleanup;

	/* identity and productivity */
	{
		const char *sql = "SELECT a.name, COUNT(*), SUM(1.0 / p.n_authors), MIN(p.year), MAX(p.year), a.key"
				  " FROM authors a JOIN authorship s ON s.author_id = a.id"
				  " JOIN papers p ON p.id = s.paper_id WHERE a.id = ?1";
		if (sqlite3_prepare_v2(bs_store_db(s), sql, -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				const char *name = (const char *)sqlite3_column_text(st, 0);
				const char *key = (const char *)sqlite3_column_text(st, 5);
				/* the DBLP homonym number the display name hides */
				size_t suf = key ? bs_name_homonym_suffix(key, strlen(key)) : 0;
				const char *num = suf ? key + strlen(key) - suf : "";
				if (fmt == BS_FMT_JSON) {
					json_object_set_new(obj, "id", json_integer(id));
					json_object_set_new(obj, "author", json_string(name));
					if (suf)
						json_object_set_new(obj, "homonym", json_string(num + 1));
					json_object_set_new(obj, "papers", json_integer(sqlite3_column_int64(st, 1)));
					json_object_set_new(obj, "fractional", json_real(sqlite3_column_double(st, 2)));
				} else {
					printf("%s%s (id %lld): %lld papers (fractional %.2f), %d-%d\n", name, num,
					       (long long)id,
					       (long long)sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2),
					       sqlite3_column_int(st, 3), sqlite3_column_int(st, 4));
				}
			}
			sqlite3_finalize(st);
			st = NULL;
		}
	}
	if ((rc = bs_query_author_spellings(s, id, &t, &err)) || (rc = section("spellings", &t, fmt, obj, &err)))
		goto fail;
	bs_table_release(&t);
	if ((rc = bs_query_author_years(s, id, &t, &err)) || (rc = section("papers per year", &t, fmt, obj, &err)))
		goto fail;
	bs_table_release(&t);
	if ((rc = bs_query_author_venues(s, id, &t, &err)) || (rc = section("venues", &t, fmt, obj, &err)))
		goto fail;
	bs_table_release(&t);
	if ((rc = bs_query_coauthors(s, id, (int)top, &t, &err)) || (rc = section("top co-authors", &t, fmt, obj, &err)))
		goto fail;
	bs_table_release(&t);

	/* most distinctive terms (tf-idf against the corpus) */
	{
		bs_terms_opts to;
		bs_topics_opts tp;
		bs_terms_info ti;
		bs_terms_opts_init(&to);
		if ((rc = bs_terms_ensure(s, &to, 0, &ti, &err)))
			goto fail;
		bs_topics_opts_init(&tp);
		tp.author = id;
		tp.tfidf = 1;
		tp.top = (int)top;
		if ((rc = bs_topics_query(s, &tp, &t, &err)) || (rc = section("top terms (tf-idf)", &t, fmt, obj, &err)))
			goto fail;
		bs_table_release(&t);
	}

	/* metric ranks in the default graph run */
	bs_graph_opts_init(&go);
	bs_metrics_opts_init(&mo);
	if ((rc = bs_analyze_graph(s, &go, &mo, 0, &run, &info, &err)))
		goto fail;
	bs_table_init(&t, 3, mcols, mtypes);
	for (size_t i = 0; metrics[i]; i++) {
		bs_strbuf sql = BS_STRBUF_INIT;
		bs_strbuf_init(&sql);
		bs_strbuf_addf(&sql, "SELECT m.%s, (SELECT COUNT(*) FROM author_metrics x WHERE x.run_id = m.run_id"
			       " AND x.%s > m.%s) + 1 FROM author_metrics m WHERE m.run_id = ?1 AND m.author_id = ?2",
			       metrics[i], metrics[i], metrics[i]);
		if (sqlite3_prepare_v2(bs_store_db(s), sql.buf, -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, run);
			sqlite3_bind_int64(st, 2, id);
			if (sqlite3_step(st) == SQLITE_ROW) {
				size_t r = bs_table_add_row(&t);
				bs_table_set_text(&t, r, 0, metrics[i]);
				bs_table_set_g(&t, r, 1, sqlite3_column_double(st, 0));
				bs_table_set_int(&t, r, 2, sqlite3_column_int64(st, 1));
			}
			sqlite3_finalize(st);
			st = NULL;
		}
		bs_strbuf_release(&sql);
	}
	if ((rc = section("co-authorship metrics (rank among all authors)", &t, fmt, obj, &err)))
		goto fail;
	bs_table_release(&t);

	/* community in the default Leiden run */
	bs_community_opts_init(&co);
	if ((rc = bs_analyze_communities(s, &go, &co, 0, &run, &info, &err)))
		goto fail;
	if (sqlite3_prepare_v2(bs_store_db(s),
			       "SELECT c.community, cs.size, cs.top_authors FROM communities c"
			       " JOIN community_summary cs ON cs.run_id = c.run_id AND cs.community = c.community"
			       " WHERE c.run_id = ?1 AND c.author_id = ?2", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, run);
		sqlite3_bind_int64(st, 2, id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			json_t *names = json_loads((const char *)sqlite3_column_text(st, 2), 0, NULL);
			if (fmt == BS_FMT_JSON) {
				json_t *o = json_object();
				json_object_set_new(o, "id", json_integer(sqlite3_column_int64(st, 0)));
				json_object_set_new(o, "size", json_integer(sqlite3_column_int64(st, 1)));
				json_object_set_new(o, "top_authors", names);
				json_object_set_new(obj, "community", o);
			} else {
				bs_strbuf label = BS_STRBUF_INIT;
				bs_strbuf_init(&label);
				bs_topics_label(s, run, (long)sqlite3_column_int64(st, 0), 3, &label, &err);
				printf("\ncommunity %lld (leiden, %lld authors%s%s%s):", (long long)sqlite3_column_int64(st, 0),
				       (long long)sqlite3_column_int64(st, 1), label.len ? "; " : "", label.buf,
				       label.len ? "" : "");
				bs_strbuf_release(&label);
				for (size_t i = 0; i < json_array_size(names); i++)
					printf("%s %s", i ? "," : "", json_string_value(json_array_get(names, i)));
				printf("\n");
				json_decref(names);
			}
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	if (fmt == BS_FMT_JSON) {
		json_dumpf(obj, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(8));
		fputc('\n', stdout);
	}
	rc = BS_EXIT_OK;
	goto cleanup;
fail:
	rc = bs_cli_fail(cli, &err);
cleanup:
	sqlite3_finalize(st);
	json_decref(obj);
	bs_table_release(&t);
	bs_store_close(s);
	return rc;
}
