/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/guest/head.S - the header of the test guest's image
 * (struct nk_guest_header, include/nk/guest.h).  file_size and checksum
 * are filled in by scripts/nkimage --guest.
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
	.long guest_main - NK_GUEST_VIRT_BASE	/* entry */
	.long guest_stack_top - NK_GUEST_VIRT_BASE	/* stack_top */
	.long 0					/* checksum */
	.fill 6, 4, 0

	.bss
	.p2align 4
	.fill 8192, 1, 0
	.globl guest_stack_top
guest_stack_top:
	.section .note.GNU-stack, "", @progbits
