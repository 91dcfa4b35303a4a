// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/unit/test_svc.c - the portable services (ipc/, shmem/) over a
 * buffer standing in for the shared region: queues, events, segments,
 * pseudo-nonvolatile memory, scribbled tables, and two threads standing
 * in for the two OSes, with doorbells, passing 20 000 messages.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <nk/crc32.h>
#include "svc_impl.h"

#define SHARED_SIZE	(4u << 20)
#define HOST		0
#define RTOS		1

static uint8_t *shared;
static struct { unsigned int os, kind, id; } rung[64];
static unsigned int nrung;

static void ring(void *cookie, unsigned int os, unsigned int kind, unsigned int id)
{
	(void)cookie;
	if (nrung < 64) {
		rung[nrung].os = os;
		rung[nrung].kind = kind;
		rung[nrung].id = id;
	}
	nrung++;
}

static struct nk_svc_env env = { .shared_size = SHARED_SIZE, .ring = ring };

static int setup(void **state)
{
	(void)state;
	shared = calloc(1, SHARED_SIZE);
	env.shared = shared;
	nk_svc_reset(&env);
	nk_svc_pnvm_attach(&env);
	nrung = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(shared);
	return 0;
}

/* One call with a fresh request. */
static int call(unsigned int os, uint32_t op, uint32_t id, const char *name,
		uint32_t len, uint32_t a0, uint32_t a1, uint32_t flags, void *data,
		struct nk_svc_req *out)
{
	struct nk_svc_req r;
	int ret;

	memset(&r, 0, sizeof(r));
	r.op = op;
	r.id = id;
	r.len = len;
	r.arg[0] = a0;
	r.arg[1] = a1;
	r.flags = flags;
	r.waiter = 100 + os;
	if (name)
		strncpy(r.name, name, NK_SVC_NAME_LEN);
	ret = nk_svc_call(&env, os, &r, data);
	if (out)
		*out = r;
	return ret;
}

#define H(gen, index)	((int)NK_SVC_HANDLE(gen, index))

static int mq_create(unsigned int os, const char *name, uint32_t depth, uint32_t max)
{
	return call(os, NK_SVC_MQ_CREATE, 0, name, 0, depth, max, 0, NULL, NULL);
}

static int send(unsigned int os, int q, const char *msg, uint32_t flags)
{
	return call(os, NK_SVC_MQ_SEND, (uint32_t)q, NULL, (uint32_t)strlen(msg), 0, 0,
		    flags, (void *)msg, NULL);
}

static int recv(unsigned int os, int q, char *buf, uint32_t room, uint32_t flags)
{
	return call(os, NK_SVC_MQ_RECV, (uint32_t)q, NULL, room, 0, 0, flags, buf, NULL);
}

static void test_mq_fifo(void **state)
{
	char buf[64];
	int q;

	(void)state;
	q = mq_create(HOST, "cmd", 3, 16);
	assert_int_equal(q, H(1, 0));
	assert_int_equal(call(RTOS, NK_SVC_MQ_OPEN, 0, "cmd", 0, 0, 0, 0, NULL, NULL), q);
	assert_int_equal(send(HOST, q, "one", 0), 3);
	assert_int_equal(send(HOST, q, "two", 0), 3);
	assert_int_equal(send(HOST, q, "three", 0), 5);
	assert_int_equal(send(HOST, q, "four", 0), -NK_EAGAIN);	/* full */
	assert_int_equal(send(HOST, q, "seventeen bytes!!", 0), -NK_EMSGSIZE);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(recv(RTOS, q, buf, 2, 0), -NK_EMSGSIZE);	/* stays */
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "one", 3);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), 3);
	assert_memory_equal(buf, "two", 3);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), 5);
	assert_memory_equal(buf, "three", 5);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), -NK_EAGAIN);
	assert_int_equal(nrung, 0);	/* nobody waited */
}

static void test_mq_waiters(void **state)
{
	char buf[16];
	int q;

	(void)state;
	q = mq_create(HOST, "w", 1, 8);
	/* An empty queue: the RTOS waits; the host's send rings it. */
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), NK_SVCF_WAIT), -NK_EAGAIN);
	assert_int_equal(send(HOST, q, "x", 0), 1);
	assert_int_equal(nrung, 1);
	assert_int_equal(rung[0].os, RTOS);
	assert_int_equal(rung[0].kind, NK_DOORBELL_MQ);
	assert_int_equal(rung[0].id, NK_SVC_INDEX((uint32_t)q));
	/* Full: the host waits to send; the RTOS's receive rings it. */
	assert_int_equal(send(HOST, q, "y", NK_SVCF_WAIT), -NK_EAGAIN);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), 1);
	assert_int_equal(nrung, 2);
	assert_int_equal(rung[1].os, HOST);
	/* Rung once: the record is gone until the next wait. */
	assert_int_equal(send(HOST, q, "z", 0), 1);
	assert_int_equal(nrung, 2);
	/* Destroy rings every waiter, then the queue is gone. */
	assert_int_equal(send(RTOS, q, "q", NK_SVCF_WAIT), -NK_EAGAIN);
	assert_int_equal(call(HOST, NK_SVC_MQ_DESTROY, (uint32_t)q, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	assert_int_equal(nrung, 3);
	assert_int_equal(send(HOST, q, "z", 0), -NK_EIDRM);	/* gone */
}

static void test_mq_create_rules(void **state)
{
	struct nk_svc_req r;

	(void)state;
	assert_int_equal(mq_create(HOST, "Bad", 2, 8), -NK_EINVAL);
	assert_int_equal(mq_create(HOST, "", 2, 8), -NK_EINVAL);
	assert_int_equal(mq_create(HOST, "sixteen-chars-xx", 2, 8), -NK_EINVAL);
	assert_int_equal(mq_create(HOST, "a", 0, 8), -NK_EINVAL);
	assert_int_equal(mq_create(HOST, "a", NK_MQ_DEPTH_MAX + 1, 8), -NK_EINVAL);
	assert_int_equal(mq_create(HOST, "a", 2, NK_MQ_MSG_MAX + 1), -NK_EINVAL);
	assert_int_equal(mq_create(HOST, "a", 2, 8), H(1, 0));
	assert_int_equal(mq_create(HOST, "a", 2, 8), H(1, 0));	/* the same: opened */
	assert_int_equal(mq_create(HOST, "a", 3, 8), -NK_EEXIST);
	assert_int_equal(call(HOST, NK_SVC_MQ_CREATE, 0, "a", 0, 2, 8, NK_SVCF_EXCL,
			      NULL, NULL), -NK_EEXIST);
	assert_int_equal(call(HOST, NK_SVC_MQ_OPEN, 0, "none", 0, 0, 0, 0, NULL, NULL),
			 -NK_ENOENT);
	/* Reserved field and unknown flags and operations. */
	memset(&r, 0, sizeof(r));
	r.op = NK_SVC_MQ_OPEN;
	strcpy(r.name, "a");
	r.reserved = 1;
	assert_int_equal(nk_svc_call(&env, HOST, &r, NULL), -NK_EINVAL);
	r.reserved = 0;
	r.flags = 0x80;
	assert_int_equal(nk_svc_call(&env, HOST, &r, NULL), -NK_EINVAL);
	r.flags = 0;
	r.op = 999;
	assert_int_equal(nk_svc_call(&env, HOST, &r, NULL), -NK_ENOSYS);
	/* 32 queues, then no room; 4 KB messages. */
	for (int i = 1; i < NK_MQ_MAX; i++) {
		char name[8];

		snprintf(name, sizeof(name), "q%d", i);
		assert_int_equal(mq_create(HOST, name, 4, 4096), H(1, i));
	}
	assert_int_equal(mq_create(HOST, "more", 4, 4096), -NK_ENOSPC);
}

static void test_mq_scribbled(void **state)
{
	struct nk_svc_dir *dir = (struct nk_svc_dir *)(shared + NK_SVC_DIR_OFF);
	char buf[16];
	int a = mq_create(HOST, "a", 4, 8), b = mq_create(HOST, "b", 4, 8);

	(void)state;
	assert_int_equal(send(HOST, a, "hello", 0), 5);
	assert_int_equal(call(HOST, NK_SVC_TEST_CORRUPT, NK_SVC_INDEX((uint32_t)a), NULL, 0,
			      1, 0, 0, NULL, NULL), 0);
	assert_int_equal(recv(RTOS, a, buf, sizeof(buf), 0), -NK_EIO);
	assert_int_equal(send(RTOS, a, "x", 0), -NK_EIO);
	assert_true(dir->corrupt >= 2);
	/* The other queue is not affected. */
	assert_int_equal(send(HOST, b, "fine", 0), 4);
	assert_int_equal(recv(RTOS, b, buf, sizeof(buf), 0), 4);
	/* A length scribbled inside the ring is never copied out. */
	assert_int_equal(send(HOST, b, "abc", 0), 3);
	*(uint32_t *)(shared + dir->mq[NK_SVC_INDEX((uint32_t)b)].off +
		      dir->mq[NK_SVC_INDEX((uint32_t)b)].head * (4 + 8)) = 100000;
	assert_int_equal(recv(RTOS, b, buf, sizeof(buf), 0), -NK_EIO);
	/* A scribbled header stops everything, and says so. */
	dir->magic = 0;
	assert_int_equal(send(HOST, b, "x", 0), -NK_EIO);
	/* Destroying the broken queue frees its entry. */
	dir->magic = NK_SVC_MAGIC;
	assert_int_equal(call(HOST, NK_SVC_MQ_DESTROY, (uint32_t)a, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	/* The same entry again, under a new handle: the old one is dead. */
	assert_int_equal(mq_create(HOST, "a", 4, 8), H(2, NK_SVC_INDEX((uint32_t)a)));
	assert_int_equal(send(HOST, a, "x", 0), -NK_EIDRM);
}

static void test_events(void **state)
{
	struct nk_svc_req r;
	int e;

	(void)state;
	e = call(HOST, NK_SVC_EV_CREATE, 0, "ev", 0, 0x1, 0, 0, NULL, NULL);
	assert_int_equal(e, H(1, 0));
	assert_int_equal(call(RTOS, NK_SVC_EV_OPEN, 0, "ev", 0, 0, 0, 0, NULL, NULL), e);
	/* any: satisfied by 0x1 */
	assert_int_equal(call(RTOS, NK_SVC_EV_WAIT, (uint32_t)e, NULL, 0, 0x3,
			      NK_EV_ANY, 0, NULL, &r), 0);
	assert_int_equal(r.out[0], 0x1);
	/* all: not yet; the RTOS waits */
	assert_int_equal(call(RTOS, NK_SVC_EV_WAIT, (uint32_t)e, NULL, 0, 0x3,
			      NK_EV_ALL, NK_SVCF_WAIT, NULL, NULL), -NK_EAGAIN);
	assert_int_equal(call(HOST, NK_SVC_EV_SET, (uint32_t)e, NULL, 0, 0x2, 0, 0,
			      NULL, &r), 0);
	assert_int_equal(r.out[0], 0x3);
	assert_int_equal(nrung, 1);
	assert_int_equal(rung[0].os, RTOS);
	assert_int_equal(rung[0].kind, NK_DOORBELL_EV);
	/* all, clearing on the way out: a second waiter finds them gone */
	memset(&r, 0, sizeof(r));
	r.op = NK_SVC_EV_WAIT;
	r.id = (uint32_t)e;
	r.arg[0] = 0x3;
	r.arg[1] = NK_EV_ALL;
	r.arg[2] = 0x3;
	assert_int_equal(nk_svc_call(&env, RTOS, &r, NULL), 0);
	assert_int_equal(r.out[0], 0x3);
	assert_int_equal(call(HOST, NK_SVC_EV_WAIT, (uint32_t)e, NULL, 0, 0x1,
			      NK_EV_ANY, 0, NULL, NULL), -NK_EAGAIN);
	assert_int_equal(call(HOST, NK_SVC_EV_WAIT, (uint32_t)e, NULL, 0, 0, NK_EV_ANY,
			      0, NULL, NULL), -NK_EINVAL);
	assert_int_equal(call(HOST, NK_SVC_EV_CLEAR, (uint32_t)e, NULL, 0, 0xffffffff,
			      0, 0, NULL, &r), 0);
	assert_int_equal(r.out[0], 0);
	/* A scribbled state: detected, not used. */
	assert_int_equal(call(HOST, NK_SVC_TEST_CORRUPT, NK_SVC_INDEX((uint32_t)e), NULL, 0,
			      2, 0, 0, NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_EV_SET, (uint32_t)e, NULL, 0, 1, 0, 0, NULL,
			      NULL), -NK_EIO);
}

static void test_shm(void **state)
{
	struct nk_svc_dir *dir = (struct nk_svc_dir *)(shared + NK_SVC_DIR_OFF);
	struct nk_svc_req r;
	uint32_t off;
	int s, t;

	(void)state;
	assert_int_equal(call(RTOS, NK_SVC_SHM_CREATE, 0, "seg", 5000, NK_SHM_RW, 0, 0,
			      NULL, NULL), -NK_EINVAL);	/* whole pages only */
	s = call(RTOS, NK_SVC_SHM_CREATE, 0, "seg", 8192, NK_SHM_RW, 0, 0, NULL, &r);
	assert_int_equal(s, H(1, 0));
	assert_int_equal(r.out[1], 8192);
	off = r.out[0];
	assert_int_equal(off % NK_SVC_PAGE, 0);
	assert_true(off >= NK_SVC_HEAP_OFF);
	/* Creating: no one finds it, and no one else creates it, until the
	 * creator has filled it and published it. */
	assert_int_equal(call(HOST, NK_SVC_SHM_OPEN, 0, "seg", 0, 0, 0, 0, NULL, NULL),
			 -NK_ENOENT);
	assert_int_equal(call(HOST, NK_SVC_SHM_CREATE, 0, "seg", 8192, 0, 0, 0, NULL,
			      NULL), -NK_EBUSY);
	memset(shared + off, 0x5a, 8192);
	assert_int_equal(call(RTOS, NK_SVC_SHM_PUBLISH, (uint32_t)s, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	assert_int_equal(call(RTOS, NK_SVC_SHM_PUBLISH, (uint32_t)s, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EINVAL);	/* once */
	assert_int_equal(call(HOST, NK_SVC_SHM_OPEN, 0, "seg", 0, 0, 0, 0, NULL, &r), s);
	assert_int_equal(r.out[0], off);
	assert_int_equal(call(HOST, NK_SVC_SHM_REF, (uint32_t)s, NULL, 0, 0, 0, 0, NULL,
			      NULL), 0);	/* a mapping */
	assert_int_equal(dir->shm[0].refs, 3);
	/* Destroyed while used: the name goes, the pages stay. */
	assert_int_equal(call(RTOS, NK_SVC_SHM_DESTROY, (uint32_t)s, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_SHM_OPEN, 0, "seg", 0, 0, 0, 0, NULL, NULL),
			 -NK_ENOENT);
	t = call(HOST, NK_SVC_SHM_CREATE, 0, "other", 4096, 0, 0, 0, NULL, &r);
	assert_int_equal(call(HOST, NK_SVC_SHM_PUBLISH, (uint32_t)t, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	assert_true(r.out[0] != off);
	for (int i = 0; i < 3; i++)
		assert_int_equal(call(HOST, NK_SVC_SHM_CLOSE, (uint32_t)s, NULL, 0, 0, 0,
				      0, NULL, NULL), 0);
	assert_int_equal(dir->shm[0].state, NK_SVC_FREE);	/* freed at last */
	assert_int_equal(call(HOST, NK_SVC_SHM_CLOSE, (uint32_t)s, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EIDRM);
	/* A wiped heap map cannot make a page be handed out twice. */
	assert_int_equal(call(HOST, NK_SVC_TEST_CORRUPT, 0, NULL, 0, 5, 0, 0, NULL,
			      NULL), 0);
	s = call(HOST, NK_SVC_SHM_CREATE, 0, "third", 3 * 4096, 0, 0, 0, NULL, &r);
	t = NK_SVC_INDEX((uint32_t)t);
	assert_true(r.out[0] >= dir->shm[t].off + dir->shm[t].size ||
		    r.out[0] + 3 * 4096 <= dir->shm[t].off);	/* clear of "other" */
	assert_true(dir->corrupt >= 1);
	assert_int_equal(call(HOST, NK_SVC_SHM_CREATE, 0, "big", NK_SHM_SIZE_MAX + 1,
			      0, 0, 0, NULL, NULL), -NK_EINVAL);
	/* A scribbled size: detected. */
	assert_int_equal(call(HOST, NK_SVC_TEST_CORRUPT, NK_SVC_INDEX((uint32_t)s), NULL, 0,
			      3, 0, 0, NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_SHM_REF, (uint32_t)s, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EIO);
}

/* The heap hands out runs across the map's bytes, first fit, each page
 * once; a freed run is found again; the rest is one run. */
static void test_heap_runs(void **state)
{
	struct nk_svc_dir *dir = (struct nk_svc_dir *)(shared + NK_SVC_DIR_OFF);
	uint32_t a, b, c, d, e, p, taken = 0;

	(void)state;
	assert_int_equal(nk_heap_alloc(dir, 3, &a), 0);
	assert_int_equal(a, dir->heap_off);
	assert_int_equal(nk_heap_alloc(dir, 13, &b), 0);
	assert_int_equal(b, a + 3 * NK_SVC_PAGE);
	assert_int_equal(nk_heap_alloc(dir, 20, &c), 0);
	assert_int_equal(c, b + 13 * NK_SVC_PAGE);
	nk_heap_free(dir, b, 13);
	assert_int_equal(nk_heap_alloc(dir, 14, &d), 0);	/* not in the gap of 13 */
	assert_int_equal(d, c + 20 * NK_SVC_PAGE);
	assert_int_equal(nk_heap_alloc(dir, 13, &e), 0);	/* the gap, exactly */
	assert_int_equal(e, b);
	for (p = 0; p < dir->heap_pages; p++)
		taken += (dir->heap_map[p / 8] >> (p % 8)) & 1;
	assert_int_equal(taken, 3 + 13 + 20 + 14);
	assert_int_equal(dir->heap_used, taken);
	assert_int_equal(nk_heap_alloc(dir, dir->heap_pages - taken + 1, &a), -NK_ENOSPC);
	assert_int_equal(nk_heap_alloc(dir, dir->heap_pages - taken, &a), 0);
	assert_int_equal(a, dir->heap_off + taken * NK_SVC_PAGE);
	assert_int_equal(nk_heap_alloc(dir, 1, &a), -NK_ENOSPC);
	nk_heap_free(dir, c, 20);
	assert_int_equal(nk_heap_alloc(dir, 20, &a), 0);
	assert_int_equal(a, c);
}

static void test_pnvm(void **state)
{
	struct nk_svc_req r;
	uint8_t *data;
	uint32_t crc;
	int p;

	(void)state;
	p = call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 100, 0x1234, 0, 0, NULL, &r);
	assert_true(p >= 0);
	assert_int_equal(r.out[2], NK_PNVM_NEW);
	assert_int_equal(r.out[1], 4096);
	data = shared + r.out[0];
	assert_true(r.out[0] >= SHARED_SIZE - NK_PNVM_AREA + NK_SVC_PAGE);
	assert_int_equal(r.out[3], 1);	/* new: torn until committed */
	assert_int_equal(call(HOST, NK_SVC_PNVM_BEGIN, (uint32_t)p, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	memset(data, 0, 4096);	/* the opener's to clear */
	memcpy(data, "state of the plant", 18);
	crc = nk_crc32(0, data, 4096);
	assert_int_equal(call(HOST, NK_SVC_PNVM_COMMIT, (uint32_t)p, NULL, 0, crc, 0, 0,
			      NULL, &r), 0);
	assert_int_equal(r.out[3], 2);
	/* A new nanokernel finds it: same place, same contents, checksum. */
	assert_int_equal(nk_svc_pnvm_attach(&env), 1);
	nk_svc_reset(&env);	/* the tables go; the PNVM area does not */
	assert_int_equal(call(RTOS, NK_SVC_PNVM_OPEN, 0, NULL, 0, 0x1234, 0, 0, NULL,
			      &r), p);
	assert_int_equal(r.out[2], NK_PNVM_KEPT);
	assert_int_equal(r.out[4], crc);
	assert_memory_equal(shared + r.out[0], "state of the plant", 18);
	/* An update begun and never committed: torn. */
	assert_int_equal(call(RTOS, NK_SVC_PNVM_BEGIN, (uint32_t)p, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 0, 0x1234, 0, 0, NULL,
			      &r), p);
	assert_int_equal(r.out[2], NK_PNVM_TORN);
	/* In use (two opens since the reset): not freed. */
	assert_int_equal(call(HOST, NK_SVC_PNVM_FREE, 0, NULL, 0, 0x1234, 0, 0, NULL,
			      NULL), -NK_EBUSY);
	/* A scribbled entry: reported, never handed out, freed by index
	 * once its references are given back. */
	assert_int_equal(call(HOST, NK_SVC_TEST_CORRUPT, NK_SVC_INDEX((uint32_t)p), NULL, 0,
			      4, 0, 0, NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 0, 0x1234, 0, 0, NULL,
			      NULL), -NK_EBADMSG);
	assert_int_equal(call(HOST, NK_SVC_PNVM_BEGIN, (uint32_t)p, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EBADMSG);
	for (int k = 0; k < 2; k++)
		assert_int_equal(call(HOST, NK_SVC_PNVM_CLOSE, (uint32_t)p, NULL, 0, 0, 0, 0,
				      NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_PNVM_CLOSE, (uint32_t)p, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EINVAL);	/* none left */
	assert_int_equal(call(HOST, NK_SVC_PNVM_FREE, 0, NULL, 0, 0,
			      NK_SVC_INDEX((uint32_t)p) + 1, 0, NULL, NULL), 0);
	/* Its handle died with it, even where a new region takes its entry. */
	assert_int_equal(call(HOST, NK_SVC_PNVM_BEGIN, (uint32_t)p, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EIDRM);
	assert_int_equal(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 0, 0x1234, 0, 0, NULL,
			      NULL), -NK_ENOENT);
	/* A scribbled directory is replaced by an empty one at attach. */
	shared[SHARED_SIZE - NK_PNVM_AREA + 4] ^= 1;
	assert_int_equal(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 10, 1, 0, 0, NULL, NULL),
			 -NK_EIO);
	assert_int_equal(nk_svc_pnvm_attach(&env), 0);
	assert_true(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 10, 1, 0, 0, NULL, NULL) >= 0);
}

/* Handles: a destroyed object's handle never reaches the next one in its
 * entry; one that never was says so. */
static void test_stale_handles(void **state)
{
	char buf[8];
	int q, q2, e, e2;

	(void)state;
	q = mq_create(HOST, "stale2", 2, 8);
	assert_int_equal(call(RTOS, NK_SVC_MQ_OPEN, 0, "stale2", 0, 0, 0, 0, NULL, NULL), q);
	assert_int_equal(call(HOST, NK_SVC_MQ_DESTROY, (uint32_t)q, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	q2 = mq_create(HOST, "other", 2, 8);
	assert_int_equal(NK_SVC_INDEX((uint32_t)q2), NK_SVC_INDEX((uint32_t)q));
	assert_true(q2 != q);
	assert_int_equal(send(RTOS, q, "x", 0), -NK_EIDRM);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), -NK_EIDRM);
	assert_int_equal(call(RTOS, NK_SVC_MQ_DESTROY, (uint32_t)q, NULL, 0, 0, 0, 0,
			      NULL, NULL), -NK_EIDRM);
	assert_int_equal(send(HOST, q2, "y", 0), 1);	/* the new one is whole */
	assert_int_equal(recv(HOST, q2, buf, sizeof(buf), 0), 1);
	e = call(HOST, NK_SVC_EV_CREATE, 0, "e", 0, 0, 0, 0, NULL, NULL);
	assert_int_equal(call(HOST, NK_SVC_EV_DESTROY, (uint32_t)e, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	e2 = call(HOST, NK_SVC_EV_CREATE, 0, "f", 0, 0, 0, 0, NULL, NULL);
	assert_true(e2 != e);
	assert_int_equal(call(RTOS, NK_SVC_EV_SET, (uint32_t)e, NULL, 0, 1, 0, 0, NULL,
			      NULL), -NK_EIDRM);
	/* Never a handle: an index out of range, or generation 0. */
	assert_int_equal(send(HOST, NK_MQ_MAX, "x", 0), -NK_ENOENT);
	assert_int_equal(send(HOST, 0, "x", 0), -NK_ENOENT);
	assert_int_equal(send(HOST, H(NK_SVC_GEN_MAX + 1, 0) & 0x7fffffff, "x", 0),
			 -NK_ENOENT);
}

/* The host's two-phase receive and wait: a peek changes nothing, the
 * take goes only if nothing changed meanwhile. */
static void test_peek_take(void **state)
{
	struct nk_svc_req r;
	char buf[8];
	int q, e;

	(void)state;
	q = mq_create(HOST, "pt", 4, 8);
	assert_int_equal(send(RTOS, q, "one", 0), 3);
	assert_int_equal(send(RTOS, q, "two", 0), 3);
	assert_int_equal(call(HOST, NK_SVC_MQ_RECV, (uint32_t)q, NULL, 8, 0, 0,
			      NK_SVCF_PEEK, buf, &r), 3);
	assert_memory_equal(buf, "one", 3);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), 3);	/* the RTOS was first */
	assert_memory_equal(buf, "one", 3);
	assert_int_equal(call(HOST, NK_SVC_MQ_TAKE, (uint32_t)q, NULL, 0, r.out[1], 0, 0,
			      NULL, NULL), -NK_EAGAIN);	/* it is not that one */
	assert_int_equal(call(HOST, NK_SVC_MQ_RECV, (uint32_t)q, NULL, 8, 0, 0,
			      NK_SVCF_PEEK, buf, &r), 3);
	assert_memory_equal(buf, "two", 3);
	assert_int_equal(call(HOST, NK_SVC_MQ_TAKE, (uint32_t)q, NULL, 0, r.out[1], 0, 0,
			      NULL, NULL), 3);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), -NK_EAGAIN);
	assert_int_equal(send(HOST, q, "", 0), -NK_EINVAL);	/* 1 byte at least */
	/* By reference: where the bytes lie, nothing copied, nothing taken. */
	assert_int_equal(send(RTOS, q, "three", 0), 5);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(call(HOST, NK_SVC_MQ_RECV, (uint32_t)q, NULL, 8, 0, 0,
			      NK_SVCF_PEEK | NK_SVCF_REF, buf, &r), 5);
	assert_int_equal(buf[0], 0);
	assert_true(r.out[2] >= NK_SVC_HEAP_OFF && r.out[2] + 5 <= SHARED_SIZE);
	assert_memory_equal(shared + r.out[2], "three", 5);
	assert_int_equal(call(HOST, NK_SVC_MQ_RECV, (uint32_t)q, NULL, 8, 0, 0,
			      NK_SVCF_REF, buf, NULL), -NK_EINVAL);	/* REF needs PEEK */
	assert_int_equal(call(HOST, NK_SVC_MQ_TAKE, (uint32_t)q, NULL, 0, r.out[1], 0, 0,
			      NULL, NULL), 5);
	assert_int_equal(recv(RTOS, q, buf, sizeof(buf), 0), -NK_EAGAIN);
	/* Events: the bits go only if they are still the ones seen. */
	e = call(HOST, NK_SVC_EV_CREATE, 0, "ev", 0, 0x3, 0, 0, NULL, NULL);
	memset(&r, 0, sizeof(r));
	r.op = NK_SVC_EV_WAIT;
	r.id = (uint32_t)e;
	r.arg[0] = 0x1;
	r.arg[1] = NK_EV_ANY;
	r.arg[2] = 0x1;
	r.flags = NK_SVCF_PEEK;
	assert_int_equal(nk_svc_call(&env, HOST, &r, NULL), 0);
	assert_int_equal(r.out[0], 0x3);
	assert_int_equal(call(RTOS, NK_SVC_EV_SET, (uint32_t)e, NULL, 0, 0x4, 0, 0, NULL,
			      NULL), 0);
	r.op = NK_SVC_EV_TAKE;
	r.arg[3] = 0x3;
	r.flags = 0;
	assert_int_equal(nk_svc_call(&env, HOST, &r, NULL), -NK_EAGAIN);	/* changed */
	r.arg[3] = 0x7;
	assert_int_equal(nk_svc_call(&env, HOST, &r, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_EV_CLEAR, (uint32_t)e, NULL, 0, 0, 0, 0, NULL,
			      &r), 0);
	assert_int_equal(r.out[0], 0x6);	/* bit 0 taken, once */
}

/* Counters stop before they wrap: more references are refused. */
static void test_refs_bounded(void **state)
{
	struct nk_svc_dir *dir = (struct nk_svc_dir *)(shared + NK_SVC_DIR_OFF);
	int s, p;

	(void)state;
	s = call(HOST, NK_SVC_SHM_CREATE, 0, "many", 4096, 0, 0, 0, NULL, NULL);
	assert_int_equal(call(HOST, NK_SVC_SHM_PUBLISH, (uint32_t)s, NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	dir->shm[0].refs = NK_SVC_REFS_MAX - 1;
	assert_int_equal(call(HOST, NK_SVC_SHM_REF, (uint32_t)s, NULL, 0, 0, 0, 0, NULL,
			      NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_SHM_REF, (uint32_t)s, NULL, 0, 0, 0, 0, NULL,
			      NULL), -NK_ENOSPC);
	assert_int_equal(call(HOST, NK_SVC_SHM_OPEN, 0, "many", 0, 0, 0, 0, NULL, NULL),
			 -NK_ENOSPC);
	assert_int_equal(dir->shm[0].refs, NK_SVC_REFS_MAX);
	p = call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 4096, 77, 0, 0, NULL, NULL);
	dir->pnvm_refs[NK_SVC_INDEX((uint32_t)p)] = NK_SVC_REFS_MAX;
	assert_int_equal(call(HOST, NK_SVC_PNVM_REF, (uint32_t)p, NULL, 0, 0, 0, 0, NULL,
			      NULL), -NK_ENOSPC);
	assert_int_equal(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 4096, 77, 0, 0, NULL, NULL),
			 -NK_ENOSPC);
}

/* PNVM regions placed in the gaps freed ones leave, in bounded work. */
static void test_pnvm_place(void **state)
{
	struct nk_svc_req r;
	uint32_t off[3];
	int p[3];

	(void)state;
	for (int k = 0; k < 3; k++) {
		p[k] = call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 8192, 100 + k, 0, 0, NULL, &r);
		assert_true(p[k] >= 0);
		off[k] = r.out[0];
	}
	assert_int_equal(off[1], off[0] + 8192);
	assert_int_equal(call(HOST, NK_SVC_PNVM_CLOSE, (uint32_t)p[1], NULL, 0, 0, 0, 0,
			      NULL, NULL), 0);
	assert_int_equal(call(HOST, NK_SVC_PNVM_FREE, 0, NULL, 0, 101, 0, 0, NULL, NULL), 0);
	assert_true(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 4096, 200, 0, 0, NULL, &r) >= 0);
	assert_int_equal(r.out[0], off[1]);	/* the first gap that holds it */
	assert_true(call(HOST, NK_SVC_PNVM_OPEN, 0, NULL, 8192, 201, 0, 0, NULL, &r) >= 0);
	assert_int_equal(r.out[0], off[2] + 8192);	/* the 4 KB left is too small */
}

/* ---- two threads standing in for the two OSes ---- */

#define MESSAGES	20000

static pthread_mutex_t nk_lock = PTHREAD_MUTEX_INITIALIZER;	/* the nanokernel */
static pthread_cond_t bell = PTHREAD_COND_INITIALIZER;
static unsigned long bells[2];

static void ring_thread(void *cookie, unsigned int os, unsigned int kind, unsigned int id)
{
	(void)cookie;
	(void)kind;
	(void)id;
	bells[os]++;		/* under nk_lock: the nanokernel rings */
	pthread_cond_broadcast(&bell);
}

/* A call, and with NK_SVCF_WAIT a sleep until this OS's doorbell. */
static int blocking(unsigned int os, uint32_t op, int q, void *buf, uint32_t len)
{
	struct nk_svc_req r;
	unsigned long seen;
	int ret;

	pthread_mutex_lock(&nk_lock);
	for (;;) {
		memset(&r, 0, sizeof(r));
		r.op = op;
		r.id = (uint32_t)q;
		r.len = len;
		r.flags = NK_SVCF_WAIT;
		seen = bells[os];
		ret = nk_svc_call(&env, os, &r, buf);
		if (ret != -NK_EAGAIN)
			break;
		while (bells[os] == seen)
			pthread_cond_wait(&bell, &nk_lock);
	}
	pthread_mutex_unlock(&nk_lock);
	return ret;
}

/* Message n: its number, then n % 200 bytes of a pattern, then a CRC. */
static uint32_t make_msg(uint8_t *m, uint32_t n)
{
	uint32_t len = 8 + n % 200, k, crc;

	memcpy(m, &n, 4);
	for (k = 4; k < len - 4; k++)
		m[k] = (uint8_t)(n * 7 + k);
	crc = nk_crc32(0, m, len - 4);
	memcpy(m + len - 4, &crc, 4);
	return len;
}

static void *sender(void *arg)
{
	uint8_t m[256];
	uint32_t n;

	(void)arg;
	for (n = 0; n < MESSAGES; n++) {
		uint32_t len = make_msg(m, n);

		if (blocking(HOST, NK_SVC_MQ_SEND, H(1, 0), m, len) != (int)len)
			return (void *)1;
	}
	return NULL;
}

static void test_two_threads(void **state)
{
	uint8_t m[256], want[256];
	pthread_t t;
	uint32_t n, crc;
	void *ret;
	int len;

	(void)state;
	env.ring = ring_thread;
	assert_int_equal(mq_create(HOST, "stream", 4, 256), H(1, 0));
	assert_int_equal(pthread_create(&t, NULL, sender, NULL), 0);
	for (n = 0; n < MESSAGES; n++) {
		len = blocking(RTOS, NK_SVC_MQ_RECV, H(1, 0), m, sizeof(m));
		assert_int_equal(len, (int)make_msg(want, n));
		memcpy(&crc, m + len - 4, 4);
		assert_int_equal(crc, nk_crc32(0, m, (size_t)len - 4));
		assert_memory_equal(m, want, (size_t)len);	/* in order, whole */
	}
	assert_int_equal(pthread_join(t, &ret), 0);
	assert_null(ret);
	assert_true(bells[HOST] > 0 && bells[RTOS] > 0);	/* both waited */
	env.ring = ring;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mq_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mq_waiters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mq_create_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mq_scribbled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_heap_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pnvm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_handles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peek_take, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refs_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pnvm_place, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
