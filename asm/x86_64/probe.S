/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ftb_call_probe(fn, x, depth): call fn(x, depth) from a known return
 * address, ftb_call_probe_ret, so the oracle can check the parent_ip a
 * callback receives exactly.
 *   %rdi = fn -> %rax (scratch), %rsi = x -> %rdi, %rdx = depth -> %rsi
 *   frame: %rbp pushed, so %rsp is 16-aligned at the call
 */
	.text
	.p2align 4
	.globl	ftb_call_probe, ftb_call_probe_ret
	.type	ftb_call_probe, @function
ftb_call_probe:
	pushq	%rbp
	movq	%rsp, %rbp
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	call	*%rax
ftb_call_probe_ret:
	popq	%rbp
	ret
	.size	ftb_call_probe, . - ftb_call_probe

	.section .note.GNU-stack, "", @progbits
