// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/wait.h - putting the running task to wait and releasing it.
 *
 * A waiting task describes its wait in a WINFO on its own stack: it stays
 * valid because the task is stopped inside the service call that made
 * it.  Objects that pass data on release embed the WINFO first in a
 * bigger structure (WINFO_FLG, WINFO_DTQ, ...).
 */
#ifndef RTOS_WAIT_H
#define RTOS_WAIT_H

#include "task.h"

typedef struct wait_info {
	ER wercd;		/* the result of the wait */
	STAT tskwait;		/* TTW_* */
	ID wobjid;		/* for ref_tsk */
	QUEUE *wait_queue;	/* the object's queue the task is on, or NULL */
	bool tpri;		/* that queue is in priority order */
} WINFO;

ER wait_block(WINFO *w, QUEUE *wait_queue, bool tpri, TMO tmout);
void wait_release(TCB *t, ER ercd);
void wait_cancel(TCB *t);
void wait_timeout(void *arg);
void wait_reorder(TCB *t);
TCB *wait_queue_head(const QUEUE *wait_queue);
ID wait_queue_head_id(const QUEUE *wait_queue);

#endif /* RTOS_WAIT_H */
