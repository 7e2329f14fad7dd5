// SPDX-License-Identifier: GPL-2.0
/*
 * The study runner: expands scenarios into configurations, runs them in
 * the harness's interleaved order, scenario by scenario, and hands every
 * sample to the run directory as it completes.
 *
 * Fault isolation: configurations run in a child process that reports each
 * step over a pipe. When the child dies (a bad patch: SIGSEGV, SIGILL,
 * SIGBUS), the configuration it was in is recorded as failed with the
 * signal, and a new child carries on with the next one. This holds under
 * the emulated PMU too: the plugin keeps its region state per thread and
 * tags its lines with the pid (docs/emu.md).
 *
 * The parent never measures and the child never formats: the child sends
 * raw samples, the parent appends them.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "asm/site.h"
#include "bench/cli.h"
#include "bench/run_opts.h"
#include "bench/study.h"
#include "variants/text.h"

enum msg_kind { MSG_BEGIN, MSG_SAMPLE, MSG_FAILED };

struct msg {
	int kind;
	int slot;
	struct ftb_sample sample;
	char err[256];
};

struct runner {
	const struct ftb_run_opts *o;
	struct ftb_point *points;
	struct ftb_config *configs;
	char (*names)[256];
	int nconfigs;
	uint8_t *failed;
	int *twin;    /* the untraced twin of each configuration, or -1 */
	int *group;   /* the scenario's groups (scenario-relative) */
	int max_reps; /* what the run stores: adaptive rounds stop there */
	struct ftb_meter *meter;
	const struct ftb_backend *pass[FTB_MAX_PASSES]; /* the run keeps it */
	struct ftb_run *run;
	/* the scenario being run */
	struct ftb_schedule sched;
	int first; /* its first configuration */
	/* progress */
	size_t done, total;
	time_t start;
	int tty;
	/* must-count counters that read 0 (meta.json "conditions") */
	struct ftb_zero_watch zero;
};

static volatile sig_atomic_t stop_signal;
static pid_t child_pid;

static void on_stop(int sig)
{
	stop_signal = sig;
	if (child_pid > 0)
		kill(child_pid, SIGTERM);
}

/* ---- Child side: set up, measure, tear down ---- */

struct child {
	struct runner *r;
	struct ftb_meter *meter;
	struct ftb_corpus corpus[FTB_LAYOUT_NR];
	int corpus_open[FTB_LAYOUT_NR];
	struct ftb_ctx ctx;
	int active; /* configuration set up, or -1 */
	void (*emit)(struct runner *r, const struct msg *m);
	int fd;
	size_t begun; /* slots set up in this process */
};

/* The child a fault handler reports for. */
static struct child *faulting_child;
static int fault_slot = -1;

static void send_msg(struct child *c, struct msg *m);

/*
 * A child that faults reports where (the function of the corpus, or the
 * address) before it dies of the signal's default action. snprintf is not
 * async-signal-safe in general; the process is about to die and its other
 * threads hold no locks the handler takes.
 */
static void on_fault(int sig, siginfo_t *si, void *uc)
{
	struct child *c = faulting_child;
	struct msg m = { .kind = MSG_FAILED, .slot = fault_slot };
	uintptr_t a = (uintptr_t)si->si_addr;
	int idx = -1;

	(void)uc;
	if (c && c->active >= 0)
		idx = ftb_corpus_index_of(c->ctx.corpus, a);
	if (idx >= 0) {
		char name[64];

		ftb_corpus_fn_name(c->ctx.corpus, (size_t)idx, name,
				   sizeof(name));
		snprintf(m.err, sizeof(m.err), "%s at %#lx in %s (site %#lx)",
			 strsignal(sig), (unsigned long)a, name,
			 (unsigned long)c->ctx.corpus->sites[idx].call);
	} else
		snprintf(m.err, sizeof(m.err), "%s at %#lx", strsignal(sig),
			 (unsigned long)a);
	if (c && m.slot >= 0)
		send_msg(c, &m);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_faults(struct child *c)
{
	struct sigaction sa = { .sa_sigaction = on_fault,
				.sa_flags = SA_SIGINFO | SA_RESETHAND };
	static const int sigs[] = { SIGSEGV, SIGILL, SIGBUS, SIGFPE };

	faulting_child = c;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void send_msg(struct child *c, struct msg *m)
{
	if (c->fd < 0) {
		c->emit(c->r, m);
		return;
	}
	if (write(c->fd, m, sizeof(*m)) != (ssize_t)sizeof(*m))
		_exit(3);
}

static void config_down(struct child *c)
{
	const struct ftb_point *p;

	if (c->active < 0)
		return;
	p = &c->r->points[c->active];
	p->sc->teardown(&c->ctx);
	ftb_ctx_release(&c->ctx);
	p->v->teardown();
	c->active = -1;
}

/*
 * FTBENCH_TEST_CORRUPT=VARIANT breaks every function of that variant's
 * configurations (an undefined instruction in each call slot in use), to
 * prove that a crashing configuration is reported and the run goes on.
 */
static void test_corrupt(struct child *c, const struct ftb_point *p)
{
	const char *victim = getenv("FTBENCH_TEST_CORRUPT");

	if (!victim || strcmp(victim, p->v->name) != 0)
		return;
	/* With FTBENCH_TEST_HANG set, spin instead: the watchdog's test. */
	while (getenv("FTBENCH_TEST_HANG"))
		;
	if (text_begin())
		return;
	for (size_t i = 0; i < c->ctx.norder; i++)
		arch_site_corrupt(&c->ctx.corpus->sites[c->ctx.order[i]]);
	text_end();
}

static int config_up(struct child *c, int config, char *err, size_t errlen)
{
	const struct ftb_point *p = &c->r->points[config];
	enum ftb_layout l = p->v->layout;

	size_t nr =
		p->sc->wide ? ftb_corpus_params.funcs : c->r->o->study.funcs;

	if (c->active == config)
		return 0;
	config_down(c);
	if (c->corpus_open[l] && c->corpus[l].nr != nr) {
		ftb_corpus_close(&c->corpus[l]);
		c->corpus_open[l] = 0;
	}
	if (!c->corpus_open[l]) {
		if (ftb_corpus_open(&c->corpus[l], l, nr, err, errlen))
			return -1;
		c->corpus_open[l] = 1;
	}
	memset(&c->ctx, 0, sizeof(c->ctx));
	c->ctx.p = p;
	c->ctx.corpus = &c->corpus[l];
	if (p->v->init(&c->corpus[l], err, errlen))
		return -1;
	c->active = config;
	if (p->sc->setup(&c->ctx, err, errlen)) {
		config_down(c);
		return -1;
	}
	test_corrupt(c, p);
	return 0;
}

/*
 * The emulated PMU counts exactly: one pair of windows gives the exact
 * difference, a repetition the same counts again. Its paired scenarios
 * get no more windows and no adaptive rounds (qemu is slow, and the path
 * run of docs/model.md measures each configuration once).
 */
static int exact_counts(const struct runner *r)
{
	return !strcmp(ftb_meter_backend(r->meter), "emu");
}

/*
 * K pairs of windows for a paired scenario, one under exact counts.
 * FTBENCH_WINDOWS=1 measures every sample as one N-vs-2N pair, the method
 * of the emulated PMU: tests/vm-pmu.t compares the PMU with the plugin
 * measured the same way (the least of K windows keeps the window's
 * constant wherever counts vary between windows, as ops-sweep's do).
 */
static int sample_windows(const struct runner *r, int config)
{
	const char *env = getenv("FTBENCH_WINDOWS");
	int k = r->points[config].sc->windows;

	if (env && !strcmp(env, "1"))
		return 1;
	return exact_counts(r) || k < 1 ? 1 : k;
}

/*
 * The metric the stop rule watches: time for a time backend, else pass
 * 0's first counter (cycles, or the emulated PMU's first).
 */
static int stop_counter(const struct runner *r)
{
	return !strncmp(ftb_meter_backend(r->meter), "time-", 5) ? -1 : 0;
}

/*
 * A configuration whose setup failed may have left the ftrace state half
 * changed (a patch refused midway, as the kernel's ftrace_bug() leaves it):
 * nothing more runs in this process. A child exits and the parent starts a
 * fresh one at the next slot; the in-process runner stops.
 */
static int child_slot(struct child *c, int s)
{
	const struct ftb_slot *sl = &c->r->sched.slot[s];
	int config = c->r->first + sl->config;
	struct ftb_method method = { .calls = c->r->points[config].calls,
				     .warmup = c->r->points[config].calls / 4,
				     .windows = sample_windows(c->r, config) };
	struct ftb_workload w;
	struct msg m = { .kind = MSG_BEGIN, .slot = s };

	/* Enough calls that one tick is a tenth of the target per call. */
	if (c->r->points[config].sc->windows && !c->r->o->calls &&
	    stop_counter(c->r) < 0) {
		uint64_t least = ftb_method_min_calls(
			ftb_meter_tick_hz(c->r->meter), FTB_TARGET / 10);

		if (method.calls < least) {
			method.calls = least;
			method.warmup = least / 4;
		}
	}
	fault_slot = s;
	send_msg(c, &m);
	if (config_up(c, config, m.err, sizeof(m.err))) {
		m.kind = MSG_FAILED;
		send_msg(c, &m);
		return -1;
	}
	if (c->fd >= 0)
		ftb_test_kill_child(++c->begun);
	w.run = c->r->points[config].sc->run;
	w.ctx = &c->ctx;
	if (ftb_measure(ftb_meter_pass(c->meter, sl->pass), &w, &method,
			&m.sample)) {
		m.kind = MSG_FAILED;
		snprintf(m.err, sizeof(m.err), "measurement failed");
		send_msg(c, &m);
		return 0;
	}
	m.kind = MSG_SAMPLE;
	send_msg(c, &m);
	return 0;
}

/* Does any scenario of the run do part of its work in the kernel? */
static int wants_kernel(const struct runner *r)
{
	for (int i = 0; i < r->nconfigs; i++)
		if (r->points[i].sc->kernel)
			return 1;
	return 0;
}

static int open_child_meter(struct child *c)
{
	const struct ftb_run_opts *o = c->r->o;
	struct ftb_meter_config mc = { .events = o->events,
				       .mode = o->pmu,
				       .cpu = o->cpu,
				       .kernel = wants_kernel(c->r) };
	char err[256];
	FILE *devnull = fopen("/dev/null", "w");

	mc.log = devnull;
	if (ftb_meter_open(&c->meter, &mc, err, sizeof(err)) ||
	    ftb_pin_cpu(o->cpu, err, sizeof(err))) {
		fprintf(stderr, "ftbench: %s\n", err);
		if (devnull)
			fclose(devnull);
		return -1;
	}
	if (devnull)
		fclose(devnull);
	return 0;
}

/* A failed configuration, or a sample an interrupted run already holds. */
static int slot_skipped(const struct runner *r, size_t s)
{
	const struct ftb_slot *sl = &r->sched.slot[s];
	int config = r->first + sl->config;

	return r->failed[config] ||
	       (r->o->resume &&
		ftb_run_has(r->run, config, sl->repetition, sl->pass));
}

/* Run slots [from, end) of the scenario, skipping failed configurations. */
static int run_slots(struct runner *r, size_t from, int fd,
		     void (*emit)(struct runner *, const struct msg *))
{
	struct child c = { .r = r, .active = -1, .emit = emit, .fd = fd };

	if (fd < 0)
		c.meter = r->meter;
	else if (open_child_meter(&c))
		return -1;
	if (fd >= 0)
		catch_faults(&c);
	for (size_t s = from; s < r->sched.n && !stop_signal; s++) {
		if (slot_skipped(r, s))
			continue;
		if (child_slot(&c, (int)s)) {
			if (fd >= 0)
				_exit(5);
			fprintf(stderr, "ftbench: stopping: a configuration "
					"failed to set up in this process\n");
			break;
		}
	}
	config_down(&c);
	for (int l = 0; l < FTB_LAYOUT_NR; l++)
		if (c.corpus_open[l])
			ftb_corpus_close(&c.corpus[l]);
	if (fd >= 0)
		ftb_meter_close(c.meter);
	return 0;
}

/* ---- Parent side: progress, samples, failures ---- */

static void progress(struct runner *r, int config)
{
	long el = (long)(time(NULL) - r->start);
	long eta =
		r->done ? el * (long)(r->total - r->done) / (long)r->done : 0;

	if (!r->tty || r->o->quiet)
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %.60s  ETA %ldm%02lds", r->done + 1,
		r->total, r->names[config], eta / 60, eta % 60);
}

static void mark_failed(struct runner *r, int config, const char *why)
{
	if (r->failed[config])
		return;
	r->failed[config] = 1;
	if (r->tty)
		fputc('\n', stderr);
	fprintf(stderr, "ftbench: %s: failed: %s\n", r->names[config], why);
	ftb_run_fail(r->run, config, why);
}

static void handle(struct runner *r, const struct msg *m)
{
	const struct ftb_slot *sl = &r->sched.slot[m->slot];
	int config = r->first + sl->config;

	switch (m->kind) {
	case MSG_BEGIN:
		progress(r, config);
		break;
	case MSG_SAMPLE:
		r->done++;
		if (ftb_run_append(r->run, config, sl->repetition, sl->pass,
				   &m->sample))
			fprintf(stderr, "ftbench: cannot append a sample\n");
		ftb_zero_watch_sample(&r->zero, config, sl->pass, &m->sample);
		break;
	default:
		mark_failed(r, config, m->err);
		break;
	}
}

static void describe_death(int status, char *buf, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "exited with status %d",
			 WEXITSTATUS(status));
}

/*
 * A slot that sends nothing for this long is taken for hung (600 s, or
 * FTBENCH_SLOT_TIMEOUT seconds: the tests shorten it).
 */
static int slot_timeout_s(void)
{
	const char *env = getenv("FTBENCH_SLOT_TIMEOUT");
	char *end = NULL;
	long s = env ? strtol(env, &end, 10) : 0;

	return s > 0 && s < 86400 && end && !*end ? (int)s : 600;
}

/* The next message: 1, 0 at the end, -1 after the timeout's silence. */
static int next_msg(int fd, struct msg *m)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;

	do
		n = poll(&p, 1, slot_timeout_s() * 1000);
	while (n < 0 && errno == EINTR && !stop_signal);
	if (n <= 0)
		return -1;
	return read(fd, m, sizeof(*m)) == (ssize_t)sizeof(*m);
}

/* One child: read its messages; returns the slot it died in, or -1. */
static int child_round(struct runner *r, size_t from)
{
	int pfd[2], status, got, current = (int)from;
	struct msg m;
	char why[128];

	pid_t parent = getpid();

	if (pipe(pfd))
		return -2;
	fflush(NULL);
	child_pid = fork();
	if (child_pid < 0)
		return -2;
	if (!child_pid) {
		/* An orphan would go on measuring with nobody to keep it. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(6);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		close(pfd[0]);
		_exit(run_slots(r, from, pfd[1], NULL) ? 4 : 0);
	}
	close(pfd[1]);
	while ((got = next_msg(pfd[0], &m)) > 0) {
		/* The slot being worked on: a death is charged to it. */
		current = m.slot;
		handle(r, &m);
	}
	if (got < 0 && !stop_signal) {
		/* Silent for too long: hung in a bad patch, or spinning. */
		kill(child_pid, SIGKILL);
		snprintf(why, sizeof(why), "hung: no progress for %d s, killed",
			 slot_timeout_s());
		mark_failed(r, r->first + r->sched.slot[current].config, why);
	}
	close(pfd[0]);
	waitpid(child_pid, &status, 0);
	child_pid = 0;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return -1;
	if (stop_signal)
		return -1;
	/*
	 * SIGKILL that is not the watchdog's came from outside (a user, the
	 * OOM killer): the run is interrupted, as if it had been killed
	 * itself, and the configuration is not blamed.
	 */
	if (got >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
		fprintf(stderr,
			"%sftbench: the measuring child was killed (SIGKILL) "
			"in %s\n",
			r->tty ? "\n" : "",
			r->names[r->first + r->sched.slot[current].config]);
		stop_signal = SIGKILL;
		return -1;
	}
	describe_death(status, why, sizeof(why));
	mark_failed(r, r->first + r->sched.slot[current].config, why);
	return current;
}

static void run_isolated(struct runner *r)
{
	size_t from = 0;
	int died;

	while (from < r->sched.n && !stop_signal) {
		died = child_round(r, from);
		if (died < 0)
			break;
		from = (size_t)died + 1;
	}
}

/* The slots of a schedule, run in children (or in this process). */
static int run_schedule(struct runner *r)
{
	if (r->o->isolate)
		run_isolated(r);
	else if (run_slots(r, 0, -1, handle))
		return -1;
	return 0;
}

/*
 * The extra rounds' budget per scenario: FTB_ADAPT_BUDGET_S, a tenth of it
 * for --quick, or FTBENCH_ADAPT_BUDGET seconds (the tests' 0).
 */
static double adapt_budget(const struct runner *r)
{
	const char *env = getenv("FTBENCH_ADAPT_BUDGET");
	char *end = NULL;
	double s = env ? strtod(env, &end) : 0;

	if (env && end && end != env && !*end && s >= 0)
		return s;
	return r->o->study.quick ? FTB_ADAPT_BUDGET_S / 10 : FTB_ADAPT_BUDGET_S;
}

/* Decides every running configuration; returns how many run on. */
static int adapt_decide(struct runner *r, const struct ftb_adapt *a, int first,
			int n, int *stop)
{
	int running = 0;

	for (int c = first; c < first + n; c++) {
		struct ftb_estimate e;

		if (stop[c] != FTB_STOP_RUNNING)
			continue;
		if (r->failed[c] || r->failed[r->twin[c]]) {
			stop[c] = FTB_STOP_FIXED;
			continue;
		}
		if (ftb_run_overhead(r->run, c, 0, stop_counter(r), &e))
			e = (struct ftb_estimate){ .value = NAN };
		stop[c] = ftb_adapt_check(a, &e, ftb_run_count(r->run, c));
		running += stop[c] == FTB_STOP_RUNNING;
	}
	return running;
}

/*
 * One batch of rounds [round, round + rounds) over the running
 * configurations and their twins, grouped and shuffled as the base rounds.
 */
static int adapt_batch(struct runner *r, int first, int n, const int *stop,
		       int round, int rounds)
{
	int *idx = calloc((size_t)n, sizeof(*idx)),
	    *grp = calloc((size_t)n, sizeof(*grp)),
	    *gid = calloc((size_t)n, sizeof(*gid));
	int m = 0, ng = 0, ret = -1;

	if (!idx || !grp || !gid)
		goto out;
	for (int c = 0; c < n; c++)
		gid[c] = -1;
	for (int c = 0; c < n; c++) {
		int runs = stop[first + c] == FTB_STOP_RUNNING;

		/* A twin runs when any of its pairs does. */
		for (int d = 0; d < n && !runs; d++)
			runs = r->twin[first + d] == first + c &&
			       stop[first + d] == FTB_STOP_RUNNING;
		if (!runs)
			continue;
		if (gid[r->group[c]] < 0)
			gid[r->group[c]] = ng++;
		idx[m] = c;
		grp[m++] = gid[r->group[c]];
	}
	if (ftb_schedule_grouped(
		    &r->sched, m, grp, rounds, ftb_meter_npasses(r->meter),
		    r->o->seed + (uint64_t)first + ((uint64_t)round << 32)))
		goto out;
	for (size_t s = 0; s < r->sched.n; s++) {
		r->sched.slot[s].config = idx[r->sched.slot[s].config];
		r->sched.slot[s].repetition += round;
	}
	r->total += r->sched.n;
	ret = run_schedule(r);
	ftb_schedule_free(&r->sched);
out:
	free(idx);
	free(grp);
	free(gid);
	return ret;
}

/*
 * Adaptive rounds (docs/method.md): after the base rounds, every paired
 * configuration whose overhead interval is wider than the target gets
 * more rounds, with its twin, until it is narrow enough, the run's store
 * is full or the scenario's budget of extra rounds is spent; the reason
 * is recorded per configuration.
 */
static int adapt_scenario(struct runner *r, int first, int n)
{
	int *stop = calloc((size_t)r->nconfigs, sizeof(*stop));
	int round = r->o->repetitions, ret = 0;
	struct ftb_adapt a = {
		.target = FTB_TARGET,
		.target_rel = FTB_TARGET_REL,
		.budget_s = adapt_budget(r),
		.min_reps = r->o->repetitions,
		.max_reps = r->max_reps,
	};

	if (!stop)
		return -1;
	for (int c = first; c < first + n; c++)
		stop[c] = r->twin[c] >= 0 ? FTB_STOP_RUNNING : FTB_STOP_FIXED;
	ftb_adapt_start(&a);
	while (!stop_signal && adapt_decide(r, &a, first, n, stop)) {
		int rounds = r->max_reps - round < FTB_ADAPT_BATCH
				     ? r->max_reps - round
				     : FTB_ADAPT_BATCH;

		if (rounds <= 0 ||
		    adapt_batch(r, first, n, stop, round, rounds)) {
			ret = rounds > 0 ? -1 : 0;
			break;
		}
		round += rounds;
	}
	for (int c = first; c < first + n; c++) {
		if (r->twin[c] < 0)
			continue;
		ftb_run_set_stop(r->run, c,
				 stop[c] == FTB_STOP_RUNNING ? FTB_STOP_BUDGET
							     : stop[c]);
		ftb_run_set_stop(r->run, r->twin[c], FTB_STOP_UNTRACED);
	}
	free(stop);
	ftb_run_flush(r->run);
	return ret;
}

/* A configuration with samples but no result says so, one line each. */
static void report_empty(const struct runner *r, int first, int n)
{
	char why[512];

	for (int c = first; c < first + n; c++)
		if (ftb_run_no_result(r->run, c, why, sizeof(why)))
			fprintf(stderr, "ftbench: %s: %s\n", r->names[c], why);
}

static int run_scenario(struct runner *r, int first, int n)
{
	struct timespec t0, t1;
	int paired = ftb_pair_groups(r->twin, first, n, r->group);

	r->first = first;
	if (ftb_schedule_grouped(&r->sched, n, paired ? r->group : NULL,
				 r->o->repetitions, ftb_meter_npasses(r->meter),
				 r->o->seed + (uint64_t)first)) {
		fprintf(stderr, "ftbench: out of memory for the schedule\n");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (run_schedule(r))
		return -1;
	ftb_schedule_free(&r->sched);
	if (paired && !exact_counts(r) && adapt_scenario(r, first, n))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* One line per scenario, on a terminal or not. */
	if (!r->o->quiet)
		fprintf(stderr,
			"%sftbench: %s: %d configurations x %d repetitions "
			"in %.1f s\n",
			r->tty ? "\r\033[K" : "", r->points[first].sc->name, n,
			r->o->repetitions,
			(double)(t1.tv_sec - t0.tv_sec) +
				(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	report_empty(r, first, n);
	return 0;
}

/* ---- Expansion of scenarios and variants into configurations ---- */

static int expand(struct runner *r)
{
	const struct ftb_run_opts *o = r->o;
	int n = 0;

	r->points = calloc(FTB_MAX_POINTS, sizeof(*r->points));
	if (!r->points)
		return -ENOMEM;
	for (int s = 0; ftb_scenarios[s]; s++) {
		const struct ftb_scenario *sc = ftb_scenarios[s];
		const struct ftb_variant *v;

		if (!ftb_name_listed(o->scenarios, sc->name))
			continue;
		for (int i = 0; (v = ftb_variant_at(i)); i++)
			if (ftb_name_listed(o->variants, v->name) &&
			    (!v->design || sc->flavours))
				n += sc->points(sc, v, &o->study, r->points + n,
						FTB_MAX_POINTS - n);
		/* A scenario's own variants: only when none were named. */
		for (int i = 0; sc->own && !o->variants && (v = sc->own[i]);
		     i++)
			n += sc->points(sc, v, &o->study, r->points + n,
					FTB_MAX_POINTS - n);
	}
	r->nconfigs = n;
	return n ? 0 : -ENOENT;
}

static int make_configs(struct runner *r)
{
	r->configs = calloc((size_t)r->nconfigs, sizeof(*r->configs));
	r->names = calloc((size_t)r->nconfigs, sizeof(*r->names));
	r->failed = calloc((size_t)r->nconfigs, 1);
	r->twin = calloc((size_t)r->nconfigs, sizeof(*r->twin));
	r->group = calloc((size_t)r->nconfigs, sizeof(*r->group));
	if (!r->configs || !r->names || !r->failed || !r->twin || !r->group)
		return -ENOMEM;
	for (int i = 0; i < r->nconfigs; i++) {
		const struct ftb_point *p = &r->points[i];
		struct ftb_config *c = &r->configs[i];

		c->scenario = p->sc->name;
		c->variant = p->v->name;
		c->nparams = p->nparams;
		c->fit_over = p->sc->fit_over;
		for (int k = 0; k < p->nparams; k++) {
			c->param[k].key = p->sc->param[k];
			c->param[k].value = p->text[k];
		}
		if (r->o->calls)
			r->points[i].calls = r->o->calls;
		if (ftb_config_name(r->names[i], sizeof(r->names[i]),
				    c->scenario, c->variant, c->param,
				    c->nparams))
			return -ENAMETOOLONG;
		c->name = r->names[i];
	}
	ftb_find_twins(r->points, r->nconfigs, r->twin);
	r->max_reps = r->o->repetitions;
	for (int i = 0; i < r->nconfigs; i++)
		if (r->twin[i] >= 0)
			r->max_reps = r->o->repetitions * FTB_ADAPT_MAX_FACTOR;
	return 0;
}

/*
 * The meter's fallback line is held back until the run directory exists,
 * so that bad input still gets exactly one line of error.
 */
static int open_run(struct runner *r, struct ftb_meta *meta)
{
	const struct ftb_run_opts *o = r->o;
	struct ftb_meter_config mc = { .events = o->events,
				       .mode = o->pmu,
				       .cpu = o->cpu,
				       .kernel = wants_kernel(r) };
	struct ftb_run_spec spec = { 0 };
	char err[512], *note = NULL;
	size_t note_len = 0;
	int ret = -1;

	mc.log = open_memstream(&note, &note_len);
	if (!mc.log)
		return -1;
	if (ftb_meter_open(&r->meter, &mc, err, sizeof(err))) {
		fclose(mc.log);
		ftb_one_line(err);
		fprintf(stderr, "ftbench: %s\n", err);
		free(note);
		return -1;
	}
	fclose(mc.log);
	for (int i = 0; i < ftb_meter_npasses(r->meter); i++)
		r->pass[i] = ftb_meter_pass(r->meter, i);
	ftb_meta_collect(meta, r->meter);
	if (exact_counts(r))
		r->max_reps = o->repetitions;
	if (r->max_reps > o->repetitions) {
		int k = stop_counter(r);

		meta->adaptive.windows = 1;
		for (int i = 0; i < r->nconfigs; i++)
			if (r->twin[i] >= 0)
				meta->adaptive.windows = sample_windows(r, i);
		meta->adaptive.max_repetitions = r->max_reps;
		meta->adaptive.target = FTB_TARGET;
		meta->adaptive.target_rel = FTB_TARGET_REL;
		meta->adaptive.target_metric =
			k < 0 ? "real_time"
			      : ftb_meter_pass(r->meter, 0)->counter_name[0];
		meta->adaptive.budget_s = adapt_budget(r);
	}
	spec.dir = o->resume ? o->resume : o->out;
	spec.configs = r->configs;
	spec.nconfigs = r->nconfigs;
	spec.repetitions = o->repetitions;
	spec.max_repetitions = r->max_reps;
	spec.pass = r->pass;
	spec.npasses = ftb_meter_npasses(r->meter);
	spec.meta = meta;
	/* Children inherit the affinity; a bad CPU fails here, once. */
	if (ftb_pin_cpu(o->cpu, err, sizeof(err)) ||
	    (o->resume ? ftb_run_resume(&r->run, &spec, err, sizeof(err))
		       : ftb_run_open(&r->run, &spec, err, sizeof(err)))) {
		ftb_one_line(err);
		fprintf(stderr, "ftbench: %s\n", err);
	} else
		ret = 0;
	for (int c = 0; !ret && c < r->nconfigs; c++)
		ftb_run_set_twin(r->run, c, r->twin[c]);
	if (ret)
		ftb_meter_close(r->meter);
	else if (note_len)
		fputs(note, stderr); /* the fallback line survives --quiet */
	free(note);
	return ret;
}

static void fill_meta(struct ftb_meta *meta, const struct ftb_run_opts *o,
		      char (*vals)[24], struct ftb_run_record *options)
{
	memset(meta, 0, sizeof(*meta));
	ftb_run_opts_record(o, options);
	meta->noptions = options->n;
	memcpy(meta->options, options->opt, sizeof(meta->options));
	meta->command_line = o->command_line;
	meta->executable = "ftbench";
	meta->cpu = o->cpu;
	meta->ncorpus = 5;
	snprintf(vals[0], 24, "%lu", ftb_corpus_params.funcs);
	snprintf(vals[1], 24, "%zu", o->study.funcs);
	snprintf(vals[2], 24, "%lu", ftb_corpus_params.seed);
	snprintf(vals[3], 24, "%lu", ftb_corpus_params.body);
	meta->corpus[0] = (struct ftb_param){ "funcs_built", vals[0] };
	meta->corpus[1] = (struct ftb_param){ "funcs_used", vals[1] };
	meta->corpus[2] = (struct ftb_param){ "seed", vals[2] };
	meta->corpus[3] = (struct ftb_param){ "body", vals[3] };
	snprintf(vals[4], 24, "%lu", ftb_corpus_params.templates);
	meta->corpus[4] = (struct ftb_param){ "templates", vals[4] };
	meta->method.repetitions = o->repetitions;
	meta->method.order_seed = o->seed;
}

/* M and the warm-up (as child_slot runs them) when every configuration
 * shares them; 0 (null in meta.json) when scenarios differ. */
static void fill_method_calls(struct ftb_meta *meta, const struct runner *r)
{
	uint64_t calls = r->nconfigs ? r->points[0].calls : 0;

	for (int i = 1; i < r->nconfigs; i++)
		if (r->points[i].calls != calls)
			calls = 0;
	meta->method.calls = calls;
	meta->method.warmup = calls / 4;
}

static void finish(struct runner *r, struct ftb_meta *meta)
{
	char err[256];

	const char *names[FTB_MAX_POINTS];

	for (int i = 0; i < r->nconfigs && i < FTB_MAX_POINTS; i++)
		names[i] = r->names[i];
	ftb_zero_watch_report(&r->zero, r->pass, names, meta, stderr);
	ftb_zero_watch_free(&r->zero);
	ftb_meta_finish(meta);
	if (ftb_run_finish(r->run, meta))
		fprintf(stderr, "ftbench: could not finish %s\n",
			ftb_run_dir(r->run));
	printf("%s\n", ftb_run_dir(r->run));
	ftb_run_close(r->run);
	ftb_meter_close(r->meter);
	(void)err;
}

/* Samples an interrupted run already holds, for the progress count. */
static size_t resumed_samples(const struct runner *r)
{
	size_t n = 0;

	if (!r->o->resume)
		return 0;
	for (int c = 0; c < r->nconfigs; c++)
		for (int k = 0; k < r->o->repetitions; k++)
			for (int p = 0; p < ftb_meter_npasses(r->meter); p++)
				n += !!ftb_run_has(r->run, c, k, p);
	return n;
}

static void runner_free(struct runner *r)
{
	free(r->points);
	free(r->configs);
	free(r->names);
	free(r->failed);
	free(r->twin);
	free(r->group);
}

int ftb_study_run(const struct ftb_run_opts *o)
{
	struct runner r = { .o = o,
			    .start = time(NULL),
			    .tty = isatty(STDERR_FILENO) };
	/* Static: the meta's option texts, 16 KiB, point into it. */
	static struct ftb_run_record options;
	struct ftb_meta meta;
	char vals[5][24], run_dir[PATH_MAX];
	int first = 0;

	if (expand(&r) || make_configs(&r)) {
		fprintf(stderr, "ftbench: no configuration to run\n");
		runner_free(&r);
		return 2;
	}
	fill_meta(&meta, o, vals, &options);
	fill_method_calls(&meta, &r);
	if (open_run(&r, &meta)) {
		runner_free(&r);
		return 2;
	}
	if (ftb_zero_watch_init(&r.zero, r.nconfigs,
				ftb_meter_npasses(r.meter)))
		fprintf(stderr, "ftbench: out of memory: zero counters will "
				"not be flagged\n");
	r.total = (size_t)r.nconfigs * (size_t)o->repetitions *
		  (size_t)ftb_meter_npasses(r.meter);
	r.done = resumed_samples(&r);
	signal(SIGINT, on_stop);
	signal(SIGTERM, on_stop);
	while (first < r.nconfigs && !stop_signal) {
		int n = 1;

		while (first + n < r.nconfigs &&
		       r.points[first + n].sc == r.points[first].sc)
			n++;
		if (run_scenario(&r, first, n))
			break;
		first += n;
	}
	snprintf(run_dir, sizeof(run_dir), "%s", ftb_run_dir(r.run));
	finish(&r, &meta);
	runner_free(&r);
	if (stop_signal) {
		fprintf(stderr,
			"ftbench: interrupted; completed samples are kept "
			"(continue: ftbench run --resume %s)\n",
			o->resume ? o->resume : run_dir);
		return 128 + stop_signal;
	}
	return 0;
}
