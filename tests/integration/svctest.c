// SPDX-License-Identifier: GPL-2.0
/*
 * tests/integration/svctest.c - the host side of the services' tests
 * (96-services.sh).  Static i386, with libnk.  Prints "ok - ..." and
 * "not ok - ..." lines where it checks, and a summary line per mode;
 * exits 0 only if every check passed.
 *
 *   svctest echo N          N messages to the RTOS on h2r, each checked
 *                           when it comes back on r2h (two processes:
 *                           one sends, one receives), then "stop"
 *   svctest semantics       queue-full and queue-empty with each variant,
 *                           the exact errors, EINTR, poll(), wait any/all
 *   svctest ping N          N rounds of event ping -> pong with the RTOS
 *   svctest shm-fill NAME SIZE | shm-check NAME CRC | shm-beyond NAME
 *   svctest pnvm KEY        count this program's runs in PNVM region KEY
 *   svctest block-recv NAME | flood NAME    until killed
 *   svctest churn SECONDS   make bench, B2's L6: for SECONDS, create and
 *                           destroy 4 MB segments, 4 MB queues (a 64 KB
 *                           message through each), 256 KB
 *                           PNVM regions (new each time: cleared and
 *                           committed), open and close them: the services'
 *                           largest calls, one after the other
 *   svctest rtt N SIZE | stream N SIZE            make bench, B3: through
 *                           the RTOS's unchecked echo (h2r -> r2h)
 *   svctest pipe-rtt N SIZE | pipe-stream N SIZE  the same through pipes
 *                           between two host processes, for comparison
 * The B3 modes print "B3 WHAT VALUE" lines (virtual ns, CLOCK_MONOTONIC).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <nk/crc32.h>
#include <nk/libnk.h>
#include "../common/msgpat.h"

static int fails, passes;

static void check(int cond, const char *what, int got)
{
	if (cond) {
		passes++;
		printf("ok - %s\n", what);
	} else {
		fails++;
		printf("not ok - %s (got %d: %s)\n", what, got, got < 0 ? strerror(-got) : "");
	}
}

static int dev(void)
{
	int fd = nk_open();

	if (fd < 0) {
		fprintf(stderr, "svctest: %s: %s\n", NK_DEVICE_PATH, strerror(-fd));
		exit(2);
	}
	return fd;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- echo: 100 000 messages there and back ---- */

static int echo_sender(uint32_t n)
{
	static uint8_t m[MSGPAT_MAX];
	int fd = dev(), err;
	uint32_t q, seq;

	if ((err = nk_mq_open(fd, "h2r", &q, NULL, NULL)))
		return fprintf(stderr, "svctest: h2r: %s\n", strerror(-err)), 1;
	for (seq = 0; seq < n; seq++) {
		err = nk_mq_send(fd, q, m, msgpat_fill(m, seq), -1);
		if (err)
			return fprintf(stderr, "svctest: send %u: %s\n", seq, strerror(-err)), 1;
	}
	return nk_mq_send(fd, q, "stop", 4, -1) ? 1 : 0;
}

static int echo(uint32_t n)
{
	static uint8_t m[MSGPAT_MAX];
	uint32_t q, seq, wrong = 0, bad;
	int fd = dev(), len, status;
	long t0 = now_ms();
	pid_t child;

	if (nk_mq_open(fd, "r2h", &q, NULL, NULL))
		return fprintf(stderr, "svctest: no queue r2h\n"), 1;
	child = fork();
	if (!child)
		_exit(echo_sender(n));
	for (seq = 0; seq < n; seq++) {
		len = nk_mq_recv(fd, q, m, sizeof(m), 10000, NULL);
		if (len < 0) {
			printf("svctest: receive %u: %s\n", seq, strerror(-len));
			break;
		}
		bad = msgpat_check(m, (uint32_t)len, seq);
		if (bad && wrong++ < 5)
			printf("svctest: message %u came back wrong at byte %u (%d bytes)\n",
			       seq, bad - 1, len);
	}
	waitpid(child, &status, 0);
	printf("svctest: echo %u messages back of %u, %u wrong, sender %s, %ld ms\n",
	       seq, n, wrong, WIFEXITED(status) && !WEXITSTATUS(status) ? "ok" : "failed",
	       now_ms() - t0);
	check(seq == n && !wrong, "every message came back, in order, whole", (int)wrong);
	check(WIFEXITED(status) && !WEXITSTATUS(status), "the sender sent them all", status);
	return fails != 0;
}

/* ---- semantics: the host's own view of queues and events ---- */

static void on_alarm(int sig)
{
	(void)sig;
}

static void semantics_queue(int fd)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	char buf[32];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint32_t q, need = 0, other;
	long t0;
	int ret;

	check(nk_mq_create(fd, "sq", 2, 16, 1, &q) == 0, "create sq: depth 2, 16 bytes", 0);
	check(nk_mq_create(fd, "sq", 2, 16, 1, &other) == -EEXIST, "excl on a taken name: EEXIST", 0);
	check(nk_mq_create(fd, "Bad", 2, 16, 0, &other) == -EINVAL, "a bad name: EINVAL", 0);
	check(nk_mq_create(fd, "big", 2, NK_MQ_MSG_MAX + 1, 0, &other) == -EINVAL,
	      "messages over 64 KB: EINVAL", 0);
	check(nk_mq_open(fd, "nosuch", &other, NULL, NULL) == -ENOENT, "open a missing queue: ENOENT", 0);
	ret = nk_mq_recv(fd, q, buf, sizeof(buf), 0, NULL);
	check(ret == -EAGAIN, "poll receive on empty: EAGAIN", ret);
	t0 = now_ms();
	ret = nk_mq_recv(fd, q, buf, sizeof(buf), 100, NULL);
	check(ret == -ETIMEDOUT && now_ms() - t0 >= 100, "timed receive on empty: ETIMEDOUT after 100 ms", ret);
	check(nk_mq_watch(fd, q) == 0, "watch sq", 0);
	ret = poll(&pfd, 1, 0);
	check(ret == 0, "poll(): not readable while empty", ret);
	check(nk_mq_send(fd, q, "one", 3, 0) == 0, "send one", 0);
	ret = poll(&pfd, 1, 0);
	check(ret == 1 && (pfd.revents & POLLIN), "poll(): readable with a message", ret);
	check(nk_mq_send(fd, q, "two-two", 7, 0) == 0, "send two", 0);
	ret = nk_mq_send(fd, q, "three", 5, 0);
	check(ret == -EAGAIN, "poll send on full: EAGAIN", ret);
	t0 = now_ms();
	ret = nk_mq_send(fd, q, "three", 5, 100);
	check(ret == -ETIMEDOUT && now_ms() - t0 >= 100, "timed send on full: ETIMEDOUT after 100 ms", ret);
	ret = nk_mq_send(fd, q, "seventeen bytes!!", 17, 0);
	check(ret == -EMSGSIZE, "a message over 16 bytes: EMSGSIZE", ret);
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	ret = nk_mq_send(fd, q, "three", 5, -1);
	check(ret == -EINTR, "a signal ends a blocked send: EINTR", ret);
	ret = nk_mq_recv(fd, q, buf, 2, 0, &need);
	check(ret == -EMSGSIZE && need == 3, "a 2-byte buffer for 3: EMSGSIZE, 3 needed", ret);
	ret = nk_mq_recv(fd, q, buf, sizeof(buf), 0, NULL);
	check(ret == 3 && !memcmp(buf, "one", 3), "and the message stayed: one", ret);
	ret = nk_mq_recv(fd, q, buf, sizeof(buf), 0, NULL);
	check(ret == 7 && !memcmp(buf, "two-two", 7), "then two, in order", ret);
	alarm(1);
	ret = nk_mq_recv(fd, q, buf, sizeof(buf), -1, NULL);
	check(ret == -EINTR, "a signal ends a blocked receive: EINTR", ret);
	check(nk_mq_recv(fd, q, buf, sizeof(buf), 0, NULL) == -EAGAIN,
	      "nothing was lost or made up by the signals: empty", 0);
	ret = nk_mq_send(fd, 31, "x", 1, 0);
	check(ret == -EBADF, "a queue this descriptor did not open: EBADF", ret);
	check(nk_mq_destroy(fd, q) == 0, "destroy sq", 0);
	ret = nk_mq_send(fd, q, "x", 1, 0);
	check(ret == -EBADF, "a destroyed queue: EBADF", ret);
}

static void semantics_event(int fd)
{
	uint32_t e, got = 0;
	long t0;
	int ret;

	check(nk_ev_create(fd, "sev", 0x1, 1, &e) == 0, "create event sev = 0x1", 0);
	ret = nk_ev_wait(fd, e, 0x3, NK_EV_ALL, 0, 0, &got);
	check(ret == -EAGAIN, "wait all of 0x3, polling: EAGAIN", ret);
	ret = nk_ev_wait(fd, e, 0x3, NK_EV_ANY, 0, 0, &got);
	check(ret == 0 && got == 0x1, "wait any of 0x3: 0x1", ret);
	check(nk_ev_set(fd, e, 0x2, &got) == 0 && got == 0x3, "set 0x2: 0x3", 0);
	ret = nk_ev_wait(fd, e, 0x3, NK_EV_ALL, 0x1, 0, &got);
	check(ret == 0 && got == 0x3, "wait all of 0x3, clearing 0x1: 0x3", ret);
	check(nk_ev_clear(fd, e, 0, &got) == 0 && got == 0x2, "then it is 0x2", 0);
	t0 = now_ms();
	ret = nk_ev_wait(fd, e, 0x1, NK_EV_ANY, 0, 50, &got);
	check(ret == -ETIMEDOUT && now_ms() - t0 >= 50, "wait any of 0x1, 50 ms: ETIMEDOUT", ret);
	ret = nk_ev_wait(fd, e, 0, NK_EV_ANY, 0, 0, &got);
	check(ret == -EINVAL, "wait for no bits: EINVAL", ret);
	ret = nk_ev_wait(fd, e, 1, 7, 0, 0, &got);
	check(ret == -EINVAL, "an unknown mode: EINVAL", ret);
	check(nk_ev_destroy(fd, e) == 0, "destroy sev", 0);
}

static int semantics(void)
{
	int fd = dev();

	semantics_queue(fd);
	semantics_event(fd);
	printf("svctest: semantics %d passed, %d failed\n", passes, fails);
	return fails != 0;
}

/* ---- ping: events back and forth with the RTOS ---- */

static int ping(uint32_t n)
{
	uint32_t pi, po, got, i;
	int fd = dev(), err = 0;
	long t0 = now_ms();

	if (nk_ev_open(fd, "ping", &pi) || nk_ev_open(fd, "pong", &po))
		return fprintf(stderr, "svctest: no events ping, pong\n"), 1;
	for (i = 0; i < n && !err; i++) {
		err = nk_ev_set(fd, pi, 0x1, NULL);
		if (!err)
			err = nk_ev_wait(fd, po, 0x1, NK_EV_ANY, 0x1, 5000, &got);
	}
	nk_ev_set(fd, pi, 0x80, NULL);
	printf("svctest: ping %u rounds of %u, %ld ms%s%s\n", err ? i - 1 : i, n,
	       now_ms() - t0, err ? ": " : "", err ? strerror(-err) : "");
	check(!err && i == n, "every ping was answered", err);
	return fails != 0;
}

/* ---- shared memory ---- */

static int shm_fill(const char *name, uint32_t size)
{
	uint32_t id, k;
	int fd = dev(), err = nk_shm_create(fd, name, size, NK_SHM_RW, 0, &id);
	uint8_t *p;

	if (err)
		return fprintf(stderr, "svctest: %s: %s\n", name, strerror(-err)), 1;
	p = nk_shm_map(fd, id, size, 1);
	if (!p)
		return perror("svctest: mmap"), 1;
	for (k = 0; k < size; k++)
		p[k] = (uint8_t)(k * 31u + 7u);
	printf("svctest: %s crc 0x%08x\n", name, nk_crc32(0, p, size));
	return 0;
}

/* hold NAME MAP: segment NAME (4 KB, made if need be) opened three times,
 * and mapped once if MAP is 1; PNVM region 77 opened too, not mapped;
 * then wait to be killed (87-reattach.sh detaches meanwhile). */
static int hold(const char *name, uint32_t map)
{
	struct nk_pnvm_args p = { .key = 77, .size = 4096 };
	uint32_t id, k;
	int fd = dev(), err = nk_shm_create(fd, name, 4096, NK_SHM_RW, 0, &id);

	for (k = 1; !err && k < 3; k++)
		err = nk_shm_create(fd, name, 4096, NK_SHM_RW, 0, &id);
	if (err)
		return fprintf(stderr, "svctest: %s: %s\n", name, strerror(-err)), 1;
	if (map && !nk_shm_map(fd, id, 4096, 1))
		return perror("svctest: mmap"), 1;
	if (ioctl(fd, NK_IOC_PNVM_OPEN, &p))	/* libnk's would map it */
		return perror("svctest: pnvm 77"), 1;
	printf("svctest: holding %s (3 opens%s) and pnvm 77\n", name,
	       map ? ", mapped" : "");
	for (;;)
		pause();
}

static int shm_check(const char *name, uint32_t crc)
{
	uint32_t id, size, mode;
	int fd = dev(), err = nk_shm_open(fd, name, &id, &size, &mode);
	uint8_t *p;

	if (err)
		return fprintf(stderr, "svctest: %s: %s\n", name, strerror(-err)), 1;
	p = nk_shm_map(fd, id, size, 0);
	if (!p)
		return perror("svctest: mmap"), 1;
	printf("svctest: %s %u bytes crc 0x%08x\n", name, size, nk_crc32(0, p, size));
	check(nk_crc32(0, p, size) == crc, "the segment reads as it was written", 0);
	return fails != 0;
}

static int shm_beyond(const char *name)
{
	uint32_t id, size, mode;
	int fd = dev(), err = nk_shm_open(fd, name, &id, &size, &mode);
	struct nk_svc_obj_args a;
	void *p;

	if (err)
		return fprintf(stderr, "svctest: %s: %s\n", name, strerror(-err)), 1;
	memset(&a, 0, sizeof(a));
	strcpy(a.name, name);
	ioctl(fd, NK_IOC_SHM_OPEN, &a);	/* for its offset */
	p = mmap(NULL, size + 4096, PROT_READ, MAP_SHARED, fd, a.out[0]);
	check(p == MAP_FAILED && errno == EINVAL, "mmap past the segment's end: EINVAL", -errno);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, a.out[0] + 4096);
	check(p == MAP_FAILED && errno == EINVAL, "mmap not at its start: EINVAL", -errno);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	check(p == MAP_FAILED && errno == EINVAL, "mmap of the shared region's tables: EINVAL", -errno);
	return fails != 0;
}

/* ---- PNVM ---- */

static int pnvm(uint32_t key)
{
	struct nk_pnvm p;
	int fd = dev(), err = nk_pnvm_open(fd, key, 64, &p);
	uint32_t *count;

	if (err) {
		printf("svctest: pnvm %u: %s\n", key, strerror(-err));
		return 1;
	}
	count = (uint32_t *)p.addr;
	nk_pnvm_begin(fd, &p);
	(*count)++;
	err = nk_pnvm_commit(fd, &p);
	printf("svctest: pnvm %u count %u status %u generation %u\n", key, *count,
	       p.status, p.generation);
	return err != 0;
}

/* ---- to be killed ---- */

static int block_recv(const char *name)
{
	char buf[64];
	uint32_t q;
	int fd = dev();

	if (nk_mq_open(fd, name, &q, NULL, NULL))
		return 1;
	printf("svctest: blocking in receive\n");
	fflush(stdout);
	return nk_mq_recv(fd, q, buf, sizeof(buf), -1, NULL) < 0;
}

static int flood(const char *name)
{
	uint32_t q, n = 0;
	int fd = dev();

	if (nk_mq_open(fd, name, &q, NULL, NULL))
		return 1;
	for (;;) {
		if (nk_mq_send(fd, q, &n, sizeof(n), -1))
			return 1;
		n++;
	}
}

/* ---- churn: the largest calls, for B2's L6 ---- */

static long long now_ns(void);

static int churn(uint32_t seconds)
{
	long long end = now_ns() + (long long)seconds * 1000000000LL;
	static uint8_t big[NK_MQ_MSG_MAX - 4];
	uint32_t seg, q, again, rounds = 0;
	int fd = dev(), bad = 0;
	struct nk_pnvm p;

	while (now_ns() < end) {
		bad += nk_shm_create(fd, "churn", NK_SHM_SIZE_MAX, NK_SHM_RW, 1, &seg) != 0;
		bad += nk_shm_open(fd, "churn", &again, NULL, NULL) != 0;
		bad += nk_shm_close(fd, again) != 0;
		bad += nk_shm_destroy(fd, seg) != 0;
		bad += nk_shm_close(fd, seg) != 0;
		bad += nk_mq_create(fd, "churnq", 64, NK_MQ_MSG_MAX - 4, 1, &q) != 0;
		bad += nk_mq_send(fd, q, big, sizeof(big), 0) != 0;	/* the largest copy */
		bad += nk_mq_recv(fd, q, big, sizeof(big), 0, NULL) != (int)sizeof(big);
		bad += nk_mq_destroy(fd, q) != 0;
		bad += nk_pnvm_open(fd, 0xc4a2, 0x40000, &p) != 0;
		bad += nk_pnvm_close(fd, &p) != 0;
		bad += nk_pnvm_free(fd, 0xc4a2, 0) != 0;
		rounds++;
	}
	printf("svctest: churn %u rounds, %d calls failed\n", rounds, bad);
	return bad != 0;
}

/* ---- B3: round trips and streams, through the RTOS or through pipes ---- */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void b3_line(const char *what, uint32_t size, long long ns, uint32_t n)
{
	printf("B3 %s-%u %lld %u\n", what, size, ns, n);
}

/* One message there and back, n times, one at a time. */
static int rtt(uint32_t n, uint32_t size)
{
	static uint8_t m[NK_MQ_MSG_MAX];
	uint32_t in, out, i;
	int fd = dev();
	long long t0;

	if (nk_mq_open(fd, "h2r", &out, NULL, NULL) || nk_mq_open(fd, "r2h", &in, NULL, NULL))
		return 1;
	t0 = now_ns();
	for (i = 0; i < n; i++)
		if (nk_mq_send(fd, out, m, size, -1) != 0 ||
		    nk_mq_recv(fd, in, m, sizeof(m), -1, NULL) != (int)size)
			return 1;
	b3_line("rtt", size, (now_ns() - t0) / n, n);
	return 0;
}

/* n messages through: one process sends, this one receives. */
static int stream(uint32_t n, uint32_t size)
{
	static uint8_t m[NK_MQ_MSG_MAX];
	uint32_t in, out, i;
	int fd = dev(), status;
	long long t0 = now_ns();
	pid_t child;

	if (nk_mq_open(fd, "h2r", &out, NULL, NULL) || nk_mq_open(fd, "r2h", &in, NULL, NULL))
		return 1;
	child = fork();
	if (!child) {
		fd = dev();
		nk_mq_open(fd, "h2r", &out, NULL, NULL);
		for (i = 0; i < n; i++)
			if (nk_mq_send(fd, out, m, size, -1))
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (nk_mq_recv(fd, in, m, sizeof(m), -1, NULL) != (int)size)
			return 1;
	waitpid(child, &status, 0);
	b3_line("stream", size, (now_ns() - t0) / n, n);
	return !WIFEXITED(status) || WEXITSTATUS(status);
}

static int full_io(int fd, void *buf, uint32_t len, int wr)
{
	uint32_t done = 0;
	ssize_t k;

	while (done < len) {
		k = wr ? write(fd, (char *)buf + done, len - done) :
			 read(fd, (char *)buf + done, len - done);
		if (k <= 0)
			return -1;
		done += (uint32_t)k;
	}
	return 0;
}

/* The same two measures through pipes: the child echoes. */
static int pipes(uint32_t n, uint32_t size, int stream_it)
{
	static uint8_t m[NK_MQ_MSG_MAX];
	int there[2], back[2], status;
	uint32_t i;
	long long t0;
	pid_t child;

	if (pipe(there) || pipe(back))
		return 1;
	child = fork();
	if (!child) {
		for (i = 0; i < n; i++)
			if (full_io(there[0], m, size, 0) || full_io(back[1], m, size, 1))
				_exit(1);
		_exit(0);
	}
	t0 = now_ns();
	if (stream_it) {
		pid_t feeder = fork();

		if (!feeder) {
			for (i = 0; i < n; i++)
				if (full_io(there[1], m, size, 1))
					_exit(1);
			_exit(0);
		}
		for (i = 0; i < n; i++)
			if (full_io(back[0], m, size, 0))
				return 1;
		waitpid(feeder, &status, 0);
	} else {
		for (i = 0; i < n; i++)
			if (full_io(there[1], m, size, 1) || full_io(back[0], m, size, 0))
				return 1;
	}
	b3_line(stream_it ? "pipe-stream" : "pipe-rtt", size, (now_ns() - t0) / n, n);
	waitpid(child, &status, 0);
	return !WIFEXITED(status) || WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	uint32_t a = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 0;
	uint32_t b = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 0) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(m, "echo") && argc == 3)
		return echo(a);
	if (!strcmp(m, "semantics"))
		return semantics();
	if (!strcmp(m, "ping") && argc == 3)
		return ping(a);
	if (!strcmp(m, "shm-fill") && argc == 4)
		return shm_fill(argv[2], b);
	if (!strcmp(m, "shm-check") && argc == 4)
		return shm_check(argv[2], b);
	if (!strcmp(m, "shm-beyond") && argc == 3)
		return shm_beyond(argv[2]);
	if (!strcmp(m, "pnvm") && argc == 3)
		return pnvm(a);
	if (!strcmp(m, "hold") && argc == 4)
		return hold(argv[2], b);
	if (!strcmp(m, "block-recv") && argc == 3)
		return block_recv(argv[2]);
	if (!strcmp(m, "flood") && argc == 3)
		return flood(argv[2]);
	if (!strcmp(m, "churn") && argc == 3)
		return churn(a);
	if (argc == 4 && b >= 1 && b <= NK_MQ_MSG_MAX) {
		if (!strcmp(m, "rtt"))
			return rtt(a, b);
		if (!strcmp(m, "stream"))
			return stream(a, b);
		if (!strcmp(m, "pipe-rtt"))
			return pipes(a, b, 0);
		if (!strcmp(m, "pipe-stream"))
			return pipes(a, b, 1);
	}
	fprintf(stderr, "usage: see tests/integration/svctest.c\n");
	return 2;
}
