// SPDX-License-Identifier: GPL-2.0
/*
 * The resume reader of samples.csv (harness/output_resume.c) fed any bytes,
 * against a study of three configurations measured in two passes. Beyond
 * not crashing, what it accepts must be exactly its complete lines: every
 * byte after the last one it keeps is the one cut last line (no newline),
 * every kept line is the header or one stored sample or failure, and no
 * sample is stored twice.
 */
#include <string.h>

#include "harness/output.h"
#include "tests/fuzz/fuzz.h"

static struct ftb_config configs[] = {
	{ .name = "ftrace-ops/list/relevant=1/irrelevant=0",
	  .scenario = "ftrace-ops",
	  .variant = "list",
	  .nparams = 2,
	  .param = { { "relevant", "1" }, { "irrelevant", "0" } } },
	{ .name = "footprint/callops/funcs=16/order=random",
	  .scenario = "footprint",
	  .variant = "callops",
	  .nparams = 2,
	  .param = { { "funcs", "16" }, { "order", "random" } } },
	{ .name = "odd,\"name\"/dyntramp",
	  .scenario = "odd,\"name\"",
	  .variant = "dyntramp",
	  .nparams = 0 },
};

#define NCONF (int)(sizeof(configs) / sizeof(configs[0]))
#define NREP 3

static struct ftb_backend pass0 = { .name = "pmu",
				    .ncounters = 2,
				    .counter_name = { "cycles",
						      "instructions" } };
static struct ftb_backend pass1 = { .name = "pmu-user",
				    .ncounters = 2,
				    .counter_name = { "cycles",
						      "branch-misses" } };

static size_t newlines(const uint8_t *d, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += d[i] == '\n';
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ftb_backend *const passes[] = { &pass0, &pass1 };
	static struct ftb_meta meta;
	struct ftb_run_spec spec = { .dir = "fuzz",
				     .configs = configs,
				     .nconfigs = NCONF,
				     .repetitions = NREP,
				     .pass = passes,
				     .npasses = 2,
				     .meta = &meta };
	char err[512];
	struct ftb_run *r;
	long good = -1;
	int header = -1, ret;
	size_t stored = 0, failed = 0, done = 0;
	FILE *in;

	if (!size || ftb_run_init(&r, &spec, err, sizeof(err)))
		return 0;
	snprintf(r->dir, sizeof(r->dir), "fuzz");
	in = fmemopen((void *)data, size, "r");
	if (!in) {
		ftb_run_close(r);
		return 0;
	}
	ret = ftb_csv_load(r, in, &good, &header, err, sizeof(err));
	fclose(in);
	if (!ret) {
		FUZZ_ASSERT(good >= 0 && (size_t)good <= size, "offset %ld",
			    good);
		FUZZ_ASSERT(!memchr(data + good, '\n', size - (size_t)good),
			    "a complete line after the last one kept");
		FUZZ_ASSERT(!good || data[good - 1] == '\n',
			    "kept a line without its newline");
		FUZZ_ASSERT(header == (good > 0), "header %d, offset %ld",
			    header, good);
		for (int c = 0; c < NCONF; c++) {
			failed += !!r->error[c];
			done += (size_t)r->done[c];
		}
		for (size_t k = 0; k < (size_t)NCONF * NREP * 2; k++)
			stored += r->have[k];
		FUZZ_ASSERT(stored == done, "%zu stored, %zu counted", stored,
			    done);
		FUZZ_ASSERT(r->rows + (good > 0) ==
				    newlines(data, (size_t)good),
			    "%zu rows from %zu lines", r->rows,
			    newlines(data, (size_t)good));
		FUZZ_ASSERT(stored <= r->rows, "%zu rows, %zu samples", r->rows,
			    stored);
		FUZZ_ASSERT(failed <= r->rows - stored,
			    "%zu failures in %zu rows", failed,
			    r->rows - stored);
	} else {
		FUZZ_ASSERT(err[0] && !strchr(err, '\n'),
			    "a refusal without its one line");
	}
	ftb_run_close(r);
	return 0;
}
