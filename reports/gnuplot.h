/* gnuplot.h - one gnuplot process driven through a pipe.
 *
 * Safety: user text never becomes gnuplot command text.  Numbers go through
 * inline datablocks ($name << EOD ... EOD, tab-separated, numbers only);
 * labels (names, terms, titles) go through bs_gp_quote(), which produces a
 * single-quoted gnuplot string with quotes doubled (a quote that starts
 * the text or follows another one, which gnuplot's scanner misreads, is
 * written as U+2019), control characters as spaces, and what a renderer
 * or an SVG file cannot carry changed (xmltext.h: noncharacters, which
 * cairo refuses, and bytes that are not UTF-8 as U+FFFD; "]]>", which
 * gnuplot's SVG terminal writes unescaped and which XML forbids in text,
 * with a WORD JOINER after "]]") -- gnuplot performs no substitution
 * (backquotes, macros, system()) inside single-quoted strings -- and the
 * terminals run in noenhanced mode, so "_", "^", "@", "{" in names are
 * printed as they are.
 *
 * Output: gnuplot runs in a directory the caller names, and charts are
 * written to fixed file names in it, so no user path reaches gnuplot.  Its
 * standard output is /dev/null: when `set output` fails gnuplot writes the
 * chart to its standard output, which used to be ours.
 *
 * Errors: gnuplot's stderr goes to an unlinked temporary file (nothing is
 * left behind after a kill).  Before each chart the driver prints a marker
 * naming it; when gnuplot fails (it stops at the first error when reading
 * a pipe), bs_gp_close() reports the chart whose marker came last, with
 * gnuplot's message.  An error of the terminal itself (cairo's, which a
 * PDF page raises only when the next page starts) names that chart and the
 * one before it.  gnuplot ignores failed writes of its output files: the
 * caller checks them (bs_out_check in charts.h).
 */
#ifndef BS_GNUPLOT_H
#define BS_GNUPLOT_H

#include "base/error.h"
#include "base/strbuf.h"

#include <stdio.h>

#include <sys/types.h>

typedef struct bs_gp {
	FILE *pipe;
	pid_t pid;
	int errfd;           /* gnuplot's stderr (unlinked file) */
	int write_errno;     /* the first failed write to the pipe */
	long commands;
	bs_strbuf *record;   /* bs_gp_init_script(): commands are appended here */
} bs_gp;

/* Start gnuplot.  Errors: BS_ERR_EXTERNAL "gnuplot not found: install the
 * gnuplot-nox package" when it is not on PATH (or $BIBSCOPE_GNUPLOT). */
int bs_gp_open(bs_gp *gp, bs_error *err);
/* The same, with gnuplot's working directory dir (NULL: ours). */
int bs_gp_open_in(bs_gp *gp, const char *dir, bs_error *err);

/* A gnuplot without a process: every command is appended to *into (owned
 * by the caller), to be sent later with bs_gp_replay().  Needs no close;
 * any thread may draw into its own script. */
void bs_gp_init_script(bs_gp *gp, bs_strbuf *into);

/* Send fixed command text (printf-style; arguments must be numbers or
 * strings made by bs_gp_quote, never raw user text). */
void bs_gp_cmd(bs_gp *gp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Send a script drawn with bs_gp_init_script(). */
void bs_gp_replay(bs_gp *gp, const bs_strbuf *script);

/* Append s as a safe single-quoted gnuplot string to out (see above). */
void bs_gp_quote(bs_strbuf *out, const char *s);

/* Mark the start of the chart `name` (a fixed identifier). */
void bs_gp_chart(bs_gp *gp, const char *name);

/* Finish: quit gnuplot, wait, and report a failure naming the chart.
 * Safe to call twice. */
int bs_gp_close(bs_gp *gp, bs_error *err);

#endif
