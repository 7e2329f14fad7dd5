// SPDX-License-Identifier: GPL-2.0
/* Configuration names: SCENARIO/VARIANT/key=value/... in declared order. */
#include <errno.h>
#include <stdio.h>

#include "harness/internal.h"

int ftb_config_name(char *buf, size_t len, const char *scenario,
		    const char *variant, const struct ftb_param *p, int n)
{
	size_t used;
	int w = snprintf(buf, len, "%s/%s", scenario, variant);

	if (w < 0 || (size_t)w >= len)
		return -ENAMETOOLONG;
	used = (size_t)w;
	for (int i = 0; i < n; i++) {
		w = snprintf(buf + used, len - used, "/%s=%s", p[i].key,
			     p[i].value);
		if (w < 0 || (size_t)w >= len - used)
			return -ENAMETOOLONG;
		used += (size_t)w;
	}
	return 0;
}
