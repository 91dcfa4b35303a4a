// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/test_config_check.c - nk_config_check() on binary
 * configurations: the test bed's configuration passes, and each rule,
 * broken on its own, is reported with its section, index and field.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <nk/config.h>

#define MB	(1ull << 20)

static struct nk_config c;

/* configs/default.conf, built by hand. */
static int setup(void **state)
{
	(void)state;
	memset(&c, 0, sizeof(c));
	c.magic = NK_CONFIG_MAGIC;
	c.revision = NK_CONFIG_REVISION;
	c.size = sizeof(c);
	c.machine_ram = 512 * MB;
	c.host_ram = 256 * MB;
	c.nanokernel = (struct nk_region){ 0x10000000, 4 * MB };
	c.shared = (struct nk_region){ 0x10400000, 12 * MB };
	c.npartitions = 2;
	strcpy(c.partitions[0].name, "rtos");
	c.partitions[0].kind = NK_OS_RTOS;
	c.partitions[0].priority = 1;
	c.partitions[0].mem = (struct nk_region){ 0x11000000, 16 * MB };
	strcpy(c.partitions[1].name, "linux");
	c.partitions[1].kind = NK_OS_LINUX;
	c.partitions[1].priority = 128;
	c.partitions[1].mem = (struct nk_region){ 0x12000000, 64 * MB };
	for (int i = 0; i < 2; i++) {
		c.partitions[i].budget_us = NK_BUDGET_DEFAULT_US;
		c.partitions[i].budget_period_us = NK_PERIOD_DEFAULT_US;
		c.partitions[i].on_overrun = NK_OVERRUN_THROTTLE;
	}
	c.ndevices = 1;
	strcpy(c.devices[0].name, "com2");
	c.devices[0].owner = 1;
	c.devices[0].irq = 3;
	c.devices[0].io_base = 0x2f8;
	c.devices[0].io_len = 8;
	return 0;
}

/* A second device, on the host's side: COM1. */
static void add_com1(void)
{
	struct nk_device *d = &c.devices[c.ndevices++];

	strcpy(d->name, "com1");
	d->owner = NK_OWNER_HOST;
	d->irq = 4;
	d->io_base = 0x3f8;
	d->io_len = 8;
}

static void expect_ok(void)
{
	struct nk_config_error e;

	if (nk_config_check(&c, &e))
		fail_msg("refused: [%s %d] %s: %s", nk_config_section_name(e.section),
			 e.index, e.field, e.reason);
}

static void expect(int section, int index, const char *field,
		   const char *words)
{
	struct nk_config_error e;

	assert_int_equal(nk_config_check(&c, &e), -EINVAL);
	assert_string_equal(nk_config_section_name(e.section),
			    nk_config_section_name(section));
	assert_int_equal(e.index, index);
	assert_string_equal(e.field, field);
	if (!strstr(e.reason, words))
		fail_msg("reason \"%s\" does not say \"%s\"", e.reason, words);
}

static void test_valid(void **state)
{
	(void)state;
	expect_ok();
	add_com1();
	expect_ok();
}

static void test_section_names(void **state)
{
	(void)state;
	assert_string_equal(nk_config_section_name(NK_SEC_SYSTEM), "system");
	assert_string_equal(nk_config_section_name(NK_SEC_NANOKERNEL), "nanokernel");
	assert_string_equal(nk_config_section_name(NK_SEC_SHARED), "shared");
	assert_string_equal(nk_config_section_name(NK_SEC_PARTITION), "partition");
	assert_string_equal(nk_config_section_name(NK_SEC_DEVICE), "device");
	assert_string_equal(nk_config_section_name(NK_SEC_RAS), "ras");
	assert_string_equal(nk_config_section_name(6), "?");
	assert_string_equal(nk_config_section_name(-1), "?");
}

static void test_header(void **state)
{
	(void)state;
	c.magic = 0x12345678;
	expect(NK_SEC_SYSTEM, -1, "signature", "bad magic 0x12345678");
	setup(NULL);
	c.revision = 2;
	expect(NK_SEC_SYSTEM, -1, "revision", "revision 2");
	setup(NULL);
	c.size = sizeof(c) - 4;
	expect(NK_SEC_SYSTEM, -1, "size", "bytes");
	setup(NULL);
	c.flags = 1;
	expect(NK_SEC_SYSTEM, -1, "reserved", "must be zero");
	setup(NULL);
	c.reserved[1] = 1;
	expect(NK_SEC_SYSTEM, -1, "reserved", "must be zero");
}

/* [ras]: optional; when there, 4 MB aligned, in the machine's RAM the
 * host leaves, overlapping nothing. */
static void test_ras_region(void **state)
{
	(void)state;
	c.ras.base = 0x16000000;
	c.ras.size = 32 * MB;
	expect(NK_SEC_RAS, -1, "on_reboot", "0: must be 1 (reset) or 2 (restart)");
	c.ras_on_reboot = 3;
	expect(NK_SEC_RAS, -1, "on_reboot", "3: must be 1 (reset) or 2 (restart)");
	c.ras_on_reboot = NK_REBOOT_RESTART;
	expect_ok();
	c.ras_heartbeat_ms = 99;
	expect(NK_SEC_RAS, -1, "heartbeat_ms", "99: must be 0 (off) or 100 .. 60000");
	c.ras_heartbeat_ms = 60001;
	expect(NK_SEC_RAS, -1, "heartbeat_ms", "60001: must be 0 (off) or 100 .. 60000");
	c.ras_heartbeat_ms = 5000;
	expect_ok();
	c.ras_heartbeat_ms = 0;
	c.ras.base = 0x16100000;
	expect(NK_SEC_RAS, -1, "base", "multiple of 4 MB");
	c.ras.base = 0x16000000;
	c.ras.size = 0;
	expect(NK_SEC_RAS, -1, "size", "multiple of 4 MB");
	c.ras.size = 32 * MB;
	c.ras.base = 0x08000000;
	expect(NK_SEC_RAS, -1, "base", "overlaps host RAM");
	c.ras.base = 0x1c000000;
	c.ras.size = 128 * MB;
	expect(NK_SEC_RAS, -1, "size", "beyond the machine's RAM");
	c.ras.base = c.shared.base;
	c.ras.size = 4 * MB;
	expect(NK_SEC_RAS, -1, "base", "overlaps the shared region");
	c.ras.base = c.ras.size = 0;
	expect(NK_SEC_RAS, -1, "on_reboot", "must be 0 without a [ras] region");
	c.ras_on_reboot = 0;
	expect_ok();
}

static void test_garbage(void **state)
{
	(void)state;
	memset(&c, 0xff, sizeof(c));
	expect(NK_SEC_SYSTEM, -1, "signature", "bad magic 0xffffffff");
}

static void test_machine_ram(void **state)
{
	(void)state;
	c.machine_ram = 0;
	expect(NK_SEC_SYSTEM, -1, "machine_ram", "multiple of 4 MB");
	c.machine_ram = 512 * MB + 4096;
	expect(NK_SEC_SYSTEM, -1, "machine_ram", "multiple of 4 MB");
	c.machine_ram = 0xc0400000;
	expect(NK_SEC_SYSTEM, -1, "machine_ram", "above 3 GB");
	c.machine_ram = 0xc0000000;	/* 3 GB itself is fine */
	expect_ok();
}

static void test_host_ram(void **state)
{
	(void)state;
	c.host_ram = 0;
	expect(NK_SEC_SYSTEM, -1, "host_ram", "multiple of 4 KB");
	c.host_ram = 256 * MB + 512;
	expect(NK_SEC_SYSTEM, -1, "host_ram", "multiple of 4 KB");
	c.host_ram = 1024 * MB;
	expect(NK_SEC_SYSTEM, -1, "host_ram", "more than machine_ram");
}

static void test_counts(void **state)
{
	(void)state;
	c.npartitions = NK_MAX_PARTITIONS + 1;
	expect(NK_SEC_PARTITION, -1, "name", "at most 4");
	setup(NULL);
	c.ndevices = NK_MAX_DEVICES + 1;
	expect(NK_SEC_DEVICE, -1, "name", "at most 8");
}

static void test_unused_entries(void **state)
{
	(void)state;
	c.partitions[3].priority = 1;
	expect(NK_SEC_PARTITION, 3, "reserved", "unused partition entry 3");
	setup(NULL);
	c.devices[7].name[0] = 'x';
	expect(NK_SEC_DEVICE, 7, "reserved", "unused device entry 7");
}

static void test_nanokernel_region(void **state)
{
	(void)state;
	c.nanokernel.base = 0x10100000;
	expect(NK_SEC_NANOKERNEL, -1, "base", "not 4 MB aligned");
	setup(NULL);
	c.nanokernel.size = 2 * MB;
	expect(NK_SEC_NANOKERNEL, -1, "size", "multiple of 4 MB");
	c.nanokernel.size = 6 * MB;
	expect(NK_SEC_NANOKERNEL, -1, "size", "multiple of 4 MB");
	c.nanokernel.size = 20 * MB;
	expect(NK_SEC_NANOKERNEL, -1, "size", "multiple of 4 MB");
	c.nanokernel.size = 0;
	expect(NK_SEC_NANOKERNEL, -1, "size", "multiple of 4 MB");
}

static void test_page_alignment(void **state)
{
	(void)state;
	/* The shared region and RTOS partitions: 4 MB pages; Linux: 4 KB. */
	c.shared.base = 0x10400800;
	expect(NK_SEC_SHARED, -1, "base", "multiple of 4 MB");
	setup(NULL);
	c.shared.size = 0;
	expect(NK_SEC_SHARED, -1, "size", "multiple of 4 MB");
	setup(NULL);
	c.partitions[1].mem.base = 0x12000010;
	expect(NK_SEC_PARTITION, 1, "base", "multiple of 4 KB");
	setup(NULL);
	c.partitions[0].mem.size = 16 * MB - 1;
	expect(NK_SEC_PARTITION, 0, "size", "multiple of 4 MB");
	setup(NULL);
	c.partitions[0].mem.base = 0x11100000;
	expect(NK_SEC_PARTITION, 0, "base", "multiple of 4 MB");
	setup(NULL);
	strcpy(c.partitions[1].name, "host");
	expect(NK_SEC_PARTITION, 1, "name", "reserved");
}

static void test_host_ram_overlap(void **state)
{
	(void)state;
	c.nanokernel.base = 0x0c000000;
	expect(NK_SEC_NANOKERNEL, -1, "base", "overlaps host RAM");
	setup(NULL);
	c.partitions[0].mem.base = 0x0f000000;
	expect(NK_SEC_PARTITION, 0, "base",
	       "0x0f000000-0x0fffffff overlaps host RAM");
}

static void test_beyond_machine(void **state)
{
	(void)state;
	c.partitions[1].mem.base = 0x1e000000;
	expect(NK_SEC_PARTITION, 1, "size", "beyond the machine's RAM");
	c.partitions[1].mem.base = 0x20000000;
	expect(NK_SEC_PARTITION, 1, "base", "beyond the machine's RAM");
	setup(NULL);
	c.shared.size = 0x10000000;
	expect(NK_SEC_SHARED, -1, "size", "beyond the machine's RAM");
	/* Up to the last byte is fine. */
	setup(NULL);
	c.partitions[1].mem.size = 0x20000000 - 0x12000000;
	expect_ok();
}

static void test_wrap(void **state)
{
	(void)state;
	c.partitions[1].mem.base = 0xfffffffffffff000ull;
	c.partitions[1].mem.size = 0x2000;
	expect(NK_SEC_PARTITION, 1, "size", "wraps around");
}

static void test_overlaps(void **state)
{
	(void)state;
	c.partitions[1].mem.base = 0x11800000;
	expect(NK_SEC_PARTITION, 1, "base",
	       "overlaps partition rtos (0x11000000-0x11ffffff)");
	setup(NULL);
	c.shared.base = 0x10000000;
	expect(NK_SEC_SHARED, -1, "base", "overlaps the nanokernel");
	setup(NULL);
	c.partitions[1].mem.base = 0x10fff000;
	expect(NK_SEC_PARTITION, 1, "base", "overlaps the shared region");
	/* Touching is not overlapping. */
	setup(NULL);
	c.partitions[0].mem.size = 0x12000000 - 0x11000000;
	expect_ok();
}

static void test_names(void **state)
{
	(void)state;
	c.partitions[0].name[0] = '\0';
	expect(NK_SEC_PARTITION, 0, "name", "empty");
	setup(NULL);
	memset(c.partitions[1].name, 'a', NK_NAME_LEN);
	expect(NK_SEC_PARTITION, 1, "name", "longer than 15");
	setup(NULL);
	strcpy(c.partitions[1].name, "Linux");
	expect(NK_SEC_PARTITION, 1, "name", "only a-z, 0-9, _ and -");
	setup(NULL);
	strcpy(c.devices[0].name, "com 2");
	expect(NK_SEC_DEVICE, 0, "name", "only a-z");
	setup(NULL);
	strcpy(c.partitions[0].name, "rt_os-2");
	expect_ok();
}

static void test_duplicate_names(void **state)
{
	(void)state;
	strcpy(c.partitions[1].name, "rtos");
	expect(NK_SEC_PARTITION, 1, "name", "\"rtos\" is already the name of partition 0");
	setup(NULL);
	add_com1();
	strcpy(c.devices[1].name, "com2");
	expect(NK_SEC_DEVICE, 1, "name", "already the name of device 0");
	/* A device may be named like a partition. */
	setup(NULL);
	strcpy(c.devices[0].name, "rtos");
	expect_ok();
}

static void test_kind_priority(void **state)
{
	(void)state;
	c.partitions[1].kind = 0;
	expect(NK_SEC_PARTITION, 1, "kind", "rtos (1) or linux (2)");
	c.partitions[1].kind = 3;
	expect(NK_SEC_PARTITION, 1, "kind", "kind 3");
	setup(NULL);
	c.partitions[0].priority = 0;
	expect(NK_SEC_PARTITION, 0, "priority", "1 (highest) .. 255");
	c.partitions[0].priority = 256;
	expect(NK_SEC_PARTITION, 0, "priority", "256");
	c.partitions[0].priority = 128;
	expect(NK_SEC_PARTITION, 0, "priority", "runs above the host, whose priority is 128");
	c.partitions[0].priority = 127;
	expect_ok();
	c.partitions[1].priority = 255;	/* a Linux guest may be below the host */
	expect_ok();
}

static void test_partition_reserved(void **state)
{
	(void)state;
	c.partitions[1].reserved = 1;
	expect(NK_SEC_PARTITION, 1, "reserved", "must be zero");
}

static void test_partition_budget(void **state)
{
	(void)state;
	c.partitions[0].budget_period_us = 999;
	expect(NK_SEC_PARTITION, 0, "budget_period_us", "999: must be 1000 .. 10000000");
	c.partitions[0].budget_period_us = 10000001;
	expect(NK_SEC_PARTITION, 0, "budget_period_us", "10000001: must be");
	c.partitions[0].budget_period_us = 0;	/* a binary config of before: refused */
	expect(NK_SEC_PARTITION, 0, "budget_period_us", "0: must be");
	c.partitions[0].budget_period_us = 100000;
	c.partitions[0].budget_us = 100001;
	expect(NK_SEC_PARTITION, 0, "budget_us", "100001: must be 100 .. budget_period_us (100000)");
	c.partitions[0].budget_us = 99;
	expect(NK_SEC_PARTITION, 0, "budget_us", "99: must be 100");
	c.partitions[0].budget_us = 100000;
	c.partitions[0].on_overrun = 3;
	expect(NK_SEC_PARTITION, 0, "on_overrun", "3: must be throttle (1) or fail (2)");
	c.partitions[0].on_overrun = NK_OVERRUN_FAIL;
	expect_ok();
}

static void test_device_owner(void **state)
{
	(void)state;
	c.devices[0].owner = 3;
	expect(NK_SEC_DEVICE, 0, "owner", "owner 3");
	c.devices[0].owner = 2;
	expect_ok();
	c.devices[0].owner = NK_OWNER_HOST;
	expect_ok();
}

static void test_device_irq(void **state)
{
	(void)state;
	c.devices[0].irq = 2;
	expect(NK_SEC_DEVICE, 0, "irq", "cascade");
	c.devices[0].irq = 0;
	expect(NK_SEC_DEVICE, 0, "irq", "1 .. 15");
	c.devices[0].irq = 16;
	expect(NK_SEC_DEVICE, 0, "irq", "IRQ 16");
	c.devices[0].irq = 15;
	expect_ok();
	c.devices[0].irq = NK_NO_IRQ;
	expect_ok();
	c.devices[0].irq = NK_NO_IRQ - 1;
	expect(NK_SEC_DEVICE, 0, "irq", "IRQ 4294967294: must be 1 .. 15");
}

/* The rule alone, as the parser applies it to the text's numbers: it knows
 * no NK_NO_IRQ, and takes numbers wider than the binary field. */
static void test_irq_rule(void **state)
{
	struct nk_config_error e;
	uint64_t irq;

	(void)state;
	for (irq = 1; irq <= 15; irq++)
		assert_int_equal(nk_config_check_irq(irq, 0, &e), irq == 2 ? -EINVAL : 0);
	assert_int_equal(nk_config_check_irq(2, 1, &e), -EINVAL);
	assert_int_equal(e.section, NK_SEC_DEVICE);
	assert_int_equal(e.index, 1);
	assert_string_equal(e.field, "irq");
	assert_string_equal(e.reason, "IRQ 2 is the cascade of the second PIC");
	assert_int_equal(nk_config_check_irq(NK_NO_IRQ, 0, &e), -EINVAL);
	assert_string_equal(e.reason, "IRQ 4294967295: must be 1 .. 15 (0 is the timer)");
	assert_int_equal(nk_config_check_irq(0x100000003ull, 0, &e), -EINVAL);
	assert_string_equal(e.reason, "IRQ 4294967299: must be 1 .. 15 (0 is the timer)");
	assert_int_equal(nk_config_check_irq(0, 0, &e), -EINVAL);
	assert_string_equal(e.reason, "IRQ 0: must be 1 .. 15 (0 is the timer)");
}

static void test_device_io(void **state)
{
	(void)state;
	c.devices[0].io_base = 0xfff8;
	c.devices[0].io_len = 9;
	expect(NK_SEC_DEVICE, 0, "io", "past 0xffff");
	c.devices[0].io_len = 8;
	expect_ok();
	c.devices[0].io_len = 0;
	expect_ok();		/* an IRQ alone is enough */
	c.devices[0].irq = NK_NO_IRQ;
	expect(NK_SEC_DEVICE, 0, "io", "io ports or an irq");
}

static void test_device_reserved(void **state)
{
	(void)state;
	c.devices[0].reserved[0] = 5;
	expect(NK_SEC_DEVICE, 0, "reserved", "must be zero");
}

static void test_device_conflicts(void **state)
{
	(void)state;
	add_com1();
	c.devices[1].irq = 3;
	expect(NK_SEC_DEVICE, 1, "irq", "IRQ 3 is already used by device com2");
	setup(NULL);
	add_com1();
	c.devices[1].io_base = 0x2fc;
	expect(NK_SEC_DEVICE, 1, "io", "ports 0x2fc-0x303 overlap device com2 (0x2f8-0x2ff)");
	/* Adjacent ranges and shared "no IRQ" are fine. */
	setup(NULL);
	add_com1();
	c.devices[1].io_base = 0x300;
	c.devices[0].irq = NK_NO_IRQ;
	c.devices[1].irq = NK_NO_IRQ;
	expect_ok();
}

#define T(f)	cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_valid),
		T(test_section_names),
		T(test_header),
		T(test_ras_region),
		T(test_garbage),
		T(test_machine_ram),
		T(test_host_ram),
		T(test_counts),
		T(test_unused_entries),
		T(test_nanokernel_region),
		T(test_page_alignment),
		T(test_host_ram_overlap),
		T(test_beyond_machine),
		T(test_wrap),
		T(test_overlaps),
		T(test_names),
		T(test_duplicate_names),
		T(test_kind_priority),
		T(test_partition_reserved),
		T(test_partition_budget),
		T(test_device_owner),
		T(test_device_irq),
		T(test_irq_rule),
		T(test_device_io),
		T(test_device_reserved),
		T(test_device_conflicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
