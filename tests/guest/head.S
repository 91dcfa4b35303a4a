/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/guest/head.S - the header of the test guest's image
 * (struct nk_guest_header, include/nk/guest.h).  file_size and checksum
 * are filled in by scripts/nkimage --guest.
 */
#include <nk/guest.h>

	NK_GUEST_HEADER guest_main, guest_stack_top

	.bss
	.p2align 4
	.fill 8192, 1, 0
	.globl guest_stack_top
guest_stack_top:
	.section .note.GNU-stack, "", @progbits
