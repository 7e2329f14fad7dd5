/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The corpus plan: what function i is, from the parameters alone.
 *
 * Function i has a body (a seeded chain of arithmetic steps) and a callee
 * j < i (f0 calls nothing). Bodies come from T templates: function t < T
 * has template t, so the first T functions are exactly the seeded functions
 * they always were; every later function reuses one of templates 1..T-1
 * (drawn by seed), with its own name and its own callee. GCC then compiles
 * T bodies per layout instead of every function (docs/corpus.md).
 */
#ifndef FTB_CORPUSGEN_PLAN_H
#define FTB_CORPUSGEN_PLAN_H

#include <stdint.h>
#include <stdio.h>

struct plan {
	unsigned long funcs, seed, body, templates, chunk;
};

/* The template count actually used: never more than the functions. */
unsigned long plan_templates(const struct plan *p);
/* The callee of function i, or -1 for f0. */
long plan_callee(const struct plan *p, unsigned long i);
/* The template whose body function i has. */
unsigned long plan_template(const struct plan *p, unsigned long i);
/* The body of template t as C statements on x. */
void plan_emit_body(FILE *f, const struct plan *p, unsigned long t);
/* The chunk holding function i, and the functions of chunk k. */
unsigned long plan_chunks(const struct plan *p);
void plan_chunk_range(const struct plan *p, unsigned long k,
		      unsigned long *first, unsigned long *end);

#endif
