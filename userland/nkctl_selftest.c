// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/nkctl_selftest.c - nkctl selftest: the loader's test hooks,
 * which the test suite uses to break things on purpose and see that the
 * breakage is noticed.  They answer only when nkloader.ko was inserted
 * with test_hooks=1 (else EPERM, and this says so).
 *
 *   selftest fault VECTOR        an exception inside the nanokernel
 *   selftest idt-reload          Linux's IDT back, as a resume would
 *   selftest spurious N          N spurious interrupts (vector 0xef)
 *   selftest delay OS COUNT US   OS's next COUNT deadlines armed US later
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <nk/libnk.h>
#include "nkctl.h"

static int nkctl_selftest_fail(const char *what, int err)
{
	if (err == -EPERM)
		return nkctl_fail("selftest %s: the test hooks are off (insert "
				  "nkloader.ko with test_hooks=1)", what);
	if (err == -ENODEV)
		return nkctl_fail("selftest %s: the nanokernel is not loaded", what);
	return nkctl_fail("selftest %s: %s", what, strerror(-err));
}

static int nkctl_selftest_idt(int fd)
{
	int err = nk_test_idt_reload(fd);

	if (err)
		return nkctl_selftest_fail("idt-reload", err);
	printf("selftest: Linux's IDT put back behind the loader's back\n");
	return 0;
}

static int nkctl_selftest_spurious(int fd, uint32_t n)
{
	uint32_t vector;
	int err = nk_test_spurious(fd, n, &vector);

	if (err)
		return nkctl_selftest_fail("spurious", err);
	printf("selftest: %u spurious interrupts on vector 0x%02x\n", n, vector);
	return 0;
}

static int nkctl_selftest_fault(int fd, uint32_t vector)
{
	int32_t result;
	int err = nk_fault_test(fd, vector, &result);

	if (err)
		return nkctl_selftest_fail("fault", err);
	if (result != -NK_EFAULT)
		return nkctl_fail("selftest: exception vector %u was not caught "
				  "(the call returned %d)", vector, result);
	printf("selftest: exception vector %u inside the nanokernel: caught\n",
	       vector);
	return 0;
}

/* selftest delay OS COUNT US: OS is host or a partition's name. */
static int nkctl_selftest_delay(int fd, char **argv)
{
	struct nk_config cfg;
	uint32_t count, us, slot = 0;
	int part, err;

	if (nkctl_number(argv[3], &count) || nkctl_number(argv[4], &us)) {
		nkctl_usage(stderr);
		return 2;
	}
	if (strcmp(argv[2], "host")) {
		part = nkctl_partition(fd, argv[2], &cfg);
		if (part < 0)
			return 1;
		slot = (uint32_t)part + 1;
	}
	err = nk_test_delay(fd, slot, count, us);
	if (err)
		return nkctl_selftest_fail("delay", err);
	printf("selftest: the next %u deadlines of %s armed %u us late\n",
	       count, argv[2], us);
	return 0;
}

static int nkctl_selftest_do(int fd, int argc, char **argv)
{
	uint32_t n;

	if (argc == 2 && !strcmp(argv[1], "idt-reload"))
		return nkctl_selftest_idt(fd);
	if (argc == 5 && !strcmp(argv[1], "delay"))
		return nkctl_selftest_delay(fd, argv);
	if (argc != 3 || nkctl_number(argv[2], &n)) {
		nkctl_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "spurious"))
		return nkctl_selftest_spurious(fd, n);
	if (!strcmp(argv[1], "fault"))
		return nkctl_selftest_fault(fd, n);
	nkctl_usage(stderr);
	return 2;
}

int nkctl_selftest(int argc, char **argv)
{
	int fd = nkctl_open(), rc;

	if (fd < 0)
		return 1;
	rc = nkctl_selftest_do(fd, argc, argv);
	close(fd);
	return rc;
}
