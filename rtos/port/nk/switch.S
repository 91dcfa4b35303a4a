/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * rtos/port/nk/switch.S - switch between the dispatcher and tasks.
 *
 *	void nkp_switch(void **save_sp, void *new_sp);
 *
 * Push the callee-saved registers of the cdecl ABI (%ebp, %ebx, %esi,
 * %edi) on the current stack, store %esp in *save_sp, load %esp from
 * new_sp, pop the same registers and return on the new stack: to the
 * nkp_switch() call that saved new_sp, or, for a frame built by hand
 * (struct nkp_frame in port_nk.c: %edi, %esi, %ebx, %ebp, then the
 * return address, from the lowest address up), to the frame's entry.
 *
 * %eax, %ecx, %edx and the flags are caller-saved: not kept.  The lock
 * flag is not touched: it is held on both sides of every switch.
 */
	.text
	.globl nkp_switch
	.type nkp_switch, @function
nkp_switch:
	movl 4(%esp), %eax		/* save_sp */
	movl 8(%esp), %edx		/* new_sp */
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
	.size nkp_switch, . - nkp_switch

	.section .note.GNU-stack, "", @progbits
