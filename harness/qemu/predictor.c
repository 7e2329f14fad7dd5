// SPDX-License-Identifier: GPL-2.0
/*
 * Branch predictor model for ftb-emu. Plain C, no QEMU types: the plugin
 * feeds it the resolved branch stream of one vCPU. docs/emu.md describes
 * each structure and where its default size comes from.
 */
#include <stdlib.h>

#include "predictor.h"

#define PATH_MAX_LEN 64

struct btb_entry {
	uint64_t pc, target, used; /* used: LRU stamp, 0 = empty */
};

struct ind_entry {
	uint64_t tag, target; /* tag 0 = empty */
};

struct pred {
	struct pred_config c;
	uint8_t *ctr; /* gshare 2-bit counters */
	uint64_t ghist;
	struct btb_entry *btb;
	unsigned int btb_sets;
	uint64_t tick;
	struct ind_entry *ind;
	uint64_t path[PATH_MAX_LEN]; /* ring of taken-branch targets */
	unsigned int path_head;
	uint64_t *ras;
	unsigned int ras_top, ras_count;
};

void pred_defaults(struct pred_config *c)
{
	c->cond_bits = 14;
	c->cond_hist = 14;
	c->btb_entries = 6144;
	c->btb_ways = 4;
	c->ind_bits = 10;
	c->ind_path = 8;
	c->ras_entries = 16;
}

static const char *pred_check(const struct pred_config *c)
{
	if (c->cond_bits < 1 || c->cond_bits > 24)
		return "cond-bits must be 1..24";
	if (c->cond_hist < 1 || c->cond_hist > 64)
		return "cond-hist must be 1..64";
	if (c->btb_ways < 1 || c->btb_ways > 64)
		return "btb-ways must be 1..64";
	if (c->btb_entries < c->btb_ways || c->btb_entries > (1u << 24) ||
	    c->btb_entries % c->btb_ways)
		return "btb must be a multiple of btb-ways, at most 2^24";
	if (c->ind_bits < 1 || c->ind_bits > 24)
		return "ind-bits must be 1..24";
	if (c->ind_path > PATH_MAX_LEN)
		return "ind-path must be 0..64";
	if (c->ras_entries > 4096)
		return "ras must be 0..4096";
	return NULL;
}

struct pred *pred_new(const struct pred_config *c, const char **why)
{
	struct pred *p;
	size_t nctr = (size_t)1 << c->cond_bits;

	*why = pred_check(c);
	if (*why)
		return NULL;
	*why = "out of memory";
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->c = *c;
	p->btb_sets = c->btb_entries / c->btb_ways;
	p->ctr = malloc(nctr);
	p->btb = calloc(c->btb_entries, sizeof(*p->btb));
	p->ind = calloc((size_t)1 << c->ind_bits, sizeof(*p->ind));
	p->ras = calloc(c->ras_entries + 1, sizeof(*p->ras));
	if (!p->ctr || !p->btb || !p->ind || !p->ras) {
		pred_free(p);
		return NULL;
	}
	for (size_t i = 0; i < nctr; i++)
		p->ctr[i] = 1; /* weakly not taken */
	*why = NULL;
	return p;
}

void pred_free(struct pred *p)
{
	if (!p)
		return;
	free(p->ctr);
	free(p->btb);
	free(p->ind);
	free(p->ras);
	free(p);
}

static uint64_t low_bits(uint64_t v, unsigned int n)
{
	return n >= 64 ? v : v & ((1ull << n) - 1);
}

/* gshare index: pc xor the global history folded to cond_bits. */
static size_t cond_index(const struct pred *p, uint64_t pc)
{
	uint64_t h = low_bits(p->ghist, p->c.cond_hist), f = 0;

	for (; h; h >>= p->c.cond_bits)
		f ^= low_bits(h, p->c.cond_bits);
	return (size_t)low_bits((pc >> 2) ^ f, p->c.cond_bits);
}

int pred_cond(struct pred *p, uint64_t pc, int taken)
{
	uint8_t *c = &p->ctr[cond_index(p, pc)];
	int mis = (*c >= 2) != !!taken;

	if (taken && *c < 3)
		(*c)++;
	else if (!taken && *c > 0)
		(*c)--;
	p->ghist = (p->ghist << 1) | (uint64_t)(taken != 0);
	return mis;
}

/* The BTB way holding pc, or the way to replace (LRU) when none does. */
static struct btb_entry *btb_way(struct pred *p, uint64_t pc, int *hit)
{
	struct btb_entry *set, *victim;
	unsigned int w;

	set = &p->btb[(size_t)((pc >> 2) % p->btb_sets) * p->c.btb_ways];
	victim = set;
	for (w = 0; w < p->c.btb_ways; w++) {
		if (set[w].used && set[w].pc == pc) {
			*hit = 1;
			return &set[w];
		}
		if (set[w].used < victim->used)
			victim = &set[w];
	}
	*hit = 0;
	return victim;
}

/* Predicted target of pc from the BTB (0 if absent), then learn target. */
static uint64_t btb_update(struct pred *p, uint64_t pc, uint64_t target)
{
	int hit;
	struct btb_entry *e = btb_way(p, pc, &hit);
	uint64_t predicted = hit ? e->target : 0;

	e->pc = pc;
	e->target = target;
	e->used = ++p->tick;
	return predicted;
}

int pred_btb(struct pred *p, uint64_t pc, uint64_t target)
{
	return btb_update(p, pc, target) != target;
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x9e3779b97f4a7c15ull;
	h ^= h >> 29;
	return h;
}

/* Hash of pc and the last ind_path taken-branch targets. */
static uint64_t path_hash(const struct pred *p, uint64_t pc)
{
	uint64_t h = mix(pc);
	unsigned int i;

	for (i = 0; i < p->c.ind_path; i++) {
		unsigned int slot =
			(p->path_head + PATH_MAX_LEN - i) % PATH_MAX_LEN;
		h = mix(h ^ p->path[slot]);
	}
	return h | 1; /* never 0: 0 marks an empty entry */
}

int pred_indirect(struct pred *p, uint64_t pc, uint64_t target)
{
	uint64_t h = path_hash(p, pc);
	struct ind_entry *e = &p->ind[low_bits(h >> 7, p->c.ind_bits)];
	uint64_t from_btb = btb_update(p, pc, target);
	uint64_t predicted = (e->tag == h) ? e->target : from_btb;

	e->tag = h;
	e->target = target;
	return predicted != target;
}

void pred_call(struct pred *p, uint64_t ret)
{
	if (!p->c.ras_entries)
		return;
	p->ras_top = (p->ras_top + 1) % p->c.ras_entries;
	p->ras[p->ras_top] = ret;
	if (p->ras_count < p->c.ras_entries)
		p->ras_count++;
}

int pred_ret(struct pred *p, uint64_t target)
{
	uint64_t predicted;

	if (!p->ras_count)
		return 1; /* empty (or overflowed and drained): no prediction */
	predicted = p->ras[p->ras_top];
	p->ras_top = (p->ras_top + p->c.ras_entries - 1) % p->c.ras_entries;
	p->ras_count--;
	return predicted != target;
}

void pred_path(struct pred *p, uint64_t target)
{
	p->path_head = (p->path_head + 1) % PATH_MAX_LEN;
	p->path[p->path_head] = target;
}
