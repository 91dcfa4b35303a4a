// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/time_event.h - the timer queue: time event blocks sorted by
 * the absolute tick at which they fire.
 *
 * The tick counter wraps after 49 days; comparisons are made on the
 * signed difference, which is right as long as every pending event is
 * less than 2^31 ticks away (TMAX_RELTIM sees to it).
 */
#ifndef RTOS_TIME_EVENT_H
#define RTOS_TIME_EVENT_H

#include "kernel_impl.h"

typedef struct time_event_block {
	QUEUE queue;			/* in the timer queue while pending */
	uint32_t evttim;		/* the tick it fires at */
	void (*callback)(void *arg);	/* called with the lock held */
	void *arg;
} TMEVTB;

/* Ticks since kernel_start(): 1 ms each. */
extern uint32_t current_tick;

static inline bool tick_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

void tmevt_initialize(void);
void tmevt_block_init(TMEVTB *e, void (*callback)(void *), void *arg);
void tmevt_enqueue(TMEVTB *e, uint32_t evttim);
void tmevt_enqueue_rel(TMEVTB *e, RELTIM reltim);
void tmevt_dequeue(TMEVTB *e);
RELTIM tmevt_left(const TMEVTB *e);

static inline bool tmevt_pending(const TMEVTB *e)
{
	return queue_linked(&e->queue);
}

#endif /* RTOS_TIME_EVENT_H */
