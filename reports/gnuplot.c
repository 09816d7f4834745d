#include "gnuplot.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int on_path(const char *prog)
{
	const char *path = getenv("PATH");
	bs_strbuf p = BS_STRBUF_INIT;
	int found = 0;

	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	if (!path)
		path = "/usr/bin:/bin";
	bs_strbuf_init(&p);
	while (*path && !found) {
		const char *e = strchr(path, ':');
		size_t n = e ? (size_t)(e - path) : strlen(path);
		bs_strbuf_reset(&p);
		bs_strbuf_add(&p, path, n);
		bs_strbuf_addc(&p, '/');
		bs_strbuf_adds(&p, prog);
		found = access(p.buf, X_OK) == 0;
		path += n + (e ? 1 : 0);
	}
	bs_strbuf_release(&p);
	return found;
}

int bs_gp_open(bs_gp *gp, bs_error *err)
{
	const char *prog = getenv("BIBSCOPE_GNUPLOT");
	bs_strbuf cmd = BS_STRBUF_INIT;
	int fd;

	memset(gp, 0, sizeof *gp);
	if (!prog || !*prog)
		prog = "gnuplot";
	/* the program name is the user's own setting, but keep it simple */
	if (strspn(prog, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") != strlen(prog))
		return bs_error_set(err, BS_ERR_USAGE, "BIBSCOPE_GNUPLOT: unusual characters in '%s'", prog);
	if (!on_path(prog))
		return bs_error_set(err, BS_ERR_EXTERNAL,
				    "gnuplot not found: install the gnuplot-nox package (apt-get install gnuplot-nox)");
	snprintf(gp->errpath, sizeof gp->errpath, "/tmp/bibscope-gnuplot-XXXXXX");
	fd = mkstemp(gp->errpath);
	if (fd < 0)
		return bs_error_set(err, BS_ERR_IO, "cannot create a temporary file: %s", strerror(errno));
	close(fd);
	bs_strbuf_init(&cmd);
	bs_strbuf_addf(&cmd, "exec %s 2>%s", prog, gp->errpath);
	fflush(NULL);
	gp->pipe = popen(cmd.buf, "w");
	bs_strbuf_release(&cmd);
	if (!gp->pipe) {
		unlink(gp->errpath);
		return bs_error_set(err, BS_ERR_EXTERNAL, "cannot start gnuplot: %s", strerror(errno));
	}
	bs_gp_cmd(gp, "set encoding utf8");
	bs_gp_cmd(gp, "set datafile separator '\\t'");
	return BS_OK;
}

void bs_gp_cmd(bs_gp *gp, const char *fmt, ...)
{
	va_list ap;

	if (gp->record) {
		va_start(ap, fmt);
		bs_strbuf_vaddf(gp->record, fmt, ap);
		va_end(ap);
		bs_strbuf_addc(gp->record, '\n');
	}
	if (!gp->pipe)
		return;
	va_start(ap, fmt);
	vfprintf(gp->pipe, fmt, ap);
	va_end(ap);
	fputc('\n', gp->pipe);
	gp->commands++;
}

void bs_gp_init_script(bs_gp *gp, bs_strbuf *into)
{
	memset(gp, 0, sizeof *gp);
	gp->record = into;
}

void bs_gp_replay(bs_gp *gp, const bs_strbuf *script)
{
	if (!gp->pipe || !script->len)
		return;
	fwrite(script->buf, 1, script->len, gp->pipe);
	gp->commands++;
}

void bs_gp_quote(bs_strbuf *out, const char *s)
{
	const char *start = s;

	bs_strbuf_addc(out, '\'');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		/* gnuplot's scanner misreads a doubled quote at the start of a
		 * string or right after another one ('''a' and 'a''''b' end
		 * early): such a quote is written as U+2019 */
		if (c == '\'' && (s == start || s[-1] == '\''))
			bs_strbuf_adds(out, "\xE2\x80\x99");
		else if (c == '\'')
			bs_strbuf_adds(out, "''");
		else if (c < 0x20 || c == 0x7F)
			bs_strbuf_addc(out, ' ');
		else
			bs_strbuf_addc(out, (char)c);
	}
	bs_strbuf_addc(out, '\'');
}

void bs_gp_chart(bs_gp *gp, const char *name)
{
	bs_gp_cmd(gp, "print '@@chart %s'", name);
}

int bs_gp_close(bs_gp *gp, bs_error *err)
{
	int status, rc = BS_OK;
	FILE *f;
	char line[1024], chart[1024] = "", msg[1100] = "";

	if (!gp->pipe)
		return BS_OK;
	bs_gp_cmd(gp, "quit");
	status = pclose(gp->pipe);
	gp->pipe = NULL;
	f = fopen(gp->errpath, "r");
	while (f && fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!strncmp(line, "@@chart ", 8)) {
			if (!msg[0])
				snprintf(chart, sizeof chart, "%s", line + 8);
		} else if (!msg[0] && strstr(line, "line ") && strchr(line, ':') && !strstr(line, "arning")) {
			/* the first error; the chart marked before it is the culprit */
			const char *m = strstr(line, "line ");
			snprintf(msg, sizeof msg, "%s", m);
		}
	}
	if (f)
		fclose(f);
	unlink(gp->errpath);
	if (status != 0 || msg[0]) {
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (code == 127)
			rc = bs_error_set(err, BS_ERR_EXTERNAL,
					  "gnuplot not found: install the gnuplot-nox package (apt-get install gnuplot-nox)");
		else
			rc = bs_error_set(err, BS_ERR_EXTERNAL, "chart '%s' failed: gnuplot %s%d%s%s",
					  chart[0] ? chart : "(setup)", msg[0] ? "reported an error (exit status " :
					  "exited with status ", code, msg[0] ? "): " : "", msg);
	}
	return rc;
}
