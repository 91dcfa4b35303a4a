// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/port.h - the contract between the portable kernel and a
 * CPU/board port (rtos/port/<name>/).
 *
 * Lock.  The kernel's critical sections are bracketed by port_lock() and
 * port_unlock(); they never nest.  In the nanokernel guest the lock is the
 * virtual interrupt flag.
 *
 * Contexts.  Each task has one PORT_CTX slot in its control block, owned
 * by the port (the saved stack pointer, say).  The port remembers which
 * task it switched to last: that is the running task whose context
 * port_dispatch() saves.  Interrupt and time event handlers run in
 * non-task context: port_in_interrupt() is true from the interrupt entry
 * to the exit of the outermost one, and at that exit the port switches
 * tasks if kernel_dispatch_pending() says so.
 *
 * Dispatcher.  port_dispatch(), port_exit_dispatch() and port_start() all
 * end in the same loop: ctx = kernel_select_task(), then resume *ctx.
 * kernel_select_task() idles in port_idle() for as long as no task is
 * ready, so interrupts (and iact_tsk() of any dormant task) come in while
 * it runs: call it on a stack of the port's own, never on the stack of
 * the task being left.
 *
 * Interrupts.  The port numbers the interrupts it takes from 0 to
 * port_inhno_count() - 1, as a CPU numbers its vectors, and says which is
 * which (rtos/port/nk/nk_port.h); the application's configuration says
 * which handler serves which number (KCFG_INH, kernel_cfg.h).
 * kernel_start() gives the port every number's handler, or NULL, before
 * port_start() (interrupt.c), and the port keeps them in a table of its
 * own: it runs a number's handler in non-task context when that
 * interrupt comes, and counts and drops an interrupt that has none.
 */
#ifndef RTOS_PORT_H
#define RTOS_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include "itron.h"

typedef void *PORT_CTX;

/* ---- provided by the port ---- */

/* Enter the kernel's critical section: mask interrupts that call it. */
void port_lock(void);
/* Leave it, back to the interrupt mask port_lock() found. */
void port_unlock(void);
/* Non-zero in non-task context (interrupt and time event handlers). */
int port_in_interrupt(void);
/*
 * Make *ctx start the task afresh at kernel_task_entry(), with the lock
 * held, on the stack [stk, stk + stksz).  Called by ext_tsk() for the
 * running task itself, just before port_exit_dispatch(): write nothing
 * to the stack here, build the first frame when the task is resumed.
 */
void port_task_init(PORT_CTX *ctx, void *stk, size_t stksz);
/*
 * From task context, lock held: save the running task's context, run the
 * dispatcher loop; returns, lock held, when this task is chosen again.
 */
void port_dispatch(void);
/* As port_dispatch(), but the running task is dead: save nothing. */
_Noreturn void port_exit_dispatch(void);
/*
 * From kernel_select_task(), lock held, nothing ready: let interrupts in
 * and wait for one (the nanokernel guest yields the CPU to the host),
 * then return with the lock held again.
 */
void port_idle(void);
/*
 * From kernel_start(), lock held, objects initialised: run the
 * dispatcher loop.  Never returns in a real port; the host port returns
 * to the test driver when the system first idles.
 */
void port_start(void);
/* The interrupt numbers are 0 to port_inhno_count() - 1. */
UINT port_inhno_count(void);
/* Lock held, before port_start(): inhno's handler from now on, or NULL. */
void port_define_inh(INHNO inhno, FP inthdr);

/* ---- provided by the kernel, for the port ---- */

/* The dispatcher's choice, lock held: the slot of the task to resume. */
PORT_CTX *kernel_select_task(void);
/* Where port_task_init() makes a task start; never returns. */
_Noreturn void kernel_task_entry(void);
/* At the outermost interrupt exit, lock held: must the task switch? */
bool kernel_dispatch_pending(void);

#endif /* RTOS_PORT_H */
