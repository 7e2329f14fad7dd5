/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Instruction classes as ftb-emu counts them, decided from the encoding
 * alone (at translation time): A64 from the 32-bit word (decode.c),
 * x86-64 from the bytes (decode_x86.c).
 */
#ifndef FTB_EMU_DECODE_H
#define FTB_EMU_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "markers.h"

enum emu_class {
	EMU_OTHER, /* not a branch (BTI and every other HINT included) */
	EMU_B,	   /* B imm; x86: JMP rel8/rel32 */
	EMU_BL,	   /* BL imm; x86: CALL rel32 */
	EMU_BCOND, /* B.cond, BC.cond; x86: Jcc, JrCXZ, LOOP* */
	EMU_CBZ,   /* CBZ, CBNZ, TBZ, TBNZ (A64 only) */
	EMU_BR,	   /* BR, BRAA, BRAB, BRAAZ, BRABZ; x86: JMP r/m */
	EMU_BLR,   /* BLR, BLRAA, BLRAB, BLRAAZ, BLRABZ; x86: CALL r/m */
	EMU_RET,   /* RET, RETAA, RETAB; x86: RET, RET imm16 */
	EMU_BEGIN, /* region marker (markers.h) */
	EMU_END,   /* region marker (markers.h) */
};

/* Memory access flags of an instruction. */
#define EMU_LOAD 1u
#define EMU_STORE 2u

enum emu_class emu_decode_class(uint32_t w);

/* Target of a direct branch (B, BL, B.cond, CB*, TB*) at pc. */
uint64_t emu_decode_target(uint32_t w, uint64_t pc);

/* EMU_LOAD and/or EMU_STORE for load/store instructions, else 0. */
unsigned int emu_decode_mem(uint32_t w);

/* x86-64: the class of the n-byte instruction at b. */
enum emu_class emu_x86_class(const uint8_t *b, size_t n);

/* x86-64: target of a direct branch (JMP, CALL, Jcc...) of n bytes at pc. */
uint64_t emu_x86_target(const uint8_t *b, size_t n, uint64_t pc);

#endif
