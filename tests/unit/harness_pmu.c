// SPDX-License-Identifier: GPL-2.0
/*
 * The pmu backend and the fallback chain, with perf_event_open and read
 * injected: ENOENT (no PMU, this VM), ENOSYS (qemu-user), EACCES/EPERM
 * (perf_event_paranoid), EINVAL, an unknown event, a group too large, the
 * multiplexing flag; and the real software-event path natively.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/internal.h"
#include "tests/unit/check.h"

static int fake_errno, devnull = -1, fake_mux, fake_short, want_kernel;
static uint64_t reads, calls_done;

static long open_fails(struct perf_event_attr *a, pid_t pid, int cpu, int g,
		       unsigned long flags)
{
	(void)a, (void)pid, (void)cpu, (void)g, (void)flags;
	errno = fake_errno;
	return -1;
}

static struct perf_event_attr seen[FTB_MAX_COUNTERS];
static int nseen;

static long open_works(struct perf_event_attr *a, pid_t pid, int cpu, int g,
		       unsigned long flags)
{
	(void)pid, (void)cpu, (void)g, (void)flags;
	if (nseen < FTB_MAX_COUNTERS)
		seen[nseen++] = *a;
	return dup(devnull);
}

/* Counter i advances (i + 1) per call plus 17 per read: overhead. */
static ssize_t read_group(int fd, void *buf, size_t n)
{
	uint64_t *v = buf;
	size_t nr = n / sizeof(uint64_t) - 3;

	(void)fd;
	if (fake_short)
		return 0;
	reads++;
	v[0] = nr;
	v[1] = reads * 1000;
	v[2] = fake_mux ? reads * 600 : reads * 1000;
	for (size_t i = 0; i < nr; i++)
		v[3 + i] = (i + 1) * calls_done + 17 * reads;
	return (ssize_t)n;
}

static int ioctl_ok(int fd, unsigned long req, unsigned long arg)
{
	(void)fd, (void)req, (void)arg;
	return 0;
}

static void work(void *ctx, uint64_t calls)
{
	(void)ctx;
	calls_done += calls;
}

/* Opens a meter with the log captured; returns the log's line count. */
static int open_logged(struct ftb_meter **m, enum ftb_pmu_mode mode,
		       const char *events, char *log, size_t len, int *ret)
{
	struct ftb_meter_config c = { .events = events,
				      .mode = mode,
				      .cpu = -1,
				      .no_user_read = 1,
				      .kernel = want_kernel };
	char err[512] = "";
	int lines = 0;
	size_t n;

	c.log = tmpfile();
	*m = NULL;
	*ret = ftb_meter_open(m, &c, err, sizeof(err));
	rewind(c.log);
	n = fread(log, 1, len - 1, c.log);
	log[n] = '\0';
	for (size_t i = 0; i < n; i++)
		lines += log[i] == '\n';
	fclose(c.log);
	if (*ret)
		snprintf(log, len, "%s", err);
	return lines;
}

/* The fallback line: it holds the cause and the fix, all in one line. */
static int one_line(const char *log, const char *cause, const char *fix)
{
	const char *l = strstr(log, "measuring time with time-");
	const char *start, *end;

	if (!l || strstr(l + 1, "measuring time with"))
		return 0;
	for (start = l; start > log && start[-1] != '\n'; start--)
		;
	end = strchr(l, '\n');
	return end && strstr(start, cause) && strstr(start, cause) < end &&
	       strstr(start, fix) && strstr(start, fix) < end;
}

static void time_is_not_cycles(struct ftb_meter *m)
{
	struct ftb_backend *b = ftb_meter_pass(m, 0);

	CHECK(!strncmp(b->name, "time-", 5) && b->ncounters == 1 &&
		      !strcmp(b->counter_name[0], "ticks") && b->tick_hz > 0,
	      "fallback is %s: one 'ticks' counter, tick_hz %llu, no cycles",
	      b->name, (unsigned long long)b->tick_hz);
}

static void fallback(int e, const char *ename, const char *fix)
{
	struct ftb_meter *m;
	char log[2048];
	int ret, lines;

	fake_errno = e;
	ftb_pmu_sys.perf_event_open = open_fails;
	lines = open_logged(&m, FTB_PMU_AUTO, NULL, log, sizeof(log), &ret);
	CHECK(!ret && m, "%s: auto falls back", ename);
	if (ret)
		return;
	CHECK(lines == 1 && one_line(log, ename, fix),
	      "%s: one line naming the cause and '%s'", ename, fix);
	CHECK(strstr(ftb_meter_reason(m), ename) != NULL,
	      "%s: reason recorded for the output", ename);
	time_is_not_cycles(m);
	ftb_meter_close(m);
	open_logged(&m, FTB_PMU_PMU, NULL, log, sizeof(log), &ret);
	CHECK(ret == -e && !m && strstr(log, ename),
	      "%s: --pmu=pmu fails with the message instead", ename);
}

static void fallbacks(void)
{
	struct ftb_meter *m;
	char log[2048];
	int ret;

	fallback(ENOENT, "ENOENT", "guest PMU");
	fallback(ENOSYS, "ENOSYS", "--pmu=emu");
	fallback(EACCES, "EACCES", "sysctl -w kernel.perf_event_paranoid=2");
	fallback(EPERM, "EPERM", "CAP_PERFMON");
	fallback(EINVAL, "EINVAL", "perf list");
	ftb_pmu_sys_reset();
	open_logged(&m, FTB_PMU_AUTO, "cycles,NOT_AN_EVENT", log, sizeof(log),
		    &ret);
	/* A name no table knows is a typo, not an uncountable event. */
	CHECK(ret == -EINVAL && !m &&
		      strstr(log, "unknown event 'NOT_AN_EVENT'") &&
		      strstr(log, "fix:"),
	      "unknown event: an error with cause and fix, no fallback");
	ftb_meter_close(m);
	open_logged(&m, FTB_PMU_TIME, NULL, log, sizeof(log), &ret);
	CHECK(!ret && strstr(ftb_meter_reason(m), "--pmu=time"),
	      "--pmu=time: reason says it was asked for");
	time_is_not_cycles(m);
	ftb_meter_close(m);
}

static int open_fake(struct ftb_meter **m, const char *events)
{
	char log[2048];
	int ret;

	ftb_pmu_sys.perf_event_open = open_works;
	ftb_pmu_sys.read = read_group;
	ftb_pmu_sys.ioctl = ioctl_ok;
	nseen = 0;
	open_logged(m, FTB_PMU_PMU, events, log, sizeof(log), &ret);
	if (ret)
		printf("# %s\n", log);
	return ret;
}

static void attrs(void)
{
	CHECK(nseen == 2 && seen[0].pinned && seen[0].disabled &&
		      !seen[1].pinned && !seen[1].disabled,
	      "leader pinned and disabled, member neither");
	CHECK(seen[0].exclude_kernel && seen[0].exclude_hv &&
		      seen[1].exclude_kernel && seen[1].exclude_hv,
	      "user-only: exclude_kernel, exclude_hv");
	CHECK(seen[0].read_format ==
		      (PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
		       PERF_FORMAT_TOTAL_TIME_RUNNING),
	      "read_format GROUP|TOTAL_TIME_ENABLED|TOTAL_TIME_RUNNING");
}

static void measured(int mux)
{
	struct ftb_workload w = { work, NULL };
	struct ftb_method method = { .calls = 1000, .warmup = 10 };
	struct ftb_meter *m;
	struct ftb_sample s;

	fake_mux = mux;
	if (open_fake(&m, "r11,r8")) {
		CHECK(0, "fake pmu opens");
		return;
	}
	if (!mux)
		attrs();
	CHECK(!strcmp(ftb_meter_backend(m), "pmu") &&
		      !strcmp(ftb_meter_pass(m, 0)->counter_name[1], "r8"),
	      "backend 'pmu' (read path), counters named after events");
	CHECK(!ftb_measure(ftb_meter_pass(m, 0), &w, &method, &s),
	      "measure through the fake group");
	CHECK(s.value[0] == 1 && s.value[1] == 2,
	      "N-vs-2N through read(): per-read overhead cancels");
	CHECK(s.multiplexed == mux, "enabled %s running: multiplexed = %d",
	      mux ? "!=" : "==", mux);
	ftb_meter_close(m);
}

static void too_big(void)
{
	struct ftb_meter *m;
	char log[2048];
	int ret;

	fake_short = 1;
	ftb_pmu_sys.perf_event_open = open_works;
	ftb_pmu_sys.read = read_group;
	ftb_pmu_sys.ioctl = ioctl_ok;
	open_logged(&m, FTB_PMU_PMU, "r11,r8", log, sizeof(log), &ret);
	CHECK(ret == -EBUSY && strstr(log, "split"),
	      "group not scheduled (read 0 bytes): refused, 'split' advised");
	fake_short = 0;
}

/* perf_event_paranoid 2: the kernel refuses every kernel-counting event. */
static long open_user_only(struct perf_event_attr *a, pid_t pid, int cpu, int g,
			   unsigned long flags)
{
	if (!a->exclude_kernel) {
		errno = EACCES;
		return -1;
	}
	return open_works(a, pid, cpu, g, flags);
}

/*
 * Kernel twins (meter config .kernel): pass 0's first two events once more
 * with exclude_kernel 0, named NAME+kernel; refused, one line says why and
 * the user-only group is measured as before.
 */
static void kernel_twins(void)
{
	struct ftb_workload w = { work, NULL };
	struct ftb_method method = { .calls = 1000, .warmup = 10 };
	struct ftb_meter *m;
	struct ftb_backend *b;
	struct ftb_sample s;
	const char *note = "";
	char log[2048];
	int ret, lines;

	want_kernel = 1;
	ftb_pmu_sys.perf_event_open = open_works;
	ftb_pmu_sys.read = read_group;
	ftb_pmu_sys.ioctl = ioctl_ok;
	nseen = 0;
	lines = open_logged(&m, FTB_PMU_PMU, "r11,r8,r21", log, sizeof(log),
			    &ret);
	b = ret ? NULL : ftb_meter_pass(m, 0);
	CHECK(b && b->ncounters == 5 &&
		      !strcmp(b->counter_name[3], "r11+kernel") &&
		      !strcmp(b->counter_name[4], "r8+kernel"),
	      "kernel allowed: r11 and r8 twinned as r11+kernel, r8+kernel");
	CHECK(nseen == 5 && seen[0].exclude_kernel && seen[2].exclude_kernel &&
		      !seen[3].exclude_kernel && !seen[4].exclude_kernel &&
		      seen[3].config == 0x11 && seen[4].config == 0x8 &&
		      seen[3].exclude_hv && !seen[3].pinned,
	      "the twins alone count the kernel, members of the same group");
	CHECK(b && ftb_meter_kernel(m, &note) == 1 &&
		      strstr(note, "kernel counted") && lines == 0 &&
		      strstr(ftb_meter_events(m), "r8+kernel"),
	      "counted: noted for meta.json, events list the twins, no line");
	CHECK(b && !ftb_measure(b, &w, &method, &s) && s.value[3] == 4 &&
		      s.value[4] == 5,
	      "twins measured by N-vs-2N like the rest of the group");
	if (!ret)
		ftb_meter_close(m);
	ftb_pmu_sys.perf_event_open = open_user_only;
	nseen = 0;
	lines = open_logged(&m, FTB_PMU_PMU, "r11,r8,r21", log, sizeof(log),
			    &ret);
	b = ret ? NULL : ftb_meter_pass(m, 0);
	CHECK(b && b->ncounters == 3 && ftb_meter_kernel(m, &note) == 0 &&
		      strstr(note, "perf_event_paranoid=") &&
		      strstr(note, "CAP_PERFMON") && strstr(note, "real_time"),
	      "refused: the user-only group, and why: %s", b ? note : log);
	CHECK(lines == 1 && strstr(log, "ftbench: kernel not counted: "),
	      "refused: one line says so");
	if (!ret)
		ftb_meter_close(m);
	want_kernel = 0;
	nseen = 0;
	if (!open_fake(&m, "r11,r8")) {
		CHECK(ftb_meter_pass(m, 0)->ncounters == 2 &&
			      ftb_meter_kernel(m, &note) == 0 && !*note,
		      "not asked for: no twins, no note");
		ftb_meter_close(m);
	}
}

static void pmc_arithmetic(void)
{
	CHECK(ftb_pmc_count(1000, 0x10, 32) == 1016, "user read: offset + pmc");
	CHECK(ftb_pmc_count(1000, 0xfffffff0, 32) == 984,
	      "user read: 32-bit counter sign-extended");
	CHECK(ftb_pmc_count(1000, 0xabcd00000010ull, 32) == 1016,
	      "user read: bits above pmc_width ignored");
	CHECK(ftb_pmc_count(-5, 5, 64) == 0, "user read: 64-bit counter");
	CHECK(ftb_pmc_count(0, 1ull << 47, 48) == (uint64_t) - (1ll << 47),
	      "user read: 48-bit counter sign-extended");
}

/* An mmap page that grants nothing: cap_user_rdpmc, or index 0. */
static int page_caps, page_index;

static void *fake_map(int fd, size_t len)
{
	struct perf_event_mmap_page *pg = aligned_alloc(4096, len);

	(void)fd;
	if (!pg)
		return NULL;
	memset(pg, 0, len);
	pg->cap_user_rdpmc = page_caps;
	pg->index = (uint32_t)page_index;
	pg->pmc_width = 48;
	return pg;
}

static void fake_unmap(void *page, size_t len)
{
	(void)len;
	free(page);
}

static void user_refused(int caps)
{
	struct ftb_meter_config c = { .events = "r11,r8",
				      .mode = FTB_PMU_PMU,
				      .cpu = -1 };
	struct ftb_meter *m;
	char err[512];

	page_caps = caps;
	page_index = 0;
	ftb_pmu_sys.perf_event_open = open_works;
	ftb_pmu_sys.read = read_group;
	ftb_pmu_sys.ioctl = ioctl_ok;
	ftb_pmu_sys.map_page = fake_map;
	ftb_pmu_sys.unmap_page = fake_unmap;
	c.log = fopen("/dev/null", "w");
	if (ftb_meter_open(&m, &c, err, sizeof(err))) {
		CHECK(0, "fake pmu with mmap pages opens: %s", err);
		fclose(c.log);
		return;
	}
	fclose(c.log);
	CHECK(!strcmp(ftb_meter_backend(m), "pmu") &&
		      strstr(ftb_meter_reason(m), "user-space counter reads"),
	      "%s: read(2) path, reason recorded: %s",
	      caps ? "counter index 0" : "cap_user_rdpmc=0",
	      ftb_meter_reason(m));
	ftb_meter_close(m);
	ftb_pmu_sys_reset();
}

/* The context-switches count: +1 per read when switching is faked. */
static int fake_switching;
static uint64_t nswitches;

static ssize_t read_switches(int fd, void *buf, size_t n)
{
	(void)fd;
	if (n != sizeof(uint64_t))
		return -1;
	nswitches += fake_switching;
	memcpy(buf, &nswitches, sizeof(nswitches));
	return (ssize_t)n;
}

static int time_sample(int switching, struct ftb_sample *s, char *reason,
		       size_t len)
{
	struct ftb_workload w = { work, NULL };
	struct ftb_method method = { .calls = 100 };
	struct ftb_meter *m;
	char log[1024];
	int ret;

	fake_switching = switching;
	open_logged(&m, FTB_PMU_TIME, NULL, log, sizeof(log), &ret);
	if (ret)
		return ret;
	snprintf(reason, len, "%s", ftb_meter_reason(m));
	ret = ftb_measure(ftb_meter_pass(m, 0), &w, &method, s);
	ftb_meter_close(m);
	return ret;
}

/* A time window with a context switch is flagged, as multiplexing is. */
static void preemption(void)
{
	struct ftb_sample s;
	char reason[512];

	ftb_pmu_sys.perf_event_open = open_works;
	ftb_pmu_sys.read = read_switches;
	CHECK(!time_sample(0, &s, reason, sizeof(reason)) && !s.multiplexed,
	      "time window without a context switch: kept");
	CHECK(!time_sample(1, &s, reason, sizeof(reason)) && s.multiplexed,
	      "time window with a context switch: flagged");
	ftb_pmu_sys.perf_event_open = open_fails;
	fake_errno = ENOSYS;
	CHECK(!time_sample(1, &s, reason, sizeof(reason)) && !s.multiplexed &&
		      strstr(reason, "preempted windows not detected"),
	      "no context-switches event: said so (%s)", reason);
	ftb_pmu_sys_reset();
}

/* arm64 names no libpfm table knows: counted, and said so once. */
static void armv8_note(void)
{
#if defined(__aarch64__)
	struct ftb_meter *m;

	if (*ftb_pfm_core_tables()) {
		SKIP("ARMv8 encoding note", "libpfm knows this core");
		return;
	}
	if (open_fake(&m, "CPU_CYCLES,BR_MIS_PRED_RETIRED")) {
		CHECK(0, "fake pmu opens with core names");
		return;
	}
	CHECK(strstr(ftb_meter_reason(m), "BR_MIS_PRED_RETIRED=0x22") &&
		      strstr(ftb_meter_reason(m), "ARMv8 common event numbers"),
	      "core names without a libpfm table: encoding recorded");
	ftb_meter_close(m);
#else
	SKIP("ARMv8 encoding note", "not an arm64 build");
#endif
}

/* Volatile: the loop must run, not be folded away. */
static volatile uint64_t sink;

static void busy(void *ctx, uint64_t calls)
{
	(void)ctx;
	for (uint64_t i = 0; i < calls; i++)
		sink += i;
}

/* The real system call with software events: works natively here. */
static void software(void)
{
	struct ftb_workload w = { busy, NULL };
	struct ftb_method method = { .calls = 20000, .warmup = 1000 };
	struct ftb_meter *m;
	struct ftb_sample s;
	char log[2048];
	int ret;

	ftb_pmu_sys_reset();
	open_logged(&m, FTB_PMU_PMU, "task-clock,context-switches", log,
		    sizeof(log), &ret);
	if (ret == -ENOSYS) {
		SKIP("software events",
		     "perf_event_open is ENOSYS (qemu-user)");
		return;
	}
	CHECK(!ret, "software group opens natively: %s", ret ? log : "yes");
	if (ret)
		return;
	CHECK(!strncmp(ftb_meter_backend(m), "pmu", 3),
	      "software events: backend %s", ftb_meter_backend(m));
	ret = ftb_measure(ftb_meter_pass(m, 0), &w, &method, &s);
	CHECK(!ret && s.ncounters == 2, "software events: measured");
	CHECK(!ret && s.value[0] > 0,
	      "software events: task-clock counted (%.3g ns per call)",
	      s.value[0]);
	printf("# task-clock %.3g ns/call, context-switches %.3g/call, "
	       "multiplexed %d\n",
	       s.value[0], s.value[1], s.multiplexed);
	ftb_meter_close(m);
}

int main(void)
{
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0) {
		perror("/dev/null");
		return 1;
	}
	fallbacks();
	measured(0);
	measured(1);
	too_big();
	kernel_twins();
	preemption();
	pmc_arithmetic();
	user_refused(0);
	user_refused(1);
	armv8_note();
	software();
	ftb_pmu_sys_reset();
	return check_exit();
}
