/* charts_draw.h - what the chart files of reports/ share (private to
 * charts*.c): the house style, label arrays, the palette and the draw
 * functions that bs_charts[] lists.
 */
#ifndef BS_CHARTS_DRAW_H
#define BS_CHARTS_DRAW_H

#include "reports/charts.h"

#include <stddef.h>

#define NPAL BS_CHART_COLOURS

/* reset, then the house style with title */
void bs_chart_style(bs_gp *gp, const char *title);
/* array NAME[n] of quoted labels */
void bs_chart_labels(bs_gp *gp, const char *name, char **labels, size_t n);
/* a chart with nothing to show: say so instead of failing on log scales */
int bs_chart_empty(bs_gp *gp, const char *what);
void bs_chart_free_labels(char **l, size_t n);
/* label step for a year axis from first to last */
int bs_chart_year_step(int first, int last);
/* label at most max characters long (UTF-8), cut with an ellipsis; malloc'd */
char *bs_chart_short_label(const char *s, size_t max);
/* Errors for a chart drawn without the data its caller must prepare
 * (bs_chart.runs): BS_ERR_USAGE naming the chart. */
int bs_chart_unprepared(const char *name, bs_error *err);

/* charts_papers.c */
int bs_chart_papers_per_year(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_top_authors(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_lotka(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_authors_per_paper(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
/* charts_authors.c */
int bs_chart_degree_distribution(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_community_sizes(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_network(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
/* charts_terms.c */
int bs_chart_top_terms(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_trends(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_bursts(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_thematic_map(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
/* charts_rich.c */
int bs_chart_countries(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);
int bs_chart_keyword_trends(bs_gp *gp, bs_store *s, const bs_chart_opts *o, bs_error *err);

#endif
