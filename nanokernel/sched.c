// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/sched.c - the dispatcher: which OS has the CPU, and the
 * switch into a guest and back.
 *
 * The most urgent guest that has something to do runs: a guest of higher
 * priority (lower number) with an event preempts the running guest at
 * once, one of equal priority at the end of the running guest's time
 * slice (NK_SLICE_NS, on the nanokernel's own deadline slot), and the
 * preempted guest is left READY.  The host comes last: it is interrupted
 * (passage.S, nk_irq_passage) by a guest's timer or device wherever it
 * runs with interrupts on, and resumes exactly where it was when no guest
 * can run any more (nk_schedule).
 *
 * Around every guest run the FPU, CR0 and the debug registers are made
 * the guest's and then the host's again: a guest gets its own FPU state
 * and no hardware breakpoints of the host's (DR7 is cleared), and
 * whatever it does to CR0 is undone when it leaves.  The nanokernel
 * itself never touches the FPU (it is built with -mgeneral-regs-only).
 */
#include "nk.h"
#include "os.h"
#include "sched.h"
#include "timer.h"
#include "trap.h"

#define NK_SLICE_NS	10000000u	/* between guests of equal priority */

static int nk_current = -1;	/* partition index of the running guest */
static unsigned int nk_rr;	/* the guest switched to last: ties go to
				 * the next one (round robin) */
static int nk_slice_over;	/* the running guest's time slice ended */
static int nk_slice_armed;
static int nk_held;		/* NK_CALL_HOLD: no guest runs */
/* Linux keeps the running task's FPU registers live (eager FPU): the
 * host's state must come back exactly. */
static struct x86_fxsave nk_fpu_host, nk_fpu_guest[NK_MAX_PARTITIONS];

int nk_sched_current(void)
{
	return nk_current;
}

void nk_sched_fpu_init(unsigned int i)
{
	x86_fxsave(&nk_fpu_host);
	x86_fpu_reset();
	x86_fxsave(&nk_fpu_guest[i]);
	x86_fxrstor(&nk_fpu_host);
}

/* Does guest i (not running) have something to do? */
static int nk_os_runnable(unsigned int i)
{
	uint32_t state = nk_os_status(i)->state;

	return (state == NK_OS_READY ||
		(state == NK_OS_IDLE && nk_vcpu(i)->pending)) && nk_budget_runnable(i);
}

/*
 * The guest to run next, other than skip: the runnable one of highest
 * priority (lowest number); among equals, the first after the guest run
 * last, so that they take turns.  -1 if none can run.
 */
static int nk_os_pick(int skip)
{
	unsigned int n = nk_npartitions(), k, i;
	int best = -1;

	for (k = 1; k <= n; k++) {
		i = (nk_rr + k) % n;
		if ((int)i == skip || !nk_os_runnable(i))
			continue;
		if (best < 0 || nk_priority(i) < nk_priority((unsigned int)best))
			best = (int)i;
	}
	return best;
}

/*
 * Time slices: while another guest of the running guest's priority can
 * run, the running one is preempted after NK_SLICE_NS.
 */
void nk_slice_update(unsigned int i)
{
	int j = nk_os_pick((int)i);
	int share = j >= 0 && nk_priority((unsigned int)j) == nk_priority(i);

	if (share && !nk_slice_armed) {
		nk_timer_slice(NK_SLICE_NS);
		nk_slice_armed = 1;
	} else if (!share && nk_slice_armed) {
		nk_timer_slice(NK_TIMER_CANCEL);
		nk_slice_armed = 0;
	}
}

void nk_slice_expired(void)
{
	nk_slice_over = 1;
	nk_slice_armed = 0;
}

int nk_sched_preempts(unsigned int i)
{
	int j;

	if (nk_budget_spent())
		return 1;
	j = nk_os_pick((int)i);
	return j >= 0 && (nk_priority((unsigned int)j) < nk_priority(i) ||
			  (nk_priority((unsigned int)j) == nk_priority(i) &&
			   nk_slice_over));
}

/* The guest's FPU, no breakpoints of the host's, then the guest until it
 * leaves the CPU; then the host's FPU, CR0 and DR7 again. */
static int nk_sched_enter(unsigned int i, uint32_t esp)
{
	uint32_t cr0 = x86_read_cr0(), dr7 = x86_read_dr7();
	int reason;

	if (dr7)
		x86_write_dr7(0);
	x86_fxsave(&nk_fpu_host);
	x86_fxrstor(&nk_fpu_guest[i]);
	reason = nk_guest_enter(nk_os[i].pgd_phys, esp);
	if (x86_read_cr0() != cr0)
		x86_write_cr0(cr0);	/* TS cleared, for fxsave too */
	x86_fxsave(&nk_fpu_guest[i]);
	x86_fxrstor(&nk_fpu_host);
	if (dr7)
		x86_write_dr7(dr7);
	return reason;
}

/* Guest i left the CPU for reason (NK_GUEST_EXIT_*). */
static void nk_sched_left(unsigned int i, int reason)
{
	struct nk_os_status *st = nk_os_status(i);

	nk_current = -1;
	if (nk_slice_armed) {
		nk_timer_slice(NK_TIMER_CANCEL);
		nk_slice_armed = 0;
	}
	if (reason == NK_GUEST_EXIT_FAULT) {
		nk_guest_halt(i, NK_OS_FAILED);
	} else if (reason == NK_GUEST_EXIT_PREEMPT) {
		st->state = NK_OS_READY;
		st->preempted++;
	} else {
		st->state = NK_OS_IDLE;
	}
}

/* Run guest i until it yields, fails or is preempted. */
static void nk_sched_switch(unsigned int i)
{
	struct nk_os_status *st = nk_os_status(i);
	uint32_t esp;
	uint64_t t0, t1;
	int reason = NK_GUEST_EXIT_FAULT;

	nk_map_window(i);
	st->state = NK_OS_RUNNING;
	st->runs++;
	nk_current = (int)i;
	nk_rr = i;
	nk_slice_over = 0;
	nk_slice_update(i);
	t0 = rdtsc();
	nk_budget_enter(i, t0);	/* before the delivery programs the timer */
	esp = nk_vcpu_deliver(i, (struct nk_guest_regs *)nk_os[i].saved_esp);
	if (esp)
		reason = nk_sched_enter(i, esp);
	t1 = rdtsc();
	st->busy_tsc += t1 - t0;
	if (nk_budget_leave(i, t1) && reason != NK_GUEST_EXIT_FAULT) {
		nk_guest_record_fault(i, NK_FAULT_BUDGET, 0,
				      ((struct nk_guest_regs *)nk_os[i].saved_esp)->eip, 0);
		reason = NK_GUEST_EXIT_FAULT;
	}
	if (!nk_desc_intact() && reason != NK_GUEST_EXIT_FAULT) {
		/* It wrote the GDT or the TSS page: where it was when it left
		 * (its context, which the window shows), and what it hit. */
		nk_guest_record_fault(i, X86_GP_VECTOR, 0,
				      ((struct nk_guest_regs *)nk_os[i].saved_esp)->eip,
				      NK_VIRT_BASE + NK_OFF_GDT);
		reason = NK_GUEST_EXIT_FAULT;
	}
	nk_sched_left(i, reason);
}

int nk_sched_hold(uint32_t hold)
{
	if (hold > 1)
		return -NK_EINVAL;
	nk_held = (int)hold;
	nk_timer_hold((int)hold);
	if (!hold)
		nk_schedule(0);
	return 0;
}

int nk_sched_held(void)
{
	return nk_held;
}

void nk_schedule(int from_host)
{
	int i;

	while (!nk_held && (i = nk_os_pick(-1)) >= 0) {
		if (from_host) {
			nk_os_status((unsigned int)i)->preemptions++;
			from_host = 0;
		}
		nk_sched_switch((unsigned int)i);
	}
}

/*
 * The host is dead: the guests run alone (ras.c).  Where the host used to
 * resume, the nanokernel's idle loop runs instead, as if it were a guest:
 * a context on a stack of its own, entered with nk_guest_enter() on the
 * nanokernel's page directory, halting with interrupts on.  An interrupt
 * there comes through the guests' stubs (nk_guest_interrupt), and leaves
 * the loop as soon as a guest has something to do.  An exception of the
 * nanokernel's own while the host is down starts this loop again
 * (nk_return_to_host, passage.S) instead of failing a host call.
 */
#define NK_IDLE_STACK	1024
static uint32_t nk_idle_stack[NK_IDLE_STACK / 4] __attribute__((aligned(16)));

static void nk_sched_idle(void)
{
	struct nk_guest_regs *r = (struct nk_guest_regs *)
		&nk_idle_stack[NK_IDLE_STACK / 4] - 1;

	memset(r, 0, sizeof(*r));
	r->eip = (uint32_t)nk_idle_halt;
	r->cs = NK_CS;
	r->eflags = X86_EFLAGS_IF | X86_EFLAGS_RESERVED;
	nk_guest_enter(nk_pgd_phys, (uint32_t)r);
}

uint32_t nk_sched_idle_wake(struct nk_guest_regs *r)
{
	if (nk_os_pick(-1) >= 0) {
		nk_exit_reason = NK_GUEST_EXIT_PREEMPT;
		return 0;
	}
	nk_timer_flush(0);
	return (uint32_t)r;
}

void nk_sched_alone(void)
{
	nk_held = 0;
	for (;;) {
		nk_schedule(0);
		if (nk_host_restart_asked())
			nk_host_reboot();	/* the guests are held */
		nk_timer_flush(0);
		nk_sched_idle();
	}
}
