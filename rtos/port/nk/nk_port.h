// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/nk_port.h - the nanokernel port (rtos/port/nk/) as an
 * application sees it: what the port offers (console, time, its
 * interrupt numbers).  The application provides its system_cfg
 * (kernel_cfg.h), which the port starts the kernel with.
 *
 * Events interrupt tasks as hardware interrupts would (the nanokernel's
 * virtual interrupts, events.c): the elapsed 1 ms ticks (isig_tim() once
 * each), the interrupts of the partition's devices and a command from the
 * host (nkctl os run NAME COMMAND) run in non-task context as soon as they
 * come, the latter two in the handlers the configuration gives their
 * interrupt numbers (KCFG_INHS, kernel_cfg.h); the port yields the CPU
 * when no task is ready (port_idle()).
 */
#ifndef RTOS_NK_PORT_H
#define RTOS_NK_PORT_H

#include <stdint.h>
#include "kernel_cfg.h"

#define NK_TICK_NS	1000000u	/* one kernel tick: 1 ms */

/*
 * Interrupt numbers (INHNO) for KCFG_INH: a device of the partition's on
 * ISA IRQ irq (bit irq of struct nk_vcpu.irqs; the configuration of the
 * nanokernel says which IRQs are the partition's), and the host's command.
 */
#define NK_INHNO_IRQ(irq) \
	((INHNO)(irq) + KCFG_ASSERT((unsigned int)(irq) < 32, "IRQs are 0..31"))
#define NK_INHNO_COMMAND	32
#define NK_INHNO_HOST_DOWN	33	/* the host died (NK_GEVENT_HOST_DOWN) */
#define NK_INHNO_COUNT		34

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
/* In the handler of NK_INHNO_COMMAND: the host's command, 1..255. */
UINT nk_host_command(void);
/* Interrupts that came without a handler, dropped since the boot (the
 * console says so once for each number). */
UINT nk_inh_dropped(void);
/* Timer events taken from the nanokernel so far.  One event may stand for
 * several ticks (the tick catches up from the TSC), so against the ticks
 * it shows a timer event that came late or was merged. */
UINT nk_timer_events(void);

/* The host's newest crash record, its first len bytes (at most
 * NK_RAS_FIXED: include/nk/ras.h) into buf: its seq, or -NK_ENOENT (none),
 * -NK_EBADMSG (corrupt), -NK_EINVAL (buf not in the partition). */
int32_t nk_ras_last(void *buf, uint32_t len);
/* The host is down: boot it again from what it armed.  Every guest is
 * held meanwhile; returns 0 once the new host's loader has attached, or
 * at once -NK_ENOENT (nothing armed), -NK_EBADMSG (what was armed is
 * corrupt), -NK_EINVAL (the host is not down). */
int32_t nk_host_restart(void);

#endif /* RTOS_NK_PORT_H */
