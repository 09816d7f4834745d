#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int bs_cli_fail(bs_cli *cli, const bs_error *err)
{
	fprintf(stderr, "%s: error: %s\n", cli->prog, err->msg[0] ? err->msg : bs_error_name(err->code));
	return err->code == BS_ERR_USAGE ? BS_EXIT_USAGE : BS_EXIT_RUNTIME;
}

int bs_cli_usage_error(bs_cli *cli, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", cli->prog, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s %s --help'.\n", cli->prog, cmd);
	return BS_EXIT_USAGE;
}

long bs_cli_parse_count(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 100000000)
		return -1;
	return v;
}

int bs_cli_open_store(bs_cli *cli, bs_store **s, int readonly)
{
	bs_error err;

	bs_error_clear(&err);
	if (bs_store_open(s, cli->db_path, BS_STORE_MUST_EXIST | (readonly ? BS_STORE_READONLY : 0),
			  &err))
		return bs_cli_fail(cli, &err);
	return BS_EXIT_OK;
}

void bs_cli_warn_summary(bs_cli *cli)
{
	if (cli->diag.count > cli->warn_limit && !cli->quiet)
		fprintf(stderr, "%s: %ld more warnings not shown\n", cli->prog,
			cli->diag.count - cli->warn_limit);
}
