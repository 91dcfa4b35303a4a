// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/guest_map.c - a guest's address space, and the window
 * through which the nanokernel sees the running guest's memory.
 *
 * A guest runs in ring 0, so only its page directory keeps a wild pointer
 * of its own from the nanokernel and from the other OSes.  Its map holds:
 *   - its partition, read-write, at NK_GUEST_VIRT_BASE (4 MB pages);
 *   - the nanokernel's image (code, data, its IDT), read-only: the entry
 *     stubs run there until they have loaded the nanokernel's own page
 *     directory, which they do before they touch anything else of it;
 *   - the GDT and the TSS page, writable: the CPU itself writes them on a
 *     task switch (the double-fault task gate) and on a segment load,
 *     from the address space it runs in;
 *   - its own struct nk_vcpu page, read-write;
 *   - of the shared region, only the segments and PNVM regions it has
 *     opened (nanokernel/svc.c maps them), with the access their mode
 *     gives it.
 * Nothing else: not the rest of the nanokernel's region (its stack,
 * status, tables), not the other guests, not the host's memory, not the
 * local APIC.  A write anywhere else faults and stops that guest alone.
 *
 * The nanokernel always runs on its own page directory, which maps the
 * running guest's partition at NK_GUEST_VIRT_BASE too (the window), so a
 * guest's pointers mean the same on both sides.
 */
#include "nk.h"
#include "os.h"

#define NK_PTE_P	NK_PDE_P	/* a page table entry's bits: the same */
#define NK_PTE_RW	NK_PDE_RW
#define NK_PTES		1024u		/* per page table: 4 MB */
#define NK_GUEST_SHARED_MAX	((NK_GUEST_PT_PAGES - 1) * NK_REGION_ALIGN)

extern const char __nk_end[];	/* nk.lds: the image's end, bss included */

static int nk_window = -1;	/* the guest the window shows, or -1 */
static uint32_t nk_window_pdes;	/* how many of its PDEs are set */

static uint32_t *nk_page(uint32_t off)
{
	return (uint32_t *)(NK_VIRT_BASE + off);
}

static uint32_t nk_phys(uint32_t off)
{
	return (uint32_t)nk_boot_info()->region_phys + off;
}

/* Guest i's page table k: 0 the nanokernel's first 4 MB, 1.. the shared region. */
static uint32_t nk_pt_off(unsigned int i, unsigned int k)
{
	return NK_OFF_GUEST_PT + (i * NK_GUEST_PT_PAGES + k) * NK_PAGE_SIZE;
}

/* What guest i sees of the nanokernel's region. */
static void nk_map_nanokernel(unsigned int i, uint32_t *pgd)
{
	uint32_t *pt = nk_page(nk_pt_off(i, 0));
	uint32_t off, end = ((uint32_t)__nk_end - NK_VIRT_BASE + NK_PAGE_SIZE - 1) &
			    ~(NK_PAGE_SIZE - 1);

	memset(pt, 0, NK_PAGE_SIZE);
	for (off = 0; off < end; off += NK_PAGE_SIZE)
		pt[off / NK_PAGE_SIZE] = nk_phys(off) | NK_PTE_P;
	pt[NK_OFF_GDT / NK_PAGE_SIZE] = nk_phys(NK_OFF_GDT) | NK_PTE_RW | NK_PTE_P;
	pt[NK_OFF_TSS / NK_PAGE_SIZE] = nk_phys(NK_OFF_TSS) | NK_PTE_RW | NK_PTE_P;
	off = NK_OFF_VCPU + i * NK_PAGE_SIZE;
	pt[off / NK_PAGE_SIZE] = nk_phys(off) | NK_PTE_RW | NK_PTE_P;
	pgd[NK_VIRT_BASE >> NK_PDE_SHIFT] = nk_phys(nk_pt_off(i, 0)) | NK_PDE_RW | NK_PDE_P;
}

/* The shared region's page tables, every entry empty until a mapping. */
static void nk_map_shared_tables(unsigned int i, uint32_t *pgd)
{
	uint32_t size = (uint32_t)nk_boot_info()->config.shared.size, k;

	for (k = 1; k < NK_GUEST_PT_PAGES && (k - 1) * NK_REGION_ALIGN < size; k++) {
		memset(nk_page(nk_pt_off(i, k)), 0, NK_PAGE_SIZE);
		pgd[(NK_SHARED_VIRT_BASE + (k - 1) * NK_REGION_ALIGN) >> NK_PDE_SHIFT] =
			nk_phys(nk_pt_off(i, k)) | NK_PDE_RW | NK_PDE_P;
	}
}

void nk_map_build(unsigned int i, const struct nk_partition *p)
{
	uint32_t *pgd = nk_page(NK_OFF_OS_PGD + i * NK_PAGE_SIZE), off;

	memset(pgd, 0, NK_PAGE_SIZE);
	for (off = 0; off < (uint32_t)p->mem.size; off += NK_REGION_ALIGN)
		pgd[(NK_GUEST_VIRT_BASE + off) >> NK_PDE_SHIFT] =
			((uint32_t)p->mem.base + off) | NK_PDE_PS | NK_PDE_RW | NK_PDE_P;
	nk_map_nanokernel(i, pgd);
	nk_map_shared_tables(i, pgd);
	nk_os[i].pgd_phys = nk_phys(NK_OFF_OS_PGD + i * NK_PAGE_SIZE);
	nk_os[i].part_size = (uint32_t)p->mem.size;
	if (nk_window == (int)i)
		nk_window = -1;		/* its partition may have moved: map again */
}

/* [off, off + size) of the shared region into (or, pte 0, out of) guest i's map. */
static int nk_map_range(unsigned int i, uint32_t off, uint32_t size, uint32_t pte)
{
	uint32_t end = off + size, page;

	if (off % NK_PAGE_SIZE || size % NK_PAGE_SIZE || end < off ||
	    end > NK_GUEST_SHARED_MAX || end > nk_boot_info()->config.shared.size)
		return -NK_ENOSPC;
	for (page = off; page < end; page += NK_PAGE_SIZE) {
		uint32_t *pt = nk_page(nk_pt_off(i, 1 + page / NK_REGION_ALIGN));

		pt[(page % NK_REGION_ALIGN) / NK_PAGE_SIZE] =
			pte ? ((uint32_t)nk_boot_info()->config.shared.base + page) | pte : 0;
	}
	return 0;
}

int nk_map_shared(unsigned int i, uint32_t off, uint32_t size, int writable)
{
	return nk_map_range(i, off, size, writable ? NK_PTE_RW | NK_PTE_P : NK_PTE_P);
}

void nk_map_unshare(unsigned int i, uint32_t off, uint32_t size)
{
	nk_map_range(i, off, size, 0);
}

/*
 * The nanokernel's own page directory shows guest i's partition in the
 * window from now on.  A change is followed by a CR3 load, which drops
 * what the TLB held of the last guest's.
 */
void nk_map_window(unsigned int i)
{
	uint32_t *pgd = nk_page(NK_OFF_PGD), *gpgd, k, n;

	if (nk_window == (int)i)
		return;
	gpgd = nk_page(NK_OFF_OS_PGD + i * NK_PAGE_SIZE);
	n = nk_os[i].part_size / NK_REGION_ALIGN;
	for (k = 0; k < n || k < nk_window_pdes; k++)
		pgd[(NK_GUEST_VIRT_BASE >> NK_PDE_SHIFT) + k] =
			k < n ? gpgd[(NK_GUEST_VIRT_BASE >> NK_PDE_SHIFT) + k] : 0;
	nk_window_pdes = n;
	nk_window = (int)i;
	x86_write_cr3(nk_boot_info()->pgd_phys);
}

/* At init: the window's PDEs must be free in the loader's map of us. */
int nk_map_init(void)
{
	const uint32_t *pgd = nk_page(NK_OFF_PGD);
	uint32_t k;

	for (k = 0; k < (NK_SHARED_VIRT_BASE - NK_GUEST_VIRT_BASE) >> NK_PDE_SHIFT; k++)
		if (pgd[(NK_GUEST_VIRT_BASE >> NK_PDE_SHIFT) + k])
			return -NK_EINVAL;
	nk_window = -1;
	nk_window_pdes = 0;
	return 0;
}
