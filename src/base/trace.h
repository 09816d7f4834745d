/* trace.h - phase timestamps, to see where a command's time goes.
 *
 * Off by default: bs_trace() then costs one load and a branch.  The CLI
 * turns it on (bs_trace_start) when the environment has BIBSCOPE_TRACE
 * set; each call then writes one line to the stream it was given:
 *
 *     trace   12.345 s  bs-terms     n-grams counted
 *
 * seconds since bs_trace_start, the calling thread's name, the message.
 * Lines of concurrent threads do not interleave (one mutex).  The stream
 * stays the caller's; calls are meant for phase boundaries (a few dozen a
 * command), not for loops. */
#ifndef BS_TRACE_H
#define BS_TRACE_H

#include <stdio.h>

void bs_trace_start(FILE *f);

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void bs_trace(const char *fmt, ...);

#endif
