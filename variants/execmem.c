// SPDX-License-Identifier: GPL-2.0
/*
 * Executable memory near the corpus (execmem.h). Pages are mapped with an
 * address hint and MAP_FIXED_NOREPLACE, and the address returned is always
 * compared with the one asked for: qemu-user treats the flag as a plain hint
 * (DESIGN.md section 4). The search walks upward from the end of the window
 * the caller set (the corpus text), so every page stays within reach of
 * every site; a page that cannot be placed in reach is an error, never a
 * silent far mapping. Trampolines are written once while still writable and
 * then sealed read-execute; they are never patched afterwards, so they are
 * not text regions (text.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "asm/site.h"
#include "variants/execmem.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

/* Leave room above the text for the brk heap before the first trampoline. */
#define EXECMEM_GAP (16UL << 20)

#define EXECMEM_FREED_MAX 1024

static uintptr_t win_lo, win_hi, cursor;
static uintptr_t far_distance; /* execmem_set_far(): 0 = near the window */
static uintptr_t freed[EXECMEM_FREED_MAX]; /* freed single pages, reused */
static int nr_freed;
static unsigned long nr_pages;
static int prot_extra;

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

void execmem_set_window(uintptr_t lo, uintptr_t hi)
{
	win_lo = lo;
	win_hi = hi;
	cursor = (hi + EXECMEM_GAP) & ~(uintptr_t)(page_size() - 1);
}

/* PROT_BTI for trampolines when the corpus is built with BTI (arm64). */
void execmem_set_prot_extra(int prot)
{
	prot_extra = prot;
}

static void *try_map(uintptr_t at, size_t len)
{
	void *p =
		mmap((void *)at, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	if ((uintptr_t)p != at) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

/* Every byte of [at, at + len) reaches and is reached from the window. */
static int in_window_reach(uintptr_t at, size_t len)
{
	return arch_in_reach(win_lo, at + len) && arch_in_reach(at, win_hi) &&
	       arch_in_reach(at + len, win_lo);
}

/*
 * From now on execmem_alloc() places code at least min_distance above the
 * window, out of direct-branch reach of the corpus (0: near again). The
 * `range` scenario's far flavours use it to stand for trampolines in a
 * module region far from the text (docs/scenarios.md).
 */
void execmem_set_far(uintptr_t min_distance)
{
	far_distance = min_distance;
}

void *execmem_alloc(size_t size, uintptr_t near, char *err, size_t errlen)
{
	size_t len = (size + page_size() - 1) & ~(page_size() - 1);

	if (!cursor)
		execmem_set_window(near, near);
	if (far_distance)
		return execmem_alloc_far(size, far_distance, err, errlen);
	if (len == page_size() && nr_freed) {
		void *p = try_map(freed[--nr_freed], len);

		if (p) {
			nr_pages++;
			return p;
		}
	}
	for (; in_window_reach(cursor, len); cursor += len) {
		void *p = try_map(cursor, len);

		if (!p)
			continue;
		cursor += len;
		nr_pages += len / page_size();
		return p;
	}
	snprintf(err, errlen,
		 "no free page within branch reach of %#lx-%#lx for a "
		 "trampoline",
		 (unsigned long)win_lo, (unsigned long)win_hi);
	return NULL;
}

/*
 * A page at least min_distance above the window, for code that must be out
 * of direct-branch reach of everything near the corpus.
 */
void *execmem_alloc_far(size_t size, uintptr_t min_distance, char *err,
			size_t errlen)
{
	static uintptr_t hint; /* just above the last far page placed */
	size_t len = (size + page_size() - 1) & ~(page_size() - 1);
	uintptr_t base =
		(win_hi + min_distance) & ~(uintptr_t)(page_size() - 1);
	uintptr_t at = hint > base && hint - base < min_distance ? hint : base;

	/* Page by page, then in big steps past whatever is mapped there. */
	for (int i = 0; i < 4096; i++, at += len) {
		void *p = try_map(at, len);

		if (p) {
			nr_pages += len / page_size();
			hint = at + len;
			return p;
		}
	}
	at = (win_hi + 2 * min_distance) & ~(uintptr_t)(page_size() - 1);
	for (int i = 0; i < 64; i++, at += min_distance) {
		void *p = try_map(at, len);

		if (p) {
			nr_pages += len / page_size();
			return p;
		}
	}
	snprintf(err, errlen, "no free page %#lx bytes beyond %#lx",
		 (unsigned long)min_distance, (unsigned long)win_hi);
	return NULL;
}

/* Trampolines are written once, then only executed. */
int execmem_seal(void *p, size_t size)
{
	arch_sync_icache((uintptr_t)p, size);
	return mprotect(p, size, PROT_READ | PROT_EXEC | prot_extra);
}

void execmem_free(void *p, size_t size)
{
	size_t len = (size + page_size() - 1) & ~(page_size() - 1);

	munmap(p, len);
	/* Only pages in reach of the window are worth reusing for it. */
	if (len == page_size() && nr_freed < EXECMEM_FREED_MAX &&
	    in_window_reach((uintptr_t)p, len))
		freed[nr_freed++] = (uintptr_t)p;
	nr_pages -= len / page_size();
}

unsigned long execmem_pages(void)
{
	return nr_pages;
}
