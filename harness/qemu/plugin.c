// SPDX-License-Identifier: GPL-2.0
/*
 * ftb-emu: ftbench's emulated PMU, a QEMU (7.2, plugin API v1) TCG plugin
 * for qemu-aarch64 and qemu-x86_64. docs/emu.md is the manual; in short:
 *
 * - A BEGIN marker (markers.h: HINT #0x60 on A64) opens a region on the
 *   vCPU that executes it, END (HINT #0x61) closes it and appends one line
 *   "emu seq=<n> key=value ..." to out=.
 * - Instructions, loads and stores are counted per translation block (TB):
 *   each TB's static counts are added when the next TB starts, for the
 *   prefix that actually ran (a TB re-entered in its middle before its
 *   branch ran counts only the instructions before the re-entry point).
 * - Branches get an execution callback each; where a branch went (taken or
 *   not, the indirect or return target) is the vaddr of the next TB, since
 *   every A64 branch ends its TB in QEMU.
 * - The predictor model (predictor.c) sees every branch, in regions or not;
 *   only the counts are region-only.
 * - With path=FILE, each region's executed instructions are also written
 *   to FILE in order (path.c), from the same block accounting.
 * - The ISA (isa.c) decides decoding and which counters exist: x86-64
 *   reports no loads, stores or compare-and-branch classes.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "isa.h"
#include "path.h"
#include "predictor.h"
#include "qemu-plugin.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define MAX_VCPUS 4096

/* Region counters, in output order; names are the emu-* counters less "emu-". */
enum emu_counter {
	C_INSNS,
	C_BRANCHES,
	C_B,
	C_BL,
	C_COND_T,
	C_COND_NT,
	C_CBZ,
	C_CBZ_T,
	C_CBZ_NT,
	C_BR,
	C_BLR,
	C_RET,
	C_LOADS,
	C_STORES,
	C_MISPRED,
	C_MISPRED_COND,
	C_MISPRED_IND,
	C_MISPRED_RET,
	C_BTB_MISS,
	C_NR,
};

static const char *const counter_key[C_NR] = {
	[C_INSNS] = "insns",
	[C_BRANCHES] = "branches",
	[C_B] = "br-b",
	[C_BL] = "br-bl",
	[C_COND_T] = "br-cond-taken",
	[C_COND_NT] = "br-cond-not-taken",
	[C_CBZ] = "br-cbz",
	[C_CBZ_T] = "br-cbz-taken",
	[C_CBZ_NT] = "br-cbz-not-taken",
	[C_BR] = "br-br",
	[C_BLR] = "br-blr",
	[C_RET] = "br-ret",
	[C_LOADS] = "loads",
	[C_STORES] = "stores",
	[C_MISPRED] = "mispred",
	[C_MISPRED_COND] = "mispred-cond",
	[C_MISPRED_IND] = "mispred-ind",
	[C_MISPRED_RET] = "mispred-ret",
	[C_BTB_MISS] = "btb-miss",
};

/* One translated TB: prefix sums of its static counts, and its code. */
struct tb_rec {
	uint64_t vaddr, end;
	uint32_t n;
	uint32_t *loads, *stores; /* [i] = count in insns 0..i-1 */
	uint32_t *off;		  /* [i] = byte offset of insn i, [n] = size */
	struct path_code code;	  /* bytes only with path= */
};

/* One branch or marker instruction, the udata of its callback. */
struct insn_rec {
	const struct tb_rec *tb;
	uint64_t pc, fall, target; /* fall: pc + size; target: direct only */
	uint32_t idx;		   /* index in its TB */
	enum emu_class cls;
};

struct vcpu {
	uint64_t insns, loads, stores;	/* totals of settled TBs */
	const struct tb_rec *cur;	/* TB now running */
	int branch_ran;			/* cur's closing branch has run */
	const struct insn_rec *pending; /* branch awaiting its successor */
	int pending_counted;
	int in_region;
	uint64_t seq;
	uint64_t snap_insns, snap_loads, snap_stores;
	uint64_t c[C_NR];
	struct pred *pred;
	struct path_log path;
	uint32_t path_from; /* first insn of cur inside the region */
};

static struct {
	const struct emu_isa *isa;
	const char *out;
	const char *path; /* path= file, or NULL: no recording */
	unsigned int path_max;
	struct pred_config pc;
	struct vcpu *vcpu[MAX_VCPUS];
} emu;

static void die(const char *what, const char *why)
{
	fprintf(stderr, "ftb-emu: %s: %s\n", what, why);
	exit(2);
}

static struct vcpu *vcpu_get(unsigned int i)
{
	const char *why;
	struct vcpu *v;

	if (i >= MAX_VCPUS)
		die("too many vCPUs", "raise MAX_VCPUS");
	if (emu.vcpu[i])
		return emu.vcpu[i];
	v = calloc(1, sizeof(*v));
	if (!v)
		die("vCPU state", strerror(errno));
	v->pred = pred_new(&emu.pc, &why);
	if (!v->pred)
		die("predictor", why);
	v->path.max = emu.path_max;
	emu.vcpu[i] = v;
	return v;
}

/*
 * A new thread. qemu-user may give it the index of a thread that exited:
 * keep the predictor (same core) and seq, drop the old thread's TB, branch
 * and region.
 */
static void vcpu_init(qemu_plugin_id_t id, unsigned int i)
{
	struct vcpu *v = vcpu_get(i);

	(void)id;
	v->cur = NULL;
	v->pending = NULL;
	v->in_region = 0;
}

/* Instructions of t before address a (a inside t). */
static uint32_t insns_before(const struct tb_rec *t, uint64_t a)
{
	uint32_t k = 0;

	while (k < t->n && t->vaddr + t->off[k] < a)
		k++;
	return k;
}

/* Account for the part of v->cur that ran, given where execution went. */
static void settle(struct vcpu *v, uint64_t next)
{
	const struct tb_rec *t = v->cur;
	uint32_t k;

	if (!t)
		return;
	k = t->n;
	if (!v->branch_ran && next >= t->vaddr && next < t->end)
		k = insns_before(t, next); /* restarted inside t */
	v->insns += k;
	v->loads += t->loads[k];
	v->stores += t->stores[k];
	if (v->in_region && emu.path)
		path_add(&v->path, &t->code, v->path_from, k);
}

static void count(struct vcpu *v, int counted, enum emu_counter c, int n)
{
	if (counted)
		v->c[c] += (uint64_t)n;
}

static void mispred(struct vcpu *v, int counted, enum emu_counter c, int mis)
{
	count(v, counted, c, mis);
	count(v, counted, C_MISPRED, mis);
}

static void resolve_cond(struct vcpu *v, const struct insn_rec *r,
			 uint64_t next, int counted)
{
	int taken = next != r->fall;

	mispred(v, counted, C_MISPRED_COND, pred_cond(v->pred, r->pc, taken));
	if (taken) {
		count(v, counted, C_BTB_MISS, pred_btb(v->pred, r->pc, next));
		pred_path(v->pred, next);
	}
	if (r->cls == EMU_BCOND) {
		count(v, counted, taken ? C_COND_T : C_COND_NT, 1);
	} else {
		count(v, counted, C_CBZ, 1);
		count(v, counted, taken ? C_CBZ_T : C_CBZ_NT, 1);
	}
}

/* The branch v->pending went to next: classify and predict it. */
static void resolve(struct vcpu *v, uint64_t next)
{
	const struct insn_rec *r = v->pending;
	int counted = v->pending_counted;

	v->pending = NULL;
	switch (r->cls) {
	case EMU_BCOND:
	case EMU_CBZ:
		resolve_cond(v, r, next, counted);
		return;
	case EMU_BR:
	case EMU_BLR:
		mispred(v, counted, C_MISPRED_IND,
			pred_indirect(v->pred, r->pc, next));
		break;
	case EMU_RET:
		mispred(v, counted, C_MISPRED_RET, pred_ret(v->pred, next));
		break;
	default:
		break;
	}
	pred_path(v->pred, next);
}

static void on_tb(unsigned int vi, void *udata)
{
	const struct tb_rec *t = udata;
	struct vcpu *v = vcpu_get(vi);

	settle(v, t->vaddr);
	if (v->pending)
		resolve(v, t->vaddr);
	v->cur = t;
	v->branch_ran = 0;
	v->path_from = 0;
}

static void on_branch(unsigned int vi, void *udata)
{
	const struct insn_rec *r = udata;
	struct vcpu *v = vcpu_get(vi);
	int counted = v->in_region;

	v->branch_ran = 1;
	count(v, counted, C_BRANCHES, 1);
	switch (r->cls) {
	case EMU_BL:
		pred_call(v->pred, r->fall);
		/* fall through */
	case EMU_B:
		count(v, counted, r->cls == EMU_B ? C_B : C_BL, 1);
		count(v, counted, C_BTB_MISS,
		      pred_btb(v->pred, r->pc, r->target));
		pred_path(v->pred, r->target);
		return;
	case EMU_BLR:
		pred_call(v->pred, r->fall);
		count(v, counted, C_BLR, 1);
		break;
	case EMU_BR:
		count(v, counted, C_BR, 1);
		break;
	case EMU_RET:
		count(v, counted, C_RET, 1);
		break;
	default:
		break;
	}
	v->pending = r;
	v->pending_counted = counted;
}

static void on_begin(unsigned int vi, void *udata)
{
	const struct insn_rec *r = udata;
	struct vcpu *v = vcpu_get(vi);

	memset(v->c, 0, sizeof(v->c));
	v->in_region = 1;
	/* Of the running TB, insns 0..idx (the marker included) ran. */
	v->snap_insns = v->insns + r->idx + 1;
	v->snap_loads = v->loads + r->tb->loads[r->idx + 1];
	v->snap_stores = v->stores + r->tb->stores[r->idx + 1];
	path_reset(&v->path);
	v->path_from = r->idx + 1;
}

/* Appends " key=value" at line + *n; dies rather than truncate. */
static void put(char *line, size_t size, int *n, const char *key, uint64_t val)
{
	int k = snprintf(line + *n, size - (size_t)*n, " %s=%" PRIu64, key,
			 val);

	if (k < 0 || (size_t)k >= size - (size_t)*n)
		die("output", "line too long");
	*n += k;
}

/* Whether this ISA reports counter c. */
static int reported(enum emu_counter c)
{
	switch (c) {
	case C_LOADS:
	case C_STORES:
		return emu.isa->has_mem;
	case C_CBZ:
	case C_CBZ_T:
	case C_CBZ_NT:
		return emu.isa->has_cbz;
	default:
		return 1;
	}
}

/* The region's instructions to path=, under the region line's own ids. */
static void emit_path(struct vcpu *v, unsigned int vi)
{
	char head[160];
	int err;

	snprintf(head, sizeof(head),
		 "seq=%" PRIu64 " pid=%d tid=%ld vcpu=%u isa=%s", v->seq,
		 (int)getpid(), (long)syscall(SYS_gettid), vi, emu.isa->name);
	if (v->path.insns + v->path.truncated != v->c[C_INSNS])
		die("path", "recorded instructions differ from the count");
	err = path_write(&v->path, emu.path, head, emu.isa->enc);
	if (err)
		die(emu.path, strerror(-err));
}

/* Append the region's line to out=: one write(2), file opened each time. */
static void emit(struct vcpu *v, unsigned int vi, int paired)
{
	char line[2048] = "emu";
	int fd, n = 3, i;

	if (paired && emu.path)
		emit_path(v, vi);
	put(line, sizeof(line) - 1, &n, "seq", v->seq++);
	put(line, sizeof(line) - 1, &n, "pid", (uint64_t)getpid());
	put(line, sizeof(line) - 1, &n, "tid", (uint64_t)syscall(SYS_gettid));
	put(line, sizeof(line) - 1, &n, "vcpu", vi);
	put(line, sizeof(line) - 1, &n, "paired", (uint64_t)paired);
	for (i = 0; i < C_NR; i++)
		if (reported((enum emu_counter)i))
			put(line, sizeof(line) - 1, &n, counter_key[i],
			    v->c[i]);
	line[n++] = '\n';
	fd = open(emu.out, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		die(emu.out, strerror(errno));
	if (write(fd, line, (size_t)n) != n)
		die(emu.out, "short write");
	if (close(fd))
		die(emu.out, strerror(errno));
}

static void on_end(unsigned int vi, void *udata)
{
	const struct insn_rec *r = udata;
	struct vcpu *v = vcpu_get(vi);
	int paired = v->in_region;

	if (paired) {
		if (emu.path)
			path_add(&v->path, &r->tb->code, v->path_from, r->idx);
		v->c[C_INSNS] = v->insns + r->idx - v->snap_insns;
		v->c[C_LOADS] = v->loads + r->tb->loads[r->idx] - v->snap_loads;
		v->c[C_STORES] =
			v->stores + r->tb->stores[r->idx] - v->snap_stores;
	} else {
		memset(v->c, 0, sizeof(v->c));
	}
	v->in_region = 0;
	emit(v, vi, paired);
}

static struct tb_rec *tb_rec_new(const struct qemu_plugin_tb *tb, size_t n)
{
	struct tb_rec *t =
		calloc(1, sizeof(*t) + 3 * (n + 1) * sizeof(uint32_t));

	if (!t)
		die("translation", strerror(errno));
	t->loads = (uint32_t *)(t + 1);
	t->stores = t->loads + n + 1;
	t->off = t->stores + n + 1;
	t->n = (uint32_t)n;
	t->vaddr = qemu_plugin_tb_vaddr(tb);
	return t;
}

/* With path=: keep a copy of the block's bytes for the recorder. */
static void tb_rec_code(struct tb_rec *t, const struct qemu_plugin_tb *tb)
{
	uint8_t *bytes;

	t->code = (struct path_code){ t->vaddr, t->n, t->off, NULL };
	if (!emu.path)
		return;
	bytes = malloc(t->off[t->n] ? t->off[t->n] : 1);
	if (!bytes)
		die("translation", strerror(errno));
	for (uint32_t i = 0; i < t->n; i++) {
		const struct qemu_plugin_insn *insn =
			qemu_plugin_tb_get_insn(tb, i);

		memcpy(bytes + t->off[i], qemu_plugin_insn_data(insn),
		       t->off[i + 1] - t->off[i]);
	}
	t->code.bytes = bytes;
}

static void add_insn_cb(struct qemu_plugin_insn *insn, struct tb_rec *t,
			uint32_t idx, const uint8_t *b, size_t size,
			enum emu_class cls)
{
	struct insn_rec *r = calloc(1, sizeof(*r));
	qemu_plugin_vcpu_udata_cb_t cb = on_branch;

	if (!r)
		die("translation", strerror(errno));
	r->tb = t;
	r->pc = qemu_plugin_insn_vaddr(insn);
	r->fall = r->pc + size;
	r->target = emu.isa->target(b, size, r->pc);
	r->idx = idx;
	r->cls = cls;
	if (cls == EMU_BEGIN)
		cb = on_begin;
	else if (cls == EMU_END)
		cb = on_end;
	qemu_plugin_register_vcpu_insn_exec_cb(insn, cb, QEMU_PLUGIN_CB_NO_REGS,
					       r);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);
	struct tb_rec *t = tb_rec_new(tb, n);

	(void)id;
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		size_t size = qemu_plugin_insn_size(insn);
		const uint8_t *b = qemu_plugin_insn_data(insn);
		enum emu_class cls = emu.isa->cls(b, size);
		unsigned int mem = emu.isa->mem(b, size);

		if (emu.isa->enc == EMU_ENC_WORD32 && size != 4)
			die("translation", "instruction not 4 bytes");
		t->loads[i + 1] = t->loads[i] + !!(mem & EMU_LOAD);
		t->stores[i + 1] = t->stores[i] + !!(mem & EMU_STORE);
		t->off[i] = (uint32_t)(qemu_plugin_insn_vaddr(insn) - t->vaddr);
		t->off[i + 1] = t->off[i] + (uint32_t)size;
		t->end = qemu_plugin_insn_vaddr(insn) + size;
		if (cls != EMU_OTHER)
			add_insn_cb(insn, t, (uint32_t)i, b, size, cls);
	}
	tb_rec_code(t, tb);
	qemu_plugin_register_vcpu_tb_exec_cb(tb, on_tb, QEMU_PLUGIN_CB_NO_REGS,
					     t);
}

/* key=value with a non-negative integer value; 0 if key does not match. */
static int arg_uint(const char *arg, const char *key, unsigned int *val)
{
	size_t kl = strlen(key);
	unsigned long v;
	char *end;

	if (strncmp(arg, key, kl) != 0 || arg[kl] != '=')
		return 0;
	errno = 0;
	v = strtoul(arg + kl + 1, &end, 0);
	if (errno || end == arg + kl + 1 || *end || v > 0xffffffffu ||
	    arg[kl + 1] == '-')
		die(arg, "not a non-negative integer");
	*val = (unsigned int)v;
	return 1;
}

static void parse_arg(const char *a)
{
	struct pred_config *c = &emu.pc;

	if (!strncmp(a, "out=", 4) && a[4]) {
		emu.out = a + 4;
		return;
	}
	if (!strncmp(a, "path=", 5) && a[5]) {
		emu.path = a + 5;
		return;
	}
	if (arg_uint(a, "path-max", &emu.path_max) ||
	    arg_uint(a, "cond-bits", &c->cond_bits) ||
	    arg_uint(a, "cond-hist", &c->cond_hist) ||
	    arg_uint(a, "btb", &c->btb_entries) ||
	    arg_uint(a, "btb-ways", &c->btb_ways) ||
	    arg_uint(a, "ind-bits", &c->ind_bits) ||
	    arg_uint(a, "ind-path", &c->ind_path) ||
	    arg_uint(a, "ras", &c->ras_entries))
		return;
	die(a, "unknown argument (out=FILE path=FILE path-max= cond-bits= "
	       "cond-hist= btb= btb-ways= ind-bits= ind-path= ras=)");
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info, int argc,
					   char **argv)
{
	const char *why;
	struct pred *probe;
	int i;

	emu.isa = emu_isa_find(info->target_name);
	if (!emu.isa)
		die(info->target_name, "ftb-emu supports aarch64 and x86_64");
	pred_defaults(&emu.pc);
	emu.path_max = 1u << 20;
	for (i = 0; i < argc; i++)
		parse_arg(argv[i]);
	if (!emu.out)
		die("arguments", "out=FILE is required");
	probe = pred_new(&emu.pc, &why); /* check the sizes before any run */
	if (!probe)
		die("predictor", why);
	pred_free(probe);
	qemu_plugin_register_vcpu_init_cb(id, vcpu_init);
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	return 0;
}
