// SPDX-License-Identifier: GPL-2.0
/* Command-line parsing helpers (cli.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/cli.h"

/*
 * Messages quote what the user typed: a control character there (a newline
 * in an argument) must not split the one line, so each becomes '?'.
 */
void ftb_one_line(char *msg)
{
	for (; *msg; msg++)
		if ((unsigned char)*msg < 0x20 || *msg == 0x7f)
			*msg = '?';
}

void ftb_die_usage(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ftb_one_line(msg);
	fprintf(stderr, "ftbench: %s\n", msg);
	exit(FTB_EXIT_USAGE);
}

/*
 * A decimal (or 0x) number within [min, max] into *out, or -1 with the
 * one-line reason in err. opt names where the text came from.
 */
int ftb_parse_u64_err(const char *opt, const char *arg, uint64_t min,
		      uint64_t max, uint64_t *out, char *err, size_t errlen)
{
	unsigned long long v;
	char *end;

	if (!arg || !*arg || strchr(arg, '-')) {
		snprintf(err, errlen, "%s: '%s' is not a non-negative number",
			 opt, arg ? arg : "");
		return -1;
	}
	errno = 0;
	v = strtoull(arg, &end, 0);
	if (errno || *end || !isdigit((unsigned char)*arg)) {
		snprintf(err, errlen, "%s: '%s' is not a number", opt, arg);
		return -1;
	}
	if (v < min || v > max) {
		snprintf(err, errlen, "%s: %llu is out of range [%llu, %llu]",
			 opt, v, (unsigned long long)min,
			 (unsigned long long)max);
		return -1;
	}
	*out = v;
	return 0;
}

/* The same, or a one-line error and exit status 2. */
uint64_t ftb_parse_u64(const char *opt, const char *arg, uint64_t min,
		       uint64_t max)
{
	char err[512];
	uint64_t v;

	if (ftb_parse_u64_err(opt, arg, min, max, &v, err, sizeof(err)))
		ftb_die_usage("%s", err);
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
