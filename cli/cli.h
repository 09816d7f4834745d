/* cli.h - what the commands share: the command table entry and its setup
 * flags, the one option parser, the runner that opens the store, warning
 * and candidate printing.  Only the CLI layer (this, main.c and cmd_*.c)
 * prints or exits.
 *
 * A command runs in two steps: cmd_<name>() parses its options with
 * bs_cli_parse() (usage errors and --help need no database), then hands
 * them to bs_cli_run(), which opens the store as the command's table
 * flags say, runs the command's body with cli->store and closes it.
 */
#ifndef BS_CLI_H
#define BS_CLI_H

#include "base/error.h"
#include "store/store.h"
#include "store/query.h"

#include <getopt.h>
#include <stdio.h>

enum { BS_EXIT_OK = 0, BS_EXIT_RUNTIME = 1, BS_EXIT_USAGE = 2 };

/* What the runner sets up before a command's body (bs_command.flags). */
enum {
	BS_CMD_STORE_READ = 1 << 0,   /* the existing store, opened read-only */
	BS_CMD_STORE_WRITE = 1 << 1,  /* the existing store, read-write: the
				       * command computes and stores runs */
	BS_CMD_STORE_SELF = 1 << 2,   /* the command opens the store itself:
				       * ingest creates it and publishes it
				       * when it closes it */
};

typedef struct bs_cli {
	const char *prog;       /* "bibscope" */
	const char *db_path;    /* --db, $BIBSCOPE_DB or "bibscope.db" */
	int quiet;
	bs_diag diag;           /* prints "file:line: warning: ..." to stderr */
	long warn_limit;        /* per run; further warnings are counted only */
	unsigned store_flags;   /* BS_CMD_STORE_*: the table's, which a command's
				 * options may change before bs_cli_run */
	bs_store *store;        /* open while bs_cli_run runs the body */
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
int cmd_countries(int argc, char **argv, bs_cli *cli);
int cmd_institutions(int argc, char **argv, bs_cli *cli);
int cmd_authors(int argc, char **argv, bs_cli *cli);
int cmd_papers(int argc, char **argv, bs_cli *cli);
int cmd_references(int argc, char **argv, bs_cli *cli);
int cmd_identity(int argc, char **argv, bs_cli *cli);

/* "bibscope: error: <msg>" on stderr; returns code mapped to an exit code. */
int bs_cli_fail(bs_cli *cli, const bs_error *err);
/* "bibscope <cmd>: <printf...>" + hint on stderr; returns BS_EXIT_USAGE. */
int bs_cli_usage_error(bs_cli *cli, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Parse a positive integer option value; -1 when invalid. */
long bs_cli_parse_count(const char *s);
/* The runner: open the store at cli->db_path as cli->store_flags say
 * (none, read-only or read-write; it must exist), call body(cli, opts)
 * with cli->store set, close the store.  Returns body's exit code, or
 * that of the failed open. */
int bs_cli_run(bs_cli *cli, int (*body)(bs_cli *cli, void *opts), void *opts);
/* The one check of a --venue value (NULL: none given), after the store
 * is open: BS_EXIT_OK when it names a stored venue, else "unknown venue
 * 'X'; did you mean: A, B?" on stderr and BS_EXIT_RUNTIME. */
int bs_cli_check_venue(bs_cli *cli, bs_store *s, const char *venue);
/* The end of a listing: rc, the query's result (err filled when it
 * failed), then table t written to standard output in fmt; with no row
 * in table format, "<prog>: <empty>" on stderr.  t is released (it may
 * be zeroed or initialised).  Returns the exit status. */
int bs_cli_print_table(bs_cli *cli, int rc, bs_table *t, int fmt, const char *empty, bs_error *err);
/* Find an author by NAME (bs_query_find_author): BS_EXIT_OK and *id, or
 * the error, the matching authors and how to pick one on stderr, and
 * BS_EXIT_RUNTIME.  hint: how this command takes an author id. */
int bs_cli_find_author(bs_cli *cli, bs_store *s, const char *name, const char *hint, int64_t *id);
/* Print the warnings summary when some were suppressed. */
void bs_cli_warn_summary(bs_cli *cli);
/* The one warning line: "file:line: warning: msg", "file: warning: msg"
 * or "warning: msg" on stderr. */
void bs_cli_print_warning(const char *file, long line, const char *msg);
/* The one candidates list: "<lead>'A'<sep>'B'" on stderr (names quoted
 * with q, "" for none); returns n. */
size_t bs_cli_print_candidates(const char *lead, const char *sep, const char *q,
			       const char *const *names, size_t n);

/* Long-option codes shared by the analysis commands. */
enum {
	OPT_DB = 1000, OPT_FORMAT, OPT_HELP, OPT_TOP, OPT_VENUE, OPT_YEARS,
	OPT_WEIGHT, OPT_MAX_AUTHORS, OPT_SEED, OPT_EXACT_LIMIT, OPT_SAMPLES, OPT_EXACT,
	OPT_ALGORITHM, OPT_RESOLUTION, OPT_FORCE, OPT_ITERATIONS,
	OPT_STOPWORDS, OPT_SYNONYMS, OPT_MIN_COUNT, OPT_NPMI, OPT_NO_FORMULA_GUARD,
};

/* Options of every command that writes CSV or TSV, handled by
 * bs_cli_parse: --no-formula-guard writes text cells as they are
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

/* --venue and --years are common options (bs_cli_common.filter) */
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

/* --venue and --years are common options (bs_cli_common.filter) */
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

/* The options several commands share, as bs_cli_parse leaves them. */
typedef struct bs_cli_common {
	int fmt;               /* --format (BS_FMT_*), default table */
	int force;             /* --force */
	long top;              /* --top (set the command's default first) */
	unsigned long seed;    /* --seed (set the default first) */
	bs_filter filter;      /* --venue, --years */
	int argc;              /* the operands after the options */
	char **argv;
} bs_cli_common;

/* How a command's options look to bs_cli_parse. */
typedef struct bs_cli_spec {
	const char *cmd;                 /* "stats" */
	const char *shortopts;           /* getopt_long's ("h" at least) */
	const struct option *longopts;
	const char *usage;               /* the --help text, or NULL: usage_fn */
	void (*usage_fn)(FILE *f);
	const int *aliases;              /* NULL or {letter, OPT_*, ..., 0}: short
					  * letters that stand for common options */
	int operands;                    /* 0: an operand is a usage error */
	/* the command's own options, tried before the common ones: 0
	 * handled, -1 not one of them, or an exit code after printing */
	int (*option)(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud);
} bs_cli_spec;

enum { BS_CLI_PARSED = -1 };

/* The one option parser: getopt_long over argv[1..] (argv[0] is the
 * command's name), each option to spec->option(ud) and then to the
 * common ones (--db, --help, --format, --force, --top, --seed, --venue,
 * --years, BS_OUTPUT_LONGOPTS, with the common messages), an unknown one
 * a usage error.
 * Returns BS_CLI_PARSED with the operands in co->argc/argv, or the exit
 * code after --help or a usage error. */
int bs_cli_parse(bs_cli *cli, const bs_cli_spec *spec, int argc, char **argv, bs_cli_common *co,
		 void *ud);

/* Parse a non-negative real; -1 when invalid. */
double bs_cli_parse_real(const char *s);

#endif
