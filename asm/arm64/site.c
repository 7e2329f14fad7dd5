// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 patch sites (after arch/arm64/kernel/ftrace.c).
 *
 * PLAIN (-fpatchable-function-entry=2):          LITERAL (=4,2, 8-aligned):
 *                                                 B+0  NOP  \ 64-bit ops literal
 *                                                 B+4  NOP  /
 *   f+0  NOP -> MOV X9, X30  (once, at init)      f+0  NOP -> MOV X9, X30
 *   f+4  NOP <-> BL target   (the call slot)      f+4  NOP <-> BL ftrace_callops_caller
 *
 * With BTI the compiler puts BTI C at f+0 and the two slots move down by
 * one instruction; the literal stays at f-8, which the caller finds from
 * its LR with "bic x, lr, #7; ldr x, [x, #-16]" in both cases.
 *
 * Every write checks the instruction it replaces (the kernel's
 * ftrace_modify_code(validate=true)), is one aligned 32-bit store, and is
 * followed by cache maintenance to the point of unification. Only NOP, BL
 * and B are ever exchanged in a live call slot: the Arm ARM's list of
 * instructions that may be modified while another PE executes them.
 */
#include <stdio.h>
#include <string.h>

#include "asm/arm64/insn.h"
#include "asm/site.h"
#include "variants/text.h"

static uint32_t read_insn(uintptr_t addr)
{
	return __atomic_load_n((const uint32_t *)addr, __ATOMIC_RELAXED);
}

static uint64_t read_literal(uintptr_t addr)
{
	return __atomic_load_n((const uint64_t *)addr, __ATOMIC_RELAXED);
}

int arch_in_reach(uintptr_t from, uintptr_t to)
{
	uint32_t insn;

	return !a64_bl(from, to & ~(uintptr_t)3, &insn);
}

void arch_sync_icache(uintptr_t start, size_t len)
{
	__builtin___clear_cache((char *)start, (char *)(start + len));
}

static int expect_nops(uintptr_t from, uintptr_t to, char *err, size_t errlen)
{
	for (uintptr_t a = from; a < to; a += 4) {
		uint32_t insn = read_insn(a);

		if (insn != A64_NOP) {
			snprintf(
				err, errlen,
				"unexpected instruction %08x at %#lx (expected "
				"NOP %08x)",
				insn, (unsigned long)a, A64_NOP);
			return -1;
		}
	}
	return 0;
}

int arch_site_describe(struct ftb_site *s, char *err, size_t errlen)
{
	uintptr_t pre = s->func - s->base;
	uintptr_t slots = s->func;

	if (read_insn(s->func) == A64_BTI_C)
		slots += 4;
	s->call = slots + 4;
	s->literal = 0;
	if (s->layout == FTB_LAYOUT_LITERAL) {
		if (pre != 8) {
			snprintf(err, errlen,
				 "patch area starts %lu bytes before the "
				 "function, expected 8 (=4,2)",
				 (unsigned long)pre);
			return -1;
		}
		if (s->base & 7) {
			snprintf(err, errlen,
				 "ops literal at %#lx is not 8-byte aligned "
				 "(build with -falign-functions=8)",
				 (unsigned long)s->base);
			return -1;
		}
		s->literal = s->base;
		return expect_nops(s->base, s->func, err, errlen)
			       ?: expect_nops(slots, slots + 8, err, errlen);
	}
	if (pre != 0) {
		snprintf(err, errlen,
			 "patch area starts %lu bytes before the function, "
			 "expected 0 (=2)",
			 (unsigned long)pre);
		return -1;
	}
	return expect_nops(slots, slots + 8, err, errlen);
}

static int check_word(uintptr_t addr, uint32_t want, const char *what,
		      char *err, size_t errlen)
{
	uint32_t got = read_insn(addr);

	if (got == want)
		return 0;
	snprintf(err, errlen, "%s at %#lx is %08x, expected %08x", what,
		 (unsigned long)addr, got, want);
	return -1;
}

int arch_site_check(const struct ftb_site *s, enum ftb_site_state state,
		    uintptr_t target, const struct ftrace_ops *lit, char *err,
		    size_t errlen)
{
	uint32_t mov = state == FTB_SITE_COMPILED ? A64_NOP : A64_MOV_X9_X30;
	uint32_t call = A64_NOP;

	if (state == FTB_SITE_ENABLED && a64_bl(s->call, target, &call)) {
		snprintf(err, errlen, "target %#lx out of BL range",
			 (unsigned long)target);
		return -1;
	}
	if (s->literal) {
		uint64_t want =
			lit ? (uint64_t)(uintptr_t)lit : A64_NOP_NOP_LITERAL;
		uint64_t got = read_literal(s->literal);

		if (got != want) {
			snprintf(err, errlen,
				 "literal at %#lx holds %#llx, expected %#llx",
				 (unsigned long)s->literal,
				 (unsigned long long)got,
				 (unsigned long long)want);
			return -1;
		}
	}
	return check_word(s->call - 4, mov, "MOV slot", err, errlen)
		       ?: check_word(s->call, call, "call slot", err, errlen);
}

/* Replace the word at addr, but only if it is the one expected. */
static int patch_insn(uintptr_t addr, uint32_t old, uint32_t new)
{
	uint32_t cur = read_insn(addr);

	if (cur != old) {
		ftb_set_error("site %#lx: found %08x, expected %08x",
			      (unsigned long)addr, cur, old);
		return -1;
	}
	return text_write32(addr, new);
}

int arch_site_init(const struct ftb_site *s, const struct ftrace_ops *nop_ops)
{
	if (s->literal) {
		if (read_literal(s->literal) != A64_NOP_NOP_LITERAL) {
			ftb_set_error("literal %#lx: not as compiled",
				      (unsigned long)s->literal);
			return -1;
		}
		arch_site_set_literal(s, nop_ops);
	}
	return patch_insn(s->call - 4, A64_NOP, A64_MOV_X9_X30);
}

int arch_site_reset(const struct ftb_site *s)
{
	if (s->literal) {
		uint64_t nops = A64_NOP_NOP_LITERAL;

		__atomic_store_n((uint64_t *)s->literal, nops,
				 __ATOMIC_RELEASE);
	}
	return patch_insn(s->call - 4, A64_MOV_X9_X30, A64_NOP);
}

static int encode_bl(const struct ftb_site *s, uintptr_t target, uint32_t *insn)
{
	if (a64_bl(s->call, target, insn)) {
		ftb_set_error("site %#lx: %#lx is out of BL range",
			      (unsigned long)s->call, (unsigned long)target);
		return -1;
	}
	return 0;
}

int arch_site_make_call(const struct ftb_site *s, uintptr_t target)
{
	uint32_t bl;

	return encode_bl(s, target, &bl) ?: patch_insn(s->call, A64_NOP, bl);
}

int arch_site_make_nop(const struct ftb_site *s, uintptr_t old_target)
{
	uint32_t bl;

	return encode_bl(s, old_target, &bl)
		       ?: patch_insn(s->call, bl, A64_NOP);
}

int arch_site_modify_call(const struct ftb_site *s, uintptr_t old_target,
			  uintptr_t new_target)
{
	uint32_t old, new;

	return encode_bl(s, old_target, &old) ?:
		       encode_bl(s, new_target, &new) ?:
		       patch_insn(s->call, old, new);
}

/*
 * One single-copy-atomic 64-bit store: a CPU in ftrace_callops_caller loads
 * the old or the new ops, never a mix. Release orders it after the ops'
 * own initialisation.
 */
void arch_site_set_literal(const struct ftb_site *s,
			   const struct ftrace_ops *ops)
{
	__atomic_store_n((uint64_t *)s->literal, (uint64_t)(uintptr_t)ops,
			 __ATOMIC_RELEASE);
}

/* BTI C; RET: a landing pad for BLR/BR X16, then return. */
size_t arch_return_stub(uint8_t *buf, size_t len)
{
	static const uint32_t stub[2] = { A64_BTI_C, A64_RET };

	if (len < sizeof(stub))
		return 0;
	memcpy(buf, stub, sizeof(stub));
	return sizeof(stub);
}

/* UDF #0: permanently undefined, raises SIGILL. */
int arch_site_corrupt(const struct ftb_site *s)
{
	return text_write32(s->call, 0x00000000u);
}

int arch_update_ftrace_func(uintptr_t old_func, uintptr_t new_func)
{
	uintptr_t slot = (uintptr_t)ftrace_call;
	uint32_t old, new;

	if (a64_bl(slot, old_func, &old) || a64_bl(slot, new_func, &new)) {
		ftb_set_error("ftrace_call: %#lx out of BL range",
			      (unsigned long)new_func);
		return -1;
	}
	return patch_insn(slot, old, new);
}
