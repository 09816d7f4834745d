/* The fingerprint map behind the store's dedup filter. */
#include "test.h"
#include "base/fpmap.h"

static size_t get(const bs_fpmap *f, uint64_t h, const int64_t **ids)
{
	static int64_t one;
	size_t n;
	*ids = bs_fpmap_get(f, h, &one, &n);
	return n;
}

int main(void)
{
	bs_fpmap f;
	const int64_t *ids;
	size_t n;

	memset(&f, 0, sizeof f);
	CHECK_INT(get(&f, 42, &ids), 0);   /* empty map */

	/* one id; adding it again changes nothing; fingerprint 0 works */
	bs_fpmap_add(&f, 42, 7);
	bs_fpmap_add(&f, 42, 7);
	CHECK_INT(get(&f, 42, &ids), 1);
	CHECK_INT(ids[0], 7);
	bs_fpmap_add(&f, 0, 3);
	CHECK_INT(get(&f, 0, &ids), 1);
	CHECK_INT(ids[0], 3);
	CHECK_INT(get(&f, 43, &ids), 0);

	/* several ids under one fingerprint: a sorted list without repeats,
	 * whatever the order they come in */
	bs_fpmap_add(&f, 42, 3);
	bs_fpmap_add(&f, 42, 11);
	bs_fpmap_add(&f, 42, 5);
	bs_fpmap_add(&f, 42, 11);
	n = get(&f, 42, &ids);
	CHECK_INT(n, 4);
	if (n == 4) {
		CHECK_INT(ids[0], 3);
		CHECK_INT(ids[1], 5);
		CHECK_INT(ids[2], 7);
		CHECK_INT(ids[3], 11);
	}

	/* growth keeps every entry, single and listed; colliding low bits
	 * (same slot, other fingerprint) stay apart */
	for (uint64_t k = 1; k <= 100000; k++)
		bs_fpmap_add(&f, k * 0x9E3779B97F4A7C15ULL, (int64_t)k);
	bs_fpmap_add(&f, 42 + ((uint64_t)1 << 40), 99);
	{
		int bad = 0;
		for (uint64_t k = 1; k <= 100000; k++)
			if (get(&f, k * 0x9E3779B97F4A7C15ULL, &ids) != 1 || ids[0] != (int64_t)k)
				bad++;
		CHECK_INT(bad, 0);
	}
	CHECK_INT(get(&f, 42, &ids), 4);
	CHECK_INT(get(&f, 42 + ((uint64_t)1 << 40), &ids), 1);
	CHECK_INT(ids[0], 99);

	bs_fpmap_release(&f);
	bs_fpmap_release(&f);   /* safe twice */
	CHECK_INT(get(&f, 42, &ids), 0);
	return test_done("fpmap");
}
