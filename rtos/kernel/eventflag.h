// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/eventflag.h - event flags. */
#ifndef RTOS_EVENTFLAG_H
#define RTOS_EVENTFLAG_H

#include "kernel_impl.h"

typedef struct eventflag_initialization_block {
	ATR flgatr;		/* TA_TPRI, TA_WMUL, TA_CLR */
	FLGPTN iflgptn;		/* initial pattern */
} FLGINIB;

typedef struct eventflag_control_block {
	QUEUE wait_queue;
	const FLGINIB *p_flginib;
	FLGPTN flgptn;
} FLGCB;

void eventflag_initialize(void);

#endif /* RTOS_EVENTFLAG_H */
