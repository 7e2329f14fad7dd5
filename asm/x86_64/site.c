// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64 patch sites (asm/site.h), after arch/x86/kernel/ftrace.c.
 *
 * plain   (-fpatchable-function-entry=5,0): the kernel's fentry slot.
 *	func+0:    [f3 0f 1e fa]     endbr64, -fcf-protection only
 *	func+0/4:  90 90 90 90 90    compiled
 *	           0f 1f 44 00 00    initialised / disabled (NOP5)
 *	           e8 <rel32>        enabled: CALL caller or trampoline
 *
 * literal (-fpatchable-function-entry=21,16 -falign-functions=16):
 * ftbench's CALL_OPS analogue, drawn in caller.S above
 * ftrace_callops_caller: 8 pad bytes, the 8-byte literal at func-8, then
 * the same call slot as plain.
 *
 * Every change reads the old bytes first and refuses, naming the site,
 * when they are not the ones expected.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "asm/site.h"
#include "asm/x86_64/insn.h"
#include "variants/ftrace.h"
#include "variants/text.h"

_Static_assert(offsetof(struct ftrace_ops, func) == 0,
	       "caller.S calls op->func at offset 0");
_Static_assert(offsetof(struct ftrace_regs, ip) == FREGS_RIP &&
		       offsetof(struct ftrace_regs, sp) == FREGS_RSP &&
		       offsetof(struct ftrace_regs, bp) == FREGS_RBP &&
		       offsetof(struct ftrace_regs, di) == FREGS_RDI &&
		       sizeof(struct ftrace_regs) == FREGS_SIZE,
	       "caller.S FREGS_* offsets match struct ftrace_regs");

#define LITERAL_PAD 8 /* NOPs before the literal, never written */

/* The corpus's name for the site's function, for error messages. */
static void site_name(const struct ftb_site *s, char *buf, size_t len)
{
	snprintf(buf, len, "ftb_%s_f%u (call slot %#lx)",
		 ftb_layout_name((enum ftb_layout)s->layout), s->index,
		 (unsigned long)s->call);
}

/*
 * The caller section holds ftrace_call, patched at run time: make it a
 * text region before main(), so every text window covers it.
 */
extern char __start_ftb_callers[], __stop_ftb_callers[];

__attribute__((constructor)) static void register_callers(void)
{
	if (text_region_add((uintptr_t)__start_ftb_callers,
			    (uintptr_t)__stop_ftb_callers))
		fprintf(stderr, "ftbench: cannot register ftb_callers text\n");
}

/* The call slot follows endbr64 when the compiler emitted one. */
static uintptr_t call_slot_of(uintptr_t func)
{
	return func +
	       (x86_is_endbr64((const void *)func) ? X86_ENDBR64_SIZE : 0);
}

/* The compiler's table entry must be where the layout puts the area. */
static int check_base(const struct ftb_site *s, uintptr_t want, char *err,
		      size_t errlen)
{
	if (s->base == want)
		return 0;
	snprintf(err, errlen,
		 "patch area at %#lx, expected %#lx (function at %#lx%s)",
		 (unsigned long)s->base, (unsigned long)want,
		 (unsigned long)s->func,
		 s->call != s->func ? ", after endbr64" : "");
	return -1;
}

/* As compiled: five 1-byte NOPs (arch_site_reset restores them). */
static int check_slot_compiled(const struct ftb_site *s, char *err,
			       size_t errlen)
{
	char hex[32];

	if (x86_is_nop1s((const void *)s->call, X86_PATCH_SIZE))
		return 0;
	x86_hex(hex, sizeof(hex), (const void *)s->call, X86_PATCH_SIZE);
	snprintf(err, errlen,
		 "call slot at %#lx holds [%s], expected five 1-byte NOPs",
		 (unsigned long)s->call, hex);
	return -1;
}

static int describe_literal(struct ftb_site *s, char *err, size_t errlen)
{
	if (s->func % FTB_LITERAL_ALIGN) {
		snprintf(err, errlen,
			 "function at %#lx is not %d-byte aligned "
			 "(-falign-functions=16 lost: -Os or a cold section?)",
			 (unsigned long)s->func, FTB_LITERAL_ALIGN);
		return -1;
	}
	s->call = call_slot_of(s->func);
	if (check_base(s, s->func - LITERAL_PAD - FTB_LITERAL_OFFSET, err,
		       errlen))
		return -1;
	s->literal = s->func - FTB_LITERAL_OFFSET;
	if (!x86_is_nop1s((const void *)s->base, LITERAL_PAD)) {
		snprintf(err, errlen, "padding at %#lx is not 8 NOPs",
			 (unsigned long)s->base);
		return -1;
	}
	if (!x86_is_nop1s((const void *)s->literal, 8)) {
		snprintf(err, errlen, "literal at %#lx is not 8 NOPs",
			 (unsigned long)s->literal);
		return -1;
	}
	return 0;
}

int arch_site_describe(struct ftb_site *s, char *err, size_t errlen)
{
	s->literal = 0;
	switch (s->layout) {
	case FTB_LAYOUT_PLAIN:
		s->call = call_slot_of(s->func);
		if (check_base(s, s->call, err, errlen))
			return -1;
		break;
	case FTB_LAYOUT_LITERAL:
		if (describe_literal(s, err, errlen))
			return -1;
		break;
	default:
		snprintf(err, errlen, "unknown layout %u", s->layout);
		return -1;
	}
	return check_slot_compiled(s, err, errlen);
}

/* The five bytes the call slot holds in a state. */
static int expected_slot(const struct ftb_site *s, enum ftb_site_state state,
			 uintptr_t target, uint8_t out[X86_PATCH_SIZE])
{
	switch (state) {
	case FTB_SITE_COMPILED:
		memset(out, X86_OP_NOP1, X86_PATCH_SIZE);
		return 0;
	case FTB_SITE_INITIALISED:
		x86_encode_nop5(out);
		return 0;
	case FTB_SITE_ENABLED:
		return x86_encode_call(out, s->call, target);
	case FTB_SITE_VENEERED: /* rel32 reaches +-2 GiB: no veneers here */
		return -1;
	}
	return -1;
}

static int check_literal(const struct ftb_site *s, enum ftb_site_state state,
			 const struct ftrace_ops *lit, char *err, size_t errlen)
{
	uint64_t have =
		__atomic_load_n((const uint64_t *)s->literal, __ATOMIC_ACQUIRE);
	char name[96];

	if (state == FTB_SITE_COMPILED || !lit) {
		if (x86_is_nop1s((const void *)s->literal, 8))
			return 0;
	} else if (have == (uint64_t)(uintptr_t)lit) {
		return 0;
	}
	site_name(s, name, sizeof(name));
	snprintf(err, errlen, "%s: literal holds %#llx, expected %s", name,
		 (unsigned long long)have,
		 lit && state != FTB_SITE_COMPILED ? lit->name : "8 NOPs");
	return -1;
}

int arch_site_check(const struct ftb_site *s, enum ftb_site_state state,
		    uintptr_t target, const struct ftrace_ops *lit, char *err,
		    size_t errlen)
{
	uint8_t want[X86_PATCH_SIZE];
	char name[96], w[32], h[32];

	site_name(s, name, sizeof(name));
	if (expected_slot(s, state, target, want)) {
		snprintf(err, errlen, "%s: target %#lx beyond rel32 reach",
			 name, (unsigned long)target);
		return -1;
	}
	if (s->call != s->func && !x86_is_endbr64((const void *)s->func)) {
		snprintf(err, errlen, "%s: endbr64 overwritten", name);
		return -1;
	}
	if (memcmp((const void *)s->call, want, X86_PATCH_SIZE) != 0) {
		x86_hex(w, sizeof(w), want, X86_PATCH_SIZE);
		x86_hex(h, sizeof(h), (const void *)s->call, X86_PATCH_SIZE);
		snprintf(err, errlen, "%s: holds [%s], expected [%s]", name, h,
			 w);
		return -1;
	}
	return s->literal ? check_literal(s, state, lit, err, errlen) : 0;
}

/* Refuse rewriting a slot byte-wise while other threads may run it. */
static int refuse_live(const char *name, const char *what)
{
	if (!__atomic_load_n(&ftb_text_live, __ATOMIC_ACQUIRE))
		return 0;
	ftb_set_error("%s: %s rewrites the call slot in pieces, which is "
		      "unsafe while other threads run the corpus",
		      name, what);
	return -1;
}

/* Read-before-write for the single-threaded rewrites of init and reset. */
static int expect_slot(const struct ftb_site *s, const char *name,
		       const uint8_t *want, const char *what)
{
	char h[32], w[32];

	if (!memcmp((const void *)s->call, want, X86_PATCH_SIZE))
		return 0;
	x86_hex(h, sizeof(h), (const void *)s->call, X86_PATCH_SIZE);
	x86_hex(w, sizeof(w), want, X86_PATCH_SIZE);
	ftb_set_error("%s: %s expects [%s], found [%s]", name, what, w, h);
	return -1;
}

static const uint8_t nop1s[X86_PATCH_SIZE] = { 0x90, 0x90, 0x90, 0x90, 0x90 };

/*
 * Init: the compiler's five 1-byte NOPs become one 5-byte NOP, so the call
 * slot is one instruction (a thread stopped between two of the 1-byte NOPs
 * would resume in the middle of a later CALL). Only while no other thread
 * runs the corpus, as the kernel converts its sites before any runs them.
 * The literal gets the nop ops first, as arm64 does.
 */
int arch_site_init(const struct ftb_site *s, const struct ftrace_ops *nop_ops)
{
	char name[96];

	site_name(s, name, sizeof(name));
	if (refuse_live(name, "init") || expect_slot(s, name, nop1s, "init"))
		return -1;
	if (s->literal) {
		if (!x86_is_nop1s((const void *)s->literal, 8)) {
			ftb_set_error("%s: literal at %#lx is not as compiled",
				      name, (unsigned long)s->literal);
			return -1;
		}
		if (x86_poke_u64(s->literal, (uintptr_t)nop_ops))
			return -1;
	}
	return x86_text_copy(s->call, x86_nop5, X86_PATCH_SIZE);
}

/* Back to the compiled bytes (ftbench's reset between variants). */
int arch_site_reset(const struct ftb_site *s)
{
	char name[96];

	site_name(s, name, sizeof(name));
	if (refuse_live(name, "reset") ||
	    expect_slot(s, name, x86_nop5, "reset"))
		return -1;
	if (s->literal && x86_poke_u64(s->literal, 0x9090909090909090ull))
		return -1;
	return x86_text_copy(s->call, nop1s, X86_PATCH_SIZE);
}

static int encode_call_at(const struct ftb_site *s, uintptr_t target,
			  uint8_t out[X86_PATCH_SIZE])
{
	if (!x86_encode_call(out, s->call, target))
		return 0;
	ftb_set_error("CALL target %#lx beyond rel32 reach",
		      (unsigned long)target);
	return -1;
}

/*
 * The failure of a patch to site s, with the site's name put in front of
 * the error. Named only when a patch fails: formatting the name on every
 * write was most of an x86 site's patching cost.
 */
static int site_failed(const struct ftb_site *s)
{
	char name[96], why[FTB_ERRLEN];

	site_name(s, name, sizeof(name));
	snprintf(why, sizeof(why), "%s", ftb_last_error());
	ftb_set_error("%s: %s", name, why);
	return -1;
}

int arch_site_make_call(const struct ftb_site *s, uintptr_t target)
{
	uint8_t old[X86_PATCH_SIZE], new[X86_PATCH_SIZE];

	x86_encode_nop5(old);
	if (encode_call_at(s, target, new) ||
	    x86_poke5(s->call, old, new, "make call"))
		return site_failed(s);
	return 0;
}

int arch_site_make_nop(const struct ftb_site *s, uintptr_t old_target)
{
	uint8_t old[X86_PATCH_SIZE], new[X86_PATCH_SIZE];

	x86_encode_nop5(new);
	if (encode_call_at(s, old_target, old) ||
	    x86_poke5(s->call, old, new, "make nop"))
		return site_failed(s);
	return 0;
}

int arch_site_modify_call(const struct ftb_site *s, uintptr_t old_target,
			  uintptr_t new_target)
{
	uint8_t old[X86_PATCH_SIZE], new[X86_PATCH_SIZE];

	if (encode_call_at(s, old_target, old) ||
	    encode_call_at(s, new_target, new) ||
	    x86_poke5(s->call, old, new, "modify call"))
		return site_failed(s);
	return 0;
}

void arch_site_set_literal(const struct ftb_site *s,
			   const struct ftrace_ops *ops)
{
	char name[96];

	if (s->literal) {
		x86_poke_u64(s->literal, (uintptr_t)ops);
		return;
	}
	site_name(s, name, sizeof(name));
	ftb_set_error("%s: no literal in the %s layout", name,
		      ftb_layout_name(FTB_LAYOUT_PLAIN));
}

/* Test hook (asm/site.h): UD2 in the call slot, so a call raises SIGILL. */
int arch_site_corrupt(const struct ftb_site *s)
{
	static const uint8_t ud2[2] = { 0x0f, 0x0b };

	return x86_text_copy(s->call, ud2, sizeof(ud2));
}

/* x86 has no guarded-page protection bit (IBT needs no mprotect flag). */
int arch_layout_prot(enum ftb_layout l)
{
	(void)l;
	return 0;
}

int arch_in_reach(uintptr_t from, uintptr_t to)
{
	int32_t rel;

	return !x86_rel32(from, X86_PATCH_SIZE, to, &rel);
}

/*
 * x86 keeps instruction fetch coherent with stores (self-modifying code is
 * detected in hardware): nothing to do for code no other thread runs. Code
 * other threads may run is changed only by the int3 protocol, which
 * serialises their cores itself (text_poke.c).
 */
void arch_sync_icache(uintptr_t start, size_t len)
{
	(void)start, (void)len;
	__asm__ volatile("" ::: "memory");
}

int arch_update_ftrace_func(uintptr_t old_func, uintptr_t new_func)
{
	uint8_t old[X86_PATCH_SIZE], new[X86_PATCH_SIZE];
	uintptr_t ip = (uintptr_t)ftrace_call;

	if (x86_encode_call(old, ip, old_func) ||
	    x86_encode_call(new, ip, new_func)) {
		ftb_set_error("ftrace_call: %#lx or %#lx beyond rel32 reach",
			      (unsigned long)old_func, (unsigned long)new_func);
		return -1;
	}
	return x86_poke5(ip, old, new, "ftrace_caller's ftrace_call");
}
