// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/trap.c - exceptions taken while the nanokernel runs.
 *
 * An exception inside the nanokernel must not take the machine down: it is
 * recorded in nk_status and the current call returns -NK_EFAULT to the
 * host, which stays in charge of what to do next.  An exception while a
 * guest runs stops the guest (guest.c).  A double fault of either comes
 * through the double-fault task (desc.c).
 */
#include "nk.h"
#include "entry.h"
#include "os.h"
#include "trap.h"

static void nk_record_fault(uint32_t vector, uint32_t error, uint32_t eip)
{
	nk_status.fault_vector = vector;
	nk_status.fault_error = error;
	nk_status.fault_eip = eip;
	nk_status.fault_count++;
}

/*
 * In the double-fault task: the faulting state is in nk_tss().  A guest's
 * is stopped as failed (vector 8, where it was, CR2: what it could not
 * reach); a double fault of the nanokernel itself fails the host's call.
 * Either way nk_tss() is pointed at a way out, and the iret after this
 * function returns there.
 */
void nk_double_fault(void)
{
	struct x86_tss *t = nk_tss();

	if (nk_guest_fault(X86_DF_VECTOR, 0, t->eip)) {
		t->eip = (uint32_t)nk_df_guest_exit;
		t->esp = nk_sched_esp;
	} else {
		nk_record_fault(X86_DF_VECTOR, 0, t->eip);
		t->eip = (uint32_t)nk_df_host_exit;
		t->esp = NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE;
	}
	nk_tss_flat(t);
	t->eax = t->ecx = t->edx = 0;
}

/*
 * Returns what nk_trap_common does next: NK_TRAP_GUEST when the exception
 * was a guest's (it is stopped), else the nanokernel's own result for the
 * host's call.
 */
int nk_trap(struct nk_trap_frame *f)
{
	if (nk_guest_fault(f->vector, f->error, f->eip))
		return NK_TRAP_GUEST;
	nk_record_fault(f->vector, f->error, f->eip);
	return -NK_EFAULT;
}

/* Raise an exception on purpose, so tests can prove the path above works. */
int nk_trap_test(uint32_t vector)
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
		return -NK_EINVAL;
	}
	return 0;	/* int3 is a trap: it comes back here only if ignored */
}
