// SPDX-License-Identifier: GPL-2.0
/*
 * Provenance: everything a reader needs to know where a number came from.
 * Collection never fails a run: what cannot be read is recorded as unknown.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "harness/internal.h"

#ifndef FTB_GIT_REV
#define FTB_GIT_REV ""
#endif
#ifndef FTB_BUILD_CC
#define FTB_BUILD_CC "cc"
#endif
#ifndef FTB_BUILD_CFLAGS
#define FTB_BUILD_CFLAGS ""
#endif
#ifndef FTB_VERSION
#define FTB_VERSION "0.1"
#endif
#ifndef FTB_ARCH_NAME
#define FTB_ARCH_NAME "unknown"
#endif

static const char *root_of(const struct ftb_meta *m)
{
	return m->sysfs_root ? m->sysfs_root : "";
}

static void read_cpu_file(const struct ftb_meta *m, int cpu, const char *rel,
			  char *buf, size_t len)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/sys/devices/system/cpu/cpu%d/%s",
		 root_of(m), cpu, rel);
	if (ftb_read_line(path, buf, len))
		buf[0] = '\0';
}

static void collect_midr(struct ftb_meta *m)
{
	m->nmidr = 0;
	for (int cpu = 0; cpu < m->ncpus && cpu < FTB_MAX_CPUS; cpu++) {
		read_cpu_file(m, cpu, "regs/identification/midr_el1",
			      m->midr[cpu], sizeof(m->midr[cpu]));
		if (m->midr[cpu][0])
			m->nmidr = cpu + 1;
	}
}

/* "model name" (x86), else the arm64 implementer/part, else "". */
static void collect_cpu_model(struct ftb_meta *m)
{
	char path[512], line[512], impl[32] = "", part[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/proc/cpuinfo", root_of(m));
	f = fopen(path, "re");
	m->cpu_model[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && !m->cpu_model[0]) {
		char *v = strchr(line, ':');

		if (!v)
			continue;
		v += 1 + (v[1] == ' ');
		v[strcspn(v, "\n")] = '\0';
		if (!strncmp(line, "model name", 10))
			snprintf(m->cpu_model, sizeof(m->cpu_model), "%s", v);
		else if (!strncmp(line, "CPU implementer", 15) && !impl[0])
			snprintf(impl, sizeof(impl), "%s", v);
		else if (!strncmp(line, "CPU part", 8) && !part[0])
			snprintf(part, sizeof(part), "%s", v);
	}
	fclose(f);
	if (!m->cpu_model[0] && impl[0])
		snprintf(m->cpu_model, sizeof(m->cpu_model),
			 "arm64 implementer %s part %s", impl, part);
}

static int governor_cpu(const struct ftb_meta *m)
{
	return m->cpu >= 0 ? m->cpu : 0;
}

static void collect_freq(const struct ftb_meta *m, char *gov, size_t len,
			 long *khz)
{
	char buf[64];

	read_cpu_file(m, governor_cpu(m), "cpufreq/scaling_governor", gov, len);
	read_cpu_file(m, governor_cpu(m), "cpufreq/scaling_cur_freq", buf,
		      sizeof(buf));
	*khz = buf[0] ? strtol(buf, NULL, 10) : -1;
}

/* Like Google Benchmark: max frequency, else /proc/cpuinfo "cpu MHz". */
static double collect_mhz(const struct ftb_meta *m)
{
	char buf[64], path[512], line[256];
	double mhz = 0;
	FILE *f;

	read_cpu_file(m, governor_cpu(m), "cpufreq/cpuinfo_max_freq", buf,
		      sizeof(buf));
	if (buf[0])
		return strtod(buf, NULL) / 1000.0;
	snprintf(path, sizeof(path), "%s/proc/cpuinfo", root_of(m));
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "cpu MHz", 7) && strchr(line, ':')) {
			mhz = strtod(strchr(line, ':') + 1, NULL);
			break;
		}
	fclose(f);
	return mhz;
}

/* Build-time revision, else ask git now; "unknown" if neither works. */
static void collect_git(struct ftb_meta *m)
{
	FILE *p;

	snprintf(m->git_revision, sizeof(m->git_revision), "%s", FTB_GIT_REV);
	if (m->git_revision[0])
		return;
	snprintf(m->git_revision, sizeof(m->git_revision), "unknown");
	p = popen("git rev-parse --short=12 HEAD 2>/dev/null", "re");
	if (!p)
		return;
	if (fgets(m->git_revision, sizeof(m->git_revision), p))
		m->git_revision[strcspn(m->git_revision, "\n")] = '\0';
	if (pclose(p) != 0 || !m->git_revision[0])
		snprintf(m->git_revision, sizeof(m->git_revision), "unknown");
}

static void collect_system(struct ftb_meta *m)
{
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;
	long n = sysconf(_SC_NPROCESSORS_CONF);

	gmtime_r(&now, &tm);
	strftime(m->date, sizeof(m->date), "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	if (!uname(&u)) {
		snprintf(m->host, sizeof(m->host), "%s", u.nodename);
		snprintf(m->kernel, sizeof(m->kernel), "%s", u.release);
	}
	snprintf(m->arch, sizeof(m->arch), "%s", FTB_ARCH_NAME);
	m->ncpus = n > 0 ? (int)n : 1;
	m->perf_event_paranoid =
		ftb_sysctl_int(root_of(m), "perf_event_paranoid");
	m->perf_user_access = ftb_sysctl_int(root_of(m), "perf_user_access");
	if (ftb_core_pmu(root_of(m), m->cpu, m->pmu_name, sizeof(m->pmu_name),
			 &m->pmu_type)) {
		m->pmu_name[0] = '\0';
		m->pmu_type = -1;
	}
	m->have_ctr = !ftb_ctr_read(&m->ctr);
}

static void collect_build(struct ftb_meta *m)
{
	snprintf(m->ftbench_version, sizeof(m->ftbench_version), "%s",
		 FTB_VERSION);
	snprintf(m->compiler, sizeof(m->compiler), "%s %s", FTB_BUILD_CC,
		 __VERSION__);
	snprintf(m->cflags, sizeof(m->cflags), "%s", FTB_BUILD_CFLAGS);
	snprintf(m->libpfm_version, sizeof(m->libpfm_version), "%s",
		 ftb_pfm_version());
	collect_git(m);
}

static void collect_meter(struct ftb_meta *m, const struct ftb_meter *meter)
{
	const char *t = meter ? ftb_meter_pfm_table(meter) : "", *note;

	snprintf(m->libpfm_table, sizeof(m->libpfm_table), "%s",
		 *t ? t : ftb_pfm_core_tables());
	if (!meter)
		return;
	snprintf(m->backend, sizeof(m->backend), "%s",
		 ftb_meter_backend(meter));
	snprintf(m->backend_reason, sizeof(m->backend_reason), "%s",
		 ftb_meter_reason(meter));
	snprintf(m->events, sizeof(m->events), "%s", ftb_meter_events(meter));
	m->tick_hz = ftb_meter_tick_hz(meter);
	m->kernel_counted = ftb_meter_kernel(meter, &note);
	m->kernel_requested = *note != '\0';
	snprintf(m->kernel_note, sizeof(m->kernel_note), "%s", note);
	m->pmu_counters = ftb_meter_counters(meter);
	if (!strncmp(m->backend, "pmu", 3)) {
		const struct ftb_backend *b =
			ftb_meter_pass((struct ftb_meter *)meter, 0);

		m->pmu_counter_width =
			b && b->counter_width ? (int)b->counter_width : -1;
		snprintf(m->read_path, sizeof(m->read_path), "%s",
			 strcmp(m->backend, "pmu-user") != 0
				 ? "read(2)"
				 : "user-space (mmap page, no system call)");
	}
	snprintf(m->unimplemented, sizeof(m->unimplemented), "%s",
		 ftb_meter_unimplemented(meter));
	if (*m->unimplemented)
		ftb_meta_condition(
			m, "unimplemented-event",
			"not implemented by PMU %s (not in its sysfs events/, "
			"from PMCEID): %s: left out of the counts",
			*m->pmu_name ? m->pmu_name : "?", m->unimplemented);
}

/* Other CPUs' work can land in an unpinned task's counts (a VM's vCPUs). */
static void collect_unpinned(struct ftb_meta *m)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	if (m->cpu >= 0 || online <= 1 || !strcmp(m->backend, "emu"))
		return;
	ftb_meta_condition(m, "unpinned",
			   "measured unpinned with %ld CPUs online: other "
			   "CPUs' work can leak into the counts (vCPUs of a "
			   "VM) and migrations move the thread; fix: --cpu N",
			   online);
}

void ftb_meta_collect(struct ftb_meta *m, const struct ftb_meter *meter)
{
	m->nconditions = 0;
	m->pmu_counters = -1;
	m->pmu_counter_width = -1;
	m->read_path[0] = m->unimplemented[0] = '\0';
	collect_system(m);
	collect_cpu_model(m);
	collect_midr(m);
	collect_build(m);
	collect_meter(m, meter);
	collect_unpinned(m);
	collect_freq(m, m->governor_before, sizeof(m->governor_before),
		     &m->freq_khz_before);
	m->governor_after[0] = '\0';
	m->freq_khz_after = -1;
	m->mhz_per_cpu = collect_mhz(m);
	m->cpu_scaling_enabled = m->governor_before[0] &&
				 strcmp(m->governor_before, "performance") != 0;
}

void ftb_meta_finish(struct ftb_meta *m)
{
	collect_freq(m, m->governor_after, sizeof(m->governor_after),
		     &m->freq_khz_after);
}
