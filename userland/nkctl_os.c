// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/nkctl_os.c - nkctl os start|run|stop|restart|list, nkctl console.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <nk/libnk.h>
#include "nkctl.h"

/* The TSC: the nanokernel's clock for a guest's CPU share. */
static uint64_t nkctl_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static const char *const nkctl_os_states[] = {
	[NK_OS_EMPTY] = "empty", [NK_OS_IDLE] = "idle",
	[NK_OS_RUNNING] = "running", [NK_OS_FAILED] = "failed",
	[NK_OS_STOPPED] = "stopped", [NK_OS_READY] = "ready",
};

int nkctl_partition(int fd, const char *name, struct nk_config *cfg)
{
	uint32_t i;
	int err = nk_get_config(fd, cfg);

	if (err) {
		nkctl_fail("%s", err == -ENODEV ? "the nanokernel is not loaded" :
			   strerror(-err));
		return -1;
	}
	for (i = 0; i < cfg->npartitions && i < NK_MAX_PARTITIONS; i++)
		if (!strncmp(cfg->partitions[i].name, name, NK_NAME_LEN))
			return (int)i;
	nkctl_fail("no partition named \"%s\" in the loaded configuration", name);
	return -1;
}

static int nkctl_os_start(int fd, int part, const char *name, const char *path)
{
	char error[NK_ERROR_LEN];
	void *image;
	size_t len;
	int err = nkctl_read_image(path, &image, &len);

	if (err)
		return nkctl_fail("%s: %s", path, strerror(-err));
	err = nk_os_start(fd, (uint32_t)part, image, len, error, sizeof(error));
	free(image);
	if (err)
		return nkctl_fail("os start %s: %s%s(%s)", name, error,
				  error[0] ? " " : "", strerror(-err));
	printf("%s started\n", name);
	return 0;
}

/* How long ago the guest last said it was alive (NK_GCALL_ALIVE). */
static void nkctl_print_alive(const struct nk_os_status *st, uint64_t now,
			      uint32_t khz)
{
	if (!st->alive_tsc || !khz || now < st->alive_tsc)
		printf(" %7s", "-");
	else
		printf(" %6.1fs", (double)(now - st->alive_tsc) / khz / 1000.0);
}

static int nkctl_os_list(int fd, const struct nk_config *cfg)
{
	struct nk_os_status st[NK_MAX_PARTITIONS];
	uint32_t i;
	int err = nk_os_list(fd, st);

	if (err)
		return nkctl_fail("os list: %s", strerror(-err));
	struct nk_status_args sa;
	uint32_t khz = nk_status(fd, &sa) ? 0 : sa.tsc_khz;
	uint64_t now = nkctl_rdtsc();

	printf("%-8s %-8s %5s %10s %10s %10s %6s %4s %9s %9s %7s %9s %8s %7s %10s %9s  %s\n",
	       "name", "state", "boots", "runs", "calls", "console", "cpu%",
	       "prio", "preempts", "timer", "irq", "upcalls", "held", "alive",
	       "busy-us", "throttles", "fault");
	for (i = 0; i < cfg->npartitions && i < NK_MAX_PARTITIONS; i++) {
		const char *state = st[i].state > NK_OS_READY ? "?" :
				    st[i].throttled ? "throttled" : nkctl_os_states[st[i].state];

		printf("%-8.*s %-8s %5u %10llu %10llu %10llu %6.2f", NK_NAME_LEN,
		       cfg->partitions[i].name, state, st[i].boot_count,
		       (unsigned long long)st[i].runs,
		       (unsigned long long)st[i].calls,
		       (unsigned long long)st[i].console_bytes,
		       st[i].start_tsc && now > st[i].start_tsc ?
		       100.0 * (double)st[i].busy_tsc / (double)(now - st[i].start_tsc) : 0.0);
		printf(" %4u %9u %9u %7u %9u %8u", cfg->partitions[i].priority,
		       st[i].preemptions, st[i].timer_events, st[i].irq_events,
		       st[i].upcalls, st[i].host_irqs);
		nkctl_print_alive(&st[i], now, khz);
		printf(" %10llu", khz ? (unsigned long long)(st[i].busy_tsc * 1000 / khz) : 0ULL);
		printf(" %9u", st[i].throttles);
		if (st[i].state == NK_OS_FAILED && st[i].fault_vector == NK_FAULT_BUDGET)
			printf("  CPU budget spent (on_overrun = fail) at eip 0x%08x",
			       st[i].fault_eip);
		else if (st[i].state == NK_OS_FAILED)
			printf("  vector %u at eip 0x%08x, error 0x%x, cr2 0x%08x",
			       st[i].fault_vector, st[i].fault_eip,
			       st[i].fault_error, st[i].fault_cr2);
		printf("\n");
	}
	return 0;
}

static int nkctl_os_do(int fd, int argc, char **argv)
{
	struct nk_config cfg;
	uint32_t command = 0;
	int part, err;

	if (argc == 2 && !strcmp(argv[1], "list"))
		return nk_get_config(fd, &cfg) ? nkctl_fail("the nanokernel is not loaded")
					       : nkctl_os_list(fd, &cfg);
	if (argc < 3)
		goto usage;
	part = nkctl_partition(fd, argv[2], &cfg);
	if (part < 0)
		return 1;
	if (!strcmp(argv[1], "start") && argc == 4)
		return nkctl_os_start(fd, part, argv[2], argv[3]);
	if (!strcmp(argv[1], "restart") && argc == 4) {
		err = nk_os_stop(fd, (uint32_t)part);
		if (err)
			return nkctl_fail("os restart %s: %s", argv[2], strerror(-err));
		return nkctl_os_start(fd, part, argv[2], argv[3]);
	}
	if (!strcmp(argv[1], "stop") && argc == 3) {
		err = nk_os_stop(fd, (uint32_t)part);
		if (err)
			return nkctl_fail("os stop %s: %s", argv[2], strerror(-err));
		printf("%s stopped\n", argv[2]);
		return 0;
	}
	if (!strcmp(argv[1], "run") && (argc == 3 || argc == 4)) {
		if (argc == 4 && nkctl_number(argv[3], &command))
			goto usage;
		err = nk_os_run(fd, (uint32_t)part, command);
		if (err == -EIO)
			return nkctl_fail("os run %s: the guest failed (nkctl os list)",
					  argv[2]);
		if (err)
			return nkctl_fail("os run %s: %s", argv[2],
					  err == -ESRCH ? "the guest is not idle" :
					  strerror(-err));
		return 0;
	}
usage:
	nkctl_usage(stderr);
	return 2;
}

int nkctl_os(int argc, char **argv)
{
	int fd = nkctl_open(), ret;

	if (fd < 0)
		return 1;
	ret = nkctl_os_do(fd, argc, argv);
	close(fd);
	return ret;
}

/* nkctl console NAME [-f]: print the ring; with -f keep printing. */
int nkctl_console(int argc, char **argv)
{
	struct nk_config cfg;
	uint64_t pos = 0, lost = 0;
	char buf[4096];
	int fd, part, n, follow = argc == 3 && !strcmp(argv[2], "-f");

	if (argc != 2 && !follow) {
		nkctl_usage(stderr);
		return 2;
	}
	fd = nkctl_open();
	if (fd < 0)
		return 1;
	part = nkctl_partition(fd, argv[1], &cfg);
	while (part >= 0) {
		n = nk_console_read(fd, (uint32_t)part, buf, sizeof(buf), &pos, &lost);
		if (n < 0) {
			close(fd);
			return nkctl_fail("console: %s", strerror(-n));
		}
		if (lost)
			printf("[nkctl: %llu bytes lost]\n", (unsigned long long)lost);
		fwrite(buf, 1, (size_t)n, stdout);
		fflush(stdout);
		if (!n && !follow)
			break;
		if (!n)
			usleep(100000);
	}
	close(fd);
	return part < 0;
}
