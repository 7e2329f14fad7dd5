// SPDX-License-Identifier: GPL-2.0
/* Filter hashes: the kernel's hash function, resize rule and lookups. */
#include <stdlib.h>

#include "tests/unit/check.h"
#include "variants/ftrace.h"

static void test_hash_64(void)
{
	/* hash_64(val, bits) = (val * GOLDEN_RATIO_64) >> (64 - bits) */
	CHECK(hash_64(1, 12) == (0x61C8864680B583EBull >> 52),
	      "hash_64(1, 12) is the top 12 bits of the golden ratio");
	CHECK(ftrace_hash_key(&(struct ftrace_hash){ .size_bits = 0 },
			      0xffff800010203040ull) == 0,
	      "a hash of 0 bits has one bucket, bucket 0");
	CHECK(hash_64(2, 1) == ((2 * 0x61C8864680B583EBull) >> 63),
	      "hash_64(2, 1) wraps the multiplication mod 2^64");
}

static void test_resize_rule(void)
{
	static const struct {
		unsigned long count;
		unsigned int bits;
	} t[] = { { 0, 0 },	{ 1, 0 },     { 2, 1 },	      { 3, 1 },
		  { 4, 2 },	{ 7, 2 },     { 8, 3 },	      { 100, 6 },
		  { 8191, 12 }, { 8192, 12 }, { 1000000, 12 } };

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CHECK(ftrace_hash_bits_for(t[i].count) == t[i].bits,
		      "fls(%lu / 2) capped at 12 is %u bits", t[i].count,
		      t[i].bits);
}

static void test_lookup(void)
{
	unsigned long ips[100];
	struct ftrace_hash *h;
	int found = 0, absent = 0;

	for (int i = 0; i < 100; i++)
		ips[i] = 0x400000 + 16ul * (unsigned long)i;
	h = ftrace_hash_from_ips(ips, 100);
	CHECK(h && h->count == 100 && h->size_bits == 6,
	      "100 ips commit to a 6-bit hash of 100 entries");
	for (int i = 0; h && i < 100; i++)
		found += !!ftrace_lookup_ip(h, ips[i]);
	for (int i = 0; h && i < 100; i++)
		absent += !ftrace_lookup_ip(h, ips[i] + 4);
	CHECK(found == 100 && absent == 100,
	      "every ip is found, no neighbour is (%d, %d)", found, absent);
	ftrace_hash_free(h);

	h = ftrace_hash_from_ips(ips, 1);
	CHECK(h && h->size_bits == 0 && h->buckets[0].first &&
		      !h->buckets[0].first->next,
	      "a one-entry filter is one bucket holding one entry");
	ftrace_hash_free(h);

	unsigned long dup[3] = { 5, 5, 5 };

	h = ftrace_hash_from_ips(dup, 3);
	CHECK(h && h->count == 1, "duplicate ips are entered once");
	ftrace_hash_free(h);
	CHECK(ftrace_hash_empty(NULL) && !ftrace_lookup_ip(NULL, 5),
	      "a NULL hash is empty and finds nothing");
}

int main(void)
{
	test_hash_64();
	test_resize_rule();
	test_lookup();
	return check_exit();
}
