/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/trap.h - the nanokernel's own descriptor tables (desc.c: its
 * IDT, its task and the double-fault task) and its exceptions (trap.c).
 * The entries from the assembly are in entry.h.
 */
#ifndef NANOKERNEL_TRAP_H
#define NANOKERNEL_TRAP_H

#include "x86.h"

/* desc.c: the nanokernel's own task (in TR while it or a guest runs: a
 * double fault saves the faulting state here). */
extern struct x86_tss nk_tss;
/* The segments, flags and page directory a task of the nanokernel runs with. */
void nk_tss_flat(struct x86_tss *t);

/* trap.c: NK_CALL_FAULT_TEST: raise exception vector on purpose. */
int nk_trap_test(uint32_t vector);

#endif /* NANOKERNEL_TRAP_H */
