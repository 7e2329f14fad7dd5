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
	const struct ftb_corpus_desc FTB_DNAME(                  \
		FTB_LAYOUT) = { FTB_STR(FTB_LAYOUT),             \
				FTB_TABLE,                       \
				(n),                             \
				FTB_SNAME(__start_, FTB_LAYOUT), \
				FTB_SNAME(__stop_, FTB_LAYOUT),  \
				FTB_CORPUS_CFLAGS_STR }
#endif

#endif
