/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/attach.h - the CRC an attach record (image.h) carries of the
 * nanokernel's state, computed the same way by the two that write one: the
 * loader that detaches (loader/attach.c) and the nanokernel that boots the
 * host again (nanokernel/ras.c), and by the loader that attaches.
 *
 * It covers the region's first NK_OFF_FREE bytes (image, data, boot info,
 * GDT, IDTs, tables) but three parts: the record's own page; the
 * nanokernel's page directory and the alias page tables, which every
 * attach builds anew and whose accessed and dirty bits the CPU sets on
 * its own (the nanokernel still runs on them after it wrote the record);
 * and the nanokernel's stack, which holds nothing from one entry to the
 * next and which it is still running on.
 */
#ifndef NK_ATTACH_H
#define NK_ATTACH_H

#include "crc32.h"
#include "layout.h"

NK_STATIC_ASSERT(NK_OFF_ATTACH < NK_OFF_PGD && NK_OFF_PGD < NK_OFF_ALIAS_PT &&
		 NK_OFF_ALIAS_PT + NK_ALIAS_PT_COUNT * NK_PAGE_SIZE <= NK_OFF_GDT &&
		 NK_OFF_GDT < NK_OFF_STACK, "the parts left out, in this order");

static inline uint32_t nk_attach_state_crc(const void *region)
{
	const uint8_t *r = (const uint8_t *)region;
	uint32_t crc = nk_crc32(0, r, NK_OFF_ATTACH);

	crc = nk_crc32(crc, r + NK_OFF_GDT, NK_OFF_STACK - NK_OFF_GDT);
	return nk_crc32(crc, r + NK_OFF_STACK + NK_STACK_SIZE,
			NK_OFF_FREE - NK_OFF_STACK - NK_STACK_SIZE);
}

#endif /* NK_ATTACH_H */
