// SPDX-License-Identifier: GPL-2.0
/*
 * Trampolines built at run time from the templates in entry.S: copy the
 * template, store the ops in its literal, and make its call slot a direct
 * BL to the callback (through the template's veneer when out of reach).
 */
#include <stdio.h>
#include <string.h>

#include "asm/arm64/asm-offsets.h"
#include "asm/arm64/insn.h"
#include "asm/site.h"
#include "variants/execmem.h"
#include "variants/ftrace.h"

/* The offsets entry.S uses, against the structures C fills. */
_Static_assert(offsetof(struct ftrace_ops, direct_call) ==
		       FTRACE_OPS_DIRECT_CALL,
	       "FTRACE_OPS_DIRECT_CALL");
_Static_assert(offsetof(struct ftrace_regs, direct_tramp) == FREGS_DIRECT_TRAMP,
	       "FREGS_DIRECT_TRAMP");
_Static_assert(offsetof(struct ftrace_regs, fp) == FREGS_FP, "FREGS_FP");
_Static_assert(offsetof(struct ftrace_regs, pc) == FREGS_PC, "FREGS_PC");
_Static_assert(sizeof(struct ftrace_regs) == FREGS_SIZE, "FREGS_SIZE");

extern char ftrace_tramp_template[], ftrace_tramp_call[], ftrace_tramp_op[];
extern char ftrace_tramp_veneer[], ftrace_tramp_template_end[];
extern char ftrace_direct_template[], ftrace_direct_call[], ftrace_direct_op[];
extern char ftrace_direct_veneer[], ftrace_direct_template_end[];

struct tramp_template {
	const char *start, *end, *call, *op, *veneer;
};

static const struct tramp_template tramp_tmpl = {
	ftrace_tramp_template, ftrace_tramp_template_end, ftrace_tramp_call,
	ftrace_tramp_op,       ftrace_tramp_veneer,
};

static const struct tramp_template direct_tmpl = {
	ftrace_direct_template, ftrace_direct_template_end, ftrace_direct_call,
	ftrace_direct_op,	ftrace_direct_veneer,
};

/* Aim the copy's call slot at func, directly or through its veneer. */
static int link_call(char *p, const struct tramp_template *t, uintptr_t func,
		     char *err, size_t errlen)
{
	uintptr_t call = (uintptr_t)p + (uintptr_t)(t->call - t->start);
	uintptr_t veneer = (uintptr_t)p + (uintptr_t)(t->veneer - t->start);
	uint32_t bl, v[3];

	if (!a64_bl(call, func, &bl)) {
		memcpy((void *)call, &bl, 4);
		return 0;
	}
	if (a64_veneer(veneer, func, v) || a64_bl(call, veneer, &bl)) {
		snprintf(err, errlen, "callback %#lx unreachable from %#lx",
			 (unsigned long)func, (unsigned long)call);
		return -1;
	}
	memcpy((void *)veneer, v, sizeof(v));
	memcpy((void *)call, &bl, 4);
	return 0;
}

static void *instantiate(const struct tramp_template *t, struct ftrace_ops *ops,
			 uintptr_t func, uintptr_t near, size_t *size,
			 char *err, size_t errlen)
{
	size_t len = (size_t)(t->end - t->start);
	uint64_t op = (uint64_t)(uintptr_t)ops;
	char *p = execmem_alloc(len, near, err, errlen);

	if (!p)
		return NULL;
	memcpy(p, t->start, len);
	memcpy(p + (t->op - t->start), &op, sizeof(op));
	if (link_call(p, t, func, err, errlen) || execmem_seal(p, len)) {
		execmem_free(p, len);
		return NULL;
	}
	*size = len;
	return p;
}

void *arch_tramp_create(struct ftrace_ops *ops, uintptr_t func, uintptr_t near,
			size_t *size, char *err, size_t errlen)
{
	return instantiate(&tramp_tmpl, ops, func, near, size, err, errlen);
}

void *arch_direct_create(struct ftrace_ops *ops, uintptr_t func, uintptr_t near,
			 size_t *size, char *err, size_t errlen)
{
	return instantiate(&direct_tmpl, ops, func, near, size, err, errlen);
}
