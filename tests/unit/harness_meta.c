// SPDX-License-Identifier: GPL-2.0
/*
 * Provenance from a fake /proc and /sys tree: MIDR_EL1 per CPU, the core
 * PMU of a cluster, sysctls, governor and frequency; and the build facts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/internal.h"
#include "tests/unit/check.h"
#include "tests/unit/fake_tree.h"

static char root[256] = "/tmp/ftb-meta-XXXXXX";

static void put(const char *rel, const char *text)
{
	fake_put(root, rel, text);
}

static void fake_tree(void)
{
	put("/sys/devices/system/cpu/cpu0/regs/identification/midr_el1",
	    "0x00000000410fd083\n");
	put("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
	    "schedutil\n");
	put("/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq",
	    "1500000\n");
	put("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq",
	    "1800000\n");
	put("/proc/sys/kernel/perf_event_paranoid", "2\n");
	put("/proc/sys/kernel/perf_user_access", "1\n");
	put("/proc/cpuinfo", "processor\t: 0\nCPU implementer\t: 0x41\n"
			     "CPU part\t: 0xd08\n");
	put("/sys/bus/event_source/devices/software/type", "1\n");
	put("/sys/bus/event_source/devices/armv8_cortex_a53/type", "8\n");
	put("/sys/bus/event_source/devices/armv8_cortex_a53/cpus", "4-7\n");
	put("/sys/bus/event_source/devices/armv8_cortex_a72/type", "9\n");
	put("/sys/bus/event_source/devices/armv8_cortex_a72/cpus", "0-3\n");
}

static void collected(void)
{
	struct ftb_meta *m = calloc(1, sizeof(*m));

	m->sysfs_root = root;
	m->cpu = 0;
	ftb_meta_collect(m, NULL);
	CHECK(m->nmidr >= 1 && !strcmp(m->midr[0], "0x00000000410fd083"),
	      "MIDR_EL1 of cpu0 from sysfs");
	CHECK(!strcmp(m->pmu_name, "armv8_cortex_a72") && m->pmu_type == 9,
	      "core PMU of cpu0's cluster: %s type %d", m->pmu_name,
	      m->pmu_type);
	CHECK(m->perf_event_paranoid == 2 && m->perf_user_access == 1,
	      "perf_event_paranoid and perf_user_access");
	CHECK(!strcmp(m->governor_before, "schedutil") &&
		      m->freq_khz_before == 1500000 && m->cpu_scaling_enabled,
	      "governor and frequency before; scaling enabled");
	CHECK(m->mhz_per_cpu == 1800, "mhz_per_cpu from cpuinfo_max_freq");
	CHECK(strstr(m->cpu_model, "0xd08") != NULL, "cpu model: %s",
	      m->cpu_model);
	put("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
	    "performance\n");
	ftb_meta_finish(m);
	CHECK(!strcmp(m->governor_after, "performance"),
	      "governor after the run read again");
	CHECK(m->compiler[0] && m->git_revision[0] && m->date[0] && m->host[0],
	      "compiler '%s', git '%s'", m->compiler, m->git_revision);
	m->cpu = 5;
	ftb_meta_collect(m, NULL);
	CHECK(!strcmp(m->pmu_name, "armv8_cortex_a53") && m->pmu_type == 8,
	      "pinned to cpu 5: the little cluster's PMU");
	free(m);
}

static void unknown(void)
{
	struct ftb_meta *m = calloc(1, sizeof(*m));

	m->sysfs_root = "/nonexistent-ftb";
	m->cpu = -1;
	ftb_meta_collect(m, NULL);
	CHECK(m->perf_event_paranoid == FTB_UNKNOWN && m->pmu_type == -1 &&
		      m->nmidr == 0 && m->freq_khz_before == -1,
	      "nothing readable: recorded as unknown, no failure");
	free(m);
}

/* CTR_EL0 values of known cores, decoded field by field. */
static void cache_type(void)
{
	static const struct {
		uint64_t value;
		int idc, dic;
		unsigned int iline, dline;
		const char *l1ip, *core;
	} known[] = {
		{ 0x8444c004, 0, 0, 64, 64, "PIPT", "Cortex-A72" },
		{ 0x84448004, 0, 0, 64, 64, "VIPT", "Cortex-A53" },
		{ 0x9444c004, 1, 0, 64, 64, "PIPT", "Neoverse-N1 (IDC)" },
		{ 0xb444c004, 1, 1, 64, 64, "PIPT", "IDC and DIC" },
		{ 0x80038003, 0, 0, 32, 32, "VIPT", "32-byte lines" },
	};
	struct ftb_ctr c;
	struct ftb_meta *m = calloc(1, sizeof(*m));

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		ftb_ctr_decode(known[i].value, &c);
		CHECK(c.value == known[i].value && c.idc == known[i].idc &&
			      c.dic == known[i].dic &&
			      c.iminline == known[i].iline &&
			      c.dminline == known[i].dline &&
			      !strcmp(c.l1ip, known[i].l1ip),
		      "CTR_EL0 %#llx (%s): IDC %d DIC %d, I %u D %u bytes, %s",
		      (unsigned long long)known[i].value, known[i].core, c.idc,
		      c.dic, c.iminline, c.dminline, c.l1ip);
	}
	m->sysfs_root = root;
	ftb_meta_collect(m, NULL);
#if defined(__aarch64__)
	CHECK(m->have_ctr && m->ctr.iminline >= 4 && m->ctr.dminline >= 4 &&
		      (m->ctr.value >> 31) == 1,
	      "arm64: this CPU's CTR_EL0 %#llx recorded",
	      (unsigned long long)m->ctr.value);
#else
	CHECK(!m->have_ctr, "no CTR_EL0 off arm64");
#endif
	free(m);
}

int main(void)
{
	char cmd[300];

	if (!mkdtemp(root))
		return 1;
	fake_tree();
	collected();
	unknown();
	cache_type();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) ? 1 : check_exit();
}
