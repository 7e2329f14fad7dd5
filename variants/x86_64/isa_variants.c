// SPDX-License-Identifier: GPL-2.0
/*
 * The variants only x86_64 builds: none. CALL rel32 reaches +-2 GiB, and
 * the kernel keeps modules and trampolines within it, so x86 has no far
 * flavours (docs/x86_64.md).
 */
#include "variants/variant.h"

const struct ftb_variant *const ftb_isa_variants[] = { NULL };
