/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's command file (/ftb/cmd, written by scripts/vm): one directive
 * a line, words split on blanks, sh-style single quotes ('' groups any
 * bytes but a quote; quoted and bare pieces next to each other join into
 * one word, as shlex.quote writes them). '#' starts a comment line.
 *
 *   hostname NAME          sethostname(2)
 *   clock SECONDS          the wall clock (the host's epoch at boot)
 *   sysctl KEY VALUE       write VALUE to /proc/sys/KEY (KEY like kernel/x)
 *   env NAME=VALUE         added to every later command's environment
 *   run ARGV...            run a program; stop at the first non-zero status
 */
#ifndef FTB_VM_CMDFILE_H
#define FTB_VM_CMDFILE_H

#include <stddef.h>

enum vm_op { VM_HOSTNAME, VM_CLOCK, VM_SYSCTL, VM_ENV, VM_RUN };

struct vm_cmd {
	enum vm_op op;
	int argc;
	char **argv; /* argc words then NULL; argv[0] is the first operand */
	int line;
};

struct vm_cmdfile {
	struct vm_cmd *cmds;
	size_t n;
};

/*
 * Parse text (len bytes, modified in place and referenced by the result).
 * Returns 0, or -1 with a one-line reason in err (the line number in it).
 */
int vm_cmdfile_parse(char *text, size_t len, struct vm_cmdfile *out, char *err,
		     size_t errlen);
void vm_cmdfile_free(struct vm_cmdfile *cf);

#endif
