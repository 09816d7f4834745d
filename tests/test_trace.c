/* test_trace - bs_trace writes nothing until started, then one line a
 * call: seconds, the thread's name, the message. */
#define _GNU_SOURCE   /* pthread_setname_np */
#include "test.h"
#include "base/trace.h"

#include <pthread.h>

int main(void)
{
	char buf[512];
	FILE *f = tmpfile();
	size_t n;

	CHECK(f != NULL);
	if (!f)
		return test_done("test_trace");
	bs_trace("not started: %d", 1);   /* a no-op */
	pthread_setname_np(pthread_self(), "bs-test");
	bs_trace_start(f);
	bs_trace("phase %s done, %d rows", "one", 42);
	bs_trace("phase two");
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	CHECK(strstr(buf, "not started") == NULL);
	CHECK(strncmp(buf, "trace ", 6) == 0);
	CHECK(strstr(buf, " s  bs-test ") != NULL);
	CHECK(strstr(buf, "phase one done, 42 rows\n") != NULL);
	CHECK(strstr(buf, "phase two\n") != NULL);
	{
		int lines = 0;
		for (size_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
		CHECK_INT(lines, 2);
	}
	fclose(f);
	return test_done("test_trace");
}
