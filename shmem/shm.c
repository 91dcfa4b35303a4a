// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * shmem/shm.c - shared memory segments: named, whole pages of the heap,
 * reference counted.
 *
 * Every open and every mapping holds a reference; destroy takes the name
 * away at once (no new opens), and the pages go back to the heap when the
 * last reference is dropped, so a mapping never outlives its memory.
 * A new segment is CREATING until its creator publishes it: no one else
 * finds it meanwhile, and the creator clears it (or fills it) outside the
 * nanokernel, so that no call clears megabytes with interrupts off.  A
 * creator that goes away first (its references dropped) frees it.  A
 * guest sees a segment in its address space while it holds a reference
 * (nanokernel/svc.c); the host maps it through the loader (mmap on
 * /dev/nanokernel), which asks for a reference per mapping.
 */
#include "svc_impl.h"

static int nk_shm_ok(const struct nk_svc_dir *dir, const void *entry)
{
	const struct nk_shm_slot *s = entry;

	return (s->state == NK_SVC_USED || s->state == NK_SVC_DOOMED ||
		s->state == NK_SVC_CREATING) &&
	       s->size && s->size % NK_SVC_PAGE == 0 && s->size <= NK_SHM_SIZE_MAX &&
	       nk_svc_in_heap(dir, s->off, s->size) && s->mode <= NK_SHM_RO_OTHERS &&
	       s->refs <= NK_SVC_REFS_MAX;
}

static struct nk_svc_table nk_shm_table(struct nk_svc_dir *dir)
{
	return NK_SVC_TABLE(dir, shm, nk_shm_ok);
}

/* One more reference, bounded, and what the caller needs to map it. */
static int nk_shm_answer(struct nk_svc_call *c, const struct nk_svc_table *t, int i)
{
	struct nk_shm_slot *s = &c->dir->shm[i];

	if (s->refs >= NK_SVC_REFS_MAX)
		return -NK_ENOSPC;
	s->refs++;
	c->req->out[0] = s->off;
	c->req->out[1] = s->size;
	c->req->out[2] = s->mode;
	c->req->out[3] = s->owner;
	c->req->out[4] = s->state == NK_SVC_CREATING;	/* the caller publishes it */
	return nk_svc_handle(t, (uint32_t)i);
}

/* A segment whose name exists: the same size, whole, is opened. */
static int nk_shm_existing(struct nk_svc_call *c, const struct nk_svc_table *t, int i)
{
	struct nk_svc_req *r = c->req;
	int err;

	if (r->flags & NK_SVCF_EXCL)
		return -NK_EEXIST;
	r->id = (uint32_t)nk_svc_handle(t, (uint32_t)i);
	if (!nk_svc_get(c, t, &err))
		return err;
	if (c->dir->shm[i].size != r->len)
		return -NK_EEXIST;
	return nk_shm_answer(c, t, i);
}

/* Being created, by another call that has not published it: wait. */
static int nk_shm_creating(const struct nk_svc_dir *dir, const char *name)
{
	unsigned int i;

	for (i = 0; i < NK_SHM_MAX; i++)
		if (dir->shm[i].state == NK_SVC_CREATING &&
		    !memcmp(dir->shm[i].name, name, NK_SVC_NAME_LEN))
			return 1;
	return 0;
}

static int nk_shm_op_create(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_svc_table t = nk_shm_table(c->dir);
	struct nk_shm_slot *s;
	uint32_t off;
	int i = nk_svc_find(&t, r->name, 1), err;

	if (!nk_svc_name_ok(r->name) || !r->len || r->len % NK_SVC_PAGE ||
	    r->len > NK_SHM_SIZE_MAX || r->arg[0] > NK_SHM_RO_OTHERS)
		return -NK_EINVAL;
	if (i >= 0)
		return nk_shm_existing(c, &t, i);
	if (nk_shm_creating(c->dir, r->name))
		return -NK_EBUSY;
	i = nk_svc_free_entry(&t);
	if (i < 0)
		return i;
	err = nk_heap_alloc(c->dir, r->len / NK_SVC_PAGE, &off);
	if (err)
		return err;
	s = nk_svc_fill(c, &t, i);
	s->mode = r->arg[0];
	s->off = off;
	s->size = r->len;
	s->state = NK_SVC_CREATING;
	return nk_shm_answer(c, &t, i);
}

/* Drop one reference; the last one of a destroyed or never published
 * segment frees it. */
static void nk_shm_put(struct nk_svc_dir *dir, struct nk_shm_slot *s)
{
	struct nk_svc_table t = nk_shm_table(dir);

	if (s->refs)
		s->refs--;
	if ((s->state == NK_SVC_DOOMED || s->state == NK_SVC_CREATING) && !s->refs) {
		nk_heap_free(dir, s->off, s->size / NK_SVC_PAGE);
		nk_svc_clear(&t, (uint32_t)(s - dir->shm));
	}
}

/* The calls by handle, on a segment that checks. */
static int nk_shm_by_id(struct nk_svc_call *c, struct nk_shm_slot *s)
{
	switch (c->req->op) {
	case NK_SVC_SHM_REF:
		if (s->refs >= NK_SVC_REFS_MAX)
			return -NK_ENOSPC;
		s->refs++;
		return 0;
	case NK_SVC_SHM_CLOSE:
		nk_shm_put(c->dir, s);
		return 0;
	case NK_SVC_SHM_PUBLISH:
		if (s->state != NK_SVC_CREATING)
			return -NK_EINVAL;
		s->state = NK_SVC_USED;
		return 0;
	default:	/* NK_SVC_SHM_DESTROY */
		if (s->state == NK_SVC_DOOMED)
			return -NK_EIDRM;
		s->state = NK_SVC_DOOMED;
		s->refs++;	/* so that the put below frees it only if unused */
		nk_shm_put(c->dir, s);
		return 0;
	}
}

int nk_shm_call(struct nk_svc_call *c)
{
	struct nk_svc_req *r = c->req;
	struct nk_svc_table t = nk_shm_table(c->dir);
	struct nk_shm_slot *s;
	int h, err;

	if (r->op == NK_SVC_SHM_CREATE)
		return nk_shm_op_create(c);
	if (r->op == NK_SVC_SHM_OPEN) {
		h = nk_svc_open(c, &t, 1);
		return h < 0 ? h : nk_shm_answer(c, &t, (int)NK_SVC_INDEX((uint32_t)h));
	}
	s = nk_svc_get(c, &t, &err);
	if (!s) {
		if (err == -NK_EIO && r->op == NK_SVC_SHM_DESTROY) {
			/* its pages stay taken: no one knows which they are */
			nk_svc_clear(&t, NK_SVC_INDEX(r->id));
			return 0;
		}
		return err;
	}
	return nk_shm_by_id(c, s);
}
