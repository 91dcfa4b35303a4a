// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/semaphore.h - counting semaphores. */
#ifndef RTOS_SEMAPHORE_H
#define RTOS_SEMAPHORE_H

#include "kernel_impl.h"

typedef struct semaphore_initialization_block {
	ATR sematr;		/* TA_TFIFO or TA_TPRI */
	UINT isemcnt;		/* initial count */
	UINT maxsem;		/* maximum count: sig_sem beyond is E_QOVR */
} SEMINIB;

typedef struct semaphore_control_block {
	QUEUE wait_queue;
	const SEMINIB *p_seminib;
	UINT semcnt;
} SEMCB;

void semaphore_initialize(void);

#endif /* RTOS_SEMAPHORE_H */
