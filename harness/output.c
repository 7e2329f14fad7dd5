// SPDX-License-Identifier: GPL-2.0
/*
 * The run directory (docs/results-format.md): samples.csv appended and
 * flushed per sample, results.json and meta.json written atomically. The
 * reporter only formats what the method measured; it never measures.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/internal.h"
#include "harness/output.h"

/* Files 0664 and directories 0775, less the umask: never world-writable. */
#define FILE_MODE 0664
#define DIR_MODE 0775

int ftb_write_atomic(const char *dir, const char *name,
		     int (*fill)(FILE *f, const void *arg), const void *arg,
		     char *err, size_t errlen)
{
	char tmp[PATH_MAX], dst[PATH_MAX];
	int fd, ret = 0;
	FILE *f;

	if (ftb_fmt(tmp, sizeof(tmp), "%s/.%s.%ld.tmp", dir, name,
		    (long)getpid()) ||
	    ftb_fmt(dst, sizeof(dst), "%s/%s", dir, name)) {
		ftb_errf(err, errlen, "%s/%s: path too long", dir, name);
		return -ENAMETOOLONG;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, FILE_MODE);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		ret = -errno;
		if (fd >= 0)
			close(fd);
		ftb_errf(err, errlen, "%s: %s", tmp, strerror(-ret));
		return ret;
	}
	ret = fill(f, arg);
	if (!ret)
		ftb_test_kill_atomic(f, name);
	if (!ret && (fflush(f) || fsync(fileno(f))))
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, dst))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		ftb_errf(err, errlen, "writing %s: %s", dst, strerror(-ret));
	}
	return ret;
}

/* The integer after "format_version": in a small JSON file. */
static int file_version(const char *path, int *version)
{
	char buf[8192], *p;
	size_t n;
	FILE *f = fopen(path, "re");

	if (!f)
		return -errno;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strstr(buf, "\"format_version\"");
	if (!p || !(p = strchr(p, ':')))
		return -EINVAL;
	*version = (int)strtol(p + 1, NULL, 10);
	return 0;
}

int ftb_run_dir_version(const char *dir, int *version)
{
	static const char *const names[] = { "meta.json", "results.json" };
	char path[PATH_MAX];

	for (size_t i = 0; i < 2; i++) {
		int ret;

		ret = ftb_fmt(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!ret)
			ret = file_version(path, version);
		if (ret != -ENOENT)
			return ret;
	}
	if (ftb_fmt(path, sizeof(path), "%s/samples.csv", dir))
		return -ENAMETOOLONG;
	return access(path, F_OK) ? -ENOENT : -EINVAL;
}

/* An existing directory may be reused only when it holds no run. */
static int check_existing(const char *dir, char *err, size_t errlen)
{
	int v, ret = ftb_run_dir_version(dir, &v);

	if (ret == -ENOENT)
		return 0;
	if (!ret && v != FTB_FORMAT_VERSION) {
		ftb_errf(err, errlen,
			 "%s holds a run in format_version %d; this ftbench "
			 "writes %d and never mixes formats; fix: use a new "
			 "directory",
			 dir, v, FTB_FORMAT_VERSION);
		return -EPROTO;
	}
	ftb_errf(err, errlen,
		 "%s already holds a run%s; fix: use a new directory (runs are "
		 "never merged)",
		 dir, ret ? " (unreadable format_version)" : "");
	return -EEXIST;
}

static int make_dir(const char *dir, int must_be_new, char *err, size_t errlen)
{
	if (!mkdir(dir, DIR_MODE))
		return 0;
	if (errno == EEXIST && !must_be_new)
		return check_existing(dir, err, errlen);
	if (errno != EEXIST)
		ftb_errf(err, errlen, "mkdir %s: %s", dir, strerror(errno));
	return -errno;
}

/* <root>/<date>-<host>-<arch>, then -2, -3, ... until one is new. */
static int make_auto_dir(char *dir, size_t len, const char *root,
			 const struct ftb_meta *m, char *err, size_t errlen)
{
	char base[PATH_MAX];

	if (mkdir(root, DIR_MODE) && errno != EEXIST) {
		ftb_errf(err, errlen, "mkdir %s: %s", root, strerror(errno));
		return -errno;
	}
	if (ftb_fmt(base, sizeof(base), "%s/%.10s-%s-%s", root, m->date,
		    m->host, m->arch)) {
		ftb_errf(err, errlen, "%s: path too long", root);
		return -ENAMETOOLONG;
	}
	for (int n = 1; n < 1000; n++) {
		int ret;

		if (n == 1)
			ret = ftb_fmt(dir, len, "%s", base);
		else
			ret = ftb_fmt(dir, len, "%s-%d", base, n);
		if (!ret)
			ret = make_dir(dir, 1, err, errlen);
		if (ret != -EEXIST)
			return ret;
	}
	ftb_errf(err, errlen, "%s: too many runs today", base);
	return -EEXIST;
}

/* The union of counters over passes, in first-seen order. */
static void build_columns(struct ftb_run *r)
{
	r->ncols = 0;
	for (int p = 0; p < r->npasses; p++) {
		const struct ftb_backend *b = r->pass[p];

		for (int i = 0; i < b->ncounters; i++) {
			int c;

			for (c = 0; c < r->ncols; c++)
				if (!strcmp(r->col[c].name, b->counter_name[i]))
					break;
			if (c == r->ncols) {
				snprintf(r->col[c].name, sizeof(r->col[c].name),
					 "%s", b->counter_name[i]);
				r->col[c].pass = p;
				r->col[c].index = i;
				r->ncols++;
			}
			r->col_of[p][i] = c;
		}
	}
}

static int alloc_store(struct ftb_run *r)
{
	size_t n = (size_t)r->nconfigs * (size_t)r->reps * (size_t)r->npasses;

	r->sample = calloc(n, sizeof(*r->sample));
	r->have = calloc(n, 1);
	r->done = calloc((size_t)r->nconfigs, sizeof(*r->done));
	r->error = calloc((size_t)r->nconfigs, sizeof(*r->error));
	r->twin = calloc((size_t)r->nconfigs, sizeof(*r->twin));
	r->stop = calloc((size_t)r->nconfigs, sizeof(*r->stop));
	if (!r->sample || !r->have || !r->done || !r->error || !r->twin ||
	    !r->stop)
		return -ENOMEM;
	for (int c = 0; c < r->nconfigs; c++) {
		r->twin[c] = -1;
		r->stop[c] = FTB_STOP_FIXED;
	}
	return 0;
}

static int check_spec(const struct ftb_run_spec *s, char *err, size_t errlen)
{
	if (s->nconfigs <= 0 || s->repetitions <= 0 || s->npasses <= 0 ||
	    s->npasses > FTB_MAX_PASSES || !s->configs || !s->pass ||
	    !s->meta) {
		ftb_errf(err, errlen, "ftb_run_open: incomplete run spec");
		return -EINVAL;
	}
	return 0;
}

static int open_dir(struct ftb_run *r, const struct ftb_run_spec *s, char *err,
		    size_t errlen)
{
	if (s->dir) {
		if (ftb_fmt(r->dir, sizeof(r->dir), "%s", s->dir)) {
			ftb_errf(err, errlen, "%s: path too long", s->dir);
			return -ENAMETOOLONG;
		}
		return make_dir(r->dir, 0, err, errlen);
	}
	return make_auto_dir(r->dir, sizeof(r->dir),
			     s->results_root ? s->results_root : "results",
			     s->meta, err, errlen);
}

int ftb_run_init(struct ftb_run **out, const struct ftb_run_spec *s, char *err,
		 size_t errlen)
{
	struct ftb_run *r;
	int ret = check_spec(s, err, errlen);

	if (ret)
		return ret;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->csv_fd = -1;
	snprintf(r->date, sizeof(r->date), "%s", s->meta->date);
	r->configs = s->configs;
	r->nconfigs = s->nconfigs;
	r->base_reps = s->repetitions;
	r->reps = s->max_repetitions > s->repetitions ? s->max_repetitions
						      : s->repetitions;
	r->npasses = s->npasses;
	r->pass = s->pass;
	r->meta = s->meta;
	r->keep_multiplexed = s->keep_multiplexed;
	build_columns(r);
	ret = alloc_store(r);
	if (ret) {
		ftb_run_close(r);
		return ret;
	}
	*out = r;
	return 0;
}

int ftb_run_open(struct ftb_run **out, const struct ftb_run_spec *s, char *err,
		 size_t errlen)
{
	struct ftb_run *r;
	int ret = ftb_run_init(&r, s, err, errlen);

	if (ret)
		return ret;
	/* meta.json first: a directory with samples is always resumable. */
	ret = open_dir(r, s, err, errlen);
	if (!ret)
		ret = ftb_write_atomic(r->dir, "meta.json", ftb_meta_write,
				       s->meta, err, errlen);
	if (!ret)
		ret = ftb_csv_open(r, err, errlen);
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

/* "stops": why each adaptive configuration stopped (results.json too). */
static void write_stops(struct ftb_json *j, const void *run)
{
	const struct ftb_run *r = run;

	ftb_json_key(j, "stops");
	ftb_json_begin(j, '{');
	for (int c = 0; c < r->nconfigs; c++) {
		if (r->stop[c] != FTB_STOP_TARGET &&
		    r->stop[c] != FTB_STOP_BUDGET && r->stop[c] != FTB_STOP_MAX)
			continue;
		ftb_json_key(j, r->configs[c].name);
		ftb_json_str(j, ftb_stop_name(r->stop[c]));
	}
	ftb_json_end(j, '}');
}

int ftb_run_meta_write(FILE *f, const void *run)
{
	const struct ftb_run *r = run;
	struct ftb_meta_extra stops = { "stops", write_stops, r };
	int adaptive = r->reps > r->base_reps;

	if (r->recorded.tree)
		return ftb_meta_write_resumed(f, r->recorded.tree, r->meta,
					      adaptive ? &stops : NULL);
	return ftb_meta_write_with(f, r->meta, adaptive ? &stops : NULL);
}

const char *ftb_run_dir(const struct ftb_run *r)
{
	return r->dir;
}

size_t ftb_run_slot(const struct ftb_run *r, int config, int rep, int pass)
{
	return ((size_t)config * (size_t)r->reps + (size_t)rep) *
		       (size_t)r->npasses +
	       (size_t)pass;
}

int ftb_run_append(struct ftb_run *r, int config, int rep, int pass,
		   const struct ftb_sample *s)
{
	size_t k;
	int ret;

	if (config < 0 || config >= r->nconfigs || rep < 0 || rep >= r->reps ||
	    pass < 0 || pass >= r->npasses)
		return -EINVAL;
	k = ftb_run_slot(r, config, rep, pass);
	ret = ftb_csv_row(r, config, rep, pass, s, NULL);
	if (ret)
		return ret;
	if (!r->have[k])
		r->done[config]++;
	r->sample[k] = *s;
	r->have[k] = 1;
	if (r->done[config] == r->base_reps * r->npasses ||
	    r->done[config] == r->reps * r->npasses)
		return ftb_write_atomic(r->dir, "results.json",
					ftb_results_write, r, NULL, 0);
	return 0;
}

int ftb_run_fail(struct ftb_run *r, int config, const char *why)
{
	int ret;

	if (config < 0 || config >= r->nconfigs)
		return -EINVAL;
	free(r->error[config]);
	r->error[config] = strdup(why ? why : "failed");
	if (!r->error[config])
		return -ENOMEM;
	ret = ftb_csv_row(r, config, 0, 0, NULL, r->error[config]);
	if (ret)
		return ret;
	return ftb_write_atomic(r->dir, "results.json", ftb_results_write, r,
				NULL, 0);
}

int ftb_run_values(const struct ftb_run *r, int config, int pass, int counter,
		   double *v)
{
	int n = 0;

	for (int rep = 0; rep < r->reps; rep++) {
		size_t k = ftb_run_slot(r, config, rep, pass);
		const struct ftb_sample *s = &r->sample[k];

		if (!r->have[k] || (s->multiplexed && !r->keep_multiplexed))
			continue;
		v[n++] = counter < 0 ? s->time_ns : s->value[counter];
	}
	return n;
}

int ftb_run_summary(const struct ftb_run *r, int config, int pass, int counter,
		    struct ftb_summary *out)
{
	double *v;
	int n, ret;

	if (config < 0 || config >= r->nconfigs || pass < 0 ||
	    pass >= r->npasses || counter >= r->pass[pass]->ncounters)
		return -EINVAL;
	v = calloc((size_t)r->reps, sizeof(*v));
	if (!v)
		return -ENOMEM;
	n = ftb_run_values(r, config, pass, counter, v);
	ret = ftb_summarize(v, (size_t)n, out);
	free(v);
	return ret;
}

int ftb_run_set_twin(struct ftb_run *r, int config, int twin)
{
	if (config < 0 || config >= r->nconfigs || twin < -1 ||
	    twin >= r->nconfigs || twin == config)
		return -EINVAL;
	r->twin[config] = twin;
	return 0;
}

int ftb_run_set_stop(struct ftb_run *r, int config, enum ftb_stop stop)
{
	if (config < 0 || config >= r->nconfigs || stop < 0 ||
	    stop >= FTB_STOP_NR)
		return -EINVAL;
	r->stop[config] = stop;
	return 0;
}

int ftb_run_count(const struct ftb_run *r, int config)
{
	int n = 0;

	for (int rep = 0; rep < r->reps; rep++)
		for (int p = 0; p < r->npasses; p++)
			if (r->have[ftb_run_slot(r, config, rep, p)]) {
				n++;
				break;
			}
	return n;
}

static int usable(const struct ftb_run *r, size_t k)
{
	return r->have[k] && (!r->sample[k].multiplexed || r->keep_multiplexed);
}

static double value_of(const struct ftb_sample *s, int counter)
{
	return counter < 0 ? s->time_ns : s->value[counter];
}

int ftb_run_overhead(const struct ftb_run *r, int config, int pass, int counter,
		     struct ftb_estimate *out)
{
	double *x, *y;
	size_t n = 0;
	int twin, ret;

	if (config < 0 || config >= r->nconfigs || pass < 0 ||
	    pass >= r->npasses || counter >= r->pass[pass]->ncounters)
		return -EINVAL;
	twin = r->twin[config];
	if (twin < 0)
		return -ENOENT;
	x = calloc((size_t)r->reps, sizeof(*x));
	y = calloc((size_t)r->reps, sizeof(*y));
	if (!x || !y) {
		free(x);
		free(y);
		return -ENOMEM;
	}
	/* Pairs: the same repetition, measured in the same round. */
	for (int rep = 0; rep < r->reps; rep++) {
		size_t a = ftb_run_slot(r, config, rep, pass);
		size_t b = ftb_run_slot(r, twin, rep, pass);

		if (!usable(r, a) || !usable(r, b))
			continue;
		x[n] = value_of(&r->sample[a], counter);
		y[n++] = value_of(&r->sample[b], counter);
	}
	ret = ftb_paired_estimate(x, y, n, out);
	free(x);
	free(y);
	return ret;
}

int ftb_run_flush(struct ftb_run *r)
{
	return ftb_write_atomic(r->dir, "results.json", ftb_results_write, r,
				NULL, 0);
}

int ftb_run_no_result(const struct ftb_run *r, int config, char *buf,
		      size_t len)
{
	if (config < 0 || config >= r->nconfigs || r->error[config] ||
	    r->keep_multiplexed)
		return 0;
	for (int p = 0; p < r->npasses; p++) {
		const struct ftb_backend *b = r->pass[p];
		int have = 0, used = 0;
		char pass[24] = "";

		for (int rep = 0; rep < r->reps; rep++) {
			size_t k = ftb_run_slot(r, config, rep, p);

			have += r->have[k];
			used += r->have[k] && !r->sample[k].multiplexed;
		}
		if (!have || used)
			continue;
		if (r->npasses > 1)
			snprintf(pass, sizeof(pass), " of pass %d", p);
		ftb_errf(buf, len,
			 "no result: %s %d sample%s%s %s flagged, %s; kept in "
			 "samples.csv and left out of the statistics; fix: "
			 "quiet the machine, pin with --cpu, raise --reps or "
			 "shorten the windows with --calls",
			 have == 1 ? "its" : "all", have, have == 1 ? "" : "s",
			 pass, have == 1 ? "was" : "were",
			 b->flagged ? b->flagged : "multiplexed or unreadable");
		return 1;
	}
	return 0;
}

int ftb_run_finish(struct ftb_run *r, const struct ftb_meta *meta)
{
	int ret;

	if (meta)
		r->meta = meta;
	ret = ftb_write_atomic(r->dir, "meta.json", ftb_run_meta_write, r, NULL,
			       0);
	if (!ret)
		ret = ftb_write_atomic(r->dir, "results.json",
				       ftb_results_write, r, NULL, 0);
	return ret;
}

void ftb_run_close(struct ftb_run *r)
{
	if (!r)
		return;
	if (r->csv_fd >= 0)
		close(r->csv_fd);
	ftb_recorded_free(&r->recorded);
	for (int i = 0; r->error && i < r->nconfigs; i++)
		free(r->error[i]);
	free(r->error);
	free(r->done);
	free(r->twin);
	free(r->stop);
	free(r->have);
	free(r->sample);
	free(r);
}
