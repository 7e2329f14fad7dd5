// SPDX-License-Identifier: GPL-2.0
/*
 * A64 encoders (insn.h), written from the Arm ARM encodings:
 *   B/BL      imm26, word offset, +-128 MiB
 *   LDR (lit) imm19, word offset, +-1 MiB
 *   ADRP      immhi:immlo, 4 KiB pages, +-4 GiB
 * Builds on any host: the unit tests check them on x86_64 too.
 */
#include "asm/arm64/insn.h"

static int branch_imm(uintptr_t pc, uintptr_t target, unsigned int bits,
		      int64_t *imm)
{
	int64_t off = (int64_t)(target - pc);
	int64_t lim = (int64_t)1 << (bits + 1); /* bytes: 2^bits words / 2 */

	if ((off & 3) || off < -lim || off >= lim)
		return -1;
	*imm = off >> 2;
	return 0;
}

static int encode_imm26(uint32_t op, uintptr_t pc, uintptr_t target,
			uint32_t *insn)
{
	int64_t imm;

	if (branch_imm(pc, target, 26, &imm))
		return -1;
	*insn = op | ((uint32_t)imm & 0x03ffffffu);
	return 0;
}

int a64_bl(uintptr_t pc, uintptr_t target, uint32_t *insn)
{
	return encode_imm26(0x94000000u, pc, target, insn);
}

int a64_b(uintptr_t pc, uintptr_t target, uint32_t *insn)
{
	return encode_imm26(0x14000000u, pc, target, insn);
}

int a64_ldr_literal(uintptr_t pc, uintptr_t literal, unsigned int rt,
		    uint32_t *insn)
{
	int64_t imm;

	if (rt > 30 || branch_imm(pc, literal, 19, &imm))
		return -1;
	*insn = 0x58000000u | (((uint32_t)imm & 0x7ffffu) << 5) | rt;
	return 0;
}

int a64_adrp(uintptr_t pc, uintptr_t target, unsigned int rd, uint32_t *insn)
{
	int64_t pages = (int64_t)((target >> 12) - (pc >> 12));
	uint32_t imm;

	if (rd > 30 || pages < -(1LL << 20) || pages >= (1LL << 20))
		return -1;
	imm = (uint32_t)pages & 0x1fffffu;
	*insn = 0x90000000u | ((imm & 3) << 29) | ((imm >> 2) << 5) | rd;
	return 0;
}

uint32_t a64_add_lo12(unsigned int rd, unsigned int rn, uintptr_t target)
{
	return 0x91000000u | ((uint32_t)(target & 0xfff) << 10) | (rn << 5) |
	       rd;
}

uint32_t a64_br(unsigned int rn)
{
	return 0xd61f0000u | (rn << 5);
}

uint32_t a64_blr(unsigned int rn)
{
	return 0xd63f0000u | (rn << 5);
}

/*
 * A veneer for a target beyond BL reach, as arm64 module PLTs and the
 * dynamic-trampoline RFC build it: ADRP X16 / ADD X16 / BR X16. X16 is the
 * intra-procedure-call scratch register, and BR X16 may land on BTI C.
 */
int a64_veneer(uintptr_t pc, uintptr_t target, uint32_t insn[3])
{
	if (a64_adrp(pc, target, A64_X16, &insn[0]))
		return -1;
	insn[1] = a64_add_lo12(A64_X16, A64_X16, target);
	insn[2] = a64_br(A64_X16);
	return 0;
}

/* The target of a veneer as a64_veneer() writes it; -1 if it is not one. */
int a64_veneer_target(uintptr_t pc, const uint32_t insn[3], uintptr_t *target)
{
	uint32_t immlo = (insn[0] >> 29) & 3, immhi = (insn[0] >> 5) & 0x7ffff;
	int64_t pages = (int64_t)((uint64_t)((immhi << 2) | immlo) << 43) >> 43;
	uintptr_t page = (pc & ~(uintptr_t)0xfff) + ((uintptr_t)pages << 12);

	if ((insn[0] & 0x9f00001fu) != (0x90000000u | A64_X16) ||
	    (insn[1] & 0xffc003ffu) != a64_add_lo12(A64_X16, A64_X16, 0) ||
	    insn[2] != a64_br(A64_X16))
		return -1;
	*target = page + ((insn[1] >> 10) & 0xfff);
	return 0;
}

int a64_is_bl(uint32_t insn)
{
	return (insn & 0xfc000000u) == 0x94000000u;
}

uintptr_t a64_bl_target(uintptr_t pc, uint32_t insn)
{
	int64_t imm = (int64_t)((uint64_t)(insn & 0x03ffffffu) << 38) >> 38;

	return pc + (uintptr_t)(imm * 4);
}
