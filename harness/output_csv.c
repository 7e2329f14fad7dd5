// SPDX-License-Identifier: GPL-2.0
/*
 * samples.csv: tidy, one row per sample, written as each completes so an
 * interrupted run keeps every completed sample.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/output.h"

/*
 * RFC 4180: quote a field holding a comma or a quote. A row is one line:
 * a newline or carriage return (in an error message) becomes a space, so
 * that a row's newline is its last byte, the mark that it is complete.
 */
static void put_field(FILE *f, const char *s)
{
	int quote = !!strpbrk(s, ",\"");

	if (quote)
		fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	if (quote)
		fputc('"', f);
}

static void put_num(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, "%.10g", v);
}

void ftb_csv_params(const struct ftb_config *c, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < c->nparams && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%s=%s",
					 i ? ";" : "", c->param[i].key,
					 c->param[i].value);
}

static void put_params(FILE *f, const struct ftb_config *c)
{
	char buf[512];

	ftb_csv_params(c, buf, sizeof(buf));
	put_field(f, buf);
}

/* All of buf with write(2), retried after a short write. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * One line, formatted in memory first and handed to the kernel in one
 * write(2): a process killed while appending leaves at most one line
 * without its newline at the end, which the resume reader drops.
 */
static int put_line(struct ftb_run *r, void (*fill)(FILE *f, const void *arg),
		    const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	if (!f)
		return -ENOMEM;
	fill(f, arg);
	fputc('\n', f);
	ret = ferror(f) ? -ENOMEM : 0;
	if (fclose(f) && !ret)
		ret = -ENOMEM;
	if (!ret) {
		ftb_test_kill_row(r->csv_fd, buf, len, r->rows);
		ret = write_all(r->csv_fd, buf, len);
	}
	free(buf);
	return ret;
}

static void fill_header(FILE *f, const void *arg)
{
	const struct ftb_run *r = arg;

	fputs("name,scenario,variant,params,repetition,pass,calls,backend,"
	      "multiplexed,real_time_ns",
	      f);
	for (int c = 0; c < r->ncols; c++) {
		fputc(',', f);
		put_field(f, r->col[c].name);
	}
	fputs(",error", f);
}

/* A new samples.csv holding the header (flags: O_EXCL for a new run). */
int ftb_csv_create(struct ftb_run *r, int flags, char *err, size_t errlen)
{
	char path[PATH_MAX];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int ret;

	if (ftb_fmt(path, sizeof(path), "%s/samples.csv", r->dir)) {
		ftb_errf(err, errlen, "%s: path too long", r->dir);
		return -ENAMETOOLONG;
	}
	r->csv_fd = open(
		path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | flags, 0664);
	if (r->csv_fd < 0) {
		ret = -errno;
		ftb_errf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	f = open_memstream(&buf, &len);
	if (!f)
		return -ENOMEM;
	fill_header(f, r);
	fputc('\n', f);
	fclose(f);
	ret = buf ? write_all(r->csv_fd, buf, len) : -ENOMEM;
	free(buf);
	if (ret)
		ftb_errf(err, errlen, "%s: cannot write the header", path);
	return ret;
}

int ftb_csv_open(struct ftb_run *r, char *err, size_t errlen)
{
	return ftb_csv_create(r, O_EXCL, err, errlen);
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

struct row {
	const struct ftb_run *r;
	int config, rep, pass;
	const struct ftb_sample *s;
	const char *error;
};

static void fill_row(FILE *f, const void *arg)
{
	const struct row *w = arg;
	const struct ftb_config *c = &w->r->configs[w->config];
	const struct ftb_sample *s = w->s;

	put_field(f, c->name);
	fputc(',', f);
	put_field(f, c->scenario);
	fputc(',', f);
	put_field(f, c->variant);
	fputc(',', f);
	put_params(f, c);
	fprintf(f, ",%d,%d,%llu,%s,%d,", w->rep, w->pass,
		(unsigned long long)(s ? s->calls : 0),
		s ? w->r->pass[w->pass]->name : "failed",
		s ? s->multiplexed : 0);
	if (s)
		put_num(f, s->time_ns);
	put_counters(f, w->r, w->pass, s);
	fputc(',', f);
	put_field(f, w->error ? w->error : "");
}

int ftb_csv_row(struct ftb_run *r, int config, int rep, int pass,
		const struct ftb_sample *s, const char *error)
{
	struct row w = { r, config, rep, pass, s, error };
	int ret = put_line(r, fill_row, &w);

	if (ret)
		return ret;
	r->rows++;
	ftb_test_kill_after_row(r->rows);
	return 0;
}
