// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 cache type register, CTR_EL0: which cache maintenance an
 * instruction write needs on this core, and at what line size. Linux lets
 * EL0 read it (SCTLR_EL1.UCT, or the kernel emulates the read when an
 * erratum makes it hide a bit), and libgcc's __builtin___clear_cache reads
 * it once to decide what to do after each patch:
 *
 *   IDC = 0: DC CVAU over the written bytes, one per data-cache line
 *            (DminLine), then DSB ISH; IDC = 1: only the DSB.
 *   DIC = 0: IC IVAU over them, one per instruction-cache line (IminLine),
 *            then DSB ISH; DIC = 1: nothing.
 *   Then ISB.
 *
 * So two cores, or qemu-user (IDC = 0) and a VM's neoverse-n1 (IDC = 1),
 * run different instructions for the same patch (docs/scenarios.md,
 * "patching"). Fields (the Arm ARM's CTR_EL0): IminLine [3:0] and DminLine
 * [19:16], log2 of the line in 4-byte words; L1Ip [15:14]; ERG [23:20];
 * CWG [27:24]; IDC [28]; DIC [29].
 */
#include <errno.h>

#include "harness/internal.h"

void ftb_ctr_decode(uint64_t value, struct ftb_ctr *c)
{
	static const char *const l1ip[] = { "VPIPT", "AIVIVT", "VIPT", "PIPT" };

	c->value = value;
	c->iminline = 4u << (value & 0xf);
	c->dminline = 4u << ((value >> 16) & 0xf);
	c->idc = (int)((value >> 28) & 1);
	c->dic = (int)((value >> 29) & 1);
	c->l1ip = l1ip[(value >> 14) & 3];
}

int ftb_ctr_read(struct ftb_ctr *c)
{
#if defined(__aarch64__)
	uint64_t v;

	__asm__ volatile("mrs %0, ctr_el0" : "=r"(v));
	ftb_ctr_decode(v, c);
	return 0;
#else
	(void)c;
	return -ENOSYS;
#endif
}
