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

struct x86_tss nk_tss;
static struct x86_tss nk_df_tss;
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

	memset(&nk_tss, 0, sizeof(nk_tss));
	memset(&nk_df_tss, 0, sizeof(nk_df_tss));
	nk_tss_flat(&nk_tss);
	nk_tss.esp0 = NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE;
	nk_tss_flat(&nk_df_tss);
	nk_df_tss.eip = (uint32_t)nk_df_entry;
	nk_df_tss.esp = (uint32_t)(nk_df_stack + DF_STACK_SIZE);
	gdt[NK_TSS_SEL >> 3] = x86_tss_desc(&nk_tss);
	gdt[NK_DF_TSS_SEL >> 3] = x86_tss_desc(&nk_df_tss);
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
