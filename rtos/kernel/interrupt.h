// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/interrupt.h - interrupt handlers: which handler serves which
 * of the port's interrupt numbers.  Only init blocks: the port keeps the
 * handlers where its interrupt entry looks them up (port_define_inh()),
 * as a CPU's vector table would.
 */
#ifndef RTOS_INTERRUPT_H
#define RTOS_INTERRUPT_H

#include "kernel_impl.h"

typedef struct interrupt_handler_initialization_block {
	INHNO inhno;		/* below port_inhno_count(), once in a table */
	ATR inhatr;		/* TA_HLNG only */
	FP inthdr;		/* runs in non-task context */
} INHINIB;

void interrupt_initialize(void);

#endif /* RTOS_INTERRUPT_H */
