/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/entry.S - every way into the nanokernel on its own IDT
 * (desc.c builds it), and the switch into and out of a guest:
 *
 *   - the exception stubs, vectors 0..31, for an exception of the
 *     nanokernel or of a guest: int nk_trap(struct nk_trap_frame *);
 *   - int nk_guest_enter(uint32_t cr3, uint32_t esp), and the way back
 *     to its caller when the guest leaves the CPU;
 *   - the guest call, int $0x82: uint32_t nk_guest_call(struct nk_guest_regs *);
 *   - the stubs of vectors 32..255, an interrupt while a guest runs:
 *     uint32_t nk_guest_interrupt(struct nk_guest_regs *);
 *   - the double-fault task: void nk_double_fault(void).
 *
 * The frames are the structures of entry.h, checked push by push (frame.h).
 *
 * A guest's page directory maps nothing of the nanokernel's data
 * (guest_map.c): every entry from a guest loads the nanokernel's page
 * directory (NK_OWN_MAP) before it touches anything but the guest's own
 * stack, and a resume loads the guest's (nk_guest_cr3) last, just before
 * the pops and the iret, which read only the guest's stack.
 */
#include <nk/layout.h>
#include <nk/guest.h>
#include <nk/errno.h>
#include "x86.h"
#include "entry.h"
#include "frame.h"
#include "asm-offsets.h"

/* NK_OWN_MAP - the nanokernel's page directory, whatever ran.  Clobbers %eax. */
.macro NK_OWN_MAP
	movl	nk_pgd_phys, %eax
	movl	%eax, %cr3
.endm

/*
 * Exception entries: one stub per vector 0..31 pushes a zero error code
 * where the CPU pushes none, then the vector, so nk_trap() sees one frame
 * shape (struct nk_trap_frame).
 */
.macro TRAP vec
	.p2align 3
nk_trap_\vec:
	FRAME_AT TRAPF_EIP
	.if X86_HAS_ERROR(\vec)
	FRAME_AT TRAPF_ERROR
	.else
	FPUSH	$0, TRAPF_ERROR
	.endif
	FPUSH	$\vec, TRAPF_VECTOR
	jmp	nk_trap_common
.endm

	.text
	.p2align 4
nk_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	TRAP \v
	.endr

/* Returns what to do next: NK_TRAP_GUEST (the guest is stopped), else
 * the result of the host's call, which ends with it.  No register needs
 * keeping: either way, what was running does not resume. */
nk_trap_common:
	NK_OWN_MAP
	pushl	%esp			/* struct nk_trap_frame * */
	call	nk_trap
	cmpl	$NK_TRAP_GUEST, %eax
	jne	nk_return_to_host
	movl	$NK_GUEST_EXIT_FAULT, %eax
	jmp	nk_guest_exit

/* ------------------------------------------------------------------ */
/*
 * int nk_guest_enter(uint32_t cr3, uint32_t esp);
 *
 * Switch to a guest: keep the nanokernel's callee-saved registers and ESP
 * (nk_sched_esp: struct nk_enter_frame), load the guest's page directory
 * and stack, and resume the context saved there (struct nk_guest_regs).
 * Returns, through nk_guest_exit, why the guest stopped running:
 * NK_GUEST_EXIT_*.  CR3 is still the guest's on return (it maps the
 * nanokernel too).
 */
	.globl nk_guest_enter
nk_guest_enter:
	FRAME_AT ENTF_RET
	FPUSH	%ebp, ENTF_EBP
	FPUSH	%ebx, ENTF_EBX
	FPUSH	%esi, ENTF_ESI
	FPUSH	%edi, ENTF_EDI
	FRAME_IS 0
	movl	%esp, nk_sched_esp
	movl	ENTF_CR3(%esp), %eax
	movl	ENTF_ESP(%esp), %ecx
	movl	%eax, nk_guest_cr3
	movl	%ecx, %esp		/* the guest's stack: in both maps */
	movl	%eax, %cr3
	/* fall through */

/* NK_GUEST_IRET - resume the guest context at %esp. */
nk_guest_iret:
	FRAME_AT 0
	FPOPAL	GREGS_EDI
	FADD	4, GREGS_VECTOR
	FRAME_IS GREGS_EIP
	iret

/* nk_guest_exit - back to nk_guest_enter's caller with %eax = reason, on
 * the nanokernel's page directory (every way here has loaded it). */
	.globl nk_guest_exit
nk_guest_exit:
	movl	nk_sched_esp, %esp
	FRAME_AT 0
	FPOP	%edi, ENTF_EDI
	FPOP	%esi, ENTF_ESI
	FPOP	%ebx, ENTF_EBX
	FPOP	%ebp, ENTF_EBP
	FRAME_IS ENTF_RET
	ret

/*
 * nk_gcall_entry - int $0x82 from a guest, on the guest's stack; and
 * nk_vint_common - an interrupt while a guest ran (a stub below pushed
 * the vector).  Both leave the guest's registers on its stack as a
 * struct nk_guest_regs, which is its context if it does not resume now,
 * and run the C side on the nanokernel's stack.  Each returns the context
 * to resume (the same, or one with an event delivered in front of it), or
 * 0 to leave the guest with the reason in nk_exit_reason.
 */
	.globl nk_gcall_entry
nk_gcall_entry:
	FRAME_AT GREGS_EIP
	FPUSH	$NK_GUEST_CALL_VECTOR, GREGS_VECTOR
	FPUSHAL	GREGS_EDI
	NK_OWN_MAP
	movl	%esp, %ebx
	movl	nk_sched_esp, %esp
	pushl	%ebx
	call	nk_guest_call
nk_guest_resume:
	addl	$4, %esp
	testl	%eax, %eax
	jz	1f
	movl	nk_guest_cr3, %ecx	/* popal gives the guest's %ecx back */
	movl	%eax, %esp
	movl	%ecx, %cr3
	jmp	nk_guest_iret
1:	movl	nk_exit_reason, %eax
	jmp	nk_guest_exit

nk_vint_common:
	FRAME_AT GREGS_VECTOR
	FPUSHAL	GREGS_EDI
	NK_OWN_MAP
	movl	%esp, %ebx
	movl	nk_sched_esp, %esp
	pushl	%ebx
	call	nk_guest_interrupt
	jmp	nk_guest_resume

/* The stubs of vectors 32..255 on the nanokernel's IDT: what reaches a
 * running guest.  NK_VINT_STUB_SIZE bytes each: desc.c finds the stub of
 * vector v at nk_vint_stubs + (v - 32) * NK_VINT_STUB_SIZE. */
	.p2align 4
	.globl nk_vint_stubs
nk_vint_stubs:
	vec = X86_EXCEPTIONS
	.rept X86_IDT_VECTORS - X86_EXCEPTIONS
1:	FRAME_AT GREGS_EIP
	FPUSH	$vec, GREGS_VECTOR
	jmp	nk_vint_common
	.org	1b + NK_VINT_STUB_SIZE, 0xcc	/* fails if the stub is larger */
	vec = vec + 1
	.endr

/*
 * nk_idle_halt - the nanokernel's idle loop while the host is down
 * (sched.c): entered by nk_guest_enter() with interrupts on, left through
 * the interrupt stubs when a guest has something to do.
 */
	.globl nk_idle_halt
nk_idle_halt:
	hlt
	jmp	nk_idle_halt

/*
 * nk_alone_again - where an exception of the nanokernel itself ends while
 * the host is down (nk_return_to_host): no host call to fail, so the
 * guests go on, from the top of the nanokernel's stack.
 */
	.globl nk_alone_again
nk_alone_again:
	movl	$(NK_VIRT_BASE + NK_OFF_STACK + NK_STACK_SIZE), %esp
	call	nk_sched_alone

/* ------------------------------------------------------------------ */
/*
 * nk_df_entry - the double-fault task (its TSS and stack: desc.c).  A
 * double fault, in a guest (its stack ran off its memory, say) or in the
 * nanokernel, switches here through the task gate of vector 8 with the
 * state of the faulting task saved in the nanokernel's TSS.
 * void nk_double_fault(void) records it and points that TSS at the way
 * out (the guest is stopped, or the host's call fails); iret goes back
 * to it.  The next double fault enters after the iret.
 */
	.globl nk_df_entry
nk_df_entry:
	addl	$4, %esp		/* the error code (0) */
	call	nk_double_fault
	iret
	jmp	nk_df_entry

/* Where nk_double_fault() sends the faulting task. */
	.globl nk_df_guest_exit, nk_df_host_exit
nk_df_guest_exit:
	movl	$NK_GUEST_EXIT_FAULT, %eax
	jmp	nk_guest_exit
nk_df_host_exit:
	movl	$-NK_EFAULT, %eax
	jmp	nk_return_to_host

	.section .rodata
	.globl nk_trap_table
	.p2align 2
nk_trap_table:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long nk_trap_\v
	.endr

	.bss
	.p2align 2
	.globl nk_sched_esp
nk_sched_esp:
	.long 0
	.globl nk_exit_reason
nk_exit_reason:
	.long 0
nk_guest_cr3:			/* the running guest's page directory */
	.long 0
	.section .note.GNU-stack, "", @progbits
