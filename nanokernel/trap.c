// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/trap.c - exceptions taken while the nanokernel runs.
 *
 * An exception inside the nanokernel must not take the machine down: it is
 * recorded in nk_status and the current call returns NK_EFAULT to the host,
 * which stays in charge of what to do next.
 */
#include "nk.h"
#include <nk/guest.h>

#define GATE_INTR32	0x8e00u	/* present, DPL 0, 32-bit interrupt gate */

static int nk_idt_ready;

static uint64_t nk_gate(uint32_t handler)
{
	uint64_t lo = (handler & 0xffffu) | ((uint32_t)NK_CS << 16);
	uint64_t hi = (handler & 0xffff0000u) | GATE_INTR32;

	return lo | (hi << 32);
}

void nk_trap_init(void)
{
	unsigned int v;

	if (nk_idt_ready)
		return;
	for (v = 0; v < 32; v++)
		nk_idt[v] = nk_gate(nk_trap_table[v]);
	nk_idt[NK_GUEST_CALL_VECTOR] = nk_gate((uint32_t)nk_gcall_entry);
	nk_idt_ready = 1;
}

/*
 * Returns what nk_trap_common does next: NK_TRAP_GUEST when the exception
 * was a guest's (it is stopped), else the nanokernel's own result for the
 * host's call.
 */
int nk_trap(struct nk_trap_frame *f)
{
	if (nk_guest_fault(f))
		return NK_TRAP_GUEST;
	nk_status.fault_vector = f->vector;
	nk_status.fault_error = f->error;
	nk_status.fault_eip = f->eip;
	nk_status.fault_count++;
	return NK_EFAULT;
}

/* Raise an exception on purpose, so tests can prove the path above works. */
int nk_fault_test(uint32_t vector)
{
	volatile uint32_t zero = 0;

	switch (vector) {
	case 0:		/* in asm: the compiler may turn 1/x into x == 1 */
		__asm__ volatile("xorl %%ecx, %%ecx; divl %%ecx"
				 : : "a"(1), "d"(0) : "ecx");
		break;
	case 3:
		__asm__ volatile("int3");
		break;
	case 6:
		__asm__ volatile("ud2");
		break;
	case 13:
		__asm__ volatile("movw %w0, %%ds" : : "r"(0x1234u));
		break;
	case 14:
		return (int)*(volatile uint32_t *)(uintptr_t)zero;
	default:
		return NK_EINVAL;
	}
	return 0;	/* int3 is a trap: it comes back here only if ignored */
}
