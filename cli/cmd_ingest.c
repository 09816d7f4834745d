/* bibscope ingest [--db FILE] [--format F] [--explain] [-q] [-v] [--progress] PATH... */
#include "cli/cli.h"
#include "base/clock.h"
#include "store/ingest.h"
#include "readers/reader.h"

#include <getopt.h>
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
	if (line)
		fprintf(stderr, "%s:%ld: warning: %s\n", file, line, msg);
	else if (file)
		fprintf(stderr, "%s: warning: %s\n", file, msg);
	else
		fprintf(stderr, "warning: %s\n", msg);
}

int cmd_ingest(int argc, char **argv, bs_cli *cli)
{
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
	ingest_ui ui;
	bs_ingest_opts o;
	bs_ingest_totals t;
	bs_diag diag;
	bs_store *s = NULL;
	bs_error err;
	double t0;
	int c, rc, existed, progress = 0;

	memset(&ui, 0, sizeof ui);
	memset(&o, 0, sizeof o);
	ui.cli = cli;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:f:envqh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cli->db_path = optarg; break;
		case 'f': o.format = optarg; break;
		case 'e': ui.explain = 1; break;
		case 'n': o.dry_run = 1; break;
		case 'v': ui.verbose = 1; break;
		case 'q': cli->quiet = 1; break;
		case 'P': progress = 1; break;
		case 'h': fputs(usage_text, stdout); return BS_EXIT_OK;
		default:
			return bs_cli_usage_error(cli, "ingest", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return bs_cli_usage_error(cli, "ingest", "no input files given");
	if (o.format && !bs_reader_find(o.format)) {
		fprintf(stderr, "%s ingest: unknown format '%s'; known:", cli->prog, o.format);
		for (size_t i = 0; bs_reader_formats[i]; i++)
			fprintf(stderr, " %s", bs_reader_formats[i]->name);
		fputc('\n', stderr);
		return BS_EXIT_USAGE;
	}
	ui.tty = !cli->quiet && (progress || isatty(2));
	diag.warn = warn_through;
	diag.ud = &ui;
	diag.count = 0;
	ui.diag = &diag;
	o.diag = &diag;
	o.on_progress = on_progress;
	o.on_file = on_file;
	o.on_match = on_match;
	o.on_empty = on_empty;
	o.ud = &ui;

	bs_error_clear(&err);
	existed = access(cli->db_path, F_OK) == 0;
	if (!o.dry_run && bs_store_open(&s, cli->db_path, BS_STORE_BUILD, &err))
		return bs_cli_fail(cli, &err);
	t0 = bs_clock_seconds();
	rc = bs_ingest_paths(s, (const char *const *)argv + optind, argc - optind, &o, &t, &err);
	clear_bar(&ui);
	bs_store_close(s);
	if (t.files_not_tried)
		fprintf(stderr, "%s: stopped: the database cannot be written; %ld more file%s not read\n",
			cli->prog, t.files_not_tried, t.files_not_tried == 1 ? "" : "s");
	if (t.store_failed)   /* e.g. the new database could not be put in place */
		return bs_cli_fail(cli, &err);
	cli->diag.count = diag.count;
	bs_cli_warn_summary(cli);
	printf("ingested %ld file%s (%.1f MB) in %.2f s: %ld records read, %ld new, %ld duplicate,"
	       " %ld skipped, %ld warning%s\n",
	       t.files, t.files == 1 ? "" : "s", (double)t.bytes / 1e6, bs_clock_seconds() - t0, t.read,
	       t.new_papers, t.duplicate, t.skipped, t.warnings, t.warnings == 1 ? "" : "s");
	if (t.files_skipped)
		printf("%ld file%s skipped (empty, or not bibliographic data)\n", t.files_skipped,
		       t.files_skipped == 1 ? "" : "s");
	if (t.files_failed)
		fprintf(stderr, "%s: %ld file%s failed; nothing of %s was stored\n", cli->prog,
			t.files_failed, t.files_failed == 1 ? "" : "s",
			t.files_failed == 1 ? "it" : "them");
	if (!o.dry_run && !existed && access(cli->db_path, F_OK) != 0)
		fprintf(stderr, "%s: nothing stored: %s not created\n", cli->prog, cli->db_path);
	(void)rc;
	/* a named path that failed or held no record is an error: it was
	 * probably not the path meant */
	return t.files_failed || t.paths_empty ? BS_EXIT_RUNTIME : BS_EXIT_OK;
}
