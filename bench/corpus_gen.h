/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Included by the generated corpus sources (bench/corpusgen.c). The build
 * defines FTB_LAYOUT (plain, literal, ...) so that one set of sources yields
 * one corpus per layout, each in its own section ftb_text_<layout> with its
 * own symbols ftb_<layout>_f<i>.
 *
 * noipa keeps every function a real, separately called function: no
 * inlining, cloning or interprocedural register allocation, since a traced
 * callee runs a tracer that clobbers every caller-saved register.
 */
#ifndef FTB_CORPUS_GEN_H
#define FTB_CORPUS_GEN_H

#include "bench/corpus.h"

#define FTB_STR2(x) #x
#define FTB_STR(x) FTB_STR2(x)
#define FTB_NAME2(l, i) ftb_##l##_f##i
#define FTB_NAME(l, i) FTB_NAME2(l, i)
#define FTB_TNAME2(l) ftb_##l##_table
#define FTB_TNAME(l) FTB_TNAME2(l)
#define FTB_DNAME2(l) ftb_corpus_##l
#define FTB_DNAME(l) FTB_DNAME2(l)
#define FTB_SNAME2(p, l) p##ftb_text_##l
#define FTB_SNAME(p, l) FTB_SNAME2(p, l)

#ifdef FTB_LAYOUT
#define FTB_FN(i) FTB_NAME(FTB_LAYOUT, i)
#define FTB_TABLE FTB_TNAME(FTB_LAYOUT)
#define FTB_DECL(i) unsigned long FTB_FN(i)(unsigned long x, unsigned long d)
#define FTB_DEF(i)                                                       \
	__attribute__((                                                  \
		noipa, used,                                             \
		section("ftb_text_" FTB_STR(FTB_LAYOUT)))) unsigned long \
	FTB_FN(i)(unsigned long x, unsigned long d)
/*
 * A body template (bench/corpusgen/csource.c): compiled once per layout
 * with -S, stamped into many functions by corpusgen (stamp.c). Its callee
 * is a placeholder the stamper renames.
 */
#define FTB_TPL_CALLEE_DECL \
	unsigned long ftb_tpl_callee(unsigned long x, unsigned long d)
#define FTB_TPL_DEF(t)                                                   \
	__attribute__((                                                  \
		noipa, used,                                             \
		section("ftb_text_" FTB_STR(FTB_LAYOUT)))) unsigned long \
		ftb_tpl_t##t(unsigned long x, unsigned long d)
/*
 * The ftrace-ops sample's functions of this layout (bench/tracees.c):
 * ftb_<layout>_tracee_relevant and _irrelevant, with the layout's patch
 * site, and the loop, without one.
 */
#define FTB_TRACEE_FN(n) FTB_NAME3(FTB_LAYOUT, n)
#define FTB_NAME3(l, n) FTB_NAME4(l, n)
#define FTB_NAME4(l, n) ftb_##l##_##n
#define FTB_TRACEE_DEF(n)                                              \
	__attribute__((noipa, used,                                    \
		       section("ftb_text_" FTB_STR(FTB_LAYOUT)))) void \
	FTB_TRACEE_FN(n)(void)
#define FTB_TRACEE_CB_DEF(n)                                           \
	__attribute__((noipa, used,                                    \
		       section("ftb_text_" FTB_STR(FTB_LAYOUT)))) void \
	FTB_TRACEE_FN(n)(unsigned long ip, unsigned long parent_ip,    \
			 struct ftrace_ops *op, struct ftrace_regs *fregs)
#define FTB_TRACEE_LOOP_DEF(arg)                                    \
	__attribute__((noipa, patchable_function_entry(0, 0))) void \
	FTB_TRACEE_FN(tracee_loop)(arg)
#define FTB_TRACEES_DESC                                    \
	const struct ftb_tracees FTB_TRACEE_FN(tracees) = { \
		{ FTB_TRACEE_FN(tracee_relevant),           \
		  FTB_TRACEE_FN(tracee_irrelevant) },       \
		FTB_TRACEE_FN(ops_func_nop),                \
		FTB_TRACEE_FN(tracee_loop),                 \
	}
/*
 * An empty fragment that makes the layout's section start on a 64 KiB
 * boundary (the largest arm64 page): protections are per page, and a BTI
 * layout's pages are mapped PROT_BTI, which must not catch code of another
 * section.
 */
#define FTB_SECTION_ALIGN(l)                                              \
	__asm__(".pushsection ftb_text_" FTB_STR(l) ",\"ax\",%progbits\n" \
						    ".balign 65536\n"     \
						    ".popsection")
/* The layout descriptor bench/corpus.c looks up. */
#define FTB_LAYOUT_DESC(n)                                       \
	FTB_SECTION_ALIGN(FTB_LAYOUT);                           \
	extern char FTB_SNAME(__start_, FTB_LAYOUT)[];           \
	extern char FTB_SNAME(__stop_, FTB_LAYOUT)[];            \
	extern const struct ftb_tracees FTB_TRACEE_FN(tracees);  \
	const struct ftb_corpus_desc FTB_DNAME(                  \
		FTB_LAYOUT) = { FTB_STR(FTB_LAYOUT),             \
				FTB_TABLE,                       \
				(n),                             \
				FTB_SNAME(__start_, FTB_LAYOUT), \
				FTB_SNAME(__stop_, FTB_LAYOUT),  \
				FTB_CORPUS_CFLAGS_STR,           \
				&FTB_TRACEE_FN(tracees) }
#endif

#endif
