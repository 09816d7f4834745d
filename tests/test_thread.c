#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "test.h"
#include "base/thread.h"

#include <errno.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

typedef struct seen { int before, after, capped, rc; } seen;

static int nice_of(pid_t tid)
{
	errno = 0;
	return getpriority(PRIO_PROCESS, (id_t)tid);
}

static void *lower(void *arg)
{
	seen *s = arg;
	pid_t tid = gettid();

	s->before = nice_of(tid);
	s->rc = bs_thread_lower_priority(3);
	s->after = nice_of(tid);
	bs_thread_lower_priority(40);   /* capped at 19 */
	s->capped = nice_of(tid);
	return NULL;
}

int main(void)
{
	pid_t me = gettid();
	int mine = nice_of(me);
	pthread_t th;
	seen s = {0, 0, 0, -2};

	CHECK_INT(bs_thread_lower_priority(0), 0);   /* nothing to do */
	CHECK_INT(nice_of(me), mine);
	CHECK_INT(pthread_create(&th, NULL, lower, &s), 0);
	pthread_join(th, NULL);
#ifdef __linux__
	CHECK_INT(s.rc, 0);
	CHECK_INT(s.after, s.before + 3 > 19 ? 19 : s.before + 3);
	CHECK_INT(s.capped, 19);
#endif
	CHECK_INT(nice_of(me), mine);   /* the caller's thread only */
	return test_done("thread");
}
