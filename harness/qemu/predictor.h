/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The branch predictor model of ftb-emu (docs/emu.md): a gshare
 * conditional predictor, a set-associative BTB, an indirect-target
 * predictor indexed by path history, and a return stack. Each vCPU has its
 * own. A model, not a measurement: its events are emu-mispred-*.
 */
#ifndef FTB_EMU_PREDICTOR_H
#define FTB_EMU_PREDICTOR_H

#include <stdint.h>

struct pred_config {
	unsigned int cond_bits;	  /* log2 of gshare 2-bit counters */
	unsigned int cond_hist;	  /* global history bits (1..64) */
	unsigned int btb_entries; /* BTB entries (multiple of btb_ways) */
	unsigned int btb_ways;	  /* BTB associativity */
	unsigned int ind_bits;	  /* log2 of indirect predictor entries */
	unsigned int ind_path;	  /* taken-branch targets in its index */
	unsigned int ras_entries; /* return stack depth (0 = none) */
};

struct pred;

/* Fill c with the defaults (docs/emu.md names their sources). */
void pred_defaults(struct pred_config *c);

/* NULL with *why set when the configuration is out of range. */
struct pred *pred_new(const struct pred_config *c, const char **why);

void pred_free(struct pred *p);

/* Conditional branch at pc resolved as taken or not: 1 if mispredicted. */
int pred_cond(struct pred *p, uint64_t pc, int taken);

/* Taken branch at pc to target: 1 if the BTB did not supply target. */
int pred_btb(struct pred *p, uint64_t pc, uint64_t target);

/* BR/BLR at pc went to target: 1 if the target was mispredicted. */
int pred_indirect(struct pred *p, uint64_t pc, uint64_t target);

/* Call (BL/BLR) with return address ret: push it on the return stack. */
void pred_call(struct pred *p, uint64_t ret);

/* RET went to target: 1 if the return stack did not predict it. */
int pred_ret(struct pred *p, uint64_t target);

/* Every taken branch, after its prediction: extend the path history. */
void pred_path(struct pred *p, uint64_t target);

#endif
