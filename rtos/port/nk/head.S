/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * rtos/port/nk/head.S - the RTOS guest's image header (struct
 * nk_guest_header, include/nk/guest.h) and its boot stack.  The
 * nanokernel enters nkp_guest_main(struct nk_guest_info *) (port_nk.c) on
 * that stack, interrupts off; it calls kernel_start() and never returns.
 * file_size and checksum are filled in by nkimage --guest.
 */
#include <nk/guest.h>

	NK_GUEST_HEADER nkp_guest_main, nkp_boot_stack_top

	/* Only kernel_start() runs here: the dispatcher has a stack of
	 * its own (port_nk.c), each task its configured one. */
	.bss
	.p2align 4
	.fill 4096, 1, 0
	.globl nkp_boot_stack_top
nkp_boot_stack_top:
	.section .note.GNU-stack, "", @progbits
