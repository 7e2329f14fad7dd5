// SPDX-License-Identifier: GPL-2.0
/*
 * samples.csv: tidy, one row per sample, flushed as each completes so an
 * interrupted run keeps every completed sample.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness/output.h"

/* RFC 4180: quote a field holding a comma, quote or newline. */
static void put_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_num(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, "%.10g", v);
}

static void put_params(FILE *f, const struct ftb_config *c)
{
	char buf[512];
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < c->nparams && used < sizeof(buf); i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used,
					 "%s%s=%s", i ? ";" : "",
					 c->param[i].key, c->param[i].value);
	put_field(f, buf);
}

int ftb_csv_open(struct ftb_run *r, char *err, size_t errlen)
{
	char path[PATH_MAX];
	int fd;

	if (ftb_fmt(path, sizeof(path), "%s/samples.csv", r->dir)) {
		ftb_errf(err, errlen, "%s: path too long", r->dir);
		return -ENAMETOOLONG;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0664);
	if (fd < 0 || !(r->csv = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0)
			close(fd);
		ftb_errf(err, errlen, "%s: %s", path, strerror(e));
		return -e;
	}
	fputs("name,scenario,variant,params,repetition,pass,calls,backend,"
	      "multiplexed,real_time_ns",
	      r->csv);
	for (int c = 0; c < r->ncols; c++) {
		fputc(',', r->csv);
		put_field(r->csv, r->col[c].name);
	}
	fputs(",error\n", r->csv);
	return fflush(r->csv) ? -errno : 0;
}

static void put_counters(FILE *f, const struct ftb_run *r, int pass,
			 const struct ftb_sample *s)
{
	for (int c = 0; c < r->ncols; c++) {
		fputc(',', f);
		for (int i = 0; s && i < s->ncounters; i++)
			if (r->col_of[pass][i] == c)
				put_num(f, s->value[i]);
	}
}

int ftb_csv_row(struct ftb_run *r, int config, int rep, int pass,
		const struct ftb_sample *s, const char *error)
{
	const struct ftb_config *c = &r->configs[config];
	FILE *f = r->csv;

	put_field(f, c->name);
	fputc(',', f);
	put_field(f, c->scenario);
	fputc(',', f);
	put_field(f, c->variant);
	fputc(',', f);
	put_params(f, c);
	fprintf(f, ",%d,%d,%llu,%s,%d,", rep, pass,
		(unsigned long long)(s ? s->calls : 0),
		s ? r->pass[pass]->name : "failed", s ? s->multiplexed : 0);
	if (s)
		put_num(f, s->time_ns);
	put_counters(f, r, pass, s);
	fputc(',', f);
	put_field(f, error ? error : "");
	fputc('\n', f);
	return fflush(f) || ferror(f) ? -EIO : 0;
}
