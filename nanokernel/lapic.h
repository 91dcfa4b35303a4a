/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/lapic.h - the local APIC: its registers and the few things
 * the nanokernel does with it (lapic.c).  The nanokernel's page directory
 * maps it, uncached, at its physical address (loader/boot.c).
 */
#ifndef NANOKERNEL_LAPIC_H
#define NANOKERNEL_LAPIC_H

#include <nk/types.h>

#define LAPIC_EOI	0xb0
#define LAPIC_TMR	0x180		/* trigger mode: 8 registers, 16 bytes apart */
#define LAPIC_ICR_LO	0x300
#define LAPIC_LVTT	0x320		/* the timer's local vector */
#define LAPIC_TMICT	0x380		/* the timer's initial count */
#define LAPIC_TMCCT	0x390		/* the timer's current count */
#define LAPIC_TDCR	0x3e0		/* the timer's divide configuration */

#define LAPIC_ICR_SELF	0x40000u	/* destination shorthand: self */
#define LAPIC_ICR_BUSY	0x1000u		/* delivery status: send pending */
#define LAPIC_LVT_MASKED 0x10000u
#define LAPIC_TDCR_DIV1	0xbu

/* The LAPIC at phys (mapped there); the timer's rate against the TSC, in
 * kHz, measured over 1 ms with Linux's timer given back as it was. */
uint32_t nk_lapic_init(uint32_t phys, uint32_t tsc_khz);
uint32_t nk_lapic_read(uint32_t reg);
void nk_lapic_write(uint32_t reg, uint32_t v);
void nk_lapic_eoi(void);
/* Was vector v, now in service, accepted as level-triggered? */
int nk_lapic_level(uint32_t v);
/* Raise vector v on this CPU, delivered when interrupts are on again. */
void nk_lapic_self_ipi(uint32_t v);

#endif /* NANOKERNEL_LAPIC_H */
