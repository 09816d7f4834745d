/* test.h - minimal assertions for the per-module test executables.
 * Each test program returns 0 when every CHECK held, 1 otherwise, and 77
 * (meson's "skipped") when a needed fixture is missing. */
#ifndef BS_TEST_H
#define BS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int t_checks, t_failures;

#define CHECK(cond) do { \
	t_checks++; \
	if (!(cond)) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	t_checks++; \
	if (!a_ || !b_ || strcmp(a_, b_) != 0) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:      \"%s\"\n  expected: \"%s\"\n", \
			__FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} \
} while (0)

#define CHECK_INT(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	t_checks++; \
	if (a_ != b_) { \
		t_failures++; \
		fprintf(stderr, "%s:%d: CHECK_INT failed: %s == %lld, expected %lld\n", \
			__FILE__, __LINE__, #a, a_, b_); \
	} \
} while (0)

static inline int test_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, t_checks, t_failures);
	return t_failures ? 1 : 0;
}

#endif
