// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/tick.c - the kernel's 1 ms tick on the nanokernel's one
 * guest timer (NK_GCALL_TIMER).
 *
 * Timer events are not counted: one can come late, or be merged with the
 * next, and so stand for several periods.  The TSC decides instead: the
 * ticks follow each other one period apart from nkp_tick_init(), and
 * every tick whose time has come is signalled exactly once.  The timer is
 * re-armed for the absolute time of the next tick, so its own lateness
 * does not accumulate.
 */
#include "kernel_impl.h"
#include "nk_hw.h"
#include "nk_port_impl.h"

static uint32_t nkp_tick_khz;		/* the TSC's rate */
static uint64_t nkp_tick_period;	/* TSC counts per tick */
static uint64_t nkp_tick_next;		/* TSC at which the next tick is due */
static uint64_t nkp_tick_due;		/* TSC at which this tick was due */

void nkp_tick_init(uint32_t tsc_khz)
{
	nkp_tick_khz = tsc_khz;
	nkp_tick_period = (uint64_t)NK_TICK_NS * tsc_khz / 1000000u;
	nkp_tick_next = nkp_rdtsc() + nkp_tick_period;
	nkp_tick_due = nkp_tick_next - nkp_tick_period;
	nkp_tick_arm();
}

uint64_t nk_tsc(void)
{
	return nkp_rdtsc();
}

uint32_t nk_tsc_khz(void)
{
	return nkp_tick_khz;
}

uint32_t nk_tsc_to_ns(uint64_t tsc)
{
	return (uint32_t)(tsc * 1000000u / nkp_tick_khz);
}

uint64_t nk_tick_due_tsc(void)
{
	return nkp_tick_due;
}

void nkp_tick_catch_up(void)
{
	uint64_t now = nkp_rdtsc();

	while (now >= nkp_tick_next) {
		nkp_tick_due = nkp_tick_next;
		nkp_tick_next += nkp_tick_period;
		isig_tim();
	}
}

/* The timer for the tick due next, at its absolute TSC time. */
void nkp_tick_arm(void)
{
	nkp_gcall(NK_GCALL_TIMER_AT, (uint32_t)nkp_tick_next,
		  (uint32_t)(nkp_tick_next >> 32));
}
