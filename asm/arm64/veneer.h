/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 code beyond BL reach (+-128 MiB) of the corpus: what the `range`
 * scenario's far flavours (variants/arm64/far.c) need. Every veneer is
 * ADRP X16 / ADD X16 / BR X16 (insn.h a64_veneer), +-4 GiB.
 */
#ifndef FTB_ARM64_VENEER_H
#define FTB_ARM64_VENEER_H

#include <stddef.h>
#include <stdint.h>

#include "asm/site.h"

/*
 * Point a VENEER-layout site's own veneer at target (site.c). old is what
 * it branches to now, 0 for its compiled NOPs; the caller guarantees no
 * thread is inside it.
 */
int arch_site_set_veneer(const struct ftb_site *s, uintptr_t old,
			 uintptr_t target);

/*
 * A module PLT: one veneer to dest on its own page near the corpus, as
 * ftrace_find_callable_addr() uses the module's PLT when ftrace_caller is
 * out of reach.
 */
void *a64_plt_create(uintptr_t dest, uintptr_t near, size_t *size, char *err,
		     size_t errlen);

/* Frees a PLT of a64_plt_create; a64_plt_known() then no longer has it. */
void a64_plt_destroy(void *p, size_t size);
/* Whether at is a PLT a64_plt_create made and a64_plt_destroy has not freed. */
int a64_plt_known(uintptr_t at);

/* A copy of ftrace_callops_caller at least min_distance above the corpus. */
void *a64_callops_caller_far(uintptr_t min_distance, size_t *size, char *err,
			     size_t errlen);

#endif
