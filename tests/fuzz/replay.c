// SPDX-License-Identifier: GPL-2.0
/*
 * Replays fuzz inputs without libFuzzer: every file named (or every file
 * of every directory named) goes through the target once. Exit 0 when all
 * returned; a finding aborts, as under libFuzzer.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static int replay(const char *path, int *count)
{
	struct stat st;
	struct dirent *e;
	char sub[PATH_MAX];
	DIR *d;
	int ret = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: %s: no such file\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		++*count;
		return replay_file(path);
	}
	d = opendir(path);
	if (!d)
		return -1;
	while (!ret && (e = readdir(d)))
		if (e->d_name[0] != '.' &&
		    snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) <
			    (int)sizeof(sub))
			ret = replay(sub, count);
	closedir(d);
	return ret;
}

int main(int argc, char **argv)
{
	int count = 0;

	for (int i = 1; i < argc; i++)
		if (replay(argv[i], &count))
			return 1;
	printf("replayed %d inputs\n", count);
	return 0;
}
