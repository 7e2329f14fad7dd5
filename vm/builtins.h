/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What PID 1 sets up itself, with no shell and no tools in the guest:
 * the pseudo filesystems, /proc/sys values, the wall clock, the hostname.
 * Each returns 0, or -1 after printing one line that names what failed.
 */
#ifndef FTB_VM_BUILTINS_H
#define FTB_VM_BUILTINS_H

/* proc, sysfs, devtmpfs on /dev, tracefs on /sys/kernel/tracing, /tmp. */
int vm_mount_all(void);
/* Write value to /proc/sys/<key> (key like "kernel/perf_user_access"). */
int vm_sysctl(const char *key, const char *value);
/* The wall clock from a decimal epoch ("1764660000" or "1764660000.25"). */
int vm_set_clock(const char *epoch);
int vm_set_hostname(const char *name);

#endif
