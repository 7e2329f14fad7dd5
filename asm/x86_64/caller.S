/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 shared callers, after arch/x86/kernel/ftrace_64.S
 * (CONFIG_DYNAMIC_FTRACE, CONFIG_FRAME_POINTER=y shape), and the template
 * of the `direct` baseline's stub. docs/x86_64.md lists the differences.
 *
 * Everything here lives in section ftb_callers, which asm/x86_64/site.c
 * registers as a text region: ftrace_call is patched at run time.
 */
#include "arch.h"

#define FTB_OPS_FUNC 0 /* offsetof(struct ftrace_ops, func): site.c asserts */

	.section ftb_callers, "ax", @progbits

/*
 * save_mcount_regs: on entry the stack is
 *
 *	  8(%rsp)  parent ip   the traced function's own return address
 *	  0(%rsp)  ret         return address into the traced function,
 *	                       right after its 5-byte call slot
 *
 * Build two frame records (the parent's and the traced function's, so an
 * rbp unwinder walks through us), then a struct ftrace_regs:
 *
 *	+216 = MCOUNT_REG_SIZE+8   parent ip
 *	+208 = MCOUNT_REG_SIZE     ret
 *	+200                       original rbp (restored from FREGS_RBP)
 *	+192  parent ip     } frame record 1 at +184
 *	+184  original rbp  }
 *	+176  ret           } frame record 2 at +168; %rbp = %rsp + 168
 *	+168  rsp + 184     }
 *	+0 .. +167                 struct ftrace_regs (FREGS_*); %rsp
 *
 * 5 pushes + 168 = 208 bytes: the traced function was entered with
 * %rsp = 8 mod 16, so %rsp = 0 mod 16 here and at every callback call.
 * Leaves %rdi = ip (ret - 5, the call slot), %rsi = parent ip; clobbers
 * %rdx. Registers saved: rax, rcx, rdx, rsi, rdi, r8, r9 (arguments and
 * the vector count of a variadic call) and rbp; orig_ax = 0.
 */
.macro save_mcount_regs
	pushq	%rbp
	pushq	2*8(%rsp)		/* parent ip */
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	3*8(%rsp)		/* ret */
	pushq	%rbp
	movq	%rsp, %rbp

	subq	$FREGS_SIZE, %rsp
	movq	%rax, FREGS_RAX(%rsp)
	movq	%rcx, FREGS_RCX(%rsp)
	movq	%rdx, FREGS_RDX(%rsp)
	movq	%rsi, FREGS_RSI(%rsp)
	movq	%rdi, FREGS_RDI(%rsp)
	movq	%r8, FREGS_R8(%rsp)
	movq	%r9, FREGS_R9(%rsp)
	movq	$0, FREGS_ORIG_RAX(%rsp)
	movq	MCOUNT_REG_SIZE-8(%rsp), %rdx	/* the original rbp */
	movq	%rdx, FREGS_RBP(%rsp)
	movq	MCOUNT_REG_SIZE+8(%rsp), %rsi	/* parent ip */
	movq	MCOUNT_REG_SIZE(%rsp), %rdi	/* ret */
	movq	%rdi, FREGS_RIP(%rsp)
	subq	$MCOUNT_INSN_SIZE, %rdi		/* ip: the call slot */
.endm

/* Undo save_mcount_regs; %rsp points at ret again afterwards. */
.macro restore_mcount_regs
	movq	FREGS_RBP(%rsp), %rbp
	movq	FREGS_R9(%rsp), %r9
	movq	FREGS_R8(%rsp), %r8
	movq	FREGS_RDI(%rsp), %rdi
	movq	FREGS_RSI(%rsp), %rsi
	movq	FREGS_RDX(%rsp), %rdx
	movq	FREGS_RCX(%rsp), %rcx
	movq	FREGS_RAX(%rsp), %rax
	addq	$MCOUNT_REG_SIZE, %rsp
.endm

/*
 * A callback may change fregs->ip (livepatch does): return there.
 * Stores the traced function's stack pointer at entry into fregs->sp.
 */
.macro store_sp
	leaq	MCOUNT_REG_SIZE+8(%rsp), %rcx
	movq	%rcx, FREGS_RSP(%rsp)
.endm

.macro use_regs_ip
	movq	FREGS_RIP(%rsp), %rax
	movq	%rax, MCOUNT_REG_SIZE(%rsp)
.endm

/*
 * ftrace_caller: the shared caller of the list walk, and the template of
 * every per-ops trampoline (tramp.c copies ftrace_caller..ftrace_caller_end,
 * appends a RET, and re-points the RIP-relative load at ftrace_caller_op_ptr
 * to the ops pointer it stores after that RET).
 *
 * Site (plain layout, -fpatchable-function-entry=5,0):
 *
 *	func+0:  [endbr64]                    only with -fcf-protection
 *	func+0/4: e8 <rel32>  call ftrace_caller   (0f 1f 44 00 00 when off)
 *
 * Callback: %rdi = ip, %rsi = parent ip, %rdx = op (function_trace_op, or
 * the trampoline's own ops), %rcx = fregs. %rax, %rcx, %rdx: scratch.
 * The call at ftrace_call starts as `call ftrace_stub` and is patched by
 * arch_update_ftrace_func() (5 bytes, CALL rel32).
 */
	.p2align 4
	.globl	ftrace_caller
	.type	ftrace_caller, @function
ftrace_caller:
	save_mcount_regs
	store_sp

	.globl	ftrace_caller_op_ptr
ftrace_caller_op_ptr:
	movq	function_trace_op(%rip), %rdx	/* 48 8b 15 <disp32> */

	movq	%rsp, %rcx			/* fregs */
	movq	$0, FREGS_CS(%rsp)		/* not full regs */

	.globl	ftrace_call
ftrace_call:
	call	ftrace_stub			/* patched: e8 <rel32> */

	use_regs_ip
	restore_mcount_regs

	/* Trampolines copy the code up to here and append their own RET. */
	.globl	ftrace_caller_end
ftrace_caller_end:
	ret
	.size	ftrace_caller, . - ftrace_caller

/*
 * ftrace_callops_caller: ftbench's x86 analogue of arm64 CALL_OPS (x86
 * has none upstream). Literal layout (-fpatchable-function-entry=21,16
 * -falign-functions=16), func 16-byte aligned:
 *
 *	func-16 .. func-9:  8 x 90   padding, never executed or written
 *	func-8  .. func-1:  literal  8-byte aligned ops pointer (compiled as
 *	                             8 x 90, then &ftrace_nop_ops, then the
 *	                             one ops tracing the function, or
 *	                             &ftrace_list_ops)
 *	func+0:  [f3 0f 1e fa]        endbr64, with -fcf-protection only
 *	func+0/4: e8 <rel32>          call ftrace_callops_caller
 *	                              (0f 1f 44 00 00 when off)
 *
 * The literal is found from ip = ret - 5, the call slot, which is func or
 * func+4: (ip & ~15) - 8 is func-8 either way (arm64 finds it from LR
 * with bic #7 / ldr -16 the same way, with or without BTI C).
 *
 * Registers: %rdi = ip, %rsi = parent ip, %rdx = op (loaded from the
 * literal), %rcx = fregs; the callback is op->func, called indirectly.
 */
	.p2align 4
	.globl	ftrace_callops_caller
	.type	ftrace_callops_caller, @function
ftrace_callops_caller:
	save_mcount_regs
	store_sp

	movq	%rdi, %rdx
	andq	$-FTB_LITERAL_ALIGN, %rdx	/* func */
	movq	-FTB_LITERAL_OFFSET(%rdx), %rdx	/* op = the literal */

	movq	%rsp, %rcx			/* fregs */
	movq	$0, FREGS_CS(%rsp)
	call	*FTB_OPS_FUNC(%rdx)		/* op->func(ip, parent, op, fregs) */

	use_regs_ip
	restore_mcount_regs
	ret
	.size	ftrace_callops_caller, . - ftrace_callops_caller

/* ftrace_stub: what ftrace_call calls while no tracer is set. */
	.p2align 4
	.globl	ftrace_stub
	.type	ftrace_stub, @function
ftrace_stub:
	ret
	.size	ftrace_stub, . - ftrace_stub

/*
 * ftrace_direct_tmpl: the `direct` baseline's stub, copied per callback by
 * arch_direct_create(). The site calls it directly; it keeps only what the
 * traced function still needs (its argument registers and %rax, the
 * vector count of a variadic call) and an rbp frame, and calls the
 * callback with fregs = NULL:
 *
 *	 16(%rbp)  parent ip
 *	  8(%rbp)  ret (call slot + 5)
 *	  0(%rbp)  original rbp
 *	 -8..-56   rdi rsi rdx rcx r8 r9 rax, %rsp = 0 mod 16 at the call
 *
 * %rdi = ip, %rsi = parent ip, %rdx = op (movabs immediate, patched),
 * %rcx = 0; the call at ftrace_direct_tmpl_call becomes e8 <rel32> to the
 * callback.
 */
	.p2align 4
	.globl	ftrace_direct_tmpl
ftrace_direct_tmpl:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%r8
	pushq	%r9
	pushq	%rax
	movq	8(%rbp), %rdi
	subq	$MCOUNT_INSN_SIZE, %rdi		/* ip */
	movq	16(%rbp), %rsi			/* parent ip */
	.globl	ftrace_direct_tmpl_op
ftrace_direct_tmpl_op:
	movabsq	$0, %rdx			/* 48 ba <imm64>: op */
	xorl	%ecx, %ecx			/* fregs = NULL */
	.globl	ftrace_direct_tmpl_call
ftrace_direct_tmpl_call:
	call	ftrace_stub			/* patched: e8 <rel32> */
	popq	%rax
	popq	%r9
	popq	%r8
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	popq	%rbp
	ret
	.globl	ftrace_direct_tmpl_end
ftrace_direct_tmpl_end:

	.section .note.GNU-stack, "", @progbits
