// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rtos/port/nk/nk_hw.h - the port's inline assembly, in one place: guest
 * calls to the nanokernel (int $0x82, include/nk/guest.h), port I/O and
 * the TSC.
 */
#ifndef RTOS_NK_HW_H
#define RTOS_NK_HW_H

#include <stdint.h>

/* %eax = call, %ebx, %ecx = arguments; the result comes back in %eax. */
static inline int32_t nkp_gcall(uint32_t call, uint32_t a, uint32_t b)
{
	int32_t ret;

	__asm__ volatile("int $0x82" : "=a"(ret) : "a"(call), "b"(a), "c"(b)
			 : "memory");
	return ret;
}

static inline void nkp_outb(uint8_t v, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t nkp_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t nkp_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif /* RTOS_NK_HW_H */
