// SPDX-License-Identifier: GPL-2.0
/*
 * tests/bench/nkbench.c - make bench's cost measurements that need a
 * loop of calls in one process (B4).  Static i386, runs in the host,
 * with libnk.  Prints "nkbench: MODE N calls, T TSC ticks each".
 *
 *   nkbench ping N             N NK_IOC_PING: ioctl + passage + return
 *   nkbench run NAME CMD N     N NK_IOC_OS_RUN of an idle guest: the same,
 *                              plus a switch to the guest and back (the
 *                              test guest's CMD_NOP does nothing else)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <nk/libnk.h>

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* The partition called name, or -1. */
static int partition(int fd, const char *name)
{
	struct nk_config cfg;
	uint32_t i;

	if (nk_get_config(fd, &cfg))
		return -1;
	for (i = 0; i < cfg.npartitions && i < NK_MAX_PARTITIONS; i++)
		if (!strncmp(cfg.partitions[i].name, name, NK_NAME_LEN))
			return (int)i;
	return -1;
}

int main(int argc, char **argv)
{
	long n, i;
	uint64_t t0, t1;
	uint32_t r;
	int fd = open(NK_DEVICE_PATH, O_RDWR), part = -1, err = 0;

	if (fd < 0 || argc < 3) {
		fprintf(stderr, "usage: nkbench ping N | run NAME CMD N\n");
		return 2;
	}
	if (!strcmp(argv[1], "run")) {
		if (argc != 5 || (part = partition(fd, argv[2])) < 0) {
			fprintf(stderr, "nkbench: no partition %s\n", argv[2]);
			return 2;
		}
		n = strtol(argv[4], NULL, 0);
	} else {
		n = strtol(argv[2], NULL, 0);
	}
	t0 = rdtsc();
	for (i = 0; i < n && !err; i++)
		err = part < 0 ? nk_ping(fd, (uint32_t)i, &r) :
		      nk_os_run(fd, (uint32_t)part, (uint32_t)strtoul(argv[3], NULL, 0));
	t1 = rdtsc();
	if (err) {
		fprintf(stderr, "nkbench: call %ld failed: %s\n", i, strerror(-err));
		return 1;
	}
	printf("nkbench: %s %ld calls, %llu TSC ticks each\n", argv[1], n,
	       (unsigned long long)((t1 - t0) / (uint64_t)n));
	return 0;
}
