// SPDX-License-Identifier: GPL-2.0
/*
 * tests/integration/timecheck.c - does the host keep time?  Static i386,
 * runs in the host; prints one "ok - " / "not ok - " line per check.
 * Under icount, CLOCK_MONOTONIC (the TSC) is virtual time, so the bounds
 * below are bounds in instructions, not in how busy the build machine is.
 *
 *   timecheck jiffies SECONDS    spin in user mode for SECONDS; jiffies
 *                                (from /proc/timer_list) must advance by
 *                                HZ per second of CLOCK_MONOTONIC, +-1
 *   timecheck idle SECONDS       the same, asleep (the tick stops in idle)
 *   timecheck nanosleep N US     N sleeps of US microseconds: none early;
 *                                prints the lateness distribution
 *   timecheck timerfd N MS       a periodic timerfd: N expirations, counted,
 *                                match the elapsed time
 *   timecheck ticks MS [LOST]    the host's tick interrupts over MS ms of
 *                                spinning, counted by Linux and by the
 *                                nanokernel, against HZ from the clock
 *                                (LOST of them delayed on purpose)
 *   timecheck ticks-at-least MS  the same under a load of other timers: every
 *                                tick, and maybe more interrupts
 *   timecheck run CMD [ARG...]   run CMD, print "elapsed NS" (for make bench)
 *   timecheck fpu N              N rounds of x87 and SSE arithmetic whose
 *                                results are known exactly: any register
 *                                clobbered behind the process's back shows
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <nk/image.h>
#include <nk/ioctl.h>
#include <stdint.h>

#define HZ 250		/* CONFIG_HZ of Debian's 686 kernel */

static int failures;

static void result(int good, const char *fmt, const char *what, long long a, long long b)
{
	printf("%s - %s: ", good ? "ok" : "not ok", what);
	printf(fmt, a, b);
	printf("\n");
	failures += !good;
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long jiffies(void)
{
	char line[256];
	long long j = -1;
	FILE *f = fopen("/proc/timer_list", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "jiffies: %lld", &j) == 1)
			break;
	fclose(f);
	return j;
}

static void check_jiffies(int seconds, int spin)
{
	long long j0 = jiffies(), t0 = now_ns(), j1, t1, expect;

	if (spin)
		while (now_ns() - t0 < seconds * 1000000000LL)
			;
	else
		sleep(seconds);
	j1 = jiffies();
	t1 = now_ns();
	expect = (t1 - t0) * HZ / 1000000000LL;
	result(llabs((j1 - j0) - expect) <= 1,
	       "%lld jiffies for %lld expected from the clock",
	       spin ? "jiffies advance at HZ while user mode spins" :
		      "jiffies catch up at HZ across idle", j1 - j0, expect);
}

/* The host's tick interrupts so far: the loader's "nanokernel tick" IRQ
 * in /proc/interrupts (Linux's count: ticks delivered), and the
 * nanokernel's own count of that vector (NK_IOC_STATS). */
struct tick_counts {
	long long linux_n, nk_n;
};

static long long linux_tick_irqs(void)
{
	char line[512];
	long long n = -1;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "nanokernel tick") && sscanf(line, " %*d: %lld", &n) == 1)
			break;
	fclose(f);
	return n;
}

static long long nk_tick_irqs(int fd)
{
	static struct nk_irq_counts counts;
	static uint16_t irqs[256];
	struct nk_stats_args a;

	memset(&a, 0, sizeof(a));
	a.counts_ptr = (uintptr_t)&counts;
	a.counts_size = sizeof(counts);
	a.irqs_ptr = (uintptr_t)irqs;
	if (ioctl(fd, NK_IOC_STATS, &a) || a.tick_vector > 255)
		return -1;
	return (long long)counts.count[a.tick_vector][NK_OS_HOST];
}

/* Both counts at one moment: the nanokernel's before and after Linux's
 * must agree (no tick between), else again: a process preempted between
 * the two reads (a loaded host) would see ticks counted on one side only. */
static int read_ticks(int fd, struct tick_counts *c)
{
	long long again;
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		c->nk_n = nk_tick_irqs(fd);
		c->linux_n = linux_tick_irqs();
		again = nk_tick_irqs(fd);
		if (c->nk_n < 0 || c->linux_n < 0 || again < 0)
			return -1;
		if (again == c->nk_n)
			return 0;
	}
	return -1;
}

/*
 * Tick interrupts over ms of user-mode spinning, counted, against what
 * the clock says should have come (HZ a second): lost or doubled ones
 * show, which jiffies cannot (a one-shot tick device's jiffies are
 * recomputed from the clocksource).  lost: so many were delayed by a
 * period on purpose (nkctl selftest delay), and must be missing.  With
 * at_least, other hrtimers may fire on the same clock-event device (a
 * timer load): no tick may be missing, more interrupts are fine.
 */
static void check_ticks(int ms, int lost, int at_least)
{
	struct tick_counts a, b;
	long long t0, t1, expect, got;
	int fd = open(NK_DEVICE_PATH, O_RDWR);

	if (fd < 0 || read_ticks(fd, &a)) {
		result(0, "%lld%lld", "the tick counts can be read", 0, 0);
		return;
	}
	t0 = now_ns();
	while (now_ns() - t0 < ms * 1000000LL)
		;
	t1 = now_ns();
	if (read_ticks(fd, &b)) {
		result(0, "%lld%lld", "the tick counts can be read again", 0, 0);
		return;
	}
	close(fd);
	expect = (t1 - t0) * HZ / 1000000000LL - lost;
	got = b.linux_n - a.linux_n;
	printf("# ticks over %d ms: Linux %lld, nanokernel %lld, clock says %lld%s\n",
	       ms, got, b.nk_n - a.nk_n, expect + lost, lost ? " less the delayed" : "");
	if (at_least)
		result(got >= expect - 2, "%lld interrupts of its tick device, %lld ticks expected",
		       "Linux got every tick (and its other timers)", got, expect);
	else
		result(llabs(got - expect) <= 2, "%lld tick interrupts, %lld expected",
		       lost ? "the delayed ticks are missing from Linux's count, no more, no fewer" :
			      "Linux got every tick, none lost or doubled", got, expect);
	result(llabs((b.nk_n - a.nk_n) - got) <= 1,
	       "the nanokernel counted %lld, Linux %lld",
	       "the nanokernel's count of the tick vector agrees", b.nk_n - a.nk_n, got);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static void check_nanosleep(int n, int us)
{
	long long *late = calloc(n, sizeof(*late)), sum = 0;
	struct timespec req = { 0, us * 1000L };
	int i, early = 0;

	for (i = 0; i < n; i++) {
		long long t0 = now_ns();

		nanosleep(&req, NULL);
		late[i] = now_ns() - t0 - us * 1000LL;
		early += late[i] < 0;
		sum += late[i];
	}
	qsort(late, n, sizeof(*late), cmp_ll);
	printf("# nanosleep %d x %d us: lateness min %lld, median %lld, p99 %lld, "
	       "max %lld ns, mean %lld ns\n", n, us, late[0], late[n / 2],
	       late[n * 99 / 100], late[n - 1], sum / n);
	result(early == 0, "%lld early wake-ups of %lld", "nanosleep never wakes early",
	       early, n);
	result(late[n * 99 / 100] < 1000000, "p99 lateness %lld ns (bound %lld ns)",
	       "nanosleep wakes on time", late[n * 99 / 100], 1000000);
	free(late);
}

static void check_timerfd(int n, int ms)
{
	struct itimerspec its = { { 0, ms * 1000000L }, { 0, ms * 1000000L } };
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	long long t0 = now_ns(), total = 0, expect;
	uint64_t exp;

	timerfd_settime(fd, 0, &its, NULL);
	while (total < n && read(fd, &exp, sizeof(exp)) == sizeof(exp))
		total += exp;
	expect = (now_ns() - t0) / (ms * 1000000LL);
	result(total == expect || total == expect + 1 || total + 1 == expect,
	       "%lld expirations, %lld periods elapsed", "timerfd expirations match the clock",
	       total, expect);
	close(fd);
}

/*
 * Sums that stay exact in floating point (integers below 2^53 in double,
 * below 2^24 in float): if another OS scribbled over the FPU or SSE
 * registers between two instructions of ours, a result comes out wrong.
 * Registers are kept live across the whole loop on purpose.
 */
static void check_fpu(long n)
{
	long i, bad = 0;

	for (i = 0; i < n; i++) {
		double d = (double)(i & 0xfff);
		long double x = (long double)(i & 0x7ff);
		float f = (float)(i & 0x3ff);
		double dd = d * 3.0 + 1.0;
		long double xx = x * 5.0L - 2.0L;
		float ff = f * 7.0f + 3.0f;

		__asm__ volatile("" : "+x"(dd), "+x"(ff));	/* keep them in SSE */
		__asm__ volatile("" : "+t"(xx));		/* and in x87 */
		if (dd != (double)((i & 0xfff) * 3 + 1) ||
		    xx != (long double)((i & 0x7ff) * 5 - 2) ||
		    ff != (float)((i & 0x3ff) * 7 + 3))
			bad++;
	}
	result(bad == 0, "%lld wrong results in %lld rounds",
	       "floating point stays right while guests run", bad, n);
}

static int run_timed(char **argv)
{
	long long t0 = now_ns();
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 1;
	printf("elapsed %lld\n", now_ns() - t0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "run"))
		return run_timed(argv + 2);
	if (argc >= 3 && !strcmp(argv[1], "fpu"))
		check_fpu(atol(argv[2]));
	else
	if (argc >= 3 && !strcmp(argv[1], "jiffies"))
		check_jiffies(atoi(argv[2]), 1);
	else if (argc >= 3 && !strcmp(argv[1], "idle"))
		check_jiffies(atoi(argv[2]), 0);
	else if (argc >= 4 && !strcmp(argv[1], "nanosleep"))
		check_nanosleep(atoi(argv[2]), atoi(argv[3]));
	else if (argc >= 4 && !strcmp(argv[1], "timerfd"))
		check_timerfd(atoi(argv[2]), atoi(argv[3]));
	else if (argc >= 3 && !strcmp(argv[1], "ticks"))
		check_ticks(atoi(argv[2]), argc >= 4 ? atoi(argv[3]) : 0, 0);
	else if (argc >= 3 && !strcmp(argv[1], "ticks-at-least"))
		check_ticks(atoi(argv[2]), 0, 1);
	else {
		fprintf(stderr, "usage: timecheck jiffies|idle S | nanosleep N US | "
			"timerfd N MS | ticks MS [LOST] | ticks-at-least MS\n");
		return 2;
	}
	return failures ? 1 : 0;
}
