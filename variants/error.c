// SPDX-License-Identifier: GPL-2.0
/* The last patching error, for the message the caller prints. */
#include <stdarg.h>
#include <stdio.h>

#include "asm/site.h"

static __thread char last_error[FTB_ERRLEN];

void ftb_set_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
}

const char *ftb_last_error(void)
{
	return last_error[0] ? last_error : "no error recorded";
}
