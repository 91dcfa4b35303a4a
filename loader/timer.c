// SPDX-License-Identifier: GPL-2.0
/*
 * loader/timer.c - the host's tick through the nanokernel.
 *
 * The nanokernel owns the local APIC timer (nanokernel/timer.c).  The
 * loader gives the host a clock-event device, "nanokernel", with a higher
 * rating than the LAPIC's, so Linux moves its tick to it at run time.  Its
 * set_next_event hands the host's deadline to the nanokernel, which merges
 * it with the other OSes' and programs the LAPIC timer on the vector of
 * the tick IRQ requested here (IRQ 5 by default, free on a PC); that IRQ's
 * handler runs the clock-event handler, so a tick is delivered once and
 * only once.  On unload, clockevents_unbind_device() gives the tick back
 * to the LAPIC's own device, which reprograms the timer itself.
 */
#include <linux/kernel.h>
#include <linux/clockchips.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/kallsyms.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#include "loader.h"

static unsigned int nkl_tick_irq = 5;
module_param_named(tick_irq, nkl_tick_irq, uint, 0444);
MODULE_PARM_DESC(tick_irq, "free ISA IRQ whose vector carries the host's tick (default 5)");

static unsigned int nkl_nk_vector = 0xee;
module_param_named(nk_vector, nkl_nk_vector, uint, 0444);
MODULE_PARM_DESC(nk_vector, "a system vector Linux leaves unused, which the "
		 "nanokernel takes for its timer (default 0xee)");

static struct nkl_loader *nkl_timer_ld;

static int nkl_ced_next_event(unsigned long delta_ns, struct clock_event_device *ced)
{
	struct nkl_loader *ld = nkl_timer_ld;
	u64 t0;
	int err;

	/* Never so: the device is unbound before the nanokernel lets the
	 * timer go (nkl_timer_detach()); were it not, no tick could come. */
	if (WARN_ON_ONCE(!ld || !ld->timer_attached))
		return -ETIME;
	t0 = rdtsc_ordered();
	err = nkl_loader_call(ld, NK_CALL_TIMER_HOST, (u32)delta_ns);
	ld->merge_tsc += rdtsc_ordered() - t0;	/* for make bench (B4) */
	ld->merge_calls++;
	return err ? -ETIME : 0;
}

static int nkl_ced_shutdown(struct clock_event_device *ced)
{
	struct nkl_loader *ld = nkl_timer_ld;

	if (ld && ld->timer_attached)
		nkl_loader_call(ld, NK_CALL_TIMER_HOST, NK_TIMER_CANCEL);
	return 0;
}

static int nkl_ced_oneshot(struct clock_event_device *ced)
{
	return 0;
}

static struct clock_event_device nkl_ced = {
	.name = "nanokernel",
	.features = CLOCK_EVT_FEAT_ONESHOT,
	.rating = 400,		/* the LAPIC has 100 (150 with ARAT) */
	.irq = -1,
	.set_next_event = nkl_ced_next_event,
	.set_state_shutdown = nkl_ced_shutdown,
	.set_state_oneshot = nkl_ced_oneshot,
	.set_state_oneshot_stopped = nkl_ced_shutdown,
	/*
	 * No owner: with THIS_MODULE the registered device pins the module
	 * and rmmod fails with EAGAIN.  Module exit unloads the nanokernel,
	 * and that unbinds the device before the module text goes away.
	 */
	.owner = NULL,
};

static irqreturn_t nkl_tick(int irq, void *data)
{
	struct nkl_loader *ld = data;

	ld->host_ticks++;
	if (nkl_ced.event_handler)
		nkl_ced.event_handler(&nkl_ced);
	return IRQ_HANDLED;
}

/*
 * The nanokernel's own vector: one of the system vectors (0xec and up,
 * above every device vector Linux hands out) whose gate Linux points at
 * its spurious-interrupt entries because it does not use it (0xee is
 * Hyper-V's).  High on purpose: a level-triggered host interrupt held in
 * service while a guest runs (nanokernel/os.c) blocks only vectors of its
 * own priority class and below, never the guests' timer.
 */
static int nkl_check_own_vector(struct nkl_loader *ld, unsigned int v)
{
	char sym[KSYM_SYMBOL_LEN];
	struct desc_ptr idt;
	gate_desc *gate;

	if (v < FIRST_SYSTEM_VECTOR || v > 0xef)
		return nkl_refuse(ld, -EINVAL, "nk_vector=0x%x: a system vector "
				  "0x%x..0xef is needed", v, FIRST_SYSTEM_VECTOR);
	store_idt(&idt);
	gate = (gate_desc *)idt.address + v;
	sprint_symbol(sym, gate_offset(gate));
	if (!strstr(sym, "spurious"))
		return nkl_refuse(ld, -EBUSY, "nk_vector=0x%x is used by Linux "
				  "(%s): load nkloader.ko with nk_vector= a vector "
				  "Linux leaves to its spurious entries", v, sym);
	return 0;
}

/* Before the boot info is built: the tick IRQ and its vector, the
 * nanokernel's vector. */
int nkl_timer_claim(struct nkl_loader *ld)
{
	/* A free ISA IRQ, so that Linux gives it a vector no one else uses. */
	struct nkl_irq tick = {
		.irq = nkl_tick_irq,
		.handler = nkl_tick,
		.flags = IRQF_TIMER | IRQF_NOBALANCING,
		.name = "nanokernel tick",
		.hint = "load nkloader.ko with tick_irq=N, a free ISA IRQ",
	};
	int err = nkl_check_own_vector(ld, nkl_nk_vector);

	if (err)
		return err;
	err = nkl_claim_irq(ld, &tick, &ld->timer_vector);
	if (err)
		return err;
	ld->timer_irq = nkl_tick_irq;
	ld->nk_vector = nkl_nk_vector;
	rdmsrl(MSR_IA32_APICBASE, ld->lapic_phys);
	ld->lapic_phys &= MSR_IA32_APICBASE_BASE;
	return 0;
}

void nkl_timer_unclaim(struct nkl_loader *ld)
{
	if (ld->timer_irq)
		free_irq(ld->timer_irq, ld);
	ld->timer_irq = 0;
	ld->nk_vector = 0;
}

/* After the IDT attach: the nanokernel takes the LAPIC timer, Linux the
 * clock-event device. */
int nkl_timer_attach(struct nkl_loader *ld)
{
	int khz = nkl_loader_call(ld, NK_CALL_TIMER_ATTACH, 0);

	if (khz <= 0)
		return nkl_refuse(ld, -EIO, "the nanokernel could not take the "
				  "LAPIC timer: %d", khz);
	nkl_timer_ld = ld;
	ld->timer_attached = true;
	nkl_ced.cpumask = cpumask_of(0);
	clockevents_config_and_register(&nkl_ced, NSEC_PER_SEC, 1000, 0x7fffffff);
	pr_info("nkloader: the host's tick runs on the nanokernel's LAPIC timer "
		"(%d kHz, vector 0x%x, IRQ %u)\n", khz, ld->timer_vector,
		ld->timer_irq);
	return 0;
}

/*
 * The tick goes back to the LAPIC's own device first, while the nanokernel
 * still serves ours: the unbind shuts ours down (the host's deadline is
 * cancelled, the timer left idle) before it programs the LAPIC's, so every
 * request Linux makes meanwhile is served, and the nanokernel, no guest
 * running (none is live at an unload; a detach has held them,
 * NK_CALL_HOLD), writes the timer no more.  Then the nanokernel forgets
 * the host's deadline; the guests' wait for an attach.
 */
void nkl_timer_detach(struct nkl_loader *ld)
{
	unsigned long flags;
	int err;

	if (!ld->timer_attached)
		return;
	err = clockevents_unbind_device(&nkl_ced, 0);
	WARN(err, "nkloader: cannot give the tick back to the LAPIC: %d\n", err);
	local_irq_save(flags);
	ld->timer_attached = false;
	nkl_loader_call(ld, NK_CALL_TIMER_DETACH, 0);
	local_irq_restore(flags);
	nkl_timer_ld = NULL;
}
