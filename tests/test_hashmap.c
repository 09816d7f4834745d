/* hashmap.h: one test per public function. */
#include "test.h"
#include "base/hashmap.h"

#include <stdio.h>

static void test_init_release(void)
{
	bs_hashmap m;

	bs_hashmap_init(&m);
	CHECK_INT(m.count, 0);
	CHECK(bs_hashmap_get(&m, "a", 1) == NULL);   /* an empty map has no table */
	bs_hashmap_release(&m);
	bs_hashmap_release(&m);                      /* safe twice */
	CHECK_INT(m.count, 0);
	bs_hashmap_put(&m, "a", 1, 1);               /* reusable after release */
	CHECK_INT(*bs_hashmap_get(&m, "a", 1), 1);
	bs_hashmap_release(&m);
}

static void test_put_get(void)
{
	bs_hashmap m;
	char k[32];
	int64_t *v;

	bs_hashmap_init(&m);
	for (int i = 0; i < 20000; i++) {      /* through several doublings */
		int n = snprintf(k, sizeof k, "k%d", i);
		bs_hashmap_put(&m, k, (size_t)n, (int64_t)i * 3);
	}
	CHECK_INT(m.count, 20000);
	CHECK(m.cap > 0 && (m.cap & (m.cap - 1)) == 0);   /* a power of two */
	CHECK(m.count * 10 <= m.cap * 7);                 /* at most 70% full */
	CHECK_INT(*bs_hashmap_get(&m, "k0", 2), 0);
	CHECK_INT(*bs_hashmap_get(&m, "k19999", 6), 59997);
	CHECK(bs_hashmap_get(&m, "k20000", 6) == NULL);
	CHECK(bs_hashmap_get(&m, "k1", 1) == NULL);       /* the length counts */
	/* overwrite: same count; the pointer writes through */
	bs_hashmap_put(&m, "k7", 2, -5);
	CHECK_INT(m.count, 20000);
	v = bs_hashmap_get(&m, "k7", 2);
	CHECK_INT(*v, -5);
	*v = 70;
	CHECK_INT(*bs_hashmap_get(&m, "k7", 2), 70);
	/* keys are copied, may hold any byte, and the empty key is a key */
	snprintf(k, sizeof k, "temp");
	bs_hashmap_put(&m, k, 4, 11);
	k[0] = 'X';
	CHECK_INT(*bs_hashmap_get(&m, "temp", 4), 11);
	bs_hashmap_put(&m, "\0\xff", 2, 12);
	CHECK_INT(*bs_hashmap_get(&m, "\0\xff", 2), 12);
	CHECK(bs_hashmap_get(&m, "\0\xfe", 2) == NULL);
	bs_hashmap_put(&m, "", 0, 13);
	CHECK_INT(*bs_hashmap_get(&m, "", 0), 13);
	bs_hashmap_release(&m);
}

static void test_hash_bytes(void)
{
	/* 64-bit FNV-1a (published values 0xcbf29ce484222325 for "",
	 * 0xaf63dc4c8601ec8c for "a", 0x85944171f73967e8 for "foobar") then
	 * h ^= h >> 33, h *= 0xff51afd7ed558ccd, h ^= h >> 33 */
	CHECK(bs_hash_bytes("", 0) == UINT64_C(0xe36f5519ee926a53));
	CHECK(bs_hash_bytes("a", 1) == UINT64_C(0x6cd53dd3a3028c95));
	CHECK(bs_hash_bytes("foobar", 6) == UINT64_C(0x05fa9d4d41792ccc));
	CHECK(bs_hash_bytes("a\0b", 3) != bs_hash_bytes("a\0c", 3));
}

int main(void)
{
	test_init_release();
	test_put_get();
	test_hash_bytes();
	return test_done("hashmap");
}
