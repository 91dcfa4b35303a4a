// SPDX-License-Identifier: GPL-2.0
/*
 * tests/integration/irqgen.c - make the host take a given number of
 * interrupts or exceptions of one kind, so the tests can compare the
 * nanokernel's counters with what was done.  Static i386, runs in the host.
 *
 *   irqgen int80 N      N system calls through int $0x80 (glibc itself
 *                       uses sysenter, which does not pass through the IDT)
 *   irqgen pf N         N user-mode page faults (first touch of N pages)
 *   irqgen kpf N        N kernel-mode page faults fixed up by the kernel:
 *                       write(2) to a pipe from an unmapped buffer, EFAULT
 *                       each time
 *   irqgen ud N         N invalid opcodes (#UD), each caught as SIGILL
 *   irqgen de N         N divide errors (#DE), each caught as SIGFPE
 *   irqgen gp N         N general protection faults (cli in user mode),
 *                       each caught as SIGSEGV
 *   irqgen spin MS      spin in user mode for MS milliseconds
 *   irqgen com2 N       make COM2 (0x2f8, IRQ 3) interrupt N times: the test
 *                       pokes the guest's device on purpose, to check its
 *                       interrupts never reach the host
 *   irqgen rtc SECONDS  the RTC's periodic interrupt at 8192 Hz for SECONDS
 *                       (make bench's interrupt load, L4): reads /dev/rtc0
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/io.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <linux/rtc.h>

static sigjmp_buf nk_back;

static void nk_recover(int sig)
{
	(void)sig;
	siglongjmp(nk_back, 1);
}

static long nk_int80_getpid(void)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(SYS_getpid) : "memory");
	return ret;
}

static int nk_user_faults(long n, int sig)
{
	volatile unsigned int zero = 0, sink;
	struct sigaction sa;
	volatile long i, taken = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nk_recover;
	sigaction(sig, &sa, NULL);
	for (i = 0; i < n; i++) {
		if (sigsetjmp(nk_back, 1)) {
			taken++;
			continue;
		}
		if (sig == SIGILL)
			__asm__ volatile("ud2");
		else if (sig == SIGSEGV)
			__asm__ volatile("cli");	/* privileged: #GP */
		else
			__asm__ volatile("divl %1" : "=a"(sink) : "r"(zero), "a"(1), "d"(0));
	}
	printf("irqgen: %ld exceptions taken\n", (long)taken);
	return taken == n ? 0 : 1;
}

#define COM2		0x2f8
#define UART_IER	1	/* interrupt enable: 0x02 = transmitter empty */
#define UART_LCR	3
#define UART_MCR	4	/* 0x08 = OUT2, gates the IRQ line on a PC */
#define UART_LSR	5	/* 0x20 = transmitter holding register empty */

/* Each byte sent makes the UART raise "transmitter empty" again. */
static int nk_com2_interrupts(long n)
{
	long i;

	if (ioperm(COM2, 8, 1)) {
		perror("ioperm");
		return 1;
	}
	outb(0x03, COM2 + UART_LCR);		/* 8N1 */
	outb(0x08, COM2 + UART_MCR);
	outb(0x02, COM2 + UART_IER);
	for (i = 0; i < n; i++) {
		while (!(inb(COM2 + UART_LSR) & 0x20))
			;
		outb('0' + i % 10, COM2);
		usleep(1000);
	}
	outb(0x00, COM2 + UART_IER);
	outb(0x00, COM2 + UART_MCR);
	return 0;
}

#define RTC_HZ	8192

/* The RTC's periodic interrupt at RTC_HZ for s seconds; each one read. */
static int nk_rtc_flood(long s)
{
	unsigned long data, n = 0, want = (unsigned long)s * RTC_HZ;
	FILE *f = fopen("/sys/class/rtc/rtc0/max_user_freq", "w");
	int fd;

	if (f) {	/* 64 Hz for users unless raised */
		fprintf(f, "%d\n", RTC_HZ);
		fclose(f);
	}
	fd = open("/dev/rtc0", O_RDONLY);
	if (fd < 0 || ioctl(fd, RTC_IRQP_SET, RTC_HZ) || ioctl(fd, RTC_PIE_ON, 0)) {
		perror("irqgen: /dev/rtc0");
		return 1;
	}
	while (n < want && read(fd, &data, sizeof(data)) == sizeof(data))
		n += data >> 8;	/* interrupts since the last read */
	ioctl(fd, RTC_PIE_OFF, 0);
	close(fd);
	printf("irqgen: rtc %lu interrupts\n", n);
	return n < want;
}

static long nk_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	long n, i, bad = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: irqgen int80|pf|kpf|ud|de|gp|spin|com2|rtc N\n");
		return 2;
	}
	n = strtol(argv[2], NULL, 0);
	if (!strcmp(argv[1], "int80")) {
		for (i = 0; i < n; i++)
			bad += nk_int80_getpid() != getpid();
	} else if (!strcmp(argv[1], "pf")) {
		long page = sysconf(_SC_PAGESIZE);
		char *p = mmap(NULL, n * page, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return 1;
		for (i = 0; i < n; i++)
			p[i * page] = 1;
	} else if (!strcmp(argv[1], "kpf")) {
		int fds[2], fd;

		if (pipe(fds))
			return 1;
		fd = fds[1];	/* pipe_write copies from the buffer: /dev/null does not */
		/* An address the compiler cannot see through: page 0 is unmapped. */
		void *unmapped = (void *)(uintptr_t)strtoul("16", NULL, 0);

		for (i = 0; i < n; i++)
			bad += !(write(fd, unmapped, 8) < 0 && errno == EFAULT);
	} else if (!strcmp(argv[1], "ud")) {
		return nk_user_faults(n, SIGILL);
	} else if (!strcmp(argv[1], "de")) {
		return nk_user_faults(n, SIGFPE);
	} else if (!strcmp(argv[1], "gp")) {
		return nk_user_faults(n, SIGSEGV);
	} else if (!strcmp(argv[1], "com2")) {
		return nk_com2_interrupts(n);
	} else if (!strcmp(argv[1], "rtc")) {
		return nk_rtc_flood(n);
	} else if (!strcmp(argv[1], "spin")) {
		long end = nk_now_ms() + n;
		unsigned long work = 0;

		while (nk_now_ms() < end)
			work++;
		printf("irqgen: spin work %lu\n", work);
	} else {
		fprintf(stderr, "irqgen: unknown mode %s\n", argv[1]);
		return 2;
	}
	printf("irqgen: %s %ld done, %ld wrong\n", argv[1], n, bad);
	return bad ? 1 : 0;
}
