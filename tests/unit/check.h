/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal TAP-like checker for the C unit tests: each CHECK prints
 * "ok - what" or "not ok - what (file:line)"; check_exit() gives the exit
 * status. tests/run counts the lines.
 */
#ifndef FTB_CHECK_H
#define FTB_CHECK_H

#include <stdio.h>

static int check_failures;

/* cond is evaluated once: it may have side effects. */
#define CHECK(cond, ...)                                          \
	do {                                                      \
		int ok_ = !!(cond);                               \
		printf(ok_ ? "ok - " : "not ok - ");              \
		printf(__VA_ARGS__);                              \
		if (ok_)                                          \
			putchar('\n');                            \
		else                                              \
			printf(" (%s:%d)\n", __FILE__, __LINE__); \
		fflush(stdout);                                   \
		if (!ok_)                                         \
			check_failures++;                         \
	} while (0)

#define SKIP(name, why)                                   \
	do {                                              \
		printf("ok - %s # SKIP %s\n", name, why); \
		fflush(stdout);                           \
	} while (0)

static inline int check_exit(void)
{
	fflush(stdout);
	return check_failures ? 1 : 0;
}

#endif
