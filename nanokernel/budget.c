// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/budget.c - the guests' CPU budgets (include/nk/config.h):
 * guest i may have the CPU for budget_us of every budget_period_us, so
 * that no guest, however it spins, keeps the host off the CPU for good.
 *
 * A guest's time is charged from its switch in to its switch out
 * (sched.c).  While it runs, the nanokernel's budget deadline
 * (NK_BUDGET_SLOT) is armed no later than the moment its budget would be
 * spent, so a guest that never yields is interrupted there; it is not
 * cancelled when the guest leaves (the common case, a guest that runs a
 * few microseconds a tick, then programs the timer no more often than
 * before), and a deadline that finds nothing to do costs one interrupt.
 * A guest given the whole period (budget_us = budget_period_us) is not
 * watched at all, and pays nothing on its switches.
 * A spent budget throttles the guest until its period ends (it is not
 * picked, and the deadline is armed at the period's end so that the
 * dispatcher looks again), or stops it as failed (NK_FAULT_BUDGET), as
 * its partition's on_overrun says.
 */
#include "nk.h"
#include "os.h"
#include "sched.h"
#include "timer.h"

struct nk_budget {
	uint64_t budget, period;	/* TSC ticks */
	uint64_t end;		/* the current period's end */
	uint64_t used;		/* ticks had in it */
	int whole;		/* budget_us = budget_period_us: never spent */
};

static struct nk_budget nk_bud[NK_MAX_PARTITIONS];
static uint64_t nk_bud_enter;	/* when the running guest got the CPU */
static uint64_t nk_bud_at;	/* the budget deadline, if nk_bud_armed */
static int nk_bud_armed;
static int nk_bud_over;		/* the running guest's budget is spent */

static uint64_t nk_us_tsc(uint32_t us)
{
	return (uint64_t)us * nk_boot_info()->tsc_khz / 1000u;
}

/* A started guest: a whole budget, from now. */
void nk_budget_init(unsigned int i)
{
	const struct nk_partition *p = &nk_boot_info()->config.partitions[i];
	struct nk_budget *b = &nk_bud[i];

	b->budget = nk_us_tsc(p->budget_us);
	b->period = nk_us_tsc(p->budget_period_us);
	b->end = rdtsc() + b->period;
	b->used = 0;
	nk_os_status(i)->throttled = 0;
	b->whole = p->budget_us >= p->budget_period_us;
}

/* A period ended by now: the next (or, after a long pause, one from now)
 * starts whole and lifts a throttle; *from is moved to its start. */
static void __attribute__((noinline)) nk_budget_roll(unsigned int i, uint64_t now,
						      uint64_t *from)
{
	struct nk_budget *b = &nk_bud[i];

	b->end = now - b->end < b->period ? b->end + b->period : now + b->period;
	b->used = 0;
	nk_os_status(i)->throttled = 0;
	if (*from < b->end - b->period)
		*from = b->end - b->period;
}

/* Charge guest i with [from, to), in the period that holds to.  Inline:
 * two of these are on every switch. */
static inline void nk_budget_charge(unsigned int i, uint64_t from, uint64_t to)
{
	struct nk_budget *b = &nk_bud[i];

	if (to >= b->end)
		nk_budget_roll(i, to, &from);
	b->used += to - from;
}

/* The budget deadline at `at`, unless one as early is armed already. */
static void nk_budget_arm(uint64_t at)
{
	if (nk_bud_armed && (int64_t)(nk_bud_at - at) <= 0)
		return;
	nk_bud_at = at;
	nk_bud_armed = 1;
	nk_timer_budget(at);
}

/* May guest i (not running) be picked: not throttled, or its period over? */
int nk_budget_runnable(unsigned int i)
{
	uint64_t now;

	if (!nk_os_status(i)->throttled)
		return 1;	/* the common case, on every pick: nothing to do */
	now = rdtsc();
	nk_budget_charge(i, now, now);
	return !nk_os_status(i)->throttled;
}

/* Guest i gets the CPU at t0. */
void nk_budget_enter(unsigned int i, uint64_t t0)
{
	struct nk_budget *b = &nk_bud[i];

	nk_bud_enter = t0;
	if (b->whole)
		return;		/* nothing to watch: no deadline, no cost */
	nk_budget_charge(i, t0, t0);
	nk_bud_over = b->used >= b->budget;
	/* enter + what is left never comes earlier at a later switch: a
	 * deadline armed at an earlier one is early or exact, never late */
	if (!nk_bud_armed)
		nk_budget_arm(t0 + (nk_bud_over ? 0 : b->budget - b->used));
}

/* Must the running guest leave now: its budget spent? */
int nk_budget_spent(void)
{
	return nk_bud_over;
}

/*
 * Guest i left the CPU at t1: charged; a spent budget throttles it (the
 * deadline armed at its period's end) or, by configuration, fails it.
 * Returns 1 if it must fail (NK_FAULT_BUDGET).
 */
int nk_budget_leave(unsigned int i, uint64_t t1)
{
	const struct nk_partition *p = &nk_boot_info()->config.partitions[i];
	struct nk_budget *b = &nk_bud[i];
	struct nk_os_status *st = nk_os_status(i);

	if (b->whole)
		return 0;
	nk_budget_charge(i, nk_bud_enter, t1);
	nk_bud_over = 0;
	if (b->used < b->budget)
		return 0;
	st->throttles++;
	if (p->on_overrun == NK_OVERRUN_FAIL)
		return 1;
	st->throttled = 1;
	nk_budget_arm(b->end);
	return 0;
}

/* A stopped or failed guest is throttled no more. */
void nk_budget_halt(unsigned int i)
{
	nk_os_status(i)->throttled = 0;
}

/*
 * The budget deadline passed (irq.c): the running guest, if any, is
 * charged so far and must leave if its budget is spent, else the deadline
 * goes to its budget's end; throttled guests whose period is over may run
 * again, the others keep the deadline at their period's end.
 */
void nk_budget_expired(void)
{
	uint64_t now = rdtsc();
	int run = nk_sched_current();
	unsigned int i, n = nk_npartitions();
	struct nk_budget *b;

	nk_bud_armed = 0;
	for (i = 0; i < n; i++) {
		b = &nk_bud[i];
		if (b->whole)
			continue;
		if ((int)i == run) {
			nk_budget_charge(i, nk_bud_enter, now);
			nk_bud_enter = now;
			if (b->used >= b->budget)
				nk_bud_over = 1;
			else
				nk_budget_arm(now + b->budget - b->used);
		} else if (nk_os_status(i)->throttled) {
			nk_budget_charge(i, now, now);
			if (nk_os_status(i)->throttled)
				nk_budget_arm(b->end);
		}
	}
}
