/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Executable memory for trampolines, placed near the corpus so a direct
 * branch reaches it (the kernel's module_alloc / execmem). Each allocation
 * is its own page(s), as module_alloc gives each x86 trampoline its own.
 * Memory comes back writable; execmem_seal() makes it read-execute.
 */
#ifndef FTB_EXECMEM_H
#define FTB_EXECMEM_H

#include <stddef.h>
#include <stdint.h>

void execmem_set_window(uintptr_t lo, uintptr_t hi);
void execmem_set_prot_extra(int prot);
void execmem_set_far(uintptr_t min_distance);
void *execmem_alloc(size_t size, uintptr_t near, char *err, size_t errlen);
void *execmem_alloc_far(size_t size, uintptr_t min_distance, char *err,
			size_t errlen);
int execmem_seal(void *p, size_t size);
void execmem_free(void *p, size_t size);
unsigned long execmem_pages(void);

#endif
