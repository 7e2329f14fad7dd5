/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test kernels for the ftb-emu plugin (tests/emu.t). Each emu_k_* is an
 * AAPCS64 function that opens and closes its own regions with BEGIN
 * (HINT #0x60) and END (HINT #0x61); the comment above each gives the exact
 * counts of one region. Registers: x0 = the argument (iterations, depth or
 * regions), x1-x7 and x16/x17 scratch, x29/x30 saved where a kernel calls.
 * Every region's instructions are counted strictly between the markers.
 */
	.macro BEGIN
	hint	#0x60
	.endm
	.macro END
	hint	#0x61
	.endm
	.macro FUNC name
	.text
	.balign	16
	.globl	\name
	.type	\name, %function
\name:
	.endm

/* insns=0, everything 0. */
FUNC emu_k_empty
	BEGIN
	END
	ret

/* insns=10 (NOPs), branches=0. */
FUNC emu_k_nops
	BEGIN
	.rept	10
	nop
	.endr
	END
	ret

/* x0 = K >= 1. insns=1+3K, branches=K, br-cond-taken=K-1, not-taken=1. */
FUNC emu_k_loop
	BEGIN
	mov	x1, x0
1:	add	x2, x2, #1
	subs	x1, x1, #1
	b.ne	1b
	END
	ret

/* insns=2: BL and RET; br-bl=1, br-ret=1. */
FUNC emu_k_call
	stp	x29, x30, [sp, #-16]!
	BEGIN
	bl	emu_leaf
	END
	ldp	x29, x30, [sp], #16
	ret

/* insns=2: BLR and RET; br-blr=1, br-ret=1. */
FUNC emu_k_blr
	stp	x29, x30, [sp, #-16]!
	adr	x16, emu_leaf
	BEGIN
	blr	x16
	END
	ldp	x29, x30, [sp], #16
	ret

/* insns=2: ADR and BR (the NOP is jumped over); br-br=1. */
FUNC emu_k_br
	BEGIN
	adr	x16, 1f
	br	x16
	nop
1:	END
	ret

/* insns=1: B (the NOP is jumped over); br-b=1. */
FUNC emu_k_b
	BEGIN
	b	1f
	nop
1:	END
	ret

/*
 * insns=6: CMP, B.EQ taken, B.NE not taken, CMP, B.LT not taken, B.GE
 * taken; br-cond-taken=2, br-cond-not-taken=2, branches=4.
 */
FUNC emu_k_cond
	mov	x1, #1
	BEGIN
	cmp	x1, #1
	b.eq	1f
	nop
1:	b.ne	2f
	cmp	x1, #0
	b.lt	2f
	b.ge	2f
	nop
2:	END
	ret

/*
 * x0 = 8 on entry. insns=6: CBZ not taken, CBNZ taken, TBZ #0 taken,
 * TBNZ #3 taken, TBZ #3 not taken, TBNZ #0 not taken; br-cbz=6,
 * br-cbz-taken=3, br-cbz-not-taken=3, branches=6.
 */
FUNC emu_k_cbz
	BEGIN
	cbz	x0, 9f
	cbnz	x0, 1f
	nop
1:	tbz	x0, #0, 2f
	nop
2:	tbnz	x0, #3, 3f
	nop
3:	tbz	x0, #3, 9f
	tbnz	x0, #0, 9f
9:	END
	ret

/*
 * insns=8: loads=4 (LDR, LDP, LDR literal, LDRB), stores=3 (STR, STP,
 * STRB), one PRFM counted as neither.
 */
FUNC emu_k_mem
	sub	sp, sp, #32
	BEGIN
	str	x1, [sp]
	ldr	x2, [sp]
	stp	x1, x2, [sp, #16]
	ldp	x3, x4, [sp, #16]
	ldr	x5, emu_lit
	strb	w1, [sp, #8]
	ldrb	w6, [sp, #8]
	prfm	pldl1keep, [sp]
	END
	add	sp, sp, #32
	ret
	.balign	8
emu_lit:
	.quad	0x1234

/*
 * x0 = R regions. Each region: 8 iterations of a TBZ on bit 0 of the
 * counter (taken, not taken, alternating) and the loop's B.NE: insns=33,
 * branches=16 (br-cbz=8: 4 taken, 4 not; br-cond-taken=7, not-taken=1).
 * The branch stream is periodic, so once warm, mispred=0.
 */
FUNC emu_k_periodic
1:	BEGIN
	mov	x2, #8
2:	tbz	x2, #0, 3f
	add	x3, x3, #1
3:	subs	x2, x2, #1
	b.ne	2b
	END
	subs	x0, x0, #1
	b.ne	1b
	ret

/*
 * x0 = N >= 1 iterations in one region, branching on bit 32 of a
 * xorshift64 sequence (seed 88172645463325252): br-cbz=N, and a modelled
 * predictor must miss about half of them.
 */
FUNC emu_k_random
	ldr	x1, =88172645463325252
	BEGIN
1:	eor	x1, x1, x1, lsl #13
	eor	x1, x1, x1, lsr #7
	eor	x1, x1, x1, lsl #17
	tbz	x1, #32, 2f
	add	x3, x3, #1
2:	subs	x0, x0, #1
	b.ne	1b
	END
	ret

/*
 * x0 = R regions of 16 BLRs alternating between two targets (emu_leaf,
 * emu_leaf2): br-blr=16, br-ret=16. A path-history indirect predictor gets
 * them all once warm (mispred-ind=0); indexed by pc alone (ind-path=0) it
 * misses every one (the last target is always the other one).
 */
FUNC emu_k_indirect
	stp	x29, x30, [sp, #-16]!
	adr	x4, emu_targets
1:	mov	x2, #16
	BEGIN
2:	and	x3, x2, #1
	ldr	x16, [x4, x3, lsl #3]
	blr	x16
	subs	x2, x2, #1
	b.ne	2b
	END
	subs	x0, x0, #1
	b.ne	1b
	ldp	x29, x30, [sp], #16
	ret

/*
 * x0 = D, 1..32. One region: a BLR into a chain of D distinct functions,
 * each calling the next from its own call site: D calls, D returns
 * (br-blr=1, br-bl=D-1, br-ret=D). A return stack of S entries predicts
 * the last S returns and misses the first D-S: mispred-ret = max(0, D-S).
 */
FUNC emu_k_chain
	stp	x29, x30, [sp, #-16]!
	adr	x4, emu_chain_table
	sub	x0, x0, #1
	ldr	x16, [x4, x0, lsl #3]
	BEGIN
	blr	x16
	END
	ldp	x29, x30, [sp], #16
	ret

/*
 * The chain: 31 functions of 16 bytes each, laid out from emu_chain_31
 * down to emu_chain_1, each calling the one after it in memory, then
 * emu_chain_0 (a RET). emu_chain_k is at emu_chain_31 + (31 - k) * 16.
 */
	.text
	.balign	16
emu_chain_31:
	.rept	31
	stp	x29, x30, [sp, #-16]!
	bl	. + 12
	ldp	x29, x30, [sp], #16
	ret
	.endr
	ret

	.balign	16
emu_leaf:
	ret
	.balign	16
emu_leaf2:
	ret

	.section .rodata
	.balign	8
emu_targets:
	.quad	emu_leaf, emu_leaf2
emu_chain_table:
	.irp	k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad	emu_chain_31 + (31 - \k) * 16
	.endr

/*
 * x0 = R regions of 32 distinct taken B instructions (each to the next):
 * insns=32, br-b=32. Cycling through 32 branches, a BTB of 16 entries
 * (4 sets x 4 ways, LRU) misses every one (btb-miss=32); the default BTB,
 * once warm, none.
 */
FUNC emu_k_jumps
1:	BEGIN
	.rept	32
	b	. + 4
	.endr
	END
	subs	x0, x0, #1
	b.ne	1b
	ret

/*
 * Workload without markers, for the backend test (harness/emu.c brackets
 * it): x0 = K >= 1 iterations of SUBS, B.NE: 2K+2 insns with the RET.
 */
FUNC emu_w_loop
1:	subs	x0, x0, #1
	b.ne	1b
	ret
