// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/vcpu.c - a guest's virtual CPU: the events posted to it and
 * their delivery at its event entry.
 *
 * A guest runs with the CPU's interrupts on, so every interrupt comes to
 * the nanokernel at once, and it masks only its own events, with the
 * virtual interrupt flag of its struct nk_vcpu (include/nk/guest.h).  An
 * event is a bit in its vcpu's pending word, set with a locked or; when
 * the guest is resumed with events pending, vif 1 and an event entry
 * registered, the nanokernel enters the entry as a hardware interrupt
 * would: vif cleared, an i386 interrupt frame of the interrupted code on
 * the guest's stack.
 */
#include "nk.h"
#include "os.h"
#include "timer.h"

#define FRAME_WORDS	3	/* what an upcall leaves: EIP, CS, EFLAGS */
#define EFLAGS_GUEST	(X86_EFLAGS_IF | X86_EFLAGS_RESERVED)

void nk_vcpu_post(unsigned int i, uint32_t ev, uint32_t irqs)
{
	struct nk_os_status *st = nk_os_status(i);
	struct nk_vcpu *vc = nk_vcpu(i);

	if (st->state != NK_OS_IDLE && st->state != NK_OS_READY &&
	    st->state != NK_OS_RUNNING)
		return;		/* no guest there to take it */
	if (irqs)
		__atomic_or_fetch(&vc->irqs, irqs, __ATOMIC_SEQ_CST);
	__atomic_or_fetch(&vc->pending, ev, __ATOMIC_SEQ_CST);
	st->timer_events += !!(ev & NK_GEVENT_TIMER);
	st->irq_events += !!(ev & NK_GEVENT_IRQ);
}

void nk_vcpu_doorbell(unsigned int i, int mq, uint32_t bit)
{
	struct nk_vcpu *vc = nk_vcpu(i);

	__atomic_or_fetch(mq ? &vc->mq_bells : &vc->ev_bells, bit, __ATOMIC_SEQ_CST);
	nk_vcpu_post(i, NK_GEVENT_DOORBELL, 0);
}

/*
 * Resume guest i at context r, with its flags made sane (interrupts on);
 * if it has events, vif is 1 and it has an event entry, deliver them
 * there: the frame is moved down by three words, which become the iret
 * frame of the interrupted code, and the new frame enters the event entry
 * with vif cleared.  CR3 is the guest's.
 */
uint32_t nk_vcpu_deliver(unsigned int i, struct nk_guest_regs *r)
{
	struct nk_vcpu *vc = nk_vcpu(i);
	uint32_t *from = (uint32_t *)r, *to = from - FRAME_WORDS, k;
	struct nk_guest_regs *n = (struct nk_guest_regs *)to;

	r->eflags = (r->eflags & X86_EFLAGS_ARITH) | EFLAGS_GUEST;
	nk_timer_flush(1);
	if (!nk_os[i].upcall || vc->vif != 1 || !vc->pending)
		return (uint32_t)r;
	if (!nk_range_ok(i, (uint32_t)to, sizeof(*n))) {
		nk_guest_record_fault(i, X86_DF_VECTOR, 0, r->eip, (uint32_t)to);
		return 0;
	}
	for (k = 0; k < __builtin_offsetof(struct nk_guest_regs, eip) / 4; k++)
		to[k] = from[k];
	n->eip = nk_os[i].upcall;
	n->cs = NK_CS;
	n->eflags = EFLAGS_GUEST;
	vc->vif = 0;
	vc->upcalls++;
	nk_os_status(i)->upcalls++;
	return (uint32_t)n;
}
