// SPDX-License-Identifier: GPL-2.0
/* Small helpers shared by the harness: messages, sysfs reads, paths. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

void ftb_errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

int ftb_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int ftb_read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int ret = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		ret = ferror(f) ? -EIO : -ENODATA;
	fclose(f);
	if (ret)
		return ret;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

int ftb_read_long(const char *path, long *v)
{
	char buf[64], *end;
	int ret = ftb_read_line(path, buf, sizeof(buf));

	if (ret)
		return ret;
	errno = 0;
	*v = strtol(buf, &end, 0);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}

void ftb_path(char *buf, size_t len, const char *root, const char *rel)
{
	snprintf(buf, len, "%s%s", root ? root : "", rel);
}

int ftb_is_integer(const char *s)
{
	/* JSON's integer syntax, -?(0|[1-9][0-9]*), and nothing around it. */
	const char *d = s && *s == '-' ? s + 1 : s;
	char *end;

	if (!d || *d < '0' || *d > '9' || (*d == '0' && d[1]))
		return 0;
	errno = 0;
	(void)strtoll(s, &end, 10);
	return !errno && *end == '\0';
}
