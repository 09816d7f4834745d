/* report.h - the multi-page report: one gnuplot process writes
 *
 *   report.pdf   a title page (corpus summary and parameters), text pages
 *                with the top authors and top terms, then every chart;
 *   <chart>.png and <chart>.svg for each chart;
 *   index.html   the charts and tables for a browser;
 *   manifest.json  version, parameters, input file hashes, seed, files.
 *
 * Everything is written into a fresh directory beside the target
 * (outfile.h) and swapped with it at the end in one step, so a reader, a
 * kill or a failure (gnuplot missing, a chart failing, a full disk) sees
 * the whole old report or the whole new one, never a mix; of two reports
 * into one directory at once the last one to finish wins, both whole.  An
 * existing directory that is not a bibscope report is refused unless
 * overwrite is set.  Output file names are fixed; nothing from the data
 * becomes a path.
 */
#ifndef BS_REPORT_H
#define BS_REPORT_H

#include "reports/charts.h"

enum { BS_REPORT_PDF = 1, BS_REPORT_PNG = 2, BS_REPORT_SVG = 4, BS_REPORT_ALL = 7 };

typedef struct bs_report_opts {
	const char *dir;            /* output directory (created) */
	int formats;                /* BS_REPORT_* bits */
	const char *title;          /* report title (user text: quoted) */
	int overwrite;              /* replace dir even if it is no bibscope report */
	bs_chart_opts chart;
} bs_report_opts;

typedef struct bs_report_info {
	int charts, pages;
	double seconds;
} bs_report_info;

/* Make, through the analysis layer, the runs chart c draws (its runs
 * bits) for the papers f selects, into d: the default graph run, the
 * default community run, the keyword tables, the themes; each reused when
 * stored and current, and skipped when d has it already.  The caller
 * points the chart's bs_chart_opts.data at d and releases it
 * (bs_chart_data_release).  Errors: those of analyze.h, terms.h and
 * themes.h (BS_ERR_DB, igraph). */
int bs_report_prepare_chart(bs_store *s, const bs_chart *c, const bs_filter *f, bs_chart_data *d, bs_error *err);

/* Errors: BS_ERR_EXTERNAL (gnuplot missing or a chart failed, named),
 * BS_ERR_IO (cannot create or write the directory, a file gnuplot could
 * not write whole, dir is no report and overwrite is unset), BS_ERR_DB. */
int bs_report_write(bs_store *s, const bs_report_opts *o, bs_report_info *info, bs_error *err);

#endif
