// SPDX-License-Identifier: GPL-2.0
/*
 * ftbench_kmod: the ftrace-ops study inside the running kernel.
 *
 * Two tracee functions and one callback of this module, all traceable (the
 * module is built with the kernel's patchable-entry flags). A run
 * registers `relevant` ftrace_ops filtered on the relevant tracee and
 * `irrelevant` ops filtered on the other, through the kernel's own API,
 * calls the relevant tracee K times and 2K times between counter reads,
 * and unregisters everything. The counts of one K window are subtracted
 * from the 2K window's (the study's N-vs-2N method), so the reads and the
 * loop's entry cancel.
 *
 * Counters: one task-bound kernel counter per event, made with
 * perf_event_create_kernel_counter() (the events of the user-space study).
 * Each window runs with interrupts masked: the timer interrupt cannot land
 * inside. perf_event_read_local() is not exported, so the module reads the
 * counter as it does for an event of the current task on this CPU: the
 * PMU's read callback, interrupts masked, then the event's count.
 *
 * Interface: /proc/ftbench_kmod. Write "relevant irrelevant calls"; read
 * one line of key=value pairs (the last run). Every number is a raw
 * count; ftbench divides (bench/cmd_kernel.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ftrace.h>
#include <linux/irqflags.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/perf_event.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#define MAX_OPS 1000
#define MAX_EVENTS 4

static noinline void ftb_kmod_tracee(void)
{
	barrier();
}

static noinline void ftb_kmod_other(void)
{
	barrier();
}

static void ftb_kmod_cb(unsigned long ip, unsigned long parent_ip,
			struct ftrace_ops *op, struct ftrace_regs *fregs)
{
}

/* Raw event numbers of the study (DESIGN.md section 3). */
static const struct {
	const char *name;
	u64 config;
} events[MAX_EVENTS] = {
	{ "insns", 0x08 },	/* INST_RETIRED */
	{ "cycles", 0x11 },	/* CPU_CYCLES */
	{ "branches", 0x21 },	/* BR_RETIRED */
	{ "br-mispred", 0x22 }, /* BR_MIS_PRED_RETIRED */
};

struct result {
	unsigned int relevant, irrelevant, calls;
	int ret;
	u64 ns[2];
	u64 count[2][MAX_EVENTS]; /* [0]: K calls, [1]: 2K calls */
	int have[MAX_EVENTS];
	unsigned long site_target;
	int site_kind; /* 0 untraced, 1 direct to the caller, 2 module PLT */
};

static DEFINE_MUTEX(run_lock);
static struct result last;
static struct ftrace_ops *ops_v;

static u64 read_count(struct perf_event *ev)
{
	ev->pmu->read(ev);
	return local64_read(&ev->count);
}

/* One window of calls with interrupts masked: counts and time. */
static void window(struct perf_event **ev, unsigned int calls, u64 *cnt,
		   u64 *ns)
{
	u64 c0[MAX_EVENTS] = { 0 };
	unsigned long flags;
	u64 t0;
	int i;

	local_irq_save(flags);
	for (i = 0; i < MAX_EVENTS; i++)
		if (ev[i])
			c0[i] = read_count(ev[i]);
	t0 = ktime_get_ns();
	for (unsigned int k = 0; k < calls; k++)
		ftb_kmod_tracee();
	*ns = ktime_get_ns() - t0;
	for (i = 0; i < MAX_EVENTS; i++)
		if (ev[i])
			cnt[i] = read_count(ev[i]) - c0[i];
	local_irq_restore(flags);
}

/*
 * Where the tracee's call slot branches: BL to ftrace_caller in vmlinux,
 * or to a PLT entry inside this module. The slot is the word after the
 * MOV X9, X30 at the function entry (both CALL_OPS and plain layouts).
 */
static void site_reach(struct result *r)
{
	u32 insn = *(u32 *)((unsigned long)ftb_kmod_tracee + 4);
	unsigned long pc = (unsigned long)ftb_kmod_tracee + 4;
	long off;

	r->site_kind = 0;
	r->site_target = 0;
	if ((insn & 0xfc000000) != 0x94000000) /* not BL: untraced */
		return;
	off = (long)((s32)(insn << 6) >> 6) * 4;
	r->site_target = pc + off;
	r->site_kind = within_module(r->site_target, THIS_MODULE) ? 2 : 1;
}

static int register_n(unsigned int from, unsigned int n, void *tracee)
{
	for (unsigned int i = from; i < from + n; i++) {
		int ret;

		ops_v[i].func = ftb_kmod_cb;
		ret = ftrace_set_filter_ip(&ops_v[i], (unsigned long)tracee, 0,
					   0);
		if (!ret)
			ret = register_ftrace_function(&ops_v[i]);
		if (ret) {
			ftrace_free_filter(&ops_v[i]);
			return ret;
		}
	}
	return 0;
}

static void unregister_n(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (ops_v[i].flags & FTRACE_OPS_FL_ENABLED)
			unregister_ftrace_function(&ops_v[i]);
		ftrace_free_filter(&ops_v[i]);
	}
}

static void run(struct result *r)
{
	struct perf_event *ev[MAX_EVENTS] = { NULL };
	unsigned int nops = r->relevant + r->irrelevant;
	int i;

	r->ret = -ENOMEM;
	ops_v = kcalloc(nops ? nops : 1, sizeof(*ops_v), GFP_KERNEL);
	if (!ops_v)
		return;
	for (i = 0; i < MAX_EVENTS; i++) {
		struct perf_event_attr attr = {
			.type = PERF_TYPE_RAW,
			.size = sizeof(attr),
			.config = events[i].config,
			.pinned = 1,
			.exclude_user = 1,
			.exclude_hv = 1,
		};

		ev[i] = perf_event_create_kernel_counter(&attr, -1, current,
							 NULL, NULL);
		if (IS_ERR(ev[i]))
			ev[i] = NULL;
		r->have[i] = !!ev[i];
	}
	/* Relevant first, then irrelevant: the list holds them newest first. */
	r->ret = register_n(0, r->relevant, ftb_kmod_tracee);
	if (!r->ret)
		r->ret = register_n(r->relevant, r->irrelevant, ftb_kmod_other);
	if (!r->ret) {
		u64 warm[MAX_EVENTS], ns;

		site_reach(r);
		window(ev, r->calls, warm, &ns); /* caches, predictors */
		window(ev, r->calls, r->count[0], &r->ns[0]);
		window(ev, 2 * r->calls, r->count[1], &r->ns[1]);
	}
	unregister_n(nops);
	for (i = 0; i < MAX_EVENTS; i++)
		if (ev[i])
			perf_event_release_kernel(ev[i]);
	kfree(ops_v);
	ops_v = NULL;
}

static ssize_t ctl_write(struct file *f, const char __user *buf, size_t len,
			 loff_t *pos)
{
	char line[64];
	struct result r = { 0 };

	if (len >= sizeof(line))
		return -EINVAL;
	if (copy_from_user(line, buf, len))
		return -EFAULT;
	line[len] = 0;
	if (sscanf(line, "%u %u %u", &r.relevant, &r.irrelevant, &r.calls) !=
		    3 ||
	    r.relevant + r.irrelevant > MAX_OPS || !r.calls ||
	    r.calls > 1000000)
		return -EINVAL;
	mutex_lock(&run_lock);
	run(&r);
	last = r;
	mutex_unlock(&run_lock);
	return r.ret ? r.ret : (ssize_t)len;
}

static int ctl_show(struct seq_file *m, void *v)
{
	static const char *const kind[] = { "untraced", "direct", "plt" };

	mutex_lock(&run_lock);
	seq_printf(m,
		   "relevant=%u irrelevant=%u calls=%u ret=%d ns_k=%llu "
		   "ns_2k=%llu site=%s site_target=%#lx design=%s",
		   last.relevant, last.irrelevant, last.calls, last.ret,
		   last.ns[0], last.ns[1], kind[last.site_kind],
		   last.site_target,
		   IS_ENABLED(CONFIG_DYNAMIC_FTRACE_WITH_CALL_OPS) ? "callops"
								   : "list");
	for (int i = 0; i < MAX_EVENTS; i++)
		if (last.have[i])
			seq_printf(m, " %s_k=%llu %s_2k=%llu", events[i].name,
				   last.count[0][i], events[i].name,
				   last.count[1][i]);
	seq_putc(m, '\n');
	mutex_unlock(&run_lock);
	return 0;
}

static int ctl_open(struct inode *inode, struct file *f)
{
	return single_open(f, ctl_show, NULL);
}

static const struct proc_ops ctl_ops = {
	.proc_open = ctl_open,
	.proc_read = seq_read,
	.proc_write = ctl_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static struct proc_dir_entry *ctl;

static int __init ftb_kmod_init(void)
{
	ctl = proc_create("ftbench_kmod", 0600, NULL, &ctl_ops);
	return ctl ? 0 : -ENOMEM;
}

static void __exit ftb_kmod_exit(void)
{
	proc_remove(ctl);
}

module_init(ftb_kmod_init);
module_exit(ftb_kmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ftbench: ftrace-ops dispatch cost measured in the kernel");
