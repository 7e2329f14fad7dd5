/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake /proc and /sys for the harness unit tests: fake_put writes text
 * to root + rel, creating the directories on the way.
 */
#ifndef FTB_FAKE_TREE_H
#define FTB_FAKE_TREE_H

#include <stdio.h>
#include <stdlib.h>

static inline void fake_put(const char *root, const char *rel, const char *text)
{
	char path[512], cmd[700];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	if (system(cmd))
		return;
	f = fopen(path, "w");
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

#endif
