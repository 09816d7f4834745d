#define _GNU_SOURCE   /* pthread_setname_np */
#include "analysis/analyze.h"
#include "base/clock.h"
#include "base/thread.h"
#include "base/trace.h"
#include "store/graphdata.h"
#include "store/runs.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <string.h>
#include <time.h>

/* Community detection as a side job of bs_metrics_compute_beside, and
 * the run stored as soon as it is found: the own thread of the metrics is
 * still at work then, while storing after the metrics would add to the
 * end of the stage. */
typedef struct detect_job {
	bs_store *s;
	const char *params;
	const bs_coauthor_graph *g;
	const bs_community_opts *o;
	bs_communities *c;
	int64_t version;
	int64_t *run_id;
	bs_error *err;
} detect_job;

static int detect_beside(void *arg)
{
	detect_job *j = arg;
	int rc = bs_communities_detect(j->g, j->o, j->c, j->err);

	bs_trace("communities detected");

	if (!rc)
		rc = bs_results_save_communities(j->s, j->params, j->version, j->g, j->c, j->run_id, j->err);
	return rc;
}

/* The one implementation behind the three entry points: m or c NULL means
 * that run is not wanted.  Each wanted run is looked up (unless force) and
 * the missing ones computed on one build of the graph -- Leiden beside the
 * metrics' own thread when both are missing, and its run stored as soon as
 * Leiden ends -- each stored in a transaction of its own, so that the
 * write lock is held only for the inserts.  info (may be NULL) describes
 * the computation. */
static int analyze(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m, const bs_community_opts *c,
		   int force, int64_t *graph_run, int64_t *comm_run, bs_analysis_info *info, bs_error *err)
{
	bs_coauthor_graph graph;
	bs_author_metrics met;
	bs_graph_summary sum;
	bs_communities com;
	bs_error cerr;
	char *gparams = m ? bs_results_graph_params(g, m) : NULL;
	char *cparams = c ? bs_results_community_params(g, c) : NULL;
	int want_graph, want_comm;
	int64_t version = 0;
	double t0 = bs_clock_seconds();
	int rc = BS_OK;

	memset(&graph, 0, sizeof graph);
	memset(&met, 0, sizeof met);
	memset(&sum, 0, sizeof sum);
	memset(&com, 0, sizeof com);
	if (info)
		memset(info, 0, sizeof *info);
	if (graph_run)
		*graph_run = 0;
	if (comm_run)
		*comm_run = 0;
	if (m && !force)
		rc = bs_results_find(s, "graph", gparams, graph_run, err);
	if (!rc && c && !force)
		rc = bs_results_find(s, "communities", cparams, comm_run, err);
	want_graph = m && !*graph_run;
	want_comm = c && !*comm_run;
	if (!rc && m && !want_graph && info)   /* a stored run: how it was computed */
		rc = bs_results_graph_sampling(s, *graph_run, &info->approximate, &info->k, err);
	if (rc || (!want_graph && !want_comm))
		goto cleanup;
	bs_trace("graph stage: building the graph");
	rc = bs_store_read_begin(s, &version, err);
	if (!rc)
		rc = bs_graph_build(s, g, &graph, err);
	bs_store_read_end(s);
	bs_trace("graph built");
	if (!rc && want_graph) {
		detect_job dj = {s, cparams, &graph, c, &com, version, comm_run, &cerr};
		int crc = 0;
		bs_error_clear(&cerr);
		rc = bs_metrics_compute_beside(&graph, m, &met, want_comm ? detect_beside : NULL, &dj, &crc, err);
		if (!rc && crc) {
			rc = crc;
			*err = cerr;
		}
		bs_trace("metrics computed");
		if (!rc)
			rc = bs_graph_summarize(&graph, &met, m, &sum, err);
	} else if (!rc && want_comm) {
		rc = bs_communities_detect(&graph, c, &com, err);
	}
	if (!rc && want_graph)
		rc = bs_results_save_graph(s, gparams, version, &graph, &met, &sum, graph_run, err);
	if (!rc && want_comm && !want_graph)   /* else stored by detect_beside */
		rc = bs_results_save_communities(s, cparams, version, &graph, &com, comm_run, err);
	if (!rc && info) {
		info->computed = 1;
		info->graph_computed = want_graph;
		info->comm_computed = want_comm;
		info->seconds = bs_clock_seconds() - t0;
		info->vertices = (long)graph.n;
		info->edges = (long)igraph_ecount(&graph.g);
		info->papers_excluded = graph.n_papers_excluded;
		info->approximate = met.approximate;
		info->k = (long)met.k;
	}
cleanup:
	bs_communities_release(&com);
	bs_graph_summary_release(&sum);
	bs_metrics_release(&met);
	bs_graph_release(&graph);
	free(gparams);
	free(cparams);
	return rc;
}

int bs_analyze_graph(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m, int force,
		     int64_t *run_id, bs_analysis_info *info, bs_error *err)
{
	return analyze(s, g, m, NULL, force, run_id, NULL, info, err);
}

int bs_analyze_communities(bs_store *s, const bs_graph_opts *g, const bs_community_opts *c,
			   int force, int64_t *run_id, bs_analysis_info *info, bs_error *err)
{
	return analyze(s, g, NULL, c, force, NULL, run_id, info, err);
}

/* What comes after the graph stage (the keyword tables, when the two run
 * one after the other) should not stack on its leftovers: the page cache
 * filled by the stores, and the heap pages of millions of freed names. */
static void release_leftovers(bs_store *s)
{
	bs_graphdata_release_cache(s);
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

int bs_analyze_graph_communities(bs_store *s, const bs_graph_opts *g, const bs_metrics_opts *m,
				 const bs_community_opts *c, int64_t *graph_run, int64_t *comm_run,
				 bs_error *err)
{
	int rc = analyze(s, g, m, c, 0, graph_run, comm_run, NULL, err);

	release_leftovers(s);
	return rc;
}

/* Side by side, the two stages peak at about 5.7 KB a paper (1M synthetic
 * papers: 5.4 GiB); 1.25M papers keep that under 8 GB.  (The limit was
 * 1,000,000 exactly: a 1M-paper database with one more file ran the
 * stages one after the other, 35 s slower.) */
#define PARALLEL_MAX_PAPERS 1250000
int bs_analyze_beside(bs_store *s)
{
	int64_t maxid, limit = PARALLEL_MAX_PAPERS;
	const char *env = getenv("BIBSCOPE_PARALLEL_MAX_PAPERS");

	if (env && *env)
		limit = strtoll(env, NULL, 10);
	maxid = bs_graphdata_paper_id_bound(s);
	if (maxid < 0)
		return 0;
	return maxid <= limit;   /* ids only grow: an upper bound of the count */
}

/* The keyword tables on their own thread and connection. */
typedef struct terms_job {
	const char *path;
	const bs_terms_opts *o;
	int force;
	bs_terms_info *info;
	int rc;
	bs_error err;
} terms_job;

/* Beside the graph stage of analyze the critical chain is the igraph
 * thread's: build, Leiden, storing the communities and then the metrics,
 * one after the other.  With every thread at the same priority it got
 * about half a core while the others ran, then ran alone at the end.  So
 * the threads off it are lowered: the metrics' igraph-free thread (its
 * results are stored last) a little, the keyword tables (needed only at
 * the end) more.  Other pairs of values, and the order the other way
 * round, measured slower on the synthetic 1M-paper corpus
 * (docs/dev/performance.md, "`analyze` and `report`: the schedule").  The report keeps one priority:
 * its main thread draws charts after the graph stage, while the keyword
 * tables' charts wait on them. */
#define ANALYZE_OWN_NICE 5
#define ANALYZE_TERMS_NICE 10

static void *terms_thread(void *arg)
{
	terms_job *j = arg;
	bs_store *s = NULL;

	bs_thread_lower_priority(ANALYZE_TERMS_NICE);   /* its workers inherit it */
	bs_error_clear(&j->err);
	j->rc = bs_store_open(&s, j->path, BS_STORE_MUST_EXIST, &j->err);
	if (!j->rc)
		j->rc = bs_terms_ensure(s, j->o, j->force, j->info, &j->err);
	bs_store_close(s);
	return NULL;
}

int bs_analyze_all(bs_store *s, const bs_terms_opts *t, const bs_graph_opts *g, const bs_metrics_opts *m,
		   const bs_community_opts *c, int force, bs_analyze_all_info *info, bs_error *err)
{
	terms_job job = {bs_store_path(s), t, force, &info->terms, 0, {0}};
	pthread_t th;
	double t0 = bs_clock_seconds();
	int rc;

	memset(info, 0, sizeof *info);
	bs_error_clear(&job.err);
	info->parallel = bs_analyze_beside(s) && pthread_create(&th, NULL, terms_thread, &job) == 0;
	if (info->parallel)
		pthread_setname_np(th, "bs-terms");
	{
		bs_metrics_opts mo;
		if (m) {
			mo = *m;
			if (info->parallel)
				mo.side_nice = ANALYZE_OWN_NICE;
		}
		rc = analyze(s, g, m ? &mo : NULL, c, force, &info->graph_run, &info->comm_run, &info->graph, err);
	}
	if (info->parallel) {
		pthread_join(th, NULL);
		if (!rc && job.rc) {
			*err = job.err;
			rc = job.rc;
		}
	} else if (!rc) {   /* one stage after the other */
		release_leftovers(s);
		rc = bs_terms_ensure(s, t, force, &info->terms, err);
	}
	info->seconds = bs_clock_seconds() - t0;
	return rc;
}

/* The themes run for f, built with th (defaults when NULL); its table to
 * *out when out is not NULL. */
static int selection_themes(bs_store *s, const bs_filter *f, const bs_theme_opts *th, int64_t *run,
			    bs_table *out, bs_error *err)
{
	bs_theme_opts o;
	bs_table t;
	int rc;

	if (th)
		o = *th;
	else
		bs_theme_opts_init(&o);
	o.filter = *f;
	rc = bs_themes_build(s, &o, &t, err);
	if (!rc)
		rc = bs_runs_latest(s, "themes", run, err);
	if (!rc && out)
		*out = t;
	else if (!rc)
		bs_table_release(&t);
	return rc;
}

int bs_analyze_selection(bs_store *s, const bs_filter *f, unsigned want, const bs_theme_opts *th,
			 bs_analyze_runs *runs, bs_table *themes, bs_error *err)
{
	bs_graph_opts go;
	bs_metrics_opts mo;
	bs_community_opts co;
	bs_terms_opts to;
	bs_terms_info ti;
	int rc = BS_OK;

	memset(runs, 0, sizeof *runs);
	bs_graph_opts_init(&go);
	go.filter = *f;
	bs_metrics_opts_init(&mo);
	bs_community_opts_init(&co);
	if (want & (BS_WANT_GRAPH | BS_WANT_COMMUNITIES)) {
		rc = analyze(s, &go, want & BS_WANT_GRAPH ? &mo : NULL, want & BS_WANT_COMMUNITIES ? &co : NULL, 0,
			     &runs->graph, &runs->communities, NULL, err);
		release_leftovers(s);
	}
	if (!rc && (want & (BS_WANT_TERMS | BS_WANT_THEMES))) {
		bs_terms_opts_init(&to);
		rc = bs_terms_ensure(s, &to, 0, &ti, err);
		if (!rc)
			runs->terms = ti.run_id;
	}
	if (!rc && (want & BS_WANT_THEMES))
		rc = selection_themes(s, f, th, &runs->themes, themes, err);
	return rc;
}
