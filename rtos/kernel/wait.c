// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/wait.c - the running task waits on an object, with or
 * without a timeout, until a release, rel_wai() or the timeout ends it.
 */
#include "wait.h"

/* Behind the tasks of the same priority: FIFO among equals. */
static void queue_insert_tpri(QUEUE *q, TCB *t)
{
	QUEUE *pos;

	for (pos = q->next; pos != q; pos = pos->next)
		if (container_of(pos, TCB, queue)->priority > t->priority)
			break;
	queue_insert_before(pos, &t->queue);
}

static void wait_enqueue(TCB *t)
{
	WINFO *w = t->p_winfo;

	if (w->wait_queue == NULL)
		return;
	if (w->tpri)
		queue_insert_tpri(w->wait_queue, t);
	else
		queue_insert_before(w->wait_queue, &t->queue);
}

/*
 * Make the running task wait on wait_queue (NULL: on nothing, for
 * slp_tsk and dly_tsk), then switch away.  Returns the result of the wait
 * once the task runs again, lock still held.  The caller has handled
 * TMO_POL and filled in w->tskwait and w->wobjid.
 */
ER wait_block(WINFO *w, QUEUE *wait_queue, bool tpri, TMO tmout)
{
	TCB *t = p_runtsk;

	make_non_runnable(t);
	t->tstat = TS_WAITING;
	t->p_winfo = w;
	w->wercd = E_OK;
	w->wait_queue = wait_queue;
	w->tpri = tpri;
	wait_enqueue(t);
	if (tmout != TMO_FEVR)
		tmevt_enqueue_rel(&t->tmevtb, (RELTIM)tmout);
	port_dispatch();
	return w->wercd;
}

/* Off the wait queue and the timer queue; the task stays not runnable. */
void wait_cancel(TCB *t)
{
	tmevt_dequeue(&t->tmevtb);
	if (t->p_winfo->wait_queue != NULL)
		queue_delete(&t->queue);
}

void wait_release(TCB *t, ER ercd)
{
	wait_cancel(t);
	t->p_winfo->wercd = ercd;
	make_runnable(t);
}

/* The timer event of a waiting task: a delay ending is dly_tsk's success. */
void wait_timeout(void *arg)
{
	TCB *t = arg;
	WINFO *w = t->p_winfo;

	if (w->wait_queue != NULL)
		queue_delete(&t->queue);
	w->wercd = w->tskwait == TTW_DLY ? E_OK : E_TMOUT;
	make_runnable(t);
}

/* After a priority change: a priority-ordered wait queue follows it. */
void wait_reorder(TCB *t)
{
	WINFO *w = t->p_winfo;

	if (w->wait_queue == NULL || !w->tpri)
		return;
	queue_delete(&t->queue);
	queue_insert_tpri(w->wait_queue, t);
}

TCB *wait_queue_head(const QUEUE *wait_queue)
{
	if (queue_empty(wait_queue))
		return NULL;
	return container_of(wait_queue->next, TCB, queue);
}

ID wait_queue_head_id(const QUEUE *wait_queue)
{
	TCB *t = wait_queue_head(wait_queue);

	return t ? tcb_id(t) : TSK_NONE;
}
