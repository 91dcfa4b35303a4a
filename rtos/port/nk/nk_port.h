// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/nk_port.h - the nanokernel port (rtos/port/nk/) as an
 * application sees it: what the port offers (console, time) and what the
 * application must provide (its configuration and its handlers).
 *
 * Events interrupt tasks as hardware interrupts would (the nanokernel's
 * virtual interrupts, port_nk.c): the elapsed 1 ms ticks (isig_tim() once
 * each), the COM2 interrupt (app_com2_isr()) and a command from the host
 * (app_command(), for nkctl os run NAME COMMAND) run in non-task context
 * as soon as they come, and the port yields the CPU when no task is
 * ready (port_idle()).
 */
#ifndef RTOS_NK_PORT_H
#define RTOS_NK_PORT_H

#include <stdint.h>
#include "kernel_cfg.h"

#define NK_TICK_NS	1000000u	/* one kernel tick: 1 ms */

/* ---- provided by the application ---- */

/* The static configuration kernel_start() is given. */
extern const struct kernel_cfg app_kernel_cfg;
/* COM2 (IRQ 3) interrupted; non-task context. */
void app_com2_isr(void);
/* The host's command (1..255) from nkctl os run; non-task context. */
void app_command(unsigned int cmd);

/* ---- provided by the port ---- */

/* printf-like, to the console ring and COM2: %d %u %x %s %c %%, with l
 * and ll size prefixes.  A line at a time; from any context. */
void syslog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* This boot of the partition (1 for the first start). */
uint32_t nk_boot_count(void);
/* The TSC now, and its rate. */
uint64_t nk_tsc(void);
uint32_t nk_tsc_khz(void);
/* TSC ticks to nanoseconds (up to about 4 s). */
uint32_t nk_tsc_to_ns(uint64_t tsc);
/* In a time event handler: the TSC at which the current tick was due. */
uint64_t nk_tick_due_tsc(void);

#endif /* RTOS_NK_PORT_H */
