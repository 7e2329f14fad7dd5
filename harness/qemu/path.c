// SPDX-License-Identifier: GPL-2.0
/*
 * The path recorder of ftb-emu: span log and record writer (path.h).
 * Plain C, no QEMU types. Allocation failure ends qemu with one line, as
 * elsewhere in the plugin.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "path.h"

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;

	if (need <= *cap)
		return p;
	while (c < need)
		c *= 2;
	p = realloc(p, c * size);
	if (!p) {
		fprintf(stderr, "ftb-emu: path: %s\n", strerror(ENOMEM));
		exit(2);
	}
	*cap = c;
	return p;
}

void path_reset(struct path_log *l)
{
	l->n = 0;
	l->insns = 0;
	l->truncated = 0;
}

void path_add(struct path_log *l, const struct path_code *c, uint32_t from,
	      uint32_t to)
{
	uint64_t room;

	if (to <= from)
		return;
	room = l->max > l->insns ? l->max - l->insns : 0;
	if (to - from > room) {
		l->truncated += to - from - room;
		to = from + (uint32_t)room;
		if (to == from)
			return;
	}
	l->span = grow(l->span, &l->cap, l->n + 1, sizeof(*l->span));
	l->span[l->n++] = (struct path_span){ c, from, to };
	l->insns += to - from;
}

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		k = vsnprintf(b->p + b->len, room, fmt, ap);
		va_end(ap);
		if (k < 0) {
			fprintf(stderr, "ftb-emu: path: bad format\n");
			exit(2);
		}
		if ((size_t)k < room) {
			b->len += (size_t)k;
			return;
		}
		b->p = grow(b->p, &b->cap, b->len + (size_t)k + 1, 1);
	}
}

/* One instruction: "<pc> <encoding>\n". */
static void put_insn(struct buf *b, const struct path_code *c, uint32_t i,
		     enum emu_enc enc)
{
	const uint8_t *p = c->bytes + c->off[i];
	uint32_t size = c->off[i + 1] - c->off[i], w;

	put(b, "%" PRIx64 " ", c->vaddr + c->off[i]);
	if (enc == EMU_ENC_WORD32 && size == 4) {
		memcpy(&w, p, 4);
		put(b, "%08" PRIx32 "\n", w);
		return;
	}
	for (uint32_t k = 0; k < size; k++)
		put(b, "%02x", p[k]);
	put(b, "\n");
}

int path_write(const struct path_log *l, const char *file, const char *head,
	       enum emu_enc enc)
{
	struct buf b = { NULL, 0, 0 };
	size_t done = 0;
	int fd, err = 0;

	b.p = grow(NULL, &b.cap, 4096 + 32 * (size_t)l->insns, 1);
	put(&b, "path %s insns=%" PRIu64 " truncated=%" PRIu64 "\n", head,
	    l->insns, l->truncated);
	for (size_t s = 0; s < l->n; s++)
		for (uint32_t i = l->span[s].from; i < l->span[s].to; i++)
			put_insn(&b, l->span[s].code, i, enc);
	put(&b, "end\n");
	fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	while (done < b.len) {
		ssize_t k = write(fd, b.p + done, b.len - done);

		if (k <= 0) {
			err = k < 0 ? -errno : -EIO;
			break;
		}
		done += (size_t)k;
	}
	if (close(fd) && !err)
		err = -errno;
out:
	free(b.p);
	return err;
}
