/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `current`: the fields of the kernel's task_struct that ftrace's hot paths
 * read, one block per thread.
 *
 * The kernel reaches its task through a register (arm64: SP_EL0, one MRS)
 * and each field at a constant offset from it. ftbench's block is the
 * program's only initialised thread-local object, so the linker puts it
 * first in the TLS segment, at a fixed offset from the thread pointer
 * (arm64: TPIDR_EL0 + FTB_TASK_TP_OFFSET, asm/arm64/arch.h): one MRS and a
 * load, as in the kernel. ftb_task_check() verifies the offset at start-up.
 * KCONFIG=debian reads the per-task stack canary (the kernel's
 * STACKPROTECTOR_PER_TASK) from the same block (docs/kconfig.md).
 * x86_64 reaches the block through %fs as any thread-local variable.
 * Every helper is always inlined, as the kernel's __always_inline ones:
 * left to GCC's judgement they change how it lays out the list walk.
 */
#ifndef FTB_TASK_H
#define FTB_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "variants/ftrace.h" /* arch.h, READ_ONCE */

/* arm64 struct thread_info, first in the task (THREAD_INFO_IN_TASK). */
struct thread_info {
	unsigned long flags;
	union {
		uint64_t preempt_count;
		struct {
			uint32_t count;
			uint32_t need_resched;
		} preempt;
	};
};

struct ftb_task {
	struct thread_info thread_info;
	unsigned long stack_canary;
	unsigned long trace_recursion;
};

#define FTB_TASK_CANARY 16 /* offsetof(struct ftb_task, stack_canary) */

extern __thread struct ftb_task ftb_task_tls;

#ifdef FTB_TASK_TP_OFFSET
static inline __attribute__((always_inline)) struct ftb_task *ftb_current(void)
{
	return (struct ftb_task *)(ftb_arch_thread_pointer() +
				   FTB_TASK_TP_OFFSET);
}
#else
static inline __attribute__((always_inline)) struct ftb_task *ftb_current(void)
{
	return &ftb_task_tls;
}
#endif

/* include/linux/preempt.h: the counts packed in preempt_count. */
#define SOFTIRQ_OFFSET (1U << 8)
#define HARDIRQ_MASK (0xfU << 16)
#define NMI_MASK (0xfU << 20)

static inline __attribute__((always_inline)) uint32_t preempt_count(void)
{
	return READ_ONCE(ftb_current()->thread_info.preempt.count);
}

/*
 * 0 normal, 1 softirq, 2 hardirq, 3 NMI. User space is always at 0 (no
 * interrupt contexts), but the level is computed from the count as the
 * kernel does.
 */
static inline __attribute__((always_inline)) unsigned char
interrupt_context_level(void)
{
	unsigned long pc = preempt_count();
	unsigned char level = 0;

	level += !!(pc & NMI_MASK);
	level += !!(pc & (NMI_MASK | HARDIRQ_MASK));
	level += !!(pc & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_OFFSET));
	return level;
}

int ftb_task_check(char *err, size_t errlen);

#endif
