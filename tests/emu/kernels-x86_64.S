/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 test kernels for the ftb-emu plugin under qemu-x86_64
 * (tests/emu-x86.t): the same kernels as kernels.S (A64), written for
 * x86-64, so the plugin's x86 decoding and path recording are checked the
 * same way. Each emu_k_* is a System V function that opens and closes its
 * own regions with BEGIN and END (harness/qemu/markers.h: NOPL 0x60(%rax)
 * and NOPL 0x61(%rax) with a 32-bit displacement); the comment above each
 * gives the exact counts of one region, instructions strictly between the
 * markers. Registers: %rdi = the argument (iterations, depth or regions);
 * %rax, %rcx, %rdx, %rsi, %r8-%r11 scratch. No kernel touches memory
 * except through CALL/RET and the table loads said.
 */
	.macro BEGIN
	.byte	0x0f, 0x1f, 0x80, 0x60, 0x00, 0x00, 0x00
	.endm
	.macro END
	.byte	0x0f, 0x1f, 0x80, 0x61, 0x00, 0x00, 0x00
	.endm
	.macro FUNC name
	.text
	.balign	16
	.globl	\name
	.type	\name, @function
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

/* %rdi = K >= 1. insns=1+3K, branches=K, br-cond-taken=K-1, not-taken=1. */
FUNC emu_k_loop
	BEGIN
	mov	%rdi, %rcx
1:	add	$1, %rdx
	sub	$1, %rcx
	jne	1b
	END
	ret

/* insns=2: CALL rel32 and RET; br-bl=1, br-ret=1. */
FUNC emu_k_call
	BEGIN
	call	emu_leaf
	END
	ret

/* insns=2: CALL *%r11 and RET; br-blr=1, br-ret=1. */
FUNC emu_k_blr
	lea	emu_leaf(%rip), %r11
	BEGIN
	call	*%r11
	END
	ret

/* insns=2: LEA and JMP *%r11 (the NOP is jumped over); br-br=1. */
FUNC emu_k_br
	BEGIN
	lea	1f(%rip), %r11
	jmp	*%r11
	nop
1:	END
	ret

/* insns=1: JMP (the NOP is jumped over); br-b=1. */
FUNC emu_k_b
	BEGIN
	jmp	1f
	nop
1:	END
	ret

/*
 * insns=6: CMP, JE taken, JNE not taken, CMP, JL not taken, JGE taken;
 * br-cond-taken=2, br-cond-not-taken=2, branches=4.
 */
FUNC emu_k_cond
	mov	$1, %ecx
	BEGIN
	cmp	$1, %rcx
	je	1f
	nop
1:	jne	2f
	cmp	$0, %rcx
	jl	2f
	jge	2f
	nop
2:	END
	ret

/*
 * %rdi = R regions. Each region: 8 iterations of a JZ on bit 0 of the
 * counter (taken, not taken, alternating) and the loop's JNE: insns=37
 * (MOV; 8 x TEST, JZ, SUB, JNE; 4 ADDs), branches=16 (br-cond-taken=11:
 * 4 JZ + 7 JNE; not-taken=5: 4 JZ + 1 JNE). Periodic: once warm,
 * mispred=0.
 */
FUNC emu_k_periodic
1:	BEGIN
	mov	$8, %ecx
2:	test	$1, %cl
	jz	3f
	add	$1, %rdx
3:	sub	$1, %rcx
	jne	2b
	END
	sub	$1, %rdi
	jne	1b
	ret

/*
 * %rdi = N >= 1 iterations in one region, branching on bit 32 of a
 * xorshift64 sequence (seed 88172645463325252): br-cond = 2N (the JNC
 * and the loop's JNE), and a modelled predictor must miss about half of
 * the JNCs.
 */
FUNC emu_k_random
	movabs	$88172645463325252, %rax
	BEGIN
1:	mov	%rax, %rdx
	shl	$13, %rdx
	xor	%rdx, %rax
	mov	%rax, %rdx
	shr	$7, %rdx
	xor	%rdx, %rax
	mov	%rax, %rdx
	shl	$17, %rdx
	xor	%rdx, %rax
	bt	$32, %rax
	jnc	2f
	add	$1, %r8
2:	sub	$1, %rdi
	jne	1b
	END
	ret

/*
 * %rdi = R regions of 16 CALL *%r11 alternating between two targets
 * (emu_leaf, emu_leaf2): br-blr=16, br-ret=16. A path-history indirect
 * predictor gets them all once warm (mispred-ind=0); indexed by pc alone
 * (ind-path=0) it misses every one.
 */
FUNC emu_k_indirect
	lea	emu_targets(%rip), %r8
1:	mov	$16, %ecx
	BEGIN
2:	mov	%ecx, %eax
	and	$1, %eax
	mov	(%r8,%rax,8), %r11
	call	*%r11
	sub	$1, %ecx
	jne	2b
	END
	sub	$1, %rdi
	jne	1b
	ret

/*
 * %rdi = D, 1..32. One region: a CALL *%r11 into a chain of D distinct
 * functions, each calling the next from its own call site: D calls, D
 * returns (br-blr=1, br-bl=D-1, br-ret=D). A return stack of S entries
 * predicts the last S returns: mispred-ret = max(0, D-S).
 */
FUNC emu_k_chain
	lea	emu_chain_table(%rip), %rax
	mov	-8(%rax,%rdi,8), %r11
	BEGIN
	call	*%r11
	END
	ret

/*
 * The chain: 31 functions of 8 bytes (CALL rel32 to the next one, RET, two
 * INT3 of padding) from emu_chain_31 down to emu_chain_1, then
 * emu_chain_0 (a RET). emu_chain_k is at emu_chain_31 + (31 - k) * 8.
 */
	.text
	.balign	16
emu_chain_31:
	.rept	31
	call	. + 8
	ret
	int3
	int3
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
	.quad	emu_chain_31 + (31 - \k) * 8
	.endr

/*
 * %rdi = R regions of 32 distinct taken JMP rel8 (each to the next):
 * insns=32, br-b=32. A BTB of 16 entries (4 sets x 4 ways, LRU) misses
 * every one (btb-miss=32); the default BTB, once warm, none.
 */
FUNC emu_k_jumps
1:	BEGIN
	.rept	32
	jmp	. + 2
	.endr
	END
	sub	$1, %rdi
	jne	1b
	ret

/*
 * Workload without markers, for the backend test (harness/emu.c brackets
 * it): %rdi = K >= 1 iterations of SUB, JNE: 2K+1 insns with the RET.
 */
FUNC emu_w_loop
1:	sub	$1, %rdi
	jne	1b
	ret

	.section .note.GNU-stack, "", @progbits
