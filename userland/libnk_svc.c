// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * userland/libnk_svc.c - the cross-OS services' ioctls as C functions
 * (include/nk/libnk.h): 0 or a result, or -errno.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <nk/crc32.h>
#include <nk/libnk.h>
#include "libnk_impl.h"

/* create/open: the name checked here too, so that a bad one says why. */
static int nk_ioctl_obj(int fd, unsigned long cmd, const char *name, uint32_t flags,
		  uint32_t a0, uint32_t a1, struct nk_svc_obj_args *a)
{
	memset(a, 0, sizeof(*a));
	if (!name || strlen(name) >= NK_SVC_NAME_LEN)
		return -EINVAL;
	strncpy(a->name, name, NK_SVC_NAME_LEN);
	if (!nk_svc_name_ok(a->name))
		return -EINVAL;
	a->flags = flags;
	a->arg[0] = a0;
	a->arg[1] = a1;
	return nk_ioctl(fd, cmd, a);
}

static int nk_ioctl_id(int fd, unsigned long cmd, uint32_t id, uint32_t a0)
{
	struct nk_svc_obj_args a;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.arg[0] = a0;
	return nk_ioctl(fd, cmd, &a);
}

int nk_mq_create(int fd, const char *name, uint32_t depth, uint32_t msg_max,
		 int excl, uint32_t *id)
{
	struct nk_svc_obj_args a;
	int err = nk_ioctl_obj(fd, NK_IOC_MQ_CREATE, name, excl ? NK_SVCF_EXCL : 0,
			 depth, msg_max, &a);

	if (!err && id)
		*id = a.id;
	return err;
}

int nk_mq_open(int fd, const char *name, uint32_t *id, uint32_t *depth,
	       uint32_t *msg_max)
{
	struct nk_svc_obj_args a;
	int err = nk_ioctl_obj(fd, NK_IOC_MQ_OPEN, name, 0, 0, 0, &a);

	if (err)
		return err;
	if (id)
		*id = a.id;
	if (depth)
		*depth = a.out[0];
	if (msg_max)
		*msg_max = a.out[1];
	return 0;
}

int nk_mq_destroy(int fd, uint32_t id)
{
	return nk_ioctl_id(fd, NK_IOC_MQ_DESTROY, id, 0);
}

int nk_mq_watch(int fd, uint32_t id)
{
	return nk_ioctl_id(fd, NK_IOC_MQ_WATCH, id, 0);
}

static int nk_ioctl_msg(int fd, unsigned long cmd, uint32_t id, const void *buf,
		  uint32_t len, int timeout_ms, struct nk_msg_args *a)
{
	memset(a, 0, sizeof(*a));
	a->id = id;
	a->len = len;
	a->buf_ptr = (uintptr_t)buf;
	a->timeout_ms = timeout_ms;
	return nk_ioctl(fd, cmd, a);
}

int nk_mq_send(int fd, uint32_t id, const void *msg, uint32_t len, int timeout_ms)
{
	struct nk_msg_args a;

	return nk_ioctl_msg(fd, NK_IOC_MQ_SEND, id, msg, len, timeout_ms, &a);
}

int nk_mq_recv(int fd, uint32_t id, void *buf, uint32_t room, int timeout_ms,
	       uint32_t *need)
{
	struct nk_msg_args a;
	int err = nk_ioctl_msg(fd, NK_IOC_MQ_RECV, id, buf, room, timeout_ms, &a);

	if (err == -EMSGSIZE && need)
		*need = a.len;
	return err ? err : (int)a.len;
}

int nk_ev_create(int fd, const char *name, uint32_t initial, int excl, uint32_t *id)
{
	struct nk_svc_obj_args a;
	int err = nk_ioctl_obj(fd, NK_IOC_EV_CREATE, name, excl ? NK_SVCF_EXCL : 0,
			 initial, 0, &a);

	if (!err && id)
		*id = a.id;
	return err;
}

int nk_ev_open(int fd, const char *name, uint32_t *id)
{
	struct nk_svc_obj_args a;
	int err = nk_ioctl_obj(fd, NK_IOC_EV_OPEN, name, 0, 0, 0, &a);

	if (!err && id)
		*id = a.id;
	return err;
}

int nk_ev_destroy(int fd, uint32_t id)
{
	return nk_ioctl_id(fd, NK_IOC_EV_DESTROY, id, 0);
}

static int nk_ioctl_ev(int fd, unsigned long cmd, uint32_t id, uint32_t bits,
		 uint32_t mode, uint32_t clear, int timeout_ms, uint32_t *out)
{
	struct nk_ev_args a;
	int err;

	memset(&a, 0, sizeof(a));
	a.id = id;
	a.bits = bits;
	a.mode = mode;
	a.clear = clear;
	a.timeout_ms = timeout_ms;
	err = nk_ioctl(fd, cmd, &a);
	if (!err && out)
		*out = a.result;
	return err;
}

int nk_ev_set(int fd, uint32_t id, uint32_t bits, uint32_t *now)
{
	return nk_ioctl_ev(fd, NK_IOC_EV_SET, id, bits, 0, 0, 0, now);
}

int nk_ev_clear(int fd, uint32_t id, uint32_t bits, uint32_t *now)
{
	return nk_ioctl_ev(fd, NK_IOC_EV_CLEAR, id, bits, 0, 0, 0, now);
}

int nk_ev_wait(int fd, uint32_t id, uint32_t bits, uint32_t mode, uint32_t clear,
	       int timeout_ms, uint32_t *got)
{
	return nk_ioctl_ev(fd, NK_IOC_EV_WAIT, id, bits, mode, clear, timeout_ms, got);
}

/* The offset to mmap, kept by create and open for the segment's handle. */
static struct {
	uint32_t handle, offset;
} nk_shm_offset[NK_SHM_MAX];

static void nk_shm_remember(uint32_t h, uint32_t offset)
{
	nk_shm_offset[NK_SVC_INDEX(h)].handle = h;
	nk_shm_offset[NK_SVC_INDEX(h)].offset = offset;
}

int nk_shm_create(int fd, const char *name, uint32_t size, uint32_t mode,
		  int excl, uint32_t *id)
{
	struct nk_svc_obj_args a;
	int err = nk_ioctl_obj(fd, NK_IOC_SHM_CREATE, name, excl ? NK_SVCF_EXCL : 0,
			 size, mode, &a);

	if (err)
		return err;
	nk_shm_remember(a.id, a.out[0]);
	if (id)
		*id = a.id;
	return 0;
}

int nk_shm_open(int fd, const char *name, uint32_t *id, uint32_t *size,
		uint32_t *mode)
{
	struct nk_svc_obj_args a;
	int err = nk_ioctl_obj(fd, NK_IOC_SHM_OPEN, name, 0, 0, 0, &a);

	if (err)
		return err;
	nk_shm_remember(a.id, a.out[0]);
	if (id)
		*id = a.id;
	if (size)
		*size = a.out[1];
	if (mode)
		*mode = a.out[2];
	return 0;
}

void *nk_shm_map(int fd, uint32_t id, uint32_t size, int writable)
{
	void *p;

	if (!id || nk_shm_offset[NK_SVC_INDEX(id)].handle != id) {
		errno = EBADF;	/* not created or opened here */
		return NULL;
	}
	p = mmap(NULL, size, PROT_READ | (writable ? PROT_WRITE : 0), MAP_SHARED,
		 fd, nk_shm_offset[NK_SVC_INDEX(id)].offset);
	return p == MAP_FAILED ? NULL : p;
}

int nk_shm_close(int fd, uint32_t id)
{
	return nk_ioctl_id(fd, NK_IOC_SHM_CLOSE, id, 0);
}

int nk_shm_destroy(int fd, uint32_t id)
{
	return nk_ioctl_id(fd, NK_IOC_SHM_DESTROY, id, 0);
}

int nk_pnvm_open(int fd, uint32_t key, uint32_t size, struct nk_pnvm *p)
{
	struct nk_pnvm_args a;
	void *addr;
	int err;

	memset(p, 0, sizeof(*p));
	memset(&a, 0, sizeof(a));
	a.key = key;
	a.size = size;
	err = nk_ioctl(fd, NK_IOC_PNVM_OPEN, &a);
	if (err)
		return err;
	addr = mmap(NULL, a.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, a.offset);
	if (addr == MAP_FAILED) {
		err = -errno;
		nk_ioctl(fd, NK_IOC_PNVM_CLOSE, &a);	/* undone: a.id is the handle */
		return err;
	}
	p->key = key;
	p->id = a.id;
	p->size = a.size;
	p->status = a.status;
	p->generation = a.generation;
	p->addr = addr;
	/* Contents committed before: they must still give their checksum. */
	if (a.status == NK_PNVM_KEPT && a.generation &&
	    nk_crc32(0, p->addr, p->size) != a.crc)
		return -EBADMSG;
	return 0;
}

static int nk_ioctl_pnvm(int fd, unsigned long cmd, struct nk_pnvm *p)
{
	struct nk_pnvm_args a;
	int err;

	memset(&a, 0, sizeof(a));
	a.id = p->id;
	if (cmd == NK_IOC_PNVM_COMMIT)
		a.crc = nk_crc32(0, p->addr, p->size);
	err = nk_ioctl(fd, cmd, &a);
	if (!err)
		p->generation = a.generation;
	return err;
}

int nk_pnvm_begin(int fd, struct nk_pnvm *p)
{
	return nk_ioctl_pnvm(fd, NK_IOC_PNVM_BEGIN, p);
}

int nk_pnvm_commit(int fd, struct nk_pnvm *p)
{
	return nk_ioctl_pnvm(fd, NK_IOC_PNVM_COMMIT, p);
}

/* The mapping goes, then the reference open took. */
int nk_pnvm_close(int fd, struct nk_pnvm *p)
{
	struct nk_pnvm_args a;

	if (p->addr && munmap(p->addr, p->size))
		return -errno;
	p->addr = NULL;
	memset(&a, 0, sizeof(a));
	a.id = p->id;
	return nk_ioctl(fd, NK_IOC_PNVM_CLOSE, &a);
}

int nk_pnvm_free(int fd, uint32_t key, uint32_t index)
{
	struct nk_pnvm_args a;

	memset(&a, 0, sizeof(a));
	a.key = key;
	a.index = index;
	return nk_ioctl(fd, NK_IOC_PNVM_FREE, &a);
}

int nk_svc_list(int fd, struct nk_svc_dir *dir, struct nk_pnvm_dir *pnvm,
		struct nk_svc_list_args *a)
{
	memset(a, 0, sizeof(*a));
	a->dir_ptr = (uintptr_t)dir;
	a->pnvm_ptr = (uintptr_t)pnvm;
	a->dir_size = sizeof(*dir);
	a->pnvm_size = sizeof(*pnvm);
	return nk_ioctl(fd, NK_IOC_SVC_LIST, a);
}

int nk_svc_test_corrupt(int fd, uint32_t table, uint32_t id)
{
	return nk_ioctl_id(fd, NK_IOC_TEST_SVC_CORRUPT, id, table);
}
