/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * include/nk/config.h - the binary system configuration.
 *
 * nkctl parses the text file (configs/NAME.conf, see
 * Documentation/configuration.md) into struct nk_config, checks it, and
 * hands it to the loader, which checks it again with the same code
 * (lib/config_check.c) before touching anything.
 */
#ifndef NK_CONFIG_H
#define NK_CONFIG_H

#include "types.h"

#define NK_CONFIG_MAGIC		0x46434b4eu	/* "NKCF" */
#define NK_CONFIG_REVISION	1u

#define NK_NAME_LEN		16	/* names: [a-z0-9_-], NUL-terminated */
#define NK_MAX_PARTITIONS	4
#define NK_MAX_DEVICES		8

/*
 * OS slots: wherever something is kept per OS (interrupt counts, timer
 * deadlines, the services' waiters), slot 0 is the host and slot i + 1
 * partition i.  The last slot of the deadlines is the nanokernel's own
 * (its time slices: nanokernel/sched.c).
 */
#define NK_OS_HOST		0u
#define NK_OS_SLOTS		8
NK_STATIC_ASSERT(NK_MAX_PARTITIONS + 2 <= NK_OS_SLOTS,
		 "a slot for the host, each partition and the slices");

#define NK_OWNER_HOST		0u	/* device owner: 0 = host, i = partition i-1 */
#define NK_NO_IRQ		0xffffffffu

#define NK_PRIO_HIGHEST		1u	/* priorities: 1 (highest) .. 255 */
#define NK_PRIO_LOWEST		255u
#define NK_PRIO_HOST		128u	/* the host's fixed priority */

enum nk_os_kind {
	NK_OS_RTOS = 1,		/* the project's µITRON-style RTOS */
	NK_OS_LINUX = 2,	/* a relocated Linux kernel */
};

struct nk_region {
	uint64_t base;		/* physical, bytes */
	uint64_t size;
};

/*
 * A guest's CPU budget: at most budget_us of every budget_period_us (as
 * Linux's sched_rt_runtime_us of sched_rt_period_us), so that no guest can
 * keep the host off the CPU for good.  A guest that spends it is throttled
 * until the period ends, or stopped as failed (NK_FAULT_BUDGET), as
 * on_overrun says.  The text format's defaults are NK_BUDGET_DEFAULT_US of
 * NK_PERIOD_DEFAULT_US, throttled.
 */
enum nk_overrun {
	NK_OVERRUN_THROTTLE = 1,
	NK_OVERRUN_FAIL = 2,
};

/* What a host reboot (not a poweroff) does while a guest is live. */
enum nk_on_reboot {
	NK_REBOOT_RESET = 1,	/* the machine resets, the guests with it */
	NK_REBOOT_RESTART = 2,	/* the host alone is booted again, through
				 * the path of its death (ras.md) */
};

#define NK_HEARTBEAT_MIN_MS	100u
#define NK_HEARTBEAT_MAX_MS	60000u

#define NK_PERIOD_MIN_US	1000u
#define NK_PERIOD_MAX_US	10000000u
#define NK_BUDGET_MIN_US	100u
#define NK_PERIOD_DEFAULT_US	1000000u
#define NK_BUDGET_DEFAULT_US	950000u

struct nk_partition {
	char name[NK_NAME_LEN];
	uint32_t kind;		/* enum nk_os_kind */
	uint32_t priority;	/* NK_PRIO_HIGHEST .. NK_PRIO_LOWEST */
	struct nk_region mem;	/* the guest's RAM */
	uint32_t budget_us;	/* NK_BUDGET_MIN_US .. budget_period_us */
	uint32_t budget_period_us;	/* NK_PERIOD_MIN_US .. NK_PERIOD_MAX_US */
	uint32_t on_overrun;	/* enum nk_overrun */
	uint32_t reserved;	/* must be zero */
};

struct nk_device {
	char name[NK_NAME_LEN];
	uint32_t owner;		/* NK_OWNER_HOST or partition index + 1 */
	uint32_t irq;		/* ISA IRQ 1..15, or NK_NO_IRQ */
	uint16_t io_base;	/* first I/O port; io_len == 0: no ports */
	uint16_t io_len;
	uint32_t reserved[3];	/* must be zero */
};

struct nk_config {
	uint32_t magic;		/* NK_CONFIG_MAGIC */
	uint32_t revision;	/* NK_CONFIG_REVISION */
	uint32_t size;		/* sizeof(struct nk_config) */
	uint32_t flags;		/* must be zero */
	uint64_t machine_ram;	/* RAM the machine has, bytes */
	uint64_t host_ram;	/* the host uses [0, host_ram): its mem= */
	struct nk_region nanokernel;
	struct nk_region shared;
	uint32_t npartitions;
	uint32_t ndevices;
	struct nk_partition partitions[NK_MAX_PARTITIONS];
	struct nk_device devices[NK_MAX_DEVICES];
	struct nk_region ras;	/* [ras]: where the host's kernel and initrd
				 * are kept for its restart (ras.md); size 0:
				 * no such section */
	uint32_t ras_on_reboot;	/* [ras] on_reboot: enum nk_on_reboot; 0
				 * without the section */
	uint32_t ras_heartbeat_ms;	/* [ras] heartbeat_ms: the host is dead
					 * when its loader's heartbeat stops for
					 * this long; 0: not watched */
	uint32_t reserved[2];	/* must be zero */
};
NK_CHECK_SIZE(struct nk_partition, 56);
NK_CHECK_SIZE(struct nk_device, 40);
NK_CHECK_SIZE(struct nk_config, 64 + 8 + 4 * 56 + 8 * 40 + 32);

/* Where in the configuration a problem is. */
enum nk_config_section {
	NK_SEC_SYSTEM = 0,
	NK_SEC_NANOKERNEL,
	NK_SEC_SHARED,
	NK_SEC_PARTITION,
	NK_SEC_DEVICE,
	NK_SEC_RAS,
};

struct nk_config_error {
	int section;		/* enum nk_config_section */
	int index;		/* partition or device index, else -1 */
	const char *field;	/* the configuration file's field name */
	char reason[120];
};

/*
 * nk_config_check() - check everything that can be checked without the
 * machine: magic, revision, reserved fields, names, alignment, ranges,
 * overlaps, owners, IRQs and ports.  Returns 0, or -EINVAL with *err filled.
 */
int nk_config_check(const struct nk_config *c, struct nk_config_error *err);

/*
 * nk_config_check_irq() - the rule for device index's IRQ number, 1 .. 15
 * but not 2, for any number: nk_config_check() applies it to every IRQ but
 * NK_NO_IRQ, the parser to every number the text gives, so that none can
 * become NK_NO_IRQ.  Returns 0, or -EINVAL with *err filled.
 */
int nk_config_check_irq(uint64_t irq, int index, struct nk_config_error *err);

/* Section name as written in the file: "system", "partition", ... */
const char *nk_config_section_name(int section);

#endif /* NK_CONFIG_H */
