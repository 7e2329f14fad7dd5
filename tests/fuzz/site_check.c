// SPDX-License-Identifier: GPL-2.0
/*
 * The corpus site checker (asm/<isa>/site.c: arch_site_describe, which
 * ftb_corpus_open runs on every compiled site, and arch_site_check, the
 * oracle's byte check) fed random site bytes: 64 bytes with the function
 * in the middle, the patch area where the compiler's table could put it,
 * any layout; once described, the same site holding a second 64 bytes
 * (what patching could have left there) is checked in every state, with
 * any branch target and literal. Built for x86_64
 * with asm/x86_64/site.c, and with asm/arm64/site.c both for arm64 and,
 * as its decoding is host-independent, for the x86_64 host (make fuzz).
 * The checker must refuse or accept without reading outside the bytes it
 * was given or anything ftbench did not map: under ASan the buffer is
 * exactly 64 bytes of heap, so any read past it is reported; without ASan
 * it ends a page followed by an inaccessible one, so a read past it
 * faults.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "asm/site.h"
#include "tests/fuzz/fuzz.h"
#include "variants/ftrace.h"

#define AREA 64
#define FUNC 32 /* 8- and 16-byte aligned in a 64-byte aligned buffer */

static struct ftrace_ops some_ops = { .name = "fuzz-ops" };

static uint64_t take(const uint8_t **d, size_t *n, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes && *n; i++, (*n)--)
		v |= (uint64_t) * (*d)++ << (8 * i);
	return v;
}

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif

#ifdef HAVE_ASAN
static uint8_t *area_get(void)
{
	return aligned_alloc(AREA, AREA);
}

static void area_put(uint8_t *buf)
{
	free(buf);
}
#else
/* The last 64 bytes of a page, between two inaccessible pages. */
static uint8_t *area_get(void)
{
	static uint8_t *area;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	uint8_t *p;

	if (area)
		return area;
	p = mmap(NULL, 3 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || mprotect(p + page, page, PROT_READ | PROT_WRITE))
		return NULL;
	area = p + 2 * page - AREA;
	return area;
}

static void area_put(uint8_t *buf)
{
	(void)buf;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = area_get();
	struct ftb_site s = { 0 };
	char err[FTB_ERRLEN];
	int layout, delta, ret;
	uint64_t targets;

	if (!buf)
		return 0;
	layout = (int)(take(&data, &size, 1) % (FTB_LAYOUT_NR + 1));
	/* add_site: an entry up to 16 bytes before f or 4 after it. */
	delta = (int)(take(&data, &size, 1) % 21) - 16;
	targets = take(&data, &size, 8);
	memset(buf, 0, AREA);
	memcpy(buf, data, size < AREA ? size : AREA);
	s.func = (uintptr_t)buf + FUNC;
	s.base = s.func + (uintptr_t)(intptr_t)delta;
	s.layout = (uint8_t)layout;
	ret = arch_site_describe(&s, err, sizeof(err));
	FUZZ_ASSERT(ret || (s.call >= s.func && s.call + 4 <= s.func + FUNC),
		    "call slot %#lx outside the function",
		    (unsigned long)s.call);
	if (!ret && size > AREA)
		memcpy(buf, data + AREA,
		       size - AREA < AREA ? size - AREA : AREA);
	if (!ret)
		for (int st = FTB_SITE_COMPILED; st <= FTB_SITE_VENEERED;
		     st++) {
			/* a target near the slot, or anywhere */
			uintptr_t t =
				targets & 1
					? s.call +
						  (uintptr_t)(int32_t)(targets >>
								       32)
					: (uintptr_t)(targets >> 1);
			const struct ftrace_ops *lit =
				targets & 2 ? &some_ops : NULL;

			arch_site_check(&s, (enum ftb_site_state)st, t, lit,
					err, sizeof(err));
		}
	area_put(buf);
	return 0;
}
