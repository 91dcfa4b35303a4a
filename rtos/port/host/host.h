// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/host/host.h - the host port's test driver interface.
 *
 * The host port runs the kernel inside an ordinary process for unit
 * tests: tasks are ucontexts on their configured stacks, the dispatcher
 * runs on a stack of its own, and "idle" means back to the test driver
 * (the code that called kernel_start(), host_tick() or host_interrupt()).
 * Time only moves when the driver says so, so every run is the same.
 *
 *	kernel_start(&cfg);	runs the tasks until none is ready
 *	host_tick(5);		5 ticks, letting the tasks run after each
 *	host_raise(2);		interrupt number 2: its configured handler
 *
 * The driver is neither a task nor a handler: it makes no service calls
 * itself, it raises interrupts whose handlers do.
 */
#ifndef RTOS_PORT_HOST_H
#define RTOS_PORT_HOST_H

#include "itron.h"

/* The host port's interrupt numbers (port.h): 0 to HOST_INHNO_COUNT - 1,
 * simulated sources with no meaning of their own. */
#define HOST_INHNO_COUNT	8

/*
 * Run isr in non-task context, then dispatch as at an interrupt exit.
 * From the driver: then run the tasks until none is ready.  From a task
 * or a handler: simulates an interrupt arriving there (nesting counts).
 */
void host_interrupt(void (*isr)(void));

/* n timer interrupts, each calling isig_tim(). */
void host_tick(unsigned int n);

/* Interrupt number inhno: host_interrupt() of the handler the
 * configuration gave it, or, if none, counted and dropped. */
void host_raise(INHNO inhno);
/* Interrupts dropped so far, in this process. */
unsigned int host_dropped(void);

/* Non-zero while the lock is held: for checks in tests. */
int host_locked(void);

#endif /* RTOS_PORT_HOST_H */
