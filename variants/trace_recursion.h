/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Recursion protection, as include/linux/trace_recursion.h (6.12): one bit
 * per context level in current->trace_recursion, counted from the level of
 * the preempt count, with a transition bit that lets one nested entry
 * through. The kernel disables preemption after taking the bit; with
 * PREEMPT_NONE and PREEMPT_VOLUNTARY (both KCONFIG settings) that is only
 * a compiler barrier, as here.
 */
#ifndef FTB_TRACE_RECURSION_H
#define FTB_TRACE_RECURSION_H

#include "variants/ftrace.h"
#include "variants/task.h"

enum {
	TRACE_FTRACE_BIT,
	TRACE_FTRACE_NMI_BIT,
	TRACE_FTRACE_IRQ_BIT,
	TRACE_FTRACE_SIRQ_BIT,
	TRACE_FTRACE_TRANSITION_BIT,
	TRACE_INTERNAL_BIT,
};

#define TRACE_FTRACE_START TRACE_FTRACE_BIT
#define TRACE_LIST_START TRACE_INTERNAL_BIT

enum {
	TRACE_CTX_NMI,
	TRACE_CTX_IRQ,
	TRACE_CTX_SOFTIRQ,
	TRACE_CTX_NORMAL,
	TRACE_CTX_TRANSITION,
};

#define barrier() __asm__ volatile("" ::: "memory")

static inline __attribute__((always_inline)) int trace_get_context_bit(void)
{
	unsigned char bit = interrupt_context_level();

	return TRACE_CTX_NORMAL - bit;
}

/* The bit taken (>= 0), or -1 if this context already holds it. */
static inline __attribute__((always_inline)) int
trace_test_and_set_recursion(int start)
{
	unsigned int val =
		(unsigned int)READ_ONCE(ftb_current()->trace_recursion);
	int bit;

	bit = trace_get_context_bit() + start;
	if (__builtin_expect(!!(val & (1 << bit)), 0)) {
		bit = TRACE_CTX_TRANSITION + start;
		if (val & (1 << bit))
			return -1;
	}
	val |= 1 << bit;
	ftb_current()->trace_recursion = val;
	barrier(); /* preempt_disable_notrace() without PREEMPT_COUNT */
	return bit;
}

static inline __attribute__((always_inline)) void trace_clear_recursion(int bit)
{
	barrier(); /* preempt_enable_notrace() */
	ftb_current()->trace_recursion &= ~(1 << bit);
}

#endif
