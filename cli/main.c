/* main.c - the command table and dispatch (git.c style). */
#include "cli/cli.h"
#include "analysis/graph/graph.h"
#include "readers/input.h"
#include "base/trace.h"
#include "base/utf8.h"
#include "bs_config.h"
#include "store/runs.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <igraph.h>

/* flags: what the runner (bs_cli_run) opens before the command's body;
 * the commands that compute runs store them, so they write (authors does
 * for --by); ingest creates the store itself. */
static const bs_command commands[] = {
	{"ingest", cmd_ingest, BS_CMD_STORE_SELF, "read paper lists and bibliographies into the database"},
	{"analyze", cmd_analyze, BS_CMD_STORE_WRITE, "compute the keyword tables, graph metrics and communities at once"},
	{"stats", cmd_stats, BS_CMD_STORE_READ, "corpus summary and papers per venue and year"},
	{"venues", cmd_venues, BS_CMD_STORE_READ, "venues with their papers, years and the spellings merged into each"},
	{"authors", cmd_authors, BS_CMD_STORE_READ, "rank authors by papers, a co-authorship metric or citations (h, g, m index)"},
	{"identity", cmd_identity, BS_CMD_STORE_WRITE, "persons behind the names: state, alias rules, names-only mode"},
	{"author", cmd_author, BS_CMD_STORE_WRITE, "one author's profile: years, venues, co-authors, ranks"},
	{"countries", cmd_countries, BS_CMD_STORE_READ, "countries: papers, single/multiple-country papers, collaborations"},
	{"institutions", cmd_institutions, BS_CMD_STORE_READ, "institutions of the papers' addresses, most papers first"},
	{"papers", cmd_papers, BS_CMD_STORE_READ, "most cited papers: global and local citations"},
	{"references", cmd_references, BS_CMD_STORE_READ, "most cited references and whether they are in the corpus"},
	{"graph", cmd_graph, BS_CMD_STORE_WRITE, "co-authorship graph: metrics per author and summary"},
	{"communities", cmd_communities, BS_CMD_STORE_WRITE, "research communities (Leiden, Louvain, label propagation)"},
	{"topics", cmd_topics, BS_CMD_STORE_WRITE, "main or most distinctive terms (words and phrases)"},
	{"trends", cmd_trends, BS_CMD_STORE_WRITE, "term shares per year, emerging and declining terms, bursts"},
	{"themes", cmd_themes, BS_CMD_STORE_WRITE, "thematic map: clusters of co-occurring terms and their quadrants"},
	{"plot", cmd_plot, BS_CMD_STORE_WRITE, "one chart as PNG, PDF or SVG (gnuplot)"},
	{"report", cmd_report, BS_CMD_STORE_WRITE, "multi-page PDF, PNG/SVG charts, index.html, manifest.json"},
	{"export", cmd_export, BS_CMD_STORE_WRITE, "write the co-authorship network (GraphML, GEXF, Pajek, CSV, VOSviewer)"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: bibscope [--version] [--help] <command> [<args>]\n\n"
		   "Author and topic analytics over bibliographic records.\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "   %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nEvery command takes --db FILE (default $BIBSCOPE_DB, else ./bibscope.db)\n"
		   "and --help.  Exit status: 0 ok, 1 runtime error, 2 usage error.\n");
}

/* "bibscope: 'X' is not a bibscope command", with the nearest commands:
 * those fewest edits away (at most 2), or that X begins. */
static void unknown_command(const char *name)
{
	const size_t n = sizeof commands / sizeof commands[0];
	size_t best = 3, d[sizeof commands / sizeof commands[0]], shown = 0;
	const char *near[sizeof commands / sizeof commands[0]];

	for (size_t i = 0; i < n; i++) {
		d[i] = bs_utf8_distance(name, commands[i].name, 2);
		if (strlen(name) >= 2 && !strncmp(commands[i].name, name, strlen(name)))
			d[i] = 1;
		if (d[i] < best)
			best = d[i];
	}
	fprintf(stderr, "bibscope: '%s' is not a bibscope command", name);
	for (size_t i = 0; best <= 2 && i < n; i++)
		if (d[i] == best)
			near[shown++] = commands[i].name;
	bs_cli_print_candidates("; did you mean ", " or ", "'", near, shown);
	fprintf(stderr, "%s See 'bibscope --help'.\n", shown ? "?" : ".");
}

static void print_warning(void *ud, const char *file, long line, const char *msg)
{
	bs_cli *cli = ud;

	if (cli->quiet || cli->diag.count > cli->warn_limit)
		return;
	bs_cli_print_warning(file, line, msg);
}

/* Another process holds the database's writer lock: say why we wait. */
static void print_wait(void *ud, const char *db, long pid)
{
	bs_cli *cli = ud;

	if (cli->quiet)
		return;
	if (pid > 0)
		fprintf(stderr, "%s: waiting for another bibscope process (pid %ld) to finish writing %s\n",
			cli->prog, pid, db);
	else
		fprintf(stderr, "%s: waiting for another bibscope process to finish writing %s\n", cli->prog, db);
}

/* A named pipe without a writer yet, or a terminal: say what we wait for. */
static void print_input_wait(void *ud, const char *name)
{
	bs_cli *cli = ud;

	if (!cli->quiet)
		fprintf(stderr, "%s: waiting for data on %s (a named pipe waits for a writer; Ctrl-C stops)\n",
			cli->prog, name);
}

/* git's run_builtin(): the command parses its options, then bs_cli_run
 * opens the store as the row's flags say and runs the command's body. */
static int run_command(const bs_command *cmd, int argc, char **argv, bs_cli *cli)
{
	cli->store_flags = cmd->flags;
	return cmd->fn(argc, argv, cli);
}

static void oom(size_t n)
{
	fprintf(stderr, "bibscope: fatal: out of memory (allocating %zu bytes)\n", n);
	exit(BS_EXIT_RUNTIME);
}

int main(int argc, char **argv)
{
	bs_cli cli;
	const char *env;

	memset(&cli, 0, sizeof cli);
	cli.prog = "bibscope";
	env = getenv("BIBSCOPE_DB");
	cli.db_path = env && *env ? env : "bibscope.db";
	cli.diag.warn = print_warning;
	cli.diag.ud = &cli;
	cli.warn_limit = 50;
	bs_set_oom_handler(oom);
#ifdef __GLIBC__
	/* glibc lowers its heap trim threshold as it goes; an ingest of many
	 * small files then grew and shrank the heap three times per file
	 * (brk and fresh zeroed pages: 3.3 s against 1.8 s for 20,000
	 * one-record files named by absolute paths).  Fixing it also fixes
	 * the mmap threshold, which glibc would otherwise raise past the
	 * per-file buffers: set both.  Free memory above 8 MiB at the top
	 * of the heap is still returned and allocations of 4 MiB and more
	 * still mapped, so the peaks of large fields stay as they were
	 * (tests/resource_test.sh); analyze trims the heap explicitly. */
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
	bs_input_set_wait_hook(print_input_wait, &cli);
	bs_store_set_wait_hook(print_wait, &cli);
	bs_igraph_init();
	env = getenv("BIBSCOPE_TRACE");   /* phase timestamps on stderr: docs/dev/performance.md */
	if (env && *env)
		bs_trace_start(stderr);
	/* A reader that closes our standard output (bibscope ... | head -1)
	 * ends the run quietly by SIGPIPE, as it ends cat or ls (status 141
	 * in a shell), even when the caller ignored the signal; writes to
	 * gnuplot block it (reports/gnuplot.c): a gnuplot that died is an
	 * error, not a kill. */
	signal(SIGPIPE, SIG_DFL);

	if (argc < 2) {
		usage(stderr);
		return BS_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return BS_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		int maj, min, pat;
		igraph_version(NULL, &maj, &min, &pat);
		printf("bibscope %s (SQLite %s, igraph %d.%d.%d)\n", BS_VERSION, bs_store_sqlite_version(),
		       (int)maj, (int)min, (int)pat);
		return BS_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			return run_command(&commands[i], argc - 1, argv + 1, &cli);
	unknown_command(argv[1]);
	return BS_EXIT_USAGE;
}
