/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/ioctl.h - the /dev/nanokernel ioctl interface.
 *
 * Rules (Documentation/abi.md): fixed-width fields, pointers as uint64_t,
 * reserved fields must be zero (else -EINVAL), unknown commands -ENOTTY, a
 * new command number rather than a version field.
 */
#ifndef NK_IOCTL_H
#define NK_IOCTL_H

#include "types.h"
#include "config.h"
#include "svc.h"
#if defined(__KERNEL__)
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define NK_DEVICE_PATH		"/dev/nanokernel"
#define NK_IOCTL_TYPE		0xB9	/* unused in Linux's ioctl-number.rst */

#define NK_ERROR_LEN		160

struct nk_load_args {
	uint64_t config_ptr;	/* in: struct nk_config */
	uint64_t image_ptr;	/* in: the flat nanokernel image */
	uint32_t config_size;	/* in: sizeof(struct nk_config) */
	uint32_t image_size;	/* in: bytes at image_ptr */
	uint32_t flags;		/* in: NK_LOAD_*, other bits zero */
	uint32_t attached;	/* in: zero; out: 1 if the load attached to a
				 * nanokernel a loader had left detached */
	uint32_t reserved[2];	/* in: must be zero */
	char error[NK_ERROR_LEN];	/* out: why a load was refused, or "" */
};
/* struct nk_load_args.flags.  Without either, a load attaches to a
 * nanokernel left detached in its region if the image and configuration
 * are the ones running (else it is refused), and starts afresh if none is
 * there. */
#define NK_LOAD_REPLACE		0x1	/* start afresh whatever is there */
#define NK_LOAD_ATTACH		0x2	/* attach, or refuse (-ENOENT) */
NK_CHECK_SIZE(struct nk_load_args, 40 + NK_ERROR_LEN);

struct nk_status_args {
	uint32_t loaded;	/* 1 if a nanokernel is loaded */
	uint32_t state;		/* enum nk_state */
	uint32_t version;	/* from the image header */
	uint32_t abi_revision;
	uint64_t region_base;
	uint64_t region_size;
	uint32_t image_size;	/* bytes of the flat image */
	uint32_t mem_size;	/* text + data + bss */
	uint32_t host_alias;	/* where the host maps the region */
	uint32_t boot_count;
	uint32_t calls;
	uint32_t fault_count;
	uint64_t init_tsc;
	uint32_t fault_vector;
	uint32_t fault_eip;
	uint32_t tsc_khz;	/* the TSC's rate, the nanokernel's clock */
	uint32_t detached;	/* 1: not loaded, this loader detached it and
				 * it waits for a load to attach */
	uint32_t attach_count;	/* attaches since its init */
	uint32_t detach_count;	/* detaches since its init */
	uint32_t detached_ms;	/* how long the last detach lasted, or 0 */
	uint32_t host_boot;	/* the host's boots since its init: 1, ... */
	uint32_t host_downs;	/* host deaths it took (Documentation/ras.md) */
	uint32_t reserved[1];	/* out: zero */
};
NK_CHECK_SIZE(struct nk_status_args, 104);

struct nk_ping_args {
	uint32_t value;		/* in */
	uint32_t result;	/* out: what the nanokernel answered */
	uint32_t reserved[2];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_ping_args, 16);

#define NK_NO_LINUX_IRQ		0xffff

struct nk_stats_args {
	uint64_t counts_ptr;	/* in: room for struct nk_irq_counts */
	uint64_t irqs_ptr;	/* in: room for uint16_t[256]: the Linux IRQ
				 * behind each vector, or NK_NO_LINUX_IRQ */
	uint32_t counts_size;	/* in: sizeof(struct nk_irq_counts) */
	uint32_t host_idt;	/* out: 1 while the host runs on our IDT */
	uint32_t host_vectors;	/* out: vectors taken over */
	uint32_t idt_lost;	/* out: times Linux was found on another IDT */
	uint32_t tick_vector;	/* out: the vector of the host's tick */
	uint32_t lapic_khz;	/* out: LAPIC timer rate measured at load */
	uint64_t merge_calls;	/* out: host timer requests passed to the
				 * nanokernel (one merge each) */
	uint64_t merge_tsc;	/* out: TSC ticks spent in them, passage
				 * included */
	uint32_t guest_late_max;	/* out: worst lateness of a guest's timer
					 * interrupt, ns */
	uint32_t guest_late_eip;	/* out: the host's EIP then (0: a guest
					 * was on the CPU) */
	uint32_t nk_vector;	/* out: the nanokernel's own (its timer) */
	uint32_t reserved;	/* in: must be zero */
	uint32_t guest_late_callers[2];	/* out: who called the code at
					 * guest_late_eip, and its caller */
};
NK_CHECK_SIZE(struct nk_stats_args, 80);

/* Guests (Documentation/guests.md). */
struct nk_os_start_args {
	uint32_t partition;	/* in: index in the configuration */
	uint32_t image_size;	/* in */
	uint64_t image_ptr;	/* in: a guest image (struct nk_guest_header) */
	uint32_t flags;		/* in: must be zero */
	uint32_t reserved[3];	/* in: must be zero */
	char error[NK_ERROR_LEN];	/* out: why the start was refused, or "" */
};
NK_CHECK_SIZE(struct nk_os_start_args, 32 + NK_ERROR_LEN);

struct nk_os_args {
	uint32_t partition;	/* in */
	uint32_t command;	/* in, OS_RUN: handed to the guest (0..255) */
	int32_t result;		/* out: the nanokernel's result */
	uint32_t reserved;	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_os_args, 16);

struct nk_os_list_args {
	uint64_t status_ptr;	/* in: room for count struct nk_os_status */
	uint32_t count;		/* in: NK_MAX_PARTITIONS */
	uint32_t reserved[3];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_os_list_args, 24);

struct nk_console_args {
	uint32_t partition;	/* in */
	uint32_t len;		/* in: room at buf_ptr; out: bytes copied */
	uint64_t buf_ptr;	/* in */
	uint64_t pos;		/* in: first byte wanted (0: the oldest kept);
				 * out: where to ask next time */
	uint64_t lost;		/* out: bytes overwritten before being read */
	uint32_t reserved[2];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_console_args, 40);

/*
 * The cross-OS services (Documentation/services.md, include/nk/svc.h).
 * An object is used through the file descriptor that created or opened
 * it; a blocking call sleeps without holding anything (a signal ends it
 * with EINTR, nothing lost); timeout_ms: -1 waits for ever, 0 only tries.
 */
struct nk_svc_obj_args {	/* *_CREATE, *_OPEN, *_DESTROY, SHM_CLOSE, MQ_WATCH */
	char name[NK_SVC_NAME_LEN];	/* in: create, open */
	uint32_t id;		/* out: create, open; in: the others */
	uint32_t flags;		/* in: create: NK_SVCF_EXCL */
	uint32_t arg[3];	/* in: create: MQ depth, msg_max; EV initial
				 * bits; SHM size, mode */
	uint32_t out[3];	/* out: MQ depth, msg_max; SHM offset (for
				 * mmap), size, mode */
	uint32_t reserved[2];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_svc_obj_args, 56);

struct nk_msg_args {		/* MQ_SEND, MQ_RECV */
	uint32_t id;
	uint32_t len;		/* in: bytes to send, or room; out: bytes */
	uint64_t buf_ptr;
	int32_t timeout_ms;
	uint32_t reserved[3];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_msg_args, 32);

struct nk_ev_args {		/* EV_SET, EV_CLEAR, EV_WAIT */
	uint32_t id;
	uint32_t bits;		/* in: to set, to clear, to wait for */
	uint32_t mode;		/* in: wait: NK_EV_ANY or NK_EV_ALL */
	uint32_t clear;		/* in: wait: bits to clear when satisfied */
	int32_t timeout_ms;	/* in: wait */
	uint32_t result;	/* out: the bits (wait: those that satisfied it) */
	uint32_t reserved[2];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_ev_args, 32);

struct nk_pnvm_args {		/* PNVM_OPEN, _BEGIN, _COMMIT, _CLOSE, _FREE */
	uint32_t key;		/* in: open, free */
	uint32_t size;		/* in: open: bytes wanted (0: only if it exists) */
	uint32_t id;		/* out: open; in: begin, commit, close */
	uint32_t offset;	/* out: open: for mmap */
	uint32_t status;	/* out: open: NK_PNVM_NEW, KEPT or TORN */
	uint32_t generation;	/* out */
	uint32_t crc;		/* out: open: the CRC-32 committed last; in:
				 * commit: the contents' CRC-32 now */
	uint32_t index;		/* in: free: index + 1 of an entry whose key
				 * is unreadable, else 0 */
	uint32_t reserved[2];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_pnvm_args, 40);

struct nk_svc_list_args {	/* SVC_LIST: the tables, for nkctl */
	uint64_t dir_ptr;	/* in: room for struct nk_svc_dir */
	uint64_t pnvm_ptr;	/* in: room for struct nk_pnvm_dir */
	uint32_t dir_size;	/* in: sizeof(struct nk_svc_dir) */
	uint32_t pnvm_size;	/* in: sizeof(struct nk_pnvm_dir) */
	uint16_t mq_sleepers[NK_MQ_MAX];	/* out: host processes asleep */
	uint16_t ev_sleepers[NK_EV_MAX];
	uint32_t doorbells;	/* out: host doorbells taken */
	/* out, for the leak check: what the loader holds now */
	uint32_t files;		/* descriptors of /dev/nanokernel open */
	uint32_t allocs;	/* its own allocations for them (a descriptor's
				 * state, a call's buffer) */
	uint32_t handles;	/* handles held by descriptors */
	uint32_t refs;		/* segment and region references they hold */
	uint32_t maps;		/* mappings, each holding a reference */
	uint32_t reserved[4];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_svc_list_args, 24 + 128 + 40);

/* NK_IOC_RAS_ARM: the host's kernel, initrd and command line, and the
 * zero page it was booted with (/sys/kernel/boot_params/data), for the
 * nanokernel to boot it again with after its death. */
struct nk_ras_arm_args {
	uint64_t kernel_ptr;	/* in: a bzImage */
	uint64_t initrd_ptr;	/* in: an initramfs, or 0 */
	uint64_t cmdline_ptr;	/* in: the command line, NUL-terminated */
	uint64_t boot_params_ptr;	/* in: 4096 bytes */
	uint32_t kernel_size;
	uint32_t initrd_size;	/* 0: no initrd */
	uint32_t cmdline_size;	/* bytes with the NUL */
	uint32_t boot_params_size;	/* 4096 */
	uint32_t reserved[4];	/* in: must be zero */
	char error[NK_ERROR_LEN];	/* out: why it was refused, or "" */
};
NK_CHECK_SIZE(struct nk_ras_arm_args, 64 + NK_ERROR_LEN);

/* NK_IOC_RAS_READ: one of the host's crash records (ras.h), checked. */
struct nk_ras_read_args {
	uint64_t buf_ptr;	/* in: room for the record, or 0 */
	uint32_t buf_size;	/* in: bytes there (NK_RAS_RECORD_SIZE: all) */
	uint32_t seq;		/* in: which record; 0: the newest */
	uint32_t newest;	/* out: the newest record's seq, 0: none */
	uint32_t cleared;	/* out: the records up to this one are cleared */
	uint32_t reserved[4];	/* in: must be zero */
};
NK_CHECK_SIZE(struct nk_ras_read_args, 40);

#define NK_IOC_LOAD		_IOWR(NK_IOCTL_TYPE, 0x01, struct nk_load_args)
#define NK_IOC_UNLOAD		_IO(NK_IOCTL_TYPE, 0x02)
#define NK_IOC_STATUS		_IOR(NK_IOCTL_TYPE, 0x03, struct nk_status_args)
#define NK_IOC_GET_CONFIG	_IOR(NK_IOCTL_TYPE, 0x04, struct nk_config)
#define NK_IOC_PING		_IOWR(NK_IOCTL_TYPE, 0x05, struct nk_ping_args)
/* Test hook: make the nanokernel take exception `value` (0, 3, 6, 13, 14)
 * inside a call; result = the call's result (-NK_EFAULT when it was caught). */
#define NK_IOC_FAULT_TEST	_IOWR(NK_IOCTL_TYPE, 0x06, struct nk_ping_args)
#define NK_IOC_STATS		_IOWR(NK_IOCTL_TYPE, 0x07, struct nk_stats_args)
/* Test hook: put Linux's own IDT back behind the loader's back, as Linux
 * itself would on resume or CPU online, so the tests can check that the
 * loss is noticed and reported (nkctl stats, the kernel log). */
#define NK_IOC_TEST_IDT_RELOAD	_IO(NK_IOCTL_TYPE, 0x08)
/* Test hook: send `value` (1..1000) self-IPIs on a system vector Linux
 * treats as spurious (0xef, unused on a uniprocessor); result = the vector. */
#define NK_IOC_TEST_SPURIOUS	_IOWR(NK_IOCTL_TYPE, 0x09, struct nk_ping_args)
/* Test hook: arm the next deadlines of an OS later than asked, value =
 * NK_TEST_DELAY(slot, count, us) (image.h), so the tests can check that a
 * tick or a timer event that came a period late is noticed. */
#define NK_IOC_TEST_DELAY	_IOWR(NK_IOCTL_TYPE, 0x0a, struct nk_ping_args)
/* Leave the nanokernel and its guests running, detached (-EBUSY while a
 * host process holds a service handle or a mapping). */
#define NK_IOC_DETACH		_IO(NK_IOCTL_TYPE, 0x0b)
/* Keep what the nanokernel needs to boot the host again after its death
 * (Documentation/ras.md): -ENODEV with no [ras] region, -EINVAL for a
 * kernel that is not a bzImage of the 32-bit boot protocol, -ENOSPC when
 * it and the initrd do not fit the region or the host's RAM. */
#define NK_IOC_RAS_ARM		_IOWR(NK_IOCTL_TYPE, 0x0c, struct nk_ras_arm_args)
/* Read a crash record: 0 and the record (as much as fits) if it is whole;
 * -ENOENT if it is not kept (none yet, cleared, or older than the last
 * NK_RAS_SLOTS), -EBADMSG if it, or the area's head, is corrupt: nothing
 * of it is copied.  newest and cleared are set either way. */
#define NK_IOC_RAS_READ		_IOWR(NK_IOCTL_TYPE, 0x0d, struct nk_ras_read_args)
/* Clear the crash records: the nanokernel marks every one cleared
 * (NK_CALL_RAS_CLEAR); returns how many were. */
#define NK_IOC_RAS_CLEAR	_IO(NK_IOCTL_TYPE, 0x0e)
/* The test hooks (FAULT_TEST, TEST_*) answer -EPERM unless the loader was
 * inserted with test_hooks=1 (Documentation/abi.md). */
#define NK_IOC_OS_START		_IOWR(NK_IOCTL_TYPE, 0x10, struct nk_os_start_args)
#define NK_IOC_OS_RUN		_IOWR(NK_IOCTL_TYPE, 0x11, struct nk_os_args)
#define NK_IOC_OS_STOP		_IOWR(NK_IOCTL_TYPE, 0x12, struct nk_os_args)
#define NK_IOC_OS_LIST		_IOW(NK_IOCTL_TYPE, 0x13, struct nk_os_list_args)
#define NK_IOC_CONSOLE		_IOWR(NK_IOCTL_TYPE, 0x14, struct nk_console_args)
#define NK_IOC_MQ_CREATE	_IOWR(NK_IOCTL_TYPE, 0x20, struct nk_svc_obj_args)
#define NK_IOC_MQ_OPEN		_IOWR(NK_IOCTL_TYPE, 0x21, struct nk_svc_obj_args)
#define NK_IOC_MQ_DESTROY	_IOW(NK_IOCTL_TYPE, 0x22, struct nk_svc_obj_args)
#define NK_IOC_MQ_SEND		_IOWR(NK_IOCTL_TYPE, 0x23, struct nk_msg_args)
#define NK_IOC_MQ_RECV		_IOWR(NK_IOCTL_TYPE, 0x24, struct nk_msg_args)
/* poll()/select() on this descriptor from now on say whether queue id
 * has a message (EPOLLIN). */
#define NK_IOC_MQ_WATCH		_IOW(NK_IOCTL_TYPE, 0x25, struct nk_svc_obj_args)
#define NK_IOC_EV_CREATE	_IOWR(NK_IOCTL_TYPE, 0x28, struct nk_svc_obj_args)
#define NK_IOC_EV_OPEN		_IOWR(NK_IOCTL_TYPE, 0x29, struct nk_svc_obj_args)
#define NK_IOC_EV_DESTROY	_IOW(NK_IOCTL_TYPE, 0x2a, struct nk_svc_obj_args)
#define NK_IOC_EV_SET		_IOWR(NK_IOCTL_TYPE, 0x2b, struct nk_ev_args)
#define NK_IOC_EV_CLEAR		_IOWR(NK_IOCTL_TYPE, 0x2c, struct nk_ev_args)
#define NK_IOC_EV_WAIT		_IOWR(NK_IOCTL_TYPE, 0x2d, struct nk_ev_args)
#define NK_IOC_SHM_CREATE	_IOWR(NK_IOCTL_TYPE, 0x30, struct nk_svc_obj_args)
#define NK_IOC_SHM_OPEN		_IOWR(NK_IOCTL_TYPE, 0x31, struct nk_svc_obj_args)
#define NK_IOC_SHM_CLOSE	_IOW(NK_IOCTL_TYPE, 0x32, struct nk_svc_obj_args)
#define NK_IOC_SHM_DESTROY	_IOW(NK_IOCTL_TYPE, 0x33, struct nk_svc_obj_args)
#define NK_IOC_PNVM_OPEN	_IOWR(NK_IOCTL_TYPE, 0x38, struct nk_pnvm_args)
#define NK_IOC_PNVM_BEGIN	_IOWR(NK_IOCTL_TYPE, 0x39, struct nk_pnvm_args)
#define NK_IOC_PNVM_COMMIT	_IOWR(NK_IOCTL_TYPE, 0x3a, struct nk_pnvm_args)
#define NK_IOC_PNVM_FREE	_IOW(NK_IOCTL_TYPE, 0x3b, struct nk_pnvm_args)
#define NK_IOC_PNVM_CLOSE	_IOW(NK_IOCTL_TYPE, 0x3c, struct nk_pnvm_args)
#define NK_IOC_SVC_LIST		_IOWR(NK_IOCTL_TYPE, 0x3e, struct nk_svc_list_args)
/* Test hook: scribble over a table entry as a crashed OS might:
 * arg[0] = 1 queue, 2 event, 3 segment, 4 PNVM entry, 5 heap map; id. */
#define NK_IOC_TEST_SVC_CORRUPT	_IOW(NK_IOCTL_TYPE, 0x3f, struct nk_svc_obj_args)
#define NK_IOC_IS_SVC(cmd)	(_IOC_TYPE(cmd) == NK_IOCTL_TYPE && \
				 _IOC_NR(cmd) >= 0x20 && _IOC_NR(cmd) <= 0x3f)

#endif /* NK_IOCTL_H */
