/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/sched.h - the dispatcher (sched.c): which OS runs, time
 * slices between guests of equal priority, and the switch into a guest.
 */
#ifndef NANOKERNEL_SCHED_H
#define NANOKERNEL_SCHED_H

#include <nk/types.h>

struct nk_guest_regs;

/* The partition index of the guest on the CPU, or -1 (the host, or none). */
int nk_sched_current(void);
/* Run guests, most urgent first, until none can; then the host resumes.
 * from_host: the host was preempted for them (counted). */
void nk_schedule(int from_host);
/* NK_CALL_HOLD: 1, no guest runs and no guest's deadline is programmed
 * (a loader is about to detach); 0, they run again, and those with
 * something to do run now. */
int nk_sched_hold(uint32_t hold);
int nk_sched_held(void);
/* The host is dead (ras.c): the guests run alone, and the nanokernel's
 * idle loop takes the host's place.  Never returns. */
void nk_sched_alone(void) __attribute__((noreturn));
/* An interrupt came in that idle loop (irq.c): the context to resume, or
 * 0 to leave the loop (a guest has something to do). */
uint32_t nk_sched_idle_wake(struct nk_guest_regs *r);
/* Must running guest i give way now (a more urgent guest, or the end of
 * its slice with another of its priority waiting)? */
int nk_sched_preempts(unsigned int i);
/* Arm or cancel the running guest i's slice, as its rivals require. */
void nk_slice_update(unsigned int i);
/* The slice's deadline passed (irq.c). */
void nk_slice_expired(void);
/* A started guest's FPU: clean, as after fninit. */
void nk_sched_fpu_init(unsigned int i);

/* budget.c: the guests' CPU budgets (include/nk/config.h). */
/* A started guest: its whole budget, from now. */
void nk_budget_init(unsigned int i);
/* May guest i (not on the CPU) run: not throttled, or its period over? */
int nk_budget_runnable(unsigned int i);
/* Guest i gets the CPU at t0: the budget deadline at its budget's end. */
void nk_budget_enter(unsigned int i, uint64_t t0);
/* Must the running guest leave now, its budget spent? */
int nk_budget_spent(void);
/* Guest i left the CPU at t1: charged, throttled if its budget is spent;
 * 1 if it must fail instead (on_overrun = fail). */
int nk_budget_leave(unsigned int i, uint64_t t1);
/* A stopped or failed guest is throttled no more. */
void nk_budget_halt(unsigned int i);
/* The budget deadline passed (irq.c). */
void nk_budget_expired(void);

#endif /* NANOKERNEL_SCHED_H */
