/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 definitions the ISA-neutral code needs, and the frame layout that
 * caller.S shares with C (this header is included from both).
 */
#ifndef FTB_ARCH_X86_64_H
#define FTB_ARCH_X86_64_H

/*
 * struct ftrace_regs: the kernel's x86 ftrace_regs wraps a full pt_regs
 * (arch/x86/include/asm/ftrace.h) and ftrace_caller fills only part of it:
 * rdi, rsi, rdx, rcx, r8, r9 (the arguments), rax (%al counts vector
 * arguments of a variadic call), rbp, ip (the return address into the
 * traced function, which a handler may change, as livepatch does: the caller
 * returns there), sp (the traced function's stack pointer at entry); orig_ax
 * and cs are zeroed (cs == 0 says "not full regs", as in the kernel). The other fields are left as they were on the
 * stack, exactly as the kernel leaves them: read only what is listed here.
 * 168 bytes, in pt_regs order.
 */
#define FREGS_R15 0
#define FREGS_R14 8
#define FREGS_R13 16
#define FREGS_R12 24
#define FREGS_RBP 32
#define FREGS_RBX 40
#define FREGS_R11 48
#define FREGS_R10 56
#define FREGS_R9 64
#define FREGS_R8 72
#define FREGS_RAX 80
#define FREGS_RCX 88
#define FREGS_RDX 96
#define FREGS_RSI 104
#define FREGS_RDI 112
#define FREGS_ORIG_RAX 120
#define FREGS_RIP 128
#define FREGS_CS 136
#define FREGS_EFLAGS 144
#define FREGS_RSP 152
#define FREGS_SS 160
#define FREGS_SIZE 168

/*
 * ftrace_caller's frame below its return address (CONFIG_FRAME_POINTER=y
 * shape): five pushes (two frame records, 40 bytes) then the regs.
 * MCOUNT_REG_SIZE(%rsp) is the return address into the traced function,
 * MCOUNT_REG_SIZE+8(%rsp) the traced function's own return address.
 */
#define MCOUNT_FRAME_SIZE 40
#define MCOUNT_REG_SIZE (FREGS_SIZE + MCOUNT_FRAME_SIZE)
#define MCOUNT_INSN_SIZE 5 /* CALL rel32 */

/* CALL_OPS analogue: the literal sits 8 bytes below the 16-aligned entry. */
#define FTB_LITERAL_ALIGN 16
#define FTB_LITERAL_OFFSET 8

#ifndef __ASSEMBLER__
struct ftrace_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax;
	unsigned long ip, cs, flags, sp, ss;
};

#define X86_INSN_SIZE_CALL 5
#define FTB_BRANCH_RANGE (1UL << 31) /* CALL/JMP rel32: -2 GiB .. +2 GiB-1 */

/* Labels inside caller.S that the trampoline builder needs. */
extern char ftrace_caller_op_ptr[]; /* movq function_trace_op(%rip), %rdx */
extern char ftrace_caller_end[];    /* end of what trampolines copy */
extern char ftrace_direct_tmpl[], ftrace_direct_tmpl_op[],
	ftrace_direct_tmpl_call[], ftrace_direct_tmpl_end[];
#endif

#endif
