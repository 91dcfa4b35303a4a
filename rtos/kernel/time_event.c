// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/time_event.c - the tick, the timer queue and get_tim().
 *
 * The queue is a list sorted by firing tick, events of the same tick in
 * the order they were queued: few timers are pending in a small system,
 * and the tick only ever looks at the head.
 */
#include "kernel_cfg.h"
#include "time_event.h"

uint32_t current_tick;
static QUEUE tmevt_queue;

void tmevt_initialize(void)
{
	current_tick = 0;
	queue_init(&tmevt_queue);
}

void tmevt_block_init(TMEVTB *e, void (*callback)(void *), void *arg)
{
	queue_entry_init(&e->queue);
	e->evttim = 0;
	e->callback = callback;
	e->arg = arg;
}

void tmevt_enqueue(TMEVTB *e, uint32_t evttim)
{
	QUEUE *pos;

	e->evttim = evttim;
	for (pos = tmevt_queue.next; pos != &tmevt_queue; pos = pos->next)
		if (tick_before(evttim, container_of(pos, TMEVTB, queue)->evttim))
			break;
	queue_insert_before(pos, &e->queue);
}

/*
 * At least reltim ms from now: the current tick has partly gone by
 * already, so the event fires on the (reltim + 1)th tick from now.
 */
void tmevt_enqueue_rel(TMEVTB *e, RELTIM reltim)
{
	tmevt_enqueue(e, current_tick + reltim + 1);
}

void tmevt_dequeue(TMEVTB *e)
{
	if (tmevt_pending(e))
		queue_delete(&e->queue);
}

/* The ms sure to pass before e fires: what tmevt_enqueue_rel() was given. */
RELTIM tmevt_left(const TMEVTB *e)
{
	int32_t left = (int32_t)(e->evttim - current_tick) - 1;

	return left > 0 ? (RELTIM)left : 0;
}

/* Callbacks may queue events again, even for this very tick. */
static void tmevt_expire(void)
{
	while (!queue_empty(&tmevt_queue)) {
		TMEVTB *e = container_of(tmevt_queue.next, TMEVTB, queue);

		if (tick_before(current_tick, e->evttim))
			break;
		queue_delete(&e->queue);
		e->callback(e->arg);
	}
}

ER isig_tim(void)
{
	if (sense_task_context())
		return E_CTX;
	port_lock();
	current_tick++;
	tmevt_expire();
	port_unlock();
	return E_OK;
}

ER get_tim(SYSTIM *p_systim)
{
	if (!sense_task_context())
		return E_CTX;
	if (p_systim == NULL)
		return E_PAR;
	port_lock();
	*p_systim = current_tick;
	port_unlock();
	return E_OK;
}
