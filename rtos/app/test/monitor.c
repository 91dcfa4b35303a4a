// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/app/test/monitor.c - what keeps running after the checks, for the
 * host's measurements: the 1 ms cyclic handler counts its calls and, while
 * a measurement runs, how late each came (TSC, from the time its tick was
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
 * can see the nanokernel stop the guest and the host carry on.
 */
#include "app.h"

struct measure {
	volatile BOOL on;
	uint64_t start_tsc;
	uint32_t start_calls;
	uint64_t late_max, late_sum;	/* TSC counts */
};

static uint32_t calls;		/* every cyclic call since the start */
static uint32_t com2_irqs;
static struct measure meas;
volatile BOOL alm_in_handler;
volatile uint64_t alm_tsc;

uint32_t cyc_calls(void)
{
	return calls;
}

void cyc_tick(VP_INT exinf)
{
	uint64_t late = nk_tsc() - nk_tick_due_tsc();

	(void)exinf;
	calls++;
	if (!meas.on)
		return;
	meas.late_sum += late;
	if (late > meas.late_max)
		meas.late_max = late;
}

/* Wakes the checks' main task, which slept for it. */
void alm_wake(VP_INT exinf)
{
	(void)exinf;
	alm_in_handler = sns_ctx();
	alm_tsc = nk_tsc();
	iwup_tsk(TSK_MAIN);
}

void app_com2_isr(void)
{
	com2_irqs++;
}

/* Handed to the monitor task: a handler does no more than it must. */
void app_command(unsigned int cmd)
{
	if (ipsnd_dtq(DTQ_CMD, (VP_INT)cmd) != E_OK)
		syslog("rtos-test: command %u lost: queue full\n", cmd);
}

static void measure_start(void)
{
	meas.late_max = meas.late_sum = 0;
	meas.start_calls = calls;
	meas.start_tsc = nk_tsc();
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	meas.on = TRUE;
	syslog("rtos-test: measuring the 1 ms cyclic handler\n");
}

/* Periods by the TSC, activations by the handler: they must agree. */
static void measure_stop(void)
{
	uint64_t period = (uint64_t)nk_tsc_khz() * NK_TICK_NS / 1000000u;
	uint32_t periods = (uint32_t)((nk_tsc() - meas.start_tsc) / period);
	uint32_t acts;

	meas.on = FALSE;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	acts = calls - meas.start_calls;
	syslog("rtos-test: cyclic %u periods, %u activations, late max %u ns, mean %u ns\n",
	       periods, acts, nk_tsc_to_ns(meas.late_max),
	       acts ? nk_tsc_to_ns(meas.late_sum / acts) : 0);
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

static void mon_command(unsigned int cmd)
{
	switch (cmd) {
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
