// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/startup.c - kernel_start(): check the configuration, reset
 * every object from its init block, give the port the interrupt
 * handlers, hand over to the port's dispatcher.
 */
#include "kernel_cfg.h"

const struct kernel_cfg *kcfg;

ER kernel_start(const struct kernel_cfg *cfg)
{
	struct kernel_cfg_error err;
	ER ercd;

	ercd = kernel_cfg_check(cfg, &err);
	if (ercd != E_OK)
		return ercd;
	port_lock();
	kcfg = cfg;
	tmevt_initialize();
	task_initialize();
	semaphore_initialize();
	eventflag_initialize();
	dataqueue_initialize();
	mailbox_initialize();
	mempfix_initialize();
	cyclic_initialize();
	alarm_initialize();
	interrupt_initialize();
	port_start();
	return E_OK;
}
