/* SPDX-License-Identifier: GPL-2.0 */
/* TAP-like checks for the harness unit tests (see tests/run). */
#ifndef FTB_HARNESS_TAP_H
#define FTB_HARNESS_TAP_H

#include <stdio.h>

static int tap_failed;

/* cond is evaluated once: it may have side effects. */
#define CHECK(cond, ...)                                               \
	do {                                                           \
		int ok_ = !!(cond);                                    \
		if (ok_) {                                             \
			printf("ok - ");                               \
		} else {                                               \
			printf("not ok - ");                           \
			tap_failed = 1;                                \
		}                                                      \
		printf(__VA_ARGS__);                                   \
		printf(ok_ ? "\n" : " (%s:%d)\n", __FILE__, __LINE__); \
		fflush(stdout);                                        \
	} while (0)

#define SKIP(name, why)                                         \
	do {                                                    \
		printf("ok - %s # SKIP %s\n", name, why);       \
		fflush(stdout);                                 \
	} while (0)

static inline int tap_exit(void)
{
	return tap_failed ? 1 : 0;
}

#endif
