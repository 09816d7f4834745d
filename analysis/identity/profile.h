/* profile.h - what a group of bylines looks like, for comparing groups of
 * one name (private to analysis/identity/): sorted id lists with counts. */
#ifndef BS_IDN_PROFILE_H
#define BS_IDN_PROFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct idn_bag {
	int32_t *id, *cnt;   /* sorted by id */
	size_t n, cap;
	double norm2;        /* sum of cnt^2, kept by finish and merge */
} idn_bag;

typedef struct idn_profile {
	idn_bag co, hop2, venue, term, inst, country;
	int32_t ymin, ymax;  /* 0 when no year */
	int32_t size;
} idn_profile;

void idn_bag_release(idn_bag *b);
/* Sort and sum the pushed (id, 1) pairs. */
void idn_bag_push(idn_bag *b, int32_t id, int32_t cnt);
void idn_bag_finish(idn_bag *b);
/* dst += src (both finished). */
void idn_bag_merge(idn_bag *dst, const idn_bag *src);
/* Number of ids in both; cosine of the counts. */
size_t idn_bag_common(const idn_bag *a, const idn_bag *b);
double idn_bag_cosine(const idn_bag *a, const idn_bag *b);
/* The id with the largest count (ties: the smallest id), or -1. */
int32_t idn_bag_top(const idn_bag *b, const idn_bag *exclude);

void idn_profile_release(idn_profile *p);
void idn_profile_merge(idn_profile *dst, const idn_profile *src);

#endif
