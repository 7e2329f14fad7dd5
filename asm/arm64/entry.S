/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 shared callers, per-ops trampoline template and direct-call stub.
 * Written after arch/arm64/kernel/entry-ftrace.S (6.12, WITH_ARGS, CALL_OPS
 * and DIRECT_CALLS); the code is ours.
 *
 * On entry from a patch site (see asm/arm64/site.c):
 *   x0-x8   the traced function's arguments (live, must survive)
 *   x9      the traced function's return address (the site's MOV X9, X30)
 *   x30     the address after the site's BL (the call slot + 4)
 *   x29     the caller's frame pointer
 *   x19-x28 callee-saved: any C we call preserves them
 *   x10-x17 free (x11: the CALL_OPS ops, x17: its direct call)
 *
 * Stack while the callback runs (sp grows down):
 *
 *   +---------------------+ <- original sp (saved in fregs.sp)
 *   | x29     | x9        |  frame record for the callsite (FREGS_SIZE+16)
 *   | x29'    | x30       |  our frame record              (FREGS_SIZE)
 *   +---------------------+
 *   | pc = x30            |  104   \
 *   | sp                  |   96   |
 *   | lr = x9             |   88   |  struct ftrace_regs, 112 bytes
 *   | fp = x29            |   80   |
 *   | direct_tramp        |   72   |  (CALL_OPS caller: cleared, tested)
 *   | x8 .. x0            | 64..0  /
 *   +---------------------+ <- sp = fregs (x3)
 */

#include "asm/arm64/asm-offsets.h"

/*
 * The save half every caller and trampoline shares, in 6.12's order.
 * direct=1 (the CALL_OPS caller, where DIRECT_CALLS comes with CALL_OPS)
 * also clears fregs.direct_tramp, which a callback may set to leave
 * through a direct trampoline.
 */
.macro ftrace_regs_save direct=0
	mov	x10, sp
	sub	sp, sp, #(FREGS_SIZE + 32)
	stp	x0, x1, [sp, #FREGS_X0]
	stp	x2, x3, [sp, #FREGS_X2]
	stp	x4, x5, [sp, #FREGS_X4]
	stp	x6, x7, [sp, #FREGS_X6]
	str	x8,     [sp, #FREGS_X8]
	.if \direct
	str	xzr, [sp, #FREGS_DIRECT_TRAMP]
	.endif
	str	x29, [sp, #FREGS_FP]
	str	x9,  [sp, #FREGS_LR]
	str	x10, [sp, #FREGS_SP]
	str	x30, [sp, #FREGS_PC]
	/* Frame record for the callsite, then ours, for unwinders. */
	stp	x29, x9, [sp, #FREGS_SIZE + 16]
	add	x29, sp, #FREGS_SIZE + 16
	stp	x29, x30, [sp, #FREGS_SIZE]
	add	x29, sp, #FREGS_SIZE
	/* ip = the call slot, parent_ip = the traced function's LR. */
	sub	x0, x30, #4
	mov	x1, x9
	mov	x3, sp
.endm

/*
 * Restore the callsite's state and return into the traced function.
 * direct=1: after the callsite's FP, leave through fregs.direct_tramp if a
 * callback set it (ftrace_caller_direct_late, in the CALL_OPS caller).
 */
.macro ftrace_regs_restore_ret direct=0
	ldp	x0, x1, [sp, #FREGS_X0]
	ldp	x2, x3, [sp, #FREGS_X2]
	ldp	x4, x5, [sp, #FREGS_X4]
	ldp	x6, x7, [sp, #FREGS_X6]
	ldr	x8,     [sp, #FREGS_X8]
	ldr	x29, [sp, #FREGS_FP]
	.if \direct
	ldr	x17, [sp, #FREGS_DIRECT_TRAMP]
	cbnz	x17, ftrace_caller_direct_late
	.endif
	ldr	x30, [sp, #FREGS_LR]
	ldr	x9,  [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
	ret	x9
.endm

	.text

/*
 * ftrace_caller: the list-walk caller (pre-CALL_OPS arm64).
 *   x2 = function_trace_op (a global), and the ftrace_call slot is a BL
 *   patched to the current trace function (ftrace_ops_list_func, or one
 *   static ops' func when it is the only one registered).
 */
	.balign	8
	.globl	ftrace_caller
	.type	ftrace_caller, %function
ftrace_caller:
	bti	c
	ftrace_regs_save
	adrp	x2, function_trace_op
	ldr	x2, [x2, #:lo12:function_trace_op]
	.globl	ftrace_call
ftrace_call:
	bl	ftrace_stub
	ftrace_regs_restore_ret
	.size	ftrace_caller, . - ftrace_caller

/*
 * ftrace_callops_caller: the CALL_OPS caller (6.12). The ops literal sits
 * 8-byte aligned at 16 (no BTI) or 20 (BTI) bytes below x30; aligning x30
 * down to 8 and loading at -16 finds it in both layouts.
 *   x11 = op (from the site literal), x17 = op->direct_call: if set, the
 *   site goes straight to that direct trampoline (BR x17, nothing saved);
 *   else x2 = op, x4 = op->func, called indirectly, and on return a
 *   direct_tramp a callback stored in fregs is honoured.
 * ftbench's ops never have a direct call (variants/ftrace.h): both tests
 * run and fall through, as for every ftrace_ops in the kernel's sample.
 * Position-independent up to ftrace_callops_caller_end: callops-far runs
 * a copy of it placed beyond BL reach of the corpus (asm/arm64/veneer.c).
 */
	.balign	8
	.globl	ftrace_callops_caller
	.type	ftrace_callops_caller, %function
ftrace_callops_caller:
	bti	c
	bic	x11, x30, #0x7
	ldr	x11, [x11, #-16]
	ldr	x17, [x11, #FTRACE_OPS_DIRECT_CALL]
	cbnz	x17, ftrace_caller_direct
	ftrace_regs_save direct=1
	mov	x2, x11
	ldr	x4, [x2, #FTRACE_OPS_FUNC]
	blr	x4
	ftrace_regs_restore_ret direct=1
ftrace_caller_direct_late:
	/* The direct trampoline's convention: x9 = the callsite's LR. */
	ldr	x9,  [sp, #FREGS_LR]
	ldr	x30, [sp, #FREGS_PC]
	add	sp, sp, #FREGS_SIZE + 32
ftrace_caller_direct:
	/* BR: lands on the trampoline's BTI C; the return stack untouched. */
	br	x17
	.globl	ftrace_callops_caller_end
ftrace_callops_caller_end:
	.size	ftrace_callops_caller, . - ftrace_callops_caller

/*
 * Per-ops trampoline template (dyntramp). arch_tramp_create() copies
 * [ftrace_tramp_template, ftrace_tramp_template_end) into execmem, stores
 * the ops in ftrace_tramp_op (the PC-relative LDR still finds it: the
 * offset is copied with the code) and rewrites ftrace_tramp_call as a
 * direct BL to ftrace_ops_get_func(ops), through ftrace_tramp_veneer when
 * the callback is beyond BL reach.
 *   x2 = this trampoline's ops, the call = BL (direct, predicted by BTB)
 */
	.balign	8
	.globl	ftrace_tramp_template, ftrace_tramp_call, ftrace_tramp_op
	.globl	ftrace_tramp_veneer, ftrace_tramp_template_end
ftrace_tramp_template:
	bti	c
	ftrace_regs_save
	ldr	x2, ftrace_tramp_op
ftrace_tramp_call:
	bl	ftrace_stub
	ftrace_regs_restore_ret
ftrace_tramp_veneer:
	.word	0, 0, 0
	.balign	8
ftrace_tramp_op:
	.quad	0
ftrace_tramp_template_end:

/*
 * Direct-call stub template (the `direct` baseline): what AAPCS64 needs and
 * nothing more. No ftrace_regs: the callback gets fregs = NULL.
 *
 *   sp+80 | x8 | x9 (parent ip) |
 *   sp+16 | x0 .. x7            |
 *   sp+0  | x29 | x30           |  frame record, 96 bytes, 16-aligned
 *
 * Return: x30 := the traced function's LR (x9), branch to the site + 4.
 */
	.balign	8
	.globl	ftrace_direct_template, ftrace_direct_call, ftrace_direct_op
	.globl	ftrace_direct_veneer, ftrace_direct_template_end
ftrace_direct_template:
	bti	c
	stp	x29, x30, [sp, #-96]!
	mov	x29, sp
	stp	x0, x1, [sp, #16]
	stp	x2, x3, [sp, #32]
	stp	x4, x5, [sp, #48]
	stp	x6, x7, [sp, #64]
	stp	x8, x9, [sp, #80]
	sub	x0, x30, #4
	mov	x1, x9
	ldr	x2, ftrace_direct_op
	mov	x3, xzr
ftrace_direct_call:
	bl	ftrace_stub
	ldp	x0, x1, [sp, #16]
	ldp	x2, x3, [sp, #32]
	ldp	x4, x5, [sp, #48]
	ldp	x6, x7, [sp, #64]
	ldp	x8, x9, [sp, #80]
	ldp	x29, x10, [sp], #96
	mov	x30, x9
	ret	x10
ftrace_direct_veneer:
	.word	0, 0, 0
	.balign	8
ftrace_direct_op:
	.quad	0
ftrace_direct_template_end:

/* ftrace_stub: the call slot's target before anything is registered. */
	.balign	8
	.globl	ftrace_stub
	.type	ftrace_stub, %function
ftrace_stub:
	bti	c
	ret
	.size	ftrace_stub, . - ftrace_stub

	.section .note.GNU-stack, "", %progbits
