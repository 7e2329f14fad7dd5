/* SPDX-License-Identifier: GPL-2.0 */
/* Making ops whose filters name corpus functions (by index). */
#ifndef FTB_OPS_SET_H
#define FTB_OPS_SET_H

#include <stddef.h>
#include <stdint.h>

#include "bench/corpus.h"
#include "variants/ftrace.h"

struct ftrace_ops *ftb_ops_new(const char *name, ftrace_func_t func,
			       void *private);
void ftb_ops_free(struct ftrace_ops *ops);
int ftb_ops_filter_funcs(struct ftrace_ops *ops, const struct ftb_corpus *c,
			 const uint32_t *idx, size_t n);
int ftb_ops_notrace_funcs(struct ftrace_ops *ops, const struct ftb_corpus *c,
			  const uint32_t *idx, size_t n);

/* A small deterministic PRNG for filters, orders and schedules. */
static inline uint64_t ftb_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

void ftb_shuffle_u32(uint32_t *v, size_t n, uint64_t *seed);

#endif
