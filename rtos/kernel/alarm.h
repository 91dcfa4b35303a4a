// SPDX-License-Identifier: GPL-2.0 OR MIT
/* rtos/kernel/alarm.h - alarm handlers: one call, at a time set by sta_alm. */
#ifndef RTOS_ALARM_H
#define RTOS_ALARM_H

#include "time_event.h"

typedef struct alarm_handler_initialization_block {
	ATR almatr;		/* TA_HLNG only */
	VP_INT exinf;
	ALMHDR almhdr;
} ALMINIB;

typedef struct alarm_handler_control_block {
	const ALMINIB *p_alminib;
	TMEVTB tmevtb;		/* pending while started */
} ALMCB;

void alarm_initialize(void);

#endif /* RTOS_ALARM_H */
