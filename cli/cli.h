/* cli.h - what the commands share: the command table entry, the database
 * path, warning printing, and option helpers.  Only the CLI layer (this,
 * main.c and cmd_*.c) prints or exits.
 */
#ifndef BS_CLI_H
#define BS_CLI_H

#include "base/error.h"
#include "store/store.h"
#include "store/query.h"

#include <stdio.h>

enum { BS_EXIT_OK = 0, BS_EXIT_RUNTIME = 1, BS_EXIT_USAGE = 2 };

typedef struct bs_cli {
	const char *prog;       /* "bibscope" */
	const char *db_path;    /* --db, $BIBSCOPE_DB or "bibscope.db" */
	int quiet;
	bs_diag diag;           /* prints "file:line: warning: ..." to stderr */
	long warn_limit;        /* per run; further warnings are counted only */
} bs_cli;

typedef struct bs_command {
	const char *name;
	int (*fn)(int argc, char **argv, bs_cli *cli);
	unsigned flags;
	const char *summary;
} bs_command;

int cmd_ingest(int argc, char **argv, bs_cli *cli);
int cmd_analyze(int argc, char **argv, bs_cli *cli);
int cmd_graph(int argc, char **argv, bs_cli *cli);
int cmd_communities(int argc, char **argv, bs_cli *cli);
int cmd_author(int argc, char **argv, bs_cli *cli);
int cmd_export(int argc, char **argv, bs_cli *cli);
int cmd_topics(int argc, char **argv, bs_cli *cli);
int cmd_trends(int argc, char **argv, bs_cli *cli);
int cmd_themes(int argc, char **argv, bs_cli *cli);
int cmd_plot(int argc, char **argv, bs_cli *cli);
int cmd_report(int argc, char **argv, bs_cli *cli);
int cmd_stats(int argc, char **argv, bs_cli *cli);
int cmd_venues(int argc, char **argv, bs_cli *cli);
int cmd_authors(int argc, char **argv, bs_cli *cli);

/* "bibscope: error: <msg>" on stderr; returns code mapped to an exit code. */
int bs_cli_fail(bs_cli *cli, const bs_error *err);
/* "bibscope <cmd>: <printf...>" + hint on stderr; returns BS_EXIT_USAGE. */
int bs_cli_usage_error(bs_cli *cli, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Parse a positive integer option value; -1 when invalid. */
long bs_cli_parse_count(const char *s);
/* Open the database for reading queries (must exist). */
int bs_cli_open_store(bs_cli *cli, bs_store **s, int readonly);
/* The one check of a --venue value (NULL: none given), after the store
 * is open: BS_EXIT_OK when it names a stored venue, else "unknown venue
 * 'X'; did you mean: A, B?" on stderr and BS_EXIT_RUNTIME. */
int bs_cli_check_venue(bs_cli *cli, bs_store *s, const char *venue);
/* Find an author by NAME (bs_query_find_author): BS_EXIT_OK and *id, or
 * the error, the matching authors and how to pick one on stderr, and
 * BS_EXIT_RUNTIME.  hint: how this command takes an author id. */
int bs_cli_find_author(bs_cli *cli, bs_store *s, const char *name, const char *hint, int64_t *id);
/* Print the warnings summary when some were suppressed. */
void bs_cli_warn_summary(bs_cli *cli);

/* Long-option codes shared by the analysis commands. */
enum {
	OPT_DB = 1000, OPT_FORMAT, OPT_HELP, OPT_TOP, OPT_VENUE, OPT_YEARS,
	OPT_WEIGHT, OPT_MAX_AUTHORS, OPT_SEED, OPT_EXACT_LIMIT, OPT_SAMPLES, OPT_EXACT,
	OPT_ALGORITHM, OPT_RESOLUTION, OPT_FORCE, OPT_ITERATIONS,
	OPT_STOPWORDS, OPT_SYNONYMS, OPT_MIN_COUNT, OPT_NPMI, OPT_NO_FORMULA_GUARD,
};

/* Options of every command that writes CSV or TSV, handled by
 * bs_cli_common_option: --no-formula-guard writes text cells as they are
 * (table.h: bs_formula_guard). */
#define BS_OUTPUT_LONGOPTS \
	{"no-formula-guard", no_argument, NULL, OPT_NO_FORMULA_GUARD}

#define BS_TERMS_LONGOPTS \
	{"stopwords", required_argument, NULL, OPT_STOPWORDS}, \
	{"synonyms", required_argument, NULL, OPT_SYNONYMS}, \
	{"min-count", required_argument, NULL, OPT_MIN_COUNT}, \
	{"npmi", required_argument, NULL, OPT_NPMI}

struct bs_terms_opts;
/* Handle a BS_TERMS_LONGOPTS option like bs_cli_graph_option. */
int bs_cli_terms_option(bs_cli *cli, const char *cmd, int c, const char *arg,
			struct bs_terms_opts *t);
/* Make sure the term tables are current; prints a note when built. */
int bs_cli_ensure_terms(bs_cli *cli, bs_store *s, const struct bs_terms_opts *t, int force);

#define BS_GRAPH_LONGOPTS \
	{"weight", required_argument, NULL, OPT_WEIGHT}, \
	{"max-authors", required_argument, NULL, OPT_MAX_AUTHORS}, \
	{"venue", required_argument, NULL, OPT_VENUE}, \
	{"years", required_argument, NULL, OPT_YEARS}

struct bs_graph_opts;
/* Handle a BS_GRAPH_LONGOPTS option: 0 handled, -1 not one of them, or
 * BS_EXIT_USAGE after printing the problem. */
int bs_cli_graph_option(bs_cli *cli, const char *cmd, int c, const char *arg,
			struct bs_graph_opts *g);

#define BS_CHART_LONGOPTS \
	{"size", required_argument, NULL, 's'}, \
	{"dpi", required_argument, NULL, 'D'}, \
	{"seed", required_argument, NULL, OPT_SEED}, \
	{"venue", required_argument, NULL, OPT_VENUE}, \
	{"years", required_argument, NULL, OPT_YEARS}

struct bs_chart_opts;
/* Handle a BS_CHART_LONGOPTS option (plot, report) like
 * bs_cli_graph_option. */
int bs_cli_chart_option(bs_cli *cli, const char *cmd, int c, const char *arg,
			struct bs_chart_opts *o);

/* Options every analysis command takes. */
typedef struct bs_cli_common {
	int fmt;               /* --format (BS_FMT_*), default table */
	int force;             /* --force */
	long top;              /* --top (set the command's default first) */
	unsigned long seed;    /* --seed (set the default first) */
} bs_cli_common;

/* Handle --db, --format, --force, --top, --seed and BS_OUTPUT_LONGOPTS: 0
 * handled, -1 not one of them, or BS_EXIT_USAGE after printing the
 * problem.  co may be NULL for OPT_DB and BS_OUTPUT_LONGOPTS. */
int bs_cli_common_option(bs_cli *cli, const char *cmd, int c, const char *arg, bs_cli_common *co);

/* Parse a non-negative real; -1 when invalid. */
double bs_cli_parse_real(const char *s);

#endif
