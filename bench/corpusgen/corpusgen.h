/* SPDX-License-Identifier: GPL-2.0 */
/*
 * corpusgen's parts: the C sources (csource.c) and the stamper, which
 * writes a chunk of the corpus as assembly from GCC's compiled templates
 * (stamp.c).
 */
#ifndef FTB_CORPUSGEN_H
#define FTB_CORPUSGEN_H

#include <stddef.h>

#include "bench/corpusgen/plan.h"

/* The templates' callee, renamed per function by the stamper. */
#define FTB_TPL_CALLEE "ftb_tpl_callee"
/* Template t is ftb_tpl_t<t> (bench/corpus_gen.h FTB_TPL_DEF). */
#define FTB_TPL_PREFIX "ftb_tpl_t"

__attribute__((noreturn, format(printf, 1, 2))) void die(const char *fmt, ...);

void emit_templates(const struct plan *p, const char *dir);
void emit_functions(const struct plan *p, const unsigned long *idx, size_t n);
void emit_table(const struct plan *p, const char *dir);
void emit_callee(const struct plan *p, const char *dir);

/* Write chunk k of layout `layout` from GCC's template assembly `tpl_s`. */
void stamp_chunk(const struct plan *p, const char *layout, const char *tpl_s,
		 unsigned long k);

#endif
