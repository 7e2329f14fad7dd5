// SPDX-License-Identifier: GPL-2.0
/*
 * Driver for the ftb-emu test kernels (kernels.S): runs one kernel by name
 * with one integer argument. The counts are read by tests/emu.t from the
 * plugin's output file, not here.
 *
 *	emu-kernels NAME [ARG]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void emu_k_empty(void);
void emu_k_nops(void);
void emu_k_loop(long k);
void emu_k_call(void);
void emu_k_blr(void);
void emu_k_br(void);
void emu_k_b(void);
void emu_k_cond(void);
void emu_k_cbz(long x);
void emu_k_mem(void);
void emu_k_periodic(long regions);
void emu_k_random(long n);
void emu_k_indirect(long regions);
void emu_k_chain(long depth);

struct kernel {
	const char *name;
	void (*fn)(long);
};

#define K(n)                                  \
	{                                     \
#n, (void (*)(long))emu_k_##n \
	}
static const struct kernel kernels[] = {
	K(empty),    K(nops),	K(loop),     K(call),  K(blr),
	K(br),	     K(b),	K(cond),     K(cbz),   K(mem),
	K(periodic), K(random), K(indirect), K(chain),
};

int main(int argc, char **argv)
{
	long arg = argc > 2 ? strtol(argv[2], NULL, 0) : 1;
	size_t i;

	if (argc < 2) {
		fprintf(stderr, "usage: emu-kernels NAME [ARG]\n");
		return 2;
	}
	if (!strcmp(argv[1], "chain") && (arg < 1 || arg > 32)) {
		fprintf(stderr, "emu-kernels: chain depth must be 1..32\n");
		return 2;
	}
	for (i = 0; i < sizeof(kernels) / sizeof(kernels[0]); i++) {
		if (!strcmp(kernels[i].name, argv[1])) {
			kernels[i].fn(arg);
			return 0;
		}
	}
	fprintf(stderr, "emu-kernels: unknown kernel '%s'\n", argv[1]);
	return 2;
}
