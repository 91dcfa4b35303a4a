// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/libnk.c - the /dev/nanokernel ioctls as C functions returning
 * 0 or -errno, so that callers need not know the argument structures.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <nk/libnk.h>
#include "libnk_impl.h"

int nk_open(void)
{
	int fd = open(NK_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int nk_load(int fd, const struct nk_config *cfg, const void *image,
	    size_t len, char *error, size_t errlen)
{
	return nk_load_flags(fd, cfg, image, len, 0, NULL, error, errlen);
}

int nk_load_flags(int fd, const struct nk_config *cfg, const void *image,
		  size_t len, uint32_t flags, int *attached, char *error,
		  size_t errlen)
{
	struct nk_load_args a;
	int err;

	if (errlen)
		error[0] = '\0';
	if (len > UINT32_MAX)
		return -EFBIG;
	memset(&a, 0, sizeof(a));
	a.config_ptr = (uintptr_t)cfg;
	a.image_ptr = (uintptr_t)image;
	a.config_size = sizeof(*cfg);
	a.image_size = (uint32_t)len;
	a.flags = flags;
	err = nk_ioctl(fd, NK_IOC_LOAD, &a);
	if (attached)
		*attached = !err && a.attached;
	/* The loader's words may fill the field: never trust a final NUL. */
	if (err && errlen)
		snprintf(error, errlen, "%.*s", (int)sizeof(a.error), a.error);
	return err;
}

int nk_unload(int fd)
{
	return nk_ioctl(fd, NK_IOC_UNLOAD, NULL);
}

int nk_detach(int fd)
{
	return nk_ioctl(fd, NK_IOC_DETACH, NULL);
}

int nk_ras_arm(int fd, const void *kernel, size_t kernel_len, const void *initrd,
	       size_t initrd_len, const char *cmdline, const void *boot_params,
	       char *error, size_t errlen)
{
	struct nk_ras_arm_args a;
	int err;

	if (errlen)
		error[0] = '\0';
	if (kernel_len > UINT32_MAX || initrd_len > UINT32_MAX)
		return -EFBIG;
	memset(&a, 0, sizeof(a));
	a.kernel_ptr = (uintptr_t)kernel;
	a.kernel_size = (uint32_t)kernel_len;
	a.initrd_ptr = (uintptr_t)initrd;
	a.initrd_size = (uint32_t)initrd_len;
	a.cmdline_ptr = (uintptr_t)cmdline;
	a.cmdline_size = (uint32_t)strlen(cmdline) + 1;
	a.boot_params_ptr = (uintptr_t)boot_params;
	a.boot_params_size = 4096;
	err = nk_ioctl(fd, NK_IOC_RAS_ARM, &a);
	if (errlen)
		snprintf(error, errlen, "%.*s", (int)sizeof(a.error), a.error);
	return err;
}

int nk_ras_read(int fd, uint32_t seq, void *buf, size_t size, uint32_t *newest,
		uint32_t *cleared)
{
	struct nk_ras_read_args a;
	int err;

	memset(&a, 0, sizeof(a));
	a.buf_ptr = (uintptr_t)buf;
	a.buf_size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	a.seq = seq;
	err = nk_ioctl(fd, NK_IOC_RAS_READ, &a);
	if (newest)
		*newest = a.newest;
	if (cleared)
		*cleared = a.cleared;
	return err;
}

int nk_ras_clear(int fd)
{
	int n = ioctl(fd, NK_IOC_RAS_CLEAR, NULL);

	return n < 0 ? -errno : n;
}

int nk_status(int fd, struct nk_status_args *st)
{
	memset(st, 0, sizeof(*st));
	return nk_ioctl(fd, NK_IOC_STATUS, st);
}

int nk_get_config(int fd, struct nk_config *cfg)
{
	return nk_ioctl(fd, NK_IOC_GET_CONFIG, cfg);
}

static int nk_ioctl_value(int fd, unsigned long cmd, uint32_t value, uint32_t *result)
{
	struct nk_ping_args a = { .value = value };
	int err = nk_ioctl(fd, cmd, &a);

	if (!err)
		*result = a.result;
	return err;
}

int nk_ping(int fd, uint32_t value, uint32_t *result)
{
	return nk_ioctl_value(fd, NK_IOC_PING, value, result);
}

int nk_fault_test(int fd, uint32_t vector, int32_t *result)
{
	uint32_t r = 0;
	int err = nk_ioctl_value(fd, NK_IOC_FAULT_TEST, vector, &r);

	*result = (int32_t)r;
	return err;
}

int nk_stats(int fd, struct nk_irq_counts *counts, uint16_t *irqs,
	     struct nk_stats_args *a)
{
	memset(a, 0, sizeof(*a));
	a->counts_ptr = (uintptr_t)counts;
	a->irqs_ptr = (uintptr_t)irqs;
	a->counts_size = sizeof(*counts);
	return nk_ioctl(fd, NK_IOC_STATS, a);
}

int nk_test_idt_reload(int fd)
{
	return nk_ioctl(fd, NK_IOC_TEST_IDT_RELOAD, NULL);
}

int nk_test_delay(int fd, uint32_t slot, uint32_t count, uint32_t us)
{
	struct nk_ping_args a;

	if (slot > 15 || count < 1 || count > 4095 || us > 655350)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	a.value = NK_TEST_DELAY(slot, count, us);
	return nk_ioctl(fd, NK_IOC_TEST_DELAY, &a);
}

int nk_test_spurious(int fd, uint32_t n, uint32_t *vector)
{
	struct nk_ping_args a;
	int err;

	memset(&a, 0, sizeof(a));
	a.value = n;
	err = nk_ioctl(fd, NK_IOC_TEST_SPURIOUS, &a);
	if (!err)
		*vector = a.result;
	return err;
}

int nk_os_start(int fd, uint32_t partition, const void *image, size_t len,
		char *error, size_t errlen)
{
	struct nk_os_start_args a;
	int err;

	memset(&a, 0, sizeof(a));
	if (errlen)
		error[0] = '\0';
	if (len > UINT32_MAX)
		return -EFBIG;
	a.partition = partition;
	a.image_ptr = (uintptr_t)image;
	a.image_size = (uint32_t)len;
	err = nk_ioctl(fd, NK_IOC_OS_START, &a);
	if (err && errlen)
		snprintf(error, errlen, "%s", a.error);
	return err;
}

static int nk_ioctl_os(int fd, unsigned long cmd, uint32_t partition,
		      uint32_t command)
{
	struct nk_os_args a;

	memset(&a, 0, sizeof(a));
	a.partition = partition;
	a.command = command;
	return nk_ioctl(fd, cmd, &a);
}

int nk_os_run(int fd, uint32_t partition, uint32_t command)
{
	return nk_ioctl_os(fd, NK_IOC_OS_RUN, partition, command);
}

int nk_os_stop(int fd, uint32_t partition)
{
	return nk_ioctl_os(fd, NK_IOC_OS_STOP, partition, 0);
}

int nk_os_list(int fd, struct nk_os_status st[NK_MAX_PARTITIONS])
{
	struct nk_os_list_args a;

	memset(&a, 0, sizeof(a));
	a.status_ptr = (uintptr_t)st;
	a.count = NK_MAX_PARTITIONS;
	return nk_ioctl(fd, NK_IOC_OS_LIST, &a);
}

int nk_console_read(int fd, uint32_t partition, char *buf, uint32_t len,
		    uint64_t *pos, uint64_t *lost)
{
	struct nk_console_args a;
	int err;

	memset(&a, 0, sizeof(a));
	a.partition = partition;
	a.len = len;
	a.buf_ptr = (uintptr_t)buf;
	a.pos = *pos;
	err = nk_ioctl(fd, NK_IOC_CONSOLE, &a);
	if (err)
		return err;
	*pos = a.pos;
	*lost = a.lost;
	return (int)a.len;
}
