/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Offsets the arm64 callers use, as the kernel's generated asm-offsets.h
 * gives them (6.12). Included from entry.S and from asm/arm64/tramp.c,
 * which checks them against the C structures.
 */
#ifndef FTB_ARM64_ASM_OFFSETS_H
#define FTB_ARM64_ASM_OFFSETS_H

/* struct ftrace_regs (asm/arm64/arch.h) */
#define FREGS_X0 0
#define FREGS_X2 16
#define FREGS_X4 32
#define FREGS_X6 48
#define FREGS_X8 64
#define FREGS_DIRECT_TRAMP 72
#define FREGS_FP 80
#define FREGS_LR 88
#define FREGS_SP 96
#define FREGS_PC 104
#define FREGS_SIZE 112

/* struct ftrace_ops (variants/ftrace.h) */
#define FTRACE_OPS_FUNC 0
#define FTRACE_OPS_DIRECT_CALL 112

#endif
