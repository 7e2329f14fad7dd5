// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated PMU backend (arm64 under qemu-aarch64, or x86_64 under
 * qemu-x86_64, with the ftb-emu plugin, harness/qemu/; docs/emu.md).
 * start() executes the BEGIN marker (HINT #0x60 on arm64), stop() the END
 * marker (harness/qemu/markers.h); the plugin has appended the window's line to
 * $FTBENCH_EMU_OUT by the time stop() reads it. Lines of other threads or
 * processes (same file after fork) are skipped by tid. Every emu backend of
 * a process shares one reader (one per pass may be open at once: each
 * window's line must go to the backend that ran it). Windows are measured
 * by one thread at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "harness/backend.h"
#include "harness/qemu/markers.h"

#define EMU_BUF 8192

/*
 * Every key the plugin writes for this ISA, as a counter name (emu- +
 * key); the default set is the first EMU_NDEFAULT (docs/results-format.md).
 * On x86-64 the plugin decodes branches but not loads and stores, and
 * x86 has no compare-and-branch class.
 */
#if defined(__aarch64__)
static const char *const emu_all[] = {
	"emu-insns",	   "emu-branches",	"emu-br-b",
	"emu-br-bl",	   "emu-br-cond-taken", "emu-br-cond-not-taken",
	"emu-br-cbz",	   "emu-br-br",		"emu-br-blr",
	"emu-br-ret",	   "emu-loads",		"emu-stores",
	"emu-mispred",	   "emu-mispred-cond",	"emu-mispred-ind",
	"emu-mispred-ret", "emu-br-cbz-taken",	"emu-br-cbz-not-taken",
	"emu-btb-miss",
};
#define EMU_NDEFAULT 16
#else
static const char *const emu_all[] = {
	"emu-insns",	   "emu-branches",	"emu-br-b",
	"emu-br-bl",	   "emu-br-cond-taken", "emu-br-cond-not-taken",
	"emu-br-br",	   "emu-br-blr",	"emu-br-ret",
	"emu-mispred",	   "emu-mispred-cond",	"emu-mispred-ind",
	"emu-mispred-ret", "emu-btb-miss",
};
#define EMU_NDEFAULT 13
#endif
#define EMU_NALL (sizeof(emu_all) / sizeof(emu_all[0]))

struct emu_priv {
	int refs; /* open backends using it */
	int fd;
	off_t off;   /* file offset of buf[0] */
	size_t len;  /* bytes in buf */
	size_t skip; /* bytes of buf already consumed */
	char buf[EMU_BUF];
};

static struct emu_priv emu_reader;

#if defined(__aarch64__)
#define EMU_BEGIN_ASM "hint #0x60"
#define EMU_END_ASM "hint #0x61"
#else
#define EMU_BEGIN_ASM EMU_X86_BEGIN_ASM
#define EMU_END_ASM EMU_X86_END_ASM
#endif

static inline void emu_begin(void)
{
	__asm__ volatile(EMU_BEGIN_ASM ::: "memory");
}

static inline void emu_end(void)
{
	__asm__ volatile(EMU_END_ASM ::: "memory");
}

static uint64_t ts_ns(const struct timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000ull + (uint64_t)t->tv_nsec;
}

/* Moves unread bytes to the front of buf and reads more; bytes added. */
static ssize_t emu_fill(struct emu_priv *p)
{
	ssize_t n;

	if (p->skip) {
		memmove(p->buf, p->buf + p->skip, p->len - p->skip);
		p->off += (off_t)p->skip;
		p->len -= p->skip;
		p->skip = 0;
	}
	if (p->len >= sizeof(p->buf) - 1)
		return -ENOBUFS;
	n = pread(p->fd, p->buf + p->len, sizeof(p->buf) - 1 - p->len,
		  p->off + (off_t)p->len);
	if (n < 0)
		return -errno;
	p->len += (size_t)n;
	p->buf[p->len] = '\0';
	return n;
}

/* The next complete line (NUL-terminated in buf), or NULL. */
static char *emu_next_line(struct emu_priv *p, int *err)
{
	*err = 0;
	for (;;) {
		char *s = p->buf + p->skip;
		char *nl = memchr(s, '\n', p->len - p->skip);
		ssize_t n;

		if (nl) {
			*nl = '\0';
			p->skip = (size_t)(nl - p->buf) + 1;
			return s;
		}
		n = emu_fill(p);
		if (n <= 0) {
			*err = n < 0 ? (int)n : -ENODATA;
			return NULL;
		}
	}
}

/* Value of " key=" in line, or -1 when absent. */
static int64_t emu_field(const char *line, const char *key)
{
	size_t kl = strlen(key);
	const char *s = line;

	while ((s = strstr(s, key))) {
		if ((s == line || s[-1] == ' ') && s[kl] == '=')
			return (int64_t)strtoull(s + kl + 1, NULL, 10);
		s += kl;
	}
	return -1;
}

/* This thread's next line: other threads' and processes' are skipped. */
static char *emu_my_line(struct emu_priv *p, int *err)
{
	long tid = syscall(SYS_gettid);
	char *line;

	while ((line = emu_next_line(p, err))) {
		if (strncmp(line, "emu ", 4) != 0) {
			*err = -EPROTO;
			return NULL;
		}
		if (emu_field(line, "tid") == tid)
			return line;
	}
	return NULL;
}

static struct timespec emu_t0;

static void emu_start(struct ftb_backend *b)
{
	(void)b;
	clock_gettime(CLOCK_MONOTONIC, &emu_t0);
	emu_begin();
}

static void emu_stop(struct ftb_backend *b, struct ftb_counts *out)
{
	struct emu_priv *p = b->priv;
	struct timespec t1;
	char *line;
	int i, err;

	emu_end();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	memset(out, 0, sizeof(*out));
	out->time_ns = ts_ns(&t1) - ts_ns(&emu_t0);
	out->enabled = out->running = out->time_ns;
	line = emu_my_line(p, &err);
	if (!line || emu_field(line, "paired") != 1) {
		out->invalid = 1;
		return;
	}
	for (i = 0; i < b->ncounters; i++) {
		/* The key is the counter name past "emu-". */
		int64_t v = emu_field(line, b->counter_name[i] + 4);

		if (v < 0)
			out->invalid = 1;
		else
			out->value[i] = (uint64_t)v;
	}
}

static void emu_close(struct ftb_backend *b)
{
	struct emu_priv *p = b->priv;

	if (!p)
		return;
	if (--p->refs == 0)
		close(p->fd);
	b->priv = NULL;
}

static int emu_name_index(const char *name, size_t len)
{
	size_t i, skip = strncmp(name, "emu-", 4) != 0 ? 4 : 0;

	for (i = 0; i < EMU_NALL; i++)
		if (strlen(emu_all[i]) - skip == len &&
		    !strncmp(emu_all[i] + skip, name, len))
			return (int)i;
	return -1;
}

/* Counter list from events: NULL, "", "default", "all" or emu-* names. */
static int emu_select(struct ftb_backend *b, const char *events)
{
	const char *s = events, *e;
	int i;

	if (!s || !*s || !strcmp(s, "default") || !strcmp(s, "all")) {
		for (i = 0; i < EMU_NDEFAULT; i++)
			b->counter_name[i] = emu_all[i];
		b->ncounters = EMU_NDEFAULT;
		return 0;
	}
	for (b->ncounters = 0; *s; s = *e ? e + 1 : e) {
		e = s + strcspn(s, ",");
		i = emu_name_index(s, (size_t)(e - s));
		if (i < 0 || b->ncounters == FTB_MAX_COUNTERS) {
			snprintf(b->reason, sizeof(b->reason),
				 "emu: event '%.*s' unknown or too many: use "
				 "default or emu-* names (docs/emu.md)",
				 (int)(e - s), s);
			return -EINVAL;
		}
		b->counter_name[b->ncounters++] = emu_all[i];
	}
	return 0;
}

/* Runs an empty window and checks that the plugin reported it. */
static int emu_probe(struct ftb_backend *b, const char *path)
{
	struct emu_priv *p = b->priv;
	char *line;
	int err;

	emu_begin();
	emu_end();
	line = emu_my_line(p, &err);
	if (!line) {
		snprintf(b->reason, sizeof(b->reason),
			 "emu: no line in %s after an empty region: the "
			 "ftb-emu plugin is not loaded (run under "
			 "scripts/qemu-emu)",
			 path);
		return -ENODEV;
	}
	if (emu_field(line, "paired") != 1 || emu_field(line, "insns") != 0) {
		snprintf(b->reason, sizeof(b->reason),
			 "emu: unexpected probe line in %s: rebuild "
			 "build/host/ftb-emu.so",
			 path);
		return -EPROTO;
	}
	return 0;
}

static int emu_open_file(struct ftb_backend *b, const char *path)
{
	struct emu_priv *p = &emu_reader;

	if (p->refs++) {
		b->priv = p;
		return 0;
	}
	memset(p, 0, sizeof(*p));
	p->refs = 1;
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (p->fd < 0) {
		snprintf(b->reason, sizeof(b->reason),
			 "emu: cannot open FTBENCH_EMU_OUT=%s: %s", path,
			 strerror(errno));
		p->refs = 0;
		return -ENOENT;
	}
	p->off = lseek(p->fd, 0, SEEK_END);
	if (p->off < 0) {
		snprintf(b->reason, sizeof(b->reason), "emu: %s: %s", path,
			 strerror(errno));
		close(p->fd);
		p->refs = 0;
		return -EIO;
	}
	b->priv = p;
	return 0;
}

int ftb_emu_open(struct ftb_backend *b, const struct ftb_backend_config *cfg)
{
	const char *path = getenv("FTBENCH_EMU_OUT");
	int err;

	b->name = "emu";
	b->flagged = "the plugin reported no paired count for a window";
	b->start = emu_start;
	b->stop = emu_stop;
	b->close = emu_close;
	if (!path || !*path) {
		snprintf(b->reason, sizeof(b->reason),
			 "emu: FTBENCH_EMU_OUT is not set: run under "
			 "scripts/qemu-emu (qemu with the ftb-emu plugin)");
		return -ENOENT;
	}
	err = emu_select(b, cfg ? cfg->events : NULL);
	if (!err)
		err = emu_open_file(b, path);
	if (!err)
		err = emu_probe(b, path);
	if (err)
		emu_close(b);
	else
		b->reason[0] = '\0';
	return err;
}
