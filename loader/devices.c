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

/*
 * Request an IRQ, so that Linux programs its pin and chooses a vector, and
 * return that vector.  A refusal begins with req->where and names
 * req->hint when the host uses the IRQ; after one, nothing stays claimed.
 */
int nkl_claim_irq(struct nkl_loader *ld, const struct nkl_irq *req, u32 *vector)
{
	const char *where = req->where ?: "";
	struct irq_data *irqd;
	int err;

	err = request_irq(req->irq, req->handler, req->flags, req->name, ld);
	if (err)
		return nkl_refuse(ld, err, "%sIRQ %u is in use by the host (%s)",
				  where, req->irq, req->hint);
	irqd = irq_get_irq_data(req->irq);
	if (!irqd || !irqd_cfg(irqd) ||
	    (req->edge_only && irqd_is_level_type(irqd)))
		goto err_free_irq;
	*vector = irqd_cfg(irqd)->vector;
	return 0;

err_free_irq:
	free_irq(req->irq, ld);
	return nkl_refuse(ld, -EINVAL, "%sIRQ %u %s", where, req->irq,
			  req->edge_only ? "is level-triggered or has no vector; "
			  "only edge-triggered IRQs can go to a guest yet" :
			  "has no vector");
}

/* Claim a guest's device; after a refusal, nothing of it stays claimed. */
static int nkl_claim_device(struct nkl_loader *ld, struct nkl_guest_dev *g,
			    const struct nk_device *d)
{
	char where[sizeof("[device ] irq: ") + NK_NAME_LEN];
	struct nkl_irq irq = {
		.irq = d->irq,
		.handler = nkl_guest_irq,
		.name = g->name,
		.where = where,
		.hint = "see /proc/interrupts",
		.edge_only = true,
	};
	int err;

	memset(g, 0, sizeof(*g));
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
	snprintf(where, sizeof(where), "[device %.*s] irq: ", NK_NAME_LEN, d->name);
	err = nkl_claim_irq(ld, &irq, &g->vector);
	if (err)
		goto err_release_ports;
	g->irq = d->irq;
	ld->route[g->vector] = d->owner;
	return 0;

err_release_ports:
	if (g->io_len)
		release_region(g->io_base, g->io_len);
	return err;
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
		err = nkl_claim_device(ld, &ld->devs[ld->ndevs], d);
		if (err)
			goto err_release_devices;
		ld->ndevs++;
	}
	return 0;

err_release_devices:
	nkl_release_devices(ld);
	return err;
}

/* Where the stubs of guest vectors acknowledge an interrupt. */
u32 nkl_lapic_eoi_address(void)
{
	return (u32)(APIC_BASE + APIC_EOI);
}
