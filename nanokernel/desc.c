// SPDX-License-Identifier: GPL-2.0
/*
 * nanokernel/desc.c - the nanokernel's own descriptor tables: the IDT it
 * and its guests run on, and its two tasks.
 *
 * The IDT: the exception stubs for vectors 0..31 (entry.S), a task gate
 * for the double fault, the guest call on NK_GUEST_CALL_VECTOR and the
 * stubs that take every other vector while a guest runs.  The tasks: the
 * nanokernel's own (in TR while it or a guest runs, so that a double
 * fault saves the faulting state here and not in the host's TSS, which is
 * not mapped) and the double-fault task, with a stack of its own, so that
 * a stack that ran off its memory cannot turn the double fault into a
 * triple fault (trap.c handles it).
 */
#include <nk/guest.h>
#include "nk.h"
#include "entry.h"
#include "trap.h"

#define DF_STACK_SIZE	4096

NK_STATIC_ASSERT(sizeof(struct x86_tss) <= NK_TSS_STRIDE, "two TSSs on their page");

static uint8_t nk_df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));
uint64_t nk_idt[X86_IDT_VECTORS] __attribute__((aligned(8)));
static int nk_idt_ready;

void nk_tss_flat(struct x86_tss *t)
{
	t->cs = NK_CS;
	t->ss = t->ds = t->es = t->fs = t->gs = NK_DS;
	t->ss0 = NK_DS;
	t->eflags = X86_EFLAGS_RESERVED;	/* IF=0 */
	t->cr3 = nk_boot_info()->pgd_phys;
	t->ldt = 0;
	t->iomap = sizeof(*t);	/* no I/O bitmap: ring 0 needs none */
}

static void nk_tasks_init(void)
{
	uint64_t *gdt = (uint64_t *)(NK_VIRT_BASE + NK_OFF_GDT);
	struct x86_tss *t = nk_tss(), *df = nk_df_tss();

	memset(t, 0, sizeof(*t));
	memset(df, 0, sizeof(*df));
	nk_tss_flat(t);
	t->esp0 = NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE;
	nk_tss_flat(df);
	df->eip = (uint32_t)nk_df_entry;
	df->esp = (uint32_t)(nk_df_stack + DF_STACK_SIZE);
	gdt[NK_TSS_SEL >> 3] = x86_tss_desc(t);
	gdt[NK_DF_TSS_SEL >> 3] = x86_tss_desc(df);
}

/*
 * A guest's map has the GDT and the TSS page writable (guest_map.c): the
 * CPU writes them on a double-fault task switch, from the guest's address
 * space (Linux's own 32-bit GDT stays writable for the same reason).
 * After every guest run, what the nanokernel relies on there is compared
 * with what it wrote; a difference is put right and fails the guest.
 * Returns 1 if everything was intact.
 */
int nk_desc_intact(void)
{
	const uint64_t busy = (uint64_t)X86_TSS_BUSY << 40;
	uint64_t *gdt = (uint64_t *)(NK_VIRT_BASE + NK_OFF_GDT);
	const struct x86_tss *t = nk_tss(), *df = nk_df_tss();
	uint32_t pgd = nk_boot_info()->pgd_phys;

	if (gdt[NK_CS >> 3] == NK_GDT_CODE32 && gdt[NK_DS >> 3] == NK_GDT_DATA32 &&
	    (gdt[NK_TSS_SEL >> 3] | busy) == (x86_tss_desc(t) | busy) &&
	    gdt[NK_DF_TSS_SEL >> 3] == x86_tss_desc(df) &&
	    t->cr3 == pgd && t->ss0 == NK_DS && t->ldt == 0 &&
	    t->iomap == sizeof(*t) && df->cr3 == pgd && df->cs == NK_CS &&
	    df->ss == NK_DS && df->ds == NK_DS && df->iomap == sizeof(*df))
		return 1;
	gdt[NK_CS >> 3] = NK_GDT_CODE32;
	gdt[NK_DS >> 3] = NK_GDT_DATA32;
	nk_tasks_init();
	gdt[NK_TSS_SEL >> 3] |= busy;	/* it is in TR */
	return 0;
}

/* At every entry (passage.S), before the lidt: builds it all once. */
void nk_desc_init(void)
{
	unsigned int v;

	if (nk_idt_ready)
		return;
	nk_tasks_init();
	for (v = 0; v < X86_EXCEPTIONS; v++)
		nk_idt[v] = x86_intr_gate(NK_CS, nk_trap_table[v]);
	nk_idt[X86_DF_VECTOR] = x86_task_gate(NK_DF_TSS_SEL);
	for (v = X86_EXCEPTIONS; v < X86_IDT_VECTORS; v++)
		nk_idt[v] = x86_intr_gate(NK_CS, (uint32_t)(nk_vint_stubs +
			(v - X86_EXCEPTIONS) * NK_VINT_STUB_SIZE));
	nk_idt[NK_GUEST_CALL_VECTOR] = x86_intr_gate(NK_CS, (uint32_t)nk_gcall_entry);
	nk_idt_ready = 1;
}
