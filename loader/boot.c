// SPDX-License-Identifier: GPL-2.0
/*
 * loader/boot.c - put the nanokernel into its region and talk to it.
 *
 * Order of business for a load (validate, then act):
 *   1. the caller has checked the configuration and the image;
 *   2. every region is checked against the host's RAM, claimed with
 *      request_mem_region() and probed for real RAM;
 *   3. the nanokernel region is mapped, cleared, the image copied and read
 *      back, and the page directory, GDT and boot info built in it;
 *   4. the nanokernel's init entry is called through the passage.
 * Any failure undoes what was done, in reverse, so a refused load leaves
 * the host exactly as it was.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/linkage.h>
#include <asm/tsc.h>
#include <nk/image_check.h>
#include <nk/layout.h>
#include <nk/ioctl.h>
#include <nk/guest.h>
#include <nk/svc.h>
#include "loader.h"


/* Flat 4 GB ring-0 code and data descriptors. */

int nkl_refuse(struct nkl_loader *ld, int err, const char *fmt, ...)
{
	va_list ap;

	char msg[NK_ERROR_LEN];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ld->error)
		strscpy(ld->error, msg, ld->error_len);
	pr_err("nkloader: refused: %s\n", msg);
	return err;
}

static void nkl_where(const struct nk_config *cfg, const struct nkl_claim *c,
		      char *buf, size_t len)
{
	if (c->section == NK_SEC_PARTITION)
		snprintf(buf, len, "[partition %s]",
			 cfg->partitions[c->index].name);
	else
		snprintf(buf, len, "[%s]", nk_config_section_name(c->section));
}

static void nkl_add_claim(struct nkl_loader *ld, int section, int index,
			  const struct nk_region *r, const char *name)
{
	struct nkl_claim *c = &ld->claims[ld->nclaims++];

	c->section = section;
	c->index = index;
	c->base = r->base;
	c->size = r->size;
	c->res = NULL;
	snprintf(c->name, sizeof(c->name), "%s", name);
}

static void nkl_list_regions(struct nkl_loader *ld, const struct nk_config *cfg)
{
	char name[32];
	u32 i;

	ld->nclaims = 0;
	nkl_add_claim(ld, NK_SEC_NANOKERNEL, -1, &cfg->nanokernel, "nanokernel");
	nkl_add_claim(ld, NK_SEC_SHARED, -1, &cfg->shared, "nanokernel shared");
	for (i = 0; i < cfg->npartitions; i++) {
		snprintf(name, sizeof(name), "nanokernel partition %s",
			 cfg->partitions[i].name);
		nkl_add_claim(ld, NK_SEC_PARTITION, i, &cfg->partitions[i].mem,
			      name);
	}
	if (cfg->ras.size)
		nkl_add_claim(ld, NK_SEC_RAS, -1, &cfg->ras, "nanokernel ras");
}

/* Does the word at pa keep what is written?  Memory beyond the machine's
 * RAM reads back all ones.  The old contents are put back. */
static bool nkl_probe_word(u64 pa)
{
	static const u32 pattern[2] = { 0x5aa5c33cu, 0xa55a3cc3u };
	u32 *page = memremap(pa & PAGE_MASK, PAGE_SIZE, MEMREMAP_WB);
	u32 *w, old;
	bool ok = true;
	int i;

	if (!page)
		return false;
	w = page + (pa & ~PAGE_MASK) / 4;
	old = READ_ONCE(*w);
	for (i = 0; i < 2; i++) {
		WRITE_ONCE(*w, pattern[i]);
		if (READ_ONCE(*w) != pattern[i])
			ok = false;
	}
	WRITE_ONCE(*w, old);
	memunmap(page);
	return ok;
}

/* Probe each megabyte of the region and its last word. */
static int nkl_probe_ram(const struct nkl_claim *c, u64 *bad)
{
	u64 off;

	for (off = 0; off < c->size; off += SZ_1M) {
		if (!nkl_probe_word(c->base + off)) {
			*bad = c->base + off;
			return -ENXIO;
		}
	}
	if (!nkl_probe_word(c->base + c->size - 4)) {
		*bad = c->base + c->size - 4;
		return -ENXIO;
	}
	return 0;
}

static void nkl_release_regions(struct nkl_loader *ld)
{
	int i;

	for (i = ld->nclaims - 1; i >= 0; i--) {
		if (ld->claims[i].res)
			release_mem_region(ld->claims[i].base, ld->claims[i].size);
		ld->claims[i].res = NULL;
	}
}

/* Claim one region; after a refusal, it is not claimed. */
static int nkl_claim_one(struct nkl_loader *ld, struct nkl_claim *c)
{
	u64 end = c->base + c->size - 1, bad = 0;
	char where[40];
	int err;

	nkl_where(&ld->cfg, c, where, sizeof(where));
	if (region_intersects(c->base, c->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT)
		return nkl_refuse(ld, -EBUSY, "%s base: 0x%llx-0x%llx overlaps "
				  "RAM the host uses (was the host booted without "
				  "mem=?)", where, c->base, end);
	c->res = request_mem_region(c->base, c->size, c->name);
	if (!c->res)
		return nkl_refuse(ld, -EBUSY, "%s base: 0x%llx-0x%llx is already "
				  "claimed (see /proc/iomem)", where, c->base, end);
	err = nkl_probe_ram(c, &bad);
	if (err)
		goto err_release_region;
	return 0;

err_release_region:
	release_mem_region(c->base, c->size);
	c->res = NULL;
	return nkl_refuse(ld, err, "%s size: 0x%llx-0x%llx is beyond the "
			  "machine's RAM (no RAM at 0x%llx)", where, c->base,
			  end, bad);
}

static int nkl_claim_regions(struct nkl_loader *ld)
{
	int i, err;

	nkl_list_regions(ld, &ld->cfg);
	for (i = 0; i < ld->nclaims; i++) {
		err = nkl_claim_one(ld, &ld->claims[i]);
		if (err)
			goto err_release_regions;
	}
	return 0;

err_release_regions:
	nkl_release_regions(ld);
	return err;
}

/*
 * The nanokernel's page directory: its region at NK_VIRT_BASE and at its
 * physical address (4 MB pages), and the first 4 MB again at the host's
 * mapping, through small pages, for the passage.
 */
static int nkl_build_pgd(struct nkl_loader *ld)
{
	u32 phys = (u32)ld->cfg.nanokernel.base, size = (u32)ld->cfg.nanokernel.size;
	u32 *pgd = ld->va + NK_OFF_PGD, *pt = ld->va + NK_OFF_ALIAS_PT;
	u32 alias = (u32)(unsigned long)ld->va, off, first = alias >> NK_PDE_SHIFT;

	/* From nothing: an attach finds the last loader's map of us here. */
	memset(pgd, 0, PAGE_SIZE);
	memset(pt, 0, NK_ALIAS_PT_COUNT * PAGE_SIZE);
	for (off = 0; off < size; off += NK_REGION_ALIGN) {
		pgd[(NK_VIRT_BASE + off) >> NK_PDE_SHIFT] = (phys + off) | NK_PDE_PS | NK_PDE_RW | NK_PDE_P;
		pgd[(phys + off) >> NK_PDE_SHIFT] = (phys + off) | NK_PDE_PS | NK_PDE_RW | NK_PDE_P;
	}
	for (off = 0; off < NK_REGION_MIN; off += PAGE_SIZE) {
		u32 va = alias + off, k = (va >> NK_PDE_SHIFT) - first;

		if (pgd[va >> NK_PDE_SHIFT] & NK_PDE_PS)
			return nkl_refuse(ld, -EINVAL, "host mapping 0x%x collides "
					  "with the nanokernel's own map", alias);
		pt[k * 1024 + ((va >> PAGE_SHIFT) & 1023)] = (phys + off) | NK_PDE_RW | NK_PDE_P;
		pgd[va >> NK_PDE_SHIFT] = (phys + NK_OFF_ALIAS_PT + k * PAGE_SIZE) |
					 NK_PDE_RW | NK_PDE_P;
	}
	/* The shared region, for the nanokernel and the guests. */
	for (off = 0; off < (u32)ld->cfg.shared.size; off += NK_REGION_ALIGN)
		pgd[(NK_SHARED_VIRT_BASE + off) >> NK_PDE_SHIFT] =
			((u32)ld->cfg.shared.base + off) | NK_PDE_PS | NK_PDE_RW | NK_PDE_P;
	/* The RAS region, at its physical address: the nanokernel boots a
	 * dead host from it (nanokernel/host_boot.c). */
	for (off = 0; off < (u32)ld->cfg.ras.size; off += NK_REGION_ALIGN)
		pgd[((u32)ld->cfg.ras.base + off) >> NK_PDE_SHIFT] =
			((u32)ld->cfg.ras.base + off) | NK_PDE_PS | NK_PDE_RW | NK_PDE_P;
	/* The local APIC and IO-APIC, uncached, at their physical address. */
	off = (u32)ld->lapic_phys & ~(NK_REGION_ALIGN - 1);
	if (pgd[off >> NK_PDE_SHIFT])
		return nkl_refuse(ld, -EINVAL, "the local APIC at 0x%llx collides "
				  "with the nanokernel's own map", ld->lapic_phys);
	pgd[off >> NK_PDE_SHIFT] = off | NK_PDE_PS | NK_PDE_PCD | NK_PDE_PWT | NK_PDE_RW | NK_PDE_P;
	ld->pgd_phys = phys + NK_OFF_PGD;
	return 0;
}

static void nkl_build_gdt(struct nkl_loader *ld)
{
	u64 *gdt = ld->va + NK_OFF_GDT;

	gdt[NK_CS >> 3] = NK_GDT_CODE32;
	gdt[NK_DS >> 3] = NK_GDT_DATA32;
}

/*
 * The first IO-APIC, as Linux registered it ("IOAPIC 0" in /proc/iomem),
 * when it lies in the local APIC's 4 MB page, which the nanokernel maps:
 * it masks its pins before it boots a dead host again.  0 otherwise.
 */
static u32 nkl_ioapic_phys(struct nkl_loader *ld)
{
	struct resource *r;

	for (r = iomem_resource.child; r; r = r->sibling)
		if (r->name && !strcmp(r->name, "IOAPIC 0") &&
		    !((r->start ^ ld->lapic_phys) >> NK_PDE_SHIFT))
			return (u32)r->start;
	return 0;
}

static void nkl_build_boot_info(struct nkl_loader *ld)
{
	struct nk_boot_info *bi = ld->va + NK_OFF_BOOTINFO;
	int i;

	bi->magic = NK_BOOTINFO_MAGIC;
	bi->abi_revision = NK_ABI_REVISION;
	bi->region_phys = ld->cfg.nanokernel.base;
	bi->region_size = ld->cfg.nanokernel.size;
	bi->host_alias = (u32)(unsigned long)ld->va;
	bi->pgd_phys = ld->pgd_phys;
	bi->lapic_eoi = nkl_lapic_eoi_address();
	bi->lapic_phys = (u32)ld->lapic_phys;
	bi->tsc_khz = tsc_khz;
	bi->host_timer_vector = ld->timer_vector;
	bi->nk_vector = ld->nk_vector;
	bi->doorbell_vector = ld->doorbell_vector;
	bi->flags = nkl_test_hooks ? NK_BOOT_TEST_HOOKS : 0;
	bi->ioapic_phys = nkl_ioapic_phys(ld);
	bi->config = ld->cfg;
	memcpy(bi->route, ld->route, sizeof(bi->route));
	memset(bi->vector_irq, NK_NO_VECTOR_IRQ, sizeof(bi->vector_irq));
	for (i = 0; i < ld->ndevs; i++)
		if (ld->devs[i].irq)
			bi->vector_irq[ld->devs[i].vector] = ld->devs[i].irq;
}

/* head.S takes its arguments on the stack (cdecl); the kernel's own
 * convention is regparm(3), hence asmlinkage. */
typedef asmlinkage int (*nkl_passage_fn)(u32 nk_cr3, u32 nk_entry, u32 call,
					 u32 arg);

int nkl_loader_call(struct nkl_loader *ld, u32 call, u32 arg)
{
	nkl_passage_fn enter = (nkl_passage_fn)(ld->va + ld->hdr.entry_host);
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = enter(ld->pgd_phys, NK_VIRT_BASE + ld->hdr.entry_nk, call, arg);
	local_irq_restore(flags);
	return ret;
}

void nkl_loader_read_status(struct nkl_loader *ld, struct nk_status *st)
{
	memcpy(st, ld->va + ld->hdr.status_offset, sizeof(*st));
}

/* The test hook: with test_hooks=1 test_spacer=1, a second mapping of
 * the shared region's first 4 MB is made before the nanokernel region's,
 * so that the host's alias of the nanokernel moves, as it will after the
 * host is booted again (87-reattach.sh attaches across such a move). */
static bool nkl_test_spacer;
module_param_named(test_spacer, nkl_test_spacer, bool, 0444);
MODULE_PARM_DESC(test_spacer, "move the host's mapping of the nanokernel "
		 "(needs test_hooks=1): for the test suite only (default off)");

/*
 * Map the shared and the nanokernel region.  What it mapped stays mapped
 * when it refuses: nkl_release_all() unmaps it, after the doorbell's IRQ,
 * whose handler reads ld->va.
 */
static int nkl_map_regions(struct nkl_loader *ld)
{
	if (ld->cfg.shared.base % NK_REGION_ALIGN || ld->cfg.shared.size % NK_REGION_ALIGN)
		return nkl_refuse(ld, -EINVAL, "[shared] base: the shared region "
				  "must be 4 MB aligned (it is mapped with 4 MB pages)");
	ld->shared_va = memremap(ld->cfg.shared.base, ld->cfg.shared.size,
				 MEMREMAP_WB);
	if (!ld->shared_va)
		return nkl_refuse(ld, -ENOMEM, "[shared] base: cannot map 0x%llx",
				  ld->cfg.shared.base);
	if (nkl_test_hooks && nkl_test_spacer)
		ld->spacer_va = memremap(ld->cfg.shared.base, NK_REGION_ALIGN,
					 MEMREMAP_WB);
	ld->va = memremap(ld->cfg.nanokernel.base, ld->cfg.nanokernel.size,
			  MEMREMAP_WB);
	if (!ld->va)
		return nkl_refuse(ld, -ENOMEM, "[nanokernel] base: cannot map "
				  "0x%llx", ld->cfg.nanokernel.base);
	return 0;
}

/* A fresh start: the regions cleared, the image copied in and read back. */
static int nkl_lay_down(struct nkl_loader *ld, const void *image, size_t len)
{
	/* Everything but the RAS and PNVM areas, which outlive loads (svc.h). */
	memset(ld->shared_va, 0, ld->cfg.shared.size >= NK_SVC_MIN_SHARED ?
	       ld->cfg.shared.size - NK_SVC_KEPT : ld->cfg.shared.size);
	memset(ld->va, 0, NK_OFF_FREE);
	memcpy(ld->va, image, len);
	if (nk_image_checksum(ld->va, len) != ld->hdr.checksum)
		return nkl_refuse(ld, -EIO, "[nanokernel] base: the image does not "
				  "read back from 0x%llx", ld->cfg.nanokernel.base);
	return 0;
}

/* Unmap and release everything a load claimed, in reverse. */
static void nkl_release_all(struct nkl_loader *ld)
{
	nkl_svc_unclaim(ld);	/* first: the doorbell's handler reads ld->va */
	if (ld->va)
		memunmap(ld->va);
	if (ld->spacer_va)
		memunmap(ld->spacer_va);
	if (ld->shared_va)
		memunmap(ld->shared_va);
	ld->spacer_va = NULL;
	ld->va = NULL;
	ld->shared_va = NULL;
	nkl_timer_unclaim(ld);
	nkl_release_devices(ld);
	nkl_release_regions(ld);
}

/*
 * What the nanokernel needs of the host: its regions, the guests' devices,
 * the tick's IRQ and the doorbell's.  After a refusal, none is claimed.
 */
static int nkl_claim_all(struct nkl_loader *ld)
{
	int err;

	err = nkl_claim_regions(ld);
	if (err)
		return err;
	err = nkl_claim_devices(ld);
	if (err)
		goto err_release_regions;
	err = nkl_timer_claim(ld);
	if (err)
		goto err_release_devices;
	err = nkl_svc_claim(ld);
	if (err)
		goto err_unclaim_timer;
	return 0;

err_unclaim_timer:
	nkl_timer_unclaim(ld);
err_release_devices:
	nkl_release_devices(ld);
err_release_regions:
	nkl_release_regions(ld);
	return err;
}

/* The nanokernel's init entry, which must leave it ready. */
static int nkl_call_init(struct nkl_loader *ld)
{
	struct nk_status st;
	int err;

	err = nkl_loader_call(ld, NK_CALL_INIT, 0);
	nkl_loader_read_status(ld, &st);
	if (err || st.state != NK_STATE_READY)
		return nkl_refuse(ld, -EIO, "the nanokernel's init failed: %d "
				  "(state %u, fault vector %u at 0x%x)", err,
				  st.state, st.fault_vector, st.fault_eip);
	return 0;
}

/* A fresh start: the image laid down, its maps and boot info built, init. */
static int nkl_start_fresh(struct nkl_loader *ld, const void *image, size_t len)
{
	int err = nkl_lay_down(ld, image, len);

	if (err)
		return err;
	err = nkl_build_pgd(ld);
	if (err)
		return err;
	nkl_build_gdt(ld);
	nkl_build_boot_info(ld);
	return nkl_call_init(ld);
}

/*
 * Attach to a nanokernel a loader left detached (attach.c said we may):
 * our map of it and our boot info (this host's mapping, vectors and IRQs;
 * the same configuration), then its attach call.  Refused there, it stays
 * detached and its record is written anew, so that nothing is lost.
 */
static int nkl_attach(struct nkl_loader *ld)
{
	int err = nkl_build_pgd(ld);

	if (!err) {
		nkl_build_boot_info(ld);
		err = nkl_loader_call(ld, NK_CALL_ATTACH, 0);
		if (err)
			err = nkl_refuse(ld, -EIO, "the detached nanokernel refused "
					 "to attach: %d", err);
	}
	if (err)
		nkl_attach_record_write(ld);
	else
		nkl_attach_record_clear(ld);
	return err;
}

/*
 * The last steps of a detach, also when an attach fails after the
 * nanokernel's attach call: the guests are held; the timer and the IDT go
 * back to Linux, the nanokernel is told, the record is written, and the
 * host side is given up.
 */
static void nkl_leave(struct nkl_loader *ld)
{
	int err;

	nkl_timer_detach(ld);
	nkl_idt_detach(ld);
	nkl_idt_release(ld);
	nkl_loader_call(ld, NK_CALL_HOST_DETACH, 0);	/* an attach cut short */
	err = nkl_loader_call(ld, NK_CALL_DETACH, 0);
	if (err < 0)
		pr_warn("nkloader: the nanokernel refused to detach: %d\n", err);
	else if (err)
		pr_info("nkloader: %d references host processes held to segments "
			"and PNVM regions were given back\n", err);
	nkl_attach_record_write(ld);
	nkl_release_all(ld);
}

int nkl_loader_load(struct nkl_loader *ld, const struct nk_config *cfg,
		    const void *image, size_t len, u32 flags, bool *attached)
{
	int err, found;

	ld->cfg = *cfg;
	memcpy(&ld->hdr, image, sizeof(ld->hdr));
	ld->merge_calls = ld->merge_tsc = 0;
	err = nkl_claim_all(ld);
	if (err)
		return err;
	err = nkl_map_regions(ld);
	if (err)
		goto err_release_all;
	found = (flags & NK_LOAD_REPLACE) ? 0 : nkl_attach_check(ld, &ld->hdr);
	err = found < 0 ? found : 0;
	if (!err && !found && (flags & NK_LOAD_ATTACH))
		err = nkl_refuse(ld, -ENOENT, "[nanokernel] base: no detached "
				 "nanokernel at 0x%llx to attach to",
				 cfg->nanokernel.base);
	if (err)
		goto err_release_all;
	err = found ? nkl_attach(ld) : nkl_start_fresh(ld, image, len);
	if (err)
		goto err_release_all;
	err = nkl_idt_attach(ld);
	if (err)
		goto err_shutdown;
	err = nkl_timer_attach(ld);
	if (err)
		goto err_detach_idt;
	if (found)
		nkl_loader_call(ld, NK_CALL_HOLD, 0);	/* the guests go on */
	ld->loaded = true;
	ld->detached = false;
	*attached = found;
	nkl_ras_heartbeat_start(ld);
	pr_info("nkloader: nanokernel %u.%u.%u %s at 0x%llx (%u bytes), "
		"host alias 0x%px\n", NK_VERSION_MAJOR(ld->hdr.version),
		NK_VERSION_MINOR(ld->hdr.version), NK_VERSION_PATCH(ld->hdr.version),
		found ? "attached again" : "loaded", cfg->nanokernel.base,
		ld->hdr.file_size, ld->va);
	return 0;

err_detach_idt:
	nkl_idt_detach(ld);
	nkl_idt_release(ld);
err_shutdown:
	if (found) {
		nkl_leave(ld);		/* detached again, as it was */
		return err;
	}
	nkl_loader_call(ld, NK_CALL_SHUTDOWN, 0);
err_release_all:
	nkl_release_all(ld);
	return err;
}

/*
 * Detach: the nanokernel, its guests and the services stay as they are,
 * and nothing of them runs until a load attaches again.  The caller made
 * sure no host process has a segment or region mapped or is taking a
 * handle; the handles processes hold die with this side (the epoch), and
 * the nanokernel gives back their references.
 */
void nkl_loader_detach(struct nkl_loader *ld)
{
	WRITE_ONCE(ld->loaded, false);	/* service sleepers, woken below, see it */
	nkl_ras_heartbeat_stop();
	nkl_svc_copies_drain();	/* and no receive copies out of the region */
	nkl_loader_call(ld, NK_CALL_HOLD, 1);
	nkl_leave(ld);
	ld->detached = true;
	pr_info("nkloader: nanokernel detached, its guests wait for a load to "
		"attach again\n");
}

void nkl_loader_unload(struct nkl_loader *ld)
{
	int err;

	WRITE_ONCE(ld->loaded, false);	/* service sleepers, woken below, see it */
	nkl_ras_heartbeat_stop();
	nkl_svc_copies_drain();	/* and no receive copies out of the region */
	nkl_timer_detach(ld);
	nkl_idt_detach(ld);
	nkl_idt_release(ld);
	err = nkl_loader_call(ld, NK_CALL_SHUTDOWN, 0);

	if (err)
		pr_warn("nkloader: the nanokernel refused to shut down: %d\n", err);
	nkl_release_all(ld);
	ld->detached = false;
	pr_info("nkloader: nanokernel unloaded\n");
}
