// SPDX-License-Identifier: GPL-2.0
/*
 * Resuming an interrupted run: samples.csv is the record (every completed
 * sample is one whole line there), so it is read back into the run's store,
 * the runner skips the slots already done (ftb_run_has), and new rows are
 * appended to the same file. Only a run of this format_version, measured
 * here (host, arch, corpus, backend) with the same options and counter
 * columns, whose rows are all well formed samples of its configurations,
 * is resumed; otherwise one line says why.
 *
 * A last line without its newline is a row cut by the interruption: it is
 * dropped (truncated away) and never parsed. Any other malformed line is
 * refused, naming it: the file was damaged, not interrupted.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/output.h"

#define FIXED_FIELDS 10 /* name ... real_time_ns */
#define MAX_FIELDS (FIXED_FIELDS + 1 + FTB_MAX_COLUMNS)

/*
 * Splits one RFC 4180 line (no newline) in place; returns the field count,
 * or -1 when a quoted field is not closed or is followed by anything but a
 * comma.
 */
static int split_csv(char *line, char **field, int max)
{
	static char empty[] = "";
	int n = 0;
	char *s = line;

	/* Fields past the line's end read as empty, never as garbage. */
	for (int i = 0; i < max; i++)
		field[i] = empty;

	for (;;) {
		char *out = s;

		if (n == max)
			return -1;
		field[n++] = s;
		if (*s == '"') {
			for (s++;; s++) {
				if (!*s)
					return -1;
				if (*s == '"' && s[1] != '"')
					break;
				*out++ = *s == '"' ? *++s : *s;
			}
			s++;
		} else {
			for (; *s && *s != ',' && *s != '"'; s++)
				*out++ = *s;
		}
		if (*s && *s != ',')
			return -1;
		if (!*s) {
			*out = '\0';
			return n;
		}
		*out = '\0';
		s++;
	}
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
	static const char *const fixed[FIXED_FIELDS] = {
		"name", "scenario", "variant", "params",      "repetition",
		"pass", "calls",    "backend", "multiplexed", "real_time_ns"
	};
	int ok = n == FIXED_FIELDS + 1 + r->ncols && !strcmp(f[n - 1], "error");

	for (int i = 0; ok && i < FIXED_FIELDS; i++)
		ok = !strcmp(f[i], fixed[i]);
	for (int c = 0; ok && c < r->ncols; c++)
		ok = !strcmp(f[FIXED_FIELDS + c], r->col[c].name);
	if (!ok)
		ftb_errf(err, errlen,
			 "%s/samples.csv was measured with other counters or "
			 "another format; fix: resume with the same --pmu and "
			 "--events, or start a new run",
			 r->dir);
	return ok ? 0 : -EPROTO;
}

/* A whole-field decimal integer in [0, max), else -1. */
static long index_in(const char *s, long max)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9' || (*s == '0' && s[1]))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return errno || *end || v >= max ? -1 : v;
}

/* A whole-field finite number into *v (empty: NaN); -1 if it is not. */
static int number(const char *s, double *v)
{
	char *end;

	*v = NAN;
	if (!*s)
		return 0;
	if (!strchr("-0123456789", *s))
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	return *end || errno == ERANGE || !isfinite(*v) ? -1 : 0;
}

/* "k=v;k=v" as the writer gives it for configuration c. */
static int params_match(const struct ftb_config *c, const char *text)
{
	char buf[512];

	ftb_csv_params(c, buf, sizeof(buf));
	return !strcmp(buf, text);
}

struct line {
	const char *path;
	long no;
	char *f[MAX_FIELDS]; /* the fields, in the line's own bytes */
	int n;
	char *err;
	size_t errlen;
};

static int bad(const struct line *l, const char *why, const char *field)
{
	ftb_errf(l->err, l->errlen,
		 "%s: line %ld %s (field %s); fix: delete the line, or start "
		 "a new run",
		 l->path, l->no, why, field);
	return -EPROTO;
}

/* Counter columns: this pass's are numbers or empty, the others empty. */
static int load_values(const struct ftb_run *r, const struct line *l, int pass,
		       struct ftb_sample *s)
{
	const struct ftb_backend *b = r->pass[pass];

	for (int c = 0; c < r->ncols; c++) {
		const char *text = l->f[FIXED_FIELDS + c];
		int i;

		for (i = 0; i < b->ncounters; i++)
			if (r->col_of[pass][i] == c)
				break;
		if (i == b->ncounters) {
			if (*text)
				return bad(l,
					   "has a value its pass does not "
					   "measure",
					   r->col[c].name);
			continue;
		}
		if (number(text, &s->value[i]))
			return bad(l, "is not a number", r->col[c].name);
	}
	return 0;
}

static int load_sample(struct ftb_run *r, const struct line *l, int config)
{
	char *const *f = l->f;
	long rep = index_in(f[4], r->reps), pass = index_in(f[5], r->npasses);
	long calls = index_in(f[6], 1L << 62);
	struct ftb_sample s = { 0 };
	size_t k;

	if (rep < 0)
		return bad(l, "has a repetition out of range", "repetition");
	if (pass < 0)
		return bad(l, "has a pass out of range", "pass");
	if (calls <= 0)
		return bad(l, "has no call count", "calls");
	if (strcmp(f[7], r->pass[pass]->name) != 0)
		return bad(l, "was measured by another backend", "backend");
	if (strcmp(f[8], "0") != 0 && strcmp(f[8], "1") != 0)
		return bad(l, "has a multiplexed flag other than 0 or 1",
			   "multiplexed");
	if (number(f[9], &s.time_ns))
		return bad(l, "is not a number", "real_time_ns");
	if (*f[l->n - 1])
		return bad(l, "is a sample with an error", "error");
	s.ncounters = r->pass[pass]->ncounters;
	s.calls = (uint64_t)calls;
	s.multiplexed = f[8][0] == '1';
	if (load_values(r, l, (int)pass, &s))
		return -EPROTO;
	k = ftb_run_slot(r, config, (int)rep, (int)pass);
	if (r->have[k])
		return bad(l, "is a second sample of that repetition and pass",
			   "repetition");
	r->sample[k] = s;
	r->have[k] = 1;
	r->done[config]++;
	return 0;
}

static int load_row(struct ftb_run *r, const struct line *l)
{
	int config = find_config(r, l->f[0]);
	const struct ftb_config *c;

	if (l->n != FIXED_FIELDS + 1 + r->ncols)
		return bad(l, "does not have the header's fields", "name");
	if (config < 0) {
		ftb_errf(l->err, l->errlen,
			 "%s: line %ld: '%s' is not a configuration of this "
			 "study; fix: resume with the same scenarios and "
			 "options",
			 l->path, l->no, l->f[0]);
		return -EPROTO;
	}
	c = &r->configs[config];
	if (strcmp(l->f[1], c->scenario) != 0)
		return bad(l, "names another scenario", "scenario");
	if (strcmp(l->f[2], c->variant) != 0)
		return bad(l, "names another variant", "variant");
	if (!params_match(c, l->f[3]))
		return bad(l, "names other parameters", "params");
	if (strcmp(l->f[7], "failed") != 0)
		return load_sample(r, l, config);
	if (!*l->f[l->n - 1])
		return bad(l, "is a failure without a reason", "error");
	free(r->error[config]);
	r->error[config] = strdup(l->f[l->n - 1]);
	return r->error[config] ? 0 : -ENOMEM;
}

/* One complete line (newline stripped): the header or a row. */
static int load_line(struct ftb_run *r, char *text, size_t len, struct line *l)
{
	if (strlen(text) != len)
		return bad(l, "holds a NUL byte", "name");
	l->n = split_csv(text, l->f, MAX_FIELDS);
	if (l->n < 0)
		return bad(l, "is not a CSV row", "name");
	if (l->no == 1)
		return check_header(r, l->f, l->n, l->err, l->errlen);
	return load_row(r, l);
}

int ftb_csv_load(struct ftb_run *r, FILE *in, long *good, int *header,
		 char *err, size_t errlen)
{
	char path[PATH_MAX], *text = NULL;
	size_t cap = 0;
	struct line l = { .path = path, .err = err, .errlen = errlen };
	ssize_t n;
	int ret = 0;

	if (ftb_fmt(path, sizeof(path), "%s/samples.csv", r->dir))
		return -ENAMETOOLONG;
	*good = 0;
	*header = 0;
	r->rows = 0;
	while (!ret && (n = getline(&text, &cap, in)) > 0) {
		/* A last line without its newline: cut by a kill, dropped. */
		if (text[n - 1] != '\n')
			break;
		text[--n] = '\0';
		l.no++;
		ret = load_line(r, text, (size_t)n, &l);
		if (ret)
			break;
		*good = ftell(in);
		if (l.no == 1)
			*header = 1;
		else
			r->rows++;
	}
	if (!ret && ferror(in)) {
		ftb_errf(err, errlen, "%s: read error", path);
		ret = -EIO;
	}
	free(text);
	return ret;
}

/* Temporaries of atomic writes a kill left behind (.NAME.PID.tmp). */
static void remove_temporaries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[PATH_MAX];

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (e->d_name[0] != '.' || n < 5 ||
		    strcmp(e->d_name + n - 4, ".tmp") != 0 ||
		    (strncmp(e->d_name, ".results.json.", 14) != 0 &&
		     strncmp(e->d_name, ".meta.json.", 11) != 0))
			continue;
		if (!ftb_fmt(path, sizeof(path), "%s/%s", dir, e->d_name))
			unlink(path);
	}
	closedir(d);
}

/*
 * Reads samples.csv, drops a cut last row, and reopens it for appending.
 * A file without a complete header (the kill came before it was written)
 * starts again from its header.
 */
static int reopen_csv(struct ftb_run *r, char *err, size_t errlen)
{
	char path[PATH_MAX];
	long good = 0;
	int header = 0, ret;
	FILE *in;

	if (ftb_fmt(path, sizeof(path), "%s/samples.csv", r->dir))
		return -ENAMETOOLONG;
	in = fopen(path, "re");
	if (!in && errno != ENOENT) {
		ret = -errno;
		ftb_errf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	if (in) {
		ret = ftb_csv_load(r, in, &good, &header, err, errlen);
		fclose(in);
		if (ret)
			return ret;
		if (truncate(path, good)) {
			ret = -errno;
			ftb_errf(err, errlen, "%s: truncate: %s", path,
				 strerror(errno));
			return ret;
		}
	}
	if (!header)
		return ftb_csv_create(r, O_TRUNC, err, errlen);
	r->csv_fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (r->csv_fd < 0) {
		ret = -errno;
		ftb_errf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	return 0;
}

static int differs(const char *dir, const char *what, const char *was,
		   const char *now, char *err, size_t errlen)
{
	if (was && now && !strcmp(was, now))
		return 0;
	ftb_errf(err, errlen,
		 "%s was measured with %s %s, this session has %s; fix: resume "
		 "it where and as it began, or start a new run",
		 dir, what, was ? was : "(none)", now ? now : "(none)");
	return -EPROTO;
}

/* The value text of member key of object obj, or NULL. */
static const char *member_text(const struct ftb_jval *obj, const char *key)
{
	const struct ftb_jval *v = ftb_json_get(obj, key);

	return v && (v->type == FTB_JSON_STRING || v->type == FTB_JSON_NUMBER)
		       ? v->text
		       : NULL;
}

/* Same machine, corpus, backend and options as the run's first session. */
static int check_same(const struct ftb_recorded *rec, const char *dir,
		      const struct ftb_meta *m, char *err, size_t errlen)
{
	const struct ftb_jval *corpus = ftb_json_get(rec->tree, "corpus");
	int ret = differs(dir, "host", rec->host, m->host, err, errlen) ?:
			  differs(dir, "arch", rec->arch, m->arch, err,
				  errlen) ?:
			  differs(dir, "backend", rec->backend, m->backend, err,
				  errlen);
	char what[96];

	for (int i = 0; !ret && i < m->ncorpus; i++) {
		snprintf(what, sizeof(what), "corpus %s", m->corpus[i].key);
		ret = differs(dir, what, member_text(corpus, m->corpus[i].key),
			      m->corpus[i].value, err, errlen);
	}
	if (!ret && rec->noptions != m->noptions)
		ret = differs(dir, "options", "another set", "this one", err,
			      errlen);
	for (int i = 0; !ret && i < m->noptions; i++) {
		snprintf(what, sizeof(what), "option %s", m->options[i].key);
		ret = differs(dir, what,
			      strcmp(rec->option[i].key, m->options[i].key)
				      ? NULL
				      : rec->option[i].value,
			      m->options[i].value, err, errlen);
	}
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

int ftb_run_resume(struct ftb_run **out, const struct ftb_run_spec *s,
		   char *err, size_t errlen)
{
	struct ftb_recorded rec;
	struct ftb_run *r;
	int ret;

	if (!s->dir) {
		ftb_errf(err, errlen, "resume: no run directory given");
		return -EINVAL;
	}
	ret = check_version(s->dir, err, errlen)
		      ?: ftb_recorded_read(s->dir, &rec, err, errlen);
	if (ret)
		return ret;
	ret = check_same(&rec, s->dir, s->meta, err, errlen);
	if (!ret)
		ret = ftb_run_init(&r, s, err, errlen);
	if (ret) {
		ftb_recorded_free(&rec);
		return ret;
	}
	r->recorded = rec;
	if (rec.date)
		snprintf(r->date, sizeof(r->date), "%s", rec.date);
	if (ftb_fmt(r->dir, sizeof(r->dir), "%s", s->dir))
		ret = -ENAMETOOLONG;
	if (!ret) {
		remove_temporaries(r->dir);
		ret = reopen_csv(r, err, errlen);
	}
	/* The resume is on record before its first sample. */
	if (!ret)
		ret = ftb_write_atomic(r->dir, "meta.json", ftb_run_meta_write,
				       r, err, errlen);
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
