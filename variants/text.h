/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writable windows over code. Code is read-execute except between
 * text_begin() and the matching text_end(), which make every registered
 * region read-write-execute (execute stays: other threads may be running
 * it). Writes go through text_write*() so each is followed by the cache
 * maintenance instruction fetch needs.
 */
#ifndef FTB_TEXT_H
#define FTB_TEXT_H

#include <stddef.h>
#include <stdint.h>

int text_region_add(uintptr_t start, uintptr_t end);
/* The same, its whole pages also mapped with prot_extra (PROT_BTI). */
int text_region_add_prot(uintptr_t start, uintptr_t end, int prot_extra);
void text_region_remove(uintptr_t start, uintptr_t end);
int text_begin(void);
int text_end(void);
int text_is_writable(void);
int text_write(uintptr_t addr, const void *src, size_t len);
int text_write32(uintptr_t addr, uint32_t insn);
unsigned long text_writes(void);

#endif
