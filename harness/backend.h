/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A measurement backend turns one window of code into counts. The method
 * (method.c) brackets the workload with start() and stop(); backends never
 * format output and reporters never measure.
 *
 * Backends: pmu (perf_event_open group, read() or user-space reads),
 * emu (qemu-aarch64 TCG plugin, harness/qemu/), time-cntvct / time-tsc /
 * time-clock.
 */
#ifndef FTB_BACKEND_H
#define FTB_BACKEND_H

#include <stdint.h>

#define FTB_MAX_COUNTERS 16

struct ftb_counts {
	uint64_t value[FTB_MAX_COUNTERS]; /* raw counts for the window */
	uint64_t time_ns;		  /* wall time of the window */
	uint64_t enabled, running;	  /* perf: time_enabled/running */
	int multiplexed;		  /* enabled != running */
	int invalid; /* the counts could not be read: never use them */
};

struct ftb_backend {
	const char *name; /* as written in samples.csv "backend" */
	int ncounters;
	const char *counter_name[FTB_MAX_COUNTERS];
	/* Bracket a window. Must be cheap and must not allocate. */
	void (*start)(struct ftb_backend *b);
	void (*stop)(struct ftb_backend *b, struct ftb_counts *out);
	void (*close)(struct ftb_backend *b);
	void *priv;
	char reason[256]; /* why this backend (fallback message), or "" */
	/*
	 * Optional (NULL = nothing to do): called with on=1 before a sample's
	 * warm-up and on=0 after its second window, never inside a window.
	 * The pmu backend enables its counter group here. Returns 0 or -errno.
	 */
	int (*enable)(struct ftb_backend *b, int on);
	uint64_t tick_hz; /* time backends: ticks per second; else 0 */
	/*
	 * What a flagged sample (multiplexed or invalid) means for this
	 * backend, in a few words: the reason a configuration whose samples
	 * are all flagged has no result (harness/output.c).
	 */
	const char *flagged;
	unsigned int counter_width; /* pmu: the mmap page's pmc_width, or 0 */
};

/* What a backend is opened from (the --events/--pmu/--cpu options). */
struct ftb_backend_config {
	const char *events; /* NULL or "" = the ISA's default set */
	int cpu;	    /* the pinned CPU, or -1 */
};

/*
 * The emulated PMU (harness/emu.c). Fills a zeroed *b; returns 0, or -errno
 * with a one-line cause and fix in b->reason. The harness references it
 * weakly: a binary built without emu.c reports that instead of failing to
 * link.
 */
int ftb_emu_open(struct ftb_backend *b, const struct ftb_backend_config *cfg);

/* The workload: performs `calls` traced calls. */
struct ftb_workload {
	void (*run)(void *ctx, uint64_t calls);
	void *ctx;
};

/*
 * Emulated PMU protocol (arm64 under qemu, harness/qemu/plugin.c):
 * HINT #FTB_EMU_HINT_BEGIN opens a region, HINT #FTB_EMU_HINT_END closes it;
 * both are NOPs on hardware. At each END the plugin appends one line
 * "emu seq=<n> key=value ..." to the file named by its out= argument, which
 * the launcher also exports as FTBENCH_EMU_OUT.
 */
#define FTB_EMU_HINT_BEGIN 0x60
#define FTB_EMU_HINT_END 0x61

#endif
