// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench_kpatch: the kernel's own patching, for the patching scenario's
 * `kernel` variant (bench/kpatch.c, docs/scenarios.md "patching").
 *
 * The module holds KPATCH_FUNCS traceable functions (built with the
 * kernel's patchable-entry flags, each body distinct so that none is
 * folded into another) and two ftrace_ops, A and B, with an empty
 * callback. Commands, one per write(2) to /proc/ftbench_kpatch:
 *
 *   setup N R   B's filter := the first N functions (ftrace_set_filter_ips,
 *               untimed); R = 1 (retarget): A gets the same filter and is
 *               registered, so B's cycles go 1 -> 2 -> 1 ops per site
 *   on          register_ftrace_function(B)
 *   off         unregister_ftrace_function(B)
 *   teardown    B unregistered if on, A too (the filters are freed at
 *               module exit)
 *
 * `on` and `off` are what the scenario times: the kernel's registration
 * path down to ftrace_replace_code and text_poke, with the grace periods
 * unregistration waits for (the module's ops are dynamic ops). A write
 * returns its length, or -errno from the ftrace call.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define KPATCH_FUNCS 4096

static unsigned long kpatch_sink;

/* 4^6 = 4096 functions ftb_kp_f000000 .. ftb_kp_f333333 (base-4 digits). */
/* clang-format off */
#define KP_FN(n)                                    \
	static noinline void ftb_kp_f##n(void)      \
	{                                           \
		WRITE_ONCE(kpatch_sink, 0x##n##ul); \
	}
#define KP_FN4(n) KP_FN(n##0) KP_FN(n##1) KP_FN(n##2) KP_FN(n##3)
#define KP_FN16(n) KP_FN4(n##0) KP_FN4(n##1) KP_FN4(n##2) KP_FN4(n##3)
#define KP_FN64(n) KP_FN16(n##0) KP_FN16(n##1) KP_FN16(n##2) KP_FN16(n##3)
#define KP_FN256(n) KP_FN64(n##0) KP_FN64(n##1) KP_FN64(n##2) KP_FN64(n##3)
#define KP_FN1K(n) KP_FN256(n##0) KP_FN256(n##1) KP_FN256(n##2) KP_FN256(n##3)
KP_FN1K(0) KP_FN1K(1) KP_FN1K(2) KP_FN1K(3)

#define KP_AD(n) (unsigned long)ftb_kp_f##n,
#define KP_AD4(n) KP_AD(n##0) KP_AD(n##1) KP_AD(n##2) KP_AD(n##3)
#define KP_AD16(n) KP_AD4(n##0) KP_AD4(n##1) KP_AD4(n##2) KP_AD4(n##3)
#define KP_AD64(n) KP_AD16(n##0) KP_AD16(n##1) KP_AD16(n##2) KP_AD16(n##3)
#define KP_AD256(n) KP_AD64(n##0) KP_AD64(n##1) KP_AD64(n##2) KP_AD64(n##3)
#define KP_AD1K(n) KP_AD256(n##0) KP_AD256(n##1) KP_AD256(n##2) KP_AD256(n##3)
static unsigned long kpatch_ips[KPATCH_FUNCS] = {
	KP_AD1K(0) KP_AD1K(1) KP_AD1K(2) KP_AD1K(3)
};
/* clang-format on */

static void kpatch_cb(unsigned long ip, unsigned long parent_ip,
		      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

static struct ftrace_ops ops_a = { .func = kpatch_cb };
static struct ftrace_ops ops_b = { .func = kpatch_cb };
static bool a_on, b_on, filtered;
static DEFINE_MUTEX(kpatch_lock);

/*
 * Unregisters what is registered. The filters stay: the next setup
 * replaces them (reset), and only module exit frees them, since
 * ftrace_free_filter leaves the ops pointing at the freed hashes.
 */
static void kpatch_teardown(void)
{
	if (b_on)
		unregister_ftrace_function(&ops_b);
	if (a_on)
		unregister_ftrace_function(&ops_a);
	b_on = a_on = false;
	filtered = false;
}

static int kpatch_setup(unsigned int n, unsigned int retarget)
{
	int ret;

	kpatch_teardown();
	if (!n || n > KPATCH_FUNCS)
		return -EINVAL;
	ret = ftrace_set_filter_ips(&ops_b, kpatch_ips, n, 0, 1);
	filtered = !ret;
	if (!ret && retarget)
		ret = ftrace_set_filter_ips(&ops_a, kpatch_ips, n, 0, 1);
	if (!ret && retarget) {
		ret = register_ftrace_function(&ops_a);
		a_on = !ret;
	}
	if (ret)
		kpatch_teardown();
	return ret;
}

static int kpatch_command(const char *cmd)
{
	unsigned int n, retarget;
	int ret;

	if (sscanf(cmd, "setup %u %u", &n, &retarget) == 2)
		return kpatch_setup(n, retarget);
	if (sysfs_streq(cmd, "on")) {
		if (b_on || !filtered)
			return -EINVAL;
		ret = register_ftrace_function(&ops_b);
		b_on = !ret;
		return ret;
	}
	if (sysfs_streq(cmd, "off")) {
		if (!b_on)
			return -EINVAL;
		ret = unregister_ftrace_function(&ops_b);
		b_on = ret != 0;
		return ret;
	}
	if (sysfs_streq(cmd, "teardown")) {
		kpatch_teardown();
		return 0;
	}
	return -EINVAL;
}

static ssize_t kpatch_write(struct file *f, const char __user *ubuf, size_t len,
			    loff_t *off)
{
	char cmd[64];
	int ret;

	if (len >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;
	cmd[len] = '\0';
	mutex_lock(&kpatch_lock);
	ret = kpatch_command(cmd);
	mutex_unlock(&kpatch_lock);
	return ret ? ret : (ssize_t)len;
}

static const struct proc_ops kpatch_fops = {
	.proc_write = kpatch_write,
	.proc_lseek = noop_llseek,
};

static struct proc_dir_entry *kpatch_entry;

static int __init kpatch_init(void)
{
	kpatch_entry = proc_create("ftbench_kpatch", 0600, NULL, &kpatch_fops);
	return kpatch_entry ? 0 : -ENOMEM;
}

static void __exit kpatch_exit(void)
{
	proc_remove(kpatch_entry);
	mutex_lock(&kpatch_lock);
	kpatch_teardown();
	ftrace_free_filter(&ops_b);
	ftrace_free_filter(&ops_a);
	mutex_unlock(&kpatch_lock);
}

module_init(kpatch_init);
module_exit(kpatch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION(
	"ftbench: the kernel's own register/unregister over N sites");
