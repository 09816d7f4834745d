/* bibscope identity [--persons | --names-only] [--aliases FILE | --no-aliases]
 *                   [--rebuild] [--format F] [--db FILE] */
#include "analysis/identity/identity.h"
#include "base/clock.h"
#include "readers/input.h"
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: bibscope identity [--persons | --names-only] [--aliases FILE | --no-aliases]\n"
	"                         [--rebuild] [--format table|csv|json|tsv] [--db FILE]\n"
	"\n"
	"Which person each byline belongs to.  Without options: the state (mode, bylines,\n"
	"names, persons, names split into several persons, names merged into another).\n"
	"'ingest' resolves the blocks of names its new papers touch; this command\n"
	"changes how, and resolves every block again.\n"
	"\n"
	"  --persons        resolve bylines to persons (the default)\n"
	"  --names-only     one person per name, as written (resolution off)\n"
	"  --aliases FILE   rules that override the automatic decisions, stored in the\n"
	"                   database (lines: same/apart NAME NAME..., person LABEL\n"
	"                   KEY:POS...; fields separated by tabs; see docs/user/identity.md)\n"
	"  --no-aliases     forget the stored rules\n"
	"  --rebuild        resolve every block again\n"
	"See the persons under a name and why: bibscope author NAME --explain\n";

enum { OPT_PERSONS = 1000, OPT_NAMES_ONLY, OPT_ALIASES, OPT_NO_ALIASES, OPT_REBUILD };

static const struct option opts[] = {
	{"db", required_argument, NULL, 'd'},
	{"persons", no_argument, NULL, OPT_PERSONS},
	{"names-only", no_argument, NULL, OPT_NAMES_ONLY},
	{"aliases", required_argument, NULL, OPT_ALIASES},
	{"no-aliases", no_argument, NULL, OPT_NO_ALIASES},
	{"rebuild", no_argument, NULL, OPT_REBUILD},
	{"format", required_argument, NULL, 'F'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}
};

typedef struct identity_args {
	bs_cli_common co;
	bs_identity_opts io;
	const char *aliases_path;
	int no_aliases, act;
	char *text;
} identity_args;

static int option(bs_cli *cli, bs_cli_common *co, int c, const char *arg, void *ud)
{
	identity_args *a = ud;

	(void)co;
	switch (c) {
	case OPT_PERSONS:
	case OPT_NAMES_ONLY:
		if (a->io.set_mode && a->io.mode != (c == OPT_PERSONS ? BS_IDENTITY_PERSONS : BS_IDENTITY_NAMES))
			return bs_cli_usage_error(cli, "identity", "--persons or --names-only, not both");
		a->io.set_mode = 1;
		a->io.mode = c == OPT_PERSONS ? BS_IDENTITY_PERSONS : BS_IDENTITY_NAMES;
		a->act = 1;
		return 0;
	case OPT_ALIASES:
		if (!*arg)
			return bs_cli_usage_error(cli, "identity", "--aliases takes a file");
		a->aliases_path = arg;
		a->act = 1;
		return 0;
	case OPT_NO_ALIASES: a->no_aliases = 1; a->act = 1; return 0;
	case OPT_REBUILD: a->io.rebuild = 1; a->act = 1; return 0;
	}
	return -1;
}

static const int aliases[] = {'d', OPT_DB, 'F', OPT_FORMAT, 0};

static const bs_cli_spec spec = {
	.cmd = "identity", .shortopts = "d:F:h", .longopts = opts, .usage = usage_text,
	.aliases = aliases, .option = option,
};

/* The alias file whole (at most 64 MiB: a rule file, not data). */
/* The alias file as UTF-8 text: through bs_input, as the readers read,
 * so a byte-order mark, CRLF lines, UTF-16 and gzip read alike. */
static int read_text(const char *path, char **out, bs_error *err)
{
	bs_input *in = NULL;
	bs_strbuf b = BS_STRBUF_INIT;
	char buf[65536];
	ssize_t n;
	int rc;

	*out = NULL;
	bs_strbuf_init(&b);
	rc = bs_input_open(&in, path, err);
	if (rc)
		goto done;
	bs_input_no_digest(in);
	while ((n = bs_input_read(in, buf, sizeof buf, err)) > 0) {
		if (b.len + (size_t)n > (size_t)64 << 20) {
			rc = bs_error_set(err, BS_ERR_LIMIT, "%s: larger than 64 MiB; not an alias file?", path);
			goto done;
		}
		bs_strbuf_add(&b, buf, (size_t)n);
	}
	if (n < 0) {
		rc = err->code ? err->code : BS_ERR_IO;
		goto done;
	}
	*out = bs_strbuf_detach(&b, NULL);
done:
	bs_input_close(in);
	bs_strbuf_release(&b);
	return rc;
}

static void add_row(bs_table *t, const char *what, const char *value)
{
	size_t r = bs_table_add_row(t);
	bs_table_set_text(t, r, 0, what);
	bs_table_set_text(t, r, 1, value);
}

static void add_int(bs_table *t, const char *what, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	add_row(t, what, buf);
}

static int run(bs_cli *cli, void *ud)
{
	identity_args *a = ud;
	static const char *const cols[] = {"measure", "value"};
	static const bs_col_type types[] = {BS_COL_TEXT, BS_COL_TEXT};
	bs_identity_report r;
	bs_identity_state st;
	bs_table t;
	bs_error err;
	double t0 = bs_clock_seconds();
	int rc = BS_OK;

	bs_error_clear(&err);
	memset(&r, 0, sizeof r);
	memset(&st, 0, sizeof st);
	memset(&t, 0, sizeof t);
	if (a->aliases_path && read_text(a->aliases_path, &a->text, &err))
		return bs_cli_fail(cli, &err);
	if (a->aliases_path || a->no_aliases) {
		a->io.set_aliases = 1;
		a->io.aliases_text = a->text;
		a->io.aliases_path = a->aliases_path;
	}
	if (a->act)
		rc = bs_identity_resolve(cli->store, &a->io, &r, &err);
	else
		rc = bs_identity_count(cli->store, &r.counts, &err);
	if (!rc)
		rc = bs_identity_state_get(cli->store, &st, &err);
	if (rc) {
		bs_identity_state_release(&st);
		return bs_cli_fail(cli, &err);
	}
	bs_table_init(&t, 2, cols, types);
	add_row(&t, "mode", st.mode == BS_IDENTITY_NAMES ? "names only" : "persons");
	add_int(&t, "bylines", r.counts.mentions);
	add_int(&t, "names", r.counts.names);
	add_int(&t, "persons", r.counts.persons);
	add_int(&t, "names split into several persons", r.counts.split_names);
	add_int(&t, "names merged into another's person", r.counts.merged_names);
	add_row(&t, "alias rules", st.aliases_path ? st.aliases_path : st.aliases ? "(stored)" : "none");
	add_row(&t, "resolved at", st.resolved_at[0] ? st.resolved_at : "never");
	if (a->act) {
		char buf[32];
		add_int(&t, "blocks resolved", r.blocks_resolved);
		add_int(&t, "bylines reassigned", r.reassigned);
		snprintf(buf, sizeof buf, "%.2f", bs_clock_seconds() - t0);
		add_row(&t, "seconds", buf);
	}
	bs_identity_state_release(&st);
	return bs_cli_print_table(cli, BS_OK, &t, a->co.fmt, "", &err);
}

int cmd_identity(int argc, char **argv, bs_cli *cli)
{
	identity_args a;
	int rc;

	memset(&a, 0, sizeof a);
	bs_identity_opts_init(&a.io);
	a.co.fmt = BS_FMT_TABLE;
	if ((rc = bs_cli_parse(cli, &spec, argc, argv, &a.co, &a)) != BS_CLI_PARSED)
		return rc;
	if (a.aliases_path && a.no_aliases)
		return bs_cli_usage_error(cli, "identity", "--aliases or --no-aliases, not both");
	rc = bs_cli_run(cli, run, &a);
	free(a.text);
	return rc;
}
