/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few instructions the harness needs per ISA: serialised timer reads and
 * user-space PMU counter reads. Everything else in harness/ is ISA-neutral.
 */
#ifndef FTB_HARNESS_ISA_H
#define FTB_HARNESS_ISA_H

#include <stdint.h>

#if defined(__aarch64__)

#define FTB_HAVE_TICKS 1
#define FTB_TICKS_NAME "time-cntvct"

/* ISB first: CNTVCT_EL0 may otherwise be read before earlier work retires. */
static inline uint64_t ftb_ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

static inline uint64_t ftb_ticks_hz(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

/* Kernel user page index - 1: 0..30 event counters, 31 the cycle counter. */
uint64_t ftb_read_pmc(uint32_t counter);

#elif defined(__x86_64__)

#define FTB_HAVE_TICKS 1
#define FTB_TICKS_NAME "time-tsc"

/* LFENCE before and after: RDTSC is not ordered with older instructions. */
static inline uint64_t ftb_ticks(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc\n\tlfence"
			 : "=a"(lo), "=d"(hi)::"memory");
	return ((uint64_t)hi << 32) | lo;
}

/* The TSC has no architectural frequency register: calibrated in clock.c. */
static inline uint64_t ftb_ticks_hz(void)
{
	return 0;
}

static inline uint64_t ftb_read_pmc(uint32_t counter)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdpmc\n\tlfence"
			 : "=a"(lo), "=d"(hi)
			 : "c"(counter)
			 : "memory");
	return ((uint64_t)hi << 32) | lo;
}

#else

#define FTB_HAVE_TICKS 0
#define FTB_TICKS_NAME "time-clock"

static inline uint64_t ftb_ticks(void)
{
	return 0;
}

static inline uint64_t ftb_ticks_hz(void)
{
	return 0;
}

static inline uint64_t ftb_read_pmc(uint32_t counter)
{
	(void)counter;
	return 0;
}

#endif

#endif
