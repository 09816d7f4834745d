/* charts.h - one function per chart, all drawn by one gnuplot process.
 *
 * Charts draw; they compute nothing that is stored.  A chart reads its
 * numbers from the store (store/chartdata.h, the analysis layer's
 * queries) and from the runs its caller made beforehand and hands it in
 * bs_chart_opts.data: the runs a chart needs are its `runs` bits, and
 * bs_report_prepare_chart() (report.h) makes them through the analysis
 * layer.  A chart drawn without them fails with BS_ERR_USAGE.  Each chart
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
#include "base/table.h"

#include <stdint.h>

typedef enum { BS_OUT_PNG, BS_OUT_PDF, BS_OUT_SVG } bs_out_format;

/* The charts' colours, "#rrggbb", series and communities in turn (the
 * graph exports colour communities with them too). */
#define BS_CHART_COLOURS 12
extern const char *const bs_chart_palette[BS_CHART_COLOURS];

/* What the caller made for the charts (bs_report_prepare_chart): the
 * default graph run (metrics) and community run of the selection, whether
 * the keyword tables are current, and the thematic map's themes
 * (bs_themes_build; have_themes 2: too few phrases for a map).  Owned by
 * the caller: bs_chart_data_release frees the themes (safe twice). */
typedef struct bs_chart_data {
	int64_t graph_run;
	int64_t community_run;
	int terms_ready;
	int have_themes;           /* 0: not built, 1: themes, 2: too few phrases */
	bs_table themes;
} bs_chart_data;

void bs_chart_data_init(bs_chart_data *d);
void bs_chart_data_release(bs_chart_data *d);

typedef struct bs_chart_opts {
	int width, height;         /* pixels (PDF/SVG: at 96 per inch); default 1200x800 */
	int dpi;                   /* PNG fonts scale with dpi/96 (default 96) */
	int top;                   /* rows for top-N charts (0: the chart's default) */
	const char *const *terms;  /* trends: chosen terms (NULL: top emerging) */
	int nterms;
	unsigned long seed;        /* layouts (default 42) */
	bs_filter filter;          /* venue and years: every chart is of these papers */
	const bs_chart_data *data; /* the runs the chart draws (NULL: none made) */
} bs_chart_opts;

/* What drawing a chart reads beyond papers and authors, so that a caller
 * can draw charts in the order their data become ready: the graph and
 * community runs, the keyword tables, and whether it calls igraph (which
 * is not thread-safe: one thread at a time). */
enum { BS_CHART_GRAPH = 1, BS_CHART_TERMS = 2, BS_CHART_IGRAPH = 4, BS_CHART_RICH = 8 };
/* BS_CHART_RICH: a chart of rich-record data (countries): the report draws
 * it beside its table page (reports/richpages.h) and leaves it out when
 * the selection has no such data. */
/* The runs a chart draws, which its caller makes first (bs_chart_data):
 * the graph run, the community run, the keyword tables, the themes. */
enum { BS_CHART_RUN_GRAPH = 1, BS_CHART_RUN_COMMUNITIES = 2, BS_CHART_RUN_TERMS = 4, BS_CHART_RUN_THEMES = 8 };

typedef struct bs_chart {
	const char *name;          /* "papers-per-year", ... (also the file name) */
	const char *title;
	int (*draw)(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
	int needs;                 /* BS_CHART_* bits */
	int runs;                  /* BS_RUN_* bits */
} bs_chart;

extern const bs_chart bs_charts[];   /* NULL-name terminated */

void bs_chart_opts_init(bs_chart_opts *o);

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
