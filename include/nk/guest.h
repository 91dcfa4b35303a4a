/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/guest.h - what a guest OS sees of the nanokernel: its image
 * header, the address space it runs in, the calls it makes (int $0x82) and
 * its console ring in the shared region.
 *
 * A guest runs in ring 0 in its partition.  Its address space is the
 * nanokernel's (the nanokernel at NK_VIRT_BASE, the local APIC) plus its
 * partition at NK_GUEST_VIRT_BASE and the shared region at
 * NK_SHARED_VIRT_BASE, all with 4 MB pages: a guest is linked at
 * NK_GUEST_VIRT_BASE whatever its partition's physical address.
 */
#ifndef NK_GUEST_H
#define NK_GUEST_H

#include "types.h"

#define NK_GUEST_MAGIC		NK_U(0x53474b4e)	/* "NKGS" */
#define NK_GUEST_VIRT_BASE	NK_U(0x40000000)
#define NK_SHARED_VIRT_BASE	NK_U(0x80000000)
#define NK_GUEST_CALL_VECTOR	0x82

/* Guest calls: int $0x82 with %eax = call, %ebx, %ecx = arguments;
 * the result comes back in %eax. */
#define NK_GCALL_YIELD		1	/* nothing to do: give the CPU back */
#define NK_GCALL_CONSOLE	2	/* %ebx = text, %ecx = length: append
					 * to this guest's console ring */
#define NK_GCALL_TIMER		3	/* %ebx = ns from now, or
					 * NK_GTIMER_CANCEL: this guest's one
					 * timer deadline */
#define NK_GTIMER_CANCEL	0xffffffffu

/*
 * What NK_GCALL_YIELD returns when the guest is run again: the events
 * that happened while it waited (bits 0..7) and, for a run the host asked
 * for (nkctl os run NAME COMMAND), the host's command (bits 8..15).
 */
#define NK_GEVENT_TIMER		0x01	/* its timer deadline passed */
#define NK_GEVENT_IRQ		0x02	/* one of its devices interrupted */
#define NK_GEVENT_MASK		0xff
#define NK_GEVENT_COMMAND(r)	(((r) >> 8) & 0xff)

#ifdef __ASSEMBLER__
#include "image.h"

/*
 * NK_GUEST_HEADER entry, stack_top - a guest image's header (struct
 * nk_guest_header below), for the guest's head.S.  Its linker script must
 * put .header first and define __guest_end after .bss; file_size and the
 * checksum are filled in by scripts/nkimage --guest.
 */
.macro NK_GUEST_HEADER entry, stack_top, version=1
	.pushsection .header, "a"
	.long NK_GUEST_MAGIC
	.long NK_ABI_REVISION
	.long 64				/* header_size */
	.long \version
	.long NK_GUEST_VIRT_BASE		/* link_base */
	.long 0					/* file_size */
	.long __guest_end - NK_GUEST_VIRT_BASE	/* mem_size */
	.long \entry - NK_GUEST_VIRT_BASE
	.long \stack_top - NK_GUEST_VIRT_BASE
	.long 0					/* checksum */
	.fill 6, 4, 0
	.popsection
.endm

#else /* !__ASSEMBLER__ */

struct nk_guest_header {
	uint32_t magic;		/* NK_GUEST_MAGIC */
	uint32_t abi_revision;	/* NK_ABI_REVISION */
	uint32_t header_size;	/* sizeof(struct nk_guest_header) */
	uint32_t version;
	uint32_t link_base;	/* NK_GUEST_VIRT_BASE */
	uint32_t file_size;	/* bytes in the image, header included */
	uint32_t mem_size;	/* text + data + bss */
	uint32_t entry;		/* offset: void entry(struct nk_guest_info *) */
	uint32_t stack_top;	/* offset: initial stack pointer */
	uint32_t checksum;	/* CRC-32 of the file, this field taken as 0 */
	uint32_t reserved[6];	/* must be zero */
};
NK_CHECK_SIZE(struct nk_guest_header, 64);

/* Handed to the guest's entry (a pointer in %esp+4, cdecl). */
struct nk_guest_info {
	uint32_t magic;		/* NK_GUEST_MAGIC */
	uint32_t os;		/* this guest's OS slot (partition index + 1) */
	uint32_t boot_count;	/* starts of this partition since load */
	uint32_t partition_size;
	uint32_t shared_size;	/* mapped at NK_SHARED_VIRT_BASE */
	uint32_t tsc_khz;
	uint32_t reserved[10];
};
NK_CHECK_SIZE(struct nk_guest_info, 64);

/*
 * A console ring per OS slot, at the start of the shared region.  The
 * guest writes (through NK_GCALL_CONSOLE, which checks every index); the
 * host reads with nkctl console, keeping its own position.  written counts
 * every byte ever written, so a reader that fell behind by more than
 * NK_CONSOLE_SIZE knows how much it lost.
 */
#define NK_CONSOLE_MAGIC	NK_U(0x4e4f434e)	/* "NCON" */
#define NK_CONSOLE_SIZE		16384
#define NK_CONSOLE_STRIDE	(NK_CONSOLE_SIZE + 64)

struct nk_console {
	uint32_t magic;
	uint32_t size;		/* NK_CONSOLE_SIZE */
	uint64_t written;	/* bytes ever written; data[written % size] next */
	uint32_t reserved[12];
	char data[NK_CONSOLE_SIZE];
};
NK_CHECK_SIZE(struct nk_console, NK_CONSOLE_STRIDE);

#endif /* !__ASSEMBLER__ */
#endif /* NK_GUEST_H */
