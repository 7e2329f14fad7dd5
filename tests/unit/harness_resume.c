// SPDX-License-Identifier: GPL-2.0
/*
 * Resuming a run directory (harness/output_resume.c, recorded.c): a cut
 * last row is dropped and truncated away, a damaged row elsewhere or a
 * second sample of one slot is refused with its line number, a samples.csv
 * without its header starts again, temporaries a kill left are removed,
 * another host or other options are refused, and meta.json keeps the first
 * session and lists every resume.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/internal.h"
#include "tests/unit/check.h"

static struct ftb_config configs[] = {
	{ .name = "ftrace-ops/list/relevant=1",
	  .scenario = "ftrace-ops",
	  .variant = "list",
	  .nparams = 1,
	  .param = { { "relevant", "1" } } },
	{ .name = "ftrace-ops/callops/relevant=1",
	  .scenario = "ftrace-ops",
	  .variant = "callops",
	  .nparams = 1,
	  .param = { { "relevant", "1" } } },
};

static struct ftb_backend pass0 = { .name = "time-tsc",
				    .ncounters = 1,
				    .counter_name = { "ticks" } };

static const struct ftb_backend *const passes[] = { &pass0 };

#define HEADER                                                        \
	"name,scenario,variant,params,repetition,pass,calls,backend," \
	"multiplexed,real_time_ns,ticks,error\n"
#define ROW(cfg, rep)                                                       \
	"ftrace-ops/" cfg "/relevant=1,ftrace-ops," cfg ",relevant=1," #rep \
	",0,1000,time-tsc,0,2.5,6.5,\n"

static struct ftb_meta meta;

static void meta_init(const char *command_line)
{
	memset(&meta, 0, sizeof(meta));
	meta.command_line = command_line;
	meta.cpu = -1;
	meta.ncorpus = 1;
	meta.corpus[0] = (struct ftb_param){ "funcs_built", "4096" };
	meta.noptions = 2;
	meta.options[0] = (struct ftb_param){ "scenarios", "ftrace-ops" };
	meta.options[1] = (struct ftb_param){ "repetitions", "2" };
	ftb_meta_collect(&meta, NULL);
	snprintf(meta.backend, sizeof(meta.backend), "time-tsc");
}

static struct ftb_run_spec spec_for(const char *dir)
{
	return (struct ftb_run_spec){ .dir = dir,
				      .configs = configs,
				      .nconfigs = 2,
				      .repetitions = 2,
				      .pass = passes,
				      .npasses = 1,
				      .meta = &meta };
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *get(const char *dir, const char *name)
{
	static char buf[16384];
	char path[4200];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	buf[0] = '\0';
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* A run begun in dir, then killed: meta.json as written, rows as given. */
static void begun(const char *dir, const char *csv)
{
	struct ftb_run_spec s = spec_for(dir);
	struct ftb_run *r;
	char err[512];

	meta_init("ftbench run --out first");
	if (!ftb_run_open(&r, &s, err, sizeof(err)))
		ftb_run_close(r);
	put(dir, "samples.csv", csv);
}

/* Resumes and finishes at once; *known: slot (0,0) stored, (1,1) not. */
static int resume(const char *dir, char *err, size_t errlen, int *known)
{
	struct ftb_run_spec s = spec_for(dir);
	struct ftb_run *r;
	int ret;

	meta_init("ftbench run --resume again");
	ret = ftb_run_resume(&r, &s, err, errlen);
	if (!ret) {
		if (known)
			*known = ftb_run_has(r, 0, 0, 0) &&
				 !ftb_run_has(r, 1, 1, 0);
		ftb_run_finish(r, &meta);
		ftb_run_close(r);
	}
	return ret;
}

static void torn_and_temporaries(const char *base)
{
	char dir[4200], err[512] = "";
	int known = 0;

	snprintf(dir, sizeof(dir), "%s/torn", base);
	begun(dir, HEADER ROW("list", 0) ROW("callops", 0) "ftrace-ops/li");
	put(dir, ".results.json.4242.tmp", "{\"context\": {\"da");
	CHECK(!resume(dir, err, sizeof(err), &known) && known,
	      "a cut last row: resumed with the complete rows known (%s)", err);
	CHECK(!strcmp(get(dir, "samples.csv"),
		      HEADER ROW("list", 0) ROW("callops", 0)),
	      "the cut row is truncated away, nothing else changes");
	CHECK(access(strcat(dir, "/.results.json.4242.tmp"), F_OK) &&
		      errno == ENOENT,
	      "a temporary a kill left behind is removed");
}

static void refused(const char *base, const char *name, const char *csv,
		    const char *want)
{
	char dir[4200], err[512] = "";

	snprintf(dir, sizeof(dir), "%s/%s", base, name);
	begun(dir, csv);
	CHECK(resume(dir, err, sizeof(err), NULL) == -EPROTO &&
		      strstr(err, want) &&
		      !strcmp(get(dir, "samples.csv"), csv),
	      "%s: refused, file untouched: %s", name, err);
}

static void headerless(const char *base)
{
	char dir[4200], err[512] = "";

	snprintf(dir, sizeof(dir), "%s/headerless", base);
	begun(dir, "name,scenario,vari");
	CHECK(!resume(dir, err, sizeof(err), NULL) &&
		      !strcmp(get(dir, "samples.csv"), HEADER),
	      "a samples.csv cut inside its header starts again from it (%s)",
	      err);
}

static void meta_history(const char *base)
{
	char dir[4200], err[512] = "";
	struct ftb_recorded rec;

	snprintf(dir, sizeof(dir), "%s/history", base);
	begun(dir, HEADER ROW("list", 0));
	resume(dir, err, sizeof(err), NULL);
	resume(dir, err, sizeof(err), NULL);
	CHECK(!ftb_recorded_read(dir, &rec, err, sizeof(err)) &&
		      rec.nresumes == 2 &&
		      !strcmp(rec.command_line, "ftbench run --out first") &&
		      rec.noptions == 2 && !strcmp(rec.option[1].value, "2"),
	      "meta.json: the first command line, its options, 2 resumes");
	CHECK(strstr(get(dir, "meta.json"),
		     "\"command_line\": \"ftbench run --resume again\""),
	      "meta.json: each resume's command line");
	ftb_recorded_free(&rec);
	meta_init("ftbench run --resume again");
	snprintf(meta.host, sizeof(meta.host), "elsewhere");
	{
		struct ftb_run_spec s = spec_for(dir);
		struct ftb_run *r;

		CHECK(ftb_run_resume(&r, &s, err, sizeof(err)) == -EPROTO &&
			      strstr(err, "host"),
		      "resumed on another host: refused: %s", err);
		meta_init("ftbench run --resume again");
		meta.options[1].value = "3";
		CHECK(ftb_run_resume(&r, &s, err, sizeof(err)) == -EPROTO &&
			      strstr(err, "option repetitions"),
		      "resumed with other options: refused: %s", err);
	}
}

int main(void)
{
	char base[] = "/tmp/ftb-resume-XXXXXX", cmd[64];

	if (!mkdtemp(base))
		return 1;
	torn_and_temporaries(base);
	refused(base, "damaged",
		HEADER ROW("list", 0) "garbage\n" ROW("list", 1),
		"line 3 does not have the header's fields");
	refused(base, "twice", HEADER ROW("list", 0) ROW("list", 0),
		"line 3 is a second sample");
	refused(base, "nan",
		HEADER "ftrace-ops/list/relevant=1,ftrace-ops,list,"
		       "relevant=1,0,0,1000,time-tsc,0,nan,6.5,\n",
		"line 2 is not a number (field real_time_ns)");
	refused(base, "other-backend",
		HEADER "ftrace-ops/list/relevant=1,ftrace-ops,list,"
		       "relevant=1,0,0,1000,pmu,0,2.5,6.5,\n",
		"another backend");
	refused(base, "other-params",
		HEADER "ftrace-ops/list/relevant=1,ftrace-ops,list,"
		       "relevant=2,0,0,1000,time-tsc,0,2.5,6.5,\n",
		"other parameters");
	refused(base, "repetition", HEADER ROW("list", 2),
		"line 2 has a repetition out of range");
	refused(base, "unknown",
		HEADER "ftrace-ops/direct/relevant=1,ftrace-ops,"
		       "direct,relevant=1,0,0,1000,time-tsc,0,"
		       "2.5,6.5,\n",
		"is not a configuration of this study");
	headerless(base);
	meta_history(base);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd))
		return 1;
	return check_exit();
}
