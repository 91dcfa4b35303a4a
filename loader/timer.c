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
#include <linux/irq.h>
#include <linux/module.h>
#include <linux/kallsyms.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/hw_irq.h>
#include <asm/msr.h>
#include <asm/tsc.h>
#include "loader.h"

static unsigned int tick_irq = 5;
module_param(tick_irq, uint, 0444);
MODULE_PARM_DESC(tick_irq, "free ISA IRQ whose vector carries the host's tick (default 5)");

static unsigned int nk_vector = 0xee;
module_param(nk_vector, uint, 0444);
MODULE_PARM_DESC(nk_vector, "a system vector Linux leaves unused, which the "
		 "nanokernel takes for its timer (default 0xee)");

static struct nk_loader *nk_timer_ld;

static int nk_ced_next_event(unsigned long delta_ns, struct clock_event_device *ced)
{
	struct nk_loader *ld = nk_timer_ld;
	u64 t0;
	int err;

	/* Between the detach and the unbind the LAPIC device takes over. */
	if (!ld || !ld->timer_attached)
		return 0;
	t0 = rdtsc_ordered();
	err = nk_loader_call(ld, NK_CALL_TIMER_HOST, (u32)delta_ns);
	ld->merge_tsc += rdtsc_ordered() - t0;	/* for make bench (B4) */
	ld->merge_calls++;
	return err ? -ETIME : 0;
}

static int nk_ced_shutdown(struct clock_event_device *ced)
{
	struct nk_loader *ld = nk_timer_ld;

	if (ld && ld->timer_attached)
		nk_loader_call(ld, NK_CALL_TIMER_HOST, NK_TIMER_CANCEL);
	return 0;
}

static int nk_ced_oneshot(struct clock_event_device *ced)
{
	return 0;
}

static struct clock_event_device nk_ced = {
	.name = "nanokernel",
	.features = CLOCK_EVT_FEAT_ONESHOT,
	.rating = 400,		/* the LAPIC has 100 (150 with ARAT) */
	.irq = -1,
	.set_next_event = nk_ced_next_event,
	.set_state_shutdown = nk_ced_shutdown,
	.set_state_oneshot = nk_ced_oneshot,
	.set_state_oneshot_stopped = nk_ced_shutdown,
	/*
	 * No owner: with THIS_MODULE the registered device pins the module
	 * and rmmod fails with EAGAIN.  Module exit unloads the nanokernel,
	 * and that unbinds the device before the module text goes away.
	 */
	.owner = NULL,
};

static irqreturn_t nk_tick(int irq, void *data)
{
	struct nk_loader *ld = data;

	ld->host_ticks++;
	if (nk_ced.event_handler)
		nk_ced.event_handler(&nk_ced);
	return IRQ_HANDLED;
}

/* Request a free ISA IRQ, so that Linux gives it a vector no one else uses. */
static int nk_claim_vector(struct nk_loader *ld, unsigned int irq,
			   irq_handler_t fn, const char *name, const char *param,
			   u32 *vector)
{
	struct irq_data *irqd;
	int err = request_irq(irq, fn, IRQF_TIMER | IRQF_NOBALANCING, name, ld);

	if (err)
		return nk_refuse(ld, err, "IRQ %u is in use by the host (load "
				 "nkloader.ko with %s=N, a free ISA IRQ)", irq, param);
	irqd = irq_get_irq_data(irq);
	if (!irqd || !irqd_cfg(irqd)) {
		free_irq(irq, ld);
		return nk_refuse(ld, -EINVAL, "IRQ %u has no vector", irq);
	}
	*vector = irqd_cfg(irqd)->vector;
	return 0;
}

/*
 * The nanokernel's own vector: one of the system vectors (0xec and up,
 * above every device vector Linux hands out) whose gate Linux points at
 * its spurious-interrupt entries because it does not use it (0xee is
 * Hyper-V's).  High on purpose: a level-triggered host interrupt held in
 * service while a guest runs (nanokernel/os.c) blocks only vectors of its
 * own priority class and below, never the guests' timer.
 */
static int nk_check_own_vector(struct nk_loader *ld, unsigned int v)
{
	char sym[KSYM_SYMBOL_LEN];
	struct desc_ptr idt;
	gate_desc *gate;

	if (v < FIRST_SYSTEM_VECTOR || v > 0xef)
		return nk_refuse(ld, -EINVAL, "nk_vector=0x%x: a system vector "
				 "0x%x..0xef is needed", v, FIRST_SYSTEM_VECTOR);
	store_idt(&idt);
	gate = (gate_desc *)idt.address + v;
	sprint_symbol(sym, gate_offset(gate));
	if (!strstr(sym, "spurious"))
		return nk_refuse(ld, -EBUSY, "nk_vector=0x%x is used by Linux "
				 "(%s): load nkloader.ko with nk_vector= a vector "
				 "Linux leaves to its spurious entries", v, sym);
	return 0;
}

/* Before the boot info is built: the tick IRQ and its vector, the
 * nanokernel's vector. */
int nk_timer_claim(struct nk_loader *ld)
{
	int err = nk_check_own_vector(ld, nk_vector);

	if (err)
		return err;
	err = nk_claim_vector(ld, tick_irq, nk_tick, "nanokernel tick",
			      "tick_irq", &ld->timer_vector);
	if (err)
		return err;
	ld->timer_irq = tick_irq;
	ld->nk_vector = nk_vector;
	rdmsrl(MSR_IA32_APICBASE, ld->lapic_phys);
	ld->lapic_phys &= MSR_IA32_APICBASE_BASE;
	return 0;
}

void nk_timer_unclaim(struct nk_loader *ld)
{
	if (ld->timer_irq)
		free_irq(ld->timer_irq, ld);
	ld->timer_irq = 0;
	ld->nk_vector = 0;
}

/* After the IDT attach: the nanokernel takes the LAPIC timer, Linux the
 * clock-event device. */
int nk_timer_attach(struct nk_loader *ld)
{
	int khz = nk_loader_call(ld, NK_CALL_TIMER_ATTACH, 0);

	if (khz <= 0)
		return nk_refuse(ld, -EIO, "the nanokernel could not take the "
				 "LAPIC timer: %d", khz);
	nk_timer_ld = ld;
	ld->timer_attached = true;
	nk_ced.cpumask = cpumask_of(0);
	clockevents_config_and_register(&nk_ced, NSEC_PER_SEC, 1000, 0x7fffffff);
	pr_info("nkloader: the host's tick runs on the nanokernel's LAPIC timer "
		"(%d kHz, vector 0x%x, IRQ %u)\n", khz, ld->timer_vector,
		ld->timer_irq);
	return 0;
}

void nk_timer_detach(struct nk_loader *ld)
{
	unsigned long flags;
	int err;

	if (!ld->timer_attached)
		return;
	local_irq_save(flags);
	ld->timer_attached = false;
	nk_loader_call(ld, NK_CALL_TIMER_DETACH, 0);
	local_irq_restore(flags);
	err = clockevents_unbind_device(&nk_ced, 0);
	WARN(err, "nkloader: cannot give the tick back to the LAPIC: %d\n", err);
	nk_timer_ld = NULL;
}
