/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared between the harness sources and the harness unit tests; not for bench/.
 */
#ifndef FTB_HARNESS_INTERNAL_H
#define FTB_HARNESS_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/perf_event.h>

#include "harness/harness.h"

/* ---- Events (events.c) ---- */

struct ftb_event {
	char name[64]; /* as the user or the preset named it */
	uint32_t type; /* perf_event_attr.type */
	uint64_t config, config1, config2;
	char source[48]; /* libpfm:<table>, generic, raw, armv8-common */
	int kernel;	 /* 1: counted in the kernel too (exclude_kernel 0) */
};

struct ftb_event_group {
	int n;
	struct ftb_event ev[FTB_MAX_COUNTERS];
};

/* Splits and expands a --events spec into groups (names only). */
int ftb_events_parse(const char *spec, struct ftb_event_group *g, int maxg,
		     int *ng, char *err, size_t errlen);
/* Fills type/config/source for ev->name; -ENOENT if no resolver knows it. */
int ftb_event_resolve(struct ftb_event *ev, char *err, size_t errlen);
/* The core PMU tables libpfm detected ("" if none or no libpfm). */
const char *ftb_pfm_core_tables(void);
const char *ftb_pfm_version(void);

/* ---- Time sources (clock.c) ---- */

struct ftb_clock {
	const char *name; /* time-cntvct, time-tsc, time-clock */
	uint64_t hz;
	uint64_t (*now)(void);
	char note[160]; /* why not the ISA's counter, or "" */
};

void ftb_clock_init(struct ftb_clock *c);
uint64_t ftb_clock_ns(const struct ftb_clock *c, uint64_t ticks);

/* ---- Backends (pmu.c, timebk.c) ---- */

/* The system calls the pmu backend makes; tests replace them. */
struct ftb_pmu_sys {
	long (*perf_event_open)(struct perf_event_attr *attr, pid_t pid,
				int cpu, int group_fd, unsigned long flags);
	ssize_t (*read)(int fd, void *buf, size_t n);
	int (*ioctl)(int fd, unsigned long req, unsigned long arg);
	void *(*map_page)(int fd, size_t len); /* NULL on failure */
	void (*unmap_page)(void *page, size_t len);
};

extern struct ftb_pmu_sys ftb_pmu_sys;
void ftb_pmu_sys_reset(void);

struct ftb_pmu_options {
	int cpu;
	int user_read;
	int paranoid;	 /* for messages; -99 unknown */
	int user_access; /* perf_user_access, -99 unknown */
};

/* Opens one group as a backend; -errno with a cause-and-fix line in err. */
int ftb_pmu_open(struct ftb_backend *b, const struct ftb_event_group *g,
		 const struct ftb_pmu_options *o, const struct ftb_clock *clk,
		 char *err, size_t errlen);
/* arm64: the PMU's counters (event counters + cycle counter), or -1. */
int ftb_pmu_count_counters(uint32_t type);
/* The one-line cause and fix for a perf_event_open errno. */
void ftb_pmu_explain(int err, const char *event, int paranoid, char *buf,
		     size_t len);
/* Pure: a user-page count, offset + raw sign-extended from width bits. */
uint64_t ftb_pmc_count(int64_t offset, uint64_t raw, unsigned int width);
/* Pure: window counts from two group reads (read_format GROUP|TIMES). */
void ftb_pmu_delta(const uint64_t *a, const uint64_t *b, int n,
		   struct ftb_counts *out);

int ftb_time_open(struct ftb_backend *b, const struct ftb_clock *clk);

/* ---- /proc and /sys (sysinfo.c); root "" or NULL is the real one ---- */

#define FTB_UNKNOWN (-99)

int ftb_sysctl_int(const char *root, const char *name); /* or FTB_UNKNOWN */
int ftb_cpulist_has(const char *list, int cpu);
/* The core PMU of cpu (its cluster's on big.LITTLE): sysfs name and type. */
int ftb_core_pmu(const char *root, int cpu, char *name, size_t len, int *type);
/* ---- Events the core PMU implements (implemented.c) ---- */
/*
 * 1 when the PMU's sysfs events/ lists an event with this event= code,
 * 0 when it lists others but not this one, -ENOENT without events/.
 */
int ftb_pmu_event_listed(const char *root, const char *pmu, uint64_t config);
/*
 * Takes out of the groups every event of PMU type `type` whose code the
 * PMU does not list (groups left empty go too), naming them in dropped
 * (comma separated). Returns 1 when it dropped any.
 */
int ftb_events_drop_unlisted(const char *root, const char *pmu, uint32_t type,
			     struct ftb_event_group *g, int *ng, char *dropped,
			     size_t len);

/* ---- Small helpers (util.c) ---- */

void ftb_errf(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* First line of a file, newline stripped; -errno. */
/* snprintf that reports truncation: 0 or -ENAMETOOLONG. */
int ftb_fmt(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ftb_read_line(const char *path, char *buf, size_t len);
int ftb_read_long(const char *path, long *v);
/* path = root + rel; root NULL or "" means "/". */
void ftb_path(char *buf, size_t len, const char *root, const char *rel);
int ftb_is_integer(const char *s);

/* ---- JSON writer (json.c) ---- */

struct ftb_json {
	FILE *f;
	int depth;
	int first[16]; /* no element written yet at this depth */
	int after_key;
};

void ftb_json_init(struct ftb_json *j, FILE *f);
void ftb_json_begin(struct ftb_json *j, char open); /* '{' or '[' */
void ftb_json_end(struct ftb_json *j, char close);
void ftb_json_key(struct ftb_json *j, const char *k);
void ftb_json_str(struct ftb_json *j, const char *s);
void ftb_json_num(struct ftb_json *j, double v); /* NaN/inf -> null */
void ftb_json_int(struct ftb_json *j, long long v);
void ftb_json_bool(struct ftb_json *j, int v);
void ftb_json_null(struct ftb_json *j);
/* A string that is an integer as a number, otherwise as a string. */
void ftb_json_word(struct ftb_json *j, const char *s);
/* A number already in JSON's syntax (the reader's text), written as is. */
void ftb_json_number_text(struct ftb_json *j, const char *text);

/* ---- JSON reader (json_read.c): a tree of the run directory's files ---- */

#define FTB_JSON_MAX_DEPTH 15 /* the writer's nesting limit */

enum ftb_json_type {
	FTB_JSON_NULL,
	FTB_JSON_BOOL,
	FTB_JSON_NUMBER,
	FTB_JSON_STRING,
	FTB_JSON_ARRAY,
	FTB_JSON_OBJECT,
};

struct ftb_jval {
	enum ftb_json_type type;
	char *key;  /* member name, in an object */
	char *text; /* a string's bytes (NUL-free), or a number's text */
	int boolean;
	struct ftb_jval *child, *next; /* first element/member, next sibling */
};

/* Strict RFC 8259; -EINVAL with "what at byte N" in err, or -ENOMEM. */
int ftb_json_parse(const char *text, size_t len, struct ftb_jval **out,
		   char *err, size_t errlen);
void ftb_json_free(struct ftb_jval *v);
/* The member named key of an object, or NULL. */
const struct ftb_jval *ftb_json_get(const struct ftb_jval *obj,
				    const char *key);
/* Writes v (and what it holds) through the writer. */
void ftb_json_put(struct ftb_json *j, const struct ftb_jval *v);

/* ---- Kill points of the crash-consistency test (testkill.c) ---- */

void ftb_test_kill_row(int fd, const char *row, size_t len, size_t rows);
void ftb_test_kill_after_row(size_t rows);
void ftb_test_kill_atomic(FILE *tmp, const char *name);

/* ---- Files (output.c) ---- */

/* Writes dir/name through a temporary and rename(2); mode 0664 & ~umask. */
int ftb_write_atomic(const char *dir, const char *name,
		     int (*fill)(FILE *f, const void *arg), const void *arg,
		     char *err, size_t errlen);
int ftb_meta_write(FILE *f, const void *meta);
/* A member meta.json gets from the run (its key, and how it is written). */
struct ftb_meta_extra {
	const char *key;
	void (*write)(struct ftb_json *j, const void *arg);
	const void *arg;
};
int ftb_meta_write_with(FILE *f, const struct ftb_meta *m,
			const struct ftb_meta_extra *extra);
/*
 * meta.json of a resumed run: the first session's tree plus `now`; the
 * extra member (if any) is this session's, replacing the first's.
 */
int ftb_meta_write_resumed(FILE *f, const struct ftb_jval *first,
			   const struct ftb_meta *now,
			   const struct ftb_meta_extra *extra);

#endif
