/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * rtos/port/nk/head.S - the RTOS guest's image header (struct
 * nk_guest_header, include/nk/guest.h) and its boot stack.  The
 * nanokernel enters nk_guest_main(struct nk_guest_info *) (port_nk.c) on
 * that stack, interrupts off; it calls kernel_start() and never returns.
 * file_size and checksum are filled in by nkimage --guest.
 */
#include <nk/guest.h>
#include <nk/image.h>

	.section .header, "a"
	.long NK_GUEST_MAGIC
	.long NK_ABI_REVISION
	.long 64				/* header_size */
	.long 1					/* version */
	.long NK_GUEST_VIRT_BASE		/* link_base */
	.long 0					/* file_size */
	.long __guest_end - NK_GUEST_VIRT_BASE	/* mem_size */
	.long nk_guest_main - NK_GUEST_VIRT_BASE	/* entry */
	.long nk_boot_stack_top - NK_GUEST_VIRT_BASE	/* stack_top */
	.long 0					/* checksum */
	.fill 6, 4, 0

	/* Only kernel_start() runs here: the dispatcher has a stack of
	 * its own (port_nk.c), each task its configured one. */
	.bss
	.p2align 4
	.fill 4096, 1, 0
	.globl nk_boot_stack_top
nk_boot_stack_top:
	.section .note.GNU-stack, "", @progbits
