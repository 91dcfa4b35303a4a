/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/irq.h - the IRQ router (irq.c): every vector that reaches
 * the nanokernel becomes an event for the guest it concerns or is held
 * for the host.  The entries from the assembly (nk_host_interrupt,
 * nk_guest_interrupt, nk_host_replay) are in entry.h; which vector
 * belongs to whom is route.h's.
 */
#ifndef NANOKERNEL_IRQ_H
#define NANOKERNEL_IRQ_H

#include <nk/types.h>

/* Count vector v for OS slot slot (the stubs count the host's own). */
void nk_irq_count(uint32_t v, unsigned int slot);
/* Raise vector v for the host just before it resumes (its doorbell). */
void nk_host_raise(uint32_t v);

/* host_idt.c: NK_CALL_HOST_ATTACH (build the host's IDT from the copy of
 * Linux's; the number of vectors taken over) and NK_CALL_HOST_DETACH. */
int nk_host_attach(void);
int nk_host_detach(void);

#endif /* NANOKERNEL_IRQ_H */
