// SPDX-License-Identifier: GPL-2.0
/*
 * tests/integration/svcadv.c - the services against an adversarial host
 * process (96-services.sh): each mode tries one class of misuse that
 * issue 11 found working, and checks the exact error and that nothing
 * changed.  Static i386, with libnk.  Prints "ok - ..." / "not ok - ..."
 * per check and "svcadv: MODE N passed, N failed"; exits 0 only if every
 * check passed.
 *
 *   svcadv stale      handles of destroyed objects, across two
 *                     descriptors, with the entry in use again: EIDRM
 *   svcadv pnvm       a region open or mapped cannot be freed: EBUSY
 *   svcadv badbuf     buffers and argument blocks that fault (NULL,
 *                     read-only, half unmapped): EFAULT, nothing taken
 *                     or sent, nothing created
 *   svcadv refs       65536 opens of one segment on one descriptor: the
 *                     last is EMFILE, every close gives one back
 *   svcadv threads    one thread sends from and receives into buffers
 *                     that fault in, another maps and unmaps a segment
 *                     of the same descriptor: no deadlock (issue 11 #10)
 */
#include <errno.h>
#include <pthread.h>
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

#define PAGE	4096u

static int fails, passes;

static void check(int cond, const char *what, int got)
{
	if (cond) {
		passes++;
		printf("ok - %s\n", what);
	} else {
		fails++;
		printf("not ok - %s (got %d%s%s)\n", what, got, got < 0 ? ": " : "",
		       got < 0 ? strerror(-got) : "");
	}
}

static int dev(void)
{
	int fd = nk_open();

	if (fd < 0) {
		fprintf(stderr, "svcadv: %s: %s\n", NK_DEVICE_PATH, strerror(-fd));
		exit(2);
	}
	return fd;
}

/* The raw ioctl: 0 or -errno. */
static int raw(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

/* A fresh page of anonymous memory, with prot. */
static void *page(int prot, unsigned int pages)
{
	void *p = mmap(NULL, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("svcadv: mmap");
		exit(2);
	}
	return p;
}

/* How many messages queue id holds, from the tables. */
static int queued(int fd, uint32_t id)
{
	static struct nk_svc_dir d;
	static struct nk_pnvm_dir p;
	struct nk_svc_list_args a;
	int err = nk_svc_list(fd, &d, &p, &a);

	return err ? err : (int)d.mq[NK_SVC_INDEX(id)].count;
}

static int summary(const char *mode)
{
	printf("svcadv: %s %d passed, %d failed\n", mode, passes, fails);
	return fails != 0;
}

/* ---- stale: handles of destroyed objects ---- */

static void stale_queue(int a, int b)
{
	uint32_t q, old, other, none;
	char buf[16];
	int ret;

	check(nk_mq_create(a, "stale2", 4, 16, 1, &q) == 0, "A creates queue stale2", 0);
	check(nk_mq_open(b, "stale2", &old, NULL, NULL) == 0 && old == q,
	      "B opens it: the same handle", (int)old);
	check(nk_mq_destroy(a, q) == 0, "A destroys it", 0);
	check(nk_mq_create(a, "other", 4, 16, 1, &other) == 0, "A creates queue other", 0);
	check(NK_SVC_INDEX(other) == NK_SVC_INDEX(old) && other != old,
	      "in the same entry, with a new handle", (int)other);
	ret = nk_mq_send(b, old, "leak", 4, 0);
	check(ret == -EIDRM, "B sends on its stale handle: EIDRM", ret);
	ret = nk_mq_recv(a, other, buf, sizeof(buf), 0, NULL);
	check(ret == -EAGAIN, "and nothing reached other", ret);
	ret = nk_mq_recv(b, old, buf, sizeof(buf), 0, NULL);
	check(ret == -EIDRM, "B receives with it: EIDRM", ret);
	ret = nk_mq_destroy(b, old);
	check(ret == -EIDRM, "B cannot destroy other with it: EIDRM", ret);
	ret = nk_mq_send(b, other, "x", 1, 0);
	check(ret == -EBADF, "nor use other's handle, never opened by B: EBADF", ret);
	check(nk_mq_open(b, "stale2", &none, NULL, NULL) == -ENOENT, "stale2 is gone: ENOENT", 0);
	check(nk_mq_send(a, other, "mine", 4, 0) == 0 &&
	      nk_mq_recv(a, other, buf, sizeof(buf), 0, NULL) == 4 && !memcmp(buf, "mine", 4),
	      "other works for A", 0);
	check(nk_mq_destroy(a, other) == 0, "A destroys other", 0);
}

/* A receiver asleep on a queue another descriptor destroys: EIDRM. */
static void stale_sleeper(int a)
{
	uint32_t q, mine;
	char buf[16];
	int status, ret;
	pid_t child;

	check(nk_mq_create(a, "gone", 2, 16, 1, &q) == 0, "A creates queue gone", 0);
	child = fork();
	if (!child) {
		int b = dev();

		if (nk_mq_open(b, "gone", &mine, NULL, NULL))
			_exit(100);
		ret = nk_mq_recv(b, mine, buf, sizeof(buf), 5000, NULL);
		_exit(ret == -EIDRM ? 0 : ret == -ETIMEDOUT ? 101 : 102);
	}
	usleep(300000);
	check(nk_mq_destroy(a, q) == 0, "A destroys it under a sleeping receiver", 0);
	waitpid(child, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the receiver wakes with EIDRM, not a timeout", WEXITSTATUS(status));
}

static void stale_event(int a, int b)
{
	uint32_t e, old, other, now = 0, got;
	int ret;

	check(nk_ev_create(a, "stev", 0, 1, &e) == 0, "A creates event stev", 0);
	check(nk_ev_open(b, "stev", &old) == 0, "B opens it", 0);
	check(nk_ev_destroy(a, e) == 0, "A destroys it", 0);
	check(nk_ev_create(a, "evother", 0x10, 1, &other) == 0 &&
	      NK_SVC_INDEX(other) == NK_SVC_INDEX(old), "A creates evother in its entry", 0);
	ret = nk_ev_set(b, old, 0x1, NULL);
	check(ret == -EIDRM, "B sets bits with its stale handle: EIDRM", ret);
	check(nk_ev_clear(a, other, 0, &now) == 0 && now == 0x10,
	      "evother's bits are untouched: 0x10", (int)now);
	check(nk_ev_open(b, "evother", &got) == 0 && got == other, "B opens evother", 0);
	ret = nk_ev_wait(b, old, 0x10, NK_EV_ANY, 0x10, 0, &got);
	check(ret == -EBADF, "its old handle is not evother's: EBADF", ret);
	check(nk_ev_destroy(b, other) == 0, "B destroys evother", 0);
	ret = nk_ev_set(a, other, 0x1, NULL);
	check(ret == -EIDRM, "A's handle of it: EIDRM", ret);
}

static void stale_segment(int a, int b)
{
	uint32_t s, old, size, mode, s2, none;
	int ret;

	check(nk_shm_create(a, "stseg", PAGE, NK_SHM_RW, 1, &s) == 0, "A creates segment stseg", 0);
	check(nk_shm_open(b, "stseg", &old, &size, &mode) == 0 && old == s, "B opens it", 0);
	check(nk_shm_destroy(a, s) == 0 && nk_shm_close(a, s) == 0, "A destroys and closes it", 0);
	ret = nk_shm_open(a, "stseg", &none, &size, &mode);
	check(ret == -ENOENT, "destroyed: no one finds it (ENOENT)", ret);
	ret = nk_shm_create(a, "stseg2", PAGE, NK_SHM_RW, 1, &s2);
	check(ret == 0 && NK_SVC_INDEX(s2) != NK_SVC_INDEX(old),
	      "while B holds it, its entry is not given to another", (int)s2);
	check(nk_shm_close(b, old) == 0, "B closes it: it goes", 0);
	ret = nk_shm_close(b, old);
	check(ret == -EBADF, "B's handle is no longer held: EBADF", ret);
	check(nk_shm_destroy(a, s2) == 0 && nk_shm_close(a, s2) == 0, "A destroys stseg2", 0);
}

static int stale(void)
{
	int a = dev(), b = dev();

	stale_queue(a, b);
	stale_sleeper(a);
	stale_event(a, b);
	stale_segment(a, b);
	close(a);
	close(b);
	return summary("stale");
}

/* ---- pnvm: a region in use is not freed ---- */

static int pnvm(void)
{
	struct nk_pnvm ra, rb, rc;
	struct nk_pnvm_args x;
	int a = dev(), b = dev(), ret;
	uint32_t crc;

	nk_pnvm_free(a, 920, 0);	/* from an earlier run, if any */
	nk_pnvm_free(a, 921, 0);
	nk_pnvm_free(a, 922, 0);
	check(nk_pnvm_open(a, 920, PAGE, &ra) == 0 && ra.status == NK_PNVM_NEW,
	      "A opens and maps region 920 (new)", 0);
	check(ra.addr[0] == 0 && ra.addr[PAGE - 1] == 0 && ra.generation == 2,
	      "zeroed and committed (generation 2)", (int)ra.generation);
	nk_pnvm_begin(a, &ra);
	memset(ra.addr, 0x5a, PAGE);
	check(nk_pnvm_commit(a, &ra) == 0, "A writes and commits it", 0);
	crc = nk_crc32(0, ra.addr, PAGE);
	ret = nk_pnvm_free(b, 920, 0);
	check(ret == -EBUSY, "B frees it while A has it: EBUSY", ret);
	check(nk_pnvm_open(b, 921, PAGE, &rb) == 0 && rb.id != ra.id &&
	      rb.addr[0] == 0, "B's new region 921 is another, zeroed", (int)rb.id);
	memset(rb.addr, 0xa5, PAGE);
	check(nk_crc32(0, ra.addr, PAGE) == crc, "A's mapping still shows 920 only", 0);
	memset(&x, 0, sizeof(x));
	x.id = ra.id;
	check(raw(a, NK_IOC_PNVM_CLOSE, &x) == 0, "A closes 920, its mapping kept", 0);
	ret = nk_pnvm_free(b, 920, 0);
	check(ret == -EBUSY, "the mapping alone keeps it: EBUSY", ret);
	ret = raw(a, NK_IOC_PNVM_BEGIN, &x);
	check(ret == -EBADF, "A's closed handle: EBADF", ret);
	check(munmap(ra.addr, PAGE) == 0, "A unmaps it", 0);
	check(nk_pnvm_free(b, 920, 0) == 0, "now B can free it", 0);
	check(nk_pnvm_open(b, 922, PAGE, &rc) == 0 && rc.status == NK_PNVM_NEW &&
	      rc.addr[0] == 0, "B's next region: new, zeroed", 0);
	check(nk_pnvm_close(b, &rb) == 0 && nk_pnvm_close(b, &rc) == 0, "B closes both", 0);
	check(nk_pnvm_free(b, 921, 0) == 0 && nk_pnvm_free(b, 922, 0) == 0, "and frees them", 0);
	ret = nk_pnvm_open(b, 920, 0, &ra);
	check(ret == -ENOENT, "920 is gone: ENOENT", ret);
	close(a);
	close(b);
	return summary("pnvm");
}

/* ---- badbuf: whatever faults is found before anything changes ---- */

#define BB_LEN	48

static void badbuf_recv(int fd, uint32_t q)
{
	uint8_t *ro = page(PROT_READ | PROT_WRITE, 1), *half = page(PROT_READ | PROT_WRITE, 2);
	struct nk_msg_args *a = (struct nk_msg_args *)ro;
	uint8_t buf[BB_LEN];
	int ret;

	memset(a, 0, sizeof(*a));	/* a good call, but for its own page */
	a->id = q;
	a->buf_ptr = (uintptr_t)buf;
	a->len = sizeof(buf);
	mprotect(ro, PAGE, PROT_READ);
	mprotect(half + PAGE, PAGE, PROT_NONE);
	ret = nk_mq_recv(fd, q, NULL, BB_LEN, 0, NULL);
	check(ret == -EFAULT, "receive into NULL: EFAULT", ret);
	ret = nk_mq_recv(fd, q, ro, BB_LEN, 0, NULL);
	check(ret == -EFAULT, "receive into a read-only page: EFAULT", ret);
	ret = nk_mq_recv(fd, q, half + PAGE - 16, BB_LEN, 0, NULL);
	check(ret == -EFAULT, "receive into a buffer whose end is unmapped: EFAULT", ret);
	ret = raw(fd, NK_IOC_MQ_RECV, a);	/* a read-only argument block */
	check(ret == -EFAULT, "receive with a read-only argument block: EFAULT", ret);
	check(queued(fd, q) == 3, "all three messages still queued", queued(fd, q));
	ret = nk_mq_recv(fd, q, buf, sizeof(buf), 0, NULL);
	check(ret == BB_LEN && buf[0] == 1 && buf[BB_LEN - 1] == 1,
	      "the first comes out whole", ret);
	munmap(ro, PAGE);
	munmap(half, 2 * PAGE);
}

static void badbuf_send(int fd, uint32_t q)
{
	uint8_t *none = page(PROT_NONE, 1), *half = page(PROT_READ | PROT_WRITE, 2);
	int ret;

	mprotect(half + PAGE, PAGE, PROT_NONE);
	ret = nk_mq_send(fd, q, NULL, BB_LEN, 0);
	check(ret == -EFAULT, "send from NULL: EFAULT", ret);
	ret = nk_mq_send(fd, q, none, BB_LEN, 0);
	check(ret == -EFAULT, "send from an unmapped page: EFAULT", ret);
	ret = nk_mq_send(fd, q, half + PAGE - 16, BB_LEN, 0);
	check(ret == -EFAULT, "send from a buffer whose end is unmapped: EFAULT", ret);
	ret = nk_mq_send(fd, q, "x", 0, 0);
	check(ret == -EINVAL, "send of 0 bytes: EINVAL", ret);
	check(queued(fd, q) == 2, "none of them was queued", queued(fd, q));
	munmap(none, PAGE);
	munmap(half, 2 * PAGE);
}

static void badbuf_event(int fd)
{
	struct nk_ev_args *a = page(PROT_READ | PROT_WRITE, 1);
	uint32_t e, now = 0;
	int ret;

	check(nk_ev_create(fd, "bbev", 0x3, 1, &e) == 0, "create event bbev = 0x3", 0);
	memset(a, 0, sizeof(*a));
	a->id = e;
	a->bits = 0x1;
	a->mode = NK_EV_ANY;
	a->clear = 0x1;
	mprotect(a, PAGE, PROT_READ);
	ret = raw(fd, NK_IOC_EV_WAIT, a);
	check(ret == -EFAULT, "a clearing wait with a read-only argument: EFAULT", ret);
	check(nk_ev_clear(fd, e, 0, &now) == 0 && now == 0x3, "no bit was cleared: 0x3", (int)now);
	ret = raw(fd, NK_IOC_EV_SET, a);
	check(ret == -EFAULT, "a set with a read-only argument: EFAULT", ret);
	check(nk_ev_clear(fd, e, 0, &now) == 0 && now == 0x3, "and no bit set", (int)now);
	check(nk_ev_destroy(fd, e) == 0, "destroy bbev", 0);
	munmap(a, PAGE);
}

/* Creates and opens whose answer cannot be given create nothing. */
static void badbuf_create(int fd)
{
	struct nk_svc_obj_args *o = page(PROT_READ | PROT_WRITE, 1);
	struct nk_pnvm_args *p = (struct nk_pnvm_args *)(o + 1);
	struct nk_pnvm r;
	uint32_t id, size, mode;
	int ret;

	memset(o, 0, sizeof(*o));
	strcpy(o->name, "bbro");
	o->arg[0] = 2;
	o->arg[1] = 16;
	memset(p, 0, sizeof(*p));
	p->key = 923;
	p->size = PAGE;
	mprotect(o, PAGE, PROT_READ);
	ret = raw(fd, NK_IOC_MQ_CREATE, o);
	check(ret == -EFAULT, "create a queue, read-only argument: EFAULT", ret);
	check(nk_mq_open(fd, "bbro", &id, NULL, NULL) == -ENOENT, "no queue was made", 0);
	ret = raw(fd, NK_IOC_EV_CREATE, o);
	check(ret == -EFAULT && nk_ev_open(fd, "bbro", &id) == -ENOENT,
	      "nor an event", ret);
	ret = raw(fd, NK_IOC_SHM_CREATE, o);
	check(ret == -EFAULT && nk_shm_open(fd, "bbro", &id, &size, &mode) == -ENOENT,
	      "nor a segment", ret);
	ret = raw(fd, NK_IOC_PNVM_OPEN, p);
	check(ret == -EFAULT && nk_pnvm_open(fd, 923, 0, &r) == -ENOENT,
	      "nor a PNVM region", ret);
	munmap(o, PAGE);
}

static int badbuf(void)
{
	uint8_t m[BB_LEN];
	uint32_t q;
	int fd = dev(), i;

	check(nk_mq_create(fd, "bbq", 4, 64, 1, &q) == 0, "create bbq", 0);
	for (i = 1; i <= 3; i++) {
		memset(m, i, sizeof(m));
		nk_mq_send(fd, q, m, sizeof(m), 0);
	}
	badbuf_recv(fd, q);
	badbuf_send(fd, q);
	for (i = 2; i <= 3; i++)
		check(nk_mq_recv(fd, q, m, sizeof(m), 0, NULL) == BB_LEN && m[0] == i &&
		      m[BB_LEN - 1] == i, i == 2 ? "then the second, whole" : "then the third",
		      m[0]);
	check(nk_mq_recv(fd, q, m, sizeof(m), 0, NULL) == -EAGAIN, "and nothing more", 0);
	check(nk_mq_destroy(fd, q) == 0, "destroy bbq", 0);
	badbuf_event(fd);
	badbuf_create(fd);
	close(fd);
	return summary("badbuf");
}

/* ---- refs: the counters are bounded ---- */

static int seg_refs(int fd, uint32_t id, uint32_t *host)
{
	static struct nk_svc_dir d;
	static struct nk_pnvm_dir p;
	struct nk_svc_list_args a;
	int err = nk_svc_list(fd, &d, &p, &a);

	*host = a.refs + a.maps;
	return err ? err : (int)d.shm[NK_SVC_INDEX(id)].refs;
}

static int refs(void)
{
	uint32_t s, id, size, mode, host, n, bad = 0;
	int fd = dev(), other = dev(), ret, r;
	void *m1, *m2;

	check(nk_shm_create(fd, "wrap", PAGE, NK_SHM_RW, 1, &s) == 0, "create segment wrap", 0);
	for (n = 1; n < 65535; n++)
		if (nk_shm_open(fd, "wrap", &id, &size, &mode) || id != s)
			bad++;
	check(!bad, "65534 more opens on one descriptor", (int)bad);
	ret = nk_shm_open(fd, "wrap", &id, &size, &mode);
	check(ret == -EMFILE, "the 65536th: EMFILE", ret);
	r = seg_refs(fd, s, &host);
	check(r == 65535 && host == 65535, "65535 references, all the host's", r);
	m1 = nk_shm_map(other, s, PAGE, 1);
	check(m1 == NULL && errno == EINVAL, "another descriptor cannot map it: EINVAL", -errno);
	m1 = nk_shm_map(fd, s, PAGE, 1);
	m2 = nk_shm_map(fd, s, PAGE, 0);
	check(m1 && m2, "two mappings of it", 0);
	for (n = 0, bad = 0; n < 65535; n++)
		if (nk_shm_close(fd, s))
			bad++;
	check(!bad, "65535 closes", (int)bad);
	ret = nk_shm_close(fd, s);
	check(ret == -EBADF, "one more: EBADF", ret);
	r = seg_refs(fd, s, &host);
	check(r == 2 && host == 2, "the mappings' 2 references remain", r);
	check(nk_shm_destroy(other, s) == -EBADF, "the other descriptor cannot destroy it", 0);
	check(nk_shm_open(other, "wrap", &id, &size, &mode) == 0 && nk_shm_destroy(other, id) == 0 &&
	      nk_shm_close(other, id) == 0, "it opens, destroys and closes it", 0);
	r = seg_refs(fd, s, &host);
	check(r == 2, "destroyed, still mapped: 2 references", r);
	((volatile char *)m1)[0] = 'x';
	check(((volatile char *)m2)[0] == 'x', "the mappings still work", 0);
	munmap(m1, PAGE);
	munmap(m2, PAGE);
	r = seg_refs(fd, s, &host);
	check(r == 0 && host == 0, "unmapped: no reference left", r);
	ret = nk_shm_open(fd, "wrap", &id, &size, &mode);
	check(ret == -ENOENT, "and it is gone", ret);
	close(fd);
	close(other);
	return summary("refs");
}

/* ---- threads: faults in the copies while another thread maps ---- */

static int th_fd;
static uint32_t th_seg, th_q;
static volatile int th_stop, th_bad;

static void *th_mapper(void *arg)
{
	void *p;

	(void)arg;
	while (!th_stop) {
		p = nk_shm_map(th_fd, th_seg, PAGE, 1);
		if (!p) {
			th_bad++;
			break;
		}
		((volatile char *)p)[0]++;
		munmap(p, PAGE);
	}
	return NULL;
}

static int threads(void)
{
	uint32_t i, n = 2000;
	pthread_t t;
	uint8_t *b;
	int errs = 0;

	th_fd = dev();
	check(nk_shm_create(th_fd, "thseg", PAGE, NK_SHM_RW, 1, &th_seg) == 0, "create thseg", 0);
	check(nk_mq_create(th_fd, "thq", 4, 64, 1, &th_q) == 0, "create thq", 0);
	pthread_create(&t, NULL, th_mapper, NULL);
	for (i = 0; i < n; i++) {
		b = page(PROT_READ | PROT_WRITE, 1);	/* not yet faulted in */
		if (nk_mq_send(th_fd, th_q, b, 64, -1))
			errs++;
		munmap(b, PAGE);
		b = page(PROT_READ | PROT_WRITE, 1);
		if (nk_mq_recv(th_fd, th_q, b, 64, -1, NULL) != 64)
			errs++;
		munmap(b, PAGE);
	}
	th_stop = 1;
	pthread_join(t, NULL);
	check(!errs, "2000 sends and receives through fresh pages while another thread maps", errs);
	check(!th_bad, "and every mapping worked", th_bad);
	check(nk_mq_destroy(th_fd, th_q) == 0, "destroy thq", 0);
	check(nk_shm_destroy(th_fd, th_seg) == 0 && nk_shm_close(th_fd, th_seg) == 0,
	      "destroy thseg", 0);
	close(th_fd);
	return summary("threads");
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(m, "stale"))
		return stale();
	if (!strcmp(m, "pnvm"))
		return pnvm();
	if (!strcmp(m, "badbuf"))
		return badbuf();
	if (!strcmp(m, "refs"))
		return refs();
	if (!strcmp(m, "threads"))
		return threads();
	fprintf(stderr, "usage: svcadv stale|pnvm|badbuf|refs|threads\n");
	return 2;
}
