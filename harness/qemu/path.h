/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path recorder of ftb-emu (docs/emu.md, "Recording the path"): the
 * instructions a region executed, in order, with their addresses and
 * encodings as translated. It logs spans of translated blocks as they are
 * settled (cheap: one entry per block run) and expands them only when the
 * region closes. Optional: on only with the plugin's path= argument.
 */
#ifndef FTB_EMU_PATH_H
#define FTB_EMU_PATH_H

#include <stdint.h>

#include "isa.h"

/* A translated block's code, kept for the life of the process. */
struct path_code {
	uint64_t vaddr;
	uint32_t n;	     /* instructions */
	const uint32_t *off; /* [i] = byte offset of insn i, [n] = bytes */
	const uint8_t *bytes;
};

/* Instructions from..to-1 of one run of a block. */
struct path_span {
	const struct path_code *code;
	uint32_t from, to;
};

struct path_log {
	struct path_span *span;
	size_t n, cap;
	uint64_t insns;	    /* instructions logged */
	uint64_t max;	    /* cap on insns (path-max=) */
	uint64_t truncated; /* instructions beyond max, not logged */
};

/* Empty the log for a new region. */
void path_reset(struct path_log *l);

/* Instructions from..to-1 of c ran (nothing when to <= from). */
void path_add(struct path_log *l, const struct path_code *c, uint32_t from,
	      uint32_t to);

/*
 * Append the log as one record to file, in one write(2): the header line
 * ("path " + head + " insns=N truncated=T"), one line per instruction
 * ("<pc hex> <encoding hex>"), then "end". 0, or -errno.
 */
int path_write(const struct path_log *l, const char *file, const char *head,
	       enum emu_enc enc);

#endif
