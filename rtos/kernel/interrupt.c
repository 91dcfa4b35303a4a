// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/interrupt.c - interrupt_initialize(): give the port the
 * configured handler of each of its interrupt numbers and none to the
 * rest, as TOPPERS/JSP walks its handler table into the vector table.
 * The port calls them (port.h); the kernel only knows the table.
 */
#include "kernel_cfg.h"

void interrupt_initialize(void)
{
	const INHINIB *hi;
	INHNO inhno;
	UINT i;

	for (inhno = 0; inhno < port_inhno_count(); inhno++)
		port_define_inh(inhno, NULL);	/* none from an earlier start */
	for (i = 0; i < kcfg->inhnum; i++) {
		hi = &kcfg->inhinib[i];
		port_define_inh(hi->inhno, hi->inthdr);
	}
}
