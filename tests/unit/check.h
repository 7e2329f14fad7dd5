/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal TAP-like checker for the C unit tests: each CHECK prints
 * "ok - what" or "not ok - what"; check_exit() gives the exit status.
 */
#ifndef FTB_CHECK_H
#define FTB_CHECK_H

#include <stdio.h>

static int check_failures;

#define CHECK(cond, ...)                             \
	do {                                         \
		int ok_ = !!(cond);                  \
		printf(ok_ ? "ok - " : "not ok - "); \
		printf(__VA_ARGS__);                 \
		putchar('\n');                       \
		if (!ok_)                            \
			check_failures++;            \
	} while (0)

#define SKIP(...)                    \
	do {                         \
		printf("ok - ");     \
		printf(__VA_ARGS__); \
		printf(" # SKIP\n"); \
	} while (0)

static inline int check_exit(void)
{
	fflush(stdout);
	return check_failures ? 1 : 0;
}

#endif
