// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/irq.c - the IRQ router: every vector that reaches the
 * nanokernel, from the host's stubs (host_idt.c, through the interrupt
 * passage) or while a guest runs (entry.S), goes to the OS it concerns.
 *
 *   - the nanokernel's own timer vector: the due deadlines become timer
 *     events for guests, the host's tick (raised for the host) or the end
 *     of a time slice (sched.c);
 *   - a guest's device vector (struct nk_boot_info.route): acknowledged
 *     and posted to its guest as an event;
 *   - a host vector while a guest ran: held for the host, which cannot
 *     run now, and raised again just before the host resumes
 *     (nk_host_replay, from passage.S).
 * Then the dispatcher decides who runs (sched.c).
 */
#include "nk.h"
#include "entry.h"
#include "irq.h"
#include "lapic.h"
#include "os.h"
#include "sched.h"
#include "timer.h"


/* Vectors that came for the host while a guest ran, by trigger mode. */
static uint32_t nk_host_edge[8], nk_host_level[8];

void nk_irq_count(uint32_t v, unsigned int slot)
{
	struct nk_irq_counts *c = (struct nk_irq_counts *)(NK_VIRT_BASE +
							   NK_OFF_IRQ_COUNTS);

	c->count[v & 0xffu][slot]++;
}

/*
 * A host vector came while a guest ran: the host cannot take it now.  An
 * edge-triggered one is acknowledged and raised again by a self-IPI when
 * the host resumes; a level-triggered one stays in service (an EOI now
 * would only make the IO-APIC send it again at once) and is acknowledged
 * when the host resumes, when the IO-APIC sends it again for as long as
 * its device asks.  The spurious vector is never in service: nothing to
 * do.
 */
static void nk_host_hold(uint32_t v)
{
	int i = nk_sched_current();

	if (v == LAPIC_SPURIOUS_VECTOR)
		return;	/* never in service */
	if (nk_status.state == NK_STATE_HOST_DOWN) {
		nk_lapic_eoi();	/* no host to take it, ever */
		nk_status.host_irqs_dropped++;
		return;
	}
	if (nk_timer_is_host_vector(v))
		nk_timer_host_fired();
	if (nk_lapic_level(v)) {
		nk_host_level[v >> 5] |= 1u << (v & 31);
	} else {
		nk_lapic_eoi();
		nk_host_edge[v >> 5] |= 1u << (v & 31);
	}
	if (i >= 0)
		nk_os_status((unsigned int)i)->host_irqs++;
}

void nk_host_raise(uint32_t v)
{
	if (v >= 0x20 && v <= 0xff)
		nk_host_edge[v >> 5] |= 1u << (v & 31);
}

/* Just before the host resumes (passage.S): what came for it meanwhile. */
void nk_host_replay(void)
{
	uint32_t w, bits;

	nk_timer_flush(0);
	for (w = 0; w < 8; w++) {
		for (bits = nk_host_level[w]; bits; bits &= bits - 1)
			nk_lapic_eoi();
		nk_host_level[w] = 0;
	}
	for (w = 0; w < 8; w++) {
		for (bits = nk_host_edge[w]; bits; bits &= bits - 1)
			nk_lapic_self_ipi(w * 32 + (uint32_t)__builtin_ctz(bits));
		nk_host_edge[w] = 0;
	}
}

/* The nanokernel's timer fired: the due deadlines, to whom they concern. */
static void nk_irq_timer(int from_host)
{
	uint32_t due, s, host_vector = nk_boot_info()->host_timer_vector;

	nk_lapic_eoi();
	due = nk_timer_expire(from_host);
	for (s = 1; s <= NK_MAX_PARTITIONS; s++)
		if (due & (1u << s))
			nk_vcpu_post(s - 1, NK_GEVENT_TIMER, 0);
	if (due & (1u << NK_OS_HOST))
		nk_host_raise(host_vector);
	if (due & (1u << NK_SLICE_SLOT))
		nk_slice_expired();
	if (due & (1u << NK_BUDGET_SLOT))
		nk_budget_expired();
	if (due & (1u << NK_WATCH_SLOT))
		nk_ras_watch_expired(from_host);	/* may never return */
}

/*
 * Vector v came to the nanokernel (from_host: while the host ran, through
 * its stub and the interrupt passage, which counted it; else while a guest
 * ran): turn it into events for the guests it concerns.
 */
static void nk_irq_take(uint32_t v, int from_host)
{
	const struct nk_boot_info *bi = nk_boot_info();
	uint32_t owner = bi->route[v & 0xffu];

	if (nk_timer_is_own_vector(v)) {
		nk_irq_timer(from_host);
		if (!from_host)
			nk_irq_count(v, NK_OS_HOST);
	} else if (owner >= 1 && owner <= NK_MAX_PARTITIONS && v >= 0x20) {
		nk_lapic_eoi();
		nk_vcpu_post(owner - 1, NK_GEVENT_IRQ, bi->vector_irq[v] < 16 ?
			     1u << bi->vector_irq[v] : 0);
		if (!from_host)
			nk_irq_count(v, owner);
	} else if (!from_host) {
		nk_host_hold(v);
	}
}

/*
 * An interrupt while a guest ran (entry.S, nk_vint_common), or the
 * nanokernel's idle loop that stands in for a dead host: the context to
 * resume, or 0 when it is preempted or failed (or the loop has work).
 */
uint32_t nk_guest_interrupt(struct nk_guest_regs *r)
{
	int cur = nk_sched_current();
	unsigned int i = (unsigned int)cur;

	nk_irq_take(r->vector & 0xffu, 0);
	if (cur < 0)	/* the nanokernel's idle loop: the host is down */
		return nk_sched_idle_wake(r);
	if (nk_sched_preempts(i))
		return nk_guest_leave(i, r, NK_GUEST_EXIT_PREEMPT);
	nk_slice_update(i);
	return nk_guest_resume(i, r);
}

/*
 * An interrupt for the nanokernel arrived while the host ran (passage.S,
 * nk_irq_passage): acknowledge it, turn it into events, and run the guests
 * that have something to do.  Then the host resumes where it was.
 */
void nk_host_interrupt(uint32_t v)
{
	nk_irq_take(v, 1);
	nk_schedule(1);
}
