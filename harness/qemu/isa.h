/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest ISAs ftb-emu runs under (qemu-aarch64, qemu-x86_64): how to
 * decode an instruction, and which counters the ISA reports. The plugin
 * picks one from QEMU's target name at install time.
 */
#ifndef FTB_EMU_ISA_H
#define FTB_EMU_ISA_H

#include <stddef.h>
#include <stdint.h>

#include "decode.h"

/* How the path recorder writes an instruction's encoding. */
enum emu_enc {
	EMU_ENC_WORD32, /* A64: the 32-bit word in hex, as objdump -d shows */
	EMU_ENC_BYTES,	/* x86-64: the bytes in memory order, in hex */
};

struct emu_isa {
	const char *name; /* QEMU's target name */
	enum emu_enc enc;
	int has_mem; /* loads and stores are decoded and reported */
	int has_cbz; /* a compare-and-branch class exists (br-cbz*) */
	enum emu_class (*cls)(const uint8_t *b, size_t n);
	uint64_t (*target)(const uint8_t *b, size_t n, uint64_t pc);
	unsigned int (*mem)(const uint8_t *b, size_t n);
};

/* The ISA of QEMU target target_name, or NULL when unsupported. */
const struct emu_isa *emu_isa_find(const char *target_name);

#endif
