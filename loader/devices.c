// SPDX-License-Identifier: GPL-2.0
/*
 * loader/devices.c - keep the host off the devices a guest owns.
 *
 * For each device of the configuration whose owner is not the host, the
 * loader claims its I/O ports (request_region) and its IRQ (request_irq),
 * so no host driver can take them; requesting the IRQ also makes Linux
 * program the IO-APIC pin and choose a vector, which the nanokernel then
 * routes to the owner (struct nk_boot_info.route).  The handler the host
 * registers never runs: the nanokernel's stub acknowledges the interrupt
 * and returns before Linux sees it.  Only edge-triggered IRQs are taken:
 * a level-triggered line would need its pin masked until the guest
 * serves it, which comes with the guests.
 */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/ioport.h>
#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/hw_irq.h>
#include "loader.h"

/* Never runs while the nanokernel owns the IDT; counted if it does. */
static irqreturn_t nkl_guest_irq(int irq, void *data)
{
	struct nkl_loader *ld = data;

	ld->guest_irq_leaks++;
	return IRQ_HANDLED;
}

static int nkl_claim_device(struct nkl_loader *ld, struct nkl_guest_dev *g,
			    const struct nk_device *d)
{
	struct irq_data *irqd;
	int err;

	snprintf(g->name, sizeof(g->name), "nanokernel %.*s", NK_NAME_LEN, d->name);
	if (d->io_len) {
		if (!request_region(d->io_base, d->io_len, g->name))
			return nkl_refuse(ld, -EBUSY, "[device %.*s] io: ports "
					  "0x%x-0x%x are in use by the host "
					  "(see /proc/ioports)", NK_NAME_LEN,
					  d->name, d->io_base,
					  d->io_base + d->io_len - 1);
		g->io_base = d->io_base;
		g->io_len = d->io_len;
	}
	if (d->irq == NK_NO_IRQ)
		return 0;
	err = request_irq(d->irq, nkl_guest_irq, 0, g->name, ld);
	if (err)
		return nkl_refuse(ld, err, "[device %.*s] irq: IRQ %u is in use "
				  "by the host (see /proc/interrupts)",
				  NK_NAME_LEN, d->name, d->irq);
	g->irq = d->irq;
	irqd = irq_get_irq_data(d->irq);
	if (!irqd || !irqd_cfg(irqd) || irqd_is_level_type(irqd))
		return nkl_refuse(ld, -EINVAL, "[device %.*s] irq: IRQ %u is "
				  "level-triggered or has no vector; only edge-"
				  "triggered IRQs can go to a guest yet",
				  NK_NAME_LEN, d->name, d->irq);
	g->vector = irqd_cfg(irqd)->vector;
	ld->route[g->vector] = d->owner;
	return 0;
}

void nkl_release_devices(struct nkl_loader *ld)
{
	int i;

	for (i = ld->ndevs - 1; i >= 0; i--) {
		struct nkl_guest_dev *g = &ld->devs[i];

		if (g->irq)
			free_irq(g->irq, ld);
		if (g->io_len)
			release_region(g->io_base, g->io_len);
		memset(g, 0, sizeof(*g));
	}
	ld->ndevs = 0;
	memset(ld->route, 0, sizeof(ld->route));
}

int nkl_claim_devices(struct nkl_loader *ld)
{
	u32 i;
	int err;

	ld->ndevs = 0;
	memset(ld->route, 0, sizeof(ld->route));
	for (i = 0; i < ld->cfg.ndevices; i++) {
		const struct nk_device *d = &ld->cfg.devices[i];

		if (d->owner == NK_OWNER_HOST)
			continue;
		err = nkl_claim_device(ld, &ld->devs[ld->ndevs++], d);
		if (err) {
			nkl_release_devices(ld);
			return err;
		}
	}
	return 0;
}

/* Where the stubs of guest vectors acknowledge an interrupt. */
u32 nkl_lapic_eoi_address(void)
{
	return (u32)(APIC_BASE + APIC_EOI);
}
