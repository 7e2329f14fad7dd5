/* SPDX-License-Identifier: GPL-2.0 */
/* ftbench stress: concurrent patching (bench/stress.c). */
#ifndef FTB_STRESS_H
#define FTB_STRESS_H

#include <stdint.h>

#include "variants/variant.h"

struct ftb_stress_opts {
	double seconds;
	int threads;
	uint64_t seed;
};

int ftb_stress(const struct ftb_variant *v, const struct ftb_stress_opts *o);

#endif
