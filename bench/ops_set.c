// SPDX-License-Identifier: GPL-2.0
/* Ops whose filters name corpus functions; see ops_set.h. */
#include <stdlib.h>
#include <string.h>

#include "bench/ops_set.h"

struct ftrace_ops *ftb_ops_new(const char *name, ftrace_func_t func,
			       void *private)
{
	struct ftrace_ops *ops = malloc(sizeof(*ops));

	if (!ops)
		return NULL;
	ftrace_ops_init(ops, func, name);
	ops->private = private;
	return ops;
}

void ftb_ops_free(struct ftrace_ops *ops)
{
	if (!ops)
		return;
	ftrace_ops_release(ops);
	free(ops);
}

/* Filters hold the call-slot address of each site, as rec->ip does. */
static unsigned long *site_ips(const struct ftb_corpus *c, const uint32_t *idx,
			       size_t n)
{
	unsigned long *ips = calloc(n ? n : 1, sizeof(*ips));

	if (!ips)
		return NULL;
	for (size_t i = 0; i < n; i++)
		ips[i] = c->sites[idx[i]].call;
	return ips;
}

typedef int (*set_hash_t)(struct ftrace_ops *ops, const unsigned long *ips,
			  size_t n);

static int set_funcs(struct ftrace_ops *ops, const struct ftb_corpus *c,
		     const uint32_t *idx, size_t n, set_hash_t set)
{
	unsigned long *ips = site_ips(c, idx, n);
	int ret;

	if (!ips)
		return -1;
	ret = set(ops, ips, n);
	free(ips);
	return ret;
}

int ftb_ops_filter_funcs(struct ftrace_ops *ops, const struct ftb_corpus *c,
			 const uint32_t *idx, size_t n)
{
	return set_funcs(ops, c, idx, n, ftrace_ops_set_filter);
}

int ftb_ops_notrace_funcs(struct ftrace_ops *ops, const struct ftb_corpus *c,
			  const uint32_t *idx, size_t n)
{
	return set_funcs(ops, c, idx, n, ftrace_ops_set_notrace);
}

void ftb_shuffle_u32(uint32_t *v, size_t n, uint64_t *seed)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(ftb_rand(seed) % i);
		uint32_t t = v[i - 1];

		v[i - 1] = v[j];
		v[j] = t;
	}
}
