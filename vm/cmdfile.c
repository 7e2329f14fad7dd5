// SPDX-License-Identifier: GPL-2.0
/* Parsing the guest's command file (format: vm/cmdfile.h). */
#include "vm/cmdfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	enum vm_op op;
	int min, max; /* operand counts; max -1 = any */
} vm_ops[] = {
	{ "hostname", VM_HOSTNAME, 1, 1 }, { "clock", VM_CLOCK, 1, 1 },
	{ "sysctl", VM_SYSCTL, 2, 2 },	   { "env", VM_ENV, 1, 1 },
	{ "run", VM_RUN, 1, -1 },
};

/*
 * Split one line (NUL-terminated, modified in place) into words. Words are
 * written back into the line itself: unquoting only ever shortens a word.
 * Returns the word count, or -1 on an unterminated quote.
 */
static int split_words(char *s, char **words, int max)
{
	int n = 0;

	for (;;) {
		char *w;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		if (n == max)
			return -2;
		w = s;
		words[n++] = w;
		for (char *r = s;;) {
			if (*r == '\'') {
				char *q = strchr(r + 1, '\'');

				if (!q)
					return -1;
				memmove(w, r + 1, (size_t)(q - r - 1));
				w += q - r - 1;
				r = q + 1;
			} else if (*r && *r != ' ' && *r != '\t') {
				*w++ = *r++;
			} else {
				s = *r ? r + 1 : r;
				*w = '\0';
				break;
			}
		}
	}
}

static int parse_line(char *line, int lineno, struct vm_cmd *cmd, char *err,
		      size_t errlen)
{
	char *words[256];
	int n = split_words(line, words, 256);

	if (n < 0) {
		snprintf(err, errlen, "line %d: %s", lineno,
			 n == -1 ? "unterminated quote"
				 : "more than 255 words");
		return -1;
	}
	for (size_t i = 0; i < sizeof(vm_ops) / sizeof(vm_ops[0]); i++) {
		int ops;

		if (strcmp(words[0], vm_ops[i].name) != 0)
			continue;
		ops = n - 1;
		if (ops < vm_ops[i].min ||
		    (vm_ops[i].max >= 0 && ops > vm_ops[i].max)) {
			snprintf(err, errlen,
				 "line %d: '%s' takes %d%s operand%s", lineno,
				 words[0], vm_ops[i].min,
				 vm_ops[i].max < 0 ? " or more" : "",
				 vm_ops[i].min == 1 ? "" : "s");
			return -1;
		}
		cmd->op = vm_ops[i].op;
		cmd->argc = ops;
		cmd->line = lineno;
		cmd->argv = calloc((size_t)ops + 1, sizeof(char *));
		if (!cmd->argv) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		memcpy(cmd->argv, words + 1, (size_t)ops * sizeof(char *));
		return 0;
	}
	snprintf(err, errlen, "line %d: unknown directive '%s'", lineno,
		 words[0]);
	return -1;
}

int vm_cmdfile_parse(char *text, size_t len, struct vm_cmdfile *out, char *err,
		     size_t errlen)
{
	size_t cap = 0;
	int lineno = 0;
	char *end = text + len;

	out->cmds = NULL;
	out->n = 0;
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "a NUL byte in the command file");
		return -1;
	}
	for (char *p = text; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p;
		char *s;

		if (!nl) {
			snprintf(err, errlen, "line %d: no final newline",
				 lineno + 1);
			goto fail;
		}
		*nl = '\0';
		p = nl + 1;
		lineno++;
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		if (!*s || *s == '#')
			continue;
		if (out->n == cap) {
			struct vm_cmd *c;

			cap = cap ? 2 * cap : 16;
			c = realloc(out->cmds, cap * sizeof(*c));
			if (!c) {
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			out->cmds = c;
		}
		if (parse_line(s, lineno, &out->cmds[out->n], err, errlen))
			goto fail;
		out->n++;
	}
	return 0;
fail:
	vm_cmdfile_free(out);
	return -1;
}

void vm_cmdfile_free(struct vm_cmdfile *cf)
{
	for (size_t i = 0; i < cf->n; i++)
		free(cf->cmds[i].argv);
	free(cf->cmds);
	cf->cmds = NULL;
	cf->n = 0;
}
