/* renameat2 and RENAME_EXCHANGE are GNU extensions */
#define _GNU_SOURCE
#include "base/outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define TMP_PREFIX ".bibscope-tmp-"

void bs_path_dir(const char *path, bs_strbuf *out)
{
	size_t n = strlen(path);

	bs_strbuf_reset(out);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n > 0 && path[n - 1] != '/')
		n--;
	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 0)
		bs_strbuf_adds(out, ".");
	else
		bs_strbuf_add(out, path, n);
}

void bs_path_base(const char *path, bs_strbuf *out)
{
	size_t n = strlen(path), b;

	bs_strbuf_reset(out);
	while (n > 1 && path[n - 1] == '/')
		n--;
	b = n;
	while (b > 0 && path[b - 1] != '/')
		b--;
	bs_strbuf_add(out, path + b, n - b);
}

static int rm_entry(const char *p, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	/* keep going past what cannot be removed: the caller checks the root */
	if (type == FTW_DP)
		rmdir(p);
	else
		unlink(p);
	return 0;
}

int bs_rmtree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return lstat(path, &st) == 0 ? -1 : 0;
}

/* PID of a temporary name made by a bibscope ("<prefix><PID>[-...]"), 0 if not one */
static long tmp_pid(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);
	char *end;
	long pid;

	if (strncmp(name, prefix, n) != 0)
		return 0;
	errno = 0;
	pid = strtol(name + n, &end, 10);
	if (errno || end == name + n || pid <= 0 || (*end && *end != '-'))
		return 0;
	return pid;
}

static int pid_gone(long pid)
{
	return pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void bs_out_sweep(const char *dir, const char *legacy)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bs_strbuf p = BS_STRBUF_INIT;

	if (!d)
		return;
	bs_strbuf_init(&p);
	while ((e = readdir(d))) {
		long pid = tmp_pid(e->d_name, TMP_PREFIX);
		if (!pid && legacy && *legacy) {
			pid = tmp_pid(e->d_name, legacy);
			/* the old names end in the PID */
			if (pid && strchr(e->d_name + strlen(legacy), '-'))
				pid = 0;
		}
		if (!pid || !pid_gone(pid))
			continue;
		bs_strbuf_reset(&p);
		bs_strbuf_addf(&p, "%s/%s", dir, e->d_name);
		bs_rmtree(p.buf);
	}
	closedir(d);
	bs_strbuf_release(&p);
}

static void tmp_template(const char *path, bs_strbuf *out)
{
	bs_strbuf dir = BS_STRBUF_INIT;

	bs_strbuf_init(&dir);
	bs_path_dir(path, &dir);
	bs_strbuf_reset(out);
	bs_strbuf_addf(out, "%s/" TMP_PREFIX "%ld-XXXXXX", dir.buf, (long)getpid());
	bs_strbuf_release(&dir);
}

int bs_outfile_is_stdout(const char *path)
{
	return path && path[0] == '-' && path[1] == '\0';
}

const char *bs_outfile_shown(const char *path)
{
	return bs_outfile_is_stdout(path) ? "standard output" : path;
}

int bs_outfile_open(bs_outfile *o, const char *path, bs_error *err)
{
	bs_strbuf t = BS_STRBUF_INIT, dir = BS_STRBUF_INIT;
	const char *tmpdir;
	int fd, rc = BS_OK;

	memset(o, 0, sizeof *o);
	bs_strbuf_init(&t);
	bs_strbuf_init(&dir);
	if (bs_outfile_is_stdout(path)) {
		/* standard output: the file is copied there by the commit */
		tmpdir = getenv("TMPDIR");
		bs_strbuf_adds(&dir, tmpdir && *tmpdir ? tmpdir : "/tmp");
		o->to_stdout = 1;
		bs_strbuf_addf(&t, "%s/" TMP_PREFIX "%ld-XXXXXX", dir.buf, (long)getpid());
	} else {
		bs_path_dir(path, &dir);
		tmp_template(path, &t);
	}
	bs_out_sweep(dir.buf, NULL);
	fd = mkstemp(t.buf);
	if (fd < 0) {
		if (o->to_stdout)
			rc = bs_error_set(err, BS_ERR_IO, "standard output: cannot create a temporary file in %s: %s",
					  dir.buf, strerror(errno));
		else
			rc = bs_error_set(err, BS_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
		goto cleanup;
	}
	/* mkstemp makes 0600; an output is as readable as any other file (not
	 * the copy for standard output, in a directory shared with others) */
	if (!o->to_stdout) {
		mode_t um = umask(0);
		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot write: %s", bs_outfile_shown(path), strerror(errno));
		close(fd);
		unlink(t.buf);
		goto cleanup;
	}
	o->path = bs_xstrdup(path);
	o->tmp = bs_strbuf_detach(&t, NULL);
cleanup:
	bs_strbuf_release(&t);
	bs_strbuf_release(&dir);
	return rc;
}

void bs_outfile_abort(bs_outfile *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (o[i].f)
			fclose(o[i].f);
		if (o[i].tmp)
			unlink(o[i].tmp);
		free(o[i].tmp);
		free(o[i].path);
		memset(&o[i], 0, sizeof o[i]);
	}
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* close (if open) and sync one temporary file; errno-style message on failure */
static int finish_file(bs_outfile *o, const struct timespec *when, bs_error *err)
{
	int fd, bad = 0, e = 0;

	if (o->f) {
		if (fflush(o->f) != 0 || ferror(o->f)) {
			bad = 1;
			e = errno;
		}
		fd = fileno(o->f);
	} else {
		fd = open(o->tmp, O_RDONLY);
		if (fd < 0)
			return bs_error_set(err, BS_ERR_IO, "%s: cannot write: %s", bs_outfile_shown(o->path),
					    strerror(errno));
	}
	if (!bad && !o->to_stdout && fsync(fd) != 0 && errno != EINVAL) {
		bad = 1;
		e = errno;
	}
	if (!bad && when) {
		struct timespec ts[2] = { *when, *when };
		futimens(fd, ts);
	}
	if (o->f) {
		if (fclose(o->f) != 0 && !bad) {
			bad = 1;
			e = errno;
		}
		o->f = NULL;
	} else {
		close(fd);
	}
	if (bad)
		return bs_error_set(err, BS_ERR_IO, "%s: cannot write: %s", bs_outfile_shown(o->path),
				    e ? strerror(e) : "write error");
	return BS_OK;
}

/* Copy the finished temporary file of a standard output target there.
 * The name is removed first: a run that ends here (a reader that closed
 * the pipe ends it by SIGPIPE) leaves nothing behind. */
static int copy_to_stdout(bs_outfile *o, bs_error *err)
{
	char buf[65536];
	int fd = open(o->tmp, O_RDONLY), rc = BS_OK;
	ssize_t n;

	if (fd < 0)
		return bs_error_set(err, BS_ERR_IO, "%s: cannot read: %s", o->tmp, strerror(errno));
	unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	if (fflush(stdout) != 0)
		rc = bs_error_set(err, BS_ERR_IO, "standard output: cannot write: %s", strerror(errno));
	while (!rc && (n = read(fd, buf, sizeof buf)) != 0) {
		size_t off = 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = bs_error_set(err, BS_ERR_IO, "standard output: cannot read the output back: %s",
					  strerror(errno));
			break;
		}
		while (off < (size_t)n) {
			ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)n - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = bs_error_set(err, BS_ERR_IO, "standard output: cannot write: %s", strerror(errno));
				break;
			}
			off += (size_t)w;
		}
	}
	close(fd);
	return rc;
}

int bs_outfile_commit(bs_outfile *o, size_t n, bs_error *err)
{
	struct timespec now;
	bs_strbuf dir = BS_STRBUF_INIT;
	int rc = BS_OK;

	for (size_t i = 0; i < n && !rc; i++)
		if (o[i].to_stdout && n > 1)
			rc = bs_error_set(err, BS_ERR_USAGE, "standard output takes one file, not %zu", n);
	if (!rc && n == 1 && o[0].to_stdout) {
		rc = finish_file(&o[0], NULL, err);
		if (!rc)
			rc = copy_to_stdout(&o[0], err);
		goto cleanup;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	for (size_t i = 0; i < n && !rc; i++)
		rc = finish_file(&o[i], n > 1 ? &now : NULL, err);
	/* the renames back to back: nothing else runs between them */
	for (size_t i = 0; i < n && !rc; i++)
		if (rename(o[i].tmp, o[i].path) != 0) {
			rc = bs_error_set(err, BS_ERR_IO, "%s: cannot write: %s", o[i].path, strerror(errno));
			/* the files renamed already stay: say so */
			if (i > 0)
				bs_error_set(err, BS_ERR_IO, "%s: cannot write: %s (%s was replaced)", o[i].path,
					     strerror(errno), o[0].path);
		} else {
			free(o[i].tmp);
			o[i].tmp = NULL;
		}
	if (!rc && n) {
		bs_strbuf_init(&dir);
		bs_path_dir(o[0].path, &dir);
		sync_dir(dir.buf);
		bs_strbuf_release(&dir);
	}
cleanup:
	bs_outfile_abort(o, n);
	return rc;
}

int bs_outdir_make(const char *dir, bs_strbuf *build, bs_error *err)
{
	bs_strbuf parent = BS_STRBUF_INIT;
	mode_t um;

	bs_strbuf_init(&parent);
	bs_path_dir(dir, &parent);
	bs_out_sweep(parent.buf, NULL);
	bs_strbuf_release(&parent);
	tmp_template(dir, build);
	if (!mkdtemp(build->buf))
		return bs_error_set(err, BS_ERR_IO, "%s: cannot create the directory: %s", dir, strerror(errno));
	/* mkdtemp makes 0700; the report is as readable as any directory */
	um = umask(0);
	umask(um);
	chmod(build->buf, 0777 & ~um);
	return BS_OK;
}

static int sync_files(const char *dir, bs_error *err, const char *shown)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	bs_strbuf p = BS_STRBUF_INIT;
	int rc = BS_OK;

	if (!d)
		return bs_error_set(err, BS_ERR_IO, "%s: %s", shown, strerror(errno));
	bs_strbuf_init(&p);
	while (!rc && (e = readdir(d))) {
		int fd;
		if (e->d_name[0] == '.')
			continue;
		bs_strbuf_reset(&p);
		bs_strbuf_addf(&p, "%s/%s", dir, e->d_name);
		fd = open(p.buf, O_RDONLY);
		if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL))
			rc = bs_error_set(err, BS_ERR_IO, "%s/%s: cannot write: %s", shown, e->d_name, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
	bs_strbuf_release(&p);
	if (!rc)
		sync_dir(dir);
	return rc;
}

/* dir is there: swap build and dir in one step (the old one is then at
 * build).  Without the exchange (ENOSYS, EINVAL: not Linux, or a file
 * system without it) dir is moved aside first and is missing for a moment. */
static int swap_dirs(const char *build, const char *dir, bs_error *err)
{
	bs_strbuf aside = BS_STRBUF_INIT;
	int rc = BS_OK;

	if (renameat2(AT_FDCWD, build, AT_FDCWD, dir, RENAME_EXCHANGE) == 0)
		return BS_OK;
	if (errno != ENOSYS && errno != EINVAL)
		return bs_error_set(err, BS_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
	bs_strbuf_init(&aside);
	bs_strbuf_addf(&aside, "%s-old", build);
	if (rename(dir, aside.buf) != 0) {
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
	} else if (rename(build, dir) != 0) {
		rc = bs_error_set(err, BS_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
		rename(aside.buf, dir);
	} else if (rename(aside.buf, build) != 0) {
		bs_rmtree(aside.buf);
	}
	bs_strbuf_release(&aside);
	return rc;
}

int bs_outdir_publish(const char *build, const char *dir, bs_error *err)
{
	bs_strbuf parent = BS_STRBUF_INIT;
	int rc;

	bs_strbuf_init(&parent);
	rc = sync_files(build, err, dir);
	if (!rc && rename(build, dir) != 0) {
		if (errno == EEXIST || errno == ENOTEMPTY)
			rc = swap_dirs(build, dir, err);
		else
			rc = bs_error_set(err, BS_ERR_IO, "%s: cannot replace: %s", dir, strerror(errno));
	}
	/* build is now the old dir, the failed build, or gone */
	bs_rmtree(build);
	if (!rc) {
		bs_path_dir(dir, &parent);
		sync_dir(parent.buf);
	}
	bs_strbuf_release(&parent);
	return rc;
}
