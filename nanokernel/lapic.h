/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/lapic.h - the local APIC: its registers and the few things
 * the nanokernel does with it (lapic.c).  The nanokernel's page directory
 * maps it, uncached, at its physical address (loader/boot.c).
 */
#ifndef NANOKERNEL_LAPIC_H
#define NANOKERNEL_LAPIC_H

#include <nk/types.h>

#define LAPIC_TPR	0x80		/* task priority */
#define LAPIC_EOI	0xb0
#define LAPIC_SVR	0xf0		/* spurious vector, enable bit */
#define LAPIC_ISR	0x100		/* in service: 8 registers, 16 bytes apart */
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
#define LAPIC_SVR_ENABLE 0x100u
#define LAPIC_SPURIOUS_VECTOR 0xffu	/* Linux's SPURIOUS_APIC_VECTOR */

/* The LAPIC at phys (mapped there); the timer's rate against the TSC, in
 * kHz, measured over 1 ms with Linux's timer given back as it was. */
uint32_t nk_lapic_init(uint32_t phys, uint32_t tsc_khz);

/* The host died with the LAPIC switched off: on again (ras.c). */
void nk_lapic_revive(void);

/* Inline: the interrupt and timer paths use them every time. */
extern uint32_t nk_lapic_base;	/* identity-mapped in our page directory */

static inline uint32_t nk_lapic_read(uint32_t reg)
{
	return *(volatile uint32_t *)(nk_lapic_base + reg);
}

static inline void nk_lapic_write(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(nk_lapic_base + reg) = v;
}

static inline void nk_lapic_eoi(void)
{
	nk_lapic_write(LAPIC_EOI, 0);
}

/* Was vector v, now in service, accepted as level-triggered? */
static inline int nk_lapic_level(uint32_t v)
{
	return (nk_lapic_read(LAPIC_TMR + (v >> 5) * 0x10) >> (v & 31)) & 1;
}

/* Is any vector in service? */
static inline int nk_lapic_in_service(void)
{
	unsigned int w;

	for (w = 0; w < 8; w++)
		if (nk_lapic_read(LAPIC_ISR + w * 0x10))
			return 1;
	return 0;
}

/* Raise vector v on this CPU, delivered when interrupts are on again. */
static inline void nk_lapic_self_ipi(uint32_t v)
{
	while (nk_lapic_read(LAPIC_ICR_LO) & LAPIC_ICR_BUSY)
		;
	nk_lapic_write(LAPIC_ICR_LO, LAPIC_ICR_SELF | v);
}

#endif /* NANOKERNEL_LAPIC_H */
