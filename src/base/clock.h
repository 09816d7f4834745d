/* clock.h - the one monotonic clock and the project-wide defaults.
 *
 * bs_clock_seconds: seconds on CLOCK_MONOTONIC (an arbitrary origin; only
 * differences mean anything).  Used for progress, budgets and trace lines.
 *
 * The defaults below are named once here; options that override them are
 * documented in docs/user/commands.md.
 */
#ifndef BS_CLOCK_H
#define BS_CLOCK_H

#include <time.h>

static inline double bs_clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seed of every randomised step (Leiden, sampling, layout) unless --seed. */
#define BS_DEFAULT_SEED 42
/* A year outside [BS_YEAR_FIRST, BS_YEAR_LAST] in a record is not a year. */
#define BS_YEAR_FIRST 1500
#define BS_YEAR_LAST 2200
/* PNG resolution unless --dpi; fonts scale with dpi / BS_DEFAULT_DPI. */
#define BS_DEFAULT_DPI 96

#endif
