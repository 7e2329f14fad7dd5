// SPDX-License-Identifier: GPL-2.0
/*
 * Tests of the emu backend (harness/emu.c) under scripts/qemu-emu. Prints
 * TAP-like lines with the figures asserted.
 *
 *	emu-backend		all the checks that need the plugin
 *	emu-backend open-fails	expects ftb_emu_open to fail; prints reason
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/backend.h"

void emu_w_loop(long k);

static int failures;

static void check(int ok, const char *name)
{
	printf("%sok - %s\n", ok ? "" : "not ", name);
	failures += !ok;
}

static int counter(const struct ftb_backend *b, const char *name)
{
	int i;

	for (i = 0; i < b->ncounters; i++)
		if (!strcmp(b->counter_name[i], name))
			return i;
	fprintf(stderr, "emu-backend: no counter %s\n", name);
	exit(2);
}

/* One window around emu_w_loop(k). */
static struct ftb_counts window(struct ftb_backend *b, long k)
{
	struct ftb_counts c;

	b->start(b);
	emu_w_loop(k);
	b->stop(b, &c);
	return c;
}

static uint64_t get(const struct ftb_backend *b, const struct ftb_counts *c,
		    const char *name)
{
	return c->value[counter(b, name)];
}

static void check_diffs(struct ftb_backend *b)
{
	struct ftb_counts c1 = window(b, 100), c2 = window(b, 200);
	struct ftb_counts c3 = window(b, 100);
	uint64_t i1 = get(b, &c1, "emu-insns"), i2 = get(b, &c2, "emu-insns");
	uint64_t t1 = get(b, &c1, "emu-br-cond-taken");
	uint64_t t2 = get(b, &c2, "emu-br-cond-taken");

	printf("# window(100): insns=%llu branches=%llu; window(200): "
	       "insns=%llu branches=%llu\n",
	       (unsigned long long)i1,
	       (unsigned long long)get(b, &c1, "emu-branches"),
	       (unsigned long long)i2,
	       (unsigned long long)get(b, &c2, "emu-branches"));
	check(!c1.invalid && !c2.invalid && !c3.invalid, "windows valid");
	check(i2 - i1 == 200, "insns(200) - insns(100) = 200");
	check(t2 - t1 == 100, "br-cond-taken(200) - br-cond-taken(100) = 100");
	check(get(b, &c3, "emu-insns") == i1 &&
		      get(b, &c3, "emu-branches") ==
			      get(b, &c1, "emu-branches"),
	      "same window twice: same insns and branches");
}

/* A forked child measures with the inherited backend; lines interleave. */
static void check_fork(struct ftb_backend *b)
{
	uint64_t want =
		get(b, (struct ftb_counts[]){ window(b, 50) }, "emu-insns");
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		struct ftb_counts c = window(b, 50);

		_exit(!c.invalid && get(b, &c, "emu-insns") == want ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("waitpid");
		exit(2);
	}
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "forked child reads its own line");
	check(get(b, (struct ftb_counts[]){ window(b, 50) }, "emu-insns") ==
		      want,
	      "parent skips the child's line");
}

static void check_events(void)
{
	struct ftb_backend b = { 0 }, d = { 0 };
	struct ftb_backend_config cfg = { .events = "emu-insns,br-ret",
					  .cpu = -1 };
	struct ftb_counts c, full;

	check(ftb_emu_open(&b, &cfg) == 0 && b.ncounters == 2 &&
		      !strcmp(b.counter_name[1], "emu-br-ret"),
	      "events=emu-insns,br-ret gives 2 counters");
	if (ftb_emu_open(&d, NULL)) {
		printf("not ok - reopen: %s\n", d.reason);
		exit(1);
	}
	c = window(&b, 10);
	full = window(&d, 10);
	printf("# events subset: emu-insns=%llu emu-br-ret=%llu\n",
	       (unsigned long long)c.value[0], (unsigned long long)c.value[1]);
	check(!c.invalid && c.value[0] == get(&d, &full, "emu-insns") &&
		      c.value[1] == get(&d, &full, "emu-br-ret"),
	      "subset window = the same counters of the default set");
	b.close(&b);
	d.close(&d);
	memset(&b, 0, sizeof(b));
	cfg.events = "emu-insns,cycles";
	check(ftb_emu_open(&b, &cfg) == -EINVAL && strstr(b.reason, "cycles"),
	      "unknown event refused");
	printf("# reason: %s\n", b.reason);
}

int main(int argc, char **argv)
{
	struct ftb_backend b = { 0 };
	int err = ftb_emu_open(&b, NULL);

	if (argc > 1 && !strcmp(argv[1], "open-fails")) {
		printf("reason: %s\n", b.reason);
		return err ? 0 : 1;
	}
	if (err) {
		printf("not ok - open: %s\n", b.reason);
		return 1;
	}
	check(b.ncounters == 16 && !strcmp(b.name, "emu"),
	      "default set: 16 emu-* counters");
	check_diffs(&b);
	check_fork(&b);
	b.close(&b);
	check_events();
	return failures ? 1 : 0;
}
