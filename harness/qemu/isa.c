// SPDX-License-Identifier: GPL-2.0
/*
 * The ISA table of ftb-emu: A64 (decode.c, word-based, every instruction
 * 4 bytes) and x86-64 (decode_x86.c, byte-based, variable length).
 */
#include <string.h>

#include "isa.h"

static uint32_t word(const uint8_t *b)
{
	uint32_t w;

	memcpy(&w, b, 4); /* the host is little-endian, as the guest */
	return w;
}

static enum emu_class a64_class(const uint8_t *b, size_t n)
{
	return n == 4 ? emu_decode_class(word(b)) : EMU_OTHER;
}

static uint64_t a64_target(const uint8_t *b, size_t n, uint64_t pc)
{
	return n == 4 ? emu_decode_target(word(b), pc) : 0;
}

static unsigned int a64_mem(const uint8_t *b, size_t n)
{
	return n == 4 ? emu_decode_mem(word(b)) : 0;
}

static unsigned int x86_mem(const uint8_t *b, size_t n)
{
	(void)b;
	(void)n;
	return 0;
}

static const struct emu_isa isas[] = {
	{ .name = "aarch64",
	  .enc = EMU_ENC_WORD32,
	  .has_mem = 1,
	  .has_cbz = 1,
	  .cls = a64_class,
	  .target = a64_target,
	  .mem = a64_mem },
	{ .name = "x86_64",
	  .enc = EMU_ENC_BYTES,
	  .has_mem = 0,
	  .has_cbz = 0,
	  .cls = emu_x86_class,
	  .target = emu_x86_target,
	  .mem = x86_mem },
};

const struct emu_isa *emu_isa_find(const char *target_name)
{
	for (size_t i = 0; i < sizeof(isas) / sizeof(isas[0]); i++)
		if (!strcmp(isas[i].name, target_name))
			return &isas[i];
	return NULL;
}
