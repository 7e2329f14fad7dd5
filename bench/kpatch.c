// SPDX-License-Identifier: GPL-2.0
/*
 * The patching scenario's `kernel` variant: the kernel's own register and
 * unregister over N functions of kmod/ftbench_kpatch.c, driven through
 * /proc/ftbench_kpatch (one write per command, the module's comment lists
 * them). attach and detach are B's registration and unregistration in the
 * kernel, so a window holds the write(2) into the kernel's ftrace and
 * text_poke path: counted by the NAME+kernel twins and real_time, and by
 * no user-only count beyond the system call's entry.
 *
 * The variant runs where the module is loaded, or where FTBENCH_KPATCH
 * names its .ko (loaded here with finit_module, root only); elsewhere it
 * has no points. It takes no --variants name (the study's variants are
 * the user-space designs); it runs when --variants is not given.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench/study.h"

#define KPATCH_PROC "/proc/ftbench_kpatch"

static int kp_fd = -1;

static int kp_write(const char *cmd, char *err, size_t errlen)
{
	ssize_t len = (ssize_t)strlen(cmd);

	if (kp_fd >= 0 && write(kp_fd, cmd, (size_t)len) == len)
		return 0;
	snprintf(err, errlen, "kernel: '%s' to %s: %s", cmd, KPATCH_PROC,
		 kp_fd < 0 ? "not open" : strerror(errno));
	return -EIO;
}

/* Loaded, or loadable from FTBENCH_KPATCH: 1; else 0. */
int ftb_kpatch_available(void)
{
	const char *ko = getenv("FTBENCH_KPATCH");
	int fd;

	if (!access(KPATCH_PROC, W_OK))
		return 1;
	if (!ko || !*ko)
		return 0;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		fprintf(stderr,
			"ftbench: kernel variant: cannot load %s: %s; the "
			"patching scenario runs without it\n",
			ko, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 0;
	}
	close(fd);
	return !access(KPATCH_PROC, W_OK);
}

int ftb_kpatch_setup(size_t sites, int retarget, char *err, size_t errlen)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "setup %zu %d", sites, !!retarget);
	return kp_write(cmd, err, errlen);
}

static int kernel_init(struct ftb_corpus *c, char *err, size_t errlen)
{
	(void)c;
	kp_fd = open(KPATCH_PROC, O_WRONLY | O_CLOEXEC);
	if (kp_fd >= 0)
		return 0;
	snprintf(err, errlen, "kernel: %s: %s (load kmod/ftbench_kpatch.ko)",
		 KPATCH_PROC, strerror(errno));
	return -ENOENT;
}

static int kernel_attach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	(void)ops;
	return kp_write("on", err, errlen);
}

static int kernel_detach(struct ftrace_ops *ops, char *err, size_t errlen)
{
	(void)ops;
	return kp_write("off", err, errlen);
}

static void kernel_teardown(void)
{
	char err[FTB_ERRLEN];

	if (kp_fd < 0)
		return;
	if (kp_write("teardown", err, sizeof(err)))
		fprintf(stderr, "ftbench: %s\n", err);
	close(kp_fd);
	kp_fd = -1;
}

const struct ftb_variant ftb_variant_kernel = {
	.name = "kernel",
	.summary = "the kernel's own ftrace: register_ftrace_function over N "
		   "functions of kmod/ftbench_kpatch.ko",
	.layout = FTB_LAYOUT_PLAIN,
	.init = kernel_init,
	.attach = kernel_attach,
	.detach = kernel_detach,
	.teardown = kernel_teardown,
};
