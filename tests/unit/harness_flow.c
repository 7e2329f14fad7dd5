// SPDX-License-Identifier: GPL-2.0
/*
 * The whole flow as the study runner drives it, with the real system calls
 * and two trivial workloads: meter (auto: here the PMU is missing and the
 * fallback line is printed), pin, provenance, run directory, interleaved
 * schedule, samples, aggregates. Also an example of the API.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness/harness.h"
#include "tests/unit/check.h"

/* Volatile: the loop must run, not be folded away. */
static volatile uint64_t sink;

static void spin(void *ctx, uint64_t calls)
{
	uint64_t k = *(const uint64_t *)ctx;

	for (uint64_t i = 0; i < calls * k; i++)
		sink += i;
}

static uint64_t one = 1, four = 4;

static struct ftb_config configs[] = {
	{ .name = "demo/spin/k=1",
	  .scenario = "demo",
	  .variant = "spin",
	  .nparams = 1,
	  .param = { { "k", "1" } },
	  .workload = { spin, &one } },
	{ .name = "demo/spin/k=4",
	  .scenario = "demo",
	  .variant = "spin",
	  .nparams = 1,
	  .param = { { "k", "4" } },
	  .workload = { spin, &four } },
};

static int study(struct ftb_meter *m, struct ftb_run *run,
		 const struct ftb_method *method)
{
	struct ftb_schedule sch;
	int ret = ftb_schedule_make(&sch, 2, method->repetitions,
				    ftb_meter_npasses(m), method->order_seed);

	for (size_t i = 0; !ret && i < sch.n; i++) {
		const struct ftb_slot *s = &sch.slot[i];
		struct ftb_sample x;

		/* set up configuration s->config here, outside the windows */
		ret = ftb_measure(ftb_meter_pass(m, s->pass),
				  &configs[s->config].workload, method, &x);
		if (!ret)
			ret = ftb_run_append(run, s->config, s->repetition,
					     s->pass, &x);
	}
	ftb_schedule_free(&sch);
	return ret;
}

int main(void)
{
	struct ftb_meter_config mc = { .events = NULL,
				       .mode = FTB_PMU_AUTO,
				       .cpu = 0 };
	struct ftb_method method = { .calls = 20000,
				     .warmup = 2000,
				     .repetitions = 5,
				     .order_seed = 3 };
	const struct ftb_backend *passes[FTB_MAX_PASSES];
	struct ftb_meta *meta = calloc(1, sizeof(*meta));
	char base[] = "/tmp/ftb-flow-XXXXXX", err[512] = "", cmd[64];
	struct ftb_run_spec spec = { .configs = configs,
				     .nconfigs = 2,
				     .repetitions = 5 };
	struct ftb_summary s1 = { 0 }, s4 = { 0 };
	struct ftb_meter *m;
	struct ftb_run *run;

	if (!meta || !mkdtemp(base) ||
	    ftb_meter_open(&m, &mc, err, sizeof(err))) {
		CHECK(0, "meter opens: %s", err);
		free(meta);
		return 1;
	}
	CHECK(1, "meter opens (%s)", ftb_meter_backend(m));
	CHECK(strncmp(ftb_meter_backend(m), "time-", 5) != 0 ||
		      *ftb_meter_reason(m),
	      "a time backend always says why: %s", ftb_meter_reason(m));
	CHECK(!ftb_pin_cpu(0, err, sizeof(err)), "pinned to cpu 0");
	meta->cpu = 0;
	meta->command_line = "harness_flow";
	meta->method = method;
	ftb_meta_collect(meta, m);
	for (int p = 0; p < ftb_meter_npasses(m); p++)
		passes[p] = ftb_meter_pass(m, p);
	spec.pass = passes;
	spec.npasses = ftb_meter_npasses(m);
	spec.meta = meta;
	spec.results_root = base;
	CHECK(!ftb_run_open(&run, &spec, err, sizeof(err)),
	      "run directory under results root: %s", err);
	CHECK(!study(m, run, &method), "every scheduled sample measured");
	CHECK(!ftb_run_summary(run, 0, 0, -1, &s1) &&
		      !ftb_run_summary(run, 1, 0, -1, &s4) && s1.n + s4.n > 0,
	      "aggregates: k=1 %.3g ns/call, k=4 %.3g ns/call (%zu+%zu used)",
	      s1.median, s4.median, s1.n, s4.n);
	ftb_meta_finish(meta);
	CHECK(!ftb_run_finish(run, meta), "run finished in %s",
	      ftb_run_dir(run));
	ftb_run_close(run);
	ftb_meter_close(m);
	free(meta);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	return system(cmd) ? 1 : check_exit();
}
