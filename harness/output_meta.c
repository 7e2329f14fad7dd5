// SPDX-License-Identifier: GPL-2.0
/* meta.json: the provenance collected by meta.c, as one object. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness/internal.h"

static void str_or_null(struct ftb_json *j, const char *k, const char *v)
{
	ftb_json_key(j, k);
	if (v && *v)
		ftb_json_str(j, v);
	else
		ftb_json_null(j);
}

static void int_or_null(struct ftb_json *j, const char *k, long long v,
			long long unknown)
{
	ftb_json_key(j, k);
	if (v == unknown)
		ftb_json_null(j);
	else
		ftb_json_int(j, v);
}

/* arm64: CTR_EL0 and the bits that choose the patch's cache maintenance. */
static void cache_type(struct ftb_json *j, const struct ftb_meta *m)
{
	char hex[24];

	ftb_json_key(j, "ctr_el0");
	if (!m->have_ctr) {
		ftb_json_null(j);
		return;
	}
	snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)m->ctr.value);
	ftb_json_begin(j, '{');
	ftb_json_key(j, "value");
	ftb_json_str(j, hex);
	ftb_json_key(j, "idc");
	ftb_json_int(j, m->ctr.idc);
	ftb_json_key(j, "dic");
	ftb_json_int(j, m->ctr.dic);
	ftb_json_key(j, "iminline_bytes");
	ftb_json_int(j, m->ctr.iminline);
	ftb_json_key(j, "dminline_bytes");
	ftb_json_int(j, m->ctr.dminline);
	ftb_json_key(j, "l1ip");
	ftb_json_str(j, m->ctr.l1ip);
	ftb_json_end(j, '}');
}

static void identity(struct ftb_json *j, const struct ftb_meta *m)
{
	ftb_json_key(j, "format_version");
	ftb_json_int(j, FTB_FORMAT_VERSION);
	str_or_null(j, "ftbench_version", m->ftbench_version);
	str_or_null(j, "git_revision", m->git_revision);
	str_or_null(j, "command_line", m->command_line);
	str_or_null(j, "executable", m->executable);
	str_or_null(j, "date", m->date);
	str_or_null(j, "host", m->host);
	str_or_null(j, "arch", m->arch);
	str_or_null(j, "cpu_model", m->cpu_model);
	ftb_json_key(j, "num_cpus");
	ftb_json_int(j, m->ncpus);
	ftb_json_key(j, "midr_el1");
	ftb_json_begin(j, '[');
	for (int i = 0; i < m->nmidr; i++)
		if (m->midr[i][0])
			ftb_json_str(j, m->midr[i]);
		else
			ftb_json_null(j);
	ftb_json_end(j, ']');
	cache_type(j, m);
	str_or_null(j, "kernel", m->kernel);
	str_or_null(j, "compiler", m->compiler);
	str_or_null(j, "cflags", m->cflags);
}

/* "kernel_counts": null unless a scenario asked for kernel counts. */
static void kernel_counts(struct ftb_json *j, const struct ftb_meta *m)
{
	ftb_json_key(j, "kernel_counts");
	if (!m->kernel_requested) {
		ftb_json_null(j);
		return;
	}
	ftb_json_begin(j, '{');
	ftb_json_key(j, "counted");
	ftb_json_bool(j, m->kernel_counted);
	ftb_json_key(j, "note");
	ftb_json_str(j, m->kernel_note);
	ftb_json_end(j, '}');
}

static void perf(struct ftb_json *j, const struct ftb_meta *m)
{
	int_or_null(j, "perf_event_paranoid", m->perf_event_paranoid,
		    FTB_UNKNOWN);
	int_or_null(j, "perf_user_access", m->perf_user_access, FTB_UNKNOWN);
	ftb_json_key(j, "pmu");
	ftb_json_begin(j, '{');
	str_or_null(j, "name", m->pmu_name);
	int_or_null(j, "type", m->pmu_type, -1);
	int_or_null(j, "counters", m->pmu_counters, -1);
	int_or_null(j, "counter_width", m->pmu_counter_width, -1);
	str_or_null(j, "read_path", m->read_path);
	ftb_json_key(j, "unimplemented_events");
	ftb_json_begin(j, '[');
	for (const char *s = m->unimplemented; *s;) {
		char name[64];
		size_t n = strcspn(s, ",");

		snprintf(name, sizeof(name), "%.*s", (int)n, s);
		ftb_json_str(j, name);
		s += n + (s[n] == ',');
	}
	ftb_json_end(j, ']');
	ftb_json_end(j, '}');
	ftb_json_key(j, "libpfm");
	ftb_json_begin(j, '{');
	str_or_null(j, "version", m->libpfm_version);
	str_or_null(j, "pmu_table", m->libpfm_table);
	ftb_json_end(j, '}');
	str_or_null(j, "backend", m->backend);
	ftb_json_key(j, "backend_reason");
	ftb_json_str(j, m->backend_reason);
	str_or_null(j, "events", m->events);
	int_or_null(j, "tick_hz", (long long)m->tick_hz, 0);
	kernel_counts(j, m);
	ftb_json_key(j, "conditions");
	ftb_json_begin(j, '[');
	for (int i = 0; i < m->nconditions; i++) {
		ftb_json_begin(j, '{');
		ftb_json_key(j, "kind");
		ftb_json_str(j, m->conditions[i].kind);
		ftb_json_key(j, "detail");
		ftb_json_str(j, m->conditions[i].detail);
		ftb_json_end(j, '}');
	}
	ftb_json_end(j, ']');
}

static void machine_state(struct ftb_json *j, const struct ftb_meta *m)
{
	str_or_null(j, "governor_before", m->governor_before);
	str_or_null(j, "governor_after", m->governor_after);
	int_or_null(j, "freq_khz_before", m->freq_khz_before, -1);
	int_or_null(j, "freq_khz_after", m->freq_khz_after, -1);
	ftb_json_key(j, "cpu");
	ftb_json_int(j, m->cpu);
}

static void study(struct ftb_json *j, const struct ftb_meta *m)
{
	ftb_json_key(j, "corpus");
	ftb_json_begin(j, '{');
	for (int i = 0; i < m->ncorpus; i++) {
		ftb_json_key(j, m->corpus[i].key);
		ftb_json_word(j, m->corpus[i].value);
	}
	ftb_json_end(j, '}');
	ftb_json_key(j, "method");
	ftb_json_begin(j, '{');
	/* null: the scenarios' call counts differ (samples.csv has each) */
	int_or_null(j, "calls", (long long)m->method.calls, 0);
	ftb_json_key(j, "repetitions");
	ftb_json_int(j, m->method.repetitions);
	int_or_null(j, "warmup", (long long)m->method.warmup, 0);
	ftb_json_key(j, "order_seed");
	ftb_json_int(j, (long long)m->method.order_seed);
	if (m->adaptive.windows) {
		ftb_json_key(j, "windows");
		ftb_json_int(j, m->adaptive.windows);
		ftb_json_key(j, "max_repetitions");
		ftb_json_int(j, m->adaptive.max_repetitions);
		ftb_json_key(j, "target");
		ftb_json_num(j, m->adaptive.target);
		ftb_json_key(j, "target_relative");
		ftb_json_num(j, m->adaptive.target_rel);
		ftb_json_key(j, "target_metric");
		ftb_json_str(j, m->adaptive.target_metric);
		ftb_json_key(j, "budget_s");
		ftb_json_num(j, m->adaptive.budget_s);
		ftb_json_key(j, "confidence");
		ftb_json_num(j, FTB_CONFIDENCE);
	}
	ftb_json_end(j, '}');
}

/* The study's options, for --resume (integers as numbers, else words). */
static void options(struct ftb_json *j, const struct ftb_meta *m)
{
	ftb_json_key(j, "options");
	ftb_json_begin(j, '{');
	for (int i = 0; i < m->noptions; i++) {
		ftb_json_key(j, m->options[i].key);
		ftb_json_word(j, m->options[i].value);
	}
	ftb_json_end(j, '}');
}

int ftb_meta_write_with(FILE *f, const struct ftb_meta *m,
			const struct ftb_meta_extra *extra)
{
	struct ftb_json j;

	ftb_json_init(&j, f);
	ftb_json_begin(&j, '{');
	identity(&j, m);
	perf(&j, m);
	machine_state(&j, m);
	study(&j, m);
	options(&j, m);
	if (extra)
		extra->write(&j, extra->arg);
	ftb_json_end(&j, '}');
	return ferror(f) ? -EIO : 0;
}

int ftb_meta_write(FILE *f, const void *arg)
{
	return ftb_meta_write_with(f, arg, NULL);
}

/* One session that continued the run: when, how, with what. */
static void resume_entry(struct ftb_json *j, const struct ftb_meta *m)
{
	ftb_json_begin(j, '{');
	str_or_null(j, "date", m->date);
	str_or_null(j, "command_line", m->command_line);
	str_or_null(j, "ftbench_version", m->ftbench_version);
	str_or_null(j, "git_revision", m->git_revision);
	str_or_null(j, "kernel", m->kernel);
	str_or_null(j, "backend", m->backend);
	machine_state(j, m);
	ftb_json_end(j, '}');
}

/* "resumes": the earlier sessions' entries (old may be NULL), then now. */
static void resumes(struct ftb_json *j, const struct ftb_jval *old,
		    const struct ftb_meta *now)
{
	ftb_json_key(j, "resumes");
	ftb_json_begin(j, '[');
	for (const struct ftb_jval *e = old ? old->child : NULL; e; e = e->next)
		ftb_json_put(j, e);
	resume_entry(j, now);
	ftb_json_end(j, ']');
}

/*
 * A resumed run's meta.json: the first session's, member for member, with
 * this session appended to "resumes" (created last if absent).
 */
int ftb_meta_write_resumed(FILE *f, const struct ftb_jval *first,
			   const struct ftb_meta *now,
			   const struct ftb_meta_extra *extra)
{
	const struct ftb_jval *old = ftb_json_get(first, "resumes");
	struct ftb_json j;

	ftb_json_init(&j, f);
	ftb_json_begin(&j, '{');
	for (const struct ftb_jval *m = first->child; m; m = m->next) {
		if (m == old) {
			resumes(&j, old, now);
			continue;
		}
		/* The extra members are this session's, written last. */
		if (extra && !strcmp(m->key, extra->key))
			continue;
		ftb_json_key(&j, m->key);
		ftb_json_put(&j, m);
	}
	if (!old)
		resumes(&j, NULL, now);
	if (extra)
		extra->write(&j, extra->arg);
	ftb_json_end(&j, '}');
	return ferror(f) ? -EIO : 0;
}
