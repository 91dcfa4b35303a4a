/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/timer.h - the timer merger (timer.c): one deadline per OS
 * slot (deadline.h), merged onto the local APIC timer.
 */
#ifndef NANOKERNEL_TIMER_H
#define NANOKERNEL_TIMER_H

#include <nk/types.h>
#include <nk/config.h>

/* The deadline slots of the nanokernel's own time slices (sched.c) and
 * of the guests' CPU budgets (budget.c). */
#define NK_SLICE_SLOT	(NK_OS_SLOTS - 1)
#define NK_BUDGET_SLOT	(NK_OS_SLOTS - 2)
#define NK_WATCH_SLOT	(NK_OS_SLOTS - 3)	/* the host's heartbeat (ras.c) */
NK_STATIC_ASSERT(NK_MAX_PARTITIONS < NK_WATCH_SLOT, "the guests' slots are 1 .. 4");

/* NK_CALL_TIMER_ATTACH, _HOST (ns from now, or NK_TIMER_CANCEL), _DETACH. */
int nk_timer_attach(void);
int nk_timer_host(uint32_t delta_ns);
int nk_timer_detach(void);
/* A guest's deadline, slot = partition index + 1: relative, or at a TSC. */
int nk_timer_guest(unsigned int slot, uint32_t delta_ns);
int nk_timer_guest_at(unsigned int slot, uint64_t at);
/* The end of the running guest's time slice, or NK_TIMER_CANCEL. */
int nk_timer_slice(uint32_t delta_ns);
/* The budget deadline (budget.c), at a TSC. */
void nk_timer_budget(uint64_t at);
/* The host's heartbeat is due by ms from now (ras.c); 0: not watched. */
void nk_timer_watch(uint32_t ms);
/*
 * The nanokernel's timer vector fired: retire every due deadline; returns
 * the due slots (bit s: slot s).  host_interrupted: the host was on the
 * CPU, not a guest (for the lateness record).
 */
uint32_t nk_timer_expire(int host_interrupted);
/* The host's tick vector came while a guest ran: its deadline is spent. */
void nk_timer_host_fired(void);
/* Held (sched.c): only the host's deadline is programmed. */
void nk_timer_hold(int hold);
/* The host is dead: its deadline is dropped for good. */
void nk_timer_host_dead(void);
/* On the way out: program the LAPIC timer if a deadline changed. */
void nk_timer_flush(int to_guest);
int nk_timer_is_own_vector(uint32_t v);
/* NK_CALL_TEST_DELAY: a slot's next deadlines armed later, on purpose. */
int nk_timer_test_delay(uint32_t arg);
int nk_timer_is_host_vector(uint32_t v);

#endif /* NANOKERNEL_TIMER_H */
