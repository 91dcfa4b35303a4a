// SPDX-License-Identifier: GPL-2.0
/*
 * loader/idt.c - move the host onto the nanokernel's IDT and back.
 *
 * The nanokernel builds the host's IDT from a copy of Linux's (see
 * nanokernel/idt.c); the loader only hands it the copy and loads the
 * result with lidt, IRQs off.  Linux must not quietly take its IDT back:
 * a timer looks at IDTR ten times a second and says so if it changed,
 * suspend and hibernation (which reload the saved IDTR and lose the
 * interrupt controllers' state) are refused while we are attached, and a
 * reboot puts Linux's IDT back first.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/notifier.h>
#include <linux/reboot.h>
#include <linux/suspend.h>
#include <linux/timer.h>
#include <asm/desc.h>
#include <nk/layout.h>
#include "loader.h"

#define NKL_IDT_BYTES		(256 * 8)
#define NKL_IDT_WATCH_PERIOD	(HZ / 10)

static struct nkl_loader *nkl_watched;

static bool nkl_idt_is(const struct desc_ptr *a, const struct desc_ptr *b)
{
	return a->address == b->address && a->size == b->size;
}

static void nkl_idt_watch(struct timer_list *t)
{
	struct nkl_loader *ld = from_timer(ld, t, idt_timer);
	struct desc_ptr now;

	store_idt(&now);
	if (!nkl_idt_is(&now, &ld->host_idt)) {
		if (!ld->idt_lost++)
			pr_warn("nkloader: Linux loaded another IDT (0x%lx): the "
				"nanokernel no longer sees the host's interrupts\n",
				now.address);
		return;
	}
	mod_timer(&ld->idt_timer, jiffies + NKL_IDT_WATCH_PERIOD);
}

static int nkl_pm_notify(struct notifier_block *nb, unsigned long event,
			 void *unused)
{
	if (event != PM_SUSPEND_PREPARE && event != PM_HIBERNATION_PREPARE)
		return NOTIFY_DONE;
	pr_warn("nkloader: suspend and hibernation are refused while the "
		"nanokernel owns the IDT (nkctl unload first)\n");
	return notifier_from_errno(-EBUSY);
}

static int nkl_reboot_notify(struct notifier_block *nb, unsigned long event,
			     void *unused)
{
	if (nkl_watched)
		nkl_idt_detach(nkl_watched);
	return NOTIFY_DONE;
}

static struct notifier_block nkl_pm_nb = { .notifier_call = nkl_pm_notify };
static struct notifier_block nkl_reboot_nb = { .notifier_call = nkl_reboot_notify };

int nkl_idt_attach(struct nkl_loader *ld)
{
	unsigned long flags;
	int taken, err;

	store_idt(&ld->linux_idt);
	if (ld->linux_idt.size != NKL_IDT_BYTES - 1)
		return nkl_refuse(ld, -EINVAL, "Linux's IDT has %u bytes, "
				  "expected %u", ld->linux_idt.size + 1, NKL_IDT_BYTES);
	memcpy(ld->va + NK_OFF_LINUX_IDT, (void *)ld->linux_idt.address,
	       NKL_IDT_BYTES);
	taken = nkl_loader_call(ld, NK_CALL_HOST_ATTACH, 0);
	if (taken <= 0)
		return nkl_refuse(ld, -EIO, "the nanokernel could not build the "
				  "host's IDT: %d", taken);
	err = register_pm_notifier(&nkl_pm_nb);
	if (err)
		return nkl_refuse(ld, err, "cannot watch for suspend: %d", err);
	register_reboot_notifier(&nkl_reboot_nb);

	ld->host_idt.address = (unsigned long)ld->va + NK_OFF_HOST_IDT;
	ld->host_idt.size = NKL_IDT_BYTES - 1;
	local_irq_save(flags);
	load_idt(&ld->host_idt);
	local_irq_restore(flags);
	ld->idt_attached = true;
	ld->idt_lost = 0;
	nkl_watched = ld;
	timer_setup(&ld->idt_timer, nkl_idt_watch, 0);
	mod_timer(&ld->idt_timer, jiffies + NKL_IDT_WATCH_PERIOD);
	pr_info("nkloader: the host runs on the nanokernel's IDT at 0x%lx "
		"(%d vectors through its stubs)\n", ld->host_idt.address, taken);
	return 0;
}

void nkl_idt_detach(struct nkl_loader *ld)
{
	unsigned long flags;

	if (!ld->idt_attached)
		return;
	local_irq_save(flags);
	load_idt(&ld->linux_idt);
	ld->idt_attached = false;
	local_irq_restore(flags);
	nkl_loader_call(ld, NK_CALL_HOST_DETACH, 0);
}

/* After nkl_idt_detach(), from process context: stop watching. */
void nkl_idt_release(struct nkl_loader *ld)
{
	if (nkl_watched != ld)
		return;
	del_timer_sync(&ld->idt_timer);
	unregister_reboot_notifier(&nkl_reboot_nb);
	unregister_pm_notifier(&nkl_pm_nb);
	nkl_watched = NULL;
}

/* Is the host on our IDT right now? */
bool nkl_idt_in_use(struct nkl_loader *ld)
{
	struct desc_ptr now;

	store_idt(&now);
	return ld->idt_attached && nkl_idt_is(&now, &ld->host_idt);
}

/* NK_IOC_TEST_IDT_RELOAD: what Linux does on resume, done on purpose. */
void nkl_idt_test_reload(struct nkl_loader *ld)
{
	unsigned long flags;

	local_irq_save(flags);
	load_idt(&ld->linux_idt);
	local_irq_restore(flags);
}
