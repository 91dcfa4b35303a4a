// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ipc/svc.c - the services' entry: check a call, then hand it to the
 * object's code (ipc/mq.c, ipc/event.c, shmem/shm.c, shmem/pnvm.c).
 *
 * Validate, then act: the request is checked here (operation, reserved
 * fields, lengths) and the tables' header before anything is touched;
 * each object's code then checks the entry it uses, because the tables
 * sit in memory both OSes can write.
 */
#include "svc_impl.h"

static struct nk_svc_dir *nk_svc_dir_of(const struct nk_svc_env *env)
{
	return (struct nk_svc_dir *)(env->shared + NK_SVC_DIR_OFF);
}

uint32_t nk_svc_pages(uint32_t bytes)
{
	return (bytes + NK_SVC_PAGE - 1) / NK_SVC_PAGE;
}

int nk_svc_in_heap(const struct nk_svc_dir *dir, uint32_t off, uint32_t len)
{
	uint32_t end = dir->heap_off + dir->heap_pages * NK_SVC_PAGE;

	return off >= dir->heap_off && off % NK_SVC_PAGE == 0 && len <= end &&
	       off <= end - len;
}

void nk_svc_ring_all(const struct nk_svc_env *env, uint32_t *mask,
		     unsigned int kind, unsigned int id)
{
	uint32_t bits = *mask & ((1u << NK_OS_SLOTS) - 1);

	*mask = 0;
	for (; bits; bits &= bits - 1)
		env->ring(env->cookie, (unsigned int)__builtin_ctz(bits), kind, id);
}

/* The head every kind of table entry starts with. */
#define NK_SVC_HEAD_OK(type) \
	(__builtin_offsetof(type, name) == 0 && \
	 __builtin_offsetof(type, state) == NK_SVC_NAME_LEN && \
	 __builtin_offsetof(type, owner) == NK_SVC_NAME_LEN + 4 && \
	 __builtin_offsetof(type, creator) == NK_SVC_NAME_LEN + 8)
NK_STATIC_ASSERT(NK_SVC_HEAD_OK(struct nk_mq_slot) && NK_SVC_HEAD_OK(struct nk_ev_slot) &&
		 NK_SVC_HEAD_OK(struct nk_shm_slot), "the tables' entries share a head");

int nk_svc_find(const struct nk_svc_table *t, const char *name, int live_only)
{
	uint32_t i, state;

	for (i = 0; i < t->count; i++) {
		state = *nk_svc_state(t, i);
		if ((live_only ? state == NK_SVC_USED : state != NK_SVC_FREE) &&
		    !memcmp(nk_svc_at(t, i), name, NK_SVC_NAME_LEN))
			return (int)i;
	}
	return -1;
}

int nk_svc_open(struct nk_svc_call *c, const struct nk_svc_table *t, int live_only)
{
	int i, err;

	if (!nk_svc_name_ok(c->req->name))
		return -NK_EINVAL;
	i = nk_svc_find(t, c->req->name, live_only);
	if (i < 0)
		return -NK_ENOENT;
	c->req->id = (uint32_t)nk_svc_handle(t, (uint32_t)i);
	return nk_svc_get(c, t, &err) ? (int)c->req->id : err;
}

int nk_svc_free_entry(const struct nk_svc_table *t)
{
	uint32_t i;

	for (i = 0; i < t->count; i++)
		if (*nk_svc_state(t, i) == NK_SVC_FREE)
			return (int)i;
	return -NK_ENOSPC;
}

void *nk_svc_fill(struct nk_svc_call *c, const struct nk_svc_table *t, int i)
{
	uint8_t *e = nk_svc_at(t, (uint32_t)i);
	uint32_t *head = (uint32_t *)(e + NK_SVC_NAME_LEN);
	uint32_t gen = *nk_svc_gen(t, (uint32_t)i) & NK_SVC_GEN_MAX;

	memset(e, 0, t->size);
	memcpy(e, c->req->name, NK_SVC_NAME_LEN);
	head[1] = c->os;		/* owner */
	head[2] = c->req->waiter;	/* creator */
	*nk_svc_gen(t, (uint32_t)i) = gen < NK_SVC_GEN_MAX ? gen + 1 : 1;
	return e;
}

void nk_svc_clear(const struct nk_svc_table *t, uint32_t i)
{
	uint32_t gen = *nk_svc_gen(t, i);

	memset(nk_svc_at(t, i), 0, t->size);
	*nk_svc_gen(t, i) = gen;
}

/* The heap: from NK_SVC_HEAP_OFF up to the RAS area. */
static uint32_t nk_svc_heap_pages(uint32_t shared_size)
{
	uint32_t pages;

	if (shared_size < NK_SVC_MIN_SHARED)
		return 0;
	pages = (shared_size - NK_SVC_KEPT - NK_SVC_HEAP_OFF) / NK_SVC_PAGE;
	return pages < NK_SVC_HEAP_PAGES_MAX ? pages : NK_SVC_HEAP_PAGES_MAX;
}

/* Fresh tables: at load, when nothing may use the old ones. */
void nk_svc_reset(const struct nk_svc_env *env)
{
	struct nk_svc_dir *dir = nk_svc_dir_of(env);
	unsigned int i;

	if (env->shared_size < NK_SVC_MIN_SHARED)
		return;
	memset(dir, 0, sizeof(*dir));
	for (i = 0; i < NK_PNVM_MAX; i++)
		dir->pnvm_gen[i] = 1;
	dir->magic = NK_SVC_MAGIC;
	dir->revision = NK_SVC_REVISION;
	dir->heap_off = NK_SVC_HEAP_OFF;
	dir->heap_pages = nk_svc_heap_pages(env->shared_size);
}

/* The header must be what nk_svc_reset() wrote, else nothing is used. */
static int nk_svc_dir_ok(const struct nk_svc_env *env,
			 const struct nk_svc_dir *dir)
{
	return env->shared_size >= NK_SVC_MIN_SHARED &&
	       dir->magic == NK_SVC_MAGIC && dir->revision == NK_SVC_REVISION &&
	       dir->heap_off == NK_SVC_HEAP_OFF &&
	       dir->heap_pages == nk_svc_heap_pages(env->shared_size) &&
	       dir->heap_used <= dir->heap_pages;
}

/* The request's own fields, whatever the operation. */
static int nk_svc_req_ok(const struct nk_svc_req *r)
{
	if (r->op < NK_SVC_MQ_CREATE || r->op >= NK_SVC_OPS)
		return -NK_ENOSYS;
	if (r->reserved ||
	    (r->flags & ~(NK_SVCF_WAIT | NK_SVCF_EXCL | NK_SVCF_PEEK | NK_SVCF_REF)) ||
	    ((r->flags & NK_SVCF_REF) && !(r->flags & NK_SVCF_PEEK)))
		return -NK_EINVAL;
	if (r->len > NK_SVC_DATA_MAX && r->op != NK_SVC_SHM_CREATE &&
	    r->op != NK_SVC_PNVM_OPEN)
		return -NK_EINVAL;
	return 0;
}

/* The test hook: scribble over one table entry, as a crashed OS might. */
static int nk_svc_corrupt(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	uint32_t id = r->id;

	switch (r->arg[0]) {
	case 1:
		if (id >= NK_MQ_MAX)
			return -NK_EINVAL;
		c->dir->mq[id].count = 0xdead0000u;
		c->dir->mq[id].off = 0xbeef;
		return 0;
	case 2:
		if (id >= NK_EV_MAX)
			return -NK_EINVAL;
		c->dir->ev[id].state = 0x5eed;
		return 0;
	case 3:
		if (id >= NK_SHM_MAX)
			return -NK_EINVAL;
		c->dir->shm[id].size = 0xfffff000u;
		return 0;
	case 4:
		return nk_pnvm_call(c);	/* the PNVM directory's own */
	case 5:
		memset(c->dir->heap_map, 0, sizeof(c->dir->heap_map));
		return 0;
	default:
		return -NK_EINVAL;
	}
}

int nk_svc_call(const struct nk_svc_env *env, unsigned int os,
		struct nk_svc_req *req, uint8_t *data)
{
	struct nk_svc_call c = { env, nk_svc_dir_of(env), os, req, data };
	int ret = nk_svc_req_ok(req);

	memset(req->out, 0, sizeof(req->out));
	if (!ret && !nk_svc_dir_ok(env, c.dir))
		ret = -NK_EIO;
	if (ret)
		return req->result = ret;
	switch (req->op) {
	case NK_SVC_MQ_CREATE ... NK_SVC_MQ_POLL:
	case NK_SVC_MQ_TAKE:
		ret = nk_mq_call(&c);
		break;
	case NK_SVC_EV_CREATE ... NK_SVC_EV_WAIT:
	case NK_SVC_EV_TAKE:
		ret = nk_ev_call(&c);
		break;
	case NK_SVC_SHM_CREATE ... NK_SVC_SHM_DESTROY:	/* NK_SVC_SHM_REF inside */
	case NK_SVC_SHM_PUBLISH:
		ret = nk_shm_call(&c);
		break;
	case NK_SVC_PNVM_OPEN ... NK_SVC_PNVM_FREE:
	case NK_SVC_PNVM_CLOSE:
	case NK_SVC_PNVM_REF:
		ret = nk_pnvm_call(&c);
		break;
	case NK_SVC_CANCEL:
		nk_mq_cancel(&c);
		nk_ev_cancel(&c);
		ret = 0;
		break;
	case NK_SVC_TEST_CORRUPT:
		ret = nk_svc_corrupt(&c);
		break;
	}
	return req->result = ret;
}
