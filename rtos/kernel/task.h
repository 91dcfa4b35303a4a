// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/task.h - tasks and the scheduler.
 *
 * Ready tasks, the running one included, sit in one FIFO queue per
 * priority; a bitmap of the non-empty queues finds the highest at once.
 * p_schedtsk is always the head of the highest queue: the task that
 * should run.  p_runtsk is the one that does, until the next dispatch.
 */
#ifndef RTOS_TASK_H
#define RTOS_TASK_H

#include "kernel_impl.h"
#include "time_event.h"

/* Task initialisation block: read-only, from the configuration. */
typedef struct task_initialization_block {
	ATR tskatr;		/* TA_ACT or 0 */
	VP_INT exinf;		/* passed to the task */
	TASK task;		/* entry */
	PRI itskpri;		/* initial priority */
	SIZE stksz;
	void *stk;
} TINIB;

enum task_state {
	TS_DORMANT,
	TS_RUNNABLE,		/* ready or running */
	TS_WAITING,
};

struct wait_info;

/* Task control block: RAM, reset from the TINIB at kernel_start(). */
typedef struct task_control_block {
	QUEUE queue;		/* in a ready queue or a wait queue */
	const TINIB *p_tinib;
	uint8_t tstat;		/* enum task_state */
	uint8_t priority;	/* current priority */
	uint8_t actcnt;		/* queued activations */
	uint8_t wupcnt;		/* queued wakeups */
	struct wait_info *p_winfo;	/* while TS_WAITING, on its stack */
	TMEVTB tmevtb;		/* timeout or delay */
	PORT_CTX ctx;		/* owned by the port */
} TCB;

extern TCB *p_runtsk;
extern TCB *p_schedtsk;

void task_initialize(void);
TCB *get_tcb(ID tskid);
TCB *get_tcb_self(ID tskid);
ID tcb_id(const TCB *t);
void make_runnable(TCB *t);
void make_non_runnable(TCB *t);
void make_active(TCB *t);
void task_terminate(TCB *t);
void change_priority(TCB *t, PRI pri);
void rotate_ready_queue(PRI pri);
void task_unlock_dispatch(void);

#endif /* RTOS_TASK_H */
