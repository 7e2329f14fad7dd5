/* SPDX-License-Identifier: GPL-2.0 */
/* The oracle: proves a variant calls exactly the right callbacks. */
#ifndef FTB_VERIFY_H
#define FTB_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "variants/variant.h"

struct ftb_verify_opts {
	size_t funcs;
	size_t nops;
	uint64_t seed;
	int quiet;
};

int ftb_verify(const struct ftb_variant *v, const struct ftb_verify_opts *o);

/* In asm/<isa>/probe.S: fn(x, depth) called from a known return address. */
unsigned long ftb_call_probe(ftb_fn_t fn, unsigned long x, unsigned long d);
extern char ftb_call_probe_ret[];

#endif
