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
 *
 * A guest runs with the CPU's interrupt flag set and must never clear it:
 * it masks its events with the virtual interrupt flag of its struct
 * nk_vcpu instead, so that the nanokernel keeps the CPU's interrupts (the
 * host's, a guest's of higher priority, the time slices) while it runs.
 */
#ifndef NK_GUEST_H
#define NK_GUEST_H

#include "types.h"

#define NK_GUEST_MAGIC		NK_U(0x53474b4e)	/* "NKGS" */
#define NK_GUEST_VIRT_BASE	NK_U(0x40000000)
#define NK_SHARED_VIRT_BASE	NK_U(0x80000000)
#define NK_GUEST_CALL_VECTOR	0x82

/*
 * Guest calls: int $0x82 with %eax = call, %ebx, %ecx = arguments; the
 * result comes back in %eax.  Every other register is kept.
 */
#define NK_GCALL_YIELD		1	/* nothing to do: give the CPU away
					 * until an event is pending (at once
					 * if one already is); returns 0 */
#define NK_GCALL_CONSOLE	2	/* %ebx = text, %ecx = length: append
					 * to this guest's console ring */
#define NK_GCALL_TIMER		3	/* %ebx = ns from now, or
					 * NK_GTIMER_CANCEL: this guest's one
					 * timer deadline */
#define NK_GCALL_UPCALL		4	/* %ebx = the guest's event entry, or
					 * 0: events at yields only (below) */
#define NK_GCALL_ALIVE		5	/* "I am alive": the time is recorded
					 * for nkctl os list */
#define NK_GCALL_TIMER_AT	6	/* %ebx, %ecx = the low and high words
					 * of a TSC value: its deadline then */
#define NK_GCALL_SVC		7	/* %ebx = struct nk_svc_req in its
					 * partition: a service call (svc.h);
					 * returns its result */
#define NK_GCALL_RAS		8	/* %ebx = buffer, %ecx = its length (at
					 * most NK_RAS_FIXED): the fixed part of
					 * the newest crash record of the host
					 * (ras.h); returns its seq, -NK_ENOENT
					 * if there is none, -NK_EBADMSG if it
					 * is corrupt */
#define NK_GCALL_HOST_RESTART	9	/* the host is down: boot it again from
					 * what it armed (ras.h).  The caller,
					 * like every guest, is held until the
					 * new host's loader attaches, and the
					 * call then returns 0; it returns at
					 * once -NK_EINVAL if the host is not
					 * down, -NK_ENOENT if nothing was
					 * armed, -NK_EBADMSG if what was armed
					 * is corrupt */
#define NK_GTIMER_CANCEL	0xffffffffu

/*
 * Events (struct nk_vcpu.pending): what happened for the guest.  The
 * nanokernel sets them with a locked or; the guest takes them with xchg.
 */
#define NK_GEVENT_TIMER		0x01	/* its timer deadline passed */
#define NK_GEVENT_IRQ		0x02	/* one of its devices interrupted:
					 * which ones are in nk_vcpu.irqs */
#define NK_GEVENT_COMMAND	0x04	/* the host's command (nkctl os run
					 * NAME COMMAND) is in nk_vcpu.command */
#define NK_GEVENT_DOORBELL	0x08	/* a queue or event variable it waits
					 * on changed: which, in nk_vcpu.mq_bells
					 * and ev_bells (include/nk/svc.h) */
#define NK_GEVENT_HOST_DOWN	0x10	/* the host died: its crash record is
					 * kept (NK_GCALL_RAS), and the guests
					 * run alone */
#define NK_GEVENT_ALL		0x1f

/* Offsets in struct nk_vcpu, for a guest's assembly. */
#define NK_VCPU_VIF		0
#define NK_VCPU_PENDING		4

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
	uint32_t vcpu;		/* address of its struct nk_vcpu */
	uint32_t reserved[9];
};
NK_CHECK_SIZE(struct nk_guest_info, 64);

/*
 * The virtual CPU a guest shares with the nanokernel: its virtual
 * interrupt flag and its pending events, in memory, so that masking and
 * unmasking never trap.
 *
 * vif is the guest's: 1 lets the nanokernel deliver events at once, 0
 * holds them.  A guest that registered an event entry (NK_GCALL_UPCALL)
 * is interrupted there whenever an event is pending and vif is 1, as if by
 * a hardware interrupt: vif is cleared, every register is as it was, and
 * the stack holds an i386 interrupt frame (EIP, CS, EFLAGS) of the code
 * that was interrupted.  The entry takes the events, sets vif back to 1,
 * looks at pending once more (an event that came after its look would
 * otherwise wait) and returns with iret.  A guest that clears vif and sets
 * it again later looks at pending itself: nothing is delivered for it
 * while vif was 0.  A guest without an event entry sees events only when
 * its yield returns.
 *
 * Everything the nanokernel reads here is checked before use: a guest that
 * scribbles over its own vcpu can only confuse itself.
 */
struct nk_vcpu {
	uint32_t vif;		/* guest: virtual interrupt flag */
	uint32_t pending;	/* nanokernel: NK_GEVENT_* not yet taken */
	uint32_t irqs;		/* nanokernel: bit n: its device on ISA IRQ n
				 * interrupted (taken with xchg, too) */
	uint32_t command;	/* nanokernel: the host's last command */
	uint32_t upcalls;	/* nanokernel: events delivered at its entry */
	uint32_t mq_bells;	/* nanokernel: bit i: queue i changed */
	uint32_t ev_bells;	/* nanokernel: bit i: event variable i changed */
	uint32_t reserved[9];
};
NK_CHECK_SIZE(struct nk_vcpu, 64);
NK_STATIC_ASSERT(__builtin_offsetof(struct nk_vcpu, pending) == NK_VCPU_PENDING,
		 "guests' assembly knows this offset");

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
