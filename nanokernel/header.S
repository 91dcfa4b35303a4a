/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nanokernel/header.S - struct nk_image_header (include/nk/image.h) at
 * offset 0 of the image; nk.lds puts .header first.  file_size and the
 * checksum are filled in by scripts/nkimage.c; lib/image_check.c checks
 * the rest before the loader copies anything.
 */
#include <nk/layout.h>
#include <nk/image.h>
#include <nk/version.h>

	.section .header, "a"
	.globl nk_header
nk_header:
	.long NK_IMAGE_MAGIC
	.long NK_ABI_REVISION
	.long 64				/* header_size */
	.long NK_VERSION(NK_VERSION_MAJ, NK_VERSION_MIN, NK_VERSION_PAT)
	.long NK_VIRT_BASE			/* link_base */
	.long 0					/* file_size: scripts/nkimage */
	.long __nk_end - NK_VIRT_BASE		/* mem_size */
	.long nk_passage_enter - NK_VIRT_BASE	/* entry_host */
	.long nk_entry - NK_VIRT_BASE		/* entry_nk */
	.long nk_status - NK_VIRT_BASE		/* status_offset */
	.long 0					/* checksum: scripts/nkimage */
	.fill 5, 4, 0				/* reserved */
	.if . - nk_header - 64
	.error "the image header is not struct nk_image_header's 64 bytes"
	.endif
	.section .note.GNU-stack, "", @progbits
