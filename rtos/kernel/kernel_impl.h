// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/kernel/kernel_impl.h - what every part of the portable kernel
 * shares: the public API, lists, the port contract and context checks.
 */
#ifndef RTOS_KERNEL_IMPL_H
#define RTOS_KERNEL_IMPL_H

#include <stdbool.h>
#include "kernel.h"
#include "queue.h"
#include "port.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct kernel_cfg;
/* The configuration kernel_start() was given; the objects live in it. */
extern const struct kernel_cfg *kcfg;

/* Service calls without the i prefix are for tasks only. */
static inline bool sense_task_context(void)
{
	return !port_in_interrupt();
}

/* TMO_FEVR, TMO_POL, or a relative time the timer queue can hold. */
static inline bool tmo_valid(TMO tmout)
{
	if (tmout < 0)
		return tmout == TMO_FEVR;
	return (RELTIM)tmout <= TMAX_RELTIM;
}

#endif /* RTOS_KERNEL_IMPL_H */
