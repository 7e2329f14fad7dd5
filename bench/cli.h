/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line parsing helpers: one-line errors, exit status 2. */
#ifndef FTB_CLI_H
#define FTB_CLI_H

#include <stddef.h>
#include <stdint.h>

#define FTB_EXIT_USAGE 2

/* Control characters of a message (quoted user text) become '?'. */
void ftb_one_line(char *msg);
void ftb_die_usage(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
int ftb_parse_u64_err(const char *opt, const char *arg, uint64_t min,
		      uint64_t max, uint64_t *out, char *err, size_t errlen);
uint64_t ftb_parse_u64(const char *opt, const char *arg, uint64_t min,
		       uint64_t max);
const char *ftb_opt_value(int argc, char **argv, int *i);
int ftb_opt_is(const char *a, const char *name);

#endif
