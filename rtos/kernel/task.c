// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/task.c - the scheduler: ready queues, task state changes,
 * and the kernel's half of dispatching (kernel_select_task() and
 * kernel_task_entry(), called by the port).
 */
#include "kernel_cfg.h"
#include "wait.h"

TCB *p_runtsk;
TCB *p_schedtsk;

static QUEUE ready_queue[TMAX_TPRI];
static uint32_t ready_map;	/* bit p - 1: ready_queue[p - 1] not empty */

static void update_schedtsk(void)
{
	QUEUE *q;

	if (ready_map == 0) {
		p_schedtsk = NULL;
		return;
	}
	q = &ready_queue[__builtin_ctz(ready_map)];
	p_schedtsk = container_of(q->next, TCB, queue);
}

void task_initialize(void)
{
	UINT i;

	p_runtsk = NULL;
	p_schedtsk = NULL;
	ready_map = 0;
	for (i = 0; i < TMAX_TPRI; i++)
		queue_init(&ready_queue[i]);
	for (i = 0; i < kcfg->tsknum; i++) {
		TCB *t = &kcfg->tskcb[i];

		t->p_tinib = &kcfg->tskinib[i];
		t->tstat = TS_DORMANT;
		t->actcnt = 0;
		t->p_winfo = NULL;
		queue_entry_init(&t->queue);
		tmevt_block_init(&t->tmevtb, wait_timeout, t);
		if (t->p_tinib->tskatr & TA_ACT)
			make_active(t);
	}
}

TCB *get_tcb(ID tskid)
{
	if (tskid < 1 || (UINT)tskid > kcfg->tsknum)
		return NULL;
	return &kcfg->tskcb[tskid - 1];
}

/* TSK_SELF names the caller, which only a task can be. */
TCB *get_tcb_self(ID tskid)
{
	if (tskid == TSK_SELF)
		return sense_task_context() ? p_runtsk : NULL;
	return get_tcb(tskid);
}

ID tcb_id(const TCB *t)
{
	return (ID)(t - kcfg->tskcb) + 1;
}

/* At the tail of its priority: FIFO among equals. */
void make_runnable(TCB *t)
{
	t->tstat = TS_RUNNABLE;
	queue_insert_before(&ready_queue[t->priority - 1], &t->queue);
	ready_map |= 1u << (t->priority - 1);
	update_schedtsk();
}

void make_non_runnable(TCB *t)
{
	QUEUE *q = &ready_queue[t->priority - 1];

	queue_delete(&t->queue);
	if (queue_empty(q))
		ready_map &= ~(1u << (t->priority - 1));
	update_schedtsk();
}

/* Dormant to ready, as new: initial priority, no wakeups, fresh stack. */
void make_active(TCB *t)
{
	const TINIB *ti = t->p_tinib;

	t->priority = (uint8_t)ti->itskpri;
	t->wupcnt = 0;
	t->p_winfo = NULL;
	port_task_init(&t->ctx, ti->stk, ti->stksz);
	make_runnable(t);
}

/* End t's run, wherever it is; a queued activation restarts it at once. */
void task_terminate(TCB *t)
{
	if (t->tstat == TS_RUNNABLE)
		make_non_runnable(t);
	else if (t->tstat == TS_WAITING)
		wait_cancel(t);
	t->tstat = TS_DORMANT;
	if (t->actcnt > 0) {
		t->actcnt--;
		make_active(t);
	}
}

/* A ready task goes to the tail of its new priority (µITRON 4.0). */
void change_priority(TCB *t, PRI pri)
{
	if (t->tstat == TS_RUNNABLE) {
		make_non_runnable(t);
		t->priority = (uint8_t)pri;
		make_runnable(t);
		return;
	}
	t->priority = (uint8_t)pri;
	if (t->tstat == TS_WAITING)
		wait_reorder(t);
}

void rotate_ready_queue(PRI pri)
{
	QUEUE *q = &ready_queue[pri - 1];
	QUEUE *first = q->next;

	if (queue_empty(q) || first->next == q)
		return;
	queue_delete(first);
	queue_insert_before(q, first);
	update_schedtsk();
}

/* The end of a task-context service call: switch if it readied a better task. */
void task_unlock_dispatch(void)
{
	if (p_runtsk != p_schedtsk)
		port_dispatch();
	port_unlock();
}

PORT_CTX *kernel_select_task(void)
{
	while (p_schedtsk == NULL) {
		p_runtsk = NULL;	/* iget_tid() in the idle time: TSK_NONE */
		port_idle();
	}
	p_runtsk = p_schedtsk;
	return &p_runtsk->ctx;
}

/* Not in the idle loop: that one looks at p_schedtsk by itself. */
bool kernel_dispatch_pending(void)
{
	return p_runtsk != NULL && p_runtsk != p_schedtsk;
}

_Noreturn void kernel_task_entry(void)
{
	const TINIB *ti = p_runtsk->p_tinib;

	port_unlock();
	ti->task(ti->exinf);
	ext_tsk();
	for (;;)
		;	/* ext_tsk() from a task does not return */
}
