// SPDX-License-Identifier: GPL-2.0
/* nanokernel/deadline.c - per-OS deadlines merged onto one timer. */
#include "deadline.h"

static int nk_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

int nk_deadline_set(struct nk_deadlines *d, unsigned int slot, uint64_t at)
{
	if (slot >= NK_OS_SLOTS)
		return -1;
	d->at[slot] = at;
	d->armed |= 1u << slot;
	return 0;
}

void nk_deadline_cancel(struct nk_deadlines *d, unsigned int slot)
{
	if (slot < NK_OS_SLOTS)
		d->armed &= ~(1u << slot);
}

/* Only the armed slots are looked at: few are, in the common case. */
int nk_deadline_earliest(const struct nk_deadlines *d, uint64_t *at)
{
	uint32_t bits = d->armed & ((1u << NK_OS_SLOTS) - 1);
	unsigned int i;
	int best = -1;

	for (; bits; bits &= bits - 1) {
		i = (unsigned int)__builtin_ctz(bits);
		if (best < 0 || nk_before(d->at[i], d->at[best]))
			best = (int)i;
	}
	if (best >= 0)
		*at = d->at[best];
	return best;
}

uint32_t nk_deadline_expire(struct nk_deadlines *d, uint64_t now)
{
	uint32_t due = 0, bits = d->armed & ((1u << NK_OS_SLOTS) - 1);
	unsigned int i;

	for (; bits; bits &= bits - 1) {
		i = (unsigned int)__builtin_ctz(bits);
		if (!nk_before(now, d->at[i]))
			due |= 1u << i;
	}
	d->armed &= ~due;
	return due;
}
