#include "reports/report.h"
#include "base/clock.h"
#include "bs_config.h"
#include "analysis/analyze.h"
#include "store/provenance.h"
#include "store/query.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/themes.h"
#include "analysis/keywords/topics.h"
#include "base/outfile.h"
#include "reports/xmltext.h"
#include "reports/mainpages.h"
#include "reports/richpages.h"
#include "base/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void path_in(bs_strbuf *out, const char *dir, const char *name, const char *ext)
{
	bs_strbuf_reset(out);
	bs_strbuf_addf(out, "%s/%s%s", dir, name, ext);
}

/* Text in monospace, TEXT_PAGE_LINES lines a page: a longer text goes on
 * over further pages headed "(continued)" (a long venue-year table used to
 * be cut at the page's end, and the parameters after it with it).
 * Returns the number of pages. */
#define TEXT_PAGE_LINES 60

/* The title page's venue table: papers per venue and year while that
 * takes at most VENUE_YEAR_ROWS rows, else one row for each of the
 * VENUE_TOP largest venues and one for the others (the 974 venue-years of
 * the DBLP export took 17 pages, so its report had 30). */
#define VENUE_YEAR_ROWS 40
#define VENUE_TOP 25
static int text_page(bs_gp *gp, const char *heading, const char *text)
{
	bs_strbuf q = BS_STRBUF_INIT, h = BS_STRBUF_INIT;
	const char *p = text;
	int pages = 0;

	bs_strbuf_init(&q);
	bs_strbuf_init(&h);
	do {
		int line = 0;
		bs_gp_cmd(gp, "reset");
		bs_gp_cmd(gp, "unset border");
		bs_gp_cmd(gp, "unset tics");
		bs_gp_cmd(gp, "unset key");
		bs_gp_cmd(gp, "set xrange [0:1]");
		bs_gp_cmd(gp, "set yrange [0:1]");
		bs_strbuf_reset(&h);
		bs_strbuf_addf(&h, pages ? "%s (continued)" : "%s", heading);
		bs_strbuf_reset(&q);
		bs_gp_quote(&q, h.buf);
		bs_gp_cmd(gp, "set label 1 %s at 0.03,0.96 font ',16'", q.buf);
		while (*p && line < TEXT_PAGE_LINES) {
			const char *e = strchr(p, '\n');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char *l = bs_xstrndup(p, n);
			bs_strbuf_reset(&q);
			bs_gp_quote(&q, l);
			bs_gp_cmd(gp, "set label %d %s at 0.03,%.4f font 'DejaVu Sans Mono,9'", line + 2, q.buf,
				  0.90 - 0.0145 * line);
			free(l);
			line++;
			p += n + (e ? 1 : 0);
		}
		bs_gp_cmd(gp, "plot NaN");
		pages++;
	} while (*p);
	bs_strbuf_release(&q);
	bs_strbuf_release(&h);
	return pages;
}

static char *table_text(const bs_table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	bs_error err;

	if (!f)
		return bs_xstrdup("");
	bs_table_write(t, f, BS_FMT_TABLE, &err);
	fclose(f);
	return buf ? buf : bs_xstrdup("");
}

static void html_table(FILE *f, const bs_table *t)
{
	fputs("<table>\n<tr>", f);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs("<th>", f);
		bs_xml_fputs(f, t->names[c]);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", f);
		for (size_t c = 0; c < t->ncols; c++) {
			fputs(t->types[c] == BS_COL_TEXT ? "<td>" : "<td class=\"n\">", f);
			bs_xml_fputs(f, bs_table_get(t, r, c));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* Whether dir may be replaced by the new report: it is missing, an empty
 * directory, or a report bibscope wrote (a manifest.json with "bibscope"
 * and "files", and nothing but those files), or the user said --overwrite.
 * A user's own directory (their index.html, say) is never replaced
 * unasked. */
static int check_target(const char *dir, int overwrite, bs_error *err)
{
	struct stat st;
	bs_strbuf p = BS_STRBUF_INIT;
	json_t *m = NULL, *files;
	DIR *d = NULL;
	struct dirent *e;
	const char *why = NULL;
	char other[300] = "";
	int rc = BS_OK;

	if (lstat(dir, &st) != 0)
		return errno == ENOENT ? BS_OK : bs_error_set(err, BS_ERR_IO, "%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return bs_error_set(err, BS_ERR_IO, "%s: exists and is not a directory", dir);
	if (overwrite)
		return BS_OK;
	bs_strbuf_init(&p);
	path_in(&p, dir, "manifest", ".json");
	m = json_load_file(p.buf, 0, NULL);
	files = json_object_get(m, "files");
	if (!json_is_string(json_object_get(m, "bibscope")) || !json_is_array(files))
		why = "no manifest.json written by bibscope";
	d = opendir(dir);
	if (!d) {
		rc = bs_error_set(err, BS_ERR_IO, "%s: %s", dir, strerror(errno));
		goto cleanup;
	}
	while ((e = readdir(d))) {
		size_t i, n = json_array_size(files);
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		for (i = 0; i < n; i++)
			if (!strcmp(json_string_value(json_array_get(files, i)) ? json_string_value(json_array_get(files, i)) : "",
				    e->d_name))
				break;
		if (i == n) {
			snprintf(other, sizeof other, "%s", e->d_name);
			break;
		}
	}
	if (!other[0])
		why = NULL;   /* empty, or only the report's own files */
	if (why || other[0])
		rc = bs_error_set(err, BS_ERR_IO, "%s: exists and is not a bibscope report (%s%s%s); nothing was "
				  "written: name another directory, or add --overwrite to replace it and all it holds",
				  dir, why ? why : "it holds ", why ? "" : other, why ? "" : ", not a report file");
cleanup:
	if (d)
		closedir(d);
	json_decref(m);
	bs_strbuf_release(&p);
	return rc;
}

/* json_string of text that may not be UTF-8 (a --title, a path): repaired,
 * never a missing key */
static json_t *json_text(const char *s)
{
	json_t *v = json_string(s ? s : "");
	bs_strbuf b = BS_STRBUF_INIT;

	if (v)
		return v;
	bs_strbuf_init(&b);
	bs_utf8_repair(s, strlen(s), &b);
	v = json_string(b.buf);
	bs_strbuf_release(&b);
	return v ? v : json_string("");
}

/* The default graph run (metrics) of filter f: reused when current. */
static int graph_run(bs_store *s, const bs_filter *f, int64_t *run, bs_error *err)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_analysis_info info;

	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_metrics_opts_init(&mo);
	return bs_analyze_graph(s, &go, &mo, 0, run, &info, err);
}

/* The default community run of filter f: reused when current. */
static int community_run(bs_store *s, const bs_filter *f, int64_t *run, bs_error *err)
{
	bs_graph_opts go;
	bs_community_opts co;
	bs_analysis_info info;

	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_community_opts_init(&co);
	return bs_analyze_communities(s, &go, &co, 0, run, &info, err);
}

/* The default graph and community runs on one build of the graph. */
static int graph_community_runs(bs_store *s, const bs_filter *f, bs_chart_data *d, bs_error *err)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;

	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	return bs_analyze_graph_communities(s, &go, &mo, &co, &d->graph_run, &d->community_run, err);
}

static int ensure_terms(bs_store *s, bs_chart_data *d, bs_error *err)
{
	bs_terms_opts to;
	bs_terms_info info;
	int rc;

	bs_terms_opts_init(&to);
	rc = bs_terms_ensure(s, &to, 0, &info, err);
	d->terms_ready = !rc;
	return rc;
}

/* the thematic map's themes: two terms a theme, of the selection */
static int build_themes(bs_store *s, const bs_filter *f, bs_chart_data *d, bs_error *err)
{
	bs_theme_opts th;
	int rc;

	bs_theme_opts_init(&th);
	th.top_terms = 2;
	th.filter = *f;   /* regression: the map was of every paper */
	rc = bs_themes_build(s, &th, &d->themes, err);
	if (rc == BS_ERR_EMPTY) {   /* too small a corpus: the chart draws an empty map */
		memset(&d->themes, 0, sizeof d->themes);
		d->have_themes = 2;
		return BS_OK;
	}
	d->have_themes = !rc;
	return rc;
}

int bs_report_prepare_chart(bs_store *s, const bs_chart *c, const bs_filter *f, bs_chart_data *d, bs_error *err)
{
	int rc = BS_OK;

	if ((c->runs & BS_CHART_RUN_GRAPH) && !d->graph_run)
		rc = graph_run(s, f, &d->graph_run, err);
	if (!rc && (c->runs & BS_CHART_RUN_COMMUNITIES) && !d->community_run)
		rc = community_run(s, f, &d->community_run, err);
	if (!rc && (c->runs & BS_CHART_RUN_TERMS) && !d->terms_ready)
		rc = ensure_terms(s, d, err);
	if (!rc && (c->runs & BS_CHART_RUN_THEMES) && !d->have_themes)
		rc = build_themes(s, f, d, err);
	return rc;
}

#define NCHARTS_MAX 32

/* Every chart is drawn once into a script (bs_gp_init_script) and the
 * script is sent to gnuplot for each output.  Drawing follows the data:
 *
 *   main thread                         terms thread (own connection)
 *   corpus charts -> PNG/SVG            keyword tables (tokenize ... write)
 *   graph + communities (one build)     term charts without igraph, and
 *   graph charts -> PNG/SVG             the top-phrases table
 *   join; term charts -> PNG/SVG, then the PDF, page by page
 *
 * so gnuplot renders the PNGs (most of its work) while the runs are
 * computed.  Past PARALLEL_MAX_PAPERS the keyword tables and term charts
 * come after the graph, in the main thread, to bound memory.  SQLite serialises the two threads' writes (busy timeout);
 * igraph is only called from the main thread. */
typedef struct chart_job {
	const char *path;          /* the database */
	const bs_chart_opts *chart;
	bs_strbuf *scripts;        /* per chart: filled for the term charts */
	int *drawn;
	const bs_report_opts *o;
	bs_table *phrases;         /* the top-phrases table */
	int have_phrases;
	int rc;
	bs_error err;
} chart_job;

/* One report being built: what every step reads and fills. */
typedef struct report_build {
	const bs_report_opts *o;
	bs_store *s;
	bs_filter f;
	bs_selection sel;          /* what f selects: every table, chart and side file is of it */
	bs_chart_opts chart;
	bs_chart_data data;        /* the runs the charts draw */
	bs_strbuf scripts[NCHARTS_MAX];   /* each chart's commands, drawn once, sent per output */
	int drawn[NCHARTS_MAX];
	bs_gp gp;
	bs_strbuf tmp, p, q, title;
	bs_table sum, authors, terms, vy;
	bs_mainpages mp;           /* the main information and most cited papers */
	bs_richpages rp;           /* h-index, countries, author keywords */
	size_t n_venue_years;      /* > 0: vy holds the venue summary instead */
	int made_tmp;
	chart_job job;
	pthread_t th;
	int threaded;
} report_build;

/* a chart of rich-record data the selection lacks: no page, no files */
static int chart_skipped(const report_build *r, size_t i)
{
	int page = bs_richpages_chart_page(bs_charts[i].name);

	return page >= 0 && !r->rp.have[page];
}

static int draw_script(const bs_chart *c, bs_store *s, const bs_chart_opts *o, bs_strbuf *script, bs_error *err)
{
	bs_gp g;

	bs_strbuf_reset(script);
	bs_gp_init_script(&g, script);
	return c->draw(&g, s, o, err);
}

static int top_phrases(bs_store *s, const bs_report_opts *o, bs_table *out, bs_error *err)
{
	bs_terms_opts to;
	bs_terms_info ti;
	bs_topics_opts tp;
	int rc;

	bs_terms_opts_init(&to);
	rc = bs_terms_ensure(s, &to, 0, &ti, err);
	if (rc)
		return rc;
	bs_topics_opts_init(&tp);
	tp.top = 30;
	tp.kind = BS_TERMS_PHRASES;
	tp.filter = o->chart.filter;
	tp.distinct = 1;   /* "deep neural networks", not also "deep neural" */
	return bs_topics_query(s, &tp, out, err);
}

static void *terms_thread(void *arg)
{
	chart_job *j = arg;
	bs_store *s = NULL;
	bs_chart_opts co = *j->chart;
	bs_chart_data d;

	bs_chart_data_init(&d);
	co.data = &d;
	bs_error_clear(&j->err);
	j->rc = bs_store_open(&s, j->path, BS_STORE_MUST_EXIST, &j->err);
	if (!j->rc)
		j->rc = ensure_terms(s, &d, &j->err);
	for (size_t i = 0; !j->rc && bs_charts[i].name; i++) {
		if (bs_charts[i].needs != BS_CHART_TERMS)
			continue;
		j->rc = draw_script(&bs_charts[i], s, &co, &j->scripts[i], &j->err);
		j->drawn[i] = !j->rc;
	}
	if (!j->rc)
		j->rc = top_phrases(s, j->o, j->phrases, &j->err);
	j->have_phrases = !j->rc;
	bs_chart_data_release(&d);
	bs_store_close(s);
	return NULL;
}

/* chart i's PNG and SVG (as the formats ask) from its script */
static void emit_files(report_build *r, size_t i)
{
	for (int fmt = 0; fmt < 2; fmt++) {
		if (!(r->o->formats & (fmt ? BS_REPORT_SVG : BS_REPORT_PNG)))
			continue;
		/* gnuplot runs in the build directory: file names only */
		bs_strbuf_reset(&r->p);
		bs_strbuf_addf(&r->p, "%s%s", bs_charts[i].name, fmt ? ".svg" : ".png");
		bs_gp_chart(&r->gp, bs_charts[i].name);
		bs_chart_output(&r->gp, r->p.buf, fmt ? BS_OUT_SVG : BS_OUT_PNG, &r->chart);
		bs_gp_replay(&r->gp, &r->scripts[i]);
		bs_gp_cmd(&r->gp, "unset output");
	}
}

/* draw (here, into its script, after making its runs) and emit every
 * chart whose needs are `needs` */
static int draw_emit(report_build *r, int needs, bs_error *err)
{
	for (size_t i = 0; bs_charts[i].name; i++) {
		int rc;
		if (bs_charts[i].needs != needs || chart_skipped(r, i))
			continue;
		if (!r->drawn[i]) {
			rc = bs_report_prepare_chart(r->s, &bs_charts[i], &r->f, &r->data, err);
			if (!rc)
				rc = draw_script(&bs_charts[i], r->s, &r->chart, &r->scripts[i], err);
			if (rc)
				return rc;
			r->drawn[i] = 1;
		}
		emit_files(r, i);
	}
	return BS_OK;
}

/* Plan: the selection and title, the target checked, the build directory
 * made, gnuplot started in it. */
static int report_plan(report_build *r, bs_error *err)
{
	const bs_report_opts *o = r->o;
	int rc;

	/* a selection of no papers is refused before any work (regression:
	 * it wrote a report of empty charts, or failed in the graph stage) */
	rc = bs_query_selection(r->s, &r->f, &r->sel, err);
	if (rc)
		return rc;
	if (o->title)
		bs_strbuf_adds(&r->title, o->title);
	else if (bs_filter_active(&r->f))
		bs_strbuf_addf(&r->title, "bibscope report: %s", r->sel.text.buf);
	else
		bs_strbuf_adds(&r->title, "bibscope report");
	/* a directory that is not a report is refused before any work */
	rc = check_target(o->dir, o->overwrite, err);
	if (rc)
		return rc;
	/* the report is built whole in a fresh directory beside o->dir, then
	 * swapped in (outfile.h); dead builds and the build directories of
	 * older versions (DIR.tmp-PID) are removed first */
	bs_path_dir(o->dir, &r->p);
	bs_path_base(o->dir, &r->q);
	bs_strbuf_adds(&r->q, ".tmp-");
	bs_out_sweep(r->p.buf, r->q.buf);
	rc = bs_outdir_make(o->dir, &r->tmp, err);
	if (rc)
		return rc;
	r->made_tmp = 1;
	/* gnuplot missing: the empty build directory is removed */
	return bs_gp_open_in(&r->gp, r->tmp.buf, err);
}

/* Compute and draw: the keyword tables and the term charts in a second
 * thread; the corpus tables and charts, then the graph runs and charts,
 * here; every one of the selection f (regression: the title page's
 * summary and venue table were of the whole database). */
static int report_compute(report_build *r, bs_error *err)
{
	chart_job *job = &r->job;
	int rc;

	job->path = bs_store_path(r->s);
	job->chart = &r->chart;
	job->scripts = r->scripts;
	job->drawn = r->drawn;
	job->o = r->o;
	job->phrases = &r->terms;
	job->have_phrases = 0;
	job->rc = 0;
	r->threaded = bs_analyze_beside(r->s) && pthread_create(&r->th, NULL, terms_thread, job) == 0;

	rc = bs_query_summary(r->s, &r->f, &r->sum, err);
	if (!rc)
		rc = bs_mainpages_compute(r->s, &r->f, 10, &r->mp, err);
	if (!rc)
		rc = bs_richpages_compute(r->s, &r->f, &r->rp, err);
	if (!rc)
		rc = bs_query_top_authors(r->s, &r->f, 0, 30, &r->authors, err);
	if (!rc)
		rc = bs_query_venue_years(r->s, &r->f, "(no venue)", &r->vy, err);
	if (!rc && r->vy.nrows > VENUE_YEAR_ROWS) {   /* one row a venue instead */
		r->n_venue_years = r->vy.nrows;
		bs_table_release(&r->vy);
		rc = bs_query_venue_summary(r->s, &r->f, "(no venue)", VENUE_TOP, &r->vy, err);
	}
	if (!rc)
		rc = draw_emit(r, 0, err);
	if (!rc)
		rc = draw_emit(r, BS_CHART_RICH, err);
	if (!rc)
		rc = graph_community_runs(r->s, &r->f, &r->data, err);
	if (!rc)
		rc = draw_emit(r, BS_CHART_GRAPH | BS_CHART_IGRAPH, err);
	if (r->threaded) {
		pthread_join(r->th, NULL);
		r->threaded = 0;
		if (!rc && job->rc) {
			*err = job->err;
			rc = job->rc;
		}
	}
	/* (without a thread the term charts are drawn here) */
	if (!rc)
		rc = draw_emit(r, BS_CHART_TERMS, err);
	if (!rc)
		rc = draw_emit(r, BS_CHART_TERMS | BS_CHART_IGRAPH, err);
	if (!rc && !job->have_phrases)
		rc = top_phrases(r->s, r->o, &r->terms, err);
	return rc;
}

/* the title page's text: corpus or selection summary, parameters, venues */
static void title_body(report_build *r, bs_strbuf *body)
{
	bs_community_opts cdef;   /* the communities the report shows: the default run's */
	char *t2;

	bs_strbuf_addf(body, "bibscope %s\n\n", BS_VERSION);
	if (bs_filter_active(&r->f))
		bs_strbuf_addf(body, "Selection: %s: %ld of the %ld papers in the database.\n"
			       "Every table and chart of this report is of these papers.\n\nSelected papers\n",
			       r->sel.text.buf, r->sel.papers, r->sel.total);
	else
		bs_strbuf_adds(body, "Corpus\n");
	t2 = table_text(&r->sum);
	bs_strbuf_adds(body, t2);
	free(t2);
	bs_community_opts_init(&cdef);
	/* the parameters before the venue-year table, which may run on */
	bs_strbuf_addf(body, "\nParameters: co-authorship graph with count weights, papers with up to 50"
		       " authors;\nLeiden communities (resolution %g, seed %lu); phrases by NPMI >= 0.3;"
		       " network layout seed %lu.\n", cdef.resolution, cdef.seed, r->o->chart.seed);
	if (r->n_venue_years)
		bs_strbuf_addf(body, "\nPapers per venue (the %d largest; all %zu venue-years:"
			       " bibscope stats)\n", VENUE_TOP, r->n_venue_years);
	else
		bs_strbuf_adds(body, "\nPapers per venue and year\n");
	t2 = table_text(&r->vy);
	bs_strbuf_adds(body, t2);
	free(t2);
}

/* a text page of table t headed `heading`, with the selection */
static int table_page(report_build *r, const char *chart, const char *heading, const bs_table *t)
{
	char *txt = table_text(t);
	int pages;

	bs_gp_chart(&r->gp, chart);
	bs_strbuf_reset(&r->q);
	bs_strbuf_adds(&r->q, heading);
	if (bs_filter_active(&r->f))
		bs_strbuf_addf(&r->q, ": %s", r->sel.text.buf);
	pages = text_page(&r->gp, r->q.buf, txt);
	free(txt);
	return pages;
}

/* a rich page: its table, its note and (the countries) a second table */
static int rich_page(report_build *r, bs_rich_page p, const bs_table *t, const char *title2, const bs_table *t2)
{
	bs_strbuf body = BS_STRBUF_INIT;
	char *txt = table_text(t);
	int pages;

	bs_strbuf_init(&body);
	bs_strbuf_adds(&body, txt);
	free(txt);
	bs_strbuf_adds(&body, "\n");
	bs_richpages_note(&r->rp, p, &body);
	if (title2) {
		bs_strbuf_addf(&body, "\n%s\n", title2);
		if (t2->nrows) {
			txt = table_text(t2);
			bs_strbuf_adds(&body, txt);
			free(txt);
		} else {
			bs_strbuf_adds(&body, "No paper of the selection has addresses in two countries.\n");
		}
	}
	bs_gp_chart(&r->gp, "rich table");
	bs_strbuf_reset(&r->q);
	bs_strbuf_adds(&r->q, bs_richpages_heading(p));
	if (bs_filter_active(&r->f))
		bs_strbuf_addf(&r->q, ": %s", r->sel.text.buf);
	pages = text_page(&r->gp, r->q.buf, body.buf);
	bs_strbuf_release(&body);
	return pages;
}

/* the charts of rich page p, when it is there */
static int rich_charts(report_build *r, bs_rich_page p)
{
	int pages = 0;

	for (size_t i = 0; bs_charts[i].name; i++)
		if (bs_richpages_chart_page(bs_charts[i].name) == (int)p && !chart_skipped(r, i)) {
			bs_gp_chart(&r->gp, bs_charts[i].name);
			bs_gp_replay(&r->gp, &r->scripts[i]);
			pages++;
		}
	return pages;
}

/* the pages of rich-record data the selection has, each with its chart */
static int rich_pages(report_build *r)
{
	int pages = 0;

	if (r->rp.have[BS_RICH_HINDEX])
		pages += rich_page(r, BS_RICH_HINDEX, &r->rp.hindex, NULL, NULL);
	if (r->rp.have[BS_RICH_COUNTRIES])
		pages += rich_page(r, BS_RICH_COUNTRIES, &r->rp.countries,
				   "Country collaboration: the pairs of countries most papers share", &r->rp.pairs);
	pages += rich_charts(r, BS_RICH_COUNTRIES);
	if (r->rp.have[BS_RICH_KEYWORDS])
		pages += rich_page(r, BS_RICH_KEYWORDS, &r->rp.keywords, NULL, NULL);
	return pages + rich_charts(r, BS_RICH_KEYWORDS);
}

/* The main information page, as biblioshiny's first table, and the most
 * cited papers when any paper has a citation count (else one line on the
 * main page says why there is no such page). */
static int main_pages(report_build *r)
{
	bs_strbuf body = BS_STRBUF_INIT;
	char *t = table_text(&r->mp.main);
	int pages;

	bs_strbuf_init(&body);
	bs_strbuf_adds(&body, t);
	free(t);
	bs_strbuf_adds(&body, "\n-: the records carry no such field (bibscope stats defines every measure).\n");
	if (!r->mp.have_cited)
		bs_strbuf_addf(&body, "%s\n", bs_mainpages_cited_skip(&r->mp));
	for (int p = 0; p < BS_RICH_NPAGES; p++)
		if (!r->rp.have[p])
			bs_strbuf_addf(&body, "%s\n", bs_richpages_skip(&r->rp, (bs_rich_page)p));
	bs_gp_chart(&r->gp, "main information");
	bs_strbuf_reset(&r->q);
	bs_strbuf_adds(&r->q, "Main information");
	if (bs_filter_active(&r->f))
		bs_strbuf_addf(&r->q, ": %s", r->sel.text.buf);
	pages = text_page(&r->gp, r->q.buf, body.buf);
	bs_strbuf_release(&body);
	if (r->mp.have_cited)
		pages += table_page(r, "most cited table", "Most cited papers (citation counts as the records give them)",
				    &r->mp.cited);
	return pages + rich_pages(r);
}

/* Draw the PDF pages, from the same scripts: the title page, the main
 * information, the tables, every chart. */
static void report_pdf(report_build *r, bs_report_info *info)
{
	bs_chart_opts co = r->chart;
	bs_strbuf body = BS_STRBUF_INIT;

	co.width = 1056;   /* 11 x 8.5 inches, landscape */
	co.height = 816;
	bs_strbuf_reset(&r->p);
	bs_strbuf_adds(&r->p, "report.pdf");
	bs_gp_chart(&r->gp, "title page");
	bs_chart_output(&r->gp, r->p.buf, BS_OUT_PDF, &co);
	bs_strbuf_init(&body);
	title_body(r, &body);
	info->pages += text_page(&r->gp, r->title.buf, body.buf);
	bs_strbuf_release(&body);
	info->pages += main_pages(r);
	info->pages += table_page(r, "top authors table", "Top authors (papers, fractional count)", &r->authors);
	info->pages += table_page(r, "top terms table", "Top phrases", &r->terms);
	for (size_t i = 0; bs_charts[i].name; i++) {
		if (bs_charts[i].needs == BS_CHART_RICH)
			continue;   /* beside their table pages */
		bs_gp_chart(&r->gp, bs_charts[i].name);
		bs_gp_replay(&r->gp, &r->scripts[i]);
		info->pages++;
	}
	bs_gp_cmd(&r->gp, "unset output");
}

/* gnuplot ignores failed writes (a full disk): every file is checked */
static int report_check_files(report_build *r, bs_error *err)
{
	const bs_report_opts *o = r->o;
	int rc = BS_OK;

	for (size_t i = 0; !rc && bs_charts[i].name; i++)
		for (int fmt = 0; !rc && fmt < 2; fmt++) {
			if (!(o->formats & (fmt ? BS_REPORT_SVG : BS_REPORT_PNG)) || chart_skipped(r, i))
				continue;
			path_in(&r->p, r->tmp.buf, bs_charts[i].name, fmt ? ".svg" : ".png");
			path_in(&r->q, o->dir, bs_charts[i].name, fmt ? ".svg" : ".png");
			rc = bs_out_check(r->p.buf, fmt ? BS_OUT_SVG : BS_OUT_PNG, r->q.buf, err);
		}
	if (!rc && (o->formats & BS_REPORT_PDF)) {
		path_in(&r->p, r->tmp.buf, "report", ".pdf");
		path_in(&r->q, o->dir, "report", ".pdf");
		rc = bs_out_check(r->p.buf, BS_OUT_PDF, r->q.buf, err);
	}
	return rc;
}

static void index_chart(FILE *fh, const report_build *r, size_t i)
{
	fputs("<h2>", fh);
	bs_xml_fputs(fh, bs_charts[i].title);
	fputs("</h2>\n", fh);
	if (r->o->formats & BS_REPORT_PNG)
		fprintf(fh, "<img src=\"%s.png\" alt=\"%s\"/>\n", bs_charts[i].name, bs_charts[i].name);
	else if (r->o->formats & BS_REPORT_SVG)
		fprintf(fh, "<img src=\"%s.svg\" alt=\"%s\"/>\n", bs_charts[i].name, bs_charts[i].name);
}

/* text as an HTML paragraph (a note's line breaks are the PDF page's) */
static void index_para(FILE *fh, const char *text)
{
	fputs("<p>", fh);
	bs_xml_fputs(fh, text);
	fputs("</p>\n", fh);
}

/* the rich pages: each table with its note, or the line saying why not */
static void index_rich(FILE *fh, const report_build *r)
{
	static const bs_rich_page order[] = {BS_RICH_HINDEX, BS_RICH_COUNTRIES, BS_RICH_KEYWORDS};
	const bs_table *tab[] = {&r->rp.hindex, &r->rp.countries, &r->rp.keywords};
	bs_strbuf note = BS_STRBUF_INIT;

	bs_strbuf_init(&note);
	for (size_t k = 0; k < 3; k++) {
		bs_rich_page p = order[k];
		fputs("<h2>", fh);
		bs_xml_fputs(fh, bs_richpages_heading(p));
		fputs("</h2>\n", fh);
		if (!r->rp.have[p]) {
			index_para(fh, bs_richpages_skip(&r->rp, p));
			continue;
		}
		html_table(fh, tab[k]);
		bs_strbuf_reset(&note);
		bs_richpages_note(&r->rp, p, &note);
		index_para(fh, note.buf);
		for (size_t i = 0; bs_charts[i].name; i++)
			if (bs_richpages_chart_page(bs_charts[i].name) == (int)p && !chart_skipped(r, i))
				index_chart(fh, r, i);
		if (p != BS_RICH_COUNTRIES)
			continue;
		fputs("<h3>Country collaboration: the pairs of countries most papers share</h3>\n", fh);
		if (r->rp.pairs.nrows)
			html_table(fh, &r->rp.pairs);
		else
			index_para(fh, "No paper of the selection has addresses in two countries.");
	}
	bs_strbuf_release(&note);
}

/* index.html: HTML that is also well-formed XML (void elements closed, no
 * named entities but XML's), so XML tools read it too */
static void index_html(FILE *fh, const report_build *r)
{
	const bs_report_opts *o = r->o;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>\n<title>", fh);
	bs_xml_fputs(fh, r->title.buf);
	fputs("</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1250px;margin:2em auto;}"
	      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px}"
	      "td.n{text-align:right}img{max-width:100%;border:1px solid #eee;margin:1em 0}</style>\n</head><body>\n<h1>", fh);
	bs_xml_fputs(fh, r->title.buf);
	fprintf(fh, "</h1>\n<p>bibscope %s%s</p>\n", BS_VERSION,
		o->formats & BS_REPORT_PDF ? " &#183; <a href=\"report.pdf\">PDF</a>" : "");
	if (bs_filter_active(&r->f)) {
		fputs("<p class=\"selection\">Selection: ", fh);
		bs_xml_fputs(fh, r->sel.text.buf);
		fprintf(fh, ": %ld of the %ld papers in the database. Every table and chart is of these papers.</p>\n"
			"<h2>Selected papers</h2>\n", r->sel.papers, r->sel.total);
	} else {
		fputs("<h2>Corpus</h2>\n", fh);
	}
	html_table(fh, &r->sum);
	fputs("<h2>Main information</h2>\n", fh);
	html_table(fh, &r->mp.main);
	fputs("<h2>Most cited papers</h2>\n", fh);
	if (r->mp.have_cited) {
		html_table(fh, &r->mp.cited);
	} else {
		fputs("<p>", fh);
		bs_xml_fputs(fh, bs_mainpages_cited_skip(&r->mp));
		fputs("</p>\n", fh);
	}
	index_rich(fh, r);
	fputs("<h2>Top authors</h2>\n", fh);
	html_table(fh, &r->authors);
	fputs("<h2>Top phrases</h2>\n", fh);
	html_table(fh, &r->terms);
	for (size_t i = 0; bs_charts[i].name; i++)
		if (bs_charts[i].needs != BS_CHART_RICH)
			index_chart(fh, r, i);
	fputs("</body></html>\n", fh);
}

static int report_index(report_build *r, bs_error *err)
{
	FILE *fh;
	int bad, e;

	path_in(&r->p, r->tmp.buf, "index", ".html");
	fh = fopen(r->p.buf, "w");
	if (!fh)
		return bs_error_set(err, BS_ERR_IO, "cannot write %s/index.html: %s", r->o->dir, strerror(errno));
	index_html(fh, r);
	bad = fflush(fh) != 0 || ferror(fh);
	e = errno;
	if (fclose(fh) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad)
		return bs_error_set(err, BS_ERR_IO, "cannot write %s/index.html: %s", r->o->dir, strerror(e));
	return BS_OK;
}

static int manifest_input(void *ud, const bs_provenance_input *in)
{
	json_t *i = json_object();

	json_object_set_new(i, "path", json_text(in->path));
	json_object_set_new(i, "sha256", json_string(in->sha256));
	json_object_set_new(i, "format", json_string(in->format));
	json_object_set_new(i, "records", json_integer(in->records));
	json_object_set_new(i, "new", json_integer(in->new_papers));
	json_array_append_new(ud, i);
	return 0;
}

static int manifest_run(void *ud, const bs_provenance_run *run)
{
	json_t *r = json_object();

	json_object_set_new(r, "kind", json_string(run->kind));
	json_object_set_new(r, "params", json_loads(run->params, 0, NULL));
	json_object_set_new(r, "data_version", json_integer(run->data_version));
	json_array_append_new(ud, r);
	return 0;
}

/* the manifest's parameters: title, formats, sizes, seed and the
 * selection (--venue, --years): null where it is open */
static json_t *manifest_params(const report_build *r)
{
	const bs_report_opts *o = r->o;
	const bs_filter *f = &r->f;
	json_t *params = json_object(), *filter = json_object();

	json_object_set_new(params, "title", json_text(r->title.buf));
	json_object_set_new(params, "formats", json_integer(o->formats));
	json_object_set_new(params, "width", json_integer(o->chart.width));
	json_object_set_new(params, "height", json_integer(o->chart.height));
	json_object_set_new(params, "dpi", json_integer(o->chart.dpi));
	json_object_set_new(params, "seed", json_integer((json_int_t)o->chart.seed));
	json_object_set_new(filter, "venue", f->venue ? json_text(f->venue) : json_null());
	json_object_set_new(filter, "venue_key", f->venue ? json_text(r->sel.venue_key.buf) : json_null());
	json_object_set_new(filter, "venue_name", f->venue ? json_text(r->sel.venue_name.buf) : json_null());
	json_object_set_new(filter, "year_from", f->year_from ? json_integer(f->year_from) : json_null());
	json_object_set_new(filter, "year_to", f->year_to ? json_integer(f->year_to) : json_null());
	json_object_set_new(params, "filter", filter);
	return params;
}

/* the files the report holds, in the manifest's order */
static json_t *manifest_files(const report_build *r)
{
	json_t *files = json_array();
	bs_strbuf q = BS_STRBUF_INIT;

	bs_strbuf_init(&q);
	if (r->o->formats & BS_REPORT_PDF)
		json_array_append_new(files, json_string("report.pdf"));
	for (size_t i = 0; bs_charts[i].name; i++) {
		bs_strbuf_reset(&q);
		if (chart_skipped(r, i))
			continue;
		if (r->o->formats & BS_REPORT_PNG) {
			bs_strbuf_addf(&q, "%s.png", bs_charts[i].name);
			json_array_append_new(files, json_string(q.buf));
			bs_strbuf_reset(&q);
		}
		if (r->o->formats & BS_REPORT_SVG) {
			bs_strbuf_addf(&q, "%s.svg", bs_charts[i].name);
			json_array_append_new(files, json_string(q.buf));
		}
	}
	json_array_append_new(files, json_string("index.html"));
	json_array_append_new(files, json_string("manifest.json"));
	bs_strbuf_release(&q);
	return files;
}

/* manifest.json: version, parameters, selection, input files, the runs
 * this report read (the selection's graph and communities, the keyword
 * tables and the thematic map; runs of other selections may be stored
 * beside them), files */
static int report_manifest(report_build *r, bs_error *err)
{
	json_t *m = json_object(), *selection = json_object(), *inputs = json_array(), *runs = json_array();
	bs_error e;
	FILE *fh;
	int rc = BS_OK;

	json_object_set_new(m, "bibscope", json_string(BS_VERSION));
	json_object_set_new(m, "schema_version", json_integer(BS_SCHEMA_VERSION));
	json_object_set_new(m, "database", json_text(bs_store_path(r->s)));
	json_object_set_new(m, "parameters", manifest_params(r));
	json_object_set_new(selection, "filtered", json_boolean(bs_filter_active(&r->f)));
	json_object_set_new(selection, "description", json_text(r->sel.text.buf));
	json_object_set_new(selection, "papers", json_integer(r->sel.papers));
	json_object_set_new(selection, "database_papers", json_integer(r->sel.total));
	json_object_set_new(m, "selection", selection);
	/* provenance that cannot be read is left out, not fatal */
	bs_error_clear(&e);
	(void)bs_provenance_inputs(r->s, manifest_input, inputs, &e);
	json_object_set_new(m, "inputs", inputs);
	if (!bs_provenance_runs(r->s, r->data.graph_run, r->data.community_run, manifest_run, runs, &e))
		json_object_set_new(m, "analysis_runs", runs);
	else
		json_decref(runs);
	json_object_set_new(m, "files", manifest_files(r));
	path_in(&r->p, r->tmp.buf, "manifest", ".json");
	fh = fopen(r->p.buf, "w");
	if (!fh || json_dumpf(m, fh, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fflush(fh) != 0 || ferror(fh))
		rc = bs_error_set(err, BS_ERR_IO, "cannot write %s/manifest.json: %s", r->o->dir, strerror(errno));
	if (fh && fclose(fh) != 0 && !rc)
		rc = bs_error_set(err, BS_ERR_IO, "cannot write %s/manifest.json: %s", r->o->dir, strerror(errno));
	json_decref(m);
	return rc;
}

static void report_build_init(report_build *r, bs_store *s, const bs_report_opts *o)
{
	memset(r, 0, sizeof *r);
	r->o = o;
	r->s = s;
	r->f = o->chart.filter;
	r->chart = o->chart;
	bs_chart_data_init(&r->data);
	r->chart.data = &r->data;
	for (size_t i = 0; i < NCHARTS_MAX; i++)
		bs_strbuf_init(&r->scripts[i]);
	bs_strbuf_init(&r->tmp);
	bs_strbuf_init(&r->sel.venue_key);   /* filled by bs_query_selection */
	bs_strbuf_init(&r->sel.venue_name);
	bs_strbuf_init(&r->sel.text);
	bs_strbuf_init(&r->p);
	bs_strbuf_init(&r->q);
	bs_strbuf_init(&r->title);
}

static void report_build_release(report_build *r)
{
	if (r->threaded)
		pthread_join(r->th, NULL);
	r->threaded = 0;
	bs_gp_close(&r->gp, NULL);
	if (r->made_tmp)
		bs_rmtree(r->tmp.buf);
	r->made_tmp = 0;
	bs_table_release(&r->sum);
	bs_table_release(&r->authors);
	bs_table_release(&r->terms);
	bs_table_release(&r->vy);
	bs_mainpages_release(&r->mp);
	bs_richpages_release(&r->rp);
	bs_selection_release(&r->sel);
	bs_chart_data_release(&r->data);
	for (size_t i = 0; i < NCHARTS_MAX; i++)
		bs_strbuf_release(&r->scripts[i]);
	bs_strbuf_release(&r->tmp);
	bs_strbuf_release(&r->p);
	bs_strbuf_release(&r->q);
	bs_strbuf_release(&r->title);
}

int bs_report_write(bs_store *s, const bs_report_opts *o, bs_report_info *info, bs_error *err)
{
	report_build *r;
	double t0 = bs_clock_seconds();
	int rc;

	memset(info, 0, sizeof *info);
	for (size_t i = 0; bs_charts[i].name; i++)
		if (i >= NCHARTS_MAX)
			return bs_error_set(err, BS_ERR_USAGE, "internal: more than %d charts", NCHARTS_MAX);
	r = bs_xmalloc(sizeof *r);
	report_build_init(r, s, o);
	rc = report_plan(r, err);
	if (rc)
		goto done;
	rc = report_compute(r, err);
	if (rc)
		goto done;
	for (size_t i = 0; bs_charts[i].name; i++)
		info->charts += !chart_skipped(r, i);
	if (o->formats & BS_REPORT_PDF)
		report_pdf(r, info);
	rc = bs_gp_close(&r->gp, err);
	if (!rc)
		rc = report_check_files(r, err);
	if (!rc)
		rc = report_index(r, err);
	if (!rc)
		rc = report_manifest(r, err);
	if (rc)
		goto done;
	rc = bs_outdir_publish(r->tmp.buf, o->dir, err);
	r->made_tmp = 0;
	info->seconds = bs_clock_seconds() - t0;
done:
	report_build_release(r);
	free(r);
	return rc;
}
