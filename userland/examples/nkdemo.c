// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/examples/nkdemo.c - a host process using the cross-OS services
 * with libnk (Documentation/services.md): it counts its runs in
 * pseudo-nonvolatile memory, asks an RTOS task to echo a message (the test
 * application's echo task reads queue h2r and answers on r2h), and leaves
 * the answer in a shared memory segment for anyone to read.
 *
 *   gcc -m32 -static -Iinclude -o nkdemo userland/examples/nkdemo.c \
 *       userland/libnk.c userland/libnk_svc.c lib/crc32.c
 */
#include <stdio.h>
#include <string.h>
#include <nk/libnk.h>

#define RUNS_KEY	0x6e6b6431	/* "nkd1": this program's PNVM region */

int main(int argc, char **argv)
{
	const char *text = argc > 1 ? argv[1] : "hello from the host";
	uint32_t out, in, seg, *runs;
	char answer[256];
	struct nk_pnvm p;
	uint8_t *shared;
	int fd, n, err;

	fd = nk_open();
	if (fd < 0)
		return fprintf(stderr, "nkdemo: %s\n", strerror(-fd)), 1;

	/* A count that survives this process, the RTOS and the loader. */
	err = nk_pnvm_open(fd, RUNS_KEY, sizeof(*runs), &p);
	if (err)
		return fprintf(stderr, "nkdemo: pnvm: %s\n", strerror(-err)), 1;
	runs = (uint32_t *)p.addr;
	nk_pnvm_begin(fd, &p);
	(*runs)++;
	nk_pnvm_commit(fd, &p);

	/* The RTOS's echo service. */
	if (nk_mq_open(fd, "h2r", &out, NULL, NULL) || nk_mq_open(fd, "r2h", &in, NULL, NULL))
		return fprintf(stderr, "nkdemo: no echo service (queues h2r, r2h)\n"), 1;
	err = nk_mq_send(fd, out, text, (uint32_t)strlen(text), 1000);
	if (err)
		return fprintf(stderr, "nkdemo: send: %s\n", strerror(-err)), 1;
	n = nk_mq_recv(fd, in, answer, sizeof(answer) - 1, 1000, NULL);
	if (n < 0)
		return fprintf(stderr, "nkdemo: receive: %s\n", strerror(-n)), 1;
	answer[n] = '\0';

	/* The answer, for other processes and the RTOS to read. */
	err = nk_shm_create(fd, "nkdemo", 4096, NK_SHM_RW, 0, &seg);
	shared = err ? NULL : nk_shm_map(fd, seg, 4096, 1);
	if (!shared)
		return fprintf(stderr, "nkdemo: segment: %s\n", strerror(-err)), 1;
	snprintf((char *)shared, 4096, "%s", answer);

	printf("nkdemo: run %u: the RTOS echoed \"%s\"\n", *runs, answer);
	return 0;
}
