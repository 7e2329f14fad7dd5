// SPDX-License-Identifier: GPL-2.0
/* The run directory as a newc cpio archive on a raw disk (vm/archive.h). */
#include "vm/archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct out {
	int fd;
	uint64_t off; /* archive bytes written, from VM_ARCHIVE_HDR */
	unsigned int ino;
	const char *dev;
};

static int put(struct out *o, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n =
			pwrite(o->fd, p, len, (off_t)(VM_ARCHIVE_HDR + o->off));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "ftbench-init: writing %s: %s\n",
				o->dev, n < 0 ? strerror(errno) : "disk full");
			return -1;
		}
		p += n;
		len -= (size_t)n;
		o->off += (uint64_t)n;
	}
	return 0;
}

static int pad4(struct out *o)
{
	static const char zero[4];

	return put(o, zero, (size_t)(-o->off & 3));
}

static int member(struct out *o, const char *name, unsigned int mode,
		  uint64_t size, long mtime)
{
	char hdr[128];
	size_t nlen = strlen(name) + 1;

	if (size > 0xffffffffu) {
		fprintf(stderr, "ftbench-init: %s is larger than 4 GiB\n",
			name);
		return -1;
	}
	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ++o->ino, mode, 0u, 0u, S_ISDIR(mode) ? 2u : 1u,
		 (unsigned int)mtime, (unsigned int)size, 0u, 0u, 0u, 0u,
		 (unsigned int)nlen, 0u);
	return put(o, hdr, 110) || put(o, name, nlen) || pad4(o);
}

static int copy_file(struct out *o, const char *path, const char *name,
		     const struct stat *st)
{
	char buf[65536];
	uint64_t left = (uint64_t)st->st_size;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "ftbench-init: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (member(o, name, st->st_mode, left, st->st_mtime))
		goto fail;
	while (left) {
		ssize_t n =
			read(fd, buf, left < sizeof(buf) ? left : sizeof(buf));

		if (n <= 0) {
			fprintf(stderr, "ftbench-init: %s: %s\n", path,
				n < 0 ? strerror(errno) : "shrank while read");
			goto fail;
		}
		if (put(o, buf, (size_t)n))
			goto fail;
		left -= (uint64_t)n;
	}
	close(fd);
	return pad4(o);
fail:
	close(fd);
	return -1;
}

/* Members for everything under path; name is its archive name ("" = top). */
static int walk(struct out *o, const char *path, const char *name)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "ftbench-init: %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	while (!rc && (e = readdir(d))) {
		char p[4096], n[4096];
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(p, sizeof(p), "%s/%s", path, e->d_name) >=
			    (int)sizeof(p) ||
		    snprintf(n, sizeof(n), "%s%s%s", name, *name ? "/" : "",
			     e->d_name) >= (int)sizeof(n)) {
			fprintf(stderr, "ftbench-init: path too long: %s\n", p);
			rc = -1;
			break;
		}
		if (lstat(p, &st)) {
			fprintf(stderr, "ftbench-init: %s: %s\n", p,
				strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			rc = member(o, n, st.st_mode, 0, st.st_mtime) ||
			     walk(o, p, n);
		} else if (S_ISREG(st.st_mode)) {
			rc = copy_file(o, p, n, &st);
		} else {
			fprintf(stderr,
				"ftbench-init: %s: not a file or directory, "
				"left out\n",
				p);
		}
	}
	closedir(d);
	return rc;
}

int vm_archive_write(const char *dir, const char *dev, int status)
{
	struct out o = { .fd = open(dev, O_WRONLY), .dev = dev };
	char hdr[VM_ARCHIVE_HDR] = { 0 };
	int rc;

	if (o.fd < 0) {
		fprintf(stderr, "ftbench-init: %s: %s\n", dev, strerror(errno));
		return -1;
	}
	rc = walk(&o, dir, "") || member(&o, "TRAILER!!!", 0, 0, 0) ||
	     fsync(o.fd);
	if (!rc) {
		snprintf(hdr, sizeof(hdr), "FTBOUT 1 status=%d bytes=%llu\n",
			 status, (unsigned long long)o.off);
		rc = pwrite(o.fd, hdr, sizeof(hdr), 0) !=
			     (ssize_t)sizeof(hdr) ||
		     fsync(o.fd);
		if (rc)
			fprintf(stderr, "ftbench-init: %s: header: %s\n", dev,
				strerror(errno));
	}
	close(o.fd);
	return rc ? -1 : 0;
}
