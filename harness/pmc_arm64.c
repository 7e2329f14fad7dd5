// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 user-space counter reads. MRS needs the register name as an
 * immediate, so the counter number selects one of 32 fixed reads. Only
 * reachable when the kernel granted EL0 access (perf_user_access=1 and
 * attr.config1 bit 1); otherwise these instructions trap.
 */
#include "harness/isa.h"

#if defined(__aarch64__)

#define PMEV(n)                                                           \
	case n:                                                           \
		__asm__ volatile("mrs %0, pmevcntr" #n "_el0" : "=r"(v)); \
		break

uint64_t ftb_read_pmc(uint32_t counter)
{
	uint64_t v = 0;

	__asm__ volatile("isb" ::: "memory");
	switch (counter) {
		PMEV(0);
		PMEV(1);
		PMEV(2);
		PMEV(3);
		PMEV(4);
		PMEV(5);
		PMEV(6);
		PMEV(7);
		PMEV(8);
		PMEV(9);
		PMEV(10);
		PMEV(11);
		PMEV(12);
		PMEV(13);
		PMEV(14);
		PMEV(15);
		PMEV(16);
		PMEV(17);
		PMEV(18);
		PMEV(19);
		PMEV(20);
		PMEV(21);
		PMEV(22);
		PMEV(23);
		PMEV(24);
		PMEV(25);
		PMEV(26);
		PMEV(27);
		PMEV(28);
		PMEV(29);
		PMEV(30);
	case 31:
		__asm__ volatile("mrs %0, pmccntr_el0" : "=r"(v));
		break;
	default:
		break;
	}
	__asm__ volatile("isb" ::: "memory");
	return v;
}

#endif
