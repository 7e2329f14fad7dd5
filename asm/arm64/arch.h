/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 definitions the ISA-neutral code needs. */
#ifndef FTB_ARCH_ARM64_H
#define FTB_ARCH_ARM64_H

/*
 * The kernel's arm64 struct ftrace_regs (6.12): x0-x8, direct_tramp, fp,
 * lr, sp, pc; 112 bytes. The asm reaches fields through FREGS_* in
 * asm/arm64/asm-offsets.h.
 */
struct ftrace_regs {
	unsigned long regs[9];
	unsigned long direct_tramp; /* DIRECT_CALLS: cleared by the caller */
	unsigned long fp;
	unsigned long lr;
	unsigned long sp;
	unsigned long pc;
};

#define AARCH64_INSN_SIZE 4

/*
 * The thread pointer. glibc's TPIDR_EL0 points at a 16-byte TCB, and the
 * program's TLS block follows it (16-byte aligned): the first TLS object,
 * the task block (variants/task.h), is at TPIDR_EL0 + 16. Not volatile:
 * the compiler may reuse one read, as it does the kernel's SP_EL0 read.
 */
#define FTB_TASK_TP_OFFSET 16

static inline __attribute__((always_inline)) unsigned long
ftb_arch_thread_pointer(void)
{
	unsigned long tp;

	__asm__("mrs %0, tpidr_el0" : "=r"(tp));
	return tp;
}
#define FTB_BRANCH_RANGE (128UL << 20) /* BL: +-128 MiB */

#endif
