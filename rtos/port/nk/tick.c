// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/tick.c - the kernel's 1 ms tick on the nanokernel's one
 * guest timer (NK_GCALL_TIMER).
 *
 * Timer events are not counted: one can come late, or be merged with the
 * next, and so stand for several periods.  The TSC decides instead: tick n is due at nk_tick_base + n periods, and
 * every tick whose time has come is signalled exactly once.  The timer is
 * re-armed for the absolute time of the next tick, so its own lateness
 * does not accumulate.
 */
#include "kernel_impl.h"
#include "nk_hw.h"
#include "nk_port_impl.h"

static uint32_t tick_tsc_khz;
static uint64_t tick_period;	/* TSC counts per tick */
static uint64_t tick_next;	/* TSC at which the next tick is due */
static uint64_t tick_due;	/* TSC at which the current tick was due */

void nk_tick_init(uint32_t tsc_khz)
{
	tick_tsc_khz = tsc_khz;
	tick_period = (uint64_t)NK_TICK_NS * tsc_khz / 1000000u;
	tick_next = nk_rdtsc() + tick_period;
	tick_due = tick_next - tick_period;
	nk_tick_arm();
}

uint64_t nk_tsc(void)
{
	return nk_rdtsc();
}

uint32_t nk_tsc_khz(void)
{
	return tick_tsc_khz;
}

uint32_t nk_tsc_to_ns(uint64_t tsc)
{
	return (uint32_t)(tsc * 1000000u / tick_tsc_khz);
}

uint64_t nk_tick_due_tsc(void)
{
	return tick_due;
}

void nk_tick_catch_up(void)
{
	uint64_t now = nk_rdtsc();

	while (now >= tick_next) {
		tick_due = tick_next;
		tick_next += tick_period;
		isig_tim();
	}
}

/* The timer for the tick due next, at its absolute TSC time. */
void nk_tick_arm(void)
{
	nk_gcall(NK_GCALL_TIMER_AT, (uint32_t)tick_next, (uint32_t)(tick_next >> 32));
}
