/* gnuplot labels (gnuplot.h): every text bs_gp_quote() makes is read back
 * by a real gnuplot as the same text, whatever quotes, backquotes, macros
 * or control characters it holds (regression: a venue named
 * "``Crystal Growth ...'', Ceramic Transactions" stopped the report,
 * since gnuplot ends 'a''''b' after "a'").  Skipped without gnuplot.
 * First, with SIGPIPE at its default action (as bibscope runs): a gnuplot
 * that exits at once is an error of bs_gp_close, not a kill of the
 * process, and no SIGPIPE is left pending. */
#include "test.h"
#include "reports/gnuplot.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

static void gnuplot_that_dies(void)
{
	bs_gp gp;
	bs_error err;
	sigset_t pend;
	int rc;

	signal(SIGPIPE, SIG_DFL);
	setenv("BIBSCOPE_GNUPLOT", "true", 1);
	bs_error_clear(&err);
	rc = bs_gp_open(&gp, &err);
	CHECK_INT(rc, BS_OK);
	if (rc)
		return;
	usleep(200000);   /* true has exited: the pipe has no reader */
	for (int i = 0; i < 20000; i++)
		bs_gp_cmd(&gp, "print 'line %d of a chart nobody reads'", i);
	CHECK_INT(gp.write_errno, EPIPE);
	rc = bs_gp_close(&gp, &err);
	CHECK(rc != BS_OK);
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, SIGPIPE));
	unsetenv("BIBSCOPE_GNUPLOT");
}

static const char *const texts[][2] = {
	/* text, what gnuplot must print */
	{"O'Brien", "O'Brien"},
	{"``Crystal Growth of Novel Electronic Materials'', Ceramic Transactions",
	 "``Crystal Growth of Novel Electronic Materials'\xE2\x80\x99, Ceramic Transactions"},
	{"'quoted'", "\xE2\x80\x99quoted'"},
	{"'", "\xE2\x80\x99"},
	{"''", "\xE2\x80\x99\xE2\x80\x99"},
	{"a''''b", "a'\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99" "b"},
	{"`echo injected` @macro $data \"dq\" \\n {x}_y^z", "`echo injected` @macro $data \"dq\" \\n {x}_y^z"},
	{"tab\there\nnewline\x01", "tab here newline "},
	{"Schr\xC3\xB6" "dinger", "Schr\xC3\xB6" "dinger"},
	/* what cairo or an SVG file cannot carry (regressions: U+FFFE failed
	 * the PDF, U+FFFF and "]]>" made the SVG not well-formed): noncharacters
	 * and bytes that are not UTF-8 as U+FFFD, a WORD JOINER in "]]>" */
	{"Ann \xEF\xBF\xBE \xEF\xBF\xBF \xEF\xB7\x90 \xF0\x9F\xBF\xBE", "Ann \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD"},
	{"lone \xED\xA0\x80 cut \xC3", "lone \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD cut \xEF\xBF\xBD"},
	{"a ]]> b ]> ]]]>", "a ]]\xE2\x81\xA0> b ]> ]]]\xE2\x81\xA0>"},
	{"", ""},
};

int main(void)
{
	char script[] = "/tmp/bs_test_gp_XXXXXX", out[64], line[512];
	bs_strbuf q = BS_STRBUF_INIT;
	size_t n = sizeof texts / sizeof texts[0], i = 0;
	FILE *f, *p;
	int fd;

	gnuplot_that_dies();
	if (system("gnuplot --version > /dev/null 2>&1") != 0) {
		fprintf(stderr, "gnuplot: not found, skipped\n");
		return 77;
	}
	fd = mkstemp(script);
	if (fd < 0)
		return 1;
	f = fdopen(fd, "w");
	fputs("set print '-'\n", f);
	bs_strbuf_init(&q);
	for (i = 0; i < n; i++) {
		bs_strbuf_reset(&q);
		bs_gp_quote(&q, texts[i][0]);
		CHECK(strchr(q.buf, '\n') == NULL);
		fprintf(f, "print '<' . %s . '>'\n", q.buf);
	}
	fclose(f);
	snprintf(out, sizeof out, "gnuplot %s 2>&1", script);
	p = popen(out, "r");
	CHECK(p != NULL);
	for (i = 0; p && fgets(line, sizeof line, p); i++) {
		char want[512];
		line[strcspn(line, "\n")] = 0;
		if (i < n) {
			snprintf(want, sizeof want, "<%s>", texts[i][1]);
			CHECK_STR(line, want);
		} else {
			CHECK_STR(line, "(nothing more)");
		}
	}
	CHECK_INT((int)i, (int)n);
	if (p)
		CHECK_INT(pclose(p), 0);
	unlink(script);
	bs_strbuf_release(&q);
	return test_done("gnuplot");
}
