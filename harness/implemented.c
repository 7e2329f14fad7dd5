// SPDX-License-Identifier: GPL-2.0
/*
 * Which events the core PMU implements. An arm_pmu lists in sysfs
 * (/sys/bus/event_source/devices/<pmu>/events/) the common events its
 * PMCEID0/1 registers say the core has, one file per event holding
 * "event=0xNN". perf_event_open accepts a raw code the core lacks and the
 * counter then reads 0: such events are taken out of the groups before
 * anything is opened, and named, so that their zeros are never reported as
 * measurements. A PMU without an events/ directory tells nothing: nothing
 * is dropped then.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/internal.h"

/* The event= term of a sysfs event file ("event=0x0011"), or -1. */
static long long event_term(const char *text)
{
	const char *p = strstr(text, "event=");
	char *end;
	long long v;

	if (!p || (p != text && p[-1] != ','))
		return -1;
	errno = 0;
	v = strtoll(p + 6, &end, 0);
	if (errno || end == p + 6 || (*end && *end != ',' && *end != '\n'))
		return -1;
	return v;
}

int ftb_pmu_event_listed(const char *root, const char *pmu, uint64_t config)
{
	char dir[512], path[800], text[128];
	struct dirent *d;
	DIR *dp;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s/sys/bus/event_source/devices/%s/events",
		 root ? root : "", pmu);
	dp = opendir(dir);
	if (!dp)
		return -ENOENT;
	while (!found && (d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (ftb_read_line(path, text, sizeof(text)))
			continue;
		found = event_term(text) == (long long)config;
	}
	closedir(dp);
	return found;
}

/* Adds name to a comma list unless it is already one of its items. */
static void append(char *list, size_t len, const char *name)
{
	size_t used = strlen(list), n = strlen(name);

	for (const char *s = list; *s;
	     s += strcspn(s, ",") + (s[strcspn(s, ",")] == ','))
		if (strcspn(s, ",") == n && !strncmp(s, name, n))
			return;
	snprintf(list + used, len > used ? len - used : 0, "%s%s",
		 used ? "," : "", name);
}

int ftb_events_drop_unlisted(const char *root, const char *pmu, uint32_t type,
			     struct ftb_event_group *g, int *ng, char *dropped,
			     size_t len)
{
	int kept_groups = 0;

	dropped[0] = '\0';
	for (int i = 0; i < *ng; i++) {
		struct ftb_event_group *grp = &g[i];
		int kept = 0;

		for (int j = 0; j < grp->n; j++) {
			const struct ftb_event *e = &grp->ev[j];

			if (e->type == type &&
			    ftb_pmu_event_listed(root, pmu, e->config) == 0) {
				append(dropped, len, e->name);
				continue;
			}
			grp->ev[kept++] = *e;
		}
		grp->n = kept;
		if (kept)
			g[kept_groups++] = *grp;
	}
	*ng = kept_groups;
	return *dropped ? 1 : 0;
}
