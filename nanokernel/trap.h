/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/trap.h - the nanokernel's own descriptor tables (desc.c: its
 * IDT, its task and the double-fault task) and its exceptions (trap.c).
 * The entries from the assembly are in entry.h.
 */
#ifndef NANOKERNEL_TRAP_H
#define NANOKERNEL_TRAP_H

#include <nk/layout.h>
#include "x86.h"

/* desc.c: the nanokernel's own task (in TR while it or a guest runs: a
 * double fault saves the faulting state here) and the double-fault task,
 * on a page of their own that guests' maps have writable (the CPU writes
 * both on a task switch, from the address space it switches from). */
static inline struct x86_tss *nk_tss(void)
{
	return (struct x86_tss *)(NK_VIRT_BASE + NK_OFF_TSS);
}

static inline struct x86_tss *nk_df_tss(void)
{
	return (struct x86_tss *)(NK_VIRT_BASE + NK_OFF_TSS + NK_TSS_STRIDE);
}
/* The segments, flags and page directory a task of the nanokernel runs with. */
void nk_tss_flat(struct x86_tss *t);

/* desc.c: the GDT and TSS entries the nanokernel relies on, checked after
 * a guest ran (and put right): 1 if they were intact. */
int nk_desc_intact(void);

/* trap.c: NK_CALL_FAULT_TEST: raise exception vector on purpose. */
int nk_trap_test(uint32_t vector);

#endif /* NANOKERNEL_TRAP_H */
