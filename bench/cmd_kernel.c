// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench kernel --module FILE [--out DIR] [--calls K]: the ftrace-ops
 * matrix measured by the running kernel itself (kmod/ftbench_kmod.c).
 * Loads the module (finit_module), runs each configuration through
 * /proc/ftbench_kmod, unloads it, and adds to DIR/samples.csv one row per
 * configuration in the run schema, variant `kernel` (per-call counts by the
 * K-vs-2K method, the 0/0 point included: the report takes the kernel's
 * overhead over its own untraced point), and to DIR/meta.json the
 * kernel's release (uname) and ftrace design (the module reports whether
 * the kernel it was built for, the running one, has CALL_OPS), and where
 * the tracee's call slot branches: straight to ftrace_caller or through
 * the module's PLT.
 * Without root, the module or ftrace: one line why, exit status 3.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench/cli.h"
#include "bench/commands.h"

#define CTL "/proc/ftbench_kmod"
#define NEVENTS 4

static const char *const event_names[NEVENTS] = { "insns", "cycles", "branches",
						  "br-mispred" };

struct krow {
	unsigned int rel, irr;
	double ns, ev[NEVENTS];
	int have[NEVENTS];
	char site[16];
	char design[16];
};

static int unavailable(const char *why)
{
	fprintf(stderr, "ftbench: kernel: %s\n", why);
	return 3;
}

static unsigned long long field(const char *line, const char *key)
{
	char pat[40];
	const char *p;

	snprintf(pat, sizeof(pat), " %s=", key);
	p = strstr(line, pat);
	return p ? strtoull(p + strlen(pat), NULL, 0) : 0;
}

static int run_one(unsigned int rel, unsigned int irr, unsigned int calls,
		   struct krow *r)
{
	char buf[512];
	ssize_t n;
	int fd = open(CTL, O_RDWR);

	if (fd < 0)
		return -errno;
	n = snprintf(buf, sizeof(buf), "%u %u %u", rel, irr, calls);
	if (write(fd, buf, (size_t)n) != n) {
		int e = -errno;

		close(fd);
		return e;
	}
	lseek(fd, 0, SEEK_SET);
	buf[0] = ' ';
	n = read(fd, buf + 1, sizeof(buf) - 2);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n + 1] = 0;
	r->rel = rel;
	r->irr = irr;
	r->ns = (double)(field(buf, "ns_2k") - field(buf, "ns_k")) / calls;
	for (int i = 0; i < NEVENTS; i++) {
		char k1[32], k2[32];

		snprintf(k1, sizeof(k1), "%s_k", event_names[i]);
		snprintf(k2, sizeof(k2), "%s_2k", event_names[i]);
		r->have[i] = strstr(buf, k2) != NULL;
		r->ev[i] = ((double)field(buf, k2) - (double)field(buf, k1)) /
			   calls;
	}
	{
		const char *s = strstr(buf, " site=");
		const char *d = strstr(buf, " design=");

		snprintf(r->site, sizeof(r->site), "%.*s",
			 s ? (int)strcspn(s + 6, " \n") : 1, s ? s + 6 : "?");
		/* The module's build config: the running kernel's (vermagic). */
		snprintf(r->design, sizeof(r->design), "%.*s",
			 d ? (int)strcspn(d + 8, " \n") : 7,
			 d ? d + 8 : "unknown");
	}
	return 0;
}

/* The run schema's counter names for the module's events. */
static const char *const csv_names[NEVENTS] = { "instructions", "cycles",
						"branches", "branch-misses" };

/*
 * Rows in the run directory's schema (docs/results-format.md), appended to
 * an existing samples.csv under its own header (a counter it lacks is
 * left out, a column the module lacks is empty), or a new file.
 */
static int write_rows(const char *path, const struct krow *rows, size_t n,
		      unsigned int calls)
{
	char header[4096] =
		"name,scenario,variant,params,repetition,pass,"
		"calls,backend,multiplexed,real_time_ns,"
		"instructions,cycles,branches,branch-misses,error\n";
	FILE *f = fopen(path, "r");
	int fresh = !f;

	if (f) {
		if (!fgets(header, sizeof(header), f))
			fresh = 1;
		fclose(f);
	}
	f = fopen(path, fresh ? "w" : "a");
	if (!f)
		return -1;
	if (fresh)
		fputs(header, f);
	for (size_t i = 0; i < n; i++) {
		const struct krow *r = &rows[i];
		char *save, hdr[4096];
		int col = 0;

		snprintf(hdr, sizeof(hdr), "%s", header);
		for (char *c = strtok_r(hdr, ",\n", &save); c;
		     c = strtok_r(NULL, ",\n", &save), col++) {
			fputs(col ? "," : "", f);
			if (!strcmp(c, "name"))
				fprintf(f,
					"ftrace-ops/kernel/relevant=%u/"
					"irrelevant=%u/body=empty",
					r->rel, r->irr);
			else if (!strcmp(c, "scenario"))
				fputs("ftrace-ops", f);
			else if (!strcmp(c, "variant"))
				fputs("kernel", f);
			else if (!strcmp(c, "params"))
				fprintf(f,
					"relevant=%u;irrelevant=%u;body=empty",
					r->rel, r->irr);
			else if (!strcmp(c, "repetition") ||
				 !strcmp(c, "pass") ||
				 !strcmp(c, "multiplexed"))
				fputs("0", f);
			else if (!strcmp(c, "calls"))
				fprintf(f, "%u", calls);
			else if (!strcmp(c, "backend"))
				fputs("kernel-pmu", f);
			else if (!strcmp(c, "real_time_ns"))
				fprintf(f, "%.4f", r->ns);
			for (int e = 0; e < NEVENTS; e++)
				if (!strcmp(c, csv_names[e]) && r->have[e])
					fprintf(f, "%.4f", r->ev[e]);
		}
		fputc('\n', f);
	}
	return fclose(f);
}

/* meta.json's kernel_ftrace, added to the run's meta or a new one. */
static int write_meta(const char *path, const char *release, const char *design)
{
	char entry[1024], *old = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");

	snprintf(entry, sizeof(entry),
		 "\"kernel_ftrace\": {\"release\": \"%s\", \"design\": \"%s\"}",
		 release, design);
	if (f) {
		old = calloc(1, 1 << 20);
		len = old ? fread(old, 1, (1 << 20) - 1, f) : 0;
		fclose(f);
	}
	f = fopen(path, "w");
	if (!f) {
		free(old);
		return -1;
	}
	if (old && len && strchr(old, '{') &&
	    !strstr(old, "\"kernel_ftrace\"")) {
		char *brace = strchr(old, '{');

		fwrite(old, 1, (size_t)(brace - old) + 1, f);
		fprintf(f, "\n  %s,", entry);
		fputs(brace + 1, f);
	} else if (old && len && strstr(old, "\"kernel_ftrace\"")) {
		fputs(old, f); /* already there: a second run keeps the first */
	} else {
		fprintf(f, "{%s}\n", entry);
	}
	free(old);
	return fclose(f);
}

int ftb_cmd_kernel(int argc, char **argv)
{
	static const unsigned int matrix[][2] = {
		{ 0, 0 },   { 1, 0 }, { 1, 1 },	 { 1, 2 },  { 1, 10 },
		{ 1, 100 }, { 2, 0 }, { 10, 0 }, { 100, 0 }
	};
	const char *module = NULL, *out = ".";
	unsigned int calls = 1000;
	struct krow rows[9], base;
	const char *design = "unknown";
	struct utsname u;
	char path[4096];
	int fd;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--module") && i + 1 < argc)
			module = argv[++i];
		else if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--calls") && i + 1 < argc)
			calls = (unsigned int)strtoul(argv[++i], NULL, 10);
		else
			ftb_die_usage(
				"kernel: unexpected argument '%s' (usage: "
				"ftbench kernel --module FILE [--out DIR] "
				"[--calls K])",
				argv[i]);
	}
	if (!module)
		ftb_die_usage("kernel: --module FILE is required");
	if (!calls || calls > 1000000)
		ftb_die_usage("kernel: --calls must be 1..1000000");
	if (geteuid())
		return unavailable("not root: cannot load a module");
	fd = open(module, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return unavailable("cannot open the module file");
	if (syscall(SYS_finit_module, fd, "", 0) && errno != EEXIST) {
		close(fd);
		return unavailable(errno == ENOSYS
					   ? "kernel without modules"
					   : "finit_module failed (headers/"
					     "build tree of another kernel?)");
	}
	close(fd);
	for (size_t i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
		int ret = run_one(matrix[i][0], matrix[i][1], calls, &rows[i]);

		if (ret) {
			syscall(SYS_delete_module, "ftbench_kmod", O_NONBLOCK);
			return unavailable(ret == -ENODEV
						   ? "ftrace is not available"
						   : "a configuration failed");
		}
		if (i == 1)
			design = rows[i].design;
	}
	syscall(SYS_delete_module, "ftbench_kmod", O_NONBLOCK);
	uname(&u);
	snprintf(path, sizeof(path), "%s/samples.csv", out);
	if (write_rows(path, rows, sizeof(matrix) / sizeof(matrix[0]), calls))
		ftb_die_usage("kernel: cannot write %s", path);
	snprintf(path, sizeof(path), "%s/meta.json", out);
	if (write_meta(path, u.release, design))
		ftb_die_usage("kernel: cannot write %s", path);
	base = rows[0];
	printf("# kernel %s, ftrace design %s: per traced call over 0/0\n",
	       u.release, design);
	for (size_t i = 1; i < sizeof(matrix) / sizeof(matrix[0]); i++)
		printf("%u/%u insns %.2f ns %.2f site %s\n", rows[i].rel,
		       rows[i].irr, rows[i].ev[0] - base.ev[0],
		       rows[i].ns - base.ns, rows[i].site);
	return 0;
}
