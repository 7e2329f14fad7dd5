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
 * its LR with "bic x, lr, #7; ldr x, [x, #-16]" in both cases. (GCC's
 * table entry for =2 then points at f+4, after the BTI C.)
 *
 * VENEER (=5,3, the 2022 dynamic-trampoline RFC):
 *   B+0  NOP -> ADRP X16, tramp        \  written only while no thread can
 *   B+4  NOP -> ADD  X16, X16, :lo12:  |  be inside (the variant detours
 *   B+8  NOP -> BR   X16               /  the site and waits a grace period)
 *   f+0  NOP -> MOV X9, X30
 *   f+4  NOP <-> BL B+0 (tramp beyond BL reach) or BL target (in reach)
 * BR X16 may land on the trampoline's BTI C; x30 still points into f.
 *
 * Every write checks the instruction it replaces (the kernel's
 * ftrace_modify_code(validate=true)), is one aligned 32-bit store, and is
 * followed by cache maintenance to the point of unification. Only NOP, BL
 * and B are ever exchanged in a live call slot: the Arm ARM's list of
 * instructions that may be modified while another PE executes them.
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#include "asm/arm64/insn.h"
#include "asm/arm64/veneer.h"
#include "asm/site.h"
#include "variants/text.h"

static uint32_t read_insn(uintptr_t addr)
{
	return __atomic_load_n((const uint32_t *)addr, __ATOMIC_RELAXED);
}

/* The three words of a veneer (ADRP, ADD, BR X16) or of its NOP slot. */
static void read_veneer(uintptr_t addr, uint32_t v[3])
{
	for (int i = 0; i < 3; i++)
		v[i] = read_insn(addr + 4 * (uintptr_t)i);
}

static uint64_t read_literal(uintptr_t addr)
{
	return __atomic_load_n((const uint64_t *)addr, __ATOMIC_RELAXED);
}

/*
 * A CPU without BTI (v8.0-v8.4, e.g. a Raspberry Pi 4) runs BTI C as a NOP
 * and the kernel refuses PROT_BTI: the BTI flavours then measure the
 * landing pads unguarded (docs/variants.md).
 */
int arch_layout_prot(enum ftb_layout l)
{
	if (l != FTB_LAYOUT_PLAIN_BTI && l != FTB_LAYOUT_LITERAL_BTI)
		return 0;
	return getauxval(AT_HWCAP2) & A64_HWCAP2_BTI ? A64_PROT_BTI : 0;
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

static int refuse_pre(const struct ftb_site *s, long want, const char *flags,
		      char *err, size_t errlen)
{
	snprintf(err, errlen,
		 "patch area starts %ld bytes before the function, expected "
		 "%ld (%s)",
		 (long)s->func - (long)s->base, want, flags);
	return -1;
}

static int describe_literal(struct ftb_site *s, uintptr_t slots, char *err,
			    size_t errlen)
{
	if (s->func - s->base != 8)
		return refuse_pre(s, 8, "=4,2", err, errlen);
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

static int describe_veneer(struct ftb_site *s, uintptr_t slots, char *err,
			   size_t errlen)
{
	if (s->func - s->base != 12)
		return refuse_pre(s, 12, "=5,3", err, errlen);
	s->veneer = s->base;
	return expect_nops(s->base, s->func, err, errlen)
		       ?: expect_nops(slots, slots + 8, err, errlen);
}

int arch_site_describe(struct ftb_site *s, char *err, size_t errlen)
{
	int bti = read_insn(s->func) == A64_BTI_C;
	uintptr_t slots = s->func + (bti ? 4 : 0);

	s->call = slots + 4;
	s->literal = 0;
	s->veneer = 0;
	if ((s->layout == FTB_LAYOUT_PLAIN_BTI ||
	     s->layout == FTB_LAYOUT_LITERAL_BTI) &&
	    !bti) {
		snprintf(err, errlen,
			 "no BTI C at the entry (build with "
			 "-mbranch-protection=bti)");
		return -1;
	}
	switch (s->layout) {
	case FTB_LAYOUT_LITERAL:
	case FTB_LAYOUT_LITERAL_BTI:
		return describe_literal(s, slots, err, errlen);
	case FTB_LAYOUT_VENEER:
		return describe_veneer(s, slots, err, errlen);
	default:
		/* GCC's entry is after the BTI C, at the first slot. */
		if (s->base != slots)
			return refuse_pre(s, bti ? -4 : 0, "=2", err, errlen);
		return expect_nops(slots, slots + 8, err, errlen);
	}
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

static int check_literal(const struct ftb_site *s, const struct ftrace_ops *lit,
			 char *err, size_t errlen)
{
	uint64_t want = lit ? (uint64_t)(uintptr_t)lit : A64_NOP_NOP_LITERAL;
	uint64_t got = read_literal(s->literal);

	if (got == want)
		return 0;
	snprintf(err, errlen, "literal at %#lx holds %#llx, expected %#llx",
		 (unsigned long)s->literal, (unsigned long long)got,
		 (unsigned long long)want);
	return -1;
}

/*
 * VENEERED: the call slot is a BL to a veneer (the site's own when it has
 * one, else a module PLT) whose ADRP/ADD/BR X16 reaches target. Sets *call
 * to the BL expected. The BL's destination is read only when it is one of
 * those: a damaged slot may branch anywhere, and the checker must report
 * it, not fault on it (found by tests/fuzz/site_check.c).
 */
static int check_veneer(const struct ftb_site *s, uintptr_t target,
			uint32_t *call, char *err, size_t errlen)
{
	uint32_t slot = read_insn(s->call), v[3];
	uintptr_t at, dest;

	if (!a64_is_bl(slot)) {
		snprintf(err, errlen, "call slot %#lx is %08x, not a BL",
			 (unsigned long)s->call, slot);
		return -1;
	}
	at = a64_bl_target(s->call, slot);
	if (s->veneer && at != s->veneer) {
		snprintf(err, errlen,
			 "call slot branches to %#lx, not to its veneer %#lx",
			 (unsigned long)at, (unsigned long)s->veneer);
		return -1;
	}
	if (!s->veneer && !a64_plt_known(at)) {
		snprintf(err, errlen,
			 "call slot branches to %#lx, which is no module PLT",
			 (unsigned long)at);
		return -1;
	}
	read_veneer(at, v);
	if (a64_veneer_target(at, v, &dest) || dest != target) {
		snprintf(err, errlen,
			 "veneer at %#lx (%08x %08x %08x) does not branch to "
			 "%#lx",
			 (unsigned long)at, v[0], v[1], v[2],
			 (unsigned long)target);
		return -1;
	}
	*call = slot;
	return 0;
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
	if (state == FTB_SITE_VENEERED &&
	    check_veneer(s, target, &call, err, errlen))
		return -1;
	/* A veneer keeps its last target once written; compiled, it is NOPs. */
	if (s->veneer && state == FTB_SITE_COMPILED &&
	    expect_nops(s->veneer, s->veneer + 12, err, errlen))
		return -1;
	if (s->literal && check_literal(s, lit, err, errlen))
		return -1;
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
	static const uint32_t nops[3] = { A64_NOP, A64_NOP, A64_NOP };

	if (s->veneer && text_write(s->veneer, nops, sizeof(nops)))
		return -1;
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
 * Point the site's veneer at target. Three stores, not one: the caller
 * guarantees no thread is inside the veneer (its call slot has not
 * branched to it since a grace period). old is what it must branch to now,
 * 0 for the NOPs it was compiled with.
 */
int arch_site_set_veneer(const struct ftb_site *s, uintptr_t old,
			 uintptr_t target)
{
	uint32_t want[3] = { A64_NOP, A64_NOP, A64_NOP }, v[3];
	uintptr_t have = 0;

	read_veneer(s->veneer, v);
	if (old ? a64_veneer_target(s->veneer, v, &have) || have != old
		: memcmp(v, want, sizeof(v))) {
		ftb_set_error("veneer %#lx: found %08x %08x %08x, expected "
			      "a veneer to %#lx",
			      (unsigned long)s->veneer, v[0], v[1], v[2],
			      (unsigned long)old);
		return -1;
	}
	if (a64_veneer(s->veneer, target, want)) {
		ftb_set_error("veneer %#lx: %#lx is beyond ADRP reach",
			      (unsigned long)s->veneer, (unsigned long)target);
		return -1;
	}
	return text_write(s->veneer, want, sizeof(want));
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
