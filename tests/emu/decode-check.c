// SPDX-License-Identifier: GPL-2.0
/*
 * Cross-checks harness/qemu/decode.c against binutils: reads
 * `aarch64-linux-gnu-objdump -d` output on stdin and, for every
 * instruction, compares the branch class and load/store flags decoded from
 * the word with those implied by objdump's mnemonic. Prints mismatches
 * and a summary line; exit status 1 on any mismatch. A host program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/qemu/decode.h"

static int any(const char *m, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(m, *list))
			return 1;
	return 0;
}

static int starts(const char *m, const char *const *list)
{
	for (; *list; list++)
		if (!strncmp(m, *list, strlen(*list)))
			return 1;
	return 0;
}

/* The class objdump's mnemonic implies; -1 = take the decoder's (HINT). */
static int want_class(const char *m)
{
	static const char *const cbz[] = { "cbz", "cbnz", "tbz", "tbnz", 0 };
	static const char *const br[] = { "br",	   "braa",  "brab",
					  "braaz", "brabz", 0 };
	static const char *const blr[] = { "blr",    "blraa",  "blrab",
					   "blraaz", "blrabz", 0 };
	static const char *const ret[] = { "ret", "retaa", "retab", 0 };

	if (!strcmp(m, "hint"))
		return -1;
	if (!strcmp(m, "b"))
		return EMU_B;
	if (!strcmp(m, "bl"))
		return EMU_BL;
	if (!strncmp(m, "b.", 2) || !strncmp(m, "bc.", 3))
		return EMU_BCOND;
	if (any(m, cbz))
		return EMU_CBZ;
	if (any(m, br))
		return EMU_BR;
	if (any(m, blr))
		return EMU_BLR;
	if (any(m, ret))
		return EMU_RET;
	return EMU_OTHER;
}

static unsigned int want_mem(const char *m)
{
	static const char *const none[] = { "prfm", "prfum", 0 };
	static const char *const both[] = { "cas",    "swp",	"ldadd",
					    "ldclr",  "ldeor",	"ldset",
					    "ldsmax", "ldsmin", "ldumax",
					    "ldumin", 0 };

	if (starts(m, none))
		return 0;
	if (starts(m, both))
		return EMU_LOAD | EMU_STORE;
	if (!strncmp(m, "ld", 2))
		return EMU_LOAD;
	if (!strncmp(m, "st", 2))
		return EMU_STORE;
	return 0;
}

/* "  addr:\tWORD \tMNEMONIC\t..." -> word and mnemonic; 0 if not one. */
static int parse(char *line, unsigned int *w, char **mn)
{
	char *t1 = strchr(line, '\t'), *t2, *end;

	if (!t1 || !(t2 = strchr(t1 + 1, '\t')))
		return 0;
	*w = (unsigned int)strtoul(t1 + 1, &end, 16);
	if (end != t1 + 9)
		return 0;
	*mn = t2 + 1;
	(*mn)[strcspn(*mn, "\t\n ")] = '\0';
	return **mn != '\0' && strcmp(*mn, ".word") != 0 &&
	       strcmp(*mn, ".inst") != 0;
}

int main(void)
{
	char line[512], *mn;
	unsigned long n = 0, bad = 0;
	unsigned int w;
	int c;

	while (fgets(line, sizeof(line), stdin)) {
		if (!parse(line, &w, &mn))
			continue;
		n++;
		c = want_class(mn);
		if ((c >= 0 && (int)emu_decode_class(w) != c) ||
		    emu_decode_mem(w) != want_mem(mn)) {
			if (bad++ < 20)
				printf("# mismatch: %08x %s: class %d mem %u\n",
				       w, mn, (int)emu_decode_class(w),
				       emu_decode_mem(w));
		}
	}
	printf("# decode-check: %lu instructions, %lu mismatches\n", n, bad);
	return bad || !n;
}
