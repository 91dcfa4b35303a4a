/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/deadline.h - one timer deadline per OS, merged onto one
 * hardware timer.  Portable (no hardware access): the nanokernel uses it
 * in timer.c and the unit tests run it on the build machine.
 *
 * Deadlines are TSC values.  Comparisons are wrap-safe: a deadline counts
 * as "before" another when their signed difference is negative, so a
 * 64-bit TSC that wraps (after centuries) does not confuse the order.
 */
#ifndef NANOKERNEL_DEADLINE_H
#define NANOKERNEL_DEADLINE_H

#include <nk/config.h>


struct nk_deadlines {
	uint64_t at[NK_OS_SLOTS];
	uint32_t armed;		/* bit i: slot i has a deadline */
};

/* Arm (or move) slot's deadline.  Returns 0, or -1 for a bad slot. */
int nk_deadline_set(struct nk_deadlines *d, unsigned int slot, uint64_t at);

/* Disarm slot's deadline (no-op if none). */
void nk_deadline_cancel(struct nk_deadlines *d, unsigned int slot);

/*
 * The earliest armed deadline: returns its slot and stores it in *at, or
 * returns -1 when nothing is armed.  Ties go to the lowest slot.
 */
int nk_deadline_earliest(const struct nk_deadlines *d, uint64_t *at);

/*
 * Disarm and return (as a bit mask of slots) every deadline at or before
 * now: the OSes whose timer has expired.
 */
uint32_t nk_deadline_expire(struct nk_deadlines *d, uint64_t now);

#endif /* NANOKERNEL_DEADLINE_H */
