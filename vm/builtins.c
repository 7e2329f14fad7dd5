// SPDX-License-Identifier: GPL-2.0
/* PID 1's own set-up steps (vm/builtins.h). */
#include "vm/builtins.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int mount_one(const char *src, const char *dir, const char *type,
		     int optional)
{
	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "ftbench-init: mkdir %s: %s\n", dir,
			strerror(errno));
		return -1;
	}
	if (mount(src, dir, type, MS_NOSUID, NULL) == 0)
		return 0;
	if (optional && errno == ENODEV)
		return 0;
	fprintf(stderr, "ftbench-init: mount %s on %s: %s\n", type, dir,
		strerror(errno));
	return -1;
}

int vm_mount_all(void)
{
	/* tracefs only exists in a kernel with tracing: optional. */
	if (mount_one("proc", "/proc", "proc", 0) ||
	    mount_one("sysfs", "/sys", "sysfs", 0) ||
	    mount_one("devtmpfs", "/dev", "devtmpfs", 0) ||
	    mount_one("tmpfs", "/tmp", "tmpfs", 0) ||
	    mount_one("tracefs", "/sys/kernel/tracing", "tracefs", 1))
		return -1;
	return 0;
}

int vm_sysctl(const char *key, const char *value)
{
	char path[256];
	size_t len = strlen(value);
	int fd;

	if (strstr(key, "..") || snprintf(path, sizeof(path), "/proc/sys/%s",
					  key) >= (int)sizeof(path)) {
		fprintf(stderr, "ftbench-init: bad sysctl key '%s'\n", key);
		return -1;
	}
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, value, len) != (ssize_t)len) {
		fprintf(stderr, "ftbench-init: sysctl %s=%s: %s\n", key, value,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int vm_set_clock(const char *epoch)
{
	struct timespec ts = { 0 };
	char *end;
	double frac = 0;

	errno = 0;
	ts.tv_sec = (time_t)strtoll(epoch, &end, 10);
	if (*end == '.') {
		frac = strtod(end, &end);
		ts.tv_nsec = (long)(frac * 1e9);
	}
	if (errno || *end || end == epoch || ts.tv_sec <= 0) {
		fprintf(stderr, "ftbench-init: bad clock '%s'\n", epoch);
		return -1;
	}
	if (clock_settime(CLOCK_REALTIME, &ts)) {
		fprintf(stderr, "ftbench-init: clock_settime: %s\n",
			strerror(errno));
		return -1;
	}
	return 0;
}

int vm_set_hostname(const char *name)
{
	if (sethostname(name, strlen(name))) {
		fprintf(stderr, "ftbench-init: sethostname %s: %s\n", name,
			strerror(errno));
		return -1;
	}
	return 0;
}
