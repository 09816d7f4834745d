#include "reports/gnuplot.h"

#include "reports/xmltext.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

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

/* the child's side of bs_gp_open_in: only async-signal-safe calls */
static void exec_gnuplot(const char *prog, int in, int errfd, const char *dir)
{
	int null = open("/dev/null", O_WRONLY);

	if (in < 0 || null < 0 || dup2(in, 0) < 0 || dup2(null, 1) < 0 || dup2(errfd, 2) < 0)
		_exit(126);
	if (dir && chdir(dir) != 0)
		_exit(126);
#ifdef __linux__
	/* gnuplot dies with us: a killed report leaves no gnuplot writing
	 * into a build directory the next run removes */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	execlp(prog, prog, (char *)NULL);
	_exit(127);
}

int bs_gp_open_in(bs_gp *gp, const char *dir, bs_error *err)
{
	const char *prog = getenv("BIBSCOPE_GNUPLOT");
	char errpath[64], cwd[4096];
	bs_strbuf abs = BS_STRBUF_INIT;
	int fds[2] = {-1, -1}, rc = BS_OK;
	pid_t pid;

	memset(gp, 0, sizeof *gp);
	gp->errfd = -1;
	bs_strbuf_init(&abs);
	if (!prog || !*prog)
		prog = "gnuplot";
	/* the program name is the user's own setting, but keep it simple */
	if (strspn(prog, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") != strlen(prog)) {
		rc = bs_error_set(err, BS_ERR_USAGE, "BIBSCOPE_GNUPLOT: unusual characters in '%s'", prog);
		goto cleanup;
	}
	if (!on_path(prog)) {
		rc = bs_error_set(err, BS_ERR_EXTERNAL,
				  "gnuplot not found: install the gnuplot-nox package (apt-get install gnuplot-nox)");
		goto cleanup;
	}
	/* a relative program path must survive the change of directory */
	if (strchr(prog, '/') && prog[0] != '/' && getcwd(cwd, sizeof cwd)) {
		bs_strbuf_addf(&abs, "%s/%s", cwd, prog);
		prog = abs.buf;
	}
	snprintf(errpath, sizeof errpath, "/tmp/bibscope-gnuplot-XXXXXX");
	gp->errfd = mkstemp(errpath);
	if (gp->errfd < 0) {
		rc = bs_error_set(err, BS_ERR_IO, "cannot create a temporary file in /tmp: %s", strerror(errno));
		goto cleanup;
	}
	unlink(errpath);
	if (pipe(fds) != 0) {
		rc = bs_error_set(err, BS_ERR_EXTERNAL, "cannot start gnuplot: %s", strerror(errno));
		goto cleanup;
	}
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	fcntl(gp->errfd, F_SETFD, FD_CLOEXEC);
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		exec_gnuplot(prog, fds[0], gp->errfd, dir);
	if (pid < 0) {
		rc = bs_error_set(err, BS_ERR_EXTERNAL, "cannot start gnuplot: %s", strerror(errno));
		goto cleanup;
	}
	gp->pid = pid;
	gp->pipe = fdopen(fds[1], "w");
	if (!gp->pipe) {
		rc = bs_error_set(err, BS_ERR_EXTERNAL, "cannot start gnuplot: %s", strerror(errno));
		goto cleanup;
	}
	fds[1] = -1;
	bs_gp_cmd(gp, "set encoding utf8");
	bs_gp_cmd(gp, "set datafile separator '\\t'");
cleanup:
	if (fds[0] >= 0)
		close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	if (rc && gp->pid > 0) {
		kill(gp->pid, SIGTERM);
		waitpid(gp->pid, NULL, 0);
		gp->pid = 0;
	}
	if (rc && gp->errfd >= 0) {
		close(gp->errfd);
		gp->errfd = -1;
	}
	bs_strbuf_release(&abs);
	return rc;
}

int bs_gp_open(bs_gp *gp, bs_error *err)
{
	return bs_gp_open_in(gp, NULL, err);
}

/* A gnuplot that died is an error (write_errno EPIPE), not a kill, while
 * SIGPIPE keeps its default action for the rest of the process, so that a
 * closed standard output ends bibscope quietly.  Every write to the pipe
 * (stdio may flush in any call) runs with SIGPIPE blocked in this thread;
 * a SIGPIPE the write raised is taken back before it is unblocked. */
typedef struct pipe_guard {
	sigset_t old;
	int pending;     /* a SIGPIPE was pending before: not ours to take */
} pipe_guard;

static void guard_on(pipe_guard *g)
{
	sigset_t set, pend;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &g->old);
	g->pending = sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE) == 1;
}

static void guard_off(pipe_guard *g)
{
	sigset_t set, pend;
	struct timespec zero = {0, 0};
	int e = errno;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	if (!g->pending && sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE) == 1)
		while (sigtimedwait(&set, NULL, &zero) < 0 && errno == EINTR)
			;
	pthread_sigmask(SIG_SETMASK, &g->old, NULL);
	errno = e;
}

void bs_gp_cmd(bs_gp *gp, const char *fmt, ...)
{
	pipe_guard g;
	va_list ap;

	if (gp->record) {
		va_start(ap, fmt);
		bs_strbuf_vaddf(gp->record, fmt, ap);
		va_end(ap);
		bs_strbuf_addc(gp->record, '\n');
	}
	if (!gp->pipe)
		return;
	guard_on(&g);
	va_start(ap, fmt);
	if ((vfprintf(gp->pipe, fmt, ap) < 0 || fputc('\n', gp->pipe) == EOF) && !gp->write_errno)
		gp->write_errno = errno ? errno : EIO;
	va_end(ap);
	guard_off(&g);
	gp->commands++;
}

void bs_gp_init_script(bs_gp *gp, bs_strbuf *into)
{
	memset(gp, 0, sizeof *gp);
	gp->record = into;
}

void bs_gp_replay(bs_gp *gp, const bs_strbuf *script)
{
	pipe_guard g;

	if (!gp->pipe || !script->len)
		return;
	guard_on(&g);
	if (fwrite(script->buf, 1, script->len, gp->pipe) != script->len && !gp->write_errno)
		gp->write_errno = errno ? errno : EIO;
	guard_off(&g);
	gp->commands++;
}

void bs_gp_quote(bs_strbuf *out, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : ""), *start = p, *end;

	end = p + strlen((const char *)p);
	bs_strbuf_addc(out, '\'');
	while (p < end) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k;
		unsigned char c = *p;

		if (c < 0x80) {
			/* gnuplot's scanner misreads a doubled quote at the start of a
			 * string or right after another one ('''a' and 'a''''b' end
			 * early): such a quote is written as U+2019 */
			if (c == '\'' && (p == start || p[-1] == '\''))
				bs_strbuf_adds(out, "\xE2\x80\x99");
			else if (c == '\'')
				bs_strbuf_adds(out, "''");
			else if (c < 0x20 || c == 0x7F)
				bs_strbuf_addc(out, ' ');
			else if (c == '>' && p - start >= 2 && p[-1] == ']' && p[-2] == ']')
				bs_strbuf_adds(out, "\xE2\x81\xA0>");   /* WORD JOINER: "]]>" is no XML text */
			else
				bs_strbuf_addc(out, (char)c);
			p++;
			continue;
		}
		k = utf8proc_iterate(p, end - p, &cp);
		if (k <= 0) {
			bs_strbuf_adds(out, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		if (bs_label_char_ok(cp))
			bs_strbuf_add(out, p, (size_t)k);
		else
			bs_strbuf_adds(out, "\xEF\xBF\xBD");
		p += k;
	}
	bs_strbuf_addc(out, '\'');
}

void bs_gp_chart(bs_gp *gp, const char *name)
{
	bs_gp_cmd(gp, "print '@@chart %s'", name);
}

int bs_gp_close(bs_gp *gp, bs_error *err)
{
	int status = 0, rc = BS_OK, script_error = 0, werr, code;
	FILE *f = NULL;
	char line[1024], chart[1024] = "", prev[1024] = "", before[1024] = "", msg[1100] = "", term[1024] = "";
	pipe_guard g;

	if (!gp->pipe)
		return BS_OK;
	bs_gp_cmd(gp, "quit");
	guard_on(&g);
	if (fclose(gp->pipe) != 0 && !gp->write_errno)
		gp->write_errno = errno;
	guard_off(&g);
	werr = gp->write_errno;
	gp->pipe = NULL;
	while (waitpid(gp->pid, &status, 0) < 0 && errno == EINTR)
		;
	gp->pid = 0;
	if (lseek(gp->errfd, 0, SEEK_SET) == 0)
		f = fdopen(gp->errfd, "r");
	if (!f)
		close(gp->errfd);
	gp->errfd = -1;
	while (f && fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!strncmp(line, "@@chart ", 8)) {
			if (!msg[0] && !term[0] && strcmp(line + 8, chart)) {
				snprintf(prev, sizeof prev, "%s", chart);
				snprintf(chart, sizeof chart, "%s", line + 8);
			}
		} else if (!msg[0] && strstr(line, "line ") && strchr(line, ':') && !strstr(line, "arning")) {
			/* the first error; the chart marked before it is the culprit */
			snprintf(msg, sizeof msg, "%s", strstr(line, "line "));
			script_error = 1;
		} else if (script_error && !strncmp(line, "system error: ", 14) && strlen(msg) < 900) {
			/* "cannot open file" says why on the next line */
			size_t m = strlen(msg);
			snprintf(msg + m, sizeof msg - m, " (%s)", line + 14);
		} else if (!msg[0] && !term[0] && !strstr(line, "arning") && line[strspn(line, " ^")]) {
			/* a message without a script line: the terminal's own
			 * (cairo), unless a script error follows (this is then
			 * the echo of the command) */
			snprintf(term, sizeof term, "%s", line + strspn(line, " "));
			snprintf(before, sizeof before, "%s", prev);
		}
	}
	if (!msg[0] && term[0] && status != 0)
		snprintf(msg, sizeof msg, "%s", term);
	else
		before[0] = '\0';
	if (f)
		fclose(f);
	code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == 127)
		rc = bs_error_set(err, BS_ERR_EXTERNAL,
				  "gnuplot not found: install the gnuplot-nox package (apt-get install gnuplot-nox)");
	else if (werr && !msg[0])
		rc = bs_error_set(err, BS_ERR_EXTERNAL, "cannot send the commands of chart '%s' to gnuplot: %s",
				  chart[0] ? chart : "(setup)", strerror(werr));
	else if (!script_error && before[0])
		rc = bs_error_set(err, BS_ERR_EXTERNAL, "chart '%s' (or '%s' before it) failed: gnuplot (exit status %d): %s",
				  chart, before, code, msg);
	else if (status != 0 || msg[0])
		rc = bs_error_set(err, BS_ERR_EXTERNAL, "chart '%s' failed: gnuplot %s%d%s%s",
				  chart[0] ? chart : "(setup)", msg[0] ? "reported an error (exit status " :
				  "exited with status ", code, msg[0] ? "): " : "", msg);
	return rc;
}
