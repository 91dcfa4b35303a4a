// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/events.c - the nanokernel's events (include/nk/guest.h),
 * taken in non-task context by nkp_events() (from upcall.S, or after the
 * idle yield): the ticks the TSC says are due, then the timer for the
 * next; each device IRQ bit n of struct nk_vcpu.irqs, to the handler of
 * interrupt number n; the host's command, to the handler of
 * NK_INHNO_COMMAND; the host's death, to that of NK_INHNO_HOST_DOWN; the
 * services' doorbell, to nkp_svc_doorbell().
 *
 * The handlers are the application's configuration (KCFG_INHS), which
 * kernel_start() hands over through port_define_inh(), as a CPU's vector
 * table is filled: the port names no handler and no board's IRQ.  An
 * interrupt that has no handler is counted (nk_inh_dropped()), said on
 * the console the first time for its number, and dropped.
 */
#include "kernel_impl.h"
#include "nk_port_impl.h"
#include "nk_hw.h"

static FP nkp_inh[NK_INHNO_COUNT];	/* the handlers, by interrupt number */
static uint32_t nkp_command;		/* the host's, while its handler runs */
static uint32_t nkp_dropped;		/* interrupts without a handler */
static uint64_t nkp_dropped_said;	/* bit n: number n was said dropped */
static uint32_t nkp_timer_events;	/* timer events taken (not ticks) */

_Static_assert(NK_INHNO_COMMAND >= 8 * sizeof(((struct nk_vcpu *)0)->irqs),
	       "a device interrupt number for every bit of nk_vcpu.irqs");
_Static_assert(NK_INHNO_COUNT <= 64, "nkp_dropped_said: a bit per number");

UINT port_inhno_count(void)
{
	return NK_INHNO_COUNT;
}

void port_define_inh(INHNO inhno, FP inthdr)
{
	nkp_inh[inhno] = inthdr;
}

UINT nk_host_command(void)
{
	return nkp_command;
}

UINT nk_inh_dropped(void)
{
	return nkp_dropped;
}

UINT nk_timer_events(void)
{
	return nkp_timer_events;
}

int32_t nk_ras_last(void *buf, uint32_t len)
{
	return nkp_gcall(NK_GCALL_RAS, (uint32_t)buf, len);
}

int32_t nk_host_restart(void)
{
	return nkp_gcall(NK_GCALL_HOST_RESTART, 0, 0);
}

/* Interrupt number inhno came: its handler runs, or it is dropped. */
static void nkp_interrupt(INHNO inhno)
{
	if (nkp_inh[inhno] != NULL) {
		nkp_inh[inhno]();
		return;
	}
	nkp_dropped++;
	if (nkp_dropped_said & (1ull << inhno))
		return;
	nkp_dropped_said |= 1ull << inhno;
	syslog("rtos: interrupt %u has no handler: dropped\n", inhno);
}

/* A word of struct nk_vcpu the nanokernel ors bits into, taken whole. */
static uint32_t nkp_take(uint32_t *word)
{
	return __atomic_exchange_n(word, 0, __ATOMIC_SEQ_CST);
}

/* Until no event is left; vif is 0.  IRQ bit n is number n. */
void nkp_events(void)
{
	uint32_t ev, irqs;

	nkp_nest++;
	while ((ev = nkp_take(&nkp_vcpu->pending))) {
		if (ev & NK_GEVENT_TIMER) {
			nkp_timer_events++;
			nkp_tick_catch_up();
			nkp_tick_arm();
		}
		for (irqs = nkp_take(&nkp_vcpu->irqs); irqs; irqs &= irqs - 1)
			nkp_interrupt((INHNO)__builtin_ctz(irqs));
		if (ev & NK_GEVENT_COMMAND) {
			nkp_command = nkp_vcpu->command;
			nkp_interrupt(NK_INHNO_COMMAND);
		}
		if (ev & NK_GEVENT_HOST_DOWN)
			nkp_interrupt(NK_INHNO_HOST_DOWN);
		if (ev & NK_GEVENT_DOORBELL)
			nkp_svc_doorbell(nkp_take(&nkp_vcpu->mq_bells),
					 nkp_take(&nkp_vcpu->ev_bells));
	}
	nkp_nest--;
}
