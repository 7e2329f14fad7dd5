/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A64 instruction classes as ftb-emu counts them, decided from the
 * instruction word alone (at translation time).
 */
#ifndef FTB_EMU_DECODE_H
#define FTB_EMU_DECODE_H

#include <stdint.h>

/* HINT #0x60 and HINT #0x61: NOPs on hardware, region markers here. */
#define EMU_INSN_BEGIN 0xd5032c1fu
#define EMU_INSN_END 0xd5032c3fu

enum emu_class {
	EMU_OTHER, /* not a branch (BTI and every other HINT included) */
	EMU_B,	   /* B imm */
	EMU_BL,	   /* BL imm */
	EMU_BCOND, /* B.cond, BC.cond */
	EMU_CBZ,   /* CBZ, CBNZ, TBZ, TBNZ */
	EMU_BR,	   /* BR, BRAA, BRAB, BRAAZ, BRABZ */
	EMU_BLR,   /* BLR, BLRAA, BLRAB, BLRAAZ, BLRABZ */
	EMU_RET,   /* RET, RETAA, RETAB */
	EMU_BEGIN, /* region marker HINT #0x60 */
	EMU_END,   /* region marker HINT #0x61 */
};

/* Memory access flags of an instruction. */
#define EMU_LOAD 1u
#define EMU_STORE 2u

enum emu_class emu_decode_class(uint32_t w);

/* Target of a direct branch (B, BL, B.cond, CB*, TB*) at pc. */
uint64_t emu_decode_target(uint32_t w, uint64_t pc);

/* EMU_LOAD and/or EMU_STORE for load/store instructions, else 0. */
unsigned int emu_decode_mem(uint32_t w);

#endif
