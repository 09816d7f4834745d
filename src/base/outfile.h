/* outfile.h - publish output files and directories whole.
 *
 * Every output is written under a temporary name beside its target,
 * ".bibscope-tmp-PID-XXXXXX" in the target's directory, created with
 * mkstemp/mkdtemp (O_EXCL: a symlink planted there is never followed and
 * the name cannot be guessed), synced, then renamed over the target: a
 * reader sees the old file or the new one, never a part.  A run killed
 * before its rename leaves its temporary name; the next output into the
 * same directory removes the temporary names of processes that no longer
 * exist (the PID in the name says whose it is).
 *
 * The path "-" is standard output: the temporary file is made in $TMPDIR
 * (else /tmp) and its content copied to standard output by the commit, in
 * place of the rename (nothing is written there on an error).
 */
#ifndef BS_OUTFILE_H
#define BS_OUTFILE_H

#include "base/error.h"
#include "base/strbuf.h"

#include <stdio.h>

typedef struct bs_outfile {
	FILE *f;          /* open for writing; NULL once closed */
	char *path;       /* the target */
	char *tmp;        /* the temporary name beside it */
	int to_stdout;    /* path is "-" */
} bs_outfile;

/* Is path "-", standard output? */
int bs_outfile_is_stdout(const char *path);
/* What messages call path: "standard output" for "-", else path. */
const char *bs_outfile_shown(const char *path);

/* "a/b/c.csv" -> "a/b" ("." without a slash, "/" for "/c.csv"). */
void bs_path_dir(const char *path, bs_strbuf *out);
/* "a/b/c.csv" -> "c.csv" (trailing slashes ignored). */
void bs_path_base(const char *path, bs_strbuf *out);

/* Remove the temporary names of dead processes in dir, and those named
 * "<legacy><PID>" (the names of older versions) when legacy is not NULL. */
void bs_out_sweep(const char *dir, const char *legacy);

/* Create the temporary file for path (after a sweep of its directory)
 * and open it as o->f.  Errors: BS_ERR_IO naming path. */
int bs_outfile_open(bs_outfile *o, const char *path, bs_error *err);

/* Publish n files as one: close and sync each (a file another program
 * wrote under o->tmp is synced too), give them one modification time,
 * then rename them back to back and sync the directory.  On an error
 * nothing is renamed and every temporary file is removed.  Releases o.
 * Standard output is one file alone (n == 1, else BS_ERR_USAGE). */
int bs_outfile_commit(bs_outfile *o, size_t n, bs_error *err);

/* Remove the temporary files and release o (safe on a zeroed o). */
void bs_outfile_abort(bs_outfile *o, size_t n);

/* Create an empty temporary directory beside dir: *build. */
int bs_outdir_make(const char *dir, bs_strbuf *build, bs_error *err);

/* Sync every file of build, then make build become dir: rename when dir
 * does not exist, else exchange the two (renameat2 RENAME_EXCHANGE) and
 * remove the old one, now at build.  Whether dir may be replaced is the
 * caller's decision, taken before.  Errors: BS_ERR_IO; build is removed. */
int bs_outdir_publish(const char *build, const char *dir, bs_error *err);

/* Remove path and everything under it (symlinks are not followed);
 * 0 or -1. */
int bs_rmtree(const char *path);

#endif
