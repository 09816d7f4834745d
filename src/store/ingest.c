#include "store/ingest.h"
#include "readers/bibctx.h"
#include "readers/prefetch.h"
#include "readers/reader.h"
#include "store/store.h"
#include "base/strbuf.h"
#include "base/thread.h"
#include "base/trace.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>

typedef struct file_list {
	char **path;
	int *from_walk;
	int *arg;          /* the named path this file is or was found under */
	uint64_t *size;
	size_t n, cap;
	int cur_arg;       /* the named path list_add is called for */
} file_list;

static void list_add(file_list *l, const char *p, int walk, uint64_t size)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->path = bs_xrealloc(l->path, l->cap * sizeof *l->path);
		l->from_walk = bs_xrealloc(l->from_walk, l->cap * sizeof *l->from_walk);
		l->arg = bs_xrealloc(l->arg, l->cap * sizeof *l->arg);
		l->size = bs_xrealloc(l->size, l->cap * sizeof *l->size);
	}
	l->path[l->n] = bs_xstrdup(p);
	l->from_walk[l->n] = walk;
	l->arg[l->n] = l->cur_arg;
	l->size[l->n] = size;
	l->n++;
}

static void list_release(file_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->path[i]);
	free(l->path);
	free(l->from_walk);
	free(l->arg);
	free(l->size);
	memset(l, 0, sizeof *l);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* sizes that mark an entry no file is read from */
#define UNREADABLE_DIR UINT64_MAX
#define NOT_A_FILE (UINT64_MAX - 1)   /* a named pipe, device or socket */
#define NOT_READ(size) ((size) >= NOT_A_FILE)

/* Walk dir (depth-first, sorted); unreadable subdirectories and entries
 * that are not regular files are listed with the sizes above. */
static void walk(file_list *l, const char *dir, int depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (depth > 64)
		return;
	d = opendir(dir);
	if (!d) {
		list_add(l, dir, 1, UNREADABLE_DIR);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = bs_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = bs_xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		bs_strbuf p = BS_STRBUF_INIT;
		struct stat st;

		bs_strbuf_init(&p);
		bs_strbuf_adds(&p, dir);
		if (p.len && p.buf[p.len - 1] != '/')
			bs_strbuf_addc(&p, '/');
		bs_strbuf_adds(&p, names[i]);
		if (lstat(p.buf, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk(l, p.buf, depth + 1);
			else if (S_ISREG(st.st_mode))
				list_add(l, p.buf, 1, (uint64_t)st.st_size);
			else if (S_ISLNK(st.st_mode) && stat(p.buf, &st) == 0 && S_ISREG(st.st_mode))
				list_add(l, p.buf, 1, (uint64_t)st.st_size);
			else if (!S_ISLNK(st.st_mode))
				/* never opened (a FIFO would wait for a writer, a
				 * device could be endless), but said */
				list_add(l, p.buf, 1, NOT_A_FILE);
		}
		bs_strbuf_release(&p);
		free(names[i]);
	}
	free(names);
}

typedef struct progress_ctx {
	const bs_ingest_opts *o;
	uint64_t base, total;
	const char *path;
} progress_ctx;

/* A file opened (and, when it is safe, already being parsed by its reader
 * thread) before its turn, so that parsing it overlaps with storing the
 * file before it. */
typedef struct opened {
	size_t idx;        /* index in the file list; SIZE_MAX: none */
	bs_reader *r;
	bs_prefetch *pf;   /* NULL: not started (or no thread) */
	uint64_t size;     /* bytes on disk, 0 when unknown (a stream) */
	int rc;            /* the open failed: rc and err */
	bs_error err;
} opened;

static void open_file(opened *f, size_t idx, const char *path, uint64_t size, const bs_ingest_opts *o,
		      bs_bibctx *bib)
{
	memset(f, 0, sizeof *f);
	f->idx = idx;
	f->size = size;
	bs_error_clear(&f->err);
	f->rc = bs_reader_open_shared(&f->r, path, o->format, o->diag, bib, &f->err);
}

/* Files smaller than this are parsed on the storing thread: creating a
 * reader thread and handing it the records cost more than the parse
 * overlaps (directories of many one-record files spent a thread per file). */
#define PREFETCH_MIN_BYTES ((uint64_t)64 << 10)

/* Start f's reader thread.  BibTeX readers share the run's bs_bibctx and
 * add to it, so one of them is never started while another runs. */
static void start_file(opened *f)
{
	if (f->size > 0 && f->size < PREFETCH_MIN_BYTES)
		return;
	if (!f->rc && f->r && !f->pf) {
		bs_error e;
		bs_error_clear(&e);
		if (bs_prefetch_start_prepared(&f->pf, f->r, bs_store_prepare_record, &e))
			f->pf = NULL;   /* no thread: read in this one */
	}
}

static int is_bibtex(const opened *f)
{
	return !f->rc && f->r && !strcmp(f->r->ops->name, "bibtex");
}

static void close_file(opened *f)
{
	bs_prefetch_stop(f->pf);
	bs_reader_close(f->r);
	memset(f, 0, sizeof *f);
	f->idx = SIZE_MAX;
}

/* Tell on_file about a walk entry no file was read from; returns status. */
static int report_unread(const bs_ingest_opts *o, const char *path, int from_walk, int status,
			 const bs_error *e)
{
	bs_ingest_file_result res;

	memset(&res, 0, sizeof res);
	res.path = path;
	res.from_walk = from_walk;
	res.status = status;
	res.message = e->msg;
	if (o->on_file)
		o->on_file(o->ud, &res);
	return status;
}

/* A store failure while storing path: say which input file it hit. */
static int store_failed(int rc, const char *path, bs_error *err)
{
	char why[sizeof err->msg];

	snprintf(why, sizeof why, "%s", err->msg);
	return bs_error_set(err, rc, "%s: not stored: %s", path, why);
}

/* Ingest the file f (opened by open_file; closed here).  next, when not
 * NULL, is the following file: it is opened and its reader thread started
 * once f's records are flowing. */
static int ingest_one(bs_store *s, opened *f, const char *path, int from_walk,
		      const bs_ingest_opts *o, progress_ctx *pc, bs_ingest_totals *t,
		      opened *next, size_t next_idx, const char *next_path, uint64_t next_size, bs_bibctx *bib,
		      bs_error *err)
{
	bs_ingest_file_result res;
	bs_reader *r = f->r;
	bs_prefetch *pf;
	bs_record *rec;
	uint64_t off = 0;
	int64_t file_id = 0;
	long warn0 = o->diag ? o->diag->count : 0;
	char sha[65];
	int rc, began = 0;
	long n = 0;

	memset(&res, 0, sizeof res);
	res.path = path;
	res.from_walk = from_walk;
	rc = f->rc;
	if (rc) {
		*err = f->err;
		goto cleanup;
	}
	res.format = r->ops->name;
	if (!o->dry_run) {
		rc = bs_store_file_begin(s, path, r->ops->name, &file_id, err);
		if (rc) {
			store_failed(rc, path, err);
			goto cleanup;
		}
		began = 1;
	}
	bs_trace("file begun: %s", path);
	start_file(f);
	pf = f->pf;
	if (next && !is_bibtex(f)) {
		open_file(next, next_idx, next_path, next_size, o, bib);
		if (!is_bibtex(next))
			start_file(next);
	}
	while ((rc = pf ? bs_prefetch_next(pf, &rec, &off, err) : bs_reader_next(r, &rec, err)) == 1) {
		bs_match how;
		int64_t pid;

		if (o->dry_run) {
			res.counts.read++;
			continue;
		}
		rc = bs_store_add_record(s, file_id, r->ops->name, rec, &res.counts, &how, &pid, err);
		if (rc) {
			store_failed(rc, path, err);
			goto cleanup;
		}
		if (how != BS_MATCH_NONE && o->on_match)
			o->on_match(o->ud, path, rec, how, pid);
		/* bytes of the file on disk (compressed ones for .gz), which
		 * is what the total counts */
		if (o->on_progress && (++n & 255) == 0)
			o->on_progress(o->ud, pc->base + (pf ? off : bs_input_file_offset(r->in)),
				       pc->total, path);
	}
	bs_prefetch_stop(pf);
	f->pf = pf = NULL;
	if (rc < 0) {
		rc = err->code ? err->code : BS_ERR_IO;
		goto cleanup;
	}
	rc = bs_input_sha256(r->in, sha, err);
	if (rc)
		goto cleanup;
	res.counts.skipped = r->skipped;
	res.counts.bytes = bs_input_offset(r->in);
	res.counts.warnings = o->diag ? o->diag->count - warn0 : 0;
	if (!o->dry_run && (rc = bs_store_file_commit(s, file_id, sha, &res.counts, err)) != BS_OK)
		store_failed(rc, path, err);
	began = 0;
cleanup:
	if (began)
		bs_store_file_rollback(s);
	close_file(f);
	res.status = rc;
	res.message = rc ? err->msg : NULL;
	if (rc) {
		/* nothing of a failed file stays in the store */
		memset(&res.counts, 0, sizeof res.counts);
		res.counts.warnings = o->diag ? o->diag->count - warn0 : 0;
		if (bs_ingest_is_skip(rc, from_walk))
			t->files_skipped++;
		else
			t->files_failed++;
	} else {
		t->files++;
		t->read += res.counts.read;
		t->new_papers += res.counts.new_papers;
		t->duplicate += res.counts.duplicate;
		t->skipped += res.counts.skipped;
		t->bytes += res.counts.bytes;
	}
	t->warnings += res.counts.warnings;
	if (o->on_file)
		o->on_file(o->ud, &res);
	return rc;
}

/* The first pass over the BibTeX files of a run (see bibctx.h). */
typedef struct prescan {
	const char **paths;   /* borrowed from the file list */
	size_t n, cap;
	bs_bibctx *ctx;
	pthread_t thread;
	int started;
} prescan;

static void *prescan_main(void *arg)
{
	prescan *p = arg;
	bs_error e;

	for (size_t i = 0; i < p->n && !bs_bibctx_stopped(p->ctx); i++) {
		bs_error_clear(&e);
		bs_bibtex_prescan(p->paths[i], p->ctx, &e);   /* errors surface in the main pass */
	}
	bs_bibctx_filled(p->ctx);
	bs_trace("bibtex prescan done");
	return NULL;
}

/* prescan_main on its own thread: the main pass needs it only for macros
 * and crossrefs it cannot resolve alone, and then waits for it (freeing
 * its core), so it must not take a core from the main pass */
static void *prescan_thread(void *arg)
{
	bs_thread_lower_priority(19);
	return prescan_main(arg);
}

/* The files named by paths (directories walked) into l. */
static void list_paths(file_list *l, const char *const *paths, int n)
{
	for (int i = 0; i < n; i++) {
		struct stat st;
		l->cur_arg = i;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			walk(l, paths[i], 0);
		else
			list_add(l, paths[i], 0, stat(paths[i], &st) == 0 ? (uint64_t)st.st_size : 0);
	}
}

/* BibTeX files share @string macros and crossref targets: a first pass
 * over all of them fills one context, on its own thread while the ingest
 * starts (the readers wait for it when they need it).  The context, or
 * NULL when l holds no BibTeX file. */
static bs_bibctx *prescan_start(prescan *pre, const file_list *l, const bs_ingest_opts *o)
{
	bs_error e;

	memset(pre, 0, sizeof *pre);
	for (size_t i = 0; i < l->n; i++) {
		bs_reader *probe;
		int is_bib;
		if (NOT_READ(l->size[i]))
			continue;
		bs_error_clear(&e);
		if (bs_reader_open(&probe, l->path[i], o->format, NULL, &e))
			continue;
		is_bib = !strcmp(probe->ops->name, "bibtex");
		bs_reader_close(probe);
		if (!is_bib)
			continue;
		if (pre->n == pre->cap) {
			pre->cap = pre->cap ? 2 * pre->cap : 8;
			pre->paths = bs_xrealloc(pre->paths, pre->cap * sizeof *pre->paths);
		}
		pre->paths[pre->n++] = l->path[i];
	}
	if (!pre->n)
		return NULL;
	pre->ctx = bs_bibctx_new();
	bs_bibctx_set_filling(pre->ctx);
	pre->started = pthread_create(&pre->thread, NULL, prescan_thread, pre) == 0;
	if (!pre->started)
		prescan_main(pre);
	return pre->ctx;
}

int bs_ingest_paths(bs_store *s, const char *const *paths, int n, const bs_ingest_opts *o,
		    bs_ingest_totals *t, bs_error *err)
{
	file_list l;
	progress_ctx pc;
	opened cur, ahead;
	bs_bibctx *bib = NULL;
	prescan pre;
	int last = BS_OK;
	bs_error e;
	/* per named path: records read from it, and whether an error about
	 * it was reported (so that it is not said to hold no records too) */
	long *arg_read = bs_xcalloc(n > 0 ? (size_t)n : 1, sizeof *arg_read);
	char *arg_failed = bs_xcalloc(n > 0 ? (size_t)n : 1, 1);

	memset(&l, 0, sizeof l);
	memset(t, 0, sizeof *t);
	memset(&pc, 0, sizeof pc);
	pc.o = o;
	list_paths(&l, paths, n);
	for (size_t i = 0; i < l.n; i++)
		if (!NOT_READ(l.size[i]))
			pc.total += l.size[i];
	if (s)   /* NULL on --dry-run */
		bs_store_set_input_hint(s, pc.total);
	bib = prescan_start(&pre, &l, o);
	memset(&cur, 0, sizeof cur);
	memset(&ahead, 0, sizeof ahead);
	cur.idx = ahead.idx = SIZE_MAX;
	for (size_t i = 0; i < l.n; i++) {
		size_t j;
		int rc;

		bs_error_clear(&e);
		if (l.size[i] == NOT_A_FILE) {
			report_unread(o, l.path[i], 1, bs_error_set(&e, BS_ERR_FORMAT, "%s: not a regular file (a"
							  " named pipe, device or socket): not read", l.path[i]), &e);
			t->files_skipped++;
			continue;
		}
		if (l.size[i] == UNREADABLE_DIR) {
			last = report_unread(o, l.path[i], 0, bs_error_set(&e, BS_ERR_IO, "%s: cannot read directory",
									   l.path[i]), &e);
			t->files_failed++;
			arg_failed[l.arg[i]] = 1;
			*err = e;
			continue;
		}
		pc.path = l.path[i];
		if (ahead.idx == i) {
			cur = ahead;   /* cur owns it now */
			memset(&ahead, 0, sizeof ahead);
			ahead.idx = SIZE_MAX;
		} else {
			close_file(&ahead);
			open_file(&cur, i, l.path[i], l.size[i], o, bib);
		}
		for (j = i + 1; j < l.n && NOT_READ(l.size[j]); j++)
			;
		{
			long read0 = t->read;
			rc = ingest_one(s, &cur, l.path[i], l.from_walk[i], o, &pc, t,
					j < l.n ? &ahead : NULL, j, j < l.n ? l.path[j] : NULL,
					j < l.n ? l.size[j] : 0, bib, &e);
			arg_read[l.arg[i]] += t->read - read0;
		}
		pc.base += l.size[i];
		if (o->on_progress)
			o->on_progress(o->ud, pc.base, pc.total, l.path[i]);
		if (rc && !bs_ingest_is_skip(rc, l.from_walk[i])) {
			*err = e;
			last = rc;
			arg_failed[l.arg[i]] = 1;
		}
		if (rc && s && bs_store_broken(s)) {
			/* the database cannot be written (full disk, I/O error):
			 * every further file would fail the same way */
			t->files_not_tried = (long)(l.n - i - 1);
			break;
		}
	}
	close_file(&ahead);
	if (pre.started) {
		bs_bibctx_stop(bib);   /* every file is read: the first pass may quit */
		(void)pthread_join(pre.thread, NULL);   /* a joinable thread of ours: cannot fail */
	}
	free(pre.paths);
	list_release(&l);
	bs_bibctx_free(bib);
	for (int i = 0; i < n && !t->files_not_tried; i++)
		if (!arg_read[i] && !arg_failed[i]) {
			t->paths_empty++;
			if (o->on_empty)
				o->on_empty(o->ud, paths[i]);
		}
	free(arg_read);
	free(arg_failed);
	if (!o->dry_run && s) {
		/* a bulk load rebuilds its deferred indexes and elects names now */
		int rc = bs_store_finish(s, &e);
		if (rc) {
			*err = e;
			last = rc;
			t->store_failed = 1;
		}
	}
	return last;
}
