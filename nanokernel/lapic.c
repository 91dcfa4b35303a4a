// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/lapic.c - the local APIC: where it is, and measuring its
 * timer's rate (lapic.h has the accessors, inline).
 */
#include "lapic.h"
#include "x86.h"

#define CALIBRATE_US	1000u

uint32_t nk_lapic_base;

/* TDCR encodes the divisor in bits 0, 1 and 3. */
static uint32_t nk_tdcr_divisor(uint32_t tdcr)
{
	uint32_t code = (tdcr & 3u) | ((tdcr >> 1) & 4u);

	return code == 7 ? 1 : 2u << code;
}

/*
 * Measure the LAPIC timer's rate against the TSC over CALIBRATE_US, then
 * give Linux its timer back as it was, less the time we took.
 */
uint32_t nk_lapic_init(uint32_t phys, uint32_t tsc_khz)
{
	uint32_t lvtt, tdcr, left, cur, khz;
	uint64_t t0, start, end, spent;

	nk_lapic_base = phys;
	lvtt = nk_lapic_read(LAPIC_LVTT);
	tdcr = nk_lapic_read(LAPIC_TDCR);
	left = nk_lapic_read(LAPIC_TMCCT);
	t0 = rdtsc();
	nk_lapic_write(LAPIC_LVTT, LAPIC_LVT_MASKED | (lvtt & 0xffu));
	nk_lapic_write(LAPIC_TDCR, LAPIC_TDCR_DIV1);
	nk_lapic_write(LAPIC_TMICT, 0xffffffffu);
	start = rdtsc();
	do
		end = rdtsc();
	while (end - start < (uint64_t)tsc_khz * CALIBRATE_US / 1000);
	cur = nk_lapic_read(LAPIC_TMCCT);
	end = rdtsc();
	khz = (uint32_t)((uint64_t)(0xffffffffu - cur) * tsc_khz / (end - start));

	spent = (rdtsc() - t0) * khz / tsc_khz / nk_tdcr_divisor(tdcr);
	nk_lapic_write(LAPIC_TDCR, tdcr);
	nk_lapic_write(LAPIC_LVTT, lvtt);
	if (left)
		nk_lapic_write(LAPIC_TMICT, left > spent ? left - (uint32_t)spent : 1);
	return khz;
}

/*
 * The host died: panic() has switched the local APIC off
 * (disable_local_APIC(): every LVT masked, SPIV's enable bit cleared).
 * Enable it again with the spurious vector Linux uses, accept every
 * priority, and end whatever the dying host left in service (it may have
 * panicked inside an interrupt handler), so that no lower vector waits
 * behind it.  The timer's LVT is written at each programming (timer.c);
 * LINT0/LINT1 stay masked: nothing of ours comes through them.
 */
void nk_lapic_revive(void)
{
	unsigned int n;

	nk_lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
	nk_lapic_write(LAPIC_TPR, 0);
	for (n = 0; n < 256 && nk_lapic_in_service(); n++)
		nk_lapic_eoi();
}
