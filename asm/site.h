/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every ISA provides to the ftrace core and the variants: patch-site
 * geometry, instruction encoders, the patching primitives with the kernel's
 * read-before-write rule, and trampolines built at run time.
 *
 * Implemented per ISA under asm/<isa>/. Every function that changes code
 * checks first that the bytes it replaces are the ones expected and fails
 * with a message naming the site otherwise.
 */
#ifndef FTB_SITE_H
#define FTB_SITE_H

#include <stddef.h>
#include <stdint.h>

struct ftrace_ops;

/*
 * Corpus layouts. PLAIN is the site of the list walk and of per-ops
 * trampolines (arm64 -fpatchable-function-entry=2, x86 =5,0). LITERAL adds
 * the 8-byte ops literal before the function (arm64 CALL_OPS =4,2 with
 * 8-byte function alignment; ftbench's x86 analogue). The others are arm64
 * only (the `range` scenario): PLAIN_BTI and LITERAL_BTI are the same with
 * -mbranch-protection=bti (BTI C at the entry, the slots one instruction
 * down); VENEER is the 2022 RFC's =5,3, three NOPs before the function for
 * an ADRP/ADD/BR X16 veneer to a trampoline beyond BL reach. Each layout is
 * its own build of the corpus: see docs/corpus.md. A layout the ISA does not
 * build has no descriptor (ftb_corpus_desc() returns NULL).
 */
enum ftb_layout {
	FTB_LAYOUT_PLAIN,
	FTB_LAYOUT_LITERAL,
	FTB_LAYOUT_PLAIN_BTI,
	FTB_LAYOUT_LITERAL_BTI,
	FTB_LAYOUT_VENEER,
	FTB_LAYOUT_NR,
};

const char *ftb_layout_name(enum ftb_layout l);

/* One patch site, described from its __patchable_function_entries entry. */
struct ftb_site {
	uintptr_t base;	   /* first reserved byte (the table entry) */
	uintptr_t func;	   /* the function symbol */
	uintptr_t call;	   /* the call slot: ip as callbacks see it */
	uintptr_t literal; /* 8-byte aligned ops literal, 0 if none */
	uintptr_t veneer;  /* the pre-function veneer slots, 0 if none */
	uint32_t index;	   /* index of the function in the corpus */
	uint8_t layout;	   /* enum ftb_layout */
};

/* The states a site goes through (read back by the site-bytes tests). */
enum ftb_site_state {
	FTB_SITE_COMPILED,    /* as the compiler left it */
	FTB_SITE_INITIALISED, /* init done, call slot NOP */
	FTB_SITE_ENABLED,     /* call slot branches to target */
	FTB_SITE_VENEERED,    /* call slot branches to a veneer (the site's
				 own if it has one) that branches to target */
};

#define FTB_ERRLEN 256

/*
 * The message of the last failed patching call: the ISA layer sets it when
 * it refuses a write (variants/error.c), callers print it.
 */
void ftb_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *ftb_last_error(void);

/*
 * Geometry: fill call/literal from base and func and check the compiled
 * bytes and the alignment the layout needs. err names what is wrong.
 */
int arch_site_describe(struct ftb_site *s, char *err, size_t errlen);

/*
 * Compare the bytes at a site with those expected in a state; for ENABLED,
 * target is the branch destination. lit is what the literal must hold
 * (ignored without a literal; NULL and COMPILED mean "still NOPs").
 */
int arch_site_check(const struct ftb_site *s, enum ftb_site_state state,
		    uintptr_t target, const struct ftrace_ops *lit, char *err,
		    size_t errlen);

/* Patching. Each call validates the old bytes and returns -1 on mismatch. */
int arch_site_init(const struct ftb_site *s, const struct ftrace_ops *nop_ops);
/*
 * Back to the compiled bytes (call slot must be NOP): not a kernel step,
 * the harness's reset so several variants can share one corpus build in one
 * process.
 */
int arch_site_reset(const struct ftb_site *s);
int arch_site_make_call(const struct ftb_site *s, uintptr_t target);
int arch_site_make_nop(const struct ftb_site *s, uintptr_t old_target);
int arch_site_modify_call(const struct ftb_site *s, uintptr_t old_target,
			  uintptr_t new_target);
void arch_site_set_literal(const struct ftb_site *s,
			   const struct ftrace_ops *ops);

/*
 * Test hook for fault isolation: write an undefined instruction into the
 * call slot, so calling the function traps (SIGILL). Never used by a study
 * unless FTBENCH_TEST_CORRUPT names the variant (bench/runner.c).
 */
int arch_site_corrupt(const struct ftb_site *s);

/*
 * Write a function that returns at once (with the ISA's landing pad) into
 * buf; returns its size, 0 if len is too small. The `range` scenario copies
 * it beyond branch reach to stand for a callback in a far module.
 */
size_t arch_return_stub(uint8_t *buf, size_t len);

/* Whether a call slot at `from` reaches `to` with one direct branch. */
int arch_in_reach(uintptr_t from, uintptr_t to);

/*
 * Extra mprotect() bits for code of a layout: PROT_BTI for the arm64 BTI
 * layouts (their pages are guarded, as the kernel maps BTI text), else 0.
 */
int arch_layout_prot(enum ftb_layout l);

/* Make freshly written instructions visible to instruction fetch. */
void arch_sync_icache(uintptr_t start, size_t len);

/*
 * Trampolines. arch_tramp_create copies the ISA's trampoline template into
 * execmem near `near`, embeds ops, and makes its call slot a direct call to
 * func. arch_direct_create builds the minimal direct-call stub of the
 * `direct` baseline. Both return NULL with err set on failure and report the
 * size through *size.
 */
void *arch_tramp_create(struct ftrace_ops *ops, uintptr_t func, uintptr_t near,
			size_t *size, char *err, size_t errlen);
void *arch_direct_create(struct ftrace_ops *ops, uintptr_t func, uintptr_t near,
			 size_t *size, char *err, size_t errlen);

/* Shared callers, in asm/<isa>/. */
extern char ftrace_caller[];	     /* list walk (pre-CALL_OPS shape) */
extern char ftrace_call[];	     /* its patchable call slot */
extern char ftrace_callops_caller[]; /* CALL_OPS: loads the site literal */
void ftrace_stub(void);

/* Patch the shared caller's ftrace_call slot (list variant). */
int arch_update_ftrace_func(uintptr_t old_func, uintptr_t new_func);

/* Set by the harness when other threads may run patched code (x86 int3). */
extern int ftb_text_live;

#endif /* FTB_SITE_H */
