/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/ras.h - the host's death as the nanokernel keeps it
 * (Documentation/ras.md): the crash records.
 *
 * When the host dies (its panic notifier, loader/ras.c), the loader only
 * copies what the dying kernel knows (its panic message, the last part of
 * its log, the registers of the failing context, uptime, taint, release)
 * as a struct nk_ras_record into the host's staging area of the shared
 * region, and makes its last call, NK_CALL_HOST_DOWN.  The nanokernel
 * trusts nothing of it but bytes: it copies the record into the next slot
 * of the RAS area, bounds every length, terminates every string, stamps
 * the sequence number, the host boot and its own TSC, and seals it with a
 * CRC-32.  From then on the guests run alone.
 *
 * The RAS area sits just before the PNVM area at the end of the shared
 * region and, like it, is never cleared by a load: the records outlive
 * the host, the loader and the nanokernel.  Its head page says how many
 * records were ever taken; record seq lives in slot (seq - 1) % NK_RAS_SLOTS,
 * so the area keeps the last NK_RAS_SLOTS.  A record whose magic,
 * revision, slot or CRC does not hold is corrupt, and is said to be.
 */
#ifndef NK_RAS_H
#define NK_RAS_H

#include "types.h"
#include "crc32.h"

#define NK_RAS_HEAD_MAGIC	NK_U(0x41524b4e)	/* "NKRA" */
#define NK_RAS_RECORD_MAGIC	NK_U(0x52524b4e)	/* "NKRR" */
#define NK_RAS_REVISION		1

#define NK_RAS_AREA		NK_U(0x00040000)	/* 256 KB before PNVM's */
#define NK_RAS_HEAD_SIZE	NK_U(0x00001000)
#define NK_RAS_RECORD_SIZE	NK_U(0x00009000)	/* 36 KB a record */
#define NK_RAS_SLOTS		7
#define NK_RAS_FIXED		NK_U(0x00000400)	/* the record before its log */
#define NK_RAS_LOG_MAX		(NK_RAS_RECORD_SIZE - NK_RAS_FIXED)
#define NK_RAS_STACK_WORDS	64

NK_STATIC_ASSERT(NK_RAS_HEAD_SIZE + NK_RAS_SLOTS * NK_RAS_RECORD_SIZE <= NK_RAS_AREA,
		 "the records fit the RAS area");

/* What killed the host: struct nk_ras_record.kind. */
enum nk_ras_kind {
	NK_RAS_PANIC = 1,	/* panic() with no oops before it (sysrq-c) */
	NK_RAS_OOPS = 2,	/* an oops (BUG(), a bad pointer, ...) that
				 * oops=panic made a panic */
	NK_RAS_REBOOT = 3,	/* a reboot, with [ras] on_reboot = restart */
	NK_RAS_HEARTBEAT = 4,	/* its heartbeat stopped for heartbeat_ms
				 * while a guest was live: the record is the
				 * nanokernel's alone (no log) */
};

/* The registers of the failing context: the oops's (die notifier), or
 * the panicking CPU's in the panic notifier. */
#define NK_RAS_REGS_NONE	0
#define NK_RAS_REGS_DIE		1	/* struct pt_regs of the oops */
#define NK_RAS_REGS_PANIC	2	/* the panic notifier's own */
#define NK_RAS_REGS_IRQ		3	/* what the interrupt that panicked
					 * interrupted (a soft lockup's) */
#define NK_RAS_REGS_HEARTBEAT	4	/* where the host was when the
					 * nanokernel found its heartbeat
					 * missing: eip, and stack[0..1] its
					 * caller and that one's */

struct nk_ras_regs {
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
	uint32_t eip, eflags, cs, ss, ds, es, fs, gs;
	uint32_t cr0, cr2, cr3, cr4;
	uint32_t trap, error;	/* the oops's trap number and error code */
	uint32_t source;	/* NK_RAS_REGS_* */
	uint32_t stack_words;	/* words of stack[] copied from esp */
	uint32_t stack[NK_RAS_STACK_WORDS];
};
NK_CHECK_SIZE(struct nk_ras_regs, 352);

struct nk_ras_record {
	uint32_t magic;		/* NK_RAS_RECORD_MAGIC */
	uint32_t revision;	/* NK_RAS_REVISION */
	uint32_t seq;		/* 1, 2, ...: which death of the host this is */
	uint32_t crc;		/* CRC-32 of the first NK_RAS_FIXED bytes and
				 * log_len bytes of log, this field as 0 */
	uint32_t kind;		/* enum nk_ras_kind */
	uint32_t host_boot;	/* the host boot that died: 1 is the one
				 * that loaded the nanokernel */
	uint32_t log_len;	/* bytes of log[] */
	uint32_t taint;		/* bit n: Linux's taint flag n */
	uint64_t uptime_ns;	/* the host's, at its death */
	uint64_t tsc;		/* the nanokernel's TSC when it took it */
	char release[64];	/* uname -r of the host that died */
	char reason[256];	/* the panic message */
	char oops[64];		/* the oops's first words ("Oops", "invalid
				 * opcode"), or empty */
	struct nk_ras_regs regs;
	uint32_t reserved[60];	/* zero */
	char log[NK_RAS_LOG_MAX];	/* the last part of the host's log */
};
NK_STATIC_ASSERT(__builtin_offsetof(struct nk_ras_record, log) == NK_RAS_FIXED,
		 "the fixed part is NK_RAS_FIXED bytes");
NK_CHECK_SIZE(struct nk_ras_record, NK_RAS_RECORD_SIZE);

struct nk_ras_head {
	uint32_t magic;		/* NK_RAS_HEAD_MAGIC */
	uint32_t revision;	/* NK_RAS_REVISION */
	uint32_t seq;		/* the last record's seq: records ever taken */
	uint32_t cleared;	/* records up to this seq were cleared */
	uint32_t reserved[3];
	uint32_t crc;		/* CRC-32 of these 32 bytes, this field as 0 */
};
NK_CHECK_SIZE(struct nk_ras_head, 32);

/* Record seq's slot. */
static inline uint32_t nk_ras_slot_off(uint32_t seq)
{
	return NK_RAS_HEAD_SIZE + ((seq - 1) % NK_RAS_SLOTS) * NK_RAS_RECORD_SIZE;
}

/* The CRCs, computed alike by the nanokernel that seals and the loader
 * that reads (lib/crc32.c in both). */
static inline uint32_t nk_ras_head_crc(const struct nk_ras_head *h)
{
	struct nk_ras_head c = *h;

	c.crc = 0;
	return nk_crc32(0, &c, sizeof(c));
}

static inline uint32_t nk_ras_record_crc(const struct nk_ras_record *r)
{
	uint32_t crc, zero = 0, len = r->log_len;

	if (len > NK_RAS_LOG_MAX)
		len = NK_RAS_LOG_MAX;
	crc = nk_crc32(0, r, __builtin_offsetof(struct nk_ras_record, crc));
	crc = nk_crc32(crc, &zero, sizeof(zero));
	crc = nk_crc32(crc, &r->kind, NK_RAS_FIXED -
		       __builtin_offsetof(struct nk_ras_record, kind));
	return nk_crc32(crc, r->log, len);
}

/* Is record r, found in seq's slot, whole? */
static inline int nk_ras_record_ok(const struct nk_ras_record *r, uint32_t seq)
{
	return r->magic == NK_RAS_RECORD_MAGIC && r->revision == NK_RAS_REVISION &&
	       r->seq == seq && r->log_len <= NK_RAS_LOG_MAX &&
	       r->crc == nk_ras_record_crc(r);
}

static inline int nk_ras_head_ok(const struct nk_ras_head *h)
{
	return h->magic == NK_RAS_HEAD_MAGIC && h->revision == NK_RAS_REVISION &&
	       h->cleared <= h->seq && h->crc == nk_ras_head_crc(h);
}

/*
 * What the host armed for its restart (nkctl ras arm, NK_IOC_RAS_ARM), at
 * the start of the RAS region of the configuration ([ras]): the loader
 * keeps there its kernel's protected-mode code, its initrd, the zero page
 * it built for the new boot (the zero page the host was booted with, the
 * new kernel's setup header, the initrd and the command line in it) and
 * the command line, each to be copied to where the 32-bit boot protocol
 * wants it, and the whole sealed with a CRC-32.  The nanokernel checks it
 * all again before it boots the host with it: bounds, and the CRC.
 */
#define NK_RAS_BOOT_MAGIC	NK_U(0x42524b4e)	/* "NKRB" */
#define NK_RAS_BOOT_BLOBS	4	/* kernel, initrd, zero page, command line */
#define NK_RAS_BOOT_HEAD	NK_U(0x1000)	/* the blobs start after a page */
#define NK_RAS_ZERO_PAGE	NK_U(0x00090000)	/* where the zero page goes */
#define NK_RAS_CMDLINE		NK_U(0x00091000)	/* and the command line */
#define NK_RAS_KERNEL		NK_U(0x00100000)	/* and the kernel: code32_start */

struct nk_ras_blob {
	uint32_t off;		/* in the RAS region, from its start */
	uint32_t dst;		/* physical, in the host's RAM */
	uint32_t len;		/* bytes; 0: none */
	uint32_t crc;		/* CRC-32 of the bytes */
};

struct nk_ras_boot {
	uint32_t magic;		/* NK_RAS_BOOT_MAGIC */
	uint32_t revision;	/* NK_RAS_REVISION */
	uint32_t crc;		/* CRC-32 of this structure, this field as 0 */
	uint32_t entry;		/* where the new kernel starts (code32_start) */
	uint32_t zero_page;	/* its physical address: %esi at the entry */
	uint32_t arms;		/* times armed since the region was laid down */
	struct nk_ras_blob blob[NK_RAS_BOOT_BLOBS];
	char version[64];	/* the kernel's version string */
	uint32_t reserved[4];	/* zero */
};
NK_CHECK_SIZE(struct nk_ras_boot, 24 + 64 + 64 + 16);

/* The plan's CRC, as the loader seals it (its magic written last, so
 * taken as NK_RAS_BOOT_MAGIC) and the nanokernel checks it. */
static inline uint32_t nk_ras_boot_crc(const struct nk_ras_boot *b)
{
	struct nk_ras_boot c = *b;

	c.magic = NK_RAS_BOOT_MAGIC;
	c.crc = 0;
	return nk_crc32(0, &c, sizeof(c));
}

#endif /* NK_RAS_H */
