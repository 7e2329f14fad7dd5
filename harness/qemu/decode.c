// SPDX-License-Identifier: GPL-2.0
/*
 * A64 decoding for ftb-emu: branch class, direct target, load/store.
 * Encodings from the Arm ARM (DDI 0487), "A64 instruction set encoding":
 * branches, exception generating and system instructions (op0 = x101),
 * loads and stores (op0 = x1x0) and SVE memory operations (op0 = 0010).
 */
#include "decode.h"

static int64_t sext(uint64_t v, unsigned int bits)
{
	uint64_t m = 1ull << (bits - 1);

	return (int64_t)((v ^ m) - m);
}

static enum emu_class branch_reg_class(uint32_t w)
{
	/* Unconditional branch (register): opc is bits 24:21. */
	switch ((w >> 21) & 0xf) {
	case 0x0: /* BR, BRAAZ, BRABZ */
	case 0x8: /* BRAA, BRAB */
		return EMU_BR;
	case 0x1: /* BLR, BLRAAZ, BLRABZ */
	case 0x9: /* BLRAA, BLRAB */
		return EMU_BLR;
	case 0x2: /* RET, RETAA, RETAB */
		return EMU_RET;
	default: /* ERET, DRPS: not in user space */
		return EMU_OTHER;
	}
}

enum emu_class emu_decode_class(uint32_t w)
{
	if (w == EMU_INSN_BEGIN)
		return EMU_BEGIN;
	if (w == EMU_INSN_END)
		return EMU_END;
	if ((w & 0xfc000000u) == 0x14000000u)
		return EMU_B;
	if ((w & 0xfc000000u) == 0x94000000u)
		return EMU_BL;
	if ((w & 0xff000000u) == 0x54000000u)
		return EMU_BCOND;
	if ((w & 0x7c000000u) == 0x34000000u)
		return EMU_CBZ; /* CBZ/CBNZ (bit 25 = 0), TBZ/TBNZ (= 1) */
	if ((w & 0xfe000000u) == 0xd6000000u)
		return branch_reg_class(w);
	return EMU_OTHER;
}

uint64_t emu_decode_target(uint32_t w, uint64_t pc)
{
	int64_t off;

	switch (emu_decode_class(w)) {
	case EMU_B:
	case EMU_BL:
		off = sext(w & 0x3ffffffu, 26);
		break;
	case EMU_BCOND:
		off = sext((w >> 5) & 0x7ffffu, 19);
		break;
	case EMU_CBZ:
		if (w & (1u << 25))
			off = sext((w >> 5) & 0x3fffu, 14); /* TBZ/TBNZ */
		else
			off = sext((w >> 5) & 0x7ffffu, 19);
		break;
	default:
		return 0;
	}
	return pc + (uint64_t)(off * 4);
}

/* Load/store register (bits 29:27 = 111): size 31:30, V 26, opc 23:22. */
static unsigned int ldst_reg(uint32_t w)
{
	unsigned int size = w >> 30, v = (w >> 26) & 1, opc = (w >> 22) & 3;

	if (!(w & (1u << 24)) && (w & (1u << 21)) && !(w & (3u << 10)) && !v)
		return EMU_LOAD | EMU_STORE; /* LSE atomic memory operation */
	if (v)
		return (opc & 1) ? EMU_LOAD : EMU_STORE;
	if (opc == 0)
		return EMU_STORE;
	if (size == 3 && opc == 2)
		return 0; /* PRFM */
	return EMU_LOAD;
}

/* SVE memory (bits 28:25 = 0010, bits 31:29 = 1xx): 111 stores, else loads. */
static unsigned int sve_mem(uint32_t w)
{
	return (w >> 29) == 7 ? EMU_STORE : EMU_LOAD;
}

/* MTE tag loads/stores: LDG and LDGM load (op2 = 00, opc odd). */
static unsigned int mte_mem(uint32_t w)
{
	unsigned int opc = (w >> 22) & 3, op2 = (w >> 10) & 3;

	return (!op2 && (opc & 1)) ? EMU_LOAD : EMU_STORE;
}

unsigned int emu_decode_mem(uint32_t w)
{
	unsigned int l = (w >> 22) & 1;

	if ((w & 0x9e000000u) == 0x84000000u)
		return sve_mem(w);
	if ((w & 0xff200000u) == 0xd9200000u)
		return mte_mem(w);
	if ((w & 0x0a000000u) != 0x08000000u)
		return 0;
	switch ((w >> 27) & 7) {
	case 7:
		return ldst_reg(w);
	case 3:
		if (!(w & (1u << 24))) /* literal: LDR, LDRSW, PRFM */
			return ((w >> 30) == 3) ? 0 : EMU_LOAD;
		break;
	case 1:
		/* Exclusive/ordered; CAS and CASP (o1 = 1, bit 23) do both. */
		if ((w >> 24 & 0x3f) == 0x08 && (w & (1u << 23)) &&
		    (w & (1u << 21)))
			return EMU_LOAD | EMU_STORE;
		break;
	default:
		break;
	}
	return l ? EMU_LOAD : EMU_STORE;
}
