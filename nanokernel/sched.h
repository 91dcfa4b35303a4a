/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/sched.h - the dispatcher (sched.c): which OS runs, time
 * slices between guests of equal priority, and the switch into a guest.
 */
#ifndef NANOKERNEL_SCHED_H
#define NANOKERNEL_SCHED_H

#include <nk/types.h>

/* The partition index of the guest on the CPU, or -1 (the host, or none). */
int nk_sched_current(void);
/* Run guests, most urgent first, until none can; then the host resumes.
 * from_host: the host was preempted for them (counted). */
void nk_schedule(int from_host);
/* Must running guest i give way now (a more urgent guest, or the end of
 * its slice with another of its priority waiting)? */
int nk_sched_preempts(unsigned int i);
/* Arm or cancel the running guest i's slice, as its rivals require. */
void nk_slice_update(unsigned int i);
/* The slice's deadline passed (irq.c). */
void nk_slice_expired(void);
/* A started guest's FPU: clean, as after fninit. */
void nk_sched_fpu_init(unsigned int i);

#endif /* NANOKERNEL_SCHED_H */
