/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz targets (the .c files of tests/fuzz): each defines LLVMFuzzerTestOneInput, run
 * by libFuzzer under ASan and UBSan (make fuzz, clang) or by replay.c over
 * the kept inputs of tests/fuzz-corpus/<target>/ (make test, any build).
 * A target aborts on a broken property; the sanitizers abort on memory and
 * undefined-behaviour errors; a clean return is a pass.
 */
#ifndef FTB_FUZZ_H
#define FTB_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property every input must keep: report it and abort (a finding). */
#define FUZZ_ASSERT(cond, ...)                                                \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

#endif
