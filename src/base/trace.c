#define _GNU_SOURCE   /* pthread_getname_np */
#include "base/trace.h"
#include "base/clock.h"

#include <pthread.h>
#include <stdarg.h>
#include <time.h>

static FILE *trace_out;
static double trace_t0;
static pthread_mutex_t trace_mu = PTHREAD_MUTEX_INITIALIZER;

void bs_trace_start(FILE *f)
{
	trace_t0 = bs_clock_seconds();
	trace_out = f;
}

void bs_trace(const char *fmt, ...)
{
	char name[16] = "?";
	va_list ap;

	if (!trace_out)
		return;
#ifdef __GLIBC__
	pthread_getname_np(pthread_self(), name, sizeof name);
#endif
	pthread_mutex_lock(&trace_mu);
	fprintf(trace_out, "trace %8.3f s  %-14s ", bs_clock_seconds() - trace_t0, name);
	va_start(ap, fmt);
	vfprintf(trace_out, fmt, ap);
	va_end(ap);
	fputc('\n', trace_out);
	fflush(trace_out);
	pthread_mutex_unlock(&trace_mu);
}
