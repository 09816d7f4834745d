/* bibscope ingest [--db FILE] [--format F] [--explain] [-q] [-v] [--progress] PATH... */
#include "cli/cli.h"
#include "base/clock.h"
#include "store/ingest.h"
#include "analysis/identity/identity.h"
#include "readers/reader.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
	"usage: bibscope ingest [--db FILE] [--format NAME] [--explain] [-q] [-v] [--progress]\n"
	"                       PATH...\n"
	"\n"
	"Read files (or directories, recursively) into the database.  Each file is\n"
	"one transaction; re-ingesting never duplicates a paper (matched by DOI, else\n"
	"URL, else title + year + first author).  .gz files are read transparently.\n"
	"\n"
	"  --db FILE       database (default $BIBSCOPE_DB, else ./bibscope.db)\n"
	"  --format NAME   do not sniff; read every file as NAME\n"
	"  --explain       print each duplicate with the evidence of the match\n"
	"  -n, --dry-run   parse and report only; the database is not touched\n"
	"  -v, --verbose   one line per file\n"
	"  -q, --quiet     no warnings, no progress bar\n"
	"  --progress      draw the progress bar even when stderr is not a terminal\n";

typedef struct ingest_ui {
	bs_cli *cli;
	int tty, verbose, explain;
	double last_draw;
	int drawn;
	bs_diag *diag;
} ingest_ui;

static void clear_bar(ingest_ui *ui)
{
	if (ui->drawn) {
		fputs("\r\033[K", stderr);
		ui->drawn = 0;
	}
}

static void on_progress(void *ud, uint64_t done, uint64_t total, const char *path)
{
	ingest_ui *ui = ud;
	double t = bs_clock_seconds();
	int width = 30, fill;
	const char *base;

	if (!ui->tty || t - ui->last_draw < 0.1 || !total)
		return;
	ui->last_draw = t;
	if (done > total)
		done = total;
	fill = (int)(width * (double)done / (double)total);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	fprintf(stderr, "\r[%.*s%*s] %3d%% %.40s\033[K", fill,
		"##############################", width - fill, "",
		(int)(100.0 * (double)done / (double)total), base);
	ui->drawn = 1;
}

static void on_file(void *ud, const bs_ingest_file_result *r)
{
	ingest_ui *ui = ud;

	clear_bar(ui);
	if (r->status) {
		if (bs_ingest_is_skip(r->status, r->from_walk)) {
			if (!ui->cli->quiet)
				fprintf(stderr, "%s: skipped: %s\n", ui->cli->prog, r->message);
		} else {
			fprintf(stderr, "%s: error: %s\n", ui->cli->prog, r->message);
		}
		return;
	}
	if (ui->verbose)
		printf("%s: %s, %ld read, %ld new, %ld duplicate, %ld skipped\n", r->path, r->format,
		       r->counts.read, r->counts.new_papers, r->counts.duplicate, r->counts.skipped);
}

static void on_empty(void *ud, const char *path)
{
	ingest_ui *ui = ud;

	clear_bar(ui);
	fprintf(stderr, "%s: warning: %s: no records found\n", ui->cli->prog, path);
}

static void on_match(void *ud, const char *path, const bs_record *rec, bs_match how, int64_t id)
{
	ingest_ui *ui = ud;

	if (!ui->explain)
		return;
	clear_bar(ui);
	printf("%s:%ld: duplicate of paper %lld (same %s): %s\n", path, rec->line, (long long)id,
	       bs_match_name(how), rec->title);
}

static void warn_through(void *ud, const char *file, long line, const char *msg)
{
	ingest_ui *ui = ud;

	if (ui->cli->quiet || ui->diag->count > ui->cli->warn_limit)
		return;
	clear_bar(ui);
	bs_cli_print_warning(file, line, msg);
}

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"format", required_argument, NULL, 'f'},
	{"explain", no_argument, NULL, 'e'},
	{"dry-run", no_argument, NULL, 'n'},
	{"verbose", no_argument, NULL, 'v'},
	{"quiet", no_argument, NULL, 'q'},
	{"progress", no_argument, NULL, 'P'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct ingest_args {
	bs_cli_common co;
	bs_ingest_opts o;
	ingest_ui ui;
	int progress;
} ingest_args;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	ingest_args *a = ud;

	(void)co;   /* --format names a reader here, not an output format */
	switch (c) {
	case 'f': a->o.format = arg; return 0;
	case 'e': a->ui.explain = 1; return 0;
	case 'n': a->o.dry_run = 1; return 0;
	case 'v': a->ui.verbose = 1; return 0;
	case 'q': cli->quiet = 1; return 0;
	case 'P': a->progress = 1; return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 0};

static const bs_cli_spec spec = {
	.cmd = "ingest", .shortopts = "d:f:envqh", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .operands = 1, .option = option,
};

static void print_totals(bs_cli *cli, const bs_ingest_totals *t, double seconds)
{
	printf("ingested %ld file%s (%.1f MB) in %.2f s: %ld records read, %ld new, %ld duplicate,"
	       " %ld skipped, %ld warning%s\n",
	       t->files, t->files == 1 ? "" : "s", (double)t->bytes / 1e6, seconds, t->read,
	       t->new_papers, t->duplicate, t->skipped, t->warnings, t->warnings == 1 ? "" : "s");
	if (t->files_skipped)
		printf("%ld file%s skipped (empty, or not bibliographic data)\n", t->files_skipped,
		       t->files_skipped == 1 ? "" : "s");
	if (t->files_failed)
		fprintf(stderr, "%s: %ld file%s failed; nothing of %s was stored\n", cli->prog,
			t->files_failed, t->files_failed == 1 ? "" : "s",
			t->files_failed == 1 ? "it" : "them");
}

/* Assign the new papers' bylines to persons (the blocks of names they
 * touch).  The papers are stored already: a failure here leaves them
 * with their names as persons until the next ingest or 'identity'. */
typedef struct identity_outcome {
	int done, failed;
	bs_identity_report r;
	double seconds;
} identity_outcome;

static int resolve_identity(bs_cli *cli, bs_store *s, const bs_ingest_totals *t, identity_outcome *out)
{
	bs_identity_opts o;
	bs_error err;
	double t0 = bs_clock_seconds();
	int rc;

	if (!t->new_papers && !t->duplicate)
		return BS_OK;   /* no paper stored or merged into */
	bs_error_clear(&err);
	bs_identity_opts_init(&o);
	rc = bs_identity_resolve(s, &o, &out->r, &err);
	out->seconds = bs_clock_seconds() - t0;
	out->done = !rc;
	out->failed = rc != BS_OK;
	if (rc)
		fprintf(stderr, "%s: identity resolution failed (the papers are stored; run 'bibscope identity"
			" --rebuild'): %s\n", cli->prog, err.msg);
	return rc;
}

/* The ingest opens the store itself (BS_CMD_STORE_SELF): it may create
 * it, and closing it publishes a new database at its path. */
static int run(bs_cli *cli, void *ud)
{
	ingest_args *a = ud;
	bs_ingest_totals t;
	identity_outcome idn;
	bs_diag diag;
	bs_store *s = NULL;
	bs_error err;
	double t0;
	int existed;

	a->ui.tty = !cli->quiet && (a->progress || isatty(2));
	diag.warn = warn_through;
	diag.ud = &a->ui;
	diag.count = 0;
	a->ui.diag = &diag;
	a->o.diag = &diag;
	a->o.on_progress = on_progress;
	a->o.on_file = on_file;
	a->o.on_match = on_match;
	a->o.on_empty = on_empty;
	a->o.ud = &a->ui;

	bs_error_clear(&err);
	existed = access(cli->db_path, F_OK) == 0;
	if (!a->o.dry_run && bs_store_open(&s, cli->db_path, BS_STORE_BUILD, &err))
		return bs_cli_fail(cli, &err);
	t0 = bs_clock_seconds();
	/* Not the result but the totals decide: it fails only when a file
	 * failed, which on_file reported and t.files_failed counts, or when
	 * finishing the database failed, which t.store_failed says (with
	 * err); the totals also tell the paths that held no record. */
	if (bs_ingest_paths(s, (const char *const *)a->co.argv, a->co.argc, &a->o, &t, &err) != BS_OK &&
	    !t.files_failed && !t.store_failed)
		t.files_failed = 1;   /* a failure no file was counted for */
	clear_bar(&a->ui);
	memset(&idn, 0, sizeof idn);
	if (s && !t.store_failed && !t.files_not_tried)
		(void)resolve_identity(cli, s, &t, &idn);   /* idn.failed says */
	bs_store_close(s);
	if (t.files_not_tried)
		fprintf(stderr, "%s: stopped: the database cannot be written; %ld more file%s not read\n",
			cli->prog, t.files_not_tried, t.files_not_tried == 1 ? "" : "s");
	if (t.store_failed)   /* e.g. the new database could not be put in place */
		return bs_cli_fail(cli, &err);
	cli->diag.count = diag.count;
	bs_cli_warn_summary(cli);
	print_totals(cli, &t, bs_clock_seconds() - t0);
	if (idn.done && idn.r.mode == BS_IDENTITY_PERSONS && idn.r.blocks_resolved)
		printf("identity: %lld bylines of %lld names -> %lld persons (%lld names split, %lld merged)"
		       " in %.2f s\n", (long long)idn.r.counts.mentions, (long long)idn.r.counts.names,
		       (long long)idn.r.counts.persons, (long long)idn.r.counts.split_names,
		       (long long)idn.r.counts.merged_names, idn.seconds);
	if (!a->o.dry_run && !existed && access(cli->db_path, F_OK) != 0)
		fprintf(stderr, "%s: nothing stored: %s not created\n", cli->prog, cli->db_path);
	/* a named path that failed or held no record is an error: it was
	 * probably not the path meant */
	return t.files_failed || t.paths_empty || idn.failed ? BS_EXIT_RUNTIME : BS_EXIT_OK;
}

int cmd_ingest(int argc, char **argv, bs_cli *cli)
{
	ingest_args a;
	int rc;

	memset(&a, 0, sizeof a);
	a.ui.cli = cli;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &a.co, &a)) != BS_CLI_PARSED)
		return rc;
	if (a.co.argc == 0)
		return bs_cli_usage_error(cli, "ingest", "no input files given");
	if (a.o.format && !bs_reader_find(a.o.format)) {
		fprintf(stderr, "%s ingest: unknown format '%s'; known:", cli->prog, a.o.format);
		for (size_t i = 0; bs_reader_formats[i]; i++)
			fprintf(stderr, " %s", bs_reader_formats[i]->name);
		fputc('\n', stderr);
		return BS_EXIT_USAGE;
	}
	return bs_cli_run(cli, run, &a);
}
