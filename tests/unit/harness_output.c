// SPDX-License-Identifier: GPL-2.0
/*
 * The run directory: samples.csv rows, results.json aggregates, meta.json,
 * atomic writes, modes under umask 0, refusal of other format versions.
 * With an argument, the run is written there and kept, for tests/harness.t
 * to parse with python3 against the schema.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/internal.h"
#include "tests/unit/check.h"

#define NCONF 3
#define NREP 3

static struct ftb_config configs[NCONF] = {
	{ .name = "ftrace-ops/list/relevant=1/irrelevant=0",
	  .scenario = "ftrace-ops",
	  .variant = "list",
	  .nparams = 2,
	  .param = { { "relevant", "1" }, { "irrelevant", "0" } } },
	{ .name = "ftrace-ops/callops/relevant=1/order=random",
	  .scenario = "ftrace-ops",
	  .variant = "callops",
	  .nparams = 2,
	  .param = { { "relevant", "1" }, { "order", "random" } } },
	{ .name = "ftrace-ops/dyntramp/relevant=2",
	  .scenario = "ftrace-ops",
	  .variant = "dyntramp",
	  .nparams = 1,
	  .param = { { "relevant", "2" } } },
};

static struct ftb_backend pass0 = { .name = "pmu",
				    .ncounters = 2,
				    .counter_name = { "cycles",
						      "instructions" } };
static struct ftb_backend pass1 = { .name = "pmu",
				    .ncounters = 2,
				    .counter_name = { "cycles",
						      "branch-misses" } };

/*
 * Known values: config c, repetition r, pass p: time 10 + c + r (rep 1 of
 * config 1 multiplexed, time 1000), counters 100 * (p + 1) + r and 7.
 */
static void fill(struct ftb_sample *s, int c, int r, int p)
{
	memset(s, 0, sizeof(*s));
	s->ncounters = 2;
	s->calls = 1000;
	s->time_ns = 10 + c + r;
	s->value[0] = 100 * (p + 1) + r;
	s->value[1] = 7;
	if (c == 1 && r == 1) {
		s->multiplexed = 1;
		s->time_ns = 1000;
	}
}

static void meta_init(struct ftb_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->command_line = "ftbench run --test \"quoted\"";
	m->executable = "build/x86_64/ftbench";
	m->cpu = -1;
	m->ncorpus = 2;
	m->corpus[0] = (struct ftb_param){ "funcs_built", "65536" };
	m->corpus[1] = (struct ftb_param){ "body", "alu4" };
	m->method = (struct ftb_method){ 1000, 100, NREP, 7, 1 };
	ftb_meta_collect(m, NULL);
	snprintf(m->backend, sizeof(m->backend), "pmu");
}

static int mode_ok(const char *dir, const char *name)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return !stat(path, &st) && !(st.st_mode & S_IWOTH);
}

static int count_lines(const char *dir, const char *name)
{
	char path[4200];
	int c, n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static int no_temporaries(const char *dir)
{
	char cmd[4300];

	snprintf(cmd, sizeof(cmd), "ls -a '%s' | grep -q tmp", dir);
	return system(cmd) != 0;
}

static void summaries(struct ftb_run *r)
{
	struct ftb_summary s;

	CHECK(!ftb_run_summary(r, 0, 0, -1, &s) && s.n == 3 && s.median == 11 &&
		      s.min == 10 && s.mad == 1,
	      "time summary: median 11, min 10, MAD 1");
	CHECK(!ftb_run_summary(r, 1, 0, -1, &s) && s.n == 2 && s.median == 12,
	      "multiplexed sample left out of the statistics");
	CHECK(!ftb_run_summary(r, 0, 1, 1, &s) && s.median == 7,
	      "pass 1 counter summary");
}

static void write_run(struct ftb_run *r)
{
	struct ftb_schedule sch;
	struct ftb_sample s;
	int ok = 1;

	ftb_schedule_make(&sch, NCONF - 1, NREP, 2, 1);
	for (size_t i = 0; i < sch.n; i++) {
		const struct ftb_slot *x = &sch.slot[i];

		fill(&s, x->config, x->repetition, x->pass);
		ok &= !ftb_run_append(r, x->config, x->repetition, x->pass, &s);
	}
	ftb_schedule_free(&sch);
	CHECK(ok, "every sample appended");
	CHECK(!ftb_run_fail(r, 2, "setup failed: ops, registered"),
	      "failed configuration recorded");
}

static void refusals(const char *base)
{
	const struct ftb_backend *passes[] = { &pass0 };
	struct ftb_meta *m = calloc(1, sizeof(*m));
	struct ftb_run_spec spec = { .configs = configs,
				     .nconfigs = 1,
				     .repetitions = 1,
				     .pass = passes,
				     .npasses = 1,
				     .meta = m };
	char dir[4200], file[4300], err[512] = "";
	struct ftb_run *r;
	FILE *f;
	int v;

	meta_init(m);
	snprintf(dir, sizeof(dir), "%s/old", base);
	mkdir(dir, 0775);
	snprintf(file, sizeof(file), "%s/meta.json", dir);
	f = fopen(file, "w");
	fputs("{\n  \"format_version\": 2\n}\n", f);
	fclose(f);
	spec.dir = dir;
	CHECK(!ftb_run_dir_version(dir, &v) && v == 2, "version read back");
	CHECK(ftb_run_open(&r, &spec, err, sizeof(err)) == -EPROTO &&
		      strstr(err, "format_version 2"),
	      "directory of format_version 2 refused: %s", err);
	snprintf(dir, sizeof(dir), "%s/run", base);
	CHECK(ftb_run_open(&r, &spec, err, sizeof(err)) == -EEXIST,
	      "directory holding a run refused: %s", err);
	free(m);
}

static void append_range(struct ftb_run *r, const struct ftb_schedule *sch,
			 size_t from, size_t to)
{
	struct ftb_sample s;

	for (size_t i = from; i < to; i++) {
		const struct ftb_slot *x = &sch->slot[i];

		fill(&s, x->config, x->repetition, x->pass);
		ftb_run_append(r, x->config, x->repetition, x->pass, &s);
	}
}

/* A half-written last row, as an interruption leaves it. */
static void cut_row(const char *dir)
{
	char path[4300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/samples.csv", dir);
	f = fopen(path, "a");
	if (f) {
		fputs("ftrace-ops/list/relevant=1/irrelevant=0,ftrace-ops,li",
		      f);
		fclose(f);
	}
}

static int has_first(const struct ftb_run *r, const struct ftb_schedule *sch,
		     size_t half)
{
	int ok = 1;

	for (size_t i = 0; i < sch->n; i++) {
		const struct ftb_slot *x = &sch->slot[i];

		ok &= ftb_run_has(r, x->config, x->repetition, x->pass) ==
		      (i < half);
	}
	return ok;
}

static void resume(const char *base, struct ftb_run_spec spec)
{
	const struct ftb_backend *other[] = { &pass0, &pass0 };
	struct ftb_schedule sch;
	char dir[4200], err[512] = "";
	struct ftb_run *r;
	size_t half;

	snprintf(dir, sizeof(dir), "%s/resumed", base);
	spec.dir = dir;
	ftb_schedule_make(&sch, NCONF - 1, NREP, 2, 9);
	half = sch.n / 2;
	if (ftb_run_open(&r, &spec, err, sizeof(err)))
		return;
	append_range(r, &sch, 0, half);
	ftb_run_fail(r, 2, "crashed, \"quoted\"");
	ftb_run_close(r); /* interrupted: no finish */
	cut_row(dir);
	spec.pass = other;
	CHECK(ftb_run_resume(&r, &spec, err, sizeof(err)) == -EPROTO &&
		      strstr(err, "other counters"),
	      "resume with other counters refused: %s", err);
	spec.pass = (const struct ftb_backend *const[]){ &pass0, &pass1 };
	err[0] = '\0';
	CHECK(!ftb_run_resume(&r, &spec, err, sizeof(err)), "resume %s", err);
	if (check_failures)
		return;
	CHECK(has_first(r, &sch, half), "resumed: done slots known, rest not");
	CHECK(ftb_run_has(r, 2, 0, 0), "resumed: failed configuration known");
	append_range(r, &sch, half, sch.n);
	summaries(r);
	CHECK(!ftb_run_finish(r, spec.meta), "resumed run finished");
	ftb_run_close(r);
	CHECK(count_lines(dir, "samples.csv") == 1 + 2 * NREP * 2 + 1,
	      "cut row dropped, every sample once");
	ftb_schedule_free(&sch);
	snprintf(dir, sizeof(dir), "%s/old", base);
	spec.dir = dir;
	CHECK(ftb_run_resume(&r, &spec, err, sizeof(err)) == -EPROTO &&
		      strstr(err, "format_version 2"),
	      "resume of another format_version refused");
	spec.dir = base;
	CHECK(ftb_run_resume(&r, &spec, err, sizeof(err)) == -ENOENT,
	      "resume of a directory without a run refused: %s", err);
}

int main(int argc, char **argv)
{
	const struct ftb_backend *passes[] = { &pass0, &pass1 };
	char base[4096] = "/tmp/ftb-output-XXXXXX", dir[4200], err[512] = "";
	struct ftb_meta *meta = calloc(1, sizeof(*meta));
	struct ftb_run_spec spec = { .configs = configs,
				     .nconfigs = NCONF,
				     .repetitions = NREP,
				     .pass = passes,
				     .npasses = 2,
				     .meta = meta };
	struct ftb_run *r;
	int v;

	umask(0); /* files must still not be world-writable */
	if (argc > 1)
		snprintf(base, sizeof(base), "%s", argv[1]);
	else if (!mkdtemp(base)) {
		free(meta);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/run", base);
	spec.dir = dir;
	meta_init(meta);
	CHECK(!ftb_run_open(&r, &spec, err, sizeof(err)), "run opens: %s", err);
	if (check_failures) {
		free(meta);
		return 1;
	}
	CHECK(count_lines(dir, "samples.csv") == 1,
	      "samples.csv: header first");
	write_run(r);
	summaries(r);
	ftb_meta_finish(meta);
	CHECK(!ftb_run_finish(r, meta), "run finished");
	ftb_run_close(r);
	CHECK(count_lines(dir, "samples.csv") == 1 + 2 * NREP * 2 + 1,
	      "samples.csv: one row per sample, one per failure");
	CHECK(mode_ok(dir, "samples.csv") && mode_ok(dir, "results.json") &&
		      mode_ok(dir, "meta.json") && mode_ok(dir, "."),
	      "nothing world-writable under umask 0");
	CHECK(no_temporaries(dir), "no temporary files left");
	CHECK(!ftb_run_dir_version(dir, &v) && v == FTB_FORMAT_VERSION,
	      "format_version %d read back", FTB_FORMAT_VERSION);
	refusals(base);
	resume(base, spec);
	free(meta);
	if (argc < 2) {
		snprintf(dir, sizeof(dir), "rm -rf '%s'", base);
		if (system(dir))
			return 1;
	}
	return check_exit();
}
