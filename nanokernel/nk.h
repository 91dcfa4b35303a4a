/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/nk.h - what every file of the nanokernel uses: the interface
 * headers, the status the loader reads, and the boot information the
 * loader wrote before the first call (checked once, in call.c, before
 * anything trusts it).  Each subsystem has its own header besides.
 */
#ifndef NANOKERNEL_NK_H
#define NANOKERNEL_NK_H

#include <nk/layout.h>
#include <nk/image.h>
#include <nk/errno.h>
#include "x86.h"

extern struct nk_status nk_status;	/* call.c */

static inline const struct nk_boot_info *nk_boot_info(void)
{
	return (const struct nk_boot_info *)(NK_VIRT_BASE + NK_OFF_BOOTINFO);
}

/* The partitions of the configuration, as far as our tables go. */
static inline unsigned int nk_npartitions(void)
{
	uint32_t n = nk_boot_info()->config.npartitions;

	return n < NK_MAX_PARTITIONS ? n : NK_MAX_PARTITIONS;
}

#endif /* NANOKERNEL_NK_H */
