/* lock.c - the writer lock: one process writes a database at a time
 * (flock on "DB-lock"; why below). */
#include "store/store_int.h"
#include "base/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the writer lock ----
 * One process writes a database at a time.  SQLite's lock covers one
 * transaction, which is not enough: between two files of an ingest another
 * ingest could commit, and the first one's dedup filter and author cache,
 * loaded once, would not know its papers (the same records stored twice);
 * and a transaction that lasts minutes (one large file) made every other
 * writer give up after the busy timeout.  So writers hold flock() on
 * "DB-lock": an ingest for its whole run, an analysis around its write
 * transaction.  The kernel drops the lock of a process that dies, so a
 * killed writer never leaves the database locked.  The holder unlinks the
 * file before it lets go; a waiter that then holds the lock of an unlinked
 * file sees that the path names another inode and tries again. */
static bs_store_wait_fn *wait_hook;
static void *wait_hook_ud;

void bs_store_set_wait_hook(bs_store_wait_fn *fn, void *ud)
{
	wait_hook = fn;
	wait_hook_ud = ud;
}

static void lock_path(const bs_store *s, bs_strbuf *out)
{
	bs_strbuf_reset(out);
	bs_strbuf_addf(out, "%s-lock", s->path);
}

/* The holder's pid, written in the lock file (0 when unknown). */
static long lock_holder(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	long pid;
	char *end;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return pid > 0 ? pid : 0;
}

/* Take the writer lock; wait: block until it is free (telling the wait
 * hook once), else *got = 0 when another process holds it.  Nested calls
 * count.  A lock file that cannot be created (a read-only directory) is
 * an error only when waiting: nothing can write there anyway. */
int bs_store_lock_take(bs_store *s, int wait, int *got, bs_error *err)
{
	bs_strbuf lp = BS_STRBUF_INIT;
	int fd = -1, told = 0, rc = BS_OK;

	*got = 0;
	if (s->lock_depth) {
		s->lock_depth++;
		*got = 1;
		return BS_OK;
	}
	bs_strbuf_init(&lp);
	lock_path(s, &lp);
	for (;;) {
		struct stat a, b;
		fd = open(lp.buf, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0) {
			if (wait)
				rc = bs_error_set(err, BS_ERR_IO, "%s: cannot create the writer lock: %s", lp.buf,
						  strerror(errno));
			goto cleanup;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			if (errno != EWOULDBLOCK) {
				rc = bs_error_set(err, BS_ERR_IO, "%s: cannot lock: %s", lp.buf, strerror(errno));
				goto cleanup;
			}
			if (!wait)
				goto cleanup;
			/* (a holder in this process is another thread's store:
			 * analyze stores its runs from several; not worth a word) */
			if (!told && wait_hook && lock_holder(fd) != (long)getpid())
				wait_hook(wait_hook_ud, s->path, lock_holder(fd));
			told = 1;
			while (flock(fd, LOCK_EX) != 0) {
				if (errno != EINTR) {
					rc = bs_error_set(err, BS_ERR_IO, "%s: cannot lock: %s", lp.buf,
							  strerror(errno));
					goto cleanup;
				}
			}
		}
		if (fstat(fd, &a) == 0 && stat(lp.buf, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		close(fd);   /* the holder unlinked it as we waited: try the new one */
		fd = -1;
	}
	{
		char pid[32];
		int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
		/* the pid only serves the waiters' message: a failure is harmless */
		if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) != n)
			bs_trace("writer lock: pid not written");
	}
	s->lock_fd = fd;
	s->lock_depth = 1;
	fd = -1;
	*got = 1;
cleanup:
	if (fd >= 0)
		close(fd);
	bs_strbuf_release(&lp);
	return rc;
}

void bs_store_lock_drop(bs_store *s)
{
	bs_strbuf lp = BS_STRBUF_INIT;

	if (!s->lock_depth || --s->lock_depth)
		return;
	bs_strbuf_init(&lp);
	lock_path(s, &lp);
	/* unlinked before it is unlocked, so a waiter can tell (see above);
	 * neither can fail in a way that matters: the kernel drops the lock
	 * with the descriptor */
	(void)unlink(lp.buf);
	(void)close(s->lock_fd);
	s->lock_fd = -1;
	bs_strbuf_release(&lp);
}

int bs_store_lock(bs_store *s, bs_error *err)
{
	int got;
	return bs_store_lock_take(s, 1, &got, err);
}

void bs_store_unlock(bs_store *s)
{
	if (s)
		bs_store_lock_drop(s);
}
