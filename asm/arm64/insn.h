/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A64 encoders for the instructions ftrace writes. Branch encoders take the
 * address the instruction will live at and return 0 with *insn set, or -1
 * when the target is misaligned or out of range (never a truncated branch).
 */
#ifndef FTB_ARM64_INSN_H
#define FTB_ARM64_INSN_H

#include <stdint.h>

#define A64_NOP 0xd503201fu
#define A64_MOV_X9_X30 0xaa1e03e9u /* ORR X9, XZR, X30 */
#define A64_BTI_C 0xd503245fu
#define A64_RET 0xd65f03c0u
#define A64_X16 16
#define A64_PROT_BTI 0x10 /* PROT_BTI (asm/mman.h): BTI-guarded pages */
#define A64_HWCAP2_BTI (1UL << 17) /* AT_HWCAP2 bit (asm/hwcap.h) */

/* The literal as compiled: two NOPs read as one little-endian doubleword. */
#define A64_NOP_NOP_LITERAL (((uint64_t)A64_NOP << 32) | A64_NOP)

int a64_bl(uintptr_t pc, uintptr_t target, uint32_t *insn);
int a64_b(uintptr_t pc, uintptr_t target, uint32_t *insn);
int a64_ldr_literal(uintptr_t pc, uintptr_t literal, unsigned int rt,
		    uint32_t *insn);
int a64_adrp(uintptr_t pc, uintptr_t target, unsigned int rd, uint32_t *insn);
uint32_t a64_add_lo12(unsigned int rd, unsigned int rn, uintptr_t target);
uint32_t a64_br(unsigned int rn);
uint32_t a64_blr(unsigned int rn);
int a64_veneer(uintptr_t pc, uintptr_t target, uint32_t insn[3]);
int a64_veneer_target(uintptr_t pc, const uint32_t insn[3], uintptr_t *target);
int a64_is_bl(uint32_t insn);
uintptr_t a64_bl_target(uintptr_t pc, uint32_t insn);

#endif
