// SPDX-License-Identifier: GPL-2.0
/*
 * Far code for the `range` flavours (veneer.h): the module PLT a corpus
 * beyond reach of the CALL_OPS caller branches through, and the far copy of
 * that caller. Both are written once while writable, then sealed.
 */
#include <stdio.h>
#include <string.h>

#include "asm/arm64/insn.h"
#include "asm/arm64/veneer.h"
#include "variants/execmem.h"

extern char ftrace_callops_caller_end[];

/*
 * The module PLTs made and not yet destroyed: the only veneers a site
 * without one of its own may branch to, so the only ones the site checker
 * reads (arch_site_check follows a BL only into memory ftbench made).
 */
#define PLT_MAX 8
static uintptr_t plts[PLT_MAX];
static int nr_plts;

int a64_plt_known(uintptr_t at)
{
	for (int i = 0; i < nr_plts; i++)
		if (plts[i] == at)
			return 1;
	return 0;
}

void a64_plt_destroy(void *p, size_t size)
{
	for (int i = 0; i < nr_plts; i++)
		if (plts[i] == (uintptr_t)p)
			plts[i] = plts[--nr_plts];
	execmem_free(p, size);
}

void *a64_plt_create(uintptr_t dest, uintptr_t near, size_t *size, char *err,
		     size_t errlen)
{
	uint32_t v[3];
	char *p;

	if (nr_plts == PLT_MAX) {
		snprintf(err, errlen, "more than %d module PLTs", PLT_MAX);
		return NULL;
	}
	p = execmem_alloc(sizeof(v), near, err, errlen);
	if (!p)
		return NULL;
	if (a64_veneer((uintptr_t)p, dest, v)) {
		snprintf(err, errlen, "PLT at %p: %#lx is beyond ADRP reach",
			 (void *)p, (unsigned long)dest);
		execmem_free(p, sizeof(v));
		return NULL;
	}
	memcpy(p, v, sizeof(v));
	if (execmem_seal(p, sizeof(v))) {
		snprintf(err, errlen, "PLT at %p: cannot seal", (void *)p);
		execmem_free(p, sizeof(v));
		return NULL;
	}
	*size = sizeof(v);
	plts[nr_plts++] = (uintptr_t)p;
	return p;
}

void *a64_callops_caller_far(uintptr_t min_distance, size_t *size, char *err,
			     size_t errlen)
{
	size_t len =
		(size_t)(ftrace_callops_caller_end - ftrace_callops_caller);
	char *p = execmem_alloc_far(len, min_distance, err, errlen);

	if (!p)
		return NULL;
	memcpy(p, ftrace_callops_caller, len);
	if (execmem_seal(p, len)) {
		snprintf(err, errlen, "caller copy at %p: cannot seal",
			 (void *)p);
		execmem_free(p, len);
		return NULL;
	}
	*size = len;
	return p;
}
