// SPDX-License-Identifier: GPL-2.0
/*
 * Driver for the ftb-emu test kernels (kernels.S on arm64,
 * kernels-x86_64.S on x86-64): runs one kernel by name with one integer
 * argument. The counts are read by tests/emu.t and tests/emu-x86.t from
 * the plugin's output file, not here. cbz, mem and smc exist on arm64 only.
 *
 *	emu-kernels NAME [ARG]
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void emu_k_empty(void);
void emu_k_nops(void);
void emu_k_loop(long k);
void emu_k_call(void);
void emu_k_blr(void);
void emu_k_br(void);
void emu_k_b(void);
void emu_k_cond(void);
void emu_k_periodic(long regions);
void emu_k_random(long n);
void emu_k_indirect(long regions);
void emu_k_chain(long depth);
void emu_k_jumps(long regions);

#if defined(__aarch64__)
void emu_k_cbz(long x);
void emu_k_mem(void);

/*
 * Self-modifying region, in an RWX page: BEGIN; STR W1, [X0, #16] (writes
 * ADD X2, X2, #1 over the NOP at +16, inside the running TB); NOP; NOP;
 * NOP->ADD; END; RET. insns=4 (STR, NOP, NOP, NOP or ADD), stores=1, run
 * twice. (QEMU 7.2 runs the stale NOP on the first call: no precise
 * self-modifying code for Arm; the count is 4 either way.)
 */
static void emu_k_smc(long unused)
{
	static const uint32_t code[] = {
		0xd5032c1f, /* hint #0x60 */
		0xb9001001, /* str w1, [x0, #16] */
		0xd503201f, /* nop */
		0xd503201f, /* nop */
		0xd503201f, /* nop, becomes add x2, x2, #1 */
		0xd5032c3f, /* hint #0x61 */
		0xd65f03c0, /* ret */
	};
	void (*fn)(void *page, uint32_t insn);
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)unused;
	if (page == MAP_FAILED) {
		perror("emu-kernels: mmap RWX");
		exit(2);
	}
	memcpy(page, code, sizeof(code));
	__builtin___clear_cache((char *)page, (char *)page + sizeof(code));
	fn = (void (*)(void *, uint32_t))page;
	fn(page, 0x91000442); /* add x2, x2, #1 */
	fn(page, 0x91000442);
}
#endif

static void *loop_thread(void *arg)
{
	long i, n = (long)arg;

	for (i = 0; i < n; i++)
		emu_k_loop(1000);
	return NULL;
}

/*
 * Two threads (two vCPUs) in regions at once: n regions of loop K=100 here
 * (insns=301 each) and n of loop K=1000 (insns=3001) in a second thread.
 */
static void emu_k_threads(long n)
{
	pthread_t t;
	long i;
	int err = pthread_create(&t, NULL, loop_thread, (void *)n);

	if (err) {
		fprintf(stderr, "emu-kernels: pthread_create: %s\n",
			strerror(err));
		exit(2);
	}
	for (i = 0; i < n; i++)
		emu_k_loop(100);
	err = pthread_join(t, NULL);
	if (err) {
		fprintf(stderr, "emu-kernels: pthread_join: %s\n",
			strerror(err));
		exit(2);
	}
}

struct kernel {
	const char *name;
	void (*fn)(long);
};

#define K(n)                                  \
	{                                     \
#n, (void (*)(long))emu_k_##n \
	}
static const struct kernel kernels[] = {
	K(empty),
	K(nops),
	K(loop),
	K(call),
	K(blr),
	K(br),
	K(b),
	K(cond),
	K(periodic),
	K(random),
	K(indirect),
	K(chain),
	K(jumps),
	{ "threads", emu_k_threads },
#if defined(__aarch64__)
	K(cbz),
	K(mem),
	{ "smc", emu_k_smc },
#endif
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
