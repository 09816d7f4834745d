/* charts.h - one function per chart, all drawn by one gnuplot process.
 *
 * Each chart reads what it needs from the store (computing and storing the
 * default graph, community, term and theme runs when they are missing),
 * writes its numbers as a datablock and its labels as quoted strings
 * (gnuplot.h), and plots to the current gnuplot output; bs_chart_output()
 * points that output at a PNG, SVG or PDF file.  Charts are looked up by
 * name in bs_charts[].
 */
#ifndef BS_CHARTS_H
#define BS_CHARTS_H

#include "reports/gnuplot.h"
#include "store/query.h"
#include "store/store.h"

typedef enum { BS_OUT_PNG, BS_OUT_PDF, BS_OUT_SVG } bs_out_format;

typedef struct bs_chart_opts {
	int width, height;         /* pixels (PDF/SVG: at 96 per inch); default 1200x800 */
	int dpi;                   /* PNG fonts scale with dpi/96 (default 96) */
	int top;                   /* rows for top-N charts (0: the chart's default) */
	const char *const *terms;  /* trends: chosen terms (NULL: top emerging) */
	int nterms;
	unsigned long seed;        /* layouts (default 42) */
	bs_filter filter;          /* venue and years: every chart is of these papers */
} bs_chart_opts;

/* What drawing a chart reads beyond papers and authors, so that a caller
 * can draw charts in the order their data become ready: the graph and
 * community runs, the keyword tables, and whether it calls igraph (which
 * is not thread-safe: one thread at a time). */
enum { BS_CHART_GRAPH = 1, BS_CHART_TERMS = 2, BS_CHART_IGRAPH = 4 };

typedef struct bs_chart {
	const char *name;          /* "papers-per-year", ... (also the file name) */
	const char *title;
	int (*draw)(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
	int needs;                 /* BS_CHART_* bits */
} bs_chart;

extern const bs_chart bs_charts[];   /* NULL-name terminated */

void bs_chart_opts_init(bs_chart_opts *o);

/* Compute (when missing or stale) the default graph and community runs the
 * charts read, for o's filter, on one build of the graph; the charts would
 * do it on first use.  Meant to run while another thread builds the
 * keyword tables (report.c).  *grun and *crun: the runs' ids. */
int bs_charts_prepare_graph(bs_store *s, const bs_chart_opts *o, int64_t *grun, int64_t *crun, bs_error *err);
const bs_chart *bs_chart_find(const char *name);
/* "png", "pdf", "svg" from a file name's extension; -1 if none of them. */
int bs_out_format_of(const char *path);
/* Set the terminal and output file (path must not contain user data
 * unquoted: it is quoted here). */
void bs_chart_output(bs_gp *gp, const char *path, bs_out_format f, const bs_chart_opts *o);
/* Whether gnuplot wrote path whole (gnuplot ignores failed writes: a full
 * disk left empty or cut charts and exit status 0): a PNG ends with its
 * IEND chunk, a PDF with %%EOF, an SVG with </svg>.  shown is the name
 * to report.  Errors: BS_ERR_IO "cannot write SHOWN: ...", saying when the
 * file system is full. */
int bs_out_check(const char *path, bs_out_format f, const char *shown, bs_error *err);

#endif
