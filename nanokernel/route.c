// SPDX-License-Identifier: GPL-2.0
/* nanokernel/route.c - vectors taken over and their owners (route.h). */
#include "route.h"

#define GATE_PRESENT	0x8000u
#define GATE_TYPE(hi)	(((hi) >> 8) & 0xfu)
#define GATE_INTR32	0xeu
#define GATE_TRAP32	0xfu
#define SYSCALL_VECTOR	0x80u

/* Exceptions (0..31) we take over; Documentation/interrupts.md says why
 * the others stay Linux's. */
static const uint32_t nk_taken_exceptions =
	(1u << 0) |	/* #DE */
	(1u << 6) |	/* #UD: also BUG() and WARN() */
	(1u << 7) |	/* #NM */
	(1u << 14) |	/* #PF: CR2 is not touched by the stub */
	(1u << 16) |	/* #MF */
	(1u << 19);	/* #XM */

int nk_route_takes(unsigned int v, uint32_t hi)
{
	if (v > 255 || !(hi & GATE_PRESENT))
		return 0;
	if (GATE_TYPE(hi) != GATE_INTR32 && GATE_TYPE(hi) != GATE_TRAP32)
		return 0;
	return v >= 32 || (nk_taken_exceptions >> v) & 1u;
}

unsigned int nk_route_owner(unsigned int v, unsigned int owner,
			    unsigned int npartitions, unsigned int slots)
{
	if (v < 32 || v == SYSCALL_VECTOR || v > 255)
		return NK_ROUTE_HOST;
	if (owner >= slots || owner > npartitions)
		return NK_ROUTE_HOST;
	return owner;
}
