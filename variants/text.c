// SPDX-License-Identifier: GPL-2.0
/*
 * Writable windows over code (text.h). mprotect() is per region and per
 * window, not per write: enabling 65,536 sites costs two mprotect calls per
 * region. Nesting is counted so the shared registration path and a caller
 * batching several registrations can both open windows.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "asm/site.h"
#include "variants/text.h"

#define TEXT_MAX_REGIONS 64

/*
 * [start, end) page-rounded outwards; [start, guard_end) also gets
 * prot_extra (PROT_BTI): only whole pages of the region, so a page shared
 * with other code is never guarded.
 */
struct text_region {
	uintptr_t start, end, guard_end;
	int prot_extra;
};

static struct text_region regions[TEXT_MAX_REGIONS];
static int nr_regions;
static int depth;
static unsigned long nr_writes;
static pthread_mutex_t text_lock = PTHREAD_MUTEX_INITIALIZER;

static uintptr_t page_down(uintptr_t a)
{
	return a & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
}

static uintptr_t page_up(uintptr_t a)
{
	return page_down(a + (uintptr_t)sysconf(_SC_PAGESIZE) - 1);
}

int text_region_add_prot(uintptr_t start, uintptr_t end, int prot_extra)
{
	struct text_region *r = &regions[nr_regions];

	if (nr_regions == TEXT_MAX_REGIONS) {
		errno = ENOSPC;
		return -1;
	}
	r->start = page_down(start);
	r->end = page_up(end);
	r->guard_end = r->start;
	r->prot_extra = prot_extra;
	if (prot_extra && start == r->start && page_down(end) > r->start)
		r->guard_end = page_down(end);
	nr_regions++;
	return 0;
}

int text_region_add(uintptr_t start, uintptr_t end)
{
	return text_region_add_prot(start, end, 0);
}

static int protect(uintptr_t start, uintptr_t end, int prot)
{
	if (start == end || !mprotect((void *)start, end - start, prot))
		return 0;
	ftb_set_error("mprotect %#lx-%#lx: %s", (unsigned long)start,
		      (unsigned long)end, strerror(errno));
	return -1;
}

/* A guarded region goes back to plain read-execute as it leaves. */
void text_region_remove(uintptr_t start, uintptr_t end)
{
	for (int i = 0; i < nr_regions; i++) {
		struct text_region *r = &regions[i];

		if (r->start == page_down(start) && r->end == page_up(end)) {
			if (r->prot_extra)
				protect(r->start, r->guard_end,
					PROT_READ | PROT_EXEC);
			*r = regions[--nr_regions];
			return;
		}
	}
}

/* The guard stays while writable: other threads may run the code. */
static int protect_all(int prot)
{
	for (int i = 0; i < nr_regions; i++) {
		const struct text_region *r = &regions[i];

		if (protect(r->start, r->guard_end, prot | r->prot_extra) ||
		    protect(r->guard_end, r->end, prot))
			return -1;
	}
	return 0;
}

int text_begin(void)
{
	int ret = 0;

	pthread_mutex_lock(&text_lock);
	if (depth++ == 0)
		ret = protect_all(PROT_READ | PROT_WRITE | PROT_EXEC);
	if (ret)
		depth--;
	pthread_mutex_unlock(&text_lock);
	return ret;
}

int text_end(void)
{
	int ret = 0;

	pthread_mutex_lock(&text_lock);
	if (depth > 0 && --depth == 0)
		ret = protect_all(PROT_READ | PROT_EXEC);
	pthread_mutex_unlock(&text_lock);
	return ret;
}

int text_is_writable(void)
{
	return depth > 0;
}

/* A plain copy for multi-byte patches that need no single-copy atomicity. */
int text_write(uintptr_t addr, const void *src, size_t len)
{
	if (!depth) {
		ftb_set_error("write to code at %#lx outside a text window",
			      (unsigned long)addr);
		return -1;
	}
	memcpy((void *)addr, src, len);
	arch_sync_icache(addr, len);
	nr_writes++;
	return 0;
}

/* One aligned 32-bit store: concurrent fetches see the old or the new word. */
int text_write32(uintptr_t addr, uint32_t insn)
{
	if (!depth) {
		ftb_set_error("write to code at %#lx outside a text window",
			      (unsigned long)addr);
		return -1;
	}
	__atomic_store_n((uint32_t *)addr, insn, __ATOMIC_RELAXED);
	arch_sync_icache(addr, 4);
	nr_writes++;
	return 0;
}

unsigned long text_writes(void)
{
	return nr_writes;
}

/* Set by the harness when other threads may run the code being patched. */
int ftb_text_live;
