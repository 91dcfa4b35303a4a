/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * rtos/port/nk/upcall.S - the RTOS's event entry (NK_GCALL_UPCALL,
 * include/nk/guest.h).
 *
 *	nkp_upcall_entry: entered like a hardware interrupt handler: every
 *	register as the interrupted code left it, an i386 interrupt frame
 *	(EIP, CS, EFLAGS) on its stack, vif cleared.  Returns with iret.
 *
 * The nanokernel enters it when events are pending and vif is 1; the port
 * calls it itself (nkp_soft_upcall(), nk_port_impl.h) for events that came
 * while vif was 0.  The outermost entry moves to the interrupt stack for
 * the handlers (void nkp_events(void), port_nk.c), comes back to the
 * interrupted stack and calls void nkp_upcall_exit(void), which may switch
 * tasks (the interrupted task's context is then this frame, on its own
 * stack).  Then vif goes back to 1 and pending is looked at once more:
 * an event that came after the handlers looked is taken by going round
 * again.  One that comes between that look and the iret is delivered by
 * the nanokernel on top of this frame, and returns here.
 */
#include <nk/guest.h>

#define INT_STACK	8192

	.text
	.globl nkp_upcall_entry
	.type nkp_upcall_entry, @function
nkp_upcall_entry:
	pushal
	cld
	movl	%esp, %ebx		/* the interrupted stack */
	cmpl	$0, nkp_nest
	jne	1f
	movl	$nkp_int_stack_top, %esp
1:	pushl	%ebx
	call	nkp_events
	popl	%ebx
	movl	%ebx, %esp
	cmpl	$0, nkp_nest
	jne	2f
	call	nkp_upcall_exit
2:	popal
	pushl	%eax
	movl	nkp_vcpu, %eax
	movl	$1, NK_VCPU_VIF(%eax)	/* one CPU: the nanokernel comes in */
	cmpl	$0, NK_VCPU_PENDING(%eax)	/* between instructions */
	jne	3f
	popl	%eax
	iret
3:	movl	$0, NK_VCPU_VIF(%eax)
	popl	%eax
	jmp	nkp_upcall_entry
	.size nkp_upcall_entry, . - nkp_upcall_entry

	.bss
	.p2align 4
	.fill INT_STACK, 1, 0
nkp_int_stack_top:
	.section .note.GNU-stack, "", @progbits
