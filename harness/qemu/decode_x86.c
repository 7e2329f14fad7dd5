// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 decoding for ftb-emu: which instructions are branches, of which
 * class, and where a direct one goes; and the region markers. QEMU gives
 * each instruction's length, so only the prefixes and the opcode need
 * reading. Encodings from the Intel SDM volume 2 (opcode map, table A-2)
 * and the AMD64 APM volume 3. Loads and stores are not decoded on x86:
 * the plugin does not report them for this ISA.
 */
#include <string.h>

#include "decode.h"

static const uint8_t x86_begin[EMU_X86_MARKER_LEN] = { EMU_X86_BEGIN_BYTES };
static const uint8_t x86_end[EMU_X86_MARKER_LEN] = { EMU_X86_END_BYTES };

/* Legacy prefixes (groups 1-4) and REX, skipped to reach the opcode. */
static int is_prefix(uint8_t b)
{
	switch (b) {
	case 0x66: /* operand size */
	case 0x67: /* address size */
	case 0xf0: /* LOCK */
	case 0xf2: /* REPNE, BND */
	case 0xf3: /* REP */
	case 0x2e: /* CS, branch not taken hint */
	case 0x36: /* SS */
	case 0x3e: /* DS, branch taken hint, NOTRACK */
	case 0x26: /* ES */
	case 0x64: /* FS */
	case 0x65: /* GS */
		return 1;
	default:
		return (b & 0xf0) == 0x40; /* REX */
	}
}

/* Index of the opcode byte, or n when the instruction is only prefixes. */
static size_t opcode_at(const uint8_t *b, size_t n)
{
	size_t i = 0;

	while (i < n && is_prefix(b[i]))
		i++;
	return i;
}

enum emu_class emu_x86_class(const uint8_t *b, size_t n)
{
	size_t i;
	uint8_t op;

	if (n == EMU_X86_MARKER_LEN && !memcmp(b, x86_begin, n))
		return EMU_BEGIN;
	if (n == EMU_X86_MARKER_LEN && !memcmp(b, x86_end, n))
		return EMU_END;
	i = opcode_at(b, n);
	if (i >= n)
		return EMU_OTHER;
	op = b[i];
	if ((op >= 0x70 && op <= 0x7f) || (op >= 0xe0 && op <= 0xe3))
		return EMU_BCOND; /* Jcc rel8, LOOPNE/LOOPE/LOOP, JrCXZ */
	switch (op) {
	case 0xeb: /* JMP rel8 */
	case 0xe9: /* JMP rel32 */
		return EMU_B;
	case 0xe8: /* CALL rel32 */
		return EMU_BL;
	case 0xc3: /* RET */
	case 0xc2: /* RET imm16 */
		return EMU_RET;
	case 0x0f:
		if (i + 1 < n && (b[i + 1] & 0xf0) == 0x80)
			return EMU_BCOND; /* Jcc rel32 */
		return EMU_OTHER;
	case 0xff:
		if (i + 1 >= n)
			return EMU_OTHER;
		switch ((b[i + 1] >> 3) & 7) { /* ModRM.reg */
		case 2:			       /* CALL r/m64 */
		case 3:			       /* CALL m16:64 (far) */
			return EMU_BLR;
		case 4: /* JMP r/m64 */
		case 5: /* JMP m16:64 (far) */
			return EMU_BR;
		default: /* INC, DEC, PUSH */
			return EMU_OTHER;
		}
	default:
		return EMU_OTHER;
	}
}

/* The n-byte little-endian signed displacement at b. */
static int64_t disp(const uint8_t *b, size_t n)
{
	uint32_t v = 0;

	for (size_t k = n; k-- > 0;)
		v = (v << 8) | b[k];
	return n == 1 ? (int64_t)(int8_t)v : (int64_t)(int32_t)v;
}

uint64_t emu_x86_target(const uint8_t *b, size_t n, uint64_t pc)
{
	size_t i = opcode_at(b, n), len;
	uint8_t op;

	if (i >= n)
		return 0;
	op = b[i];
	if ((op >= 0x70 && op <= 0x7f) || (op >= 0xe0 && op <= 0xe3) ||
	    op == 0xeb)
		len = 1;
	else if (op == 0xe9 || op == 0xe8 ||
		 (op == 0x0f && i + 1 < n && (b[i + 1] & 0xf0) == 0x80))
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	/* The displacement is the instruction's last bytes. */
	return pc + n + (uint64_t)disp(b + n - len, len);
}
