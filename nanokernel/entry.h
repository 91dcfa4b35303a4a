/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/entry.h - the contract between the assembly (passage.S,
 * entry.S) and C: the frames the assembly builds, as C structures (their
 * offsets reach the assembly through the generated asm-offsets.h, and
 * frame.h makes the assembler check every push against them), and the
 * symbols each side gives the other.
 */
#ifndef NANOKERNEL_ENTRY_H
#define NANOKERNEL_ENTRY_H

#include <nk/types.h>
#include "x86.h"

/* Why nk_guest_enter() returns: the guest left the CPU. */
#define NK_GUEST_EXIT_YIELD	1	/* it is idle */
#define NK_GUEST_EXIT_FAULT	2	/* it failed */
#define NK_GUEST_EXIT_PREEMPT	3	/* another guest goes first */

/* nk_trap(): the exception was a guest's, which is stopped. */
#define NK_TRAP_GUEST		1

#define NK_VINT_STUB_SIZE	16	/* entry.S: one stub per vector 32..255 */

#ifndef __ASSEMBLER__

/* A descriptor-table register as sgdt/sidt store it at 2 bytes into an
 * 8-byte slot, so that the base is aligned. */
struct nk_dtr_slot {
	uint16_t pad;
	uint16_t limit;
	uint32_t base;
};

/* What nk_guest_enter() keeps on the nanokernel's stack while a guest
 * runs (entry.S): the nanokernel's callee-saved registers, then its
 * caller's return address and the two cdecl arguments. */
struct nk_enter_frame {
	uint32_t edi, esi, ebx, ebp;
	uint32_t ret;
	uint32_t cr3, esp;
};
NK_CHECK_SIZE(struct nk_enter_frame, 28);

/* What an exception stub leaves for nk_trap() (entry.S). */
struct nk_trap_frame {
	uint32_t vector;
	uint32_t error;		/* the CPU's, or 0 where it pushes none */
	uint32_t eip, cs, eflags;	/* the CPU's */
};
NK_CHECK_SIZE(struct nk_trap_frame, 20);

/* A guest's context, on the guest's own stack: what entry.S leaves there
 * when the guest enters the nanokernel (interrupt, guest call), and what
 * nk_guest_enter() resumes. */
struct nk_guest_regs {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t vector;	/* what entered the nanokernel */
	uint32_t eip, cs, eflags;	/* the CPU's iret frame */
};
NK_CHECK_SIZE(struct nk_guest_regs, 48);

/* What nk_passage_enter() keeps on the host's stack for the way back,
 * below the loader's call (passage.S). */
struct nk_host_call_frame {
	uint32_t ldtr, tr, cr4;
	struct nk_dtr_slot gdtr, idtr;
	uint32_t cs, ds, es, fs, gs, ss;
	uint32_t eflags;
	uint32_t edi, esi, ebx, ebp;
	uint32_t ret;		/* into the loader */
	uint32_t nk_cr3, nk_entry, call, arg;	/* its cdecl arguments */
};
NK_CHECK_SIZE(struct nk_host_call_frame, 92);

/* What a host stub and nk_irq_passage() keep on the host's stack while
 * the nanokernel handles an interrupt that came while the host ran. */
struct nk_host_irq_frame {
	uint32_t ldtr, tr, cr4;
	struct nk_dtr_slot idtr, gdtr;
	uint32_t gs, fs, es, ds, ss;
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t pgd;		/* pushed by the stub: our page directory */
	uint32_t vector;	/* pushed by the stub */
	uint32_t eip, cs, eflags;	/* the CPU's (no SS:ESP: ring 0 to 0) */
};
NK_CHECK_SIZE(struct nk_host_irq_frame, 100);

/* What host_boot.S copies with paging off, then where it enters the new
 * host kernel (host_boot.c fills it in, on the nanokernel's stack). */
#define NK_HOST_BOOT_COPIES	4
struct nk_host_boot_copy {
	uint32_t src, dst, len;	/* physical */
};
struct nk_host_boot_plan {
	uint32_t copies;
	struct nk_host_boot_copy copy[NK_HOST_BOOT_COPIES];
	uint32_t entry;		/* the 32-bit boot protocol's entry */
	uint32_t zero_page;	/* %esi there */
};
NK_CHECK_SIZE(struct nk_host_boot_plan, 4 + 12 * NK_HOST_BOOT_COPIES + 8);

/* ---- host_boot.S: plan_phys, the plan's physical address; delta, what
 * turns a link address of the nanokernel's into its physical one. */
void nk_host_boot(uint32_t plan_phys, uint32_t delta) __attribute__((noreturn));

/* ---- passage.S ---- */
void nk_irq_passage(void);
extern uint32_t nk_host_eip;	/* the host's EIP at the last interrupt */
extern uint32_t nk_in_irq;	/* 1 while an interrupt taken from the host is
				 * handled: the way out is nk_irq_return */
extern uint32_t nk_host_callers[2];	/* and who called it, if known */

/* ---- call.c: the nanokernel's page directory, which every entry from a
 * guest loads first (the guest's map has none of the nanokernel's data) */
extern uint32_t nk_pgd_phys;

/* ---- entry.S ---- */
extern const uint32_t nk_trap_table[X86_EXCEPTIONS];
extern uint8_t nk_vint_stubs[];
extern uint32_t nk_sched_esp;	/* the nanokernel's stack under a guest */
extern uint32_t nk_exit_reason;	/* why the guest is left: NK_GUEST_EXIT_* */
void nk_gcall_entry(void);
void nk_idle_halt(void);	/* the idle loop's code (sched.c) */
void nk_df_entry(void);
void nk_df_guest_exit(void);
void nk_df_host_exit(void);
/*
 * Switch to a guest: load its page directory and stack and resume the
 * context there (struct nk_guest_regs).  Returns, when the guest leaves
 * the CPU, NK_GUEST_EXIT_*, on the nanokernel's page directory again.
 */
int nk_guest_enter(uint32_t cr3, uint32_t esp);

/* ---- C called from the assembly ---- */
int nk_host_call(uint32_t call, uint32_t arg);		/* call.c */
void nk_host_interrupt(uint32_t vector);		/* irq.c */
void nk_host_replay(void);				/* irq.c */
uint32_t nk_guest_interrupt(struct nk_guest_regs *r);	/* irq.c */
uint32_t nk_guest_call(struct nk_guest_regs *r);	/* guest.c */
void nk_desc_init(void);				/* desc.c */
int nk_trap(struct nk_trap_frame *f);			/* trap.c */
void nk_double_fault(void);				/* trap.c */

#endif /* !__ASSEMBLER__ */
#endif /* NANOKERNEL_ENTRY_H */
