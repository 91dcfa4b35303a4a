// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/dataqueue.h - data queues: a ring of VP_INT with waiting
 * senders and receivers.  A capacity of 0 makes every transfer a direct
 * hand-over between a sender and a receiver.
 */
#ifndef RTOS_DATAQUEUE_H
#define RTOS_DATAQUEUE_H

#include "kernel_impl.h"

typedef struct dataqueue_initialization_block {
	ATR dtqatr;		/* TA_TPRI orders the senders' queue */
	UINT dtqcnt;		/* capacity, may be 0 */
	VP_INT *p_dtq;		/* dtqcnt entries */
} DTQINIB;

typedef struct dataqueue_control_block {
	QUEUE swait_queue;	/* tasks waiting to send */
	QUEUE rwait_queue;	/* tasks waiting to receive, FIFO */
	const DTQINIB *p_dtqinib;
	UINT count;		/* data in the ring */
	UINT head;		/* index of the oldest */
} DTQCB;

void dataqueue_initialize(void);

#endif /* RTOS_DATAQUEUE_H */
