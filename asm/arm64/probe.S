/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ftb_call_probe(fn, x, depth): call fn(x, depth) from a known return
 * address, ftb_call_probe_ret, so the oracle can check the parent_ip a
 * callback receives exactly.
 *   x0 = fn -> x16 (scratch), x1 = x -> x0, x2 = depth -> x1
 *   frame: x29, x30 pushed (16 bytes), sp stays 16-aligned
 */
	.text
	.balign	8
	.globl	ftb_call_probe, ftb_call_probe_ret
	.type	ftb_call_probe, %function
ftb_call_probe:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	blr	x16
ftb_call_probe_ret:
	ldp	x29, x30, [sp], #16
	ret
	.size	ftb_call_probe, . - ftb_call_probe

	.section .note.GNU-stack, "", %progbits
