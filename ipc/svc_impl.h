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

/*
 * A table of named objects (queues, event variables, segments): count
 * entries of size bytes, each starting with its name, state, owner and
 * creator, at the same offsets in every kind (svc.h; asserted in svc.c),
 * and holding its handle's generation at gen_off.  ok says whether an
 * entry that is not free is whole: everything a call reads from it.
 */
struct nk_svc_table {
	uint8_t *base;
	uint32_t size, count, gen_off;
	int (*ok)(const struct nk_svc_dir *dir, const void *entry);
};
#define NK_SVC_TABLE(dir, member, okfn) \
	((struct nk_svc_table){ (uint8_t *)(dir)->member, sizeof((dir)->member[0]), \
		sizeof((dir)->member) / sizeof((dir)->member[0]), \
		__builtin_offsetof(__typeof__((dir)->member[0]), gen), (okfn) })

static inline uint8_t *nk_svc_at(const struct nk_svc_table *t, uint32_t i)
{
	return t->base + i * t->size;
}

static inline uint32_t *nk_svc_state(const struct nk_svc_table *t, uint32_t i)
{
	return (uint32_t *)(nk_svc_at(t, i) + NK_SVC_NAME_LEN);
}

static inline uint32_t *nk_svc_gen(const struct nk_svc_table *t, uint32_t i)
{
	return (uint32_t *)(nk_svc_at(t, i) + t->gen_off);
}

/* Entry i's handle (svc.h: its index and its generation). */
static inline int nk_svc_handle(const struct nk_svc_table *t, uint32_t i)
{
	return (int)NK_SVC_HANDLE(*nk_svc_gen(t, i) & NK_SVC_GEN_MAX, i);
}

/* The entry of handle h if it is not free and h is its handle now;
 * else NULL with *err = -NK_ENOENT (never a handle) or -NK_EIDRM (its
 * object was destroyed). */
static inline void *nk_svc_entry(const struct nk_svc_table *t, uint32_t h, int *err)
{
	uint32_t i = NK_SVC_INDEX(h);

	*err = -NK_ENOENT;
	if (i >= t->count || !NK_SVC_GEN(h) || NK_SVC_GEN(h) > NK_SVC_GEN_MAX)
		return 0;
	*err = -NK_EIDRM;
	if (*nk_svc_state(t, i) == NK_SVC_FREE || *nk_svc_gen(t, i) != NK_SVC_GEN(h))
		return 0;
	return nk_svc_at(t, i);
}

/* The entry the call names by its handle, whole; else NULL with *err as
 * nk_svc_entry() says, or -NK_EIO for a scribbled one (counted).  Inline:
 * every send, receive and set goes through it. */
static inline void *nk_svc_get(struct nk_svc_call *c, const struct nk_svc_table *t,
			       int *err)
{
	void *e = nk_svc_entry(t, c->req->id, err);

	if (e && !t->ok(c->dir, e)) {
		*err = -NK_EIO;
		c->dir->corrupt++;
		return 0;
	}
	return e;
}

/* svc.c: the tables of named objects. */
/* The index of the entry named name: in use (live_only), or in any state
 * but free; -1 if none. */
int nk_svc_find(const struct nk_svc_table *t, const char *name, int live_only);
/* Open by name: the entry's handle (and req->id), checked whole, or -errno. */
int nk_svc_open(struct nk_svc_call *c, const struct nk_svc_table *t, int live_only);
/* A free entry's index, or -NK_ENOSPC; nothing is taken yet. */
int nk_svc_free_entry(const struct nk_svc_table *t);
/* Entry i, cleared and given the call's name, OS and caller and the next
 * generation; its state stays free until the caller sets it, last, when
 * the entry is whole. */
void *nk_svc_fill(struct nk_svc_call *c, const struct nk_svc_table *t, int i);
/* Entry i is free again; its generation stays, so its handles die. */
void nk_svc_clear(const struct nk_svc_table *t, uint32_t i);

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
