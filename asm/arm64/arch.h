/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 definitions the ISA-neutral code needs. */
#ifndef FTB_ARCH_ARM64_H
#define FTB_ARCH_ARM64_H

/*
 * The kernel's arm64 struct ftrace_regs (v6.3): x0-x8, a pad, fp, lr, sp,
 * pc; 112 bytes. The asm reaches fields through FREGS_* in arm64/asm.h.
 */
struct ftrace_regs {
	unsigned long regs[9];
	unsigned long __unused;
	unsigned long fp;
	unsigned long lr;
	unsigned long sp;
	unsigned long pc;
};

#define AARCH64_INSN_SIZE 4
#define FTB_BRANCH_RANGE (128UL << 20) /* BL: +-128 MiB */

#endif
