// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/mailbox.h - mailboxes: messages linked through their own
 * T_MSG header, so the kernel needs no storage for them.
 */
#ifndef RTOS_MAILBOX_H
#define RTOS_MAILBOX_H

#include "kernel_impl.h"

typedef struct mailbox_initialization_block {
	ATR mbxatr;		/* TA_TPRI (receivers), TA_MPRI (messages) */
	PRI maxmpri;		/* highest message priority, with TA_MPRI */
} MBXINIB;

typedef struct mailbox_control_block {
	QUEUE wait_queue;
	const MBXINIB *p_mbxinib;
	T_MSG *head;		/* next message to receive */
} MBXCB;

void mailbox_initialize(void);

#endif /* RTOS_MAILBOX_H */
