/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/image.h - the header at offset 0 of the flat nanokernel image,
 * the boot information the loader hands it, the status it keeps, and the
 * calls the host makes through the passage.
 */
#ifndef NK_IMAGE_H
#define NK_IMAGE_H

#include "types.h"
#include "errno.h"
#ifndef __ASSEMBLER__
#include "config.h"
#endif

#define NK_IMAGE_MAGIC		NK_U(0x4d494b4e)	/* "NKIM" */
#define NK_BOOTINFO_MAGIC	NK_U(0x49424b4e)	/* "NKBI" */
#define NK_STATUS_MAGIC		NK_U(0x54534b4e)	/* "NKST" */

/* Revision of the loader <-> nanokernel binary interface: header, boot
 * info, status, calls.  Bumped on any incompatible change. */
#define NK_ABI_REVISION		NK_U(6)	/* 6: the host's death */

#define NK_VERSION(maj, min, pat)	(((maj) << 16) | ((min) << 8) | (pat))
#define NK_VERSION_MAJOR(v)		((v) >> 16)
#define NK_VERSION_MINOR(v)		(((v) >> 8) & 0xff)
#define NK_VERSION_PATCH(v)		((v) & 0xff)

#ifndef __ASSEMBLER__

struct nk_image_header {
	uint32_t magic;		/* NK_IMAGE_MAGIC */
	uint32_t abi_revision;	/* NK_ABI_REVISION */
	uint32_t header_size;	/* sizeof(struct nk_image_header) */
	uint32_t version;	/* NK_VERSION() of the nanokernel */
	uint32_t link_base;	/* virtual address the image is linked at */
	uint32_t file_size;	/* bytes in the flat image, header included */
	uint32_t mem_size;	/* text + data + bss */
	uint32_t entry_host;	/* offset: nk_passage_enter (position-independent) */
	uint32_t entry_nk;	/* offset: nanokernel-side entry (linked code) */
	uint32_t status_offset;	/* offset: struct nk_status */
	uint32_t checksum;	/* CRC-32 of the file, this field taken as 0 */
	uint32_t reserved[5];	/* must be zero */
};
NK_CHECK_SIZE(struct nk_image_header, 64);

/* What the loader writes at NK_OFF_BOOTINFO before the first call. */
struct nk_boot_info {
	uint32_t magic;		/* NK_BOOTINFO_MAGIC */
	uint32_t abi_revision;
	uint64_t region_phys;	/* physical base of the nanokernel region */
	uint64_t region_size;
	uint32_t host_alias;	/* host virtual address of the region */
	uint32_t pgd_phys;	/* physical address of the page directory */
	uint32_t lapic_eoi;	/* host virtual address of the LAPIC's EOI
				 * register, for the stubs of guest vectors */
	uint32_t lapic_phys;	/* physical address of the local APIC */
	uint32_t tsc_khz;	/* the host's measure of the TSC */
	uint32_t host_timer_vector;	/* vector of the host's tick IRQ */
	uint32_t nk_vector;	/* a vector for the nanokernel itself: its
				 * timer expiries for guests */
	uint32_t doorbell_vector;	/* the loader's vector for the host's
					 * service doorbell (svc.h) */
	uint32_t flags;		/* NK_BOOT_*; other bits must be zero */
	uint32_t ioapic_phys;	/* physical address of the IO-APIC, in the
				 * local APIC's 4 MB page, or 0 */
	struct nk_config config;	/* the validated system configuration */
	uint8_t route[256];	/* owner of each vector: NK_OS_HOST or the
				 * owning partition's index + 1 */
	uint8_t vector_irq[256];	/* the ISA IRQ behind a guest's vector,
					 * or NK_NO_VECTOR_IRQ */
};
NK_CHECK_SIZE(struct nk_boot_info, 1224);
#define NK_NO_VECTOR_IRQ	0xff

/* struct nk_boot_info.flags */
#define NK_BOOT_TEST_HOOKS	0x1	/* the test calls work (loader's test_hooks=1):
					 * NK_CALL_FAULT_TEST, NK_CALL_TEST_DELAY,
					 * NK_SVC_TEST_CORRUPT; else -NK_EPERM */

enum nk_state {
	NK_STATE_EMPTY = 0,	/* image copied, init not called */
	NK_STATE_READY = 1,	/* init done */
	NK_STATE_STOPPED = 2,	/* shut down by the loader */
	NK_STATE_FAILED = 3,	/* faulted or refused its boot info */
	NK_STATE_DETACHED = 4,	/* left running with its guests by a loader
				 * that detached (NK_CALL_DETACH): nothing
				 * runs until a loader attaches again */
	NK_STATE_HOST_DOWN = 5,	/* the host died (NK_CALL_HOST_DOWN): the
				 * guests run alone, on the nanokernel's own
				 * context */
};

/* Kept by the nanokernel in its own memory; the loader only reads it. */
struct nk_status {
	uint32_t magic;		/* NK_STATUS_MAGIC once init has run */
	uint32_t state;		/* enum nk_state */
	uint32_t version;
	uint32_t abi_revision;
	uint32_t boot_count;	/* NK_CALL_INIT calls */
	uint32_t calls;		/* passage entries of any kind */
	uint64_t init_tsc;	/* TSC at the last NK_CALL_INIT */
	uint64_t last_tsc;	/* TSC at the last entry */
	uint32_t fault_vector;	/* last exception taken inside the nanokernel */
	uint32_t fault_error;
	uint32_t fault_eip;
	uint32_t fault_count;
	uint32_t partitions;	/* partitions seen in the boot info */
	uint32_t host_idt;	/* 1 while the host runs on our IDT */
	uint32_t host_vectors;	/* vectors whose gates enter our stubs */
	uint32_t lapic_khz;	/* LAPIC timer rate, measured at attach */
	uint32_t timer_programs;	/* times the LAPIC timer was programmed */
	uint32_t guest_late_max;	/* worst lateness of a guest's timer
					 * interrupt (TSC ticks, to the passage) */
	uint32_t guest_late_eip;	/* where the host was then: where it had
					 * just turned interrupts back on */
	uint32_t guest_late_callers[2];	/* its caller and that one's, from
					 * the host's frame pointers, or 0 */
	uint32_t pnvm_kept;	/* 1: the PNVM area checked at init and was
				 * kept; 0: it was laid down empty */
	uint32_t detach_count;	/* NK_CALL_DETACH calls since init */
	uint32_t attach_count;	/* NK_CALL_ATTACH calls since init */
	uint64_t detach_tsc;	/* TSC when the guests were last held
				 * (NK_CALL_HOLD 1, a detach), or 0 */
	uint64_t attach_tsc;	/* TSC when they were let go again, or 0 */
	uint32_t host_boot;	/* the host's boots since init: 1, 2, ... */
	uint32_t host_downs;	/* host deaths taken (NK_CALL_HOST_DOWN) */
	uint64_t host_down_tsc;	/* TSC of the last, or 0 */
	uint32_t host_irqs_dropped;	/* host interrupts that came while the
					 * host was down: acknowledged, dropped */
	uint32_t ras_seq;	/* seq of the last crash record, 0: none */
};
NK_CHECK_SIZE(struct nk_status, 144);

/*
 * What a loader that detaches leaves at NK_OFF_ATTACH, after the last call
 * (NK_CALL_DETACH): the next load finds the nanokernel by it, and attaches
 * only if the region reads back as it was left (state_crc) and the image
 * and configuration offered are the ones running.
 */
#define NK_ATTACH_MAGIC		NK_U(0x52414b4e)	/* "NKAR" */
struct nk_attach_record {
	uint32_t magic;		/* NK_ATTACH_MAGIC */
	uint32_t abi_revision;	/* the detaching loader's NK_ABI_REVISION */
	uint32_t image_checksum;	/* the running image's header checksum */
	uint32_t state_crc;	/* CRC-32 of [0, NK_OFF_FREE) of the region,
				 * the record's page left out */
	uint32_t detaches;	/* the nanokernel's detach_count then */
	uint32_t reserved[3];	/* zero */
};
NK_CHECK_SIZE(struct nk_attach_record, 32);


/*
 * Interrupt and exception counts, per vector and per OS slot (config.h),
 * kept by the nanokernel's stubs.
 */
struct nk_irq_counts {
	uint64_t count[256][NK_OS_SLOTS];
};
NK_CHECK_SIZE(struct nk_irq_counts, 16384);

/* What the nanokernel says about each partition's OS (NK_OFF_OS_STATUS). */
enum nk_os_state {
	NK_OS_EMPTY = 0,	/* nothing started */
	NK_OS_IDLE = 1,		/* started, waiting (it yielded) */
	NK_OS_RUNNING = 2,	/* on the CPU now */
	NK_OS_FAILED = 3,	/* stopped by an exception: see fault_* */
	NK_OS_STOPPED = 4,	/* stopped by the host */
	NK_OS_READY = 5,	/* preempted by another guest: runs again
				 * as soon as it is the most urgent */
};

struct nk_os_status {
	uint32_t state;		/* enum nk_os_state */
	uint32_t boot_count;	/* starts since the nanokernel was loaded */
	uint64_t runs;		/* times switched to */
	uint64_t calls;		/* guest calls made */
	uint64_t console_bytes;	/* bytes written to its console ring */
	uint32_t fault_vector;
	uint32_t fault_error;
	uint32_t fault_eip;
	uint32_t fault_cr2;
	uint32_t timer_events;	/* timer expiries delivered */
	uint32_t irq_events;	/* device interrupts delivered */
	uint32_t preemptions;	/* times it preempted the host */
	uint32_t upcalls;	/* events delivered at its event entry */
	uint64_t start_tsc;	/* TSC when it was started */
	uint64_t busy_tsc;	/* TSC ticks it has had the CPU */
	uint64_t alive_tsc;	/* TSC of its last NK_GCALL_ALIVE, or 0 */
	uint32_t preempted;	/* times another guest took the CPU from it */
	uint32_t host_irqs;	/* host interrupts that came while it ran
				 * (held for the host) */
	uint32_t throttles;	/* times it spent its CPU budget */
	uint32_t throttled;	/* 1 while it waits for its next period */
};
NK_CHECK_SIZE(struct nk_os_status, 104);

/* fault_vector of a guest stopped because it spent its CPU budget
 * (on_overrun = fail): no exception's number. */
#define NK_FAULT_BUDGET		0x100u

#endif /* !__ASSEMBLER__ */

/* Calls the host makes through the passage: nk_passage_enter(cr3, entry,
 * call, arg) returns the call's result (0, a count, or -NK_E*: errno.h). */
#define NK_CALL_INIT		1	/* check the boot info, go READY */
#define NK_CALL_PING		2	/* returns (arg ^ 0x5a5a5a5a) & INT32_MAX */
#define NK_CALL_SHUTDOWN	3	/* go STOPPED */
#define NK_CALL_FAULT_TEST	4	/* arg: exception to raise (0, 3, 6, 13, 14) */
#define NK_CALL_HOST_ATTACH	5	/* build the host's IDT from the copy of
					 * Linux's at NK_OFF_LINUX_IDT; returns
					 * the number of vectors taken over */
#define NK_CALL_HOST_DETACH	6	/* the host is back on Linux's IDT */
#define NK_CALL_TIMER_ATTACH	7	/* own the LAPIC timer; returns its kHz */
#define NK_CALL_TIMER_HOST	8	/* arg: the host's next deadline, in ns
					 * from now, or NK_TIMER_CANCEL */
#define NK_CALL_TIMER_DETACH	9	/* Linux takes the LAPIC timer back */
#define NK_TIMER_CANCEL		0xffffffffu
#define NK_CALL_OS_START	10	/* arg: partition index; the loader has
					 * copied a checked guest image in */
#define NK_CALL_OS_RUN		11	/* arg: partition index; run it until
					 * it yields */
#define NK_CALL_OS_STOP		12	/* arg: partition index */
#define NK_CALL_SVC		13	/* a service call: the request is in the
					 * shared region's staging area (svc.h) */
#define NK_CALL_TEST_DELAY	14	/* test hook: arg = NK_TEST_DELAY(slot,
					 * count, us): the next count deadlines
					 * of OS slot slot are armed us later */
#define NK_CALL_HOLD		15	/* arg 1: no guest runs, no guest deadline
					 * is programmed (before a detach); arg
					 * 0: they run again (after an attach) */
#define NK_CALL_DETACH		16	/* the loader has given the IDT and the
					 * timer back, guests held: go DETACHED */
#define NK_CALL_ATTACH		17	/* a loader found us DETACHED and wrote
					 * a new boot info: check it, go READY
					 * (guests still held) */
#define NK_CALL_HOST_DOWN	18	/* the host is dying: its crash record is
					 * in the staging area (ras.h); arg:
					 * enum nk_ras_kind.  Never returns */
#define NK_CALL_RAS_CLEAR	19	/* every crash record cleared; returns how
					 * many were */
#define NK_CALL_HEARTBEAT	20	/* the host lives: with [ras] heartbeat_ms,
					 * it is declared dead when none comes
					 * for that long */
#define NK_TEST_DELAY(slot, count, us) \
	((slot) | ((count) << 4) | (((us) / 10) << 16))
#define NK_TEST_DELAY_SLOT(arg)		((arg) & 0xfu)
#define NK_TEST_DELAY_COUNT(arg)	(((arg) >> 4) & 0xfffu)
#define NK_TEST_DELAY_US(arg)		(((arg) >> 16) * 10u)

#endif /* NK_IMAGE_H */
