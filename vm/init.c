// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench-init: PID 1 of scripts/vm's guest (docs/vm.md).
 *
 * Mounts the pseudo filesystems, reads the command file /ftb/cmd
 * (vm/cmdfile.h), applies its settings and runs its commands in /out, then
 * writes /out and the exit status to the output disk (vm/archive.h) and
 * powers off. The exit status is the first failing command's (128 + signal
 * for a signal, 127 when it cannot be started), else 0; 126 when init
 * itself could not set the guest up. Every step that fails prints one line
 * starting "ftbench-init:".
 */
#include "vm/archive.h"
#include "vm/builtins.h"
#include "vm/cmdfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CMD_FILE "/ftb/cmd"
#define OUT_DIR "/out"
#define OUT_DEV "/dev/vda"
#define ENV_MAX 64

static char *env[ENV_MAX + 1] = { "PATH=/bin:/sbin", "HOME=" OUT_DIR,
				  "TERM=dumb" };
static int nenv = 3;

static char *read_all(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "ftbench-init: %s: %s\n", path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf || read(fd, buf, (size_t)st.st_size) != st.st_size) {
		fprintf(stderr, "ftbench-init: reading %s failed\n", path);
		free(buf);
		close(fd);
		return NULL;
	}
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
}

static int add_env(char *kv)
{
	size_t klen = (size_t)(strchr(kv, '=') - kv);

	for (int i = 0; i < nenv; i++) {
		if (!strncmp(env[i], kv, klen + 1)) {
			env[i] = kv;
			return 0;
		}
	}
	if (nenv == ENV_MAX) {
		fprintf(stderr, "ftbench-init: more than %d env entries\n",
			ENV_MAX);
		return -1;
	}
	env[nenv++] = kv;
	return 0;
}

/* Copies the command's output to the console until it closes the pipe. */
static void forward(int fd)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(STDOUT_FILENO, buf, (size_t)n) != n)
			break;
	}
	close(fd);
}

/*
 * The command's stdout and stderr are one pipe, not the console: programs
 * see what the host will see (no terminal), and print plain progress.
 */
static int run(char **argv)
{
	int st, pfd[2];
	pid_t pid;

	if (pipe(pfd)) {
		fprintf(stderr, "ftbench-init: pipe: %s\n", strerror(errno));
		return 126;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "ftbench-init: fork: %s\n", strerror(errno));
		return 126;
	}
	if (pid == 0) {
		close(pfd[0]);
		dup2(pfd[1], STDOUT_FILENO);
		dup2(pfd[1], STDERR_FILENO);
		close(pfd[1]);
		execve(argv[0], argv, env);
		fprintf(stderr, "ftbench-init: %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	forward(pfd[0]);
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "ftbench-init: waitpid: %s\n",
				strerror(errno));
			return 126;
		}
	}
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "ftbench-init: %s killed by signal %d\n",
			argv[0], WTERMSIG(st));
		return 128 + WTERMSIG(st);
	}
	return WEXITSTATUS(st);
}

/* Every directive in order; the exit status of the guest. */
static int run_all(const struct vm_cmdfile *cf)
{
	for (size_t i = 0; i < cf->n; i++) {
		const struct vm_cmd *c = &cf->cmds[i];
		int rc = 0;

		switch (c->op) {
		case VM_HOSTNAME:
			rc = vm_set_hostname(c->argv[0]) ? 126 : 0;
			break;
		case VM_CLOCK:
			rc = vm_set_clock(c->argv[0]) ? 126 : 0;
			break;
		case VM_SYSCTL:
			rc = vm_sysctl(c->argv[0], c->argv[1]) ? 126 : 0;
			break;
		case VM_ENV:
			if (!strchr(c->argv[0], '=')) {
				fprintf(stderr,
					"ftbench-init: line %d: env needs "
					"NAME=VALUE\n",
					c->line);
				rc = 126;
			} else {
				rc = add_env(c->argv[0]) ? 126 : 0;
			}
			break;
		case VM_RUN:
			rc = run(c->argv);
			break;
		}
		if (rc) {
			fprintf(stderr, "ftbench-init: line %d failed (%d)\n",
				c->line, rc);
			return rc;
		}
	}
	return 0;
}

static int guest(void)
{
	struct vm_cmdfile cf;
	char err[256];
	size_t len;
	char *text;
	int rc;

	if (vm_mount_all())
		return 126;
	if (mkdir(OUT_DIR, 0755) && errno != EEXIST) {
		fprintf(stderr, "ftbench-init: mkdir %s: %s\n", OUT_DIR,
			strerror(errno));
		return 126;
	}
	if (chdir(OUT_DIR)) {
		fprintf(stderr, "ftbench-init: chdir %s: %s\n", OUT_DIR,
			strerror(errno));
		return 126;
	}
	text = read_all(CMD_FILE, &len);
	if (!text)
		return 126;
	if (vm_cmdfile_parse(text, len, &cf, err, sizeof(err))) {
		fprintf(stderr, "ftbench-init: %s: %s\n", CMD_FILE, err);
		free(text);
		return 126;
	}
	printf("ftbench-init: start\n");
	fflush(stdout);
	rc = run_all(&cf);
	vm_cmdfile_free(&cf);
	free(text);
	return rc;
}

int main(void)
{
	int rc;

	if (getpid() != 1) {
		fprintf(stderr,
			"ftbench-init: must run as PID 1 (scripts/vm)\n");
		return 2;
	}
	rc = guest();
	sync();
	if (vm_archive_write(OUT_DIR, OUT_DEV, rc))
		printf("ftbench-init: the run directory was not handed back\n");
	printf("ftbench-init: exit %d\n", rc);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	fprintf(stderr, "ftbench-init: power off: %s\n", strerror(errno));
	for (;;)
		pause();
}
