// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/monitor.c - what keeps running after the checks, for the
 * host's measurements (make bench, B2): the 1 ms cyclic handler counts its
 * calls and, while a measurement runs, it and a 10 ms one (Unitron's
 * period) record how late each activation came, in 1 us bins (TSC, from
 * the time its tick was
 * due); the COM2 interrupt handler counts interrupts; the monitor task
 * (the highest priority) carries out the host's commands and reports.
 *
 * The handlers run in non-task context and may interrupt any task; a
 * task never interrupts a handler.  So a counter written only by a
 * handler needs no lock, and a measurement is switched on last and off
 * first by the monitor task (meas.on): a handler sees it either whole or
 * not at all.
 *
 * Commands 9 to 12 make the monitor task fault on purpose, so the tests
 * can see the nanokernel stop the guest and the host carry on; commands
 * 21 to 27 make it write where no pointer of a guest may reach, so they
 * can see the write fault instead of landing.
 */
#include <nk/guest.h>
#include <nk/layout.h>
#include <nk/svc.h>
#include "app.h"

/* Where a wild pointer of a task writes (CMD_WILD_FIRST + index). */
static const uint32_t wild_addr[CMD_WILD_LAST - CMD_WILD_FIRST + 1] = {
	NK_VIRT_BASE + 0x100,				/* the nanokernel's code */
	NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE - 64,	/* its stack */
	NK_VIRT_BASE + NK_OFF_OS_STATUS,		/* the guests' status */
	NK_SHARED_VIRT_BASE + NK_SVC_DIR_OFF,		/* the services' tables */
	0xc1000000u,		/* where the host's kernel lies in its own map */
	0xfee000b0u,		/* the local APIC's EOI register */
	NK_VIRT_BASE + NK_OFF_GDT + NK_DS + 4,	/* the GDT's data descriptor:
						 * writable, but checked */
};

#define HIST_BINS	2000	/* 1 us each; later ones count in over */
#define HIST_CHUNK	100	/* lines per CMD_HIST_NEXT: the ring is 16 KB */

struct measure {
	const char *name;	/* "cyclic" (1 ms), "cyclic10" (10 ms) */
	uint32_t period_ms;
	volatile BOOL on;
	uint64_t start_tsc;
	uint32_t events0;	/* nk_timer_events() at the start */
	uint32_t acts;
	uint64_t late_max, late_sum;	/* TSC counts */
	uint32_t hist[HIST_BINS];	/* activations by lateness, 1 us bins */
	uint32_t over;			/* later than HIST_BINS us */
};

static uint32_t calls;		/* every 1 ms cyclic call since the start */
static uint32_t com2_irqs;
static struct measure meas1 = { .name = "cyclic", .period_ms = 1 };
static struct measure meas10 = { .name = "cyclic10", .period_ms = 10 };
static unsigned int hist_cursor;	/* next bin to print: meas1's, then meas10's */
static unsigned int hist_chunks;	/* chunks printed since the start */
volatile BOOL alm_in_handler;
volatile uint64_t alm_tsc;

uint32_t cyc_calls(void)
{
	return calls;
}

/* In the handler: how late this activation came, if measuring. */
static void measure_add(struct measure *m)
{
	uint64_t late;
	uint32_t us;

	if (!m->on)
		return;
	late = nk_tsc() - nk_tick_due_tsc();
	us = nk_tsc_to_ns(late) / 1000u;
	m->acts++;
	m->late_sum += late;
	if (late > m->late_max)
		m->late_max = late;
	if (us < HIST_BINS)
		m->hist[us]++;
	else
		m->over++;
}

void cyc_tick(VP_INT exinf)
{
	(void)exinf;
	calls++;
	measure_add(&meas1);
}

void cyc_tick10(VP_INT exinf)
{
	(void)exinf;
	measure_add(&meas10);
}

/* Wakes the checks' main task, which slept for it. */
void alm_wake(VP_INT exinf)
{
	(void)exinf;
	alm_in_handler = sns_ctx();
	alm_tsc = nk_tsc();
	iwup_tsk(TSK_MAIN);
}

void com2_isr(void)
{
	com2_irqs++;
}

/* Handed to the monitor task: a handler does no more than it must. */
void command_isr(void)
{
	unsigned int cmd = nk_host_command();

	if (ipsnd_dtq(DTQ_CMD, (VP_INT)cmd) != E_OK)
		syslog("rtos-test: command %u lost: queue full\n", cmd);
}

static void measure_reset(struct measure *m)
{
	unsigned int bin;

	m->acts = 0;
	m->late_max = m->late_sum = 0;
	for (bin = 0; bin < HIST_BINS; bin++)
		m->hist[bin] = 0;
	m->over = 0;
	m->events0 = nk_timer_events();
	m->start_tsc = nk_tsc();
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	m->on = TRUE;
}

static void measure_start(void)
{
	measure_reset(&meas1);
	measure_reset(&meas10);
	sta_cyc(CYC_TICK10);
	hist_cursor = 0;
	syslog("rtos-test: measuring the 1 ms and 10 ms cyclic handlers\n");
}

/*
 * Periods by the TSC, activations by the handler: they must agree.  The
 * timer events the port took are counted apart: the tick catches up from
 * the TSC, so a late or merged event still gives every activation, and
 * only the events show it (one a tick, while nothing comes late).
 */
static void measure_report(struct measure *m)
{
	uint64_t period = (uint64_t)nk_tsc_khz() * NK_TICK_NS / 1000000u *
			  m->period_ms;
	uint32_t periods = (uint32_t)((nk_tsc() - m->start_tsc) / period);
	uint32_t acts = m->acts;

	syslog("rtos-test: %s %u periods, %u activations, late max %u ns, mean %u ns, "
	       "%u timer events\n", m->name, periods, acts, nk_tsc_to_ns(m->late_max),
	       acts ? nk_tsc_to_ns(m->late_sum / acts) : 0,
	       nk_timer_events() - m->events0);
}

static void measure_stop(void)
{
	meas1.on = FALSE;
	meas10.on = FALSE;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	stp_cyc(CYC_TICK10);
	measure_report(&meas1);
	measure_report(&meas10);
}

/*
 * The histograms, HIST_CHUNK non-empty bins at a time after a line
 * "rtos-test: hist chunk N", as "rtos-test: hist PERIOD_MS US COUNT",
 * then "hist more" or "hist end"
 * (and "hist PERIOD_MS over COUNT" for the ones beyond the last bin).
 */
static void hist_next(void)
{
	unsigned int lines = 0, bin;
	struct measure *m;

	syslog("rtos-test: hist chunk %u\n", hist_chunks++);
	while (hist_cursor < 2 * HIST_BINS && lines < HIST_CHUNK) {
		m = hist_cursor < HIST_BINS ? &meas1 : &meas10;
		bin = hist_cursor++ % HIST_BINS;
		if (m->hist[bin]) {
			syslog("rtos-test: hist %u %u %u\n", m->period_ms, bin,
			       m->hist[bin]);
			lines++;
		}
	}
	if (hist_cursor < 2 * HIST_BINS) {
		syslog("rtos-test: hist more\n");
		return;
	}
	syslog("rtos-test: hist 1 over %u\n", meas1.over);
	syslog("rtos-test: hist 10 over %u\n", meas10.over);
	syslog("rtos-test: hist end\n");
}

/* Faults on purpose, in task context. */
static void mon_fault(unsigned int cmd)
{
	volatile uint32_t zero = 0;

	syslog("rtos-test: fault %u on purpose\n", cmd);
	switch (cmd) {
	case CMD_FAULT_DIVIDE:
		__asm__ volatile("divl %0" : : "r"(zero), "a"(1), "d"(0));
		break;
	case CMD_FAULT_PAGE:
		(void)*(volatile uint32_t *)0x30000000;
		break;
	case CMD_FAULT_OPCODE:
		__asm__ volatile("ud2");
		break;
	case CMD_FAULT_STACK:
		/* The stack runs off the partition's bottom: the first push
		 * faults, and so does the CPU's push of that fault's frame. */
		__asm__ volatile("movl %0, %%esp; pushl $0"
				 : : "i"(0x40000000) : "memory");
		break;
	}
}

static void mon_wild(unsigned int cmd)
{
	uint32_t addr = wild_addr[cmd - CMD_WILD_FIRST];

	syslog("rtos-test: wild write %u at 0x%x on purpose\n", cmd, addr);
	*(volatile uint32_t *)addr = 0xdeadbeef;
	syslog("rtos-test: wild write %u at 0x%x landed\n", cmd, addr);
}

static void mon_command(unsigned int cmd)
{
	switch (cmd) {
	case CMD_WILD_FIRST ... CMD_WILD_LAST:
		mon_wild(cmd);
		break;
	case CMD_FAULT_DIVIDE:
	case CMD_FAULT_PAGE:
	case CMD_FAULT_OPCODE:
	case CMD_FAULT_STACK:
		mon_fault(cmd);
		break;
	case CMD_MEASURE_START:
		measure_start();
		break;
	case CMD_MEASURE_STOP:
		measure_stop();
		break;
	case CMD_REPORT_IRQ:
		syslog("rtos-test: com2 interrupts %u\n", com2_irqs);
		break;
	case CMD_REPORT_TESTS:
		check_summary();
		break;
	case CMD_HIST_NEXT:
		hist_next();
		break;
	case CMD_SVC_ECHO ... CMD_SVC_ECHO_RAW:
	case CMD_SVC_WAIT_GONE:
	case CMD_SVC_RO_WRITE:
		svc_command(cmd);
		break;
	default:
		syslog("rtos-test: command %u\n", cmd);
	}
}

void mon_task(VP_INT exinf)
{
	VP_INT cmd;

	(void)exinf;
	for (;;)
		if (rcv_dtq(DTQ_CMD, &cmd) == E_OK)
			mon_command((unsigned int)cmd);
}
