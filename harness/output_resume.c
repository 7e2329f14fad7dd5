// SPDX-License-Identifier: GPL-2.0
/*
 * Resuming an interrupted run: samples.csv is the record (every completed
 * sample was flushed there), so it is read back into the run's store, the
 * runner skips the slots already done (ftb_run_has), and new rows are
 * appended to the same file. Only a run of this format_version, with the
 * same counter columns and configurations the study knows, is resumed.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/output.h"

#define MAX_FIELDS (16 + FTB_MAX_COLUMNS)
#define LINE_MAX_LEN 8192

/* Splits one RFC 4180 line in place; returns the field count. */
static int split_csv(char *line, char **field, int max)
{
	static char empty[] = "";
	int n = 0;
	char *s = line;

	/* Fields past the line's end read as empty, never as garbage. */
	for (int i = 0; i < max; i++)
		field[i] = empty;
	while (n < max) {
		char *out = s;

		field[n++] = s;
		if (*s == '"') {
			for (s++; *s && !(*s == '"' && s[1] != '"'); s++)
				*out++ = *s == '"' ? *++s : *s;
			s += *s == '"';
		} else {
			for (; *s && *s != ',' && *s != '\n'; s++)
				*out++ = *s;
		}
		if (*s != ',') {
			*out = '\0';
			break;
		}
		*out = '\0';
		s++;
	}
	return n;
}

static int find_config(const struct ftb_run *r, const char *name)
{
	for (int c = 0; c < r->nconfigs; c++)
		if (!strcmp(r->configs[c].name, name))
			return c;
	return -1;
}

/* The header this run would write must be the one on disk. */
static int check_header(const struct ftb_run *r, char **f, int n, char *err,
			size_t errlen)
{
	static const char *const fixed[] = {
		"name", "scenario", "variant", "params",      "repetition",
		"pass", "calls",    "backend", "multiplexed", "real_time_ns"
	};
	int ok = n == 11 + r->ncols && !strcmp(f[n - 1], "error");

	for (int i = 0; ok && i < 10; i++)
		ok = !strcmp(f[i], fixed[i]);
	for (int c = 0; ok && c < r->ncols; c++)
		ok = !strcmp(f[10 + c], r->col[c].name);
	if (!ok)
		ftb_errf(err, errlen,
			 "%s/samples.csv was measured with other counters or "
			 "another format; fix: resume with the same --pmu and "
			 "--events, or start a new run",
			 r->dir);
	return ok ? 0 : -EPROTO;
}

/* A whole-field integer; -1 (out of every range here) when it is not. */
static long to_long(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	return errno || end == s || *end ? -1 : v;
}

static double num(const char *s)
{
	return *s ? strtod(s, NULL) : NAN;
}

static int load_sample(struct ftb_run *r, int config, char **f)
{
	long rep = to_long(f[4]), pass = to_long(f[5]);
	const struct ftb_backend *b;
	struct ftb_sample *s;
	size_t k;

	if (rep < 0 || rep >= r->reps || pass < 0 || pass >= r->npasses)
		return -ERANGE;
	k = ftb_run_slot(r, config, (int)rep, (int)pass);
	b = r->pass[pass];
	s = &r->sample[k];
	memset(s, 0, sizeof(*s));
	s->ncounters = b->ncounters;
	s->calls = strtoull(f[6], NULL, 10);
	s->multiplexed = to_long(f[8]) != 0;
	s->time_ns = num(f[9]);
	for (int i = 0; i < b->ncounters; i++)
		s->value[i] = num(f[10 + r->col_of[pass][i]]);
	if (!r->have[k])
		r->done[config]++;
	r->have[k] = 1;
	return 0;
}

static int load_row(struct ftb_run *r, char **f, int n, char *err,
		    size_t errlen)
{
	int config = n == 11 + r->ncols ? find_config(r, f[0]) : -1;

	if (config < 0) {
		ftb_errf(err, errlen,
			 "%s/samples.csv: row '%s' is not a configuration of "
			 "this study; fix: resume with the same scenarios and "
			 "options",
			 r->dir, f[0]);
		return -EPROTO;
	}
	if (!strcmp(f[7], "failed")) {
		free(r->error[config]);
		r->error[config] = strdup(f[n - 1]);
		return r->error[config] ? 0 : -ENOMEM;
	}
	if (load_sample(r, config, f)) {
		ftb_errf(err, errlen,
			 "%s/samples.csv: row of '%s' out of range", r->dir,
			 f[0]);
		return -ERANGE;
	}
	return 0;
}

/* Loads every complete row; *good = the offset just after the last one. */
static int load_csv(struct ftb_run *r, FILE *in, long *good, char *err,
		    size_t errlen)
{
	char *line = malloc(LINE_MAX_LEN), *f[MAX_FIELDS];
	int ret = -ENODATA, n;

	if (!line)
		return -ENOMEM;
	if (fgets(line, LINE_MAX_LEN, in) && strchr(line, '\n')) {
		n = split_csv(line, f, MAX_FIELDS);
		ret = check_header(r, f, n, err, errlen);
	} else {
		ftb_errf(err, errlen, "%s/samples.csv has no header", r->dir);
	}
	*good = ftell(in);
	while (!ret && fgets(line, LINE_MAX_LEN, in)) {
		/* A row cut by the interruption has no newline: dropped. */
		if (!strchr(line, '\n'))
			break;
		n = split_csv(line, f, MAX_FIELDS);
		ret = load_row(r, f, n, err, errlen);
		*good = ftell(in);
	}
	free(line);
	return ret;
}

static int check_version(const char *dir, char *err, size_t errlen)
{
	int v, ret = ftb_run_dir_version(dir, &v);

	if (ret) {
		ftb_errf(err, errlen, "%s holds no run to resume (%s)", dir,
			 strerror(-ret));
		return ret;
	}
	if (v != FTB_FORMAT_VERSION) {
		ftb_errf(err, errlen,
			 "%s holds a run in format_version %d; this ftbench "
			 "writes %d and never mixes formats; fix: start a new "
			 "run",
			 dir, v, FTB_FORMAT_VERSION);
		return -EPROTO;
	}
	return 0;
}

/* Reads samples.csv, then reopens it for appending after the last row. */
static int reopen_csv(struct ftb_run *r, char *err, size_t errlen)
{
	char path[PATH_MAX];
	long good = 0;
	FILE *in;
	int ret;

	if (ftb_fmt(path, sizeof(path), "%s/samples.csv", r->dir))
		return -ENAMETOOLONG;
	in = fopen(path, "re");
	if (!in) {
		ftb_errf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	ret = load_csv(r, in, &good, err, errlen);
	fclose(in);
	if (ret)
		return ret;
	/* Drop a half-written last row, so appended rows start clean. */
	if (good < 0 || truncate(path, good)) {
		ftb_errf(err, errlen, "%s: truncate: %s", path,
			 strerror(errno));
		return -EIO;
	}
	r->csv = fopen(path, "ae");
	if (!r->csv) {
		ftb_errf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	return 0;
}

int ftb_run_resume(struct ftb_run **out, const struct ftb_run_spec *s,
		   char *err, size_t errlen)
{
	struct ftb_run *r;
	int ret;

	if (!s->dir) {
		ftb_errf(err, errlen, "resume: no run directory given");
		return -EINVAL;
	}
	ret = check_version(s->dir, err, errlen);
	if (!ret)
		ret = ftb_run_init(&r, s, err, errlen);
	if (ret)
		return ret;
	if (ftb_fmt(r->dir, sizeof(r->dir), "%s", s->dir))
		ret = -ENAMETOOLONG;
	if (!ret)
		ret = reopen_csv(r, err, errlen);
	if (!ret)
		ret = ftb_write_atomic(r->dir, "results.json",
				       ftb_results_write, r, err, errlen);
	if (ret) {
		ftb_run_close(r);
		return ret;
	}
	*out = r;
	return 0;
}

int ftb_run_has(const struct ftb_run *r, int config, int rep, int pass)
{
	if (config < 0 || config >= r->nconfigs || rep < 0 || rep >= r->reps ||
	    pass < 0 || pass >= r->npasses)
		return 0;
	return r->error[config] || r->have[ftb_run_slot(r, config, rep, pass)];
}
