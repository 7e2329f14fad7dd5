// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-checks harness/qemu/decode_x86.c against binutils: reads
 * `objdump -d -w` output of an x86-64 program on stdin and, for every
 * instruction, compares the branch class decoded from its bytes with the
 * one objdump's mnemonic implies (jmp, jmp *, call, call *, ret, j<cc>,
 * loop<cc>, jrcxz), and a direct branch's target with objdump's. Prints
 * mismatches and a summary line; exit status 1 on any mismatch. A host
 * program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/qemu/decode.h"

/* The class objdump's mnemonic and operand imply. */
static enum emu_class want_class(const char *m, const char *ops)
{
	int ind = ops[0] == '*';

	if (!strcmp(m, "jmp"))
		return ind ? EMU_BR : EMU_B;
	if (!strcmp(m, "call"))
		return ind ? EMU_BLR : EMU_BL;
	if (!strcmp(m, "ret"))
		return EMU_RET;
	if (!strncmp(m, "loop", 4) || !strcmp(m, "jrcxz") ||
	    !strcmp(m, "jecxz") || (m[0] == 'j' && strcmp(m, "jmp")))
		return EMU_BCOND;
	return EMU_OTHER;
}

/* Prefixes objdump prints as words before the mnemonic. */
static int is_prefix_word(const char *w)
{
	static const char *const words[] = { "notrack", "bnd",	 "addr32",
					     "data16",	"repz",	 "repnz",
					     "rep",	"lock",	 "ds",
					     "cs",	"rex.W", 0 };

	for (const char *const *p = words; *p; p++)
		if (!strcmp(w, *p))
			return 1;
	return !strncmp(w, "rex", 3);
}

/*
 * "  addr:\tBB BB ...\tMNEMONIC OPERANDS" -> address, bytes, mnemonic,
 * operands (prefix words skipped); 0 if not one.
 */
static int parse(char *line, unsigned long *pc, unsigned char *b, size_t *n,
		 char **mn, char **ops)
{
	char *t1 = strchr(line, '\t'), *t2, *p, *end;

	if (!t1 || !(t2 = strchr(t1 + 1, '\t')))
		return 0;
	*pc = strtoul(line, &end, 16);
	if (*end != ':')
		return 0;
	*n = 0;
	for (p = t1 + 1; *n < 16;) {
		unsigned long v;

		p += strspn(p, " ");
		if (p >= t2)
			break;
		v = strtoul(p, &end, 16);
		if (end == p)
			break;
		b[(*n)++] = (unsigned char)v;
		p = end;
	}
	for (p = t2 + 1;;) {
		*mn = p + strspn(p, " ");
		p = *mn + strcspn(*mn, " \n");
		*ops = p + strspn(p, " ");
		if (*p)
			*p = '\0';
		(*ops)[strcspn(*ops, "\n")] = '\0';
		if (!is_prefix_word(*mn))
			break;
		p = *ops;
	}
	return *n > 0 && **mn != '\0' && strcmp(*mn, "(bad)") != 0;
}

int main(void)
{
	char line[1024], *mn, *ops;
	unsigned long n = 0, bad = 0, branches = 0, pc;
	unsigned char b[16];
	size_t len;

	while (fgets(line, sizeof(line), stdin)) {
		enum emu_class want, got;
		unsigned long target;

		if (!parse(line, &pc, b, &len, &mn, &ops))
			continue;
		n++;
		want = want_class(mn, ops);
		got = emu_x86_class(b, len);
		if (got == EMU_BEGIN || got == EMU_END)
			got = EMU_OTHER; /* markers: NOPs to objdump */
		branches += want != EMU_OTHER;
		target = strtoul(ops, NULL, 16);
		if (got != want ||
		    ((want == EMU_B || want == EMU_BL || want == EMU_BCOND) &&
		     emu_x86_target(b, len, pc) != target)) {
			if (bad++ < 20)
				printf("# mismatch: %lx %s %s: class %d want "
				       "%d, "
				       "target %lx\n",
				       pc, mn, ops, (int)got, (int)want,
				       (unsigned long)emu_x86_target(b, len,
								     pc));
		}
	}
	printf("# decode-check-x86: %lu instructions, %lu branches, %lu "
	       "mismatches\n",
	       n, branches, bad);
	return bad || !branches;
}
