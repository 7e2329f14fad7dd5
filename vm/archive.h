/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Handing the run directory back to the host: the guest writes it to the
 * raw virtio disk scripts/vm attached, no filesystem involved.
 *
 * Disk layout: bytes 0-511 a text header, NUL padded,
 *   "FTBOUT 1 status=<exit status> bytes=<archive length>\n"
 * then from byte 512 the directory as a cpio "newc" archive (the format of
 * the kernel's initramfs: 070701 headers, names and data padded to 4,
 * ending with TRAILER!!!). Regular files and directories only; names are
 * relative to the directory. The header is written last, after the
 * archive is on the disk, so a guest that dies midway leaves no header.
 */
#ifndef FTB_VM_ARCHIVE_H
#define FTB_VM_ARCHIVE_H

#define VM_ARCHIVE_HDR 512

/*
 * Write dir to the device dev with the exit status given. Returns 0, or
 * -1 after one line on stderr.
 */
int vm_archive_write(const char *dir, const char *dev, int status);

#endif
