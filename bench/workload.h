/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One ftrace-ops configuration as a ready workload, for drivers outside the
 * study (the Google Benchmark cross-check, harness/gbench/): the same
 * corpus, variant, ops and measured loop as `ftbench run`.
 */
#ifndef FTB_WORKLOAD_H
#define FTB_WORKLOAD_H

#include <stddef.h>

#include "harness/backend.h"

int ftb_workload_build(const char *variant, int relevant, int irrelevant,
		       struct ftb_workload *w, char *err, size_t errlen);
void ftb_workload_destroy(struct ftb_workload *w);

#endif
