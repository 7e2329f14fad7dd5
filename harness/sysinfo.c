// SPDX-License-Identifier: GPL-2.0
/*
 * Facts from /proc and /sys that both the meter and the provenance need.
 * Every reader takes a root so tests can point it at a fake tree.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

int ftb_sysctl_int(const char *root, const char *name)
{
	char path[512];
	long v;

	snprintf(path, sizeof(path), "%s/proc/sys/kernel/%s", root ? root : "",
		 name);
	if (ftb_read_long(path, &v))
		return FTB_UNKNOWN;
	return (int)v;
}

/* Does a cpulist ("0-3,6") contain cpu? */
int ftb_cpulist_has(const char *list, int cpu)
{
	const char *s = list;

	while (*s) {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (end == s)
			return 0;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		if (cpu >= a && cpu <= b)
			return 1;
		s = *end == ',' ? end + 1 : end;
		if (*end != ',')
			break;
	}
	return 0;
}

static int read_type(const char *root, const char *dev, int *type)
{
	char path[512];
	long v;

	snprintf(path, sizeof(path), "%s/sys/bus/event_source/devices/%s/type",
		 root ? root : "", dev);
	if (ftb_read_long(path, &v))
		return -ENOENT;
	*type = (int)v;
	return 0;
}

/* A core PMU that lists its CPUs (arm_pmu, x86 hybrid): the one of cpu. */
static int find_listed(const char *root, int cpu, char *name, size_t len,
		       int *type)
{
	char path[512], list[256];
	struct dirent *d;
	DIR *dir;
	int ret = -ENOENT;

	snprintf(path, sizeof(path), "%s/sys/bus/event_source/devices",
		 root ? root : "");
	dir = opendir(path);
	if (!dir)
		return -ENOENT;
	while (ret && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path),
			 "%s/sys/bus/event_source/devices/%s/cpus",
			 root ? root : "", d->d_name);
		if (ftb_read_line(path, list, sizeof(list)) ||
		    !ftb_cpulist_has(list, cpu < 0 ? 0 : cpu))
			continue;
		if (!read_type(root, d->d_name, type)) {
			snprintf(name, len, "%s", d->d_name);
			ret = 0;
		}
	}
	closedir(dir);
	return ret;
}

int ftb_core_pmu(const char *root, int cpu, char *name, size_t len, int *type)
{
	if (!find_listed(root, cpu, name, len, type))
		return 0;
	/* x86 without hybrid cores: one "cpu" PMU for every CPU. */
	if (!read_type(root, "cpu", type)) {
		snprintf(name, len, "cpu");
		return 0;
	}
	return -ENOENT;
}
