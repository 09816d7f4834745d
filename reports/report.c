#include "reports/report.h"
#include "base/clock.h"
#include "bs_config.h"
#include "analysis/analyze.h"
#include "store/query.h"
#include "analysis/keywords/terms.h"
#include "analysis/keywords/topics.h"
#include "base/outfile.h"
#include "reports/xmltext.h"
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

/* HTML that is also well-formed XML: the shared escaping (xmltext.h) */
static void html_escape(FILE *f, const char *s)
{
	bs_xml_fputs(f, s);
}

static void html_table(FILE *f, const bs_table *t)
{
	fputs("<table>\n<tr>", f);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs("<th>", f);
		html_escape(f, t->names[c]);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", f);
		for (size_t c = 0; c < t->ncols; c++) {
			fputs(t->types[c] == BS_COL_TEXT ? "<td>" : "<td class=\"n\">", f);
			html_escape(f, bs_table_get(t, r, c));
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
	bs_terms_opts to;
	bs_terms_info ti;

	bs_error_clear(&j->err);
	j->rc = bs_store_open(&s, j->path, BS_STORE_MUST_EXIST, &j->err);
	if (!j->rc) {
		bs_terms_opts_init(&to);
		j->rc = bs_terms_ensure(s, &to, 0, &ti, &j->err);
	}
	for (size_t i = 0; !j->rc && bs_charts[i].name; i++) {
		if (bs_charts[i].needs != BS_CHART_TERMS)
			continue;
		j->rc = draw_script(&bs_charts[i], s, j->chart, &j->scripts[i], &j->err);
		j->drawn[i] = !j->rc;
	}
	if (!j->rc)
		j->rc = top_phrases(s, j->o, j->phrases, &j->err);
	j->have_phrases = !j->rc;
	bs_store_close(s);
	return NULL;
}

/* chart i's PNG and SVG (as the formats ask) from its script */
static void emit_files(bs_gp *gp, const bs_report_opts *o, const bs_chart_opts *co, const char *dir,
		       size_t i, const bs_strbuf *script, bs_strbuf *path)
{
	for (int fmt = 0; fmt < 2; fmt++) {
		if (!(o->formats & (fmt ? BS_REPORT_SVG : BS_REPORT_PNG)))
			continue;
		(void)dir;   /* gnuplot runs in the build directory: file names only */
		bs_strbuf_reset(path);
		bs_strbuf_addf(path, "%s%s", bs_charts[i].name, fmt ? ".svg" : ".png");
		bs_gp_chart(gp, bs_charts[i].name);
		bs_chart_output(gp, path->buf, fmt ? BS_OUT_SVG : BS_OUT_PNG, co);
		bs_gp_replay(gp, script);
		bs_gp_cmd(gp, "unset output");
	}
}

/* draw (here, into its script) and emit every chart whose needs are `needs` */
static int draw_emit(bs_gp *gp, bs_store *s, const bs_report_opts *o, const bs_chart_opts *co, const char *dir,
		     int needs, bs_strbuf *scripts, int *drawn, bs_strbuf *path, bs_error *err)
{
	for (size_t i = 0; bs_charts[i].name; i++) {
		int rc;
		if (bs_charts[i].needs != needs)
			continue;
		if (!drawn[i]) {
			rc = draw_script(&bs_charts[i], s, co, &scripts[i], err);
			if (rc)
				return rc;
			drawn[i] = 1;
		}
		emit_files(gp, o, co, dir, i, &scripts[i], path);
	}
	return BS_OK;
}

int bs_report_write(bs_store *s, const bs_report_opts *o, bs_report_info *info, bs_error *err)
{
	bs_strbuf scripts[NCHARTS_MAX];   /* each chart's commands, drawn once, sent per output */
	int drawn[NCHARTS_MAX] = {0};
	bs_gp gp;
	bs_strbuf tmp = BS_STRBUF_INIT, p = BS_STRBUF_INIT, q = BS_STRBUF_INIT;
	bs_table sum, authors, terms, vy;
	size_t n_venue_years = 0;   /* > 0: vy holds the venue summary instead */
	bs_filter f;
	bs_selection sel;          /* what f selects: every table, chart and side file is of it */
	int64_t grun = 0, crun = 0;
	bs_chart_opts chart;
	bs_strbuf title = BS_STRBUF_INIT;
	chart_job job;
	pthread_t th;
	int threaded = 0;
	double t0 = bs_clock_seconds();
	int rc, made_tmp = 0;
	char *txt;
	FILE *fh;

	memset(info, 0, sizeof *info);
	memset(&sum, 0, sizeof sum);
	memset(&authors, 0, sizeof authors);
	memset(&terms, 0, sizeof terms);
	memset(&vy, 0, sizeof vy);
	memset(&gp, 0, sizeof gp);
	memset(&sel, 0, sizeof sel);
	bs_strbuf_init(&title);
	f = o->chart.filter;
	chart = o->chart;
	for (size_t i = 0; i < NCHARTS_MAX; i++)
		bs_strbuf_init(&scripts[i]);
	bs_strbuf_init(&tmp);
	bs_strbuf_init(&p);
	bs_strbuf_init(&q);
	for (size_t i = 0; bs_charts[i].name; i++)
		if (i >= NCHARTS_MAX)
			return bs_error_set(err, BS_ERR_USAGE, "internal: more than %d charts", NCHARTS_MAX);
	/* a selection of no papers is refused before any work (regression:
	 * it wrote a report of empty charts, or failed in the graph stage) */
	rc = bs_query_selection(s, &f, &sel, err);
	if (rc)
		goto cleanup;
	if (o->title)
		bs_strbuf_adds(&title, o->title);
	else if (bs_filter_active(&f))
		bs_strbuf_addf(&title, "bibscope report: %s", sel.text.buf);
	else
		bs_strbuf_adds(&title, "bibscope report");
	/* a directory that is not a report is refused before any work */
	rc = check_target(o->dir, o->overwrite, err);
	if (rc)
		goto cleanup;
	/* the report is built whole in a fresh directory beside o->dir, then
	 * swapped in (outfile.h); dead builds and the build directories of
	 * older versions (DIR.tmp-PID) are removed first */
	bs_path_dir(o->dir, &p);
	bs_path_base(o->dir, &q);
	bs_strbuf_adds(&q, ".tmp-");
	bs_out_sweep(p.buf, q.buf);
	rc = bs_outdir_make(o->dir, &tmp, err);
	if (rc)
		goto cleanup;
	made_tmp = 1;
	/* gnuplot missing: the empty build directory is removed */
	rc = bs_gp_open_in(&gp, tmp.buf, err);
	if (rc)
		goto cleanup;

	/* the keyword tables and the term charts, in a second thread */
	job.path = bs_store_path(s);
	job.chart = &chart;
	job.scripts = scripts;
	job.drawn = drawn;
	job.o = o;
	job.phrases = &terms;
	job.have_phrases = 0;
	job.rc = 0;
	threaded = bs_analyze_beside(s) && pthread_create(&th, NULL, terms_thread, &job) == 0;

	/* the corpus tables and charts, then the graph runs and charts, here;
	 * every one of the selection f (regression: the title page's summary
	 * and venue table were of the whole database) */
	rc = bs_query_summary(s, &f, &sum, err);
	if (!rc)
		rc = bs_query_top_authors(s, &f, 0, 30, &authors, err);
	if (!rc)
		rc = bs_query_venue_years(s, &f, "(no venue)", &vy, err);
	if (!rc && vy.nrows > VENUE_YEAR_ROWS) {   /* one row a venue instead */
		n_venue_years = vy.nrows;
		bs_table_release(&vy);
		rc = bs_query_venue_summary(s, &f, "(no venue)", VENUE_TOP, &vy, err);
	}
	if (!rc)
		rc = draw_emit(&gp, s, o, &chart, tmp.buf, 0, scripts, drawn, &p, err);
	if (!rc)
		rc = bs_charts_prepare_graph(s, &chart, &grun, &crun, err);
	if (!rc)
		rc = draw_emit(&gp, s, o, &chart, tmp.buf, BS_CHART_GRAPH | BS_CHART_IGRAPH, scripts, drawn, &p, err);
	if (threaded) {
		pthread_join(th, NULL);
		threaded = 0;
		if (!rc && job.rc) {
			*err = job.err;
			rc = job.rc;
		}
	}
	/* (without a thread the term charts are drawn here) */
	if (!rc)
		rc = draw_emit(&gp, s, o, &chart, tmp.buf, BS_CHART_TERMS, scripts, drawn, &p, err);
	if (!rc)
		rc = draw_emit(&gp, s, o, &chart, tmp.buf, BS_CHART_TERMS | BS_CHART_IGRAPH, scripts, drawn, &p, err);
	if (!rc && !job.have_phrases)
		rc = top_phrases(s, o, &terms, err);
	if (rc)
		goto fail;
	for (size_t i = 0; bs_charts[i].name; i++)
		info->charts++;

	/* the PDF, from the same scripts */
	if (o->formats & BS_REPORT_PDF) {
		bs_chart_opts co = chart;
		co.width = 1056;   /* 11 x 8.5 inches, landscape */
		co.height = 816;
		bs_strbuf_reset(&p);
		bs_strbuf_adds(&p, "report.pdf");
		bs_gp_chart(&gp, "title page");
		bs_chart_output(&gp, p.buf, BS_OUT_PDF, &co);
		{
			bs_strbuf body = BS_STRBUF_INIT;
			char *t2;
			bs_strbuf_init(&body);
			bs_strbuf_addf(&body, "bibscope %s\n\n", BS_VERSION);
			if (bs_filter_active(&f))
				bs_strbuf_addf(&body, "Selection: %s: %ld of the %ld papers in the database.\n"
					       "Every table and chart of this report is of these papers.\n\nSelected papers\n",
					       sel.text.buf, sel.papers, sel.total);
			else
				bs_strbuf_adds(&body, "Corpus\n");
			t2 = table_text(&sum);
			bs_strbuf_adds(&body, t2);
			free(t2);
			bs_community_opts cdef;   /* the communities the report shows: the default run's */
			bs_community_opts_init(&cdef);
			/* the parameters before the venue-year table, which may run on */
			bs_strbuf_addf(&body, "\nParameters: co-authorship graph with count weights, papers with up to 50"
				       " authors;\nLeiden communities (resolution %g, seed %lu); phrases by NPMI >= 0.3;"
				       " network layout seed %lu.\n", cdef.resolution, cdef.seed, o->chart.seed);
			if (n_venue_years)
				bs_strbuf_addf(&body, "\nPapers per venue (the %d largest; all %zu venue-years:"
					       " bibscope stats)\n", VENUE_TOP, n_venue_years);
			else
				bs_strbuf_adds(&body, "\nPapers per venue and year\n");
			t2 = table_text(&vy);
			bs_strbuf_adds(&body, t2);
			free(t2);
			info->pages += text_page(&gp, title.buf, body.buf);
			bs_strbuf_release(&body);
		}
		bs_gp_chart(&gp, "top authors table");
		txt = table_text(&authors);
		bs_strbuf_reset(&q);
		bs_strbuf_adds(&q, "Top authors (papers, fractional count)");
		if (bs_filter_active(&f))
			bs_strbuf_addf(&q, ": %s", sel.text.buf);
		info->pages += text_page(&gp, q.buf, txt);
		free(txt);
		bs_gp_chart(&gp, "top terms table");
		txt = table_text(&terms);
		bs_strbuf_reset(&q);
		bs_strbuf_adds(&q, "Top phrases");
		if (bs_filter_active(&f))
			bs_strbuf_addf(&q, ": %s", sel.text.buf);
		info->pages += text_page(&gp, q.buf, txt);
		free(txt);
		for (size_t i = 0; bs_charts[i].name; i++) {
			bs_gp_chart(&gp, bs_charts[i].name);
			bs_gp_replay(&gp, &scripts[i]);
			info->pages++;
		}
		bs_gp_cmd(&gp, "unset output");
	}
	rc = bs_gp_close(&gp, err);
	if (rc)
		goto fail;
	/* gnuplot ignores failed writes (a full disk): every file is checked */
	for (size_t i = 0; !rc && bs_charts[i].name; i++)
		for (int fmt = 0; !rc && fmt < 2; fmt++) {
			if (!(o->formats & (fmt ? BS_REPORT_SVG : BS_REPORT_PNG)))
				continue;
			path_in(&p, tmp.buf, bs_charts[i].name, fmt ? ".svg" : ".png");
			path_in(&q, o->dir, bs_charts[i].name, fmt ? ".svg" : ".png");
			rc = bs_out_check(p.buf, fmt ? BS_OUT_SVG : BS_OUT_PNG, q.buf, err);
		}
	if (!rc && (o->formats & BS_REPORT_PDF)) {
		path_in(&p, tmp.buf, "report", ".pdf");
		path_in(&q, o->dir, "report", ".pdf");
		rc = bs_out_check(p.buf, BS_OUT_PDF, q.buf, err);
	}
	if (rc)
		goto fail;

	/* 3. index.html */
	path_in(&p, tmp.buf, "index", ".html");
	fh = fopen(p.buf, "w");
	if (!fh) {
		rc = bs_error_set(err, BS_ERR_IO, "cannot write %s/index.html: %s", o->dir, strerror(errno));
		goto fail;
	}
	/* HTML that is also well-formed XML (void elements closed, no named
	 * entities but XML's), so XML tools read it too */
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>\n<title>", fh);
	html_escape(fh, title.buf);
	fputs("</title>\n<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1250px;margin:2em auto;}"
	      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px}"
	      "td.n{text-align:right}img{max-width:100%;border:1px solid #eee;margin:1em 0}</style>\n</head><body>\n<h1>", fh);
	html_escape(fh, title.buf);
	fprintf(fh, "</h1>\n<p>bibscope %s%s</p>\n", BS_VERSION,
		o->formats & BS_REPORT_PDF ? " &#183; <a href=\"report.pdf\">PDF</a>" : "");
	if (bs_filter_active(&f)) {
		fputs("<p class=\"selection\">Selection: ", fh);
		html_escape(fh, sel.text.buf);
		fprintf(fh, ": %ld of the %ld papers in the database. Every table and chart is of these papers.</p>\n"
			"<h2>Selected papers</h2>\n", sel.papers, sel.total);
	} else {
		fputs("<h2>Corpus</h2>\n", fh);
	}
	html_table(fh, &sum);
	fputs("<h2>Top authors</h2>\n", fh);
	html_table(fh, &authors);
	fputs("<h2>Top phrases</h2>\n", fh);
	html_table(fh, &terms);
	for (size_t i = 0; bs_charts[i].name; i++) {
		fputs("<h2>", fh);
		html_escape(fh, bs_charts[i].title);
		fputs("</h2>\n", fh);
		if (o->formats & BS_REPORT_PNG)
			fprintf(fh, "<img src=\"%s.png\" alt=\"%s\"/>\n", bs_charts[i].name, bs_charts[i].name);
		else if (o->formats & BS_REPORT_SVG)
			fprintf(fh, "<img src=\"%s.svg\" alt=\"%s\"/>\n", bs_charts[i].name, bs_charts[i].name);
	}
	fputs("</body></html>\n", fh);
	{
		int bad = fflush(fh) != 0 || ferror(fh), e = errno;
		if (fclose(fh) != 0 && !bad) {
			bad = 1;
			e = errno;
		}
		if (bad) {
			rc = bs_error_set(err, BS_ERR_IO, "cannot write %s/index.html: %s", o->dir, strerror(e));
			goto fail;
		}
	}

	/* 4. manifest.json */
	{
		json_t *m = json_object(), *params = json_object(), *inputs = json_array(), *files = json_array();
		sqlite3_stmt *st;
		json_object_set_new(m, "bibscope", json_string(BS_VERSION));
		json_object_set_new(m, "schema_version", json_integer(BS_SCHEMA_VERSION));
		json_object_set_new(m, "database", json_text(bs_store_path(s)));
		json_t *filter = json_object(), *selection = json_object();
		json_object_set_new(params, "title", json_text(title.buf));
		json_object_set_new(params, "formats", json_integer(o->formats));
		json_object_set_new(params, "width", json_integer(o->chart.width));
		json_object_set_new(params, "height", json_integer(o->chart.height));
		json_object_set_new(params, "dpi", json_integer(o->chart.dpi));
		json_object_set_new(params, "seed", json_integer((json_int_t)o->chart.seed));
		/* the selection (--venue, --years): null where it is open */
		json_object_set_new(filter, "venue", f.venue ? json_text(f.venue) : json_null());
		json_object_set_new(filter, "venue_key", f.venue ? json_text(sel.venue_key.buf) : json_null());
		json_object_set_new(filter, "venue_name", f.venue ? json_text(sel.venue_name.buf) : json_null());
		json_object_set_new(filter, "year_from", f.year_from ? json_integer(f.year_from) : json_null());
		json_object_set_new(filter, "year_to", f.year_to ? json_integer(f.year_to) : json_null());
		json_object_set_new(params, "filter", filter);
		json_object_set_new(m, "parameters", params);
		json_object_set_new(selection, "filtered", json_boolean(bs_filter_active(&f)));
		json_object_set_new(selection, "description", json_text(sel.text.buf));
		json_object_set_new(selection, "papers", json_integer(sel.papers));
		json_object_set_new(selection, "database_papers", json_integer(sel.total));
		json_object_set_new(m, "selection", selection);
		if (sqlite3_prepare_v2(bs_store_db(s), "SELECT path, sha256, format, read, new FROM ingest_files ORDER BY id",
				       -1, &st, NULL) == SQLITE_OK) {
			while (sqlite3_step(st) == SQLITE_ROW) {
				json_t *i = json_object();
				json_object_set_new(i, "path", json_text((const char *)sqlite3_column_text(st, 0)));
				json_object_set_new(i, "sha256", json_string((const char *)sqlite3_column_text(st, 1)));
				json_object_set_new(i, "format", json_string((const char *)sqlite3_column_text(st, 2)));
				json_object_set_new(i, "records", json_integer(sqlite3_column_int64(st, 3)));
				json_object_set_new(i, "new", json_integer(sqlite3_column_int64(st, 4)));
				json_array_append_new(inputs, i);
			}
			sqlite3_finalize(st);
		}
		json_object_set_new(m, "inputs", inputs);
		/* the runs this report read: the selection's graph and
		 * communities, the keyword tables and the thematic map (runs of
		 * other selections may be stored beside them) */
		if (sqlite3_prepare_v2(bs_store_db(s), "SELECT kind, params, data_version FROM runs"
				       " WHERE id IN (?1, ?2) OR kind IN ('terms', 'themes') ORDER BY id", -1, &st,
				       NULL) == SQLITE_OK) {
			sqlite3_bind_int64(st, 1, grun);
			sqlite3_bind_int64(st, 2, crun);
			json_t *runs = json_array();
			while (sqlite3_step(st) == SQLITE_ROW) {
				json_t *r = json_object();
				json_object_set_new(r, "kind", json_string((const char *)sqlite3_column_text(st, 0)));
				json_object_set_new(r, "params", json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL));
				json_object_set_new(r, "data_version", json_integer(sqlite3_column_int64(st, 2)));
				json_array_append_new(runs, r);
			}
			sqlite3_finalize(st);
			json_object_set_new(m, "analysis_runs", runs);
		}
		if (o->formats & BS_REPORT_PDF)
			json_array_append_new(files, json_string("report.pdf"));
		for (size_t i = 0; bs_charts[i].name; i++) {
			bs_strbuf_reset(&q);
			if (o->formats & BS_REPORT_PNG) {
				bs_strbuf_addf(&q, "%s.png", bs_charts[i].name);
				json_array_append_new(files, json_string(q.buf));
				bs_strbuf_reset(&q);
			}
			if (o->formats & BS_REPORT_SVG) {
				bs_strbuf_addf(&q, "%s.svg", bs_charts[i].name);
				json_array_append_new(files, json_string(q.buf));
			}
		}
		json_array_append_new(files, json_string("index.html"));
		json_array_append_new(files, json_string("manifest.json"));
		json_object_set_new(m, "files", files);
		path_in(&p, tmp.buf, "manifest", ".json");
		fh = fopen(p.buf, "w");
		if (!fh || json_dumpf(m, fh, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fflush(fh) != 0 || ferror(fh))
			rc = bs_error_set(err, BS_ERR_IO, "cannot write %s/manifest.json: %s", o->dir, strerror(errno));
		if (fh && fclose(fh) != 0 && !rc)
			rc = bs_error_set(err, BS_ERR_IO, "cannot write %s/manifest.json: %s", o->dir, strerror(errno));
		json_decref(m);
		if (rc)
			goto fail;
	}
	rc = bs_outdir_publish(tmp.buf, o->dir, err);
	made_tmp = 0;
	info->seconds = bs_clock_seconds() - t0;
	goto cleanup;
fail:
	bs_gp_close(&gp, NULL);
cleanup:
	if (threaded)
		pthread_join(th, NULL);
	bs_gp_close(&gp, NULL);
	if (made_tmp)
		bs_rmtree(tmp.buf);
	bs_table_release(&sum);
	bs_table_release(&authors);
	bs_table_release(&terms);
	bs_table_release(&vy);
	bs_selection_release(&sel);
	bs_strbuf_release(&title);
	for (size_t i = 0; i < NCHARTS_MAX; i++)
		bs_strbuf_release(&scripts[i]);
	bs_strbuf_release(&tmp);
	bs_strbuf_release(&p);
	bs_strbuf_release(&q);
	return rc;
}
