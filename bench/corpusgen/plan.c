// SPDX-License-Identifier: GPL-2.0
/*
 * The corpus plan (plan.h): seeded, so the same parameters always give the
 * same corpus. Function i's own stream is seed * FNV_PRIME + i; the callee
 * and the template draw mix a constant in so the three are independent.
 */
#include <inttypes.h>

#include "bench/corpusgen/plan.h"

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t func_rng(const struct plan *p, unsigned long i)
{
	return p->seed * 0x100000001B3ull + i;
}

unsigned long plan_templates(const struct plan *p)
{
	return p->templates < p->funcs ? p->templates : p->funcs;
}

long plan_callee(const struct plan *p, unsigned long i)
{
	uint64_t s = func_rng(p, i) ^ 0xC0FFEEull;

	return i ? (long)(splitmix64(&s) % i) : -1;
}

/* Template 0 is f0's, the only body without a call: no later function. */
unsigned long plan_template(const struct plan *p, unsigned long i)
{
	unsigned long t = plan_templates(p);
	uint64_t s = func_rng(p, i) ^ 0x7E3D1A7Eull;

	if (i < t)
		return i;
	return 1 + (unsigned long)(splitmix64(&s) % (t - 1));
}

/* One body step: mixes x so the compiler cannot fold the chain. */
static void emit_step(FILE *f, uint64_t *s)
{
	uint64_t r = splitmix64(s);
	unsigned int k = 1 + (unsigned int)(r >> 8) % 31;

	switch (r % 4) {
	case 0:
		fprintf(f, "\tx = x * 0x%" PRIx64 "ul + %u;\n", (r >> 16) | 1,
			k);
		break;
	case 1:
		fprintf(f, "\tx ^= x >> %u;\n", k);
		break;
	case 2:
		fprintf(f, "\tx += x << %u;\n", k);
		break;
	default:
		fprintf(f, "\tx = (x << %u) | (x >> %u);\n", k, 64 - k);
		break;
	}
}

void plan_emit_body(FILE *f, const struct plan *p, unsigned long t)
{
	uint64_t s = func_rng(p, t);

	for (unsigned long k = 0; k < p->body; k++)
		emit_step(f, &s);
}

unsigned long plan_chunks(const struct plan *p)
{
	return (p->funcs + p->chunk - 1) / p->chunk;
}

void plan_chunk_range(const struct plan *p, unsigned long k,
		      unsigned long *first, unsigned long *end)
{
	*first = k * p->chunk;
	*end = *first + p->chunk < p->funcs ? *first + p->chunk : p->funcs;
}
