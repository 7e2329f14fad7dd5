// SPDX-License-Identifier: GPL-2.0
/*
 * Filter and notrace hashes, as kernel/trace/ftrace.c builds them: buckets of
 * hlist chains, the bucket chosen by hash_64(ip, size_bits), and a
 * committed hash resized to fls(count / 2) bits (at most 12), so a one-entry
 * filter is a single bucket and a lookup is a walk of that chain.
 */
#include <errno.h>
#include <stdlib.h>

#include "variants/ftrace.h"

#define FTRACE_HASH_DEFAULT_BITS 10

struct ftrace_hash *ftrace_hash_alloc(unsigned int size_bits)
{
	struct ftrace_hash *hash = calloc(1, sizeof(*hash));

	if (!hash)
		return NULL;
	hash->size_bits = size_bits;
	hash->buckets = calloc(1UL << size_bits, sizeof(*hash->buckets));
	if (!hash->buckets) {
		free(hash);
		return NULL;
	}
	return hash;
}

void ftrace_hash_free(struct ftrace_hash *hash)
{
	if (!hash)
		return;
	for (unsigned long b = 0; b < (1UL << hash->size_bits); b++) {
		struct hlist_node *n = hash->buckets[b].first;

		while (n) {
			struct hlist_node *next = n->next;

			free(n);
			n = next;
		}
	}
	free(hash->buckets);
	free(hash);
}

struct ftrace_func_entry *ftrace_lookup_ip(struct ftrace_hash *hash,
					   unsigned long ip)
{
	if (ftrace_hash_empty(hash))
		return NULL;
	return __ftrace_lookup_ip(hash, ip);
}

/* hlist_add_head(); a hash is filled before it is published. */
static void hash_insert(struct ftrace_hash *hash, struct ftrace_func_entry *e)
{
	struct hlist_head *h = &hash->buckets[ftrace_hash_key(hash, e->ip)];

	e->hlist.next = h->first;
	if (h->first)
		h->first->pprev = &e->hlist.next;
	h->first = &e->hlist;
	e->hlist.pprev = &h->first;
	hash->count++;
}

/* Adding an ip already present is not an error, as when a filter is set. */
int ftrace_hash_add_ip(struct ftrace_hash *hash, unsigned long ip)
{
	struct ftrace_func_entry *e;

	if (ftrace_lookup_ip(hash, ip))
		return 0;
	e = calloc(1, sizeof(*e));
	if (!e)
		return -ENOMEM;
	e->ip = ip;
	hash_insert(hash, e);
	return 0;
}

/* The kernel's resize rule (__move_hash): about half the count, max 12. */
unsigned int ftrace_hash_bits_for(unsigned long count)
{
	unsigned long half = count / 2;
	unsigned int bits = 0;

	while (half) {
		bits++;
		half >>= 1;
	}
	return bits > FTRACE_HASH_MAX_BITS ? FTRACE_HASH_MAX_BITS : bits;
}

/* Move src's entries into a hash sized by the resize rule; src is freed. */
struct ftrace_hash *ftrace_hash_commit(struct ftrace_hash *src)
{
	struct ftrace_hash *dst;

	dst = ftrace_hash_alloc(ftrace_hash_bits_for(src->count));
	if (!dst) {
		ftrace_hash_free(src);
		return NULL;
	}
	for (unsigned long b = 0; b < (1UL << src->size_bits); b++) {
		struct hlist_node *n = src->buckets[b].first;

		while (n) {
			struct hlist_node *next = n->next;

			hash_insert(dst, (struct ftrace_func_entry *)n);
			n = next;
		}
		src->buckets[b].first = NULL;
	}
	src->count = 0;
	ftrace_hash_free(src);
	return dst;
}

/* Build a committed hash from a list of ips (a staging hash, then commit). */
struct ftrace_hash *ftrace_hash_from_ips(const unsigned long *ips, size_t n)
{
	struct ftrace_hash *stage = ftrace_hash_alloc(FTRACE_HASH_DEFAULT_BITS);

	if (!stage)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (ftrace_hash_add_ip(stage, ips[i])) {
			ftrace_hash_free(stage);
			return NULL;
		}
	}
	return ftrace_hash_commit(stage);
}
