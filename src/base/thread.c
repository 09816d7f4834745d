#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* gettid */
#endif
#include "base/thread.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <unistd.h>

int bs_thread_lower_priority(int inc)
{
	pid_t tid = gettid();
	int cur;

	if (inc <= 0)
		return 0;
	errno = 0;
	cur = getpriority(PRIO_PROCESS, (id_t)tid);   /* -1 is a valid nice value */
	if (cur == -1 && errno)
		return -1;
	return setpriority(PRIO_PROCESS, (id_t)tid, cur + inc > 19 ? 19 : cur + inc) ? -1 : 0;
}
#else
int bs_thread_lower_priority(int inc)
{
	(void)inc;
	return 0;
}
#endif
