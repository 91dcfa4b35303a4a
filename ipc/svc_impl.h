/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * ipc/svc_impl.h - what the portable service code shares (ipc/ and
 * shmem/): the environment it runs in and one call's context.
 *
 * Portable: no hardware, no OS.  The nanokernel (nanokernel/svc.c) runs it
 * with interrupts off, one call at a time; the unit tests run it on the
 * build machine over a buffer standing in for the shared region.
 */
#ifndef IPC_SVC_IMPL_H
#define IPC_SVC_IMPL_H

#include <nk/svc.h>

#define NK_DOORBELL_MQ	0
#define NK_DOORBELL_EV	1

struct nk_svc_env {
	uint8_t *shared;	/* the shared region, as the caller maps it */
	uint32_t shared_size;
	/* Tell OS slot os that object id (NK_DOORBELL_MQ or _EV) changed. */
	void (*ring)(void *cookie, unsigned int os, unsigned int kind,
		     unsigned int id);
	void *cookie;
};

/* One call: who makes it, and its data (already checked to hold
 * req->len bytes, up to NK_SVC_DATA_MAX). */
struct nk_svc_call {
	const struct nk_svc_env *env;
	struct nk_svc_dir *dir;
	unsigned int os;
	struct nk_svc_req *req;
	uint8_t *data;
};

/* svc.c: the entry points. */
void nk_svc_reset(const struct nk_svc_env *env);
int nk_svc_pnvm_attach(const struct nk_svc_env *env);
int nk_svc_call(const struct nk_svc_env *env, unsigned int os,
		struct nk_svc_req *req, uint8_t *data);
/* Does the region [off, off + len) of the shared region lie in the heap? */
int nk_svc_in_heap(const struct nk_svc_dir *dir, uint32_t off, uint32_t len);
uint32_t nk_svc_pages(uint32_t bytes);

/* shmem/heap.c: whole pages of the heap, for rings and segments. */
int nk_heap_alloc(struct nk_svc_dir *dir, uint32_t pages, uint32_t *off);
void nk_heap_free(struct nk_svc_dir *dir, uint32_t off, uint32_t pages);

/* ipc/mq.c, ipc/event.c, shmem/shm.c, shmem/pnvm.c: each returns the
 * call's result (>= 0, or -errno). */
int nk_mq_call(struct nk_svc_call *c);
int nk_ev_call(struct nk_svc_call *c);
int nk_shm_call(struct nk_svc_call *c);
int nk_pnvm_call(struct nk_svc_call *c);
void nk_mq_cancel(struct nk_svc_call *c);
void nk_ev_cancel(struct nk_svc_call *c);

/* Whose waiters to ring: every OS slot in *mask, which is cleared. */
void nk_svc_ring_all(const struct nk_svc_env *env, uint32_t *mask,
		     unsigned int kind, unsigned int id);

#endif /* IPC_SVC_IMPL_H */
