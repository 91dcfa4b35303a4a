/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/layout.h - where things live in the nanokernel's region.
 *
 * The nanokernel is linked at NK_VIRT_BASE and runs on its own page
 * directory, which maps its physical region there (4 MB pages), identity-maps
 * the same region, and aliases it at the host's memremap() address so the
 * passage code is mapped in both address spaces.  Offsets below are from the
 * start of the region; Documentation/memory-map.md draws the picture.
 */
#ifndef NK_LAYOUT_H
#define NK_LAYOUT_H

#include "types.h"

#define NK_VIRT_BASE		NK_U(0x00400000)	/* link address of the image */
#define NK_REGION_ALIGN		NK_U(0x00400000)	/* region base and size: 4 MB */
#define NK_REGION_MIN		NK_U(0x00400000)
#define NK_REGION_MAX		NK_U(0x01000000)	/* 16 MB: one PDE run is enough */

#define NK_IMAGE_MAX		NK_U(0x00010000)	/* text+data+bss budget: 64 KB */

/* Pages the loader builds for the nanokernel, after the image area. */
#define NK_OFF_BOOTINFO		NK_U(0x00040000)	/* struct nk_boot_info (a page) */
#define NK_OFF_ATTACH		NK_U(0x00041000)	/* struct nk_attach_record,
							 * left by a detach (a page) */
#define NK_OFF_PGD		NK_U(0x00042000)	/* page directory */
#define NK_OFF_ALIAS_PT		NK_U(0x00043000)	/* 2 page tables: host alias */
#define NK_ALIAS_PT_COUNT	NK_U(2)
#define NK_OFF_GDT		NK_U(0x00047000)	/* GDT (one page) */
#define NK_OFF_STACK		NK_U(0x00048000)	/* nanokernel stack ... */
#define NK_STACK_SIZE		NK_U(0x00008000)	/* ... 32 KB, grows down */

/* The host's interrupt path (Documentation/interrupts.md). */
#define NK_OFF_LINUX_IDT	NK_U(0x00050000)	/* copy of Linux's IDT (loader) */
#define NK_OFF_HOST_IDT		NK_U(0x00051000)	/* the IDT the host runs on */
#define NK_OFF_HOST_STUBS	NK_U(0x00052000)	/* 256 stubs of NK_STUB_SIZE */
#define NK_STUB_SIZE		NK_U(32)
#define NK_OFF_IRQ_COUNTS	NK_U(0x00054000)	/* struct nk_irq_counts */

/* Guests (Documentation/guests.md). */
#define NK_OFF_OS_STATUS	NK_U(0x00058000)	/* struct nk_os_status[] */
#define NK_OFF_OS_PGD		NK_U(0x00059000)	/* one page directory per
							 * partition */
#define NK_OFF_DOORBELL		NK_U(0x0005d000)	/* struct nk_doorbell of the
							 * host (svc.h) */
#define NK_OFF_TSS		NK_U(0x0005e000)	/* the nanokernel's two TSSs:
							 * the CPU writes them from a
							 * guest's address space too */
#define NK_TSS_STRIDE		NK_U(0x80)
#define NK_OFF_VCPU		NK_U(0x00060000)	/* struct nk_vcpu, a page per
							 * partition (guest.h) */
#define NK_OFF_GUEST_PT		NK_U(0x00064000)	/* page tables of each guest's
							 * map (nanokernel/guest.c) */
#define NK_GUEST_PT_PAGES	NK_U(5)			/* the nanokernel's first 4 MB,
							 * then 16 MB of shared region */
#define NK_OFF_FREE		NK_U(0x00078000)	/* first byte not yet assigned */

/* Selectors of the nanokernel's GDT: the same values as Linux's
 * __KERNEL_CS/__KERNEL_DS, so a frame saved by either side is valid in both. */
#define NK_GDT_ENTRIES		NK_U(16)
#define NK_CS			NK_U(0x60)
#define NK_DS			NK_U(0x68)
#define NK_TSS_SEL		NK_U(0x70)	/* the nanokernel's own task, in TR
						 * while it or a guest runs */
#define NK_DF_TSS_SEL		NK_U(0x78)	/* the double-fault task */

#define NK_PAGE_SIZE		NK_U(0x1000)

/* The descriptors of NK_CS and NK_DS: flat 4 GB, ring 0, 32-bit, already
 * marked accessed, so that loading them never makes the CPU write the GDT. */
#define NK_GDT_CODE32		0x00cf9b000000ffffULL
#define NK_GDT_DATA32		0x00cf93000000ffffULL

/* Page directory entries of the maps the loader and the nanokernel build
 * (non-PAE: 4 MB pages with CR4.PSE, which Linux sets). */
#define NK_PDE_P		NK_U(0x001)	/* present */
#define NK_PDE_RW		NK_U(0x002)	/* writable */
#define NK_PDE_PWT		NK_U(0x008)	/* write-through */
#define NK_PDE_PCD		NK_U(0x010)	/* uncached: device registers */
#define NK_PDE_PS		NK_U(0x080)	/* a 4 MB page */
#define NK_PDE_SHIFT		22		/* bits of address a PDE maps */

#endif /* NK_LAYOUT_H */
