// SPDX-License-Identifier: GPL-2.0
/*
 * The pmu backend: one perf_event_open group per pass, cycles (or the
 * group's first event) as leader, task-bound, user-only (but the kernel
 * twins the meter may add, harness/meter.c), pinned, read as
 * PERF_FORMAT_GROUP with TOTAL_TIME_ENABLED/RUNNING. Counts are read with
 * read(2) on the leader, or without a system call through each event's
 * mmap page when the kernel allows it (arm64: perf_user_access=1 and
 * config1 bit 1; x86: rdpmc), and the backend's name says which.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness/internal.h"
#include "harness/isa.h"

/* read_format GROUP|TOTAL_TIME_ENABLED|TOTAL_TIME_RUNNING: nr, ena, run, v[] */
#define GRP_WORDS (3 + FTB_MAX_COUNTERS)

/* arm64 attr.config1 bit 1: ask for EL0 (user-space) counter access. */
#define ARMV8_CONFIG1_RDPMC (1ull << 1)

struct pmu_priv {
	int n;
	int fd[FTB_MAX_COUNTERS];
	struct perf_event_mmap_page *pg[FTB_MAX_COUNTERS];
	int mapped; /* every event has its mmap page */
	int user;   /* ... and the kernel lets us read the counters */
	struct ftb_clock clk;
	uint64_t base[GRP_WORDS];
	int base_ok;
	uint64_t t0;
	char names[FTB_MAX_COUNTERS][64];
};

static long sys_perf_event_open(struct perf_event_attr *attr, pid_t pid,
				int cpu, int group_fd, unsigned long flags)
{
	return syscall(SYS_perf_event_open, attr, pid, cpu, group_fd, flags);
}

static int sys_ioctl(int fd, unsigned long req, unsigned long arg)
{
	return ioctl(fd, req, arg);
}

static void *sys_map_page(int fd, size_t len)
{
	void *m = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);

	return m == MAP_FAILED ? NULL : m;
}

static void sys_unmap_page(void *page, size_t len)
{
	munmap(page, len);
}

struct ftb_pmu_sys ftb_pmu_sys = { sys_perf_event_open, read, sys_ioctl,
				   sys_map_page, sys_unmap_page };

void ftb_pmu_sys_reset(void)
{
	ftb_pmu_sys.perf_event_open = sys_perf_event_open;
	ftb_pmu_sys.read = read;
	ftb_pmu_sys.ioctl = sys_ioctl;
	ftb_pmu_sys.map_page = sys_map_page;
	ftb_pmu_sys.unmap_page = sys_unmap_page;
}

uint64_t ftb_pmc_count(int64_t offset, uint64_t raw, unsigned int width)
{
	unsigned int shift = 64u - width;

	/* Sign-extend from pmc_width: the kernel set offset to match. */
	return (uint64_t)offset + (uint64_t)((int64_t)(raw << shift) >> shift);
}

void ftb_pmu_explain(int err, const char *event, int paranoid, char *buf,
		     size_t len)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
		snprintf(
			buf, len,
			"perf_event_open(%s): %s: no such PMU event here (a VM "
			"without a virtual PMU gives this for every hardware "
			"event); fix: run on hardware or enable the guest PMU "
			"(KVM: -cpu host,pmu=on), or name events this PMU has",
			event, err == ENOENT ? "ENOENT" : "ENODEV");
		break;
	case ENOSYS:
		snprintf(buf, len,
			 "perf_event_open(%s): ENOSYS: the system call is not "
			 "implemented (qemu-user gives this); fix: run "
			 "natively, or use --pmu=emu under qemu",
			 event);
		break;
	case EACCES:
	case EPERM:
		snprintf(buf, len,
			 "perf_event_open(%s): %s: denied with "
			 "kernel.perf_event_paranoid=%d; fix: sysctl -w "
			 "kernel.perf_event_paranoid=2 (user-only counting) or "
			 "grant CAP_PERFMON",
			 event, err == EACCES ? "EACCES" : "EPERM", paranoid);
		break;
	case EINVAL:
		snprintf(buf, len,
			 "perf_event_open(%s): EINVAL: the kernel rejected the "
			 "encoding (bad code or modifier for this PMU, or too "
			 "many events in one group); fix: check the name with "
			 "'perf list' or split the group",
			 event);
		break;
	case EOPNOTSUPP:
		snprintf(buf, len,
			 "perf_event_open(%s): EOPNOTSUPP: this PMU cannot "
			 "count it that way (user-only filtering or "
			 "user-space access unsupported); fix: pick another "
			 "event",
			 event);
		break;
	default:
		snprintf(buf, len, "perf_event_open(%s): %s", event,
			 strerror(err));
		break;
	}
}

void ftb_pmu_delta(const uint64_t *a, const uint64_t *b, int n,
		   struct ftb_counts *out)
{
	for (int i = 0; i < n; i++)
		out->value[i] = b[3 + i] - a[3 + i];
	out->enabled = b[1] - a[1];
	out->running = b[2] - a[2];
	out->multiplexed = out->enabled != out->running;
	out->invalid = 0;
}

static int snap_read(struct pmu_priv *p, uint64_t *buf)
{
	size_t want = (size_t)(3 + p->n) * sizeof(uint64_t);
	ssize_t got = ftb_pmu_sys.read(p->fd[0], buf, want);

	/* 0 bytes: a pinned group that could not be scheduled (error state) */
	if (got != (ssize_t)want || buf[0] != (uint64_t)p->n)
		return -EIO;
	return 0;
}

/*
 * The seqlock read of one counter (Documentation of perf_event_mmap_page):
 * the count is offset + the hardware counter sign-extended from pmc_width.
 * index 0 means the event is not on a counter now: the read is unusable.
 */
static int user_read_one(volatile struct perf_event_mmap_page *pg,
			 uint64_t *val, uint64_t *ena, uint64_t *run)
{
	uint32_t seq, idx;
	uint64_t count, e, r;

	do {
		seq = pg->lock;
		__asm__ volatile("" ::: "memory");
		idx = pg->index;
		e = pg->time_enabled;
		r = pg->time_running;
		if (!pg->cap_user_rdpmc || !idx || !pg->pmc_width ||
		    pg->pmc_width > 64)
			return -EAGAIN;
		count = ftb_pmc_count(pg->offset, ftb_read_pmc(idx - 1),
				      pg->pmc_width);
		__asm__ volatile("" ::: "memory");
	} while (pg->lock != seq);
	*val = count;
	if (ena) {
		*ena = e;
		*run = r;
	}
	return 0;
}

static int snap_user(struct pmu_priv *p, uint64_t *buf)
{
	buf[0] = (uint64_t)p->n;
	for (int i = 0; i < p->n; i++) {
		int ret = user_read_one(p->pg[i], &buf[3 + i],
					i ? NULL : &buf[1], i ? NULL : &buf[2]);
		if (ret)
			return ret;
	}
	return 0;
}

static int snap(struct pmu_priv *p, uint64_t *buf)
{
	return p->user ? snap_user(p, buf) : snap_read(p, buf);
}

static void pmu_start(struct ftb_backend *b)
{
	struct pmu_priv *p = b->priv;

	p->t0 = p->clk.now();
	p->base_ok = !snap(p, p->base);
}

static void pmu_stop(struct ftb_backend *b, struct ftb_counts *out)
{
	struct pmu_priv *p = b->priv;
	uint64_t now[GRP_WORDS];
	int ok = !snap(p, now);
	uint64_t t1 = p->clk.now();

	memset(out, 0, sizeof(*out));
	out->time_ns = ftb_clock_ns(&p->clk, t1 - p->t0);
	if (!ok || !p->base_ok) {
		out->invalid = 1;
		return;
	}
	ftb_pmu_delta(p->base, now, p->n, out);
}

static int pmu_enable(struct ftb_backend *b, int on)
{
	struct pmu_priv *p = b->priv;
	unsigned long req = on ? PERF_EVENT_IOC_ENABLE : PERF_EVENT_IOC_DISABLE;

	if (ftb_pmu_sys.ioctl(p->fd[0], req, PERF_IOC_FLAG_GROUP) < 0)
		return -errno;
	return 0;
}

static void pmu_close(struct ftb_backend *b)
{
	struct pmu_priv *p = b->priv;
	long page = sysconf(_SC_PAGESIZE);

	if (!p)
		return;
	for (int i = p->n - 1; i >= 0; i--) {
		if (p->pg[i])
			ftb_pmu_sys.unmap_page((void *)p->pg[i], (size_t)page);
		if (p->fd[i] >= 0)
			close(p->fd[i]);
	}
	free(p);
	b->priv = NULL;
}

static void fill_attr(struct perf_event_attr *a, const struct ftb_event *ev,
		      int leader, const struct ftb_pmu_options *o)
{
	memset(a, 0, sizeof(*a));
	a->size = sizeof(*a);
	a->type = ev->type;
	a->config = ev->config;
	a->config1 = ev->config1;
	a->config2 = ev->config2;
	a->read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
			 PERF_FORMAT_TOTAL_TIME_RUNNING;
	a->exclude_kernel = !ev->kernel;
	a->exclude_hv = 1;
	/* The group is enabled per sample through the leader, and must own
	 * its counters for the whole window, or fail loudly (pinned). */
	a->disabled = leader;
	a->pinned = leader;
#if defined(__aarch64__)
	if (o->user_read && o->user_access == 1 &&
	    ev->type != PERF_TYPE_SOFTWARE)
		a->config1 |= ARMV8_CONFIG1_RDPMC;
#else
	(void)o;
#endif
}

static int open_events(struct pmu_priv *p, const struct ftb_event_group *g,
		       const struct ftb_pmu_options *o, char *err,
		       size_t errlen)
{
	for (int i = 0; i < g->n; i++) {
		struct perf_event_attr a;
		long fd;

		fill_attr(&a, &g->ev[i], i == 0, o);
		fd = ftb_pmu_sys.perf_event_open(&a, 0, -1, i ? p->fd[0] : -1,
						 PERF_FLAG_FD_CLOEXEC);
		if (fd < 0) {
			int e = errno ? errno : EIO;

			ftb_pmu_explain(e, g->ev[i].name, o->paranoid, err,
					errlen);
			return -e;
		}
		p->fd[i] = (int)fd;
		p->n = i + 1;
	}
	return 0;
}

/* The mmap pages for user-space reads: 1 when every event has one. */
static int map_pages(struct pmu_priv *p)
{
	long page = sysconf(_SC_PAGESIZE);

	for (int i = 0; i < p->n; i++) {
		void *m = ftb_pmu_sys.map_page(p->fd[i], (size_t)page);

		if (!m)
			return 0;
		p->pg[i] = m;
	}
	return 1;
}

static void user_read_note(const struct ftb_pmu_options *o, char *buf,
			   size_t len)
{
#if defined(__aarch64__)
	if (o->user_access == FTB_UNKNOWN) {
		snprintf(buf, len,
			 "user-space counter reads off: no "
			 "kernel.perf_user_access (kernel < 5.17); counts read "
			 "with read(2)");
		return;
	}
	if (o->user_access != 1) {
		snprintf(buf, len,
			 "user-space counter reads off: perf_user_access=%d; "
			 "fix: sysctl -w kernel.perf_user_access=1",
			 o->user_access);
		return;
	}
#else
	(void)o;
#endif
	snprintf(
		buf, len,
		"user-space counter reads refused by the kernel "
		"(cap_user_rdpmc=0, no counter index, or no mmap page): counts "
		"read with read(2)");
}

/*
 * Enable once, read, disable: a pinned group too large for the PMU is only
 * seen here (read returns 0 bytes), and so is whether the mmap page grants
 * user-space reads.
 */
static int probe(struct pmu_priv *p, char *err, size_t errlen)
{
	struct ftb_backend tmp = { .priv = p };
	uint64_t buf[GRP_WORDS];
	int ret = pmu_enable(&tmp, 1);

	if (ret) {
		ftb_errf(err, errlen, "PERF_EVENT_IOC_ENABLE: %s",
			 strerror(-ret));
		return ret;
	}
	p->user = p->mapped && !snap_user(p, buf);
	ret = snap_read(p, buf);
	pmu_enable(&tmp, 0);
	if (ret || buf[2] == 0) {
		ftb_errf(err, errlen,
			 "the group of %d events could not be scheduled: it "
			 "needs more counters than the PMU has free (an NMI "
			 "watchdog may hold one: sysctl -w "
			 "kernel.nmi_watchdog=0); fix: split it into smaller "
			 "groups with ';'",
			 p->n);
		return -EBUSY;
	}
	return 0;
}

static void fill_backend(struct ftb_backend *b, struct pmu_priv *p,
			 const struct ftb_event_group *g)
{
	b->name = p->user ? "pmu-user" : "pmu";
	b->flagged = "the counter group was multiplexed or unreadable";
	b->counter_width = p->pg[0] ? p->pg[0]->pmc_width : 0;
	b->ncounters = g->n;
	for (int i = 0; i < g->n; i++) {
		snprintf(p->names[i], sizeof(p->names[i]), "%s", g->ev[i].name);
		b->counter_name[i] = p->names[i];
	}
	b->start = pmu_start;
	b->stop = pmu_stop;
	b->close = pmu_close;
	b->enable = pmu_enable;
	b->priv = p;
	b->tick_hz = 0;
}

int ftb_pmu_open(struct ftb_backend *b, const struct ftb_event_group *g,
		 const struct ftb_pmu_options *o, const struct ftb_clock *clk,
		 char *err, size_t errlen)
{
	struct pmu_priv *p = calloc(1, sizeof(*p));
	int ret;

	if (!p)
		return -ENOMEM;
	for (int i = 0; i < FTB_MAX_COUNTERS; i++)
		p->fd[i] = -1;
	p->clk = *clk;
	memset(b, 0, sizeof(*b));
	b->priv = p;
	b->close = pmu_close;
	ret = open_events(p, g, o, err, errlen);
	if (!ret && o->user_read)
		p->mapped = map_pages(p);
	if (!ret)
		ret = probe(p, err, errlen);
	if (ret) {
		pmu_close(b);
		return ret;
	}
	fill_backend(b, p, g);
	if (o->user_read && !p->user)
		user_read_note(o, b->reason, sizeof(b->reason));
	return 0;
}

/*
 * arm64: how many counters the PMU has, as the kernel's group validation
 * sees them: a CPU_CYCLES leader (the cycle counter) plus SW_INCR members
 * (0x00, one event counter each) until the open is refused. Nothing is
 * enabled. Returns the count, or -1 when not even the leader opens.
 */
int ftb_pmu_count_counters(uint32_t type)
{
	int fd[33], n = 0;

	for (; n < 33; n++) {
		struct perf_event_attr a;
		long f;

		memset(&a, 0, sizeof(a));
		a.size = sizeof(a);
		a.type = type;
		a.config = n ? 0x00 : 0x11;
		/* Only the leader is off: the kernel's group validation
		 * skips events in the OFF state, and must see the members. */
		a.disabled = !n;
		a.exclude_kernel = 1;
		a.exclude_hv = 1;
		f = ftb_pmu_sys.perf_event_open(&a, 0, -1, n ? fd[0] : -1,
						PERF_FLAG_FD_CLOEXEC);
		if (f < 0)
			break;
		fd[n] = (int)f;
	}
	for (int i = n - 1; i >= 0; i--)
		close(fd[i]);
	return n ? n : -1;
}
