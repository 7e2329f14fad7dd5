// SPDX-License-Identifier: GPL-2.0
/* The variants only arm64 builds: the far flavours of `range` (far.c). */
#include "variants/variant.h"

const struct ftb_variant *const ftb_isa_variants[] = {
	&ftb_variant_dyntramp_far,
	&ftb_variant_callops_far,
	NULL,
};
