// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/trap.c - exceptions taken while the nanokernel runs.
 *
 * An exception inside the nanokernel must not take the machine down: it is
 * recorded in nk_status and the current call returns -NK_EFAULT to the host,
 * which stays in charge of what to do next.  An exception while a guest
 * runs stops the guest (os.c).  This file also builds the nanokernel's IDT:
 * the exceptions, the double-fault task gate, the guest call and the
 * stubs that take interrupts while a guest runs.
 */
#include "nk.h"
#include <nk/guest.h>

#define GATE_INTR32	0x8e00u	/* present, DPL 0, 32-bit interrupt gate */
#define GATE_TASK	0x8500u	/* present, DPL 0, task gate */
#define DESC_TSS32	0x89u	/* present, DPL 0, available 32-bit TSS */
#define DF_VECTOR	8
#define DF_STACK_SIZE	4096

/* A 32-bit task-state segment, as the CPU reads and writes it. */
struct nk_tss {
	uint16_t link, r0;
	uint32_t esp0;
	uint16_t ss0, r1;
	uint32_t esp1;
	uint16_t ss1, r2;
	uint32_t esp2;
	uint16_t ss2, r3;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint16_t es, r4, cs, r5, ss, r6, ds, r7, fs, r8, gs, r9, ldt, r10;
	uint16_t trap, iomap;
};
_Static_assert(sizeof(struct nk_tss) == 104, "the CPU's TSS layout");

/*
 * The nanokernel's own task (in TR while it or a guest runs: a double
 * fault saves the faulting state here) and the double-fault task, with a
 * stack of its own, so that a stack that ran off its memory cannot turn
 * the double fault into a triple fault.
 */
static struct nk_tss nk_tss, nk_df_tss;
static uint8_t nk_df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));
static int nk_idt_ready;

static uint64_t nk_gate(uint32_t handler)
{
	uint64_t lo = (handler & 0xffffu) | ((uint32_t)NK_CS << 16);
	uint64_t hi = (handler & 0xffff0000u) | GATE_INTR32;

	return lo | (hi << 32);
}

static uint64_t nk_tss_desc(const struct nk_tss *t)
{
	uint32_t base = (uint32_t)t, limit = sizeof(*t) - 1;
	uint64_t lo = (limit & 0xffffu) | ((base & 0xffffu) << 16);
	uint64_t hi = ((base >> 16) & 0xffu) | (DESC_TSS32 << 8) |
		      (base & 0xff000000u);

	return lo | (hi << 32);
}

/* The segments and page directory a task of the nanokernel runs with. */
static void nk_tss_flat(struct nk_tss *t)
{
	t->cs = NK_CS;
	t->ss = t->ds = t->es = t->fs = t->gs = NK_DS;
	t->ss0 = NK_DS;
	t->eflags = 0x2;	/* IF=0 */
	t->cr3 = nk_boot_info()->pgd_phys;
	t->ldt = 0;
	t->iomap = sizeof(*t);	/* no I/O bitmap: ring 0 needs none */
}

static void nk_tasks_init(void)
{
	uint64_t *gdt = (uint64_t *)(NK_VIRT_BASE + NK_OFF_GDT);

	memset(&nk_tss, 0, sizeof(nk_tss));
	memset(&nk_df_tss, 0, sizeof(nk_df_tss));
	nk_tss_flat(&nk_tss);
	nk_tss.esp0 = NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE;
	nk_tss_flat(&nk_df_tss);
	nk_df_tss.eip = (uint32_t)nk_df_entry;
	nk_df_tss.esp = (uint32_t)(nk_df_stack + DF_STACK_SIZE);
	gdt[NK_TSS_SEL >> 3] = nk_tss_desc(&nk_tss);
	gdt[NK_DF_TSS_SEL >> 3] = nk_tss_desc(&nk_df_tss);
}

void nk_trap_init(void)
{
	unsigned int v;

	if (nk_idt_ready)
		return;
	nk_tasks_init();
	for (v = 0; v < 32; v++)
		nk_idt[v] = nk_gate(nk_trap_table[v]);
	nk_idt[DF_VECTOR] = (uint64_t)((uint32_t)NK_DF_TSS_SEL << 16) |
			    ((uint64_t)GATE_TASK << 32);
	for (v = 32; v < NK_IDT_VECTORS; v++)
		nk_idt[v] = nk_gate((uint32_t)(nk_vint_stubs +
					       (v - 32) * NK_VINT_STUB_SIZE));
	nk_idt[NK_GUEST_CALL_VECTOR] = nk_gate((uint32_t)nk_gcall_entry);
	nk_idt_ready = 1;
}

/*
 * In the double-fault task: the faulting state is in nk_tss.  A guest's
 * is stopped as failed (vector 8, where it was, CR2: what it could not
 * reach); a double fault of the nanokernel itself fails the host's call.
 * Either way nk_tss is pointed at a way out, and the iret after this
 * function returns there.
 */
void nk_double_fault(void)
{
	if (nk_guest_fault(DF_VECTOR, 0, nk_tss.eip)) {
		nk_tss.eip = (uint32_t)nk_df_guest_exit;
		nk_tss.esp = nk_sched_esp;
	} else {
		nk_status.fault_vector = DF_VECTOR;
		nk_status.fault_error = 0;
		nk_status.fault_eip = nk_tss.eip;
		nk_status.fault_count++;
		nk_tss.eip = (uint32_t)nk_df_host_exit;
		nk_tss.esp = NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE;
	}
	nk_tss_flat(&nk_tss);
	nk_tss.eax = nk_tss.ecx = nk_tss.edx = 0;
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
	nk_status.fault_vector = f->vector;
	nk_status.fault_error = f->error;
	nk_status.fault_eip = f->eip;
	nk_status.fault_count++;
	return -NK_EFAULT;
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
		return -NK_EINVAL;
	}
	return 0;	/* int3 is a trap: it comes back here only if ignored */
}
