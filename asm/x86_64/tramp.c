// SPDX-License-Identifier: GPL-2.0
/*
 * Trampolines built at run time from the templates in caller.S, as
 * arch/x86/kernel/ftrace.c create_trampoline() builds per-ops trampolines:
 *
 *	+0        copy of ftrace_caller .. ftrace_caller_end, with
 *	          - the `movq function_trace_op(%rip), %rdx` displacement
 *	            re-pointed at the ops slot below
 *	          - `call ftrace_stub` at ftrace_call made `call <func>`
 *	+body     c3 cc            RET, INT3 (straight-line speculation stop)
 *	+align 8  ops pointer      what the callback receives as op
 *	+8        49 bb <imm64>    } only when func is beyond rel32 reach, called
 *	          41 ff e3         } by the slot: movabs $func, %r11; jmp *%r11
 *	          cc cc cc         } (a veneer, as arm64's ADRP/ADD/BR X16)
 *
 * The `direct` baseline's stub is built the same way from
 * ftrace_direct_tmpl, whose ops is a movabs immediate instead.
 */
#include <stdio.h>
#include <string.h>

#include "asm/site.h"
#include "asm/x86_64/insn.h"
#include "variants/execmem.h"
#include "variants/ftrace.h"

struct tmpl {
	const char *name;
	const char *start, *end, *op, *call;
	int op_imm64; /* 1: movabs $imm64, %rdx; 0: movq disp32(%rip), %rdx */
	int add_ret;  /* append RET + INT3 after the copied body */
};

struct layout {
	size_t body, ops, veneer, size;
};

/*
 * movabs $func, %r11; jmp *%r11, padded with INT3: a register-indirect jump
 * like arm64's BR X16 veneer, with no data load. %r11 is free at the call:
 * the callee may clobber it anyway.
 */
static const uint8_t movabs_r11[2] = { 0x49, 0xbb }; /* then imm64 */
static const uint8_t jmp_r11[3] = { 0x41, 0xff, 0xe3 };
#define VENEER_SIZE 16

static const uint8_t movq_rip_rdx[3] = { 0x48, 0x8b, 0x15 };
static const uint8_t movabs_rdx[2] = { 0x48, 0xba };

static struct layout plan(const struct tmpl *t)
{
	struct layout l;

	l.body = (size_t)(t->end - t->start);
	l.ops = (l.body + (t->add_ret ? 2 : 0) + 7) & ~(size_t)7;
	l.veneer = l.ops + 8;
	l.size = l.veneer + VENEER_SIZE;
	return l;
}

/*
 * Read-before-write on the template's ops load: a movabs, or the
 * RIP-relative load of function_trace_op.
 */
static int check_op_load(const struct tmpl *t, char *err, size_t errlen)
{
	const uint8_t *op = (const uint8_t *)t->op;
	uintptr_t next = (uintptr_t)op + 7;
	int32_t disp;

	if (t->op_imm64) {
		if (!memcmp(op, movabs_rdx, sizeof(movabs_rdx)))
			return 0;
	} else if (!memcmp(op, movq_rip_rdx, sizeof(movq_rip_rdx))) {
		memcpy(&disp, op + 3, sizeof(disp));
		if (next + (uintptr_t)(intptr_t)disp ==
		    (uintptr_t)&function_trace_op)
			return 0;
	}
	snprintf(err, errlen, "%s: unexpected ops load at %p", t->name,
		 (const void *)op);
	return -1;
}

/* And on its call slot: the list variant may have retargeted ftrace_call. */
static int check_template(const struct tmpl *t, char *err, size_t errlen)
{
	if (*(const uint8_t *)t->call != X86_OP_CALL) {
		snprintf(err, errlen, "%s: no CALL rel32 at %p", t->name,
			 (const void *)t->call);
		return -1;
	}
	return check_op_load(t, err, errlen);
}

static void embed_ops(uint8_t *p, const struct tmpl *t, const struct layout *l,
		      struct ftrace_ops *ops)
{
	size_t at = (size_t)(t->op - t->start);
	int32_t disp;

	if (t->op_imm64) {
		memcpy(p + at + 2, &ops, sizeof(uintptr_t));
		return;
	}
	memcpy(p + l->ops, &ops, sizeof(uintptr_t));
	/* The slot is in the same allocation: always within rel32. */
	disp = (int32_t)((intptr_t)l->ops - (intptr_t)(at + 7));
	memcpy(p + at + 3, &disp, sizeof(disp));
}

/* Out of rel32 reach: call a local veneer that jumps through %r11. */
static uintptr_t far_veneer(uint8_t *p, const struct layout *l, uintptr_t func)
{
	static int warned;
	uint8_t *v = p + l->veneer;

	memcpy(v, movabs_r11, sizeof(movabs_r11));
	memcpy(v + sizeof(movabs_r11), &func, sizeof(func));
	memcpy(v + sizeof(movabs_r11) + sizeof(func), jmp_r11, sizeof(jmp_r11));
	if (!warned++)
		fprintf(stderr,
			"ftbench: callback %#lx is beyond rel32 reach of the "
			"trampoline at %p: calling it indirectly through a "
			"veneer (reported once)\n",
			(unsigned long)func, (void *)p);
	return (uintptr_t)p + l->veneer;
}

static void *build(const struct tmpl *t, struct ftrace_ops *ops, uintptr_t func,
		   uintptr_t near, size_t *size, char *err, size_t errlen)
{
	struct layout l = plan(t);
	size_t call_at = (size_t)(t->call - t->start);
	uintptr_t target = func;
	uint8_t *p;

	if (check_template(t, err, errlen))
		return NULL;
	p = execmem_alloc(l.size, near, err, errlen);
	if (!p)
		return NULL;
	memset(p, X86_OP_INT3, l.size);
	memcpy(p, t->start, l.body);
	if (t->add_ret)
		p[l.body] = X86_OP_RET;
	embed_ops(p, t, &l, ops);
	if (!arch_in_reach((uintptr_t)p + call_at, func))
		target = far_veneer(p, &l, func);
	/* Fresh memory, not yet reachable from any site: a plain write. */
	if (x86_encode_call(p + call_at, (uintptr_t)p + call_at, target) ||
	    execmem_seal(p, l.size)) {
		snprintf(err, errlen, "%s: cannot finish the copy at %p",
			 t->name, (void *)p);
		execmem_free(p, l.size);
		return NULL;
	}
	*size = l.size;
	return p;
}

void *arch_tramp_create(struct ftrace_ops *ops, uintptr_t func, uintptr_t near,
			size_t *size, char *err, size_t errlen)
{
	static const struct tmpl t = {
		.name = "ftrace_caller",
		.start = ftrace_caller,
		.end = ftrace_caller_end,
		.op = ftrace_caller_op_ptr,
		.call = ftrace_call,
		.add_ret = 1,
	};

	return build(&t, ops, func, near, size, err, errlen);
}

void *arch_direct_create(struct ftrace_ops *ops, uintptr_t func, uintptr_t near,
			 size_t *size, char *err, size_t errlen)
{
	static const struct tmpl t = {
		.name = "ftrace_direct_tmpl",
		.start = ftrace_direct_tmpl,
		.end = ftrace_direct_tmpl_end,
		.op = ftrace_direct_tmpl_op,
		.call = ftrace_direct_tmpl_call,
		.op_imm64 = 1,
	};

	return build(&t, ops, func, near, size, err, errlen);
}

/* endbr64; ret: an indirect-call landing pad, then return. */
size_t arch_return_stub(uint8_t *buf, size_t len)
{
	static const uint8_t stub[] = { 0xf3, 0x0f, 0x1e, 0xfa, X86_OP_RET };

	if (len < sizeof(stub))
		return 0;
	memcpy(buf, stub, sizeof(stub));
	return sizeof(stub);
}
