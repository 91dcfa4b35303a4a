// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/host_boot.c - booting a dead host again (Documentation/ras.md),
 * when the RAS guest asks (NK_GCALL_HOST_RESTART).
 *
 * What the host armed while it lived is in the RAS region (struct
 * nk_ras_boot, include/nk/ras.h): its kernel, initrd, zero page and command
 * line.  Nothing of it is trusted: every blob must lie inside the region
 * and land inside the host's RAM below the nanokernel, and every CRC must
 * hold, or the guest is told why and the host stays down.
 *
 * Then, with the guests held as for a detach (they cannot run while the new
 * kernel boots on its own IDT), the machine is made as kexec leaves it
 * (Linux's native_machine_shutdown): the local APIC's timer stopped and
 * the APIC back in virtual-wire mode, every IO-APIC pin and PIC line
 * masked (the new host sets up its own; the loader claims the guests'
 * again when it attaches), bus mastering off on every PCI function but
 * the bridges (no DMA of the dead host's may land in the new one).  The
 * nanokernel goes DETACHED and writes the attach record a detaching loader
 * would (include/nk/attach.h), as its last write to its own region, and
 * host_boot.S copies the blobs and enters the kernel by the 32-bit boot
 * protocol.  The new host's loader attaches as after any detach.
 */
#include <nk/attach.h>
#include <nk/crc32.h>
#include <nk/ras.h>
#include "nk.h"
#include "lapic.h"
#include "os.h"
#include "sched.h"
#include "timer.h"
#include "irq.h"

#define LAPIC_LVT0		0x350
#define LAPIC_LVT1		0x360
#define LAPIC_LVTERR		0x370
#define LAPIC_DM_NMI		0x400u
#define LAPIC_DM_EXTINT		0x700u
#define IOAPIC_VER		0x01
#define IOAPIC_REDTBL		0x10
#define IOAPIC_MASKED		0x10000u
#define PCI_ADDR		0xcf8
#define PCI_DATA		0xcfc
#define PCI_CMD_MASTER		0x4u
#define PCI_CLASS_BRIDGE	0x06u

NK_STATIC_ASSERT(NK_RAS_BOOT_BLOBS <= NK_HOST_BOOT_COPIES,
		 "host_boot.S copies every blob the host armed");

static int nk_restart_asked;

/* The RAS region in the nanokernel's map: identity, 4 MB pages
 * (loader/boot.c). */
static const struct nk_ras_boot *nk_ras_boot_plan(void)
{
	const struct nk_region *r = &nk_boot_info()->config.ras;

	if (!r->size || r->size < NK_RAS_BOOT_HEAD)
		return 0;
	return (const struct nk_ras_boot *)(uint32_t)r->base;
}

/* Inside the region, landing in the host's RAM above the first page. */
static int nk_ras_blob_ok(const struct nk_ras_blob *bl, uint64_t size,
			  uint64_t host_ram)
{
	if (bl->off < NK_RAS_BOOT_HEAD || bl->off > size ||
	    bl->len > size - bl->off)
		return 0;
	if (bl->dst < NK_PAGE_SIZE || bl->dst > host_ram ||
	    bl->len > host_ram - bl->dst)
		return 0;
	return 1;
}

/* Is what the host armed whole?  0, -NK_ENOENT or -NK_EBADMSG. */
static int nk_ras_boot_check(void)
{
	const struct nk_config *c = &nk_boot_info()->config;
	const struct nk_ras_boot *b = nk_ras_boot_plan();
	const uint8_t *base = (const uint8_t *)b;
	unsigned int k;

	if (!b || b->magic != NK_RAS_BOOT_MAGIC)
		return -NK_ENOENT;
	if (b->revision != NK_RAS_REVISION || b->crc != nk_ras_boot_crc(b) ||
	    !b->blob[0].len || b->entry != b->blob[0].dst)
		return -NK_EBADMSG;
	for (k = 0; k < NK_RAS_BOOT_BLOBS; k++) {
		if (!b->blob[k].len)
			continue;
		if (!nk_ras_blob_ok(&b->blob[k], c->ras.size, c->host_ram) ||
		    nk_crc32(0, base + b->blob[k].off, b->blob[k].len) != b->blob[k].crc)
			return -NK_EBADMSG;
	}
	return 0;
}

/* Bus mastering off on every function of bus 0 but the bridges. */
static void nk_pci_quiesce(void)
{
	uint32_t dev, fn, addr, id, class, cmd;

	for (dev = 0; dev < 32; dev++) {
		for (fn = 0; fn < 8; fn++) {
			addr = 0x80000000u | dev << 11 | fn << 8;
			x86_outl(addr, PCI_ADDR);
			id = x86_inl(PCI_DATA);
			if ((id & 0xffff) == 0xffff) {
				if (!fn)
					break;
				continue;
			}
			x86_outl(addr | 0x08, PCI_ADDR);
			class = x86_inl(PCI_DATA) >> 24;
			x86_outl(addr | 0x04, PCI_ADDR);
			cmd = x86_inl(PCI_DATA) & 0xffff;
			if (class == PCI_CLASS_BRIDGE || !(cmd & PCI_CMD_MASTER))
				continue;
			x86_outl(addr | 0x04, PCI_ADDR);
			x86_outl(cmd & ~PCI_CMD_MASTER, PCI_DATA);	/* status: RW1C, 0 kept */
		}
	}
}

/* Mask the IO-APIC's pins: every one, or (host_only) those whose vector
 * is the host's, the guests' left as they are. */
static void nk_ioapic_mask(int host_only)
{
	const struct nk_boot_info *bi = nk_boot_info();
	volatile uint32_t *sel = (volatile uint32_t *)bi->ioapic_phys, *win = sel + 4;
	uint32_t pins, pin, rte;

	if (!bi->ioapic_phys)
		return;
	*sel = IOAPIC_VER;
	pins = ((*win >> 16) & 0xff) + 1;
	for (pin = 0; pin < pins; pin++) {
		*sel = IOAPIC_REDTBL + 2 * pin;
		rte = *win;
		if (!host_only || bi->route[rte & 0xffu] == NK_OS_HOST)
			*win = rte | IOAPIC_MASKED;
	}
}

/* The host died: its pins masked, the guests' left as they are. */
void nk_ioapic_mask_host(void)
{
	nk_ioapic_mask(1);
}

/* The machine as kexec leaves it for the next kernel. */
static void nk_machine_quiesce(void)
{
	nk_lapic_write(LAPIC_LVTT, LAPIC_LVT_MASKED);
	nk_lapic_write(LAPIC_TMICT, 0);
	nk_ioapic_mask(0);
	x86_outb(0xff, 0x21);	/* both PICs: every line masked */
	x86_outb(0xff, 0xa1);
	nk_pci_quiesce();
	nk_lapic_write(LAPIC_LVTERR, LAPIC_LVT_MASKED);
	nk_lapic_write(LAPIC_LVT0, LAPIC_DM_EXTINT);
	nk_lapic_write(LAPIC_LVT1, LAPIC_DM_NMI);
	nk_lapic_revive();	/* enabled, nothing in service */
}

int nk_host_restart_ask(void)
{
	int err;

	if (nk_status.state != NK_STATE_HOST_DOWN || nk_restart_asked)
		return -NK_EINVAL;
	err = nk_ras_boot_check();
	if (err)
		return err;
	nk_restart_asked = 1;
	nk_sched_hold(1);	/* the dispatcher stops; sched.c boots it */
	return 0;
}

int nk_host_restart_asked(void)
{
	return nk_restart_asked;
}

/* The copies host_boot.S makes with paging off, and where it goes. */
static void nk_host_boot_plan(struct nk_host_boot_plan *p)
{
	const struct nk_ras_boot *b = nk_ras_boot_plan();
	unsigned int k;

	p->copies = 0;
	for (k = 0; k < NK_RAS_BOOT_BLOBS; k++) {
		if (!b->blob[k].len)
			continue;
		p->copy[p->copies].src = (uint32_t)b + b->blob[k].off;
		p->copy[p->copies].dst = b->blob[k].dst;
		p->copy[p->copies].len = b->blob[k].len;
		p->copies++;
	}
	p->entry = b->entry;
	p->zero_page = b->zero_page;
}

/* Write what a detaching loader writes: the last write to the region. */
static void nk_host_boot_record(void)
{
	struct nk_attach_record *r = (struct nk_attach_record *)(NK_VIRT_BASE +
								 NK_OFF_ATTACH);
	const struct nk_image_header *h = (const struct nk_image_header *)NK_VIRT_BASE;

	memset(r, 0, sizeof(*r));
	r->abi_revision = NK_ABI_REVISION;
	r->image_checksum = h->checksum;
	r->detaches = nk_status.detach_count;
	r->state_crc = nk_attach_state_crc((const void *)NK_VIRT_BASE);
	__atomic_store_n(&r->magic, NK_ATTACH_MAGIC, __ATOMIC_SEQ_CST);
}

void nk_host_reboot(void)
{
	struct nk_host_boot_plan plan;

	nk_host_boot_plan(&plan);
	nk_timer_detach();
	nk_machine_quiesce();
	nk_host_detach();
	nk_status.detach_tsc = rdtsc();
	nk_status.detach_count++;
	nk_status.host_boot++;
	nk_status.state = NK_STATE_DETACHED;
	nk_restart_asked = 0;
	nk_host_boot_record();
	nk_host_boot((uint32_t)&plan - NK_VIRT_BASE +
		     (uint32_t)nk_boot_info()->region_phys,
		     (uint32_t)nk_boot_info()->region_phys - NK_VIRT_BASE);
}
