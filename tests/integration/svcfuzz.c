// SPDX-License-Identifier: GPL-2.0
/*
 * tests/integration/svcfuzz.c - a model-based fuzzer of /dev/nanokernel
 * (97-fuzz.sh; issue 10 #1).
 *
 *   svcfuzz N SEED
 *
 * N operations, drawn from SEED, on the services' ioctls and the loader's
 * read-only ones, with mmap, munmap, poll, close and reopen beside them.
 * Each call is a valid command word with an argument that is valid for
 * what the fuzzer holds, or the same with one field perturbed: a reserved
 * word, a flag, a name, a size, a handle (stale, another descriptor's,
 * never made, "none"), a buffer (NULL, read-only, unmapped, half mapped),
 * the argument block itself (read-only, unmapped, half mapped), the
 * command word's size or direction.  Two descriptors create, open, use,
 * destroy and reuse the same few names, so that handles go stale and
 * entries are reused; signals come in the middle of waits, a thread wakes
 * a wait from the other descriptor, a child is killed while it waits.
 *
 * The fuzzer keeps a model of what it made: every queue's messages (each
 * with its own length and contents), every event's bits, every segment's
 * and region's references, what each descriptor holds, and the loader's
 * counts.  Every result is checked against the model's prediction (the
 * exact errno, or success with the exact outputs); after every error the
 * tables and the loader's counts must be as they were before the call;
 * after every call the tables must agree with the model.  At the end,
 * every queue is drained (each message received exactly once, in order,
 * its contents whole), everything is destroyed and closed, and the leak
 * check finds no handle, reference, mapping, allocation, sleeper or heap
 * page left.
 *
 * Prints, per ioctl, how many calls reached its handler (answered with
 * anything but ENOTTY) and how many succeeded; an ioctl that was never
 * reached or never succeeded is a failed check.  "ok - ..." / "not ok -
 * ..." lines, a fixed number of them whatever the seed, then "svcfuzz: N
 * passed, N failed"; exits 0 only if every check passed.  Static i386.
 */
#define _GNU_SOURCE	/* strerrorname_np */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <nk/crc32.h>
#include <nk/ioctl.h>
#include <nk/image.h>
#include "../common/msgpat.h"

#define PAGE		4096u
#define NAMES		6	/* fz0..fz5 of each kind: reused often */
#define MAPS		16
#define FDS		(2 + MAPS + 2)	/* two in use, the others closed and
				 * held by their mappings */
#define QMAX		NK_MQ_DEPTH_MAX
#define KEY0		0x0f2000u	/* PNVM keys KEY0 + 0..NAMES-1 */
#define BUFPAGES	17	/* room for 64 KB + 1 and a guard page */
#define SHOW_MAX	20	/* wrong results printed in full */

enum kind { K_MQ, K_EV, K_SHM, K_PNVM, K_N };
static const char *const kind_name[K_N] = { "mq", "ev", "shm", "pnvm" };

/* ---- the ioctls, with what the fuzzer counts of each ---- */

struct ioc {
	unsigned long cmd;
	const char *name;
	unsigned long calls, reached, ok;
};

#define IOC(c, n)	{ .cmd = (c), .name = (n) }

static struct ioc iocs[] = {
	IOC(NK_IOC_MQ_CREATE, "MQ_CREATE"), IOC(NK_IOC_MQ_OPEN, "MQ_OPEN"),
	IOC(NK_IOC_MQ_DESTROY, "MQ_DESTROY"), IOC(NK_IOC_MQ_SEND, "MQ_SEND"),
	IOC(NK_IOC_MQ_RECV, "MQ_RECV"), IOC(NK_IOC_MQ_WATCH, "MQ_WATCH"),
	IOC(NK_IOC_EV_CREATE, "EV_CREATE"), IOC(NK_IOC_EV_OPEN, "EV_OPEN"),
	IOC(NK_IOC_EV_DESTROY, "EV_DESTROY"), IOC(NK_IOC_EV_SET, "EV_SET"),
	IOC(NK_IOC_EV_CLEAR, "EV_CLEAR"), IOC(NK_IOC_EV_WAIT, "EV_WAIT"),
	IOC(NK_IOC_SHM_CREATE, "SHM_CREATE"), IOC(NK_IOC_SHM_OPEN, "SHM_OPEN"),
	IOC(NK_IOC_SHM_CLOSE, "SHM_CLOSE"), IOC(NK_IOC_SHM_DESTROY, "SHM_DESTROY"),
	IOC(NK_IOC_PNVM_OPEN, "PNVM_OPEN"), IOC(NK_IOC_PNVM_BEGIN, "PNVM_BEGIN"),
	IOC(NK_IOC_PNVM_COMMIT, "PNVM_COMMIT"), IOC(NK_IOC_PNVM_CLOSE, "PNVM_CLOSE"),
	IOC(NK_IOC_PNVM_FREE, "PNVM_FREE"), IOC(NK_IOC_SVC_LIST, "SVC_LIST"),
	IOC(NK_IOC_STATUS, "STATUS"), IOC(NK_IOC_GET_CONFIG, "GET_CONFIG"),
	IOC(NK_IOC_PING, "PING"), IOC(NK_IOC_STATS, "STATS"),
	IOC(NK_IOC_OS_LIST, "OS_LIST"), IOC(NK_IOC_CONSOLE, "CONSOLE"),
};
#define NIOC	(sizeof(iocs) / sizeof(iocs[0]))

/* ---- the model ---- */

struct msg {
	uint32_t seq, len;
};

struct ent {			/* a table entry the fuzzer made */
	int state;		/* NK_SVC_FREE, _USED, _DOOMED (segments) */
	uint32_t h;		/* its handle (or its last one) */
	int name;		/* fzN / KEY0 + N */
	uint32_t depth, msg_max, head, count;	/* mq */
	struct msg *q;
	uint32_t bits;		/* ev */
	uint32_t size, mode, off;	/* shm, pnvm */
	uint32_t gen, crc;	/* pnvm: generation, CRC-32 committed */
	int crc_real;		/* pnvm: crc is the contents' (not one drawn) */
	uint32_t refs;		/* shm, pnvm: the table's references */
};

struct fdm {			/* a descriptor */
	int fd;			/* -1: record unused */
	int closing;		/* closed, held open by its mappings */
	uint32_t held[K_N][32];	/* the loader's handle slots */
	uint32_t frefs[K_N][32];
	int watch;		/* the watched queue's index, or -1 */
	int maps;
};

struct map {
	int used, f, kind, idx;
	uint8_t *addr;
	uint32_t size;
};

static struct ent ent[K_N][32];
static struct fdm fdm[FDS];
static struct map maps[MAPS];
static int cur[2];		/* the two descriptor records in use */
static int listfd;		/* the fuzzer's own, for SVC_LIST: holds nothing */
static uint32_t next_seq = 1;

static struct {
	unsigned long calls, wrong, changed, disagree, sent, received, dropped,
		bad_msgs, intr, intr_bad, woken, woken_bad, killed, killed_bad,
		shm_ok, shm_bad, pnvm_crc_ok, pnvm_crc_bad, poll_ok, poll_bad,
		perturbed, enotty;
} st;

static int passes, fails;

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (cond)
		passes++;
	else
		fails++;
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* ---- random numbers (our own, so a seed is the same run everywhere) ---- */

static uint64_t rs;

static uint32_t rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (uint32_t)(rs >> 16);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int chance(uint32_t one_in)
{
	return below(one_in) == 0;
}

/* ---- memory for arguments and buffers ---- */

static uint8_t *rw;		/* 2 pages: arguments */
static uint8_t *ro;		/* 1 page, made read-only around a call */
static uint8_t *edge;		/* a page followed by a PROT_NONE page */
static uint8_t *unmapped;	/* a page of no access: as good as unmapped, and no
				 * later mmap can land there */
static uint8_t *buf;		/* BUFPAGES pages, the last PROT_NONE */
static uint8_t *robuf;		/* 17 read-only pages */

static void *pages(unsigned int n, int prot)
{
	void *p = mmap(NULL, n * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("svcfuzz: mmap");
	return p;
}

static void memory(void)
{
	rw = pages(2, PROT_READ | PROT_WRITE);
	ro = pages(1, PROT_READ | PROT_WRITE);
	edge = pages(2, PROT_READ | PROT_WRITE);
	if (mprotect(edge + PAGE, PAGE, PROT_NONE))
		die("svcfuzz: mprotect");
	unmapped = pages(1, PROT_NONE);
	buf = pages(BUFPAGES, PROT_READ | PROT_WRITE);
	if (mprotect(buf + (BUFPAGES - 1) * PAGE, PAGE, PROT_NONE))
		die("svcfuzz: mprotect");
	robuf = pages(BUFPAGES, PROT_READ);
}

/* ---- the tables, for the checks ---- */

struct snap {
	struct nk_svc_dir dir;
	struct nk_pnvm_dir pnvm;
	struct nk_svc_list_args a;
};

static int list(struct snap *s)
{
	memset(&s->a, 0, sizeof(s->a));
	s->a.dir_ptr = (uintptr_t)&s->dir;
	s->a.pnvm_ptr = (uintptr_t)&s->pnvm;
	s->a.dir_size = sizeof(s->dir);
	s->a.pnvm_size = sizeof(s->pnvm);
	return ioctl(listfd, NK_IOC_SVC_LIST, &s->a) < 0 ? -errno : 0;
}

/* What an error must not change: the tables, but for the waiter records
 * (a try that waits leaves one, by design), and the loader's counts. */
static void mask(struct snap *s)
{
	unsigned int i;

	for (i = 0; i < NK_MQ_MAX; i++) {
		struct nk_mq_slot *q = &s->dir.mq[i];

		q->readers = q->writers = 0;
		memset(q->reader_id, 0, sizeof(q->reader_id));
		memset(q->writer_id, 0, sizeof(q->writer_id));
	}
	for (i = 0; i < NK_EV_MAX; i++) {
		struct nk_ev_slot *e = &s->dir.ev[i];

		e->waiters = 0;
		memset(e->wait_id, 0, sizeof(e->wait_id));
		memset(e->wait_bits, 0, sizeof(e->wait_bits));
	}
	memset(s->a.mq_sleepers, 0, sizeof(s->a.mq_sleepers));
	memset(s->a.ev_sleepers, 0, sizeof(s->a.ev_sleepers));
	s->a.doorbells = 0;
	s->a.dir_ptr = s->a.pnvm_ptr = 0;
}

static struct snap before, after;

/* ---- one call, counted, with its argument placed as asked ---- */

enum place {
	P_OK,		/* in ordinary memory */
	P_RO,		/* in a read-only page */
	P_NULL,		/* NULL */
	P_UNMAPPED,	/* an unmapped page */
	P_HALF,		/* across the end of a mapped page */
	P_KERNEL,	/* a kernel address */
	P_NPLACE
};

struct call {
	int ioc;		/* index in iocs[] */
	int f;			/* the descriptor record */
	void *arg;		/* the argument, in the fuzzer's memory */
	size_t size;
	enum place place;
	int badcmd;		/* the command word with another size or direction */
	int exp[1], nexp;	/* the result the model predicts (nexp 0: none was right) */
	const char *what;	/* the perturbation, for the report */
};

static void expect(struct call *c, int e)
{
	c->exp[0] = e;
	c->nexp = 1;
}

static const char *errname(int e)
{
	if (!e)
		return "0";
	return strerrorname_np(-e) ? strerrorname_np(-e) : "an unknown errno";
}

/* The call as the model allowed it?  Reported in full the first times. */
static int allowed(const struct call *c, int ret)
{
	int i;

	for (i = 0; i < c->nexp; i++)
		if (ret == c->exp[i])
			return 1;
	st.wrong++;
	if (st.wrong <= SHOW_MAX) {
		printf("# call %lu: %s on fd %d (%s): got %s, the model said %s", st.calls,
		       iocs[c->ioc].name, fdm[c->f].fd, c->what ? c->what : "valid",
		       errname(ret), errname(c->exp[0]));
		for (i = 1; i < c->nexp; i++)
			printf(" or %s", errname(c->exp[i]));
		printf("\n");
	}
	return 0;
}

/* A call that succeeded as the model said, with an output it did not
 * predict (what: which). */
static void wrong_output(struct call *c, const char *what)
{
	if (what)
		c->what = what;
	c->nexp = 0;
	allowed(c, 0);
}

/* Make the call; the argument is copied back from where it was placed.
 * Returns 0 or -errno; the error is checked against c->exp, and an error
 * must have changed nothing. */
static int do_call(struct call *c)
{
	unsigned long cmd = iocs[c->ioc].cmd;
	void *where = c->arg;
	int ret, got;

	if (c->badcmd == 1)
		cmd = (cmd & ~(_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
		      ((unsigned long)((_IOC_SIZE(cmd) + 4) & _IOC_SIZEMASK) << _IOC_SIZESHIFT);
	else if (c->badcmd == 2)
		cmd ^= (unsigned long)_IOC_READ << _IOC_DIRSHIFT;
	switch (c->place) {
	case P_RO:
		memcpy(ro, c->arg, c->size);
		if (mprotect(ro, PAGE, PROT_READ))
			die("svcfuzz: mprotect");
		where = ro;
		break;
	case P_NULL:
		where = NULL;
		break;
	case P_UNMAPPED:
		where = unmapped;
		break;
	case P_HALF:
		where = edge + PAGE - c->size / 2;
		memcpy(where, c->arg, c->size / 2);
		break;
	case P_KERNEL:
		where = (void *)0xc0100000ul;
		break;
	default:
		break;
	}
	if (list(&before))
		die("svcfuzz: SVC_LIST");
	st.calls++;
	iocs[c->ioc].calls++;
	ret = ioctl(fdm[c->f].fd, cmd, where) < 0 ? -errno : 0;
	if (c->place == P_RO) {
		if (mprotect(ro, PAGE, PROT_READ | PROT_WRITE))
			die("svcfuzz: mprotect");
		memcpy(c->arg, ro, c->size);
	}
	if (ret != -ENOTTY)
		iocs[c->ioc].reached++;
	else
		st.enotty++;
	if (!ret)
		iocs[c->ioc].ok++;
	got = allowed(c, ret);
	if (ret) {
		if (list(&after))
			die("svcfuzz: SVC_LIST");
		mask(&before);
		mask(&after);
		if (memcmp(&before, &after, sizeof(before))) {
			st.changed++;
			if (st.changed <= SHOW_MAX)
				printf("# call %lu: %s (%s) failed with %s and changed the tables\n",
				       st.calls, iocs[c->ioc].name, c->what ? c->what : "valid",
				       errname(ret));
		}
	}
	return got ? ret : 1;	/* 1: not what the model said; the model stays */
}

/* ---- the model's bookkeeping, as the loader keeps it (loader/svc.c) ---- */

static int counted(int k)
{
	return k == K_SHM || k == K_PNVM;
}

static void hold(int f, int k, uint32_t h)
{
	unsigned int i = NK_SVC_INDEX(h);

	if (fdm[f].held[k][i] != h) {
		fdm[f].held[k][i] = h;
		fdm[f].frefs[k][i] = 0;
	}
	if (counted(k))
		fdm[f].frefs[k][i]++;
}

static void unhold(int f, int k, uint32_t h)
{
	unsigned int i = NK_SVC_INDEX(h);

	if (counted(k) && fdm[f].frefs[k][i] && --fdm[f].frefs[k][i])
		return;
	fdm[f].held[k][i] = 0;
	if (k == K_MQ && fdm[f].watch == (int)i)
		fdm[f].watch = -1;
}

/* A reference of a segment or region goes; the last of a destroyed
 * segment frees it. */
static void put_ref(int k, unsigned int i)
{
	struct ent *e = &ent[k][i];

	if (e->refs)
		e->refs--;
	if (k == K_SHM && e->state == NK_SVC_DOOMED && !e->refs)
		e->state = NK_SVC_FREE;
}

/* The descriptor's release: every reference it holds given back. */
static void release(int f)
{
	unsigned int k, i;

	for (k = 0; k < K_N; k++)
		for (i = 0; i < 32; i++) {
			for (; fdm[f].frefs[k][i]; fdm[f].frefs[k][i]--)
				put_ref((int)k, i);
			fdm[f].held[k][i] = 0;
		}
	fdm[f].fd = -1;
	fdm[f].closing = 0;
}

static int new_fd(void)
{
	int f, fd = open(NK_DEVICE_PATH, O_RDWR);

	if (fd < 0)
		die("svcfuzz: " NK_DEVICE_PATH);
	for (f = 0; f < FDS; f++)
		if (fdm[f].fd < 0)
			break;
	if (f == FDS) {
		fprintf(stderr, "svcfuzz: out of descriptor records\n");
		exit(2);
	}
	memset(&fdm[f], 0, sizeof(fdm[f]));
	fdm[f].fd = fd;
	fdm[f].watch = -1;
	return f;
}

static void name_of(char *n, int k, int i)
{
	memset(n, 0, NK_SVC_NAME_LEN);
	snprintf(n, NK_SVC_NAME_LEN, "fz%c%d", "qesp"[k], i);
}

/* The live entry of kind k named fzN, or -1. */
static int by_name(int k, int name)
{
	int i;

	for (i = 0; i < 32; i++)
		if (ent[k][i].state == NK_SVC_USED && ent[k][i].name == name)
			return i;
	return -1;
}

/* Any entry of ours of kind k in the tables (for a free index guess). */
static int first_free(const struct snap *s, int k)
{
	int i;

	for (i = 0; i < 32; i++) {
		uint32_t state = k == K_MQ ? s->dir.mq[i].state : k == K_EV ? s->dir.ev[i].state :
				 k == K_SHM ? s->dir.shm[i].state : (s->pnvm.e[i].key ? 1 : 0);

		if (k == K_PNVM ? !state && !s->pnvm.e[i].entry_crc : state == NK_SVC_FREE)
			return i;
	}
	return -1;
}

/* Is there a run of n free heap pages? */
static int heap_room(const struct snap *s, uint32_t n)
{
	uint32_t p, run = 0;

	if (!n || n > s->dir.heap_pages)
		return 0;
	for (p = 0; p < s->dir.heap_pages; p++) {
		run = (s->dir.heap_map[p / 8] >> (p % 8)) & 1 ? 0 : run + 1;
		if (run >= n)
			return 1;
	}
	return 0;
}

/* Is there a gap of size bytes in the PNVM area (shmem/pnvm.c's rule)? */
static int pnvm_room(const struct snap *s, uint32_t size)
{
	uint32_t at = PAGE, from[NK_PNVM_MAX], to[NK_PNVM_MAX], n = 0, i, k, end;

	for (i = 0; i < NK_PNVM_MAX; i++) {
		if (!s->pnvm.e[i].key)
			continue;
		for (k = n++; k > 0 && from[k - 1] > s->pnvm.e[i].off; k--) {
			from[k] = from[k - 1];
			to[k] = to[k - 1];
		}
		from[k] = s->pnvm.e[i].off;
		to[k] = s->pnvm.e[i].off + s->pnvm.e[i].size;
	}
	for (i = 0; i <= n; i++) {
		end = i < n ? from[i] : NK_PNVM_AREA;
		if (end >= at && end - at >= size)
			return 1;
		if (i < n && to[i] > at)
			at = to[i];
	}
	return 0;
}

/* A handle the descriptor may name in a call by handle, as the fuzzer
 * chooses it: mostly one it holds, else one to perturb with. */
static uint32_t pick_handle(int f, int k, const char **what)
{
	uint32_t max = 32, h;
	int i, other = cur[0] == f ? cur[1] : cur[0];

	switch (below(12)) {
	case 0:
		*what = "a handle never made";
		return NK_SVC_HANDLE(0x7ff000 + below(0x800), below(max));
	case 1:
		*what = "the handle 0 (none)";
		return 0;
	case 2:
		*what = "an index past the table";
		return NK_SVC_HANDLE(1 + below(8), 32 + below(224));
	case 3:
		*what = "the handle -1";
		return 0xffffffffu;
	case 4:
		for (i = 0; i < 32; i++)
			if (fdm[other].held[k][i] && fdm[f].held[k][i] != fdm[other].held[k][i]) {
				*what = "the other descriptor's handle";
				return fdm[other].held[k][i];
			}
		break;
	default:
		break;
	}
	*what = NULL;
	if (!chance(5)) {	/* mostly a handle of a live object */
		for (i = (int)below(32), h = 0; i < 64; i++) {
			h = fdm[f].held[k][i % 32];
			if (h && ent[k][i % 32].state != NK_SVC_FREE && ent[k][i % 32].h == h)
				return h;
		}
	}
	for (i = (int)below(32), h = 0; !h && i < 64; i++)
		h = fdm[f].held[k][i % 32];
	return h ? h : NK_SVC_HANDLE(1, below(max));
}

/* The result a call by handle gets before it does anything: EBADF for a
 * handle the descriptor does not hold, EIDRM for one whose object is gone. */
static int handle_state(int f, int k, uint32_t h)
{
	unsigned int i = NK_SVC_INDEX(h);

	if (!h || i >= 32 || fdm[f].held[k][i] != h)
		return -EBADF;
	if (ent[k][i].state == NK_SVC_FREE || ent[k][i].h != h)
		return -EIDRM;
	return 0;
}

/* One field of the argument block as the fuzzer perturbs it, for every
 * ioctl alike: the block's place, or the command word.  The error the
 * dispatch gives: EFAULT, or ENOTTY; 0 if not perturbed. */
static int perturb_block(struct call *c, int writes_back)
{
	static const struct {
		enum place place;
		int badcmd, err;
		const char *what;
	} ways[] = {
		{ P_NULL, 0, -EFAULT, "argument NULL" },
		{ P_UNMAPPED, 0, -EFAULT, "argument in an unmapped page" },
		{ P_HALF, 0, -EFAULT, "argument half mapped" },
		{ P_KERNEL, 0, -EFAULT, "argument at a kernel address" },
		{ P_OK, 1, -ENOTTY, "command word of another size" },
		{ P_OK, 2, -ENOTTY, "command word of another direction" },
		{ P_RO, 0, -EFAULT, "argument read-only" },
	};
	unsigned int k;

	if (!chance(6))
		return 0;
	k = below(sizeof(ways) / sizeof(ways[0]));
	if (ways[k].place == P_RO && !writes_back)
		return 0;	/* read only: the call is as valid */
	st.perturbed++;
	c->place = ways[k].place;
	c->badcmd = ways[k].badcmd;
	c->what = ways[k].what;
	return ways[k].err;
}

/* ---- the operations ---- */

static int fd_pick(void)
{
	return cur[below(2)];
}

static struct nk_svc_obj_args *obj_arg(void)
{
	memset(rw, 0, sizeof(struct nk_svc_obj_args));
	return (struct nk_svc_obj_args *)rw;
}

/* A name, or one perturbed: EINVAL. */
static int set_name(struct nk_svc_obj_args *a, int k, int n, struct call *c)
{
	name_of(a->name, k, n);
	if (c->what || !chance(8))
		return 0;
	switch (below(4)) {
	case 0:
		a->name[0] = 'F';
		c->what = "a name with a capital";
		break;
	case 1:
		memset(a->name, 'a', NK_SVC_NAME_LEN);
		c->what = "a name with no room for its NUL";
		break;
	case 2:
		a->name[6] = 'x';
		c->what = "a name with a byte after its NUL";
		break;
	default:
		memset(a->name, 0, NK_SVC_NAME_LEN);
		c->what = "an empty name";
	}
	return -EINVAL;
}

static void push_msg(struct ent *e, uint32_t seq, uint32_t len)
{
	e->q[(e->head + e->count) % QMAX].seq = seq;
	e->q[(e->head + e->count) % QMAX].len = len;
	e->count++;
	st.sent++;
}

static void fill(uint8_t *b, uint32_t seq, uint32_t len)
{
	uint32_t k;

	for (k = 0; k < len; k++)
		b[k] = msgpat_byte(seq, k);
}

static int same(const uint8_t *b, uint32_t seq, uint32_t len)
{
	uint32_t k;

	for (k = 0; k < len; k++)
		if (b[k] != msgpat_byte(seq, k))
			return 0;
	return 1;
}

/* MQ_CREATE, EV_CREATE, SHM_CREATE, and the opens, by name. */
static void op_create(int k, int open_only)
{
	static const int ioc_of[2][K_N] = { { 0, 6, 12, -1 }, { 1, 7, 13, -1 } };
	struct nk_svc_obj_args *a = obj_arg();
	struct call c = { .ioc = ioc_of[open_only][k], .f = fd_pick(), .arg = a,
			  .size = sizeof(*a) };
	int n = (int)below(NAMES), i = by_name(k, n), pre, err = 0, excl = 0;
	uint32_t depth = 1 + below(8), msg_max = 1 + below(300), size = PAGE * (1 + below(3));
	uint32_t mode = below(2), bits = rnd(), pages;

	if (k == K_SHM && i >= 0)
		size = ent[k][i].size;	/* mostly the same shape as what is there */
	if (k == K_MQ && i >= 0 && !chance(6)) {
		depth = ent[k][i].depth;
		msg_max = ent[k][i].msg_max;
	}
	pre = perturb_block(&c, 1);
	err = set_name(a, k, n, &c);
	if (!open_only) {
		excl = chance(4);
		a->flags = excl ? NK_SVCF_EXCL : 0;
		a->arg[0] = k == K_MQ ? depth : k == K_EV ? bits : size;
		a->arg[1] = k == K_MQ ? msg_max : k == K_SHM ? mode : 0;
	}
	if (!c.what && chance(10)) {
		int field = (int)below(k == K_EV ? 2 : 4);

		st.perturbed++;
		switch (field) {
		case 0:
			a->reserved[below(2)] = 1 + below(100);
			c.what = "a reserved word set";
			break;
		case 1:
			a->flags |= 4u << below(29);
			c.what = "an unknown flag";
			break;
		case 2:
			a->arg[0] = k == K_MQ ? (chance(2) ? 0 : NK_MQ_DEPTH_MAX + 1 + below(5)) :
				    (chance(2) ? 0 : size + 1 + below(PAGE - 1));
			c.what = k == K_MQ ? "a depth out of range" : "a size of no whole page";
			break;
		default:
			a->arg[1] = k == K_MQ ? (chance(2) ? 0 : NK_MQ_MSG_MAX + 1) : 2 + below(10);
			c.what = k == K_MQ ? "a msg_max out of range" : "a mode out of range";
		}
		if (open_only && field >= 2)
			c.what = NULL;	/* sizes and modes are not read by an open */
		else
			err = -EINVAL;
	}
	if (pre)
		expect(&c, pre);
	else if (err)
		expect(&c, err);
	else if (open_only)
		expect(&c, i >= 0 ? 0 : -ENOENT);
	else if (i >= 0) {
		int shape = k == K_EV ||
			    (k == K_MQ && ent[k][i].depth == a->arg[0] && ent[k][i].msg_max == a->arg[1]) ||
			    (k == K_SHM && ent[k][i].size == a->arg[0]);
		expect(&c, excl || !shape ? -EEXIST : 0);
	} else {
		/* new: an entry, and heap pages for a queue or a segment */
		list(&before);
		pages = k == K_MQ ? (a->arg[0] * ((4 + a->arg[1] + 3) & ~3u) + PAGE - 1) / PAGE :
			k == K_SHM ? a->arg[0] / PAGE : 0;
		if (first_free(&before, k) < 0 || (pages && !heap_room(&before, pages)))
			expect(&c, -ENOSPC);
		else
			expect(&c, 0);
	}
	if (do_call(&c))
		return;
	/* success: the model takes it in, and checks the outputs */
	i = (int)NK_SVC_INDEX(a->id);
	if (i >= 32) {
		wrong_output(&c, NULL);
		return;
	}
	if (ent[k][i].state == NK_SVC_FREE) {
		struct msg *q = ent[k][i].q;

		if (ent[k][i].h && NK_SVC_GEN(a->id) == NK_SVC_GEN(ent[k][i].h)) {
			wrong_output(&c, "a new object with the handle of a destroyed one");
		}
		memset(&ent[k][i], 0, sizeof(ent[k][i]));
		ent[k][i].q = q;
		ent[k][i].state = NK_SVC_USED;
		ent[k][i].name = n;
		ent[k][i].depth = a->arg[0];
		ent[k][i].msg_max = a->arg[1];
		ent[k][i].bits = a->arg[0];
		ent[k][i].size = a->arg[0];
		ent[k][i].mode = a->arg[1];
		ent[k][i].off = a->out[0];
	} else if (ent[k][i].h != a->id) {
		wrong_output(&c, "an existing object under another handle");
	}
	ent[k][i].h = a->id;
	if (k == K_MQ && (a->out[0] != ent[k][i].depth || a->out[1] != ent[k][i].msg_max)) {
		wrong_output(&c, "a queue's shape, as create or open gives it");
	}
	if (k == K_SHM) {
		ent[k][i].refs++;
		if (a->out[0] != ent[k][i].off || a->out[1] != ent[k][i].size ||
		    (open_only && a->out[2] != ent[k][i].mode)) {
			wrong_output(&c, "a segment's offset, size and mode, as create or open give them");
		}
	}
	hold(c.f, k, a->id);
}

/* MQ_DESTROY, EV_DESTROY, SHM_DESTROY, SHM_CLOSE, MQ_WATCH: by handle. */
static void op_by_id(int k, int what)
{
	static const int ioc_of[3][K_N] = { { 2, 8, 15, -1 }, { -1, -1, 14, -1 }, { 5, -1, -1, -1 } };
	struct nk_svc_obj_args *a = obj_arg();
	struct call c = { .ioc = ioc_of[what][k], .f = fd_pick(), .arg = a, .size = sizeof(*a) };
	int pre = perturb_block(&c, 0), hs, i;
	const char *pw = NULL;
	struct pollfd p;

	a->id = pick_handle(c.f, k, &pw);
	if (!c.what)
		c.what = pw;
	hs = handle_state(c.f, k, a->id);
	i = (int)NK_SVC_INDEX(a->id);
	if (!pre && chance(12)) {
		a->reserved[below(2)] = 1;
		c.what = "a reserved word set";
		pre = -EINVAL;
	}
	if (pre)
		expect(&c, pre);
	else if (hs == -EBADF || what == 2)
		expect(&c, hs == -EBADF ? -EBADF : 0);	/* a watch asks nothing more */
	else if (hs)
		expect(&c, -EIDRM);
	else if (what == 0 && k == K_SHM && ent[k][i].state == NK_SVC_DOOMED)
		expect(&c, -EIDRM);	/* destroyed once already */
	else
		expect(&c, 0);
	if (do_call(&c))
		return;
	if (what == 2) {	/* watched: poll says whether it has a message */
		fdm[c.f].watch = i;
		p.fd = fdm[c.f].fd;
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, 0) < 0)
			die("svcfuzz: poll");
		if (hs ? (p.revents & POLLERR) != 0 :
			 !!(p.revents & POLLIN) == (ent[k][i].count > 0))
			st.poll_ok++;
		else
			st.poll_bad++;
		return;
	}
	if (k == K_SHM && what == 1) {	/* closed: one reference fewer */
		unhold(c.f, k, a->id);
		put_ref(k, (unsigned int)i);
	} else if (k == K_SHM) {	/* destroyed: freed with its last reference */
		ent[k][i].state = NK_SVC_DOOMED;
		ent[k][i].refs++;
		put_ref(k, (unsigned int)i);
	} else {
		if (k == K_MQ) {
			st.dropped += ent[k][i].count;
			ent[k][i].count = 0;
		}
		ent[k][i].state = NK_SVC_FREE;
		unhold(c.f, k, a->id);
	}
}

/* A message's buffer as the fuzzer perturbs it: its place, and the
 * error it gives (0: a good buffer). */
static uint8_t *msg_buf(struct call *c, uint32_t len, int recv, int *err)
{
	*err = 0;
	if (c->what || !chance(6) || !len)	/* len: the bytes that will be copied */
		return buf;
	st.perturbed++;
	*err = -EFAULT;
	switch (below(recv ? 5 : 4)) {
	case 0:
		c->what = "a NULL buffer";
		return NULL;
	case 1:
		c->what = "a buffer in an unmapped page";
		return unmapped;
	case 2:
		c->what = "a buffer half mapped";
		return buf + (BUFPAGES - 1) * PAGE - len / 2;
	case 3:
		c->what = "a buffer at a kernel address";
		return (uint8_t *)0xc0100000ul;
	default:
		c->what = "a read-only buffer";
		return robuf;
	}
}

/* MQ_SEND and MQ_RECV, with what each message is. */
static void op_msg(int recv, int timeout_kind)
{
	struct nk_msg_args *a = (struct nk_msg_args *)rw;
	struct call c = { .ioc = recv ? 4 : 3, .f = fd_pick(), .arg = a, .size = sizeof(*a) };
	int pre, hs, i, berr;
	uint32_t seq = next_seq, len;
	const char *pw = NULL;
	struct ent *e;
	uint8_t *b;

	memset(a, 0, sizeof(*a));
	pre = perturb_block(&c, 1);
	a->id = pick_handle(c.f, K_MQ, &pw);
	if (!c.what)
		c.what = pw;
	hs = handle_state(c.f, K_MQ, a->id);
	i = (int)NK_SVC_INDEX(a->id);
	e = hs ? NULL : &ent[K_MQ][i];
	len = e ? (recv ? e->msg_max : 1 + below(e->msg_max)) : 1 + below(64);
	if (e && recv && e->count && chance(3))
		len = e->q[e->head].len;	/* room for it exactly */
	a->timeout_ms = timeout_kind == 0 ? 0 : timeout_kind == 1 ? 1 + (int)below(3) : -1;
	if (!pre && !c.what && chance(10)) {
		st.perturbed++;
		switch (below(5)) {
		case 0:
			a->reserved[below(3)] = 1;
			c.what = "a reserved word set";
			pre = -EINVAL;
			break;
		case 1:
			len = NK_SVC_DATA_MAX + 1 + below(100);
			c.what = "a length past 64 KB";
			pre = -EINVAL;
			break;
		case 2:
			a->timeout_ms = -2 - (int)below(1000);
			c.what = "a timeout below -1";
			pre = -EINVAL;
			break;
		case 3:
			if (!recv) {
				len = 0;
				c.what = "no bytes to send";
				pre = -EINVAL;
			} else if (e) {
				len = e->count ? e->q[e->head].len - 1 : 0;
				c.what = "room too small";
			}
			break;
		default:
			if (e) {
				len = e->msg_max + 1 + below(16);
				c.what = recv ? "room past msg_max" : "a message past msg_max";
			}
		}
	}
	a->len = len;
	b = msg_buf(&c, recv && e && e->count ? e->q[e->head].len : len, recv, &berr);
	a->buf_ptr = (uintptr_t)b;
	if (!recv && b == buf && len <= NK_SVC_DATA_MAX)
		fill(buf, seq, len);
	if (pre) {
		expect(&c, pre);
		if (pre == -EFAULT && c.place == P_RO && hs == -EBADF)
			expect(&c, -EBADF);	/* the handle is checked before the write-back */
	} else if (hs == -EBADF) {
		expect(&c, -EBADF);
	} else if (berr && (b == (uint8_t *)0xc0100000ul)) {
		expect(&c, -EFAULT);	/* access_ok, before the nanokernel */
	} else if (hs) {
		expect(&c, berr && !recv ? -EFAULT : -EIDRM);
	} else if (!recv) {
		if (berr)
			expect(&c, -EFAULT);
		else if (len > e->msg_max)
			expect(&c, -EMSGSIZE);
		else if (e->count == e->depth)
			expect(&c, a->timeout_ms == 0 ? -EAGAIN : -ETIMEDOUT);
		else
			expect(&c, 0);
	} else {
		if (!e->count)
			expect(&c, a->timeout_ms == 0 ? -EAGAIN : -ETIMEDOUT);
		else if (e->q[e->head].len > len)
			expect(&c, -EMSGSIZE);
		else if (berr)
			expect(&c, -EFAULT);
		else
			expect(&c, 0);
	}
	if (a->timeout_ms == -1 && c.nexp == 1 && (c.exp[0] == -ETIMEDOUT))
		return;		/* it would wait for ever: the signal op does that */
	if (do_call(&c))
		return;
	if (!recv) {
		next_seq++;
		push_msg(e, seq, len);
		if (a->len != len) {
			wrong_output(&c, "the bytes a send reports");
		}
		return;
	}
	if (a->len != e->q[e->head].len || !same(buf, e->q[e->head].seq, a->len))
		st.bad_msgs++;
	e->head = (e->head + 1) % QMAX;
	e->count--;
	st.received++;
}

/* EV_SET, EV_CLEAR, EV_WAIT. */
static void op_event(int which, int timeout_kind)
{
	struct nk_ev_args *a = (struct nk_ev_args *)rw;
	struct call c = { .ioc = 9 + which, .f = fd_pick(), .arg = a, .size = sizeof(*a) };
	int pre, hs, i, sat;
	const char *pw = NULL;
	struct ent *e;
	uint32_t was;

	memset(a, 0, sizeof(*a));
	pre = perturb_block(&c, 1);
	a->id = pick_handle(c.f, K_EV, &pw);
	if (!c.what)
		c.what = pw;
	hs = handle_state(c.f, K_EV, a->id);
	i = (int)NK_SVC_INDEX(a->id);
	e = hs ? NULL : &ent[K_EV][i];
	a->bits = 1u << below(32) | (chance(2) ? rnd() & rnd() : 0);
	if (which == 2) {
		a->mode = below(2);
		a->clear = chance(2) ? a->bits : chance(2) ? rnd() : 0;
		a->timeout_ms = timeout_kind == 0 ? 0 : timeout_kind == 1 ? 1 + (int)below(3) : -1;
	}
	if (!pre && !c.what && chance(10)) {
		st.perturbed++;
		switch (below(which == 2 ? 4 : 2)) {
		case 0:
			a->reserved[below(2)] = 1;
			c.what = "a reserved word set";
			break;
		case 1:
			a->timeout_ms = -2 - (int)below(50);
			c.what = "a timeout below -1";
			break;
		case 2:
			a->mode = 2 + below(100);
			c.what = "a mode past NK_EV_ALL";
			break;
		default:
			a->bits = 0;
			c.what = "no bits to wait for";
		}
		pre = -EINVAL;
	}
	sat = e && (a->mode == NK_EV_ANY ? (e->bits & a->bits) != 0 :
		    (e->bits & a->bits) == a->bits);
	if (pre)
		expect(&c, pre);
	else if (hs == -EBADF)
		expect(&c, -EBADF);
	else if (c.place == P_RO)
		expect(&c, -EFAULT);
	else if (hs)
		expect(&c, -EIDRM);
	else if (which == 2 && !sat)
		expect(&c, a->timeout_ms == 0 ? -EAGAIN : -ETIMEDOUT);
	else
		expect(&c, 0);
	if (pre == -EFAULT && c.place == P_RO && hs == -EBADF)
		expect(&c, -EBADF);
	if (a->timeout_ms == -1 && c.exp[0] == -ETIMEDOUT)
		return;		/* the signal op does that */
	if (do_call(&c))
		return;
	was = e->bits;
	if (which == 0)
		e->bits |= a->bits;
	else if (which == 1)
		e->bits &= ~a->bits;
	else
		e->bits &= ~a->clear;
	if (a->result != (which == 2 ? was : e->bits)) {
		wrong_output(&c, "the bits a set, clear or wait reports");
	}
}

/* PNVM_OPEN, by key. */
static void op_pnvm_open(void)
{
	struct nk_pnvm_args *a = (struct nk_pnvm_args *)rw;
	struct call c = { .ioc = 16, .f = fd_pick(), .arg = a, .size = sizeof(*a) };
	int n = (int)below(NAMES), i = by_name(K_PNVM, n), pre;
	struct ent *e;

	memset(a, 0, sizeof(*a));
	pre = perturb_block(&c, 1);
	a->key = KEY0 + (uint32_t)n;
	a->size = chance(5) ? 0 : PAGE * (1 + below(4)) - below(2) * below(PAGE);
	if (!pre && chance(10)) {
		st.perturbed++;
		switch (below(3)) {
		case 0:
			a->reserved[below(2)] = 1;
			c.what = "a reserved word set";
			break;
		case 1:
			a->key = 0;
			c.what = "the key 0 (none)";
			break;
		default:
			a->size = 0x40000 + 1 + below(PAGE);
			c.what = "a size past 256 KB";
		}
		pre = -EINVAL;
	}
	list(&before);
	if (pre)
		expect(&c, pre);
	else if (i >= 0)
		expect(&c, 0);
	else if (!a->size)
		expect(&c, -ENOENT);
	else if (first_free(&before, K_PNVM) < 0 ||
		 !pnvm_room(&before, (a->size + PAGE - 1) / PAGE * PAGE))
		expect(&c, -ENOSPC);
	else
		expect(&c, 0);
	if (do_call(&c))
		return;
	i = (int)NK_SVC_INDEX(a->id);
	if (i >= 32)
		return;
	e = &ent[K_PNVM][i];
	if (e->state == NK_SVC_FREE) {
		memset(e, 0, sizeof(*e));
		e->state = NK_SVC_USED;
		e->name = n;
		e->size = (a->size + PAGE - 1) / PAGE * PAGE;
		e->gen = 2;	/* torn, cleared and committed by the loader */
		{
			static uint8_t zero[0x40000];

			e->crc = nk_crc32(0, zero, e->size);
			e->crc_real = 1;
		}
		if (a->status != NK_PNVM_NEW) {
			wrong_output(&c, "a new region's status");
		}
	} else if (a->status != (e->gen & 1 ? NK_PNVM_TORN : NK_PNVM_KEPT)) {
		wrong_output(&c, "a kept or torn region's status");
	}
	e->h = a->id;
	e->off = a->offset;
	e->refs++;
	if (a->size != e->size || a->generation != e->gen || a->crc != e->crc) {
		if (++st.pnvm_crc_bad <= SHOW_MAX)
			printf("# call %lu: PNVM_OPEN of key %#x: size %u, generation %u, CRC %#x; "
			       "the model has %u, %u, %#x\n", st.calls, a->key, a->size,
			       a->generation, a->crc, e->size, e->gen, e->crc);
	} else {
		st.pnvm_crc_ok++;
	}
	hold(c.f, K_PNVM, a->id);
}

/* A commit's CRC-32: with a mapping of region i at hand, a word of it
 * changed and the contents' CRC (1); else one drawn at random, as a
 * caller that computes it wrong would (0: the nanokernel never reads the
 * contents, so that is no error). */
static int commit_crc(int i, uint32_t *crc)
{
	int m;

	for (m = 0; m < MAPS; m++)
		if (maps[m].used && maps[m].kind == K_PNVM && maps[m].idx == i) {
			uint32_t word = rnd(), at = below(maps[m].size / 4) * 4;

			memcpy(maps[m].addr + at, &word, 4);
			*crc = nk_crc32(0, maps[m].addr, maps[m].size);
			return 1;
		}
	return 0;
}

/* PNVM_BEGIN, PNVM_COMMIT, PNVM_CLOSE, PNVM_FREE. */
static void op_pnvm(int which)
{
	struct nk_pnvm_args *a = (struct nk_pnvm_args *)rw;
	struct call c = { .ioc = 17 + which, .f = fd_pick(), .arg = a, .size = sizeof(*a) };
	int pre, hs = 0, i, n, real = 0;
	const char *pw = NULL;
	struct ent *e = NULL;

	memset(a, 0, sizeof(*a));
	pre = perturb_block(&c, 1);
	if (which == 3) {	/* free by key; now and then by index */
		n = (int)below(NAMES);
		a->key = KEY0 + (uint32_t)n;
		i = by_name(K_PNVM, n);
		if (chance(8)) {
			a->index = NK_PNVM_MAX + 1 + below(10);
			c.what = c.what ? c.what : "an index past the table";
			if (!pre)
				pre = -EINVAL;
		}
	} else {
		a->id = pick_handle(c.f, K_PNVM, &pw);
		if (!c.what)
			c.what = pw;
		hs = handle_state(c.f, K_PNVM, a->id);
		i = (int)NK_SVC_INDEX(a->id);
		a->crc = rnd();
		if (which == 1 && !hs && i < 32)
			real = commit_crc(i, &a->crc);
	}
	e = i >= 0 && i < 32 ? &ent[K_PNVM][i] : NULL;
	if (!pre && chance(12)) {
		a->reserved[below(2)] = 1;
		c.what = "a reserved word set";
		pre = -EINVAL;
	}
	if (pre)
		expect(&c, pre);
	else if (which == 3)
		expect(&c, i < 0 ? -ENOENT : e->refs ? -EBUSY : 0);
	else
		expect(&c, hs);
	if (do_call(&c)) {
		if (real)
			e->crc_real = 0;	/* written, and not committed */
		return;
	}
	switch (which) {
	case 0:
		e->gen |= 1;
		break;
	case 1:
		e->gen = (e->gen | 1) + 1;
		e->crc = a->crc;
		e->crc_real = real;
		break;
	case 2:
		unhold(c.f, K_PNVM, a->id);
		put_ref(K_PNVM, (unsigned int)i);
		return;
	default:
		e->state = NK_SVC_FREE;
		return;
	}
	if (a->generation != e->gen && ++st.pnvm_crc_bad <= SHOW_MAX)
		printf("# call %lu: PNVM %s: generation %u, the model has %u\n", st.calls,
		       which ? "COMMIT" : "BEGIN", a->generation, e->gen);
}

/* SVC_LIST, STATUS, GET_CONFIG, PING, STATS, OS_LIST, CONSOLE. */
static void op_read(void)
{
	static struct nk_svc_dir dir;
	static struct nk_pnvm_dir pdir;
	static struct nk_irq_counts counts;
	static uint16_t irqs[256];
	static struct nk_os_status os[NK_MAX_PARTITIONS];
	static char con[512];
	struct call c = { .ioc = 21 + (int)below(7), .f = fd_pick(), .arg = rw };
	int pre, bad = chance(8);

	memset(rw, 0, 512);
	switch (c.ioc) {
	case 21: {
		struct nk_svc_list_args *a = (void *)rw;

		c.size = sizeof(*a);
		a->dir_ptr = (uintptr_t)&dir;
		a->pnvm_ptr = (uintptr_t)&pdir;
		a->dir_size = sizeof(dir);
		a->pnvm_size = sizeof(pdir);
		if (bad)
			a->dir_size += 4;
		break;
	}
	case 22:
		c.size = sizeof(struct nk_status_args);
		bad = 0;
		break;
	case 23:
		c.size = sizeof(struct nk_config);
		bad = 0;
		break;
	case 24: {
		struct nk_ping_args *a = (void *)rw;

		c.size = sizeof(*a);
		a->value = rnd();
		a->reserved[0] = (uint32_t)bad;
		break;
	}
	case 25: {
		struct nk_stats_args *a = (void *)rw;

		c.size = sizeof(*a);
		a->counts_ptr = (uintptr_t)&counts;
		a->irqs_ptr = (uintptr_t)irqs;
		a->counts_size = sizeof(counts) - (uint32_t)bad;
		break;
	}
	case 26: {
		struct nk_os_list_args *a = (void *)rw;

		c.size = sizeof(*a);
		a->status_ptr = (uintptr_t)os;
		a->count = NK_MAX_PARTITIONS + (uint32_t)bad;
		break;
	}
	default: {
		struct nk_console_args *a = (void *)rw;

		c.size = sizeof(*a);
		a->buf_ptr = (uintptr_t)con;
		a->len = sizeof(con);
		a->reserved[1] = (uint32_t)bad;
		break;
	}
	}
	pre = perturb_block(&c, c.ioc != 26);
	if (pre)
		expect(&c, pre);
	else
		expect(&c, bad ? -EINVAL : 0);
	if (bad && !pre)
		c.what = "a size, count or reserved word wrong";
	if (do_call(&c) || c.ioc != 24)
		return;
	if (((struct nk_ping_args *)rw)->result !=
	    ((((struct nk_ping_args *)rw)->value ^ 0x5a5a5a5au) & 0x7fffffffu)) {
		wrong_output(&c, "ping's answer");
	}
}

/* mmap a segment or region the descriptor holds (or, perturbed, at an
 * offset it does not hold), and check the contents through it. */
static void op_map(void)
{
	int f = fd_pick(), k = chance(2) ? K_SHM : K_PNVM, i, m, bad = 0;
	uint32_t len, off;
	uint8_t *p;

	for (m = 0; m < MAPS && maps[m].used; m++)
		;
	if (m == MAPS)
		return;
	for (i = (int)below(32); i < 64 && !fdm[f].held[k][i % 32]; i++)
		;
	i %= 32;
	if (!fdm[f].held[k][i] || ent[k][i].state == NK_SVC_FREE)
		return;
	len = ent[k][i].size;
	off = ent[k][i].off;
	if (chance(8)) {
		bad = 1;
		if (chance(2))
			len += PAGE;
		else
			off += PAGE;
	}
	st.calls++;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fdm[f].fd, off);
	if (bad) {
		/* a wrong offset may name another segment of ours: only EINVAL
		 * or a mapping of that one would do; refuse to guess */
		if (p != MAP_FAILED) {
			int j, hit = 0;

			for (j = 0; j < 32; j++)
				if ((fdm[f].held[K_SHM][j] && ent[K_SHM][j].off == off &&
				     len <= ent[K_SHM][j].size && ent[K_SHM][j].state != NK_SVC_FREE) ||
				    (fdm[f].held[K_PNVM][j] && ent[K_PNVM][j].off == off &&
				     len <= ent[K_PNVM][j].size && ent[K_PNVM][j].state != NK_SVC_FREE))
					hit = 1;
			if (!hit)
				st.wrong++;
			munmap(p, len);
		} else if (errno != EINVAL) {
			st.wrong++;
		}
		return;
	}
	if (p == MAP_FAILED) {
		st.wrong++;
		if (st.wrong <= SHOW_MAX)
			printf("# call %lu: mmap of %s %d: %s\n", st.calls, kind_name[k], i,
			       strerror(errno));
		return;
	}
	maps[m] = (struct map){ .used = 1, .f = f, .kind = k, .idx = i, .addr = p, .size = len };
	fdm[f].maps++;
	ent[k][i].refs++;
	if (k == K_PNVM) {	/* what was committed is there, if it was the contents' */
		if (!(ent[k][i].gen & 1) && ent[k][i].crc_real) {
			if (ent[k][i].crc == nk_crc32(0, p, len))
				st.pnvm_crc_ok++;
			else if (++st.pnvm_crc_bad <= SHOW_MAX)
				printf("# call %lu: a mapping of PNVM region %d: its CRC is not the "
				       "one committed\n", st.calls, i);
		}
		return;
	}
	/* a segment: what one mapping writes, another of it reads */
	for (m = 0; m < MAPS; m++)
		if (maps[m].used && maps[m].kind == K_SHM && maps[m].idx == i && maps[m].addr != p) {
			uint32_t word = rnd(), at = below(len / 4) * 4;

			memcpy(p + at, &word, 4);
			if (!memcmp(maps[m].addr + at, &word, 4))
				st.shm_ok++;
			else
				st.shm_bad++;
			break;
		}
}

static void unmap(int m)
{
	int f = maps[m].f;

	if (munmap(maps[m].addr, maps[m].size))
		die("svcfuzz: munmap");
	maps[m].used = 0;
	put_ref(maps[m].kind, (unsigned int)maps[m].idx);
	if (!--fdm[f].maps && fdm[f].closing)
		release(f);
}

static void op_unmap(void)
{
	int m = (int)below(MAPS);

	if (maps[m].used)
		unmap(m);
}

/* Close one of the two descriptors and open another in its place. */
static void op_reopen(void)
{
	int w = (int)below(2), f = cur[w];

	if (close(fdm[f].fd))
		die("svcfuzz: close");
	if (fdm[f].maps)
		fdm[f].closing = 1;	/* its mappings keep it open */
	else
		release(f);
	cur[w] = new_fd();
}

/* ---- waits that a signal, a thread or a kill ends ---- */

static void on_alarm(int sig)
{
	(void)sig;
}

/* A fault of the fuzzer's own: say where, and die of it. */
static const char *op_name = "setting up";

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	char b[160];
	int n = snprintf(b, sizeof(b), "svcfuzz: signal %d at %p in %s, call %lu\n", sig,
			 si->si_addr, op_name, st.calls);

	(void)uc;
	if (write(2, b, (size_t)n) < 0)
		_exit(5);
	_exit(6);
}

/* A wait for ever, on an empty queue or on bits not set, that a
 * repeating timer's signal ends: EINTR, nothing taken. */
static void op_signal(void)
{
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, off = { { 0, 0 }, { 0, 0 } };
	int f = fd_pick(), i, k = chance(2) ? K_MQ : K_EV;
	struct call c = { .f = f, .arg = rw, .what = "a signal in the middle of the wait" };
	struct ent *e;

	for (i = (int)below(32); i < 64; i++)
		if (!handle_state(f, k, fdm[f].held[k][i % 32]))
			break;
	if (i == 64)
		return;
	e = &ent[k][i % 32];
	memset(rw, 0, 64);
	if (k == K_MQ) {
		struct nk_msg_args *a = (void *)rw;

		if (e->count)
			return;
		c.ioc = 4;
		c.size = sizeof(*a);
		a->id = e->h;
		a->len = e->msg_max;
		a->buf_ptr = (uintptr_t)buf;
		a->timeout_ms = -1;
	} else {
		struct nk_ev_args *a = (void *)rw;

		if (e->bits == 0xffffffffu)
			return;
		c.ioc = 11;
		c.size = sizeof(*a);
		a->id = e->h;
		a->bits = ~e->bits;
		a->mode = NK_EV_ALL;
		a->clear = 0xffffffffu;
		a->timeout_ms = -1;
	}
	expect(&c, -EINTR);
	if (setitimer(ITIMER_REAL, &it, NULL))
		die("svcfuzz: setitimer");
	i = do_call(&c);
	setitimer(ITIMER_REAL, &off, NULL);
	if (i == -EINTR)
		st.intr++;
	else
		st.intr_bad++;
}

struct waker {
	int fd, k;
	uint32_t h, seq, len, bits;
	int ret;
};

static void *wake(void *arg)
{
	struct waker *w = arg;
	struct timespec t = { 0, 3000000 };
	static uint8_t b[512];

	nanosleep(&t, NULL);
	if (w->k == K_MQ) {
		struct nk_msg_args a = { .id = w->h, .len = w->len, .buf_ptr = (uintptr_t)b };

		fill(b, w->seq, w->len);
		w->ret = ioctl(w->fd, NK_IOC_MQ_SEND, &a) < 0 ? -errno : 0;
	} else {
		struct nk_ev_args a = { .id = w->h, .bits = w->bits };

		w->ret = ioctl(w->fd, NK_IOC_EV_SET, &a) < 0 ? -errno : 0;
	}
	return NULL;
}

/* A wait for ever that a thread ends from the other descriptor: the
 * message it sends, or the bits it sets. */
static void op_wake(void)
{
	int f = cur[0], g = cur[1], i, k = chance(2) ? K_MQ : K_EV;
	struct call c = { .f = f, .arg = rw, .what = "woken by the other descriptor" };
	struct waker w = { .fd = fdm[g].fd, .k = k };
	struct ent *e;
	pthread_t t;
	uint32_t was;

	if (chance(2)) {
		f = cur[1];
		g = cur[0];
		w.fd = fdm[g].fd;
	}
	for (i = 0; i < 32; i++)
		if (!handle_state(f, k, fdm[f].held[k][i]) && !handle_state(g, k, fdm[g].held[k][i]))
			break;
	if (i == 32)
		return;
	e = &ent[k][i];
	w.h = e->h;
	memset(rw, 0, 64);
	if (k == K_MQ) {
		struct nk_msg_args *a = (void *)rw;

		if (e->count || e->depth == 0)
			return;
		w.seq = next_seq++;
		w.len = 1 + below(e->msg_max < 512 ? e->msg_max : 512);
		c.ioc = 4;
		c.size = sizeof(*a);
		a->id = e->h;
		a->len = e->msg_max;
		a->buf_ptr = (uintptr_t)buf;
		a->timeout_ms = -1;
	} else {
		struct nk_ev_args *a = (void *)rw;

		w.bits = 1u << below(32);
		if (e->bits & w.bits)
			return;
		c.ioc = 11;
		c.size = sizeof(*a);
		a->id = e->h;
		a->bits = w.bits;
		a->mode = NK_EV_ANY;
		a->clear = w.bits;
		a->timeout_ms = -1;
	}
	expect(&c, 0);
	if (pthread_create(&t, NULL, wake, &w))
		die("svcfuzz: pthread_create");
	i = do_call(&c);
	pthread_join(t, NULL);
	if (w.ret) {
		st.woken_bad++;
		return;
	}
	if (k == K_MQ) {
		st.sent++;
		if (!i && ((struct nk_msg_args *)rw)->len == w.len && same(buf, w.seq, w.len)) {
			st.received++;
			st.woken++;
		} else {
			st.woken_bad++;
			push_msg(e, w.seq, w.len);	/* where it must still be */
			st.sent--;
		}
		return;
	}
	was = e->bits | w.bits;
	e->bits = was & ~w.bits;
	if (!i && ((struct nk_ev_args *)rw)->result == was)
		st.woken++;
	else
		st.woken_bad++;
}

/* A child with a descriptor of its own opens a queue or a segment, maps
 * what it can and waits for ever; killed, it leaves nothing behind. */
static void op_kill(void)
{
	struct snap s;
	struct nk_svc_list_args was;
	int i, n, q = -1, tries;
	pid_t child;

	for (i = 0; i < 32; i++)
		if (ent[K_MQ][i].state == NK_SVC_USED && !ent[K_MQ][i].count)
			q = i;
	if (q < 0)
		return;
	if (list(&s))
		die("svcfuzz: SVC_LIST");
	was = s.a;
	n = s.a.mq_sleepers[q];
	fflush(stdout);
	child = fork();
	if (child < 0)
		die("svcfuzz: fork");
	if (!child) {
		int fd = open(NK_DEVICE_PATH, O_RDWR), j;
		struct nk_svc_obj_args o = { 0 };
		struct nk_msg_args m = { 0 };
		static uint8_t b[NK_SVC_DATA_MAX];

		for (j = 0; j < 32; j++)
			if (ent[K_SHM][j].state == NK_SVC_USED) {
				name_of(o.name, K_SHM, ent[K_SHM][j].name);
				if (!ioctl(fd, NK_IOC_SHM_OPEN, &o))
					mmap(NULL, o.out[1], PROT_READ, MAP_SHARED, fd, o.out[0]);
				break;
			}
		memset(&o, 0, sizeof(o));
		name_of(o.name, K_MQ, ent[K_MQ][q].name);
		if (ioctl(fd, NK_IOC_MQ_OPEN, &o))
			_exit(3);
		m.id = o.id;
		m.len = sizeof(b);
		m.buf_ptr = (uintptr_t)b;
		m.timeout_ms = -1;
		ioctl(fd, NK_IOC_MQ_RECV, &m);
		_exit(4);	/* never: the queue stays empty */
	}
	for (tries = 0; tries < 5000; tries++) {	/* until it sleeps */
		struct timespec t = { 0, 1000000 };

		if (list(&s))
			die("svcfuzz: SVC_LIST");
		if (s.a.mq_sleepers[q] > n)
			break;
		nanosleep(&t, NULL);
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	if (list(&s))
		die("svcfuzz: SVC_LIST");
	if (tries < 5000 && s.a.mq_sleepers[q] == n && s.a.files == was.files &&
	    s.a.handles == was.handles && s.a.refs == was.refs && s.a.maps == was.maps &&
	    s.a.allocs == was.allocs)
		st.killed++;
	else
		st.killed_bad++;
}

/* ---- the model against the tables ---- */

static int agree(void)
{
	struct snap s;
	unsigned int k, i, f, handles = 0, refs = 0, files = 1, nmaps = 0;

	if (list(&s))
		die("svcfuzz: SVC_LIST");
	for (f = 0; f < FDS; f++) {
		if (fdm[f].fd < 0)
			continue;
		files++;
		for (k = 0; k < K_N; k++)
			for (i = 0; i < 32; i++) {
				handles += fdm[f].held[k][i] != 0;
				refs += fdm[f].frefs[k][i];
			}
	}
	for (i = 0; i < MAPS; i++)
		nmaps += maps[i].used;
	if (s.a.files != files || s.a.handles != handles ||
	    s.a.refs != refs || s.a.maps != nmaps)
		return 0;
	for (i = 0; i < 32; i++) {
		const struct ent *q = &ent[K_MQ][i], *e = &ent[K_EV][i], *m = &ent[K_SHM][i],
				 *p = &ent[K_PNVM][i];

		if (q->h && (s.dir.mq[i].state != (uint32_t)q->state ||
			     (q->state && (s.dir.mq[i].gen != NK_SVC_GEN(q->h) ||
					   s.dir.mq[i].count != q->count ||
					   s.dir.mq[i].depth != q->depth))))
			return 0;
		if (e->h && (s.dir.ev[i].state != (uint32_t)e->state ||
			     (e->state && (s.dir.ev[i].gen != NK_SVC_GEN(e->h) ||
					   s.dir.ev[i].bits != e->bits))))
			return 0;
		if (m->h && (s.dir.shm[i].state != (uint32_t)m->state ||
			     (m->state && (s.dir.shm[i].gen != NK_SVC_GEN(m->h) ||
					   s.dir.shm[i].refs != m->refs ||
					   s.dir.shm[i].size != m->size))))
			return 0;
		if (p->h && (!!s.pnvm.e[i].key != !!p->state ||
			     (p->state && (s.pnvm.e[i].key != KEY0 + (uint32_t)p->name ||
					   s.pnvm.e[i].generation != p->gen ||
					   s.dir.pnvm_refs[i] != p->refs))))
			return 0;
	}
	return 1;
}

/* ---- the run ---- */

static void step(void)
{
	uint32_t r = below(100);
	int k = (int)below(3);

	if (r < 14)
		(op_name = "create"), op_create(k, 0);
	else if (r < 20)
		(op_name = "create"), op_create(k, 1);
	else if (r < 26)
		(op_name = "by_id"), op_by_id(k, 0);	/* destroy */
	else if (r < 30)
		(op_name = "by_id"), op_by_id(K_SHM, 1);	/* close */
	else if (r < 32)
		(op_name = "by_id"), op_by_id(K_MQ, 2);	/* watch */
	else if (r < 44)
		(op_name = "msg"), op_msg(0, (int)below(2));
	else if (r < 56)
		(op_name = "msg"), op_msg(1, (int)below(2));
	else if (r < 66)
		(op_name = "event"), op_event((int)below(3), (int)below(2));
	else if (r < 70)
		(op_name = "pnvm_open"), op_pnvm_open();
	else if (r < 76)
		(op_name = "pnvm"), op_pnvm((int)below(4));
	else if (r < 82)
		(op_name = "read"), op_read();
	else if (r < 86)
		(op_name = "map"), op_map();
	else if (r < 89)
		(op_name = "unmap"), op_unmap();
	else if (r < 91)
		(op_name = "reopen"), op_reopen();
	else if (r < 94)
		(op_name = "signal"), op_signal();
	else if (r < 97)
		(op_name = "wake"), op_wake();
	else if (r < 98)
		(op_name = "kill"), op_kill();
	else
		(op_name = "by_id"), op_by_id(K_MQ, 0);
}

/* Drain every queue through a descriptor that holds it, check each
 * message; then destroy, close and unmap everything. */
static void drain_and_clean(void)
{
	struct nk_msg_args a;
	struct nk_svc_obj_args o;
	struct nk_pnvm_args p;
	unsigned int i, f;
	int fd;

	fd = open(NK_DEVICE_PATH, O_RDWR);
	if (fd < 0)
		die("svcfuzz: " NK_DEVICE_PATH);
	for (i = 0; i < 32; i++) {
		struct ent *e = &ent[K_MQ][i];

		if (e->state != NK_SVC_USED)
			continue;
		memset(&o, 0, sizeof(o));
		name_of(o.name, K_MQ, e->name);
		if (ioctl(fd, NK_IOC_MQ_OPEN, &o) || o.id != e->h) {
			st.bad_msgs += e->count;
			continue;
		}
		while (e->count) {
			memset(&a, 0, sizeof(a));
			a.id = e->h;
			a.len = NK_SVC_DATA_MAX;
			a.buf_ptr = (uintptr_t)buf;
			if (ioctl(fd, NK_IOC_MQ_RECV, &a) || a.len != e->q[e->head].len ||
			    !same(buf, e->q[e->head].seq, a.len))
				st.bad_msgs++;
			else
				st.received++;
			e->head = (e->head + 1) % QMAX;
			e->count--;
		}
		memset(&a, 0, sizeof(a));
		a.id = e->h;
		a.len = NK_SVC_DATA_MAX;
		a.buf_ptr = (uintptr_t)buf;
		if (ioctl(fd, NK_IOC_MQ_RECV, &a) != -1 || errno != EAGAIN)
			st.bad_msgs++;	/* one more than was sent */
		memset(&o, 0, sizeof(o));
		o.id = e->h;
		ioctl(fd, NK_IOC_MQ_DESTROY, &o);
		e->state = NK_SVC_FREE;
	}
	for (i = 0; i < 32; i++) {
		struct ent *e = &ent[K_EV][i];

		if (e->state != NK_SVC_USED)
			continue;
		memset(&o, 0, sizeof(o));
		name_of(o.name, K_EV, e->name);
		ioctl(fd, NK_IOC_EV_OPEN, &o);
		memset(&o, 0, sizeof(o));
		o.id = e->h;
		ioctl(fd, NK_IOC_EV_DESTROY, &o);
		e->state = NK_SVC_FREE;
	}
	for (i = 0; i < 32; i++) {
		if (ent[K_SHM][i].state != NK_SVC_USED)
			continue;
		memset(&o, 0, sizeof(o));
		name_of(o.name, K_SHM, ent[K_SHM][i].name);
		if (!ioctl(fd, NK_IOC_SHM_OPEN, &o))
			ioctl(fd, NK_IOC_SHM_DESTROY, &o);
	}
	for (i = 0; i < MAPS; i++)
		if (maps[i].used)
			unmap((int)i);
	for (f = 0; f < FDS; f++)
		if (fdm[f].fd >= 0 && !fdm[f].closing) {
			close(fdm[f].fd);
			release((int)f);
		}
	close(fd);
	for (i = 0; i < 32; i++) {	/* the regions go, now that no one holds them */
		if (ent[K_PNVM][i].state != NK_SVC_USED)
			continue;
		memset(&p, 0, sizeof(p));
		p.key = KEY0 + (uint32_t)ent[K_PNVM][i].name;
		ioctl(listfd, NK_IOC_PNVM_FREE, &p);
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct snap s0, s;
	unsigned long n, i, disagreed = 0, reached_all = 1, ok_all = 1;
	unsigned int k, j, left = 0, pleft = 0, sleepers = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: svcfuzz N SEED\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 0);
	rs = strtoull(argv[2], NULL, 0) * 0x9e3779b97f4a7c15ull + 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: the wait ends with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = NULL;
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	memory();
	for (k = 0; k < K_N; k++)
		for (j = 0; j < 32; j++)
			if (!(ent[k][j].q = k == K_MQ ? calloc(QMAX, sizeof(struct msg)) : NULL) &&
			    k == K_MQ)
				die("svcfuzz: calloc");
	for (j = 0; j < FDS; j++)
		fdm[j].fd = -1;
	listfd = open(NK_DEVICE_PATH, O_RDWR);
	if (listfd < 0)
		die("svcfuzz: " NK_DEVICE_PATH);
	if (list(&s0))
		die("svcfuzz: SVC_LIST");
	for (j = 0; j < 32; j++)
		if (!memcmp(s0.dir.mq[j].name, "fz", 2) || !memcmp(s0.dir.ev[j].name, "fz", 2) ||
		    !memcmp(s0.dir.shm[j].name, "fz", 2) ||
		    (s0.pnvm.e[j].key >= KEY0 && s0.pnvm.e[j].key < KEY0 + NAMES)) {
			fprintf(stderr, "svcfuzz: objects of an earlier run are left (entry %u)\n", j);
			return 2;
		}
	cur[0] = new_fd();
	cur[1] = new_fd();
	for (i = 0; i < n; i++) {
		step();
		if (!agree() && ++disagreed <= SHOW_MAX)
			printf("# after call %lu the tables and the model disagree\n", st.calls);
	}
	printf("# %lu operations, %lu ioctls, %lu with one field perturbed, %lu ENOTTY\n", n,
	       st.calls, st.perturbed, st.enotty);
	for (j = 0; j < NIOC; j++) {
		printf("# %-12s %6lu calls, %6lu reached its handler, %6lu succeeded\n",
		       iocs[j].name, iocs[j].calls, iocs[j].reached, iocs[j].ok);
		if (!iocs[j].reached)
			reached_all = 0;
		if (!iocs[j].ok)
			ok_all = 0;
	}
	check(reached_all, "each of the %u ioctls reached its handler", (unsigned int)NIOC);
	check(ok_all, "and each succeeded at least once");
	check(st.wrong == 0, "every result as the model predicted, exact errno and outputs "
	      "(%lu calls, %lu not)", st.calls, st.wrong);
	check(st.changed == 0, "every error left the tables and the loader's counts as they "
	      "were (%lu did not)", st.changed);
	check(!disagreed, "the tables agreed with the model after every operation "
	      "(%lu times not)", disagreed);
	check(st.intr > 0 && !st.intr_bad, "a signal ended %lu waits with EINTR, nothing taken "
	      "(%lu otherwise)", st.intr, st.intr_bad);
	check(st.woken > 0 && !st.woken_bad, "the other descriptor ended %lu waits with what "
	      "it sent or set (%lu otherwise)", st.woken, st.woken_bad);
	check(st.killed > 0 && !st.killed_bad, "%lu children killed in a wait, with a "
	      "segment mapped: nothing of theirs left (%lu otherwise)", st.killed,
	      st.killed_bad);
	check(st.poll_ok > 0 && !st.poll_bad, "poll on a watched queue: %lu right, %lu wrong",
	      st.poll_ok, st.poll_bad);
	check(!st.shm_bad, "what one mapping of a segment wrote, another read (%lu times, "
	      "%lu not)", st.shm_ok, st.shm_bad);
	check(st.pnvm_crc_ok > 0 && !st.pnvm_crc_bad, "PNVM regions opened and committed: "
	      "size, generation and CRC-32 as committed (%lu, %lu not)", st.pnvm_crc_ok,
	      st.pnvm_crc_bad);
	op_name = "the drain";
	drain_and_clean();
	check(!st.bad_msgs && st.sent == st.received + st.dropped,
	      "every message sent was received once, in order and whole, or went with its "
	      "queue's destroy: %lu sent, %lu received, %lu destroyed, %lu wrong", st.sent,
	      st.received, st.dropped, st.bad_msgs);
	if (list(&s))
		die("svcfuzz: SVC_LIST");
	for (j = 0; j < 32; j++) {
		left += s.dir.mq[j].state != s0.dir.mq[j].state ||
			s.dir.ev[j].state != s0.dir.ev[j].state ||
			s.dir.shm[j].state != s0.dir.shm[j].state;
		pleft += s.pnvm.e[j].key != s0.pnvm.e[j].key || s.dir.pnvm_refs[j] != s0.dir.pnvm_refs[j];
		sleepers += s.a.mq_sleepers[j] + s.a.ev_sleepers[j];
	}
	check(s.a.files == 1 && s.a.handles == 0 && s.a.refs == 0 && s.a.maps == 0 &&
	      s.a.allocs == s0.a.allocs,
	      "the leak check: the loader holds %u descriptors (1), %u allocations (%u), "
	      "%u handles, %u references, %u mappings", s.a.files, s.a.allocs, s0.a.allocs,
	      s.a.handles, s.a.refs, s.a.maps);
	check(!left && !pleft && !sleepers && s.dir.heap_used == s0.dir.heap_used,
	      "and the tables are as before: %u entries, %u PNVM entries changed, %u "
	      "sleepers, heap %u pages used (%u before)", left, pleft, sleepers,
	      s.dir.heap_used, s0.dir.heap_used);
	printf("svcfuzz: %d passed, %d failed\n", passes, fails);
	return fails != 0;
}
