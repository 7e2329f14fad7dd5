// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's samples/ftrace/ftrace-ops.c in one layout: compiled once per
 * layout with its -fpatchable-function-entry flags (bench/module.mk), so
 * both tracees have the layout's patch site and record like every corpus
 * function.
 *
 * As in the sample, the tracees take nothing, return nothing and do
 * nothing but a compiler barrier, and the loop calls the relevant one
 * directly (BL / CALL rel32), carrying no dependency through it: nothing
 * the tracee computes hides the dispatch path in an out-of-order core's
 * shadow (docs/scenarios.md). noipa where the sample has noinline: the
 * caller must not keep values in registers a traced call clobbers
 * (corpus_gen.h), and must not drop a call it can prove empty.
 *
 * The sample's callbacks are functions of the sample too, traceable as the
 * tracees (below).
 *
 * The loop itself is not traceable (no patch site): it is the harness's
 * side of the window, like the kernel sample's own function, which runs
 * the loop untraced.
 */
#include "bench/corpus_gen.h"

FTB_TRACEE_DEF(tracee_relevant)
{
	__asm__ volatile("" ::: "memory");
}

FTB_TRACEE_DEF(tracee_irrelevant)
{
	__asm__ volatile("" ::: "memory");
}

/*
 * The sample's callback (ops_func_nop): like the tracees, a function of the
 * sample, so it has the layout's patch site and a record, and ftrace's
 * init leaves MOV X9, X30 in it; a traced call runs MOV, NOP, RET there.
 */
FTB_TRACEE_CB_DEF(ops_func_nop)
{
	(void)ip, (void)parent_ip, (void)op, (void)fregs;
}

FTB_TRACEE_LOOP_DEF(uint64_t calls)
{
	for (uint64_t i = 0; i < calls; i++)
		FTB_TRACEE_FN(tracee_relevant)();
}

FTB_TRACEES_DESC;
