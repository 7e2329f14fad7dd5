// SPDX-License-Identifier: GPL-2.0
/* Command-line parsing helpers (cli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/cli.h"

void ftb_die_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("ftbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(FTB_EXIT_USAGE);
}

/* A decimal (or 0x) number within [min, max], or a one-line error. */
uint64_t ftb_parse_u64(const char *opt, const char *arg, uint64_t min,
		       uint64_t max)
{
	unsigned long long v;
	char *end;

	if (!arg || !*arg || strchr(arg, '-'))
		ftb_die_usage("%s: '%s' is not a non-negative number", opt,
			      arg ? arg : "");
	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || *end)
		ftb_die_usage("%s: '%s' is not a number", opt, arg);
	if (v < min || v > max)
		ftb_die_usage("%s: %llu is out of range [%llu, %llu]", opt, v,
			      (unsigned long long)min, (unsigned long long)max);
	return v;
}

/* The value of option argv[*i] ("--opt value" or "--opt=value"). */
const char *ftb_opt_value(int argc, char **argv, int *i)
{
	const char *eq = strchr(argv[*i], '=');

	if (eq)
		return eq + 1;
	if (*i + 1 >= argc)
		ftb_die_usage("%s needs a value", argv[*i]);
	return argv[++*i];
}

/* Whether argument a is option name ("--name" or "--name=value"). */
int ftb_opt_is(const char *a, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(a, name, n) && (!a[n] || a[n] == '=');
}
