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
	uint32_t flags;		/* in: must be zero */
	uint32_t reserved[3];	/* in: must be zero */
	char error[NK_ERROR_LEN];	/* out: why a load was refused, or "" */
};
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
	uint32_t reserved[7];	/* out: zero */
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

#define NK_IOC_LOAD		_IOWR(NK_IOCTL_TYPE, 0x01, struct nk_load_args)
#define NK_IOC_UNLOAD		_IO(NK_IOCTL_TYPE, 0x02)
#define NK_IOC_STATUS		_IOR(NK_IOCTL_TYPE, 0x03, struct nk_status_args)
#define NK_IOC_GET_CONFIG	_IOR(NK_IOCTL_TYPE, 0x04, struct nk_config)
#define NK_IOC_PING		_IOWR(NK_IOCTL_TYPE, 0x05, struct nk_ping_args)
/* Test hook: make the nanokernel take exception `value` (0, 3, 6, 13, 14)
 * inside a call; result = the call's result (NK_EFAULT when it was caught). */
#define NK_IOC_FAULT_TEST	_IOWR(NK_IOCTL_TYPE, 0x06, struct nk_ping_args)
#define NK_IOC_STATS		_IOWR(NK_IOCTL_TYPE, 0x07, struct nk_stats_args)
/* Test hook: put Linux's own IDT back behind the loader's back, as Linux
 * itself would on resume or CPU online, so the tests can check that the
 * loss is noticed and reported (nkctl stats, the kernel log). */
#define NK_IOC_TEST_IDT_RELOAD	_IO(NK_IOCTL_TYPE, 0x08)
/* Test hook: send `value` (1..1000) self-IPIs on a system vector Linux
 * treats as spurious (0xef, unused on a uniprocessor); result = the vector. */
#define NK_IOC_TEST_SPURIOUS	_IOWR(NK_IOCTL_TYPE, 0x09, struct nk_ping_args)
#define NK_IOC_OS_START		_IOWR(NK_IOCTL_TYPE, 0x10, struct nk_os_start_args)
#define NK_IOC_OS_RUN		_IOWR(NK_IOCTL_TYPE, 0x11, struct nk_os_args)
#define NK_IOC_OS_STOP		_IOWR(NK_IOCTL_TYPE, 0x12, struct nk_os_args)
#define NK_IOC_OS_LIST		_IOW(NK_IOCTL_TYPE, 0x13, struct nk_os_list_args)
#define NK_IOC_CONSOLE		_IOWR(NK_IOCTL_TYPE, 0x14, struct nk_console_args)

#endif /* NK_IOCTL_H */
