// SPDX-License-Identifier: GPL-2.0
/*
 * Kill points for the crash-consistency test (tests/crash.t), set by
 * FTBENCH_TEST_KILL=POINT:N; unset, as in every real run, nothing happens.
 *
 *   stop:N   after appending the row that brings samples.csv to N rows or
 *            more, the run stops itself (SIGSTOP), so that the test can
 *            SIGKILL it at that exact point;
 *   child:K  the measuring child stops itself once it has begun its
 *            (K+1)-th slot (set up, not yet measured), so that the test
 *            can SIGKILL it there;
 *   tear:N   the row that would be row N or later reaches the file only in
 *            part, then the run SIGKILLs itself: a process killed while
 *            writing a sample;
 *   json:K   the K-th write of results.json in this process SIGKILLs the
 *            run with half its temporary file written (1: the one at
 *            start, before any sample of the session).
 *
 * The kills are real SIGKILLs; the hooks only choose the moment, so that
 * the test is exact where a timer would be a guess.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/internal.h"

enum point { NONE, STOP, CHILD, TEAR, JSON };

static enum point point = NONE;
static size_t at;
static int parsed, stopped;
static size_t json_writes;

static enum point which(void)
{
	static const char *const names[] = { "", "stop:", "child:", "tear:",
					     "json:" };
	const char *env;
	char *end;

	if (parsed)
		return point;
	parsed = 1;
	env = getenv("FTBENCH_TEST_KILL");
	for (int p = STOP; env && p <= JSON; p++) {
		size_t n = strlen(names[p]);

		if (strncmp(env, names[p], n) != 0)
			continue;
		at = strtoul(env + n, &end, 10);
		if (end != env + n && !*end)
			point = (enum point)p;
	}
	return point;
}

void ftb_test_kill_row(int fd, const char *row, size_t len, size_t rows)
{
	if (which() != TEAR || rows + 1 < at)
		return;
	if (write(fd, row, len / 2) < 0)
		_exit(99);
	raise(SIGKILL);
}

void ftb_test_kill_after_row(size_t rows)
{
	if (which() != STOP || rows < at || stopped)
		return;
	stopped = 1;
	raise(SIGSTOP);
}

void ftb_test_kill_child(size_t begun)
{
	if (which() == CHILD && begun > at)
		raise(SIGSTOP);
}

void ftb_test_kill_atomic(FILE *tmp, const char *name)
{
	long size;

	if (which() != JSON || strcmp(name, "results.json") != 0 ||
	    ++json_writes < at)
		return;
	fflush(tmp);
	size = ftell(tmp);
	if (size > 0 && ftruncate(fileno(tmp), size / 2))
		_exit(99);
	raise(SIGKILL);
}
