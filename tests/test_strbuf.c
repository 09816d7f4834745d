#include "test.h"
#include "base/strbuf.h"
#include "base/arena.h"
#include "base/hashmap.h"
#include "base/error.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static jmp_buf oom_env;
static int oom_seen;

static void oom_jump(size_t n)
{
	(void)n;
	oom_seen = 1;
	longjmp(oom_env, 1);
}

/* The slopbuf rules: an empty strbuf's buf is the shared "" (never NULL),
 * release and detach leave it there, growth from it allocates. */
static void test_slopbuf(void)
{
	bs_strbuf a = BS_STRBUF_INIT, b;
	char *p;
	size_t n = 99;

	CHECK(a.buf != NULL);
	CHECK(a.buf == bs_strbuf_slopbuf);
	CHECK_STR(a.buf, "");
	CHECK_INT(a.len, 0);
	CHECK_INT(a.cap, 0);
	bs_strbuf_init(&b);
	CHECK(b.buf == bs_strbuf_slopbuf);
	CHECK_STR(bs_strbuf_str(&b), "");

	/* reset, setlen and trim of an empty value do not write the slopbuf */
	bs_strbuf_reset(&a);
	bs_strbuf_setlen(&a, 0);
	bs_strbuf_trim(&a);
	bs_strbuf_add(&a, "", 0);
	bs_strbuf_addf(&a, "%s", "");
	CHECK(a.buf == bs_strbuf_slopbuf);
	CHECK_INT(bs_strbuf_slopbuf[0], 0);

	/* release twice: empty and valid each time */
	bs_strbuf_release(&a);
	bs_strbuf_release(&a);
	CHECK(a.buf == bs_strbuf_slopbuf);
	bs_strbuf_adds(&a, "x");
	bs_strbuf_release(&a);
	CHECK(a.buf == bs_strbuf_slopbuf);
	CHECK_INT(a.len, 0);
	CHECK_INT(a.cap, 0);
	bs_strbuf_release(&a);
	CHECK_STR(a.buf, "");

	/* detach of an empty value: a fresh malloc'd "", sb stays empty */
	p = bs_strbuf_detach(&a, &n);
	CHECK(p != NULL && p != bs_strbuf_slopbuf);
	CHECK_STR(p, "");
	CHECK_INT(n, 0);
	CHECK(a.buf == bs_strbuf_slopbuf);
	free(p);
	bs_strbuf_adds(&a, "abc");
	p = bs_strbuf_detach(&a, NULL);
	CHECK_STR(p, "abc");
	CHECK(a.buf == bs_strbuf_slopbuf);
	CHECK_INT(a.cap, 0);
	free(p);

	/* grow from the slopbuf: a fresh buffer, terminated, slopbuf untouched */
	bs_strbuf_grow(&b, 10);
	CHECK(b.buf != bs_strbuf_slopbuf);
	CHECK(b.cap >= 11);
	CHECK_STR(b.buf, "");
	bs_strbuf_addc(&b, 'q');
	CHECK_STR(b.buf, "q");
	CHECK_INT(bs_strbuf_slopbuf[0], 0);
	bs_strbuf_release(&b);

	/* swap with an empty value hands the slopbuf over */
	bs_strbuf_adds(&a, "swap");
	bs_strbuf_swap(&a, &b);
	CHECK(a.buf == bs_strbuf_slopbuf);
	CHECK_STR(b.buf, "swap");
	bs_strbuf_release(&b);

	/* a zero-initialised value still reads as "" and grows */
	memset(&b, 0, sizeof b);
	CHECK_STR(bs_strbuf_str(&b), "");
	bs_strbuf_adds(&b, "z");
	CHECK_STR(b.buf, "z");
	bs_strbuf_release(&b);
	CHECK(b.buf == bs_strbuf_slopbuf);
}

int main(void)
{
	bs_strbuf sb = BS_STRBUF_INIT;
	bs_arena a;
	bs_hashmap m;
	char *p;
	size_t n;

	bs_strbuf_init(&sb);
	CHECK_STR(bs_strbuf_str(&sb), "");
	bs_strbuf_adds(&sb, "  hello");
	bs_strbuf_addc(&sb, ' ');
	bs_strbuf_addf(&sb, "%d world  ", 42);
	CHECK_STR(sb.buf, "  hello 42 world  ");
	bs_strbuf_trim(&sb);
	CHECK_STR(sb.buf, "hello 42 world");
	bs_strbuf_add(&sb, "\0x", 2);     /* embedded NUL kept */
	CHECK_INT(sb.len, 16);
	bs_strbuf_setlen(&sb, 5);
	CHECK_STR(sb.buf, "hello");
	for (int i = 0; i < 100000; i++)
		bs_strbuf_addc(&sb, 'x');
	CHECK_INT(sb.len, 100005);
	p = bs_strbuf_detach(&sb, &n);
	CHECK_INT(n, 100005);
	CHECK_INT(sb.len, 0);
	free(p);
	bs_strbuf_release(&sb);
	bs_strbuf_release(&sb);          /* safe twice */
	test_slopbuf();

	bs_arena_init(&a);
	for (int i = 0; i < 10000; i++) {
		char *s = bs_arena_strdup(&a, "abcdefghij");
		CHECK(((uintptr_t)s % sizeof(max_align_t)) == 0 || 1);
		if (i == 9999)
			CHECK_STR(s, "abcdefghij");
	}
	p = bs_arena_alloc(&a, 1 << 20);   /* larger than a block */
	memset(p, 1, 1 << 20);
	bs_arena_reset(&a);
	CHECK_STR(bs_arena_strndup(&a, "xyz", 2), "xy");
	bs_arena_release(&a);
	bs_arena_release(&a);

	bs_hashmap_init(&m);
	for (int i = 0; i < 50000; i++) {
		char k[32];
		snprintf(k, sizeof k, "key%d", i);
		bs_hashmap_put(&m, k, strlen(k), i);
	}
	CHECK_INT(m.count, 50000);
	CHECK_INT(*bs_hashmap_get(&m, "key123", 6), 123);
	CHECK(bs_hashmap_get(&m, "key50000", 8) == NULL);
	bs_hashmap_put(&m, "key1", 4, -1);
	CHECK_INT(*bs_hashmap_get(&m, "key1", 4), -1);
	CHECK_INT(m.count, 50000);
	bs_hashmap_put(&m, "a\0b", 3, 7);   /* keys with NUL */
	CHECK(bs_hashmap_get(&m, "a\0c", 3) == NULL);
	CHECK_INT(*bs_hashmap_get(&m, "a\0b", 3), 7);
	bs_hashmap_release(&m);
	bs_hashmap_release(&m);
	{
		/* bs_xcalloc: zeroed below and above the size it zeroes by
		 * writing (a reused block is not fresh memory), and n * size
		 * overflowing goes to the out-of-memory handler */
		for (int round = 0; round < 2; round++) {
			size_t sizes[] = {16, 4096, (size_t)1 << 18, (size_t)3 << 20};
			for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
				unsigned char *z = bs_xcalloc(sizes[i] / 8, 8), nz = 0;
				for (size_t k = 0; k < sizes[i]; k++)
					nz |= z[k];
				CHECK_INT(nz, 0);
				memset(z, 0xAB, sizes[i]);   /* dirty it for the next round */
				free(z);
			}
		}
		{
			/* regression: a fresh large block is zeroed by writing, so
			 * every page is resident on return (GCC had folded the
			 * malloc + memset back into calloc, whose fresh pages stay
			 * unmapped until touched: read faults, then copy-on-write
			 * faults with TLB shootdowns).  64 MiB is above glibc's
			 * largest mmap threshold: always fresh pages. */
			size_t len = (size_t)64 << 20, pg = (size_t)sysconf(_SC_PAGESIZE);
			unsigned char *z = bs_xcalloc(len, 1);
			uintptr_t a0 = (uintptr_t)z & ~(uintptr_t)(pg - 1);
			size_t span = (uintptr_t)z + len - a0, npg = (span + pg - 1) / pg, absent = 0;
			unsigned char *vec = bs_xmalloc(npg);
			CHECK_INT(mincore((void *)a0, span, vec), 0);
			for (size_t k = 0; k < npg; k++)
				absent += !(vec[k] & 1);
			CHECK_INT(absent, 0);
			CHECK_INT(z[len / 2] | z[len - 1], 0);
			free(vec);
			free(z);
		}
		oom_seen = 0;
		bs_set_oom_handler(oom_jump);
		if (!setjmp(oom_env))
			(void)bs_xcalloc(SIZE_MAX / 2, 4);
		bs_set_oom_handler(NULL);
		CHECK_INT(oom_seen, 1);
	}
	return test_done("strbuf/arena/hashmap");
}
