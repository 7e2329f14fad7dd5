// SPDX-License-Identifier: GPL-2.0
/*
 * The per-thread task block (variants/task.h). Initialised, so it is in
 * .tdata; ftbench has no other initialised thread-local object, so it is
 * the first thing in the TLS segment (the C library's .tdata comes after
 * the program's objects on the link line).
 */
#include <stdio.h>

#include "variants/ftrace.h"
#include "variants/task.h"

/* A fixed canary: every thread starts from the TLS image (docs/kconfig.md). */
#define FTB_CANARY_INIT 0x5a17c0de00ff00aaUL

__thread struct ftb_task ftb_task_tls = { .stack_canary = FTB_CANARY_INIT };

_Static_assert(offsetof(struct ftb_task, stack_canary) == FTB_TASK_CANARY,
	       "FTB_TASK_CANARY");
#if defined(FTB_TASK_TP_OFFSET) && defined(FTB_STACK_GUARD_OFFSET)
_Static_assert(FTB_TASK_TP_OFFSET + FTB_TASK_CANARY == FTB_STACK_GUARD_OFFSET,
	       "-mstack-protector-guard-offset is the canary's");
#endif

int ftb_task_check(char *err, size_t errlen)
{
	if (ftb_current() != &ftb_task_tls) {
		snprintf(err, errlen,
			 "task block at thread pointer %+td, expected the "
			 "first TLS object (another initialised __thread "
			 "object linked before variants/task.o?)",
			 (char *)&ftb_task_tls - (char *)ftb_current());
		return -1;
	}
	return 0;
}
